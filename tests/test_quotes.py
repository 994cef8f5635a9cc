"""German quotations: quote-mark pairing, lexicons, the GermEval scorer, the seeds' acceptance and
unit cases for every quote style, split and nested quotes, "so"/"laut"/"zufolge", pronoun and
role-noun speakers and breadcrumbs that are not quotes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, need_shared
from pressecho.language.de.quote_features import DocView, canonical_marks, lexicon, pair_quote_marks
from pressecho.language.de.quote_speakers import fallback_entities
from pressecho.language.de.quotes import annotate, find_quotes
from pressecho.language.de.sentences import split_article
from pressecho.model import Article, Paragraph, Quote

sys.path.insert(0, str(ROOT / "bench"))
import quotes as bench_quotes  # noqa: E402


def article(*paragraphs: str, headings: tuple[int, ...] = ()) -> Article:
    return Article.from_paragraphs(
        "test", [Paragraph("heading" if k in headings else "text", p) for k, p in enumerate(paragraphs)]
    )


def quotes_of(*paragraphs: str, headings: tuple[int, ...] = ()) -> list[Quote]:
    return find_quotes(article(*paragraphs, headings=headings))


def only(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


# ---------------------------------------------------------------------------------------------
# quote marks and lexicons (no model)


@pytest.mark.parametrize(
    ("tokens", "spans"),
    [
        ("„ a b “ c".split(), [(0, 3)]),
        ("« a b » c".split(), [(0, 3)]),
        ("» a b « c".split(), [(0, 3)]),
        ("“ a b ” c".split(), [(0, 3)]),
        ("‹ a › c".split(), [(0, 2)]),
        ('" a b " c " d "'.split(), [(0, 3), (5, 7)]),
        ("„ a ‚ b ‘ c “".split(), [(0, 6), (2, 4)]),
        ("« a ‹ b › c »".split(), [(0, 6), (2, 4)]),
    ],
)
def test_quote_marks_pair_in_every_style(tokens: list[str], spans: list[tuple[int, int]]) -> None:
    assert pair_quote_marks(tokens).spans == spans


def test_stray_and_runaway_marks_are_left_unpaired() -> None:
    assert pair_quote_marks("a “ b c".split()).spans == []  # a closing mark with no opener (German style)
    marks = pair_quote_marks(["„"] + ["x"] * 300 + ["“"], max_span=250)
    assert marks.spans == []


def test_canonical_marks_make_swiss_and_english_quotes_look_german() -> None:
    tokens = '« a » “ b ” " c'.split()
    assert canonical_marks(tokens, pair_quote_marks(tokens)) == ["„", "a", "“", "„", "b", "“", '"', "c"]


def test_speech_lexicon_covers_inflected_and_separable_forms() -> None:
    lex = lexicon()
    for form, lemma in [
        ("sagte", "sagen"),
        ("gesagt", "sagen"),
        ("erklärte", "erklären"),
        ("bezeichnete", "bezeichnen"),
        ("mitgeteilt", "mitteilen"),
        ("kündigte", "ankündigen"),
        ("sprach", "sprechen"),
        ("äusserte", "äussern"),
        ("kritisiert", "kritisieren"),
    ]:
        assert lex.forms.get(form) == lemma, form
    assert "mit" in lex.particles["teilte"]
    assert "sei" in lex.subjunctive and "hätten" in lex.subjunctive
    assert lex.is_statement_noun("Polizeiangaben") and lex.is_person_role("Regierungssprecher")
    assert lex.is_role_noun("US-Botschaft") and not lex.is_person_role("US-Botschaft")


# ---------------------------------------------------------------------------------------------
# the GermEval 2023 scorer (bench/quotes.py)


def _doc(annotations: list[dict]) -> dict:
    return {
        "Sentences": [{"SentenceId": 0, "Tokens": "Er sagte , sie komme morgen .".split()}],
        "Annotations": annotations,
    }


def _ann(msg: list[str], cue: list[str], src: list[str], form: str = "Indirect") -> dict:
    return {
        "Message": msg,
        "Cue": cue,
        "Source": src,
        "Addr": [],
        "Frame": [],
        "Form": form,
        "STWR": "Speech",
    }


def test_scorer_perfect_empty_and_partial() -> None:
    gold = _doc([_ann(["0:3", "0:4", "0:5"], ["0:1"], ["0:0"])])
    perfect = bench_quotes.score([(gold, gold)])
    assert perfect["full"]["joint"]["f1"] == 100.0 and perfect["simplified"]["joint"]["f1"] == 100.0
    nothing = bench_quotes.score([(_doc([]), gold)])
    assert nothing["full"]["joint"]["f1"] == 0.0
    # message half right, cue right, source missing: per-pair macro values
    partial = bench_quotes.score([(_doc([_ann(["0:4", "0:5", "0:6"], ["0:1"], [])]), gold)])["full"]
    assert partial["Message"]["p"] == pytest.approx(66.67, abs=0.01)
    assert partial["Message"]["r"] == pytest.approx(66.67, abs=0.01)
    assert partial["Cue"]["f1"] == 100.0
    assert (
        partial["Source"]["r"] == 0.0 and partial["Source"]["p"] == 0.0
    )  # precision undefined -> none averaged


def test_scorer_matches_one_to_one_by_message_overlap() -> None:
    gold = _doc([_ann(["0:3"], ["0:1"], ["0:0"]), _ann(["0:4", "0:5"], ["0:1"], ["0:0"])])
    swapped = _doc([_ann(["0:4", "0:5"], ["0:1"], ["0:0"]), _ann(["0:3"], ["0:1"], ["0:0"])])
    assert bench_quotes.score([(swapped, gold)])["full"]["joint"]["f1"] == 100.0


# ---------------------------------------------------------------------------------------------
# token entry point (what the bench runs)


def test_annotate_writes_germeval_addresses() -> None:
    sentences = [
        "Der Sprecher der Polizei sagte , der Täter sei geflohen .".split(),
        "„ Wir suchen ihn “ , sagte er .".split(),
    ]
    annotations = annotate(sentences)
    assert annotations
    for a in annotations:
        for role in ("Message", "Cue", "Source", "Addr", "Frame"):
            for addr in a[role]:
                s, t = map(int, addr.split(":"))
                assert 0 <= s < len(sentences) and 0 <= t < len(sentences[s])
        assert a["Form"] in ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
    forms = {a["Form"] for a in annotations}
    assert {"Direct", "Indirect"} <= forms
    direct = next(a for a in annotations if a["Form"] == "Direct")
    assert direct["Message"] == [f"1:{t}" for t in range(5)]  # marks included, as GermEval does
    assert annotate([]) == []


# ---------------------------------------------------------------------------------------------
# articles: styles, split and nested quotes, so/laut/zufolge, speakers, non-quotes

STYLES = [
    ("«", "»"),
    ("»", "«"),
    ("„", "“"),
    ("“", "”"),
    ("‹", "›"),
    ('"', '"'),
]


@pytest.mark.parametrize(("left", "right"), STYLES)
def test_direct_quote_in_every_style(left: str, right: str) -> None:
    quotes = quotes_of(
        "Bundeskanzlerin Angela Merkel besuchte am Montag die Werft in Kiel.",
        f"{left}Wir werden diesen Standort nicht aufgeben{right}, sagte Merkel vor den Beschäftigten.",
    )
    direct = only(quotes, "direct")
    assert [q.text for q in direct] == ["Wir werden diesen Standort nicht aufgeben"]
    q = direct[0]
    assert q.cue == "sagte" and q.speaker == "Angela Merkel"
    a = article(
        "Bundeskanzlerin Angela Merkel besuchte am Montag die Werft in Kiel.",
        f"{left}Wir werden diesen Standort nicht aufgeben{right}, sagte Merkel vor den Beschäftigten.",
    )
    find_quotes(a)
    got = a.quotes[[x.kind for x in a.quotes].index("direct")]
    assert a.text[got.start : got.end] == got.text
    assert a.text[got.cue_start : got.cue_end] == "sagte"
    assert a.text[got.speaker_start : got.speaker_end] == "Merkel"


def test_split_quote_is_one_quotation() -> None:
    quotes = quotes_of(
        "Der Bürgermeister Klaus Berger stellte am Dienstag den Haushalt vor.",
        "«Wir müssen sparen», sagte Berger, «und zwar überall, auch bei den Schulen.»",
    )
    direct = only(quotes, "direct")
    assert len(direct) == 1
    assert direct[0].text == "Wir müssen sparen … und zwar überall, auch bei den Schulen."
    assert direct[0].speaker == "Klaus Berger" and direct[0].cue == "sagte"


def test_nested_quote_stays_inside_the_outer_one() -> None:
    quotes = quotes_of(
        "Die Ministerin Anna Keller sprach am Abend in Bern.",
        "«Wer von ‹Sparen› redet, muss auch sagen, wo», sagte Keller.",
    )
    direct = only(quotes, "direct")
    assert [q.text for q in direct] == ["Wer von ‹Sparen› redet, muss auch sagen, wo"]
    assert direct[0].speaker == "Anna Keller"


def test_partial_quote_inside_indirect_speech() -> None:
    quotes = quotes_of(
        "Der Verband kritisierte den Plan der Regierung.",
        "Das Vorhaben sei «völlig unausgegoren», sagte Verbandschef Peter Brandt.",
    )
    assert any(
        q.kind == "direct" and q.text == "völlig unausgegoren" and q.speaker == "Peter Brandt" for q in quotes
    )
    assert any(q.kind == "indirect" and q.text.startswith("Das Vorhaben sei") for q in quotes)


@pytest.mark.parametrize(
    ("paragraph", "cue", "speaker", "text"),
    [
        ("Die Lage sei ernst, so Innenminister Thomas Weber.", "so", "Thomas Weber", "Die Lage sei ernst"),
        (
            "Laut Polizei sei der Täter mit einem Auto geflohen.",
            "Laut",
            "Polizei",
            "sei der Täter mit einem Auto geflohen",
        ),
        (
            "Dem Bericht zufolge seien im vergangenen Jahr drei Menschen ums Leben gekommen.",
            "zufolge",
            "Bericht",
            "seien im vergangenen Jahr drei Menschen ums Leben gekommen",
        ),
    ],
)
def test_indirect_speech_with_so_laut_zufolge(paragraph: str, cue: str, speaker: str, text: str) -> None:
    quotes = quotes_of("Am Montag wurde in Hamburg über den Vorfall berichtet.", paragraph)
    indirect = only(quotes, "indirect")
    assert len(indirect) == 1
    q = indirect[0]
    assert q.cue == cue and q.text == text
    assert speaker in (q.speaker or "")


def test_indirect_speech_with_speech_verb_and_continuation() -> None:
    quotes = quotes_of(
        "Der Sprecher der Stadtwerke, Martin Vogel, sagte am Mittwoch, die Leitung sei repariert. "
        "Die Kunden müssten aber noch bis Freitag Wasser abkochen."
    )
    indirect = only(quotes, "indirect")
    assert [q.text for q in indirect] == [
        "die Leitung sei repariert",
        "Die Kunden müssten aber noch bis Freitag Wasser abkochen.",
    ]
    assert indirect[0].cue == "sagte" and indirect[1].cue is None
    assert indirect[0].speaker == indirect[1].speaker


def test_pronoun_speaker_resolves_to_the_person() -> None:
    quotes = quotes_of(
        "Die Trainerin Maria Huber hat ihren Vertrag beim FC Musterstadt verlängert.",
        "«Ich fühle mich hier zu Hause», sagte sie am Freitag.",
    )
    direct = only(quotes, "direct")
    assert len(direct) == 1
    assert direct[0].speaker_mention == "sie" and direct[0].speaker == "Maria Huber"


def test_a_pronoun_is_not_the_person_of_the_other_gender() -> None:
    """ "er" after a Finanzministerin was mentioned last is the SP-Präsident; "sie" the Ministerin."""
    quotes = quotes_of(
        "SP-Präsident Cédric Wermuth kritisierte den Plan am Mittwoch in Bern scharf.",
        "Finanzministerin Karin Keller-Sutter verteidigte den Entscheid.",
        "Die Lage sei ernst, sagte er.",
        "«Wir müssen jetzt handeln», sagte sie.",
    )
    speakers = {q.speaker_mention.lower(): q.speaker for q in quotes if q.speaker_mention}
    assert speakers == {"er": "Cédric Wermuth", "sie": "Karin Keller-Sutter"}


def test_addressee_and_setting_are_not_the_speaker() -> None:
    """ "sagte sie gegenüber Radio SRF" is her, not SRF; "Baerbock der NZZ" is Baerbock; a name in
    apposition after a spokesman's office is who speaks."""
    quotes = quotes_of(
        "Bundesrätin Elisabeth Baume-Schneider wies die Drohung am Montag zurück.",
        "«Das ist nicht der richtige Weg», sagte sie gegenüber Radio SRF.",
        "«Die Lage ist ernst», sagte Aussenministerin Annalena Baerbock der NZZ.",
        "«Wir ermitteln», sagte der Sprecher der Kantonspolizei Zürich, Marco Bisa.",
    )
    by_text = {q.text: q for q in quotes}
    first = by_text["Das ist nicht der richtige Weg"]
    assert (first.speaker, first.speaker_mention) == ("Elisabeth Baume-Schneider", "sie")
    second = by_text["Die Lage ist ernst"]
    assert second.speaker == "Annalena Baerbock"
    assert second.speaker_mention == "Aussenministerin Annalena Baerbock"
    third = by_text["Wir ermitteln"]
    assert third.speaker == "Marco Bisa" and third.speaker_entity is not None


def test_a_statement_noun_names_who_gave_it_or_no_one() -> None:
    quotes = quotes_of(
        "Rund 80 Menschen mussten ihre Häuser verlassen, teilte das Landratsamt in der Nacht mit.",
        "Innerhalb von zwei Stunden fielen nach Angaben von Meteorologen 90 Liter Regen.",
        "Weitere Verletzte gab es nach bisherigen Erkenntnissen nicht.",
    )
    speakers = {q.text.split()[0]: q.speaker for q in quotes}
    assert speakers.get("Rund") == "Landratsamt"
    assert speakers.get("Innerhalb") in (None, "Meteorologen")
    assert all(not (q.speaker or "").endswith("Erkenntnissen") for q in quotes)
    assert all("Angaben" not in (q.speaker or "") for q in quotes)


def test_a_speaker_in_the_genitive_is_named_in_its_base_form() -> None:
    """A speaker named in the genitive ("nach Einschätzung des Bundesrates") is the same speaker as
    "der Bundesrat teilte mit", so who said what groups them; a lemma that is not the word's own stem
    ("Prozeß" of "Prozesses") is not taken."""
    quotes = quotes_of(
        "Die Versicherung rechnet nach Einschätzung des Bundesrates mit hohen Kosten.",
        "Nach Angaben des Unternehmens fielen zunächst rund drei Viertel aller Züge aus.",
    )
    speakers = {q.text.split()[0]: q.speaker for q in quotes}
    assert speakers.get("Die") == "Bundesrat"
    assert speakers.get("fielen") == "Unternehmen"
    from pressecho.language.de.entities import nominative

    assert nominative("Bundesrates") == "Bundesrat" and nominative("Prozesses") == "Prozesses"
    assert nominative("Polizei") == "Polizei"


def test_people_of_local_news_are_role_nouns_and_an_unnamed_one_keeps_their_phrase() -> None:
    named = quotes_of(
        "Gisela Hartmann wohnt seit 41 Jahren in der Bachgasse. „Das Wasser stand plötzlich im "
        "Wohnzimmer“, erzählt die Rentnerin."
    )
    assert [(q.speaker, q.speaker_mention) for q in named] == [("Gisela Hartmann", "die Rentnerin")]
    unnamed = quotes_of(
        "„Ich habe meine gesamte Altersvorsorge verloren“, sagte eine 71 Jahre alte Rentnerin aus Senftenberg."
    )
    assert [q.speaker for q in unnamed] == ["71 Jahre alte Rentnerin aus Senftenberg"]


def test_a_speech_verb_after_lassen_has_its_subject_as_speaker() -> None:
    """ "ließ der Verband verlauten", "ließ die Firma mitteilen": the cue is both verbs, the speaker
    the subject between them (the infinitive at the clause's end has nothing after it)."""
    for paragraph, cue, speaker in (
        (
            "Die Stadt habe jahrelang über ihre Verhältnisse gelebt, ließ der Verband verlauten.",
            "ließ verlauten",
            "Verband",
        ),
        ("Man werde das prüfen, ließ die Firma mitteilen.", "ließ mitteilen", "Firma"),
        (
            "Die Stadt habe jahrelang über ihre Verhältnisse gelebt, ließ der Verband am Montag verlauten.",
            "ließ verlauten",
            "Verband",
        ),
    ):
        assert [(q.cue, q.speaker) for q in quotes_of(paragraph)] == [(cue, speaker)]


def test_a_labelled_quotation_is_the_labels_words() -> None:
    """ "Polizei Auenfeld: «…»" (a ticker's or a social post's form) is the police's, not the words of the
    person named in the next paragraph."""
    quotes = quotes_of(
        "Polizei Auenfeld: «Bitte meiden Sie den Bereich»",
        "Stadtsprecherin Kim Berger: «Wir informieren laufend.»",
    )
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [
        ("Polizei Auenfeld", "Polizei Auenfeld"),
        ("Kim Berger", "Stadtsprecherin Kim Berger"),
    ]


def test_a_message_that_runs_on_into_its_own_cue_clause_is_cut_there() -> None:
    """After indirect speech the model reads "Die Straße sei gefährlich, ließ der Verband verlauten." as a
    continuation, cue clause and all: the clause after the comma is the cue and its subject the speaker."""
    quotes = quotes_of(
        "In einer Mitteilung heißt es, die Arbeiten dauerten bis Ende Mai.",
        "Die Straße sei gefährlich, ließ der Verband verlauten.",
    )
    last = quotes[-1]
    assert (last.text, last.cue, last.speaker) == ("Die Straße sei gefährlich", "ließ verlauten", "Verband")
    first = quotes[0]  # "heißt es": a cue whose "es" is nobody
    assert (first.cue, first.speaker) == ("heißt", None)


def test_role_noun_head_and_quotes_that_are_no_ones_words() -> None:
    """ "Die Ministerin" is the Aussenministerin, not the last person named; a plain report with
    no cue and no subjunctive is no quotation; «Erpressung» after a sentence with another speech
    verb is the words of the one who "sprach von" it."""
    quotes = quotes_of(
        "«Die Lage ist ernst», sagte Aussenministerin Annalena Baerbock am Dienstag.",
        "Nordkoreas Machthaber Kim Jong Un traf sich mit Putin. Laut Polizeisprecher Marco Bisa blieb es ruhig.",
        "Die Ministerin sagte: „Wir brauchen mehr Geld für die Bildung.“",
        "Auch die FDP kritisierte die Gewerkschaften. Parteipräsident Thierry Burkart sprach von «Erpressung».",
    )
    by_text = {q.text: q for q in quotes}
    assert by_text["Wir brauchen mehr Geld für die Bildung."].speaker == "Annalena Baerbock"
    assert not any("Kim Jong Un traf" in q.text for q in quotes)
    assert by_text["Erpressung"].speaker == "Thierry Burkart"


def test_interview_answers_are_the_interviewees_words() -> None:
    quotes = quotes_of(
        "Der SGB-Präsident Pierre-Yves Maillard droht mit einem Streik.",
        "NZZ: Herr Maillard, drohen Sie dem Parlament?",
        "Maillard: Nein. Wir informieren nur über unsere Möglichkeiten.",
        "Frage: Und wenn das Volk Nein sagt?",
        "Maillard: Dann akzeptieren wir das selbstverständlich.",
    )
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [
        ("Nein. Wir informieren nur über unsere Möglichkeiten.", "direct", "Pierre-Yves Maillard"),
        ("Dann akzeptieren wir das selbstverständlich.", "direct", "Pierre-Yves Maillard"),
    ]


def test_role_noun_speaker_resolves_to_the_nearest_fitting_person() -> None:
    quotes = quotes_of(
        "Die Einladung hatte Präsident Karl Lindner schon im Mai ausgesprochen. Am Mittwoch dann traf "
        "Johannes Berg in der Hauptstadt ein – zwei Jahre nachdem sein Vater sich mit dem damaligen "
        "Präsidenten Otto Kranz getroffen hatte.",
        "«Das ist nur der erste Schritt», sagte der 35-Jährige nach dem Empfang.",
    )
    direct = only(quotes, "direct")
    assert len(direct) == 1
    assert direct[0].speaker_mention == "der 35-Jährige" and direct[0].speaker == "Johannes Berg"


def test_breadcrumbs_titles_and_compounds_are_not_quotes() -> None:
    assert quotes_of("Mehr «International»") == []
    assert quotes_of("Der Kanzler reist zum «Seidenstrassen»-Gipfel nach Peking.") == []
    assert quotes_of("Das Album «A Bigger Bang» erschien im Jahr 2005.") == []
    assert quotes_of("") == []


def test_a_cue_less_quote_in_a_heading_is_not_reported() -> None:
    quotes = quotes_of(
        "Der Trainer Jens Albrecht zog nach dem Spiel Bilanz.",
        "«Nur der erste Schritt»",
        "«Das ist nur der erste Schritt», sagte Albrecht.",
        headings=(1,),
    )
    assert [q.text for q in quotes] == ["Das ist nur der erste Schritt"]


def test_fallback_entities_find_people_without_the_entity_module() -> None:
    a = article(
        "Der russische Präsident Wladimir Putin und Nordkoreas Machthaber Kim Jong Un trafen sich. "
        "Putin sagte, das Treffen sei gut gewesen. Kims Gipfel mit Trump war gescheitert."
    )
    a.sentences = split_article(a)
    names = {e.name: [m.text for m in e.mentions] for e in fallback_entities(a)}
    assert names["Wladimir Putin"] == ["Wladimir Putin", "Putin"]
    assert "Kim Jong Un" in names
    assert not any("Gipfel" in n for n in names)


# ---------------------------------------------------------------------------------------------
# the seeds: acceptance

# Quotations in the seeds that the gold file does not list but that are genuine (decided here):
# «inhaltsvoll» is a short partial quote of what Kim and Putin said; the subjunctive sentences
# continue reported speech; “das Recht des Stärkeren” is Putin's words inside his reported speech;
# "Putin bezeichnete seinen Dialog mit Kim als konstruktiv" reports what Putin said.
NOT_IN_GOLD_BUT_GENUINE = (
    "inhaltsvoll",
    "Nach russischen Angaben",
    "zunächst nicht geplant, dass Vereinbarungen unterzeichnet werden",
    "Die Luftmanöver gefährdeten die Beziehungen",
    "Durch den geänderten Codenamen",
    "So könne der Atomstreit gelöst werden",
    "das Recht des Stärkeren",
    "Nur die Einhaltung internationalen Rechts",
    "Russland unterstütze entsprechende Bemühungen",
    "Die Gespräche mit ihm sollten auch dazu dienen",
    "Die Militärübung der USA und Südkoreas könne",
    "dass Vereinbarungen unterzeichnet werden",
    "seinen Dialog mit Kim als konstruktiv",
)
SPURIOUS = ("International", "Seidenstrassen", "Nur der erste Schritt")


def _norm(text: str) -> str:
    return " ".join(text.replace("«", "").replace("»", "").replace("“", "").replace("”", "").split()).strip(
        " ."
    )


def _seed_articles(seeds: Path) -> list[tuple[str, Article]]:
    out = []
    for path in sorted(seeds.glob("0*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append(
            (
                data["file"],
                article(
                    *[p["text"] for p in data["paragraphs"]],
                    headings=tuple(k for k, p in enumerate(data["paragraphs"]) if p["kind"] == "heading"),
                ),
            )
        )
    return out


@pytest.fixture(scope="module")
def seed_results() -> list[tuple[list[dict], list[Quote]]]:
    seeds = need_shared(SEEDS)
    gold = json.loads((seeds / "quotes.gold.json").read_text(encoding="utf-8"))["quotes"]
    return [(gold[name], find_quotes(a)) for name, a in _seed_articles(seeds)]


def _found(g: dict, quotes: list[Quote]) -> Quote | None:
    """The predicted quotation for a gold one: same kind, and the same words (one may be cut)."""
    want = _norm(g["text"])
    for q in quotes:
        got = _norm(q.text)
        if (
            q.kind == g["type"]
            and (want in got or got in want)
            and min(len(got), len(want)) >= 0.6 * len(want)
        ):
            return q
    return None


def test_seeds_every_direct_quote_with_its_speaker(seed_results: list) -> None:
    for gold, quotes in seed_results:
        for g in (g for g in gold if g["type"] == "direct"):
            q = _found(g, quotes)
            assert q is not None, g["text"]
            assert q.speaker == g["speaker"], (g["text"], q.speaker)


def test_seeds_indirect_quotes_with_their_speakers(seed_results: list) -> None:
    hits = 0
    total = 0
    for gold, quotes in seed_results:
        for g in (g for g in gold if g["type"] == "indirect"):
            total += 1
            q = _found(g, quotes)
            hits += q is not None and q.speaker == g["speaker"]
    assert total == 6  # the gold file lists 6 indirect quotations (the issue text says 7)
    assert hits >= 5


def test_seeds_nothing_spurious(seed_results: list) -> None:
    for gold, quotes in seed_results:
        for q in quotes:
            assert not any(s in q.text for s in SPURIOUS), q.text
            listed = any(
                _norm(g["text"])[:30] in _norm(q.text) or _norm(q.text) in _norm(g["text"]) for g in gold
            )
            genuine = any(s in q.text for s in NOT_IN_GOLD_BUT_GENUINE)
            assert listed or genuine, q.text


def test_odd_input_gives_no_error() -> None:
    assert annotate([[], ["„"], ["«", "»", "“"], ["x"] * 3]) is not None
    assert annotate([["„"] + ["Wort"] * 400]) is not None  # an opening mark that never closes
    a = article("«", "»»»", "… sagte er.")
    assert isinstance(find_quotes(a), list)


def test_attaching_runs_by_nearby_anchors_equals_trying_every_anchor() -> None:
    """Runs (cue, source words) go to the nearest anchor within MAX_ATTACH, found by position; the
    answer must be the one a comparison with every anchor gives."""
    import random

    from pressecho.language.de import quotes as q
    from pressecho.language.de.quote_features import DocView

    def brute(runs: list[list[int]], anchors: list[list[int]], doc: DocView) -> list[list[int]]:
        got: list[list[int]] = [[] for _ in anchors]
        for run in runs:
            scored = [(q._distance(run, anchor, doc), k) for k, anchor in enumerate(anchors) if anchor]
            if scored and min(scored)[0] <= q.MAX_ATTACH:
                got[min(scored)[1]].extend(run)
        return [sorted(g) for g in got]

    rng = random.Random(7)
    for _ in range(200):
        sentences = [["w"] * rng.randint(1, 30) for _ in range(rng.randint(1, 12))]
        doc = DocView(sentences)
        n = len(doc.tokens)
        starts = sorted(rng.sample(range(n), min(n, rng.randint(0, 8))))
        runs = [list(range(s, min(n, s + rng.randint(1, 3)))) for s in starts]
        anchors = [sorted(rng.sample(range(n), min(n, rng.randint(0, 4)))) for _ in range(rng.randint(0, 6))]
        assert q._attach(runs, anchors, doc) == brute(runs, anchors, doc)


# ---------------------------------------------------------------------------------------------
# speakers the model leaves out or gets partly wrong: the rules that find or mend them


def _view(*sentences: str) -> DocView:
    return DocView([s.split() for s in sentences])


def _span(doc: DocView, words: str, start: int = 0) -> list[int]:
    """Flat indices of the first occurrence of ``words`` at or after ``start``."""
    want = words.split()
    for i in range(start, len(doc.tokens) - len(want) + 1):
        if doc.tokens[i : i + len(want)] == want:
            return list(range(i, i + len(want)))
    raise AssertionError(words)


def _words(doc: DocView, tokens: list[int]) -> str:
    return " ".join(doc.tokens[i] for i in tokens)


@pytest.mark.parametrize(
    ("sentence", "cue", "message", "speaker"),
    [
        ("Am Montag sagte der Minister , er sei zufrieden .", "sagte", "er sei zufrieden", "der Minister"),
        (
            "Wie t-online.de berichtet , ist der Trailer erschienen .",
            "berichtet",
            "ist der Trailer erschienen",
            "t-online.de",
        ),
        (
            "Mamadou hatte die Änderung damit begründet , dass er Zeit brauche .",
            "begründet",
            "dass er Zeit brauche",
            "Mamadou",
        ),
        (
            "So hatte der Minister Otto Schily noch im Mai zugesichert , alles sei sicher .",
            "zugesichert",
            "alles sei sicher",
            "der Minister Otto Schily",
        ),
        (
            "Indem sie darauffolgend ausführen , die Weisheit sei kein Grundsatz .",
            "ausführen",
            "die Weisheit sei kein Grundsatz",
            "sie",
        ),
        (
            "Der Bürgermeister von New Orleans forderte , alle sollten gehen .",
            "forderte",
            "alle sollten gehen",
            "Der Bürgermeister von New Orleans",
        ),
        (
            "Klien wurde vorgeworfen , beteiligt gewesen zu sein .",
            "vorgeworfen",
            "beteiligt gewesen zu sein",
            "",
        ),
        ("Alles in allem kann man sagen , dass es ein Erfolg war .", "sagen", "dass es ein Erfolg war", ""),
        ("In seiner Rede nannte Trumps Angriff und sagte , er sei schnell .", "sagte", "er sei schnell", ""),
    ],
)
def test_subject_of_a_cue_the_model_left_without_source(
    sentence: str, cue: str, message: str, speaker: str
) -> None:
    from pressecho.language.de.quotes import QuoteSpan, _subject_of_cue

    doc = _view(sentence)
    q = QuoteSpan("Indirect", _span(doc, message), cue=_span(doc, cue))
    assert _words(doc, _subject_of_cue(q, doc)) == speaker


def test_a_fronted_word_is_no_subject_but_a_name_that_recurs_is() -> None:
    from pressecho.language.de.quotes import QuoteSpan, _subject_of_cue

    doc = _view("Besorgt äußerte sich Kofi Annan , die Lage sei ernst .")
    q = QuoteSpan("Indirect", _span(doc, "die Lage sei ernst"), cue=_span(doc, "äußerte"))
    assert _words(doc, _subject_of_cue(q, doc)) == "Kofi Annan"
    doc = _view("Podolski sagte , er freue sich .", "Der Verein lobte Podolski .")
    q = QuoteSpan("Indirect", _span(doc, "er freue sich"), cue=_span(doc, "sagte"))
    assert _words(doc, _subject_of_cue(q, doc)) == "Podolski"


def test_source_runs_that_are_objects_are_dropped() -> None:
    from pressecho.language.de.quotes import _subject_parts

    doc = _view("Die Botschaft in Riad teilte dem Sender CNN mit , niemand sei verletzt .")
    both = _span(doc, "Die Botschaft in Riad") + _span(doc, "dem Sender CNN")
    assert _words(doc, _subject_parts(both, doc)) == "Die Botschaft in Riad"
    # the pronoun points back to the dative phrase: keep both, let the resolver decide
    doc = _view("In einem Interview mit dem Anwalt sagte dieser , er sei krank .")
    both = _span(doc, "dem Anwalt") + _span(doc, "dieser")
    assert _subject_parts(both, doc) == both


def test_source_ends_are_trimmed_and_brackets_kept_whole() -> None:
    from pressecho.language.de.quotes import _trim

    doc = _view("zumal Verteidiger Wolfgang Dingfelder immer wieder betont hatte , er sei unschuldig .")
    assert _words(doc, _trim(_span(doc, "zumal Verteidiger Wolfgang Dingfelder immer wieder"), doc)) == (
        "Verteidiger Wolfgang Dingfelder"
    )
    doc = _view("Nach Angaben des Südwestrundfunks ( SWR ) ermittelt die Polizei .")
    assert _words(doc, _trim(_span(doc, "Angaben des Südwestrundfunks ( SWR )"), doc)) == (
        "Angaben des Südwestrundfunks ( SWR )"
    )
    doc = _view("Laut Die taz sei das so .")
    assert _words(doc, _trim(_span(doc, "Die taz"), doc)) == "Die taz"


def test_a_role_noun_source_takes_its_name_in_apposition() -> None:
    from pressecho.language.de.quotes import _extend_source

    doc = _view("Das reiche nicht , erklärte die Sprecherin der Organisation , Manuela Roßbach .")
    src = _span(doc, "die Sprecherin der Organisation")
    assert _words(doc, _extend_source(src, doc, set())) == "die Sprecherin der Organisation , Manuela Roßbach"
    doc = _view("Das reiche nicht , erklärte Gitta Trauernicht ( SPD ) am Abend .")
    assert (
        _words(doc, _extend_source(_span(doc, "Gitta Trauernicht"), doc, set()))
        == "Gitta Trauernicht ( SPD )"
    )
    # no role noun: a list after the comma is not an apposition
    doc = _view("Das reiche nicht , erklärte Kim , Anna Berg und andere .")
    assert _extend_source(_span(doc, "Kim"), doc, set()) == _span(doc, "Kim")


def test_cue_and_source_of_quotes_the_model_gave_none() -> None:
    from pressecho.language.de.quotes import (
        QuoteSpan,
        _colon_cue,
        _continue_direct,
        _speaker_before,
        _verb_cue,
    )

    # a colon before a direct quote in the same sentence
    doc = _view("Sie warnte vor einer Katastrophe : „ Weite Teile stehen unter Wasser . “")
    q = QuoteSpan("Direct", _span(doc, "„ Weite Teile stehen unter Wasser . “"))
    labels = ["O"] * len(doc.tokens)
    cue, source = _colon_cue(q, doc, labels)
    assert (_words(doc, cue), _words(doc, source)) == ("warnte", "Sie")
    doc = _view("Bundesinnenminister Schäuble : „ Wir können die Daten nicht vernichten . “")
    q = QuoteSpan("Direct", _span(doc, "„ Wir können die Daten nicht vernichten . “"))
    assert _colon_cue(q, doc, ["O"] * len(doc.tokens)) == ([], _span(doc, "Bundesinnenminister Schäuble"))
    # a speech verb next to a message
    doc = _view("Ein Tief habe das Festland erreicht , meldet die indische Behörde .")
    q = QuoteSpan("Indirect", _span(doc, "Ein Tief habe das Festland erreicht"))
    cue, source = _verb_cue(q, doc, set(q.message))
    assert (_words(doc, cue), _words(doc, source)) == ("meldet", "die indische Behörde")
    # a direct quote opening the sentence after another one continues it
    doc = _view("„ Es ist erschütternd “ , sagte Beck .", "„ Die Menschen sind traumatisiert . “")
    first = QuoteSpan(
        "Direct", _span(doc, "„ Es ist erschütternd “"), cue=_span(doc, "sagte"), source=_span(doc, "Beck")
    )
    second = QuoteSpan("Direct", _span(doc, "„ Die Menschen sind traumatisiert . “"))
    _continue_direct([first, second], doc)
    assert (second.cue, second.source) == (first.cue, first.source)
    # a continuation right after a sentence with a speech verb but no quotation: that verb's subject
    doc = _view(
        "Hubert Primus wies den Vorwurf zurück .", "In Zeiten knapper Kassen sei die Studie richtig ."
    )
    q = QuoteSpan("IndirectFreeIndirect", _span(doc, "In Zeiten knapper Kassen sei die Studie richtig ."))
    assert _words(doc, _speaker_before(q, doc, None)) == "Hubert Primus"


def test_swiss_spelling_of_a_speech_verb_is_a_cue() -> None:
    """'heisst es' (Swiss, no ß) reads as 'heißt es': the cue is found and the message stops before it."""
    found = quotes_of(
        "Der Bau beginnt bald.",
        "Wie die Sprecherin des Departements sagte, sollen die Bauarbeiten im Herbst 2026 beginnen. "
        "Die Finanzierung sei gesichert, heisst es in einer Mitteilung des Bundesamts für Verkehr.",
    )
    funding = [q for q in found if q.text.startswith("Die Finanzierung")]
    assert [(q.text, q.cue) for q in funding] == [("Die Finanzierung sei gesichert", "heisst es")]
    assert lexicon().forms["heisst"] == lexicon().forms["heißt"]


def test_an_addressee_after_a_pronoun_or_name_is_not_the_speaker() -> None:
    """'sagte sie unserer Redaktion', 'rief Ole Carstensen den Streikenden zu': the speaker is she, he."""
    found = quotes_of(
        "Die Bürgermeisterin von Oberweiler, Sabine Krumbach, reagierte prompt. "
        "„Der Minister war noch nie an einem Schulweg“, sagte sie unserer Redaktion.",
        "„Wir lassen uns nicht länger hinhalten“, rief Betriebsratschef Ole Carstensen den Streikenden zu.",
    )
    direct = only(found, "direct")
    assert [(q.speaker, q.speaker_mention) for q in direct] == [
        ("Sabine Krumbach", "sie"),
        ("Ole Carstensen", "Betriebsratschef Ole Carstensen"),
    ]


def test_an_interview_label_that_only_asks_is_not_a_speaker() -> None:
    """A name tagger may take the outlet ("Heidekurier:") for a person: a label whose every turn is a
    question is the interviewer, and its questions are no quotations; the answers still are."""
    from pressecho.model import Entity, Mention

    art = article(
        "Die Biologin Freya Ottensmeier leitet das Moorprojekt.",
        "Ottensmeier: Schlecht. Der Rest ist entwässert.",
        "Heidekurier: Was muss passieren?",
        "Ottensmeier: Wir müssen die Gräben schließen. Warum nicht?",
    )

    def entity(eid: str, name: str, *forms: str) -> Entity:
        mentions = []
        for form in forms:
            at = art.text.index(form)
            mentions.append(Mention(at, at + len(form), form, "PER"))
        return Entity(eid, "PER", name, mentions)

    entities = [
        entity("e1", "Freya Ottensmeier", "Freya Ottensmeier", "Ottensmeier"),
        entity("e2", "Heidekurier", "Heidekurier"),
    ]
    found = find_quotes(art, entities)
    assert [(q.speaker, q.text) for q in found if q.kind == "direct"] == [
        ("Freya Ottensmeier", "Schlecht. Der Rest ist entwässert."),
        ("Freya Ottensmeier", "Wir müssen die Gräben schließen. Warum nicht?"),
    ]


def test_a_speaker_with_a_colon_takes_the_quote_without_its_marks_and_a_role_before_the_name() -> None:
    """'Bundesrätin Meierhans: «Wir bleiben dran»': the role noun before the name does not hide the
    speaker, and the quotation is the words between the marks."""
    from pressecho.model import Entity, Mention

    art = article(
        "Bundesrätin Lisa Meierhans will den Ausbau. Die Kantone sind skeptisch.",
        "Bundesrätin Meierhans: «Wir bleiben dran»",
    )
    at = art.text.index("Lisa Meierhans")
    entities = [Entity("e1", "PER", "Lisa Meierhans", [Mention(at, at + 14, "Lisa Meierhans", "PER")])]
    found = [q for q in find_quotes(art, entities) if q.kind == "direct"]
    assert [(q.speaker, q.speaker_mention, q.text) for q in found] == [
        ("Lisa Meierhans", "Bundesrätin Meierhans", "Wir bleiben dran")
    ]


def test_an_auxiliary_after_the_speaker_is_not_part_of_it() -> None:
    found = quotes_of(
        "Der Streit geht weiter.",
        "Der Minister habe gesagt: „Ich sage nur: ‚Nicht mit mir.‘ Mehr nicht“, berichtete der Abgeordnete "
        "Paul Brandhorst.",
    )
    minister = [q for q in found if q.text.startswith("Ich sage nur")]
    assert [(q.speaker, q.speaker_mention) for q in minister] == [("Minister", "Der Minister")]


def test_a_pronoun_does_not_go_back_to_a_person_whose_first_name_says_otherwise() -> None:
    """'sagte sie' after only Paul Brandhorst was named is not Paul Brandhorst's; 'sagte er' is."""
    found = quotes_of(
        "Der Abgeordnete Paul Brandhorst fordert mehr Kontrollen.",
        "„Wir bleiben dran“, sagte sie am Montag. „Wir prüfen alles“, sagte er.",
    )
    assert [(q.text, q.speaker) for q in only(found, "direct")] == [
        ("Wir bleiben dran", "sie"),
        ("Wir prüfen alles", "Paul Brandhorst"),
    ]


def test_an_amount_after_a_source_is_not_part_of_it() -> None:
    found = quotes_of(
        "In weiten Teilen von Nordhafen ist der Strom ausgefallen. Betroffen sind nach ersten Angaben rund "
        "60.000 Haushalte."
    )
    assert [q.speaker_mention for q in found if q.speaker_mention] == ["ersten Angaben"]
    assert all(q.speaker is None for q in found)


def test_a_possessive_ihr_before_a_noun_keeps_its_noun_in_the_speaker() -> None:
    """ "erklärte ihr Sprecher": "ihr" is her spokesman's possessive, not the pronoun "ihr" that takes
    nothing after it (the speaker was "ihr", and so the singer herself)."""
    quotes = quotes_of(
        "Die Sängerin Lea Vogt will klagen. „Das lassen wir nicht zu“, erklärte ihr Sprecher.",
        "„Wir prüfen alle Optionen“, sagte ihr Anwalt am Montag.",
    )
    assert [(q.speaker, q.text) for q in quotes if q.kind == "direct"] == [
        ("ihr Sprecher", "Das lassen wir nicht zu"),
        ("ihr Anwalt", "Wir prüfen alle Optionen"),
    ]
