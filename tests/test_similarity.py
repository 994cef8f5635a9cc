"""The same-story score: calibrated, ordered by evidence, explained."""

from __future__ import annotations

from pressecho.model import Passage
from pressecho.relate.features import compound_head, term_grams, text_features
from pressecho.relate.similarity import SAME_STORY, compare, same_story_score

KIM_A = (
    "Putin und Kim treffen sich in Wladiwostok. Der russische Präsident Wladimir Putin und Nordkoreas "
    "Machthaber Kim Jong Un sind am Donnerstag in Wladiwostok zu ihrem ersten Gipfel zusammengetroffen."
)
KIM_B = (
    "Kremlchef Putin fordert Sicherheitsgarantien für Nordkorea. Nach seinem ersten Treffen mit Machthaber "
    "Kim Jong Un in Wladiwostok sprach sich Putin für internationale Garantien aus."
)
STRIKE = (
    "Lokführer legen Regionalverkehr in Sachsen lahm. Die Gewerkschaft der Lokführer hat am Mittwochmorgen "
    "zu einem Streik aufgerufen, Pendler in Dresden und Leipzig warten vergeblich auf ihre Züge."
)


def test_same_story_scores_high_and_different_stories_low() -> None:
    a, b, c = (text_features(n, None, t) for n, t in (("a", KIM_A), ("b", KIM_B), ("c", STRIKE)))
    same, different = same_story_score(a, b), same_story_score(a, c)
    assert 0.0 <= different < SAME_STORY <= same <= 1.0
    ev = compare(a, b)
    assert ev.same_story and "putin" in ev.shared_terms and ev.score == same


def test_shared_passages_raise_the_score_of_articles_with_something_else_in_common() -> None:
    a = text_features("a", None, KIM_A)
    c = text_features("c", None, STRIKE + " Auch in Wladiwostok wurde gestreikt.")  # one word in common
    long_passage = [Passage("a", 0, 600, "c", 0, 600, 1.0)]
    assert same_story_score(a, c, long_passage) > SAME_STORY > same_story_score(a, c)
    assert compare(a, c, long_passage).shared_passage_chars == 600


def test_a_shared_passage_alone_is_a_banner_not_a_story() -> None:
    """Texts that share a long stretch and not a word besides share a cookie banner or a footer."""
    a, c = text_features("a", None, KIM_A), text_features("c", None, STRIKE)
    long_passage = [Passage("a", 0, 600, "c", 0, 600, 1.0)]
    assert compare(a, c).cosine == 0.0
    assert same_story_score(a, c, long_passage) == same_story_score(a, c) < SAME_STORY


def test_compounds_share_their_head() -> None:
    assert compound_head("sicherheitsgarantie") == "garantie"
    assert compound_head("haus") is None


def test_time_gap_is_evidence_not_score() -> None:
    a = text_features("a", None, KIM_A, published="2019-04-25T10:00")
    b = text_features("b", None, KIM_B, published="2019-04-26T12:00")
    assert compare(a, b).time_gap_hours == 26.0


def test_a_time_without_zone_in_a_german_article_is_central_european() -> None:
    """Outlets state "14:00" or "14:00+02:00" for the same moment; "hours apart" must not be off by the
    zone. In summer Central European time is UTC+2, in winter UTC+1; an unknown language keeps the time
    as stated."""
    stated = text_features("a", None, KIM_A, published="2019-04-25T14:00", language="de")
    zoned = text_features("b", None, KIM_B, published="2019-04-25T13:30+02:00", language="de")
    assert compare(stated, zoned).time_gap_hours == 0.5
    winter = text_features("c", None, KIM_B, published="2019-01-25T14:00", language="de")
    assert winter.published is not None and winter.published.hour == 13
    unknown = text_features("d", None, KIM_B, published="2019-04-25T14:00")
    assert unknown.published is not None and unknown.published.hour == 14
    day_only = text_features("e", None, KIM_B, published="2019-04-25", language="de")
    assert day_only.published is not None and day_only.published.hour == 12


def test_articles_in_other_languages_are_not_one_story() -> None:
    """Shared names and numbers across languages are a topic, not evidence of one event."""
    english = "Putin and Kim met in Vladivostok on Thursday for their first summit, Kim Jong Un said 2019."
    a = text_features("a", None, KIM_A + " 2019", language="de")
    b = text_features("b", None, english, language="en")
    assert compare(a, b).cosine == 0.0 and same_story_score(a, b) < SAME_STORY
    unknown = text_features("b", None, english)  # a language not detected: compared as before
    assert compare(a, unknown).cosine > 0.0


def test_spelling_variants_of_one_word_overlap_as_grams() -> None:
    """A compound in one article is two words in the other: the word cosine misses it, the grams don't."""
    a = text_features("a", None, "Die Flüchtlingskrise beschäftigt die Regierung in Berlin.")
    b = text_features("b", None, "In der Flüchtlings-Krise berät die Regierung in Berlin.")
    c = text_features("c", None, "Lokführer streiken in Sachsen, Pendler warten auf Züge.")
    assert "flüchtlingskrise" in a.terms and "flüchtlingskrise" not in b.terms
    related, unrelated = compare(a, b), compare(a, c)
    assert related.grams > related.cosine + 0.3 and related.grams > 2 * unrelated.grams
    kohl, kohle = term_grams({"kohl": 1.0}), term_grams({"kohle": 1.0})  # word ends are marked
    assert "kohl>" in kohl and "kohl>" not in kohle and abs(sum(w * w for w in kohle.values()) - 1) < 1e-9
    # a word no dictionary knows (a name) matches only whole: names of different people share syllables
    assert term_grams({"krohalwenfenost": 1.0}).keys().isdisjoint(term_grams({"fenostkrohal": 1.0}))


def test_agency_codes_are_not_evidence() -> None:
    """Every dpa-AFX story starts with "WIEN (dpa-AFX)": the code says nothing about the story."""
    a = text_features("a", None, "WIEN (dpa-AFX) - Österreich will wieder Zuschauer in die Stadien lassen.")
    b = text_features("b", None, "BERLIN (dpa-AFX) - Der Vizekanzler hofft auf einen globalen Lerneffekt.")
    assert not {"dpa", "afx"} & (a.terms.keys() | b.terms.keys())
    assert compare(a, b).cosine == 0.0


def test_function_words_of_other_languages_are_not_terms() -> None:
    # two Spanish reports of one evening on unrelated events (a trial in Bolivia, school tests in
    # Mendoza): their only common capitalised words are "El" and "En", which the German background
    # model takes for rare words
    trial = (
        "Juicio por el caso golpe entra en la recta final. El tribunal escuchará este martes los alegatos. "
        "En la audiencia, la defensa pidió la absolución de la expresidenta."
    )
    schools = (
        "El año de las evaluaciones en Mendoza. El gobierno provincial anunció tres pruebas de calidad. "
        "En las escuelas secundarias los alumnos rendirán exámenes de lengua y matemática."
    )
    when = "2022-05-03T22:00"
    a = text_features("a", None, trial, published=when, language="es")
    b = text_features("b", None, schools, published=when, language="es")
    assert not {"el", "en", "la"} & (set(a.terms) | set(b.terms))
    assert not compare(a, b).same_story
    # German articles keep their terms as before (German function words have their own list)
    assert text_features("k", None, KIM_A, language="de").terms == text_features("k", None, KIM_A).terms


def test_an_entitys_role_is_not_a_name_articles_share() -> None:
    """'Bürgermeisterin' and 'Kreisbrandmeister' are in many unrelated stories; 'Lorenz' is not."""
    from pressecho.model import Article, Entity, Mention, Paragraph
    from pressecho.relate.features import text_features

    text = "Bürgermeisterin Anna Lorenz dankte der Feuerwehr. Die Bürgermeisterin sprach von Glück."
    article = Article.from_paragraphs("a", [Paragraph("text", text)])
    article.entities = [
        Entity(
            "e1",
            "PER",
            "Anna Lorenz",
            [Mention(16, 27, "Anna Lorenz", "PER"), Mention(54, 69, "Bürgermeisterin", "PER")],
            aliases=["Bürgermeisterin", "Lorenz"],
        )
    ]
    names = text_features("a", None, text, article=article).names
    assert {"anna", "lorenz"} <= set(names) and "bürgermeisterin" not in names
