"""Mentions -> entities within an article and across a story (seeds: Putin and Kim in Wladiwostok)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressecho.language.de.entities import entity_at, find_entities, link_story_entities
from pressecho.language.de.quotes import find_quotes
from pressecho.model import Article, Entity, Paragraph

SEED_IDS = ("000_e10715e7ea7c465e", "001_527902e303ca14e5")


def _seed(seeds_dir: Path, name: str) -> Article:
    gold = json.loads((seeds_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
    return Article.from_paragraphs(name, [Paragraph(p["kind"], p["text"]) for p in gold["paragraphs"]])


def _article(*paragraphs: str) -> Article:
    return Article.from_paragraphs("test", [Paragraph("text", p) for p in paragraphs])


def _by_name(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, f"{name!r} in {[e.name for e in entities]}"
    return found[0]


def _mention_at(article: Article, entity: Entity, text: str, occurrence: int = 0) -> bool:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(text, start + 1)
    return any(m.start == start and m.end == start + len(text) for m in entity.mentions)


def _check_offsets(article: Article) -> None:
    for e in article.entities:
        for m in e.mentions:
            assert article.text[m.start : m.end] == m.text


def test_short_forms_and_role_nouns_within_an_article() -> None:
    article = _article(
        "Bürgermeisterin Karin Vogt hat am Montag das neue Rathaus in Kassel eröffnet. "
        "Vogt sagte, die Stadt habe lange auf diesen Tag gewartet.",
        "Die Bürgermeisterin dankte den Handwerkern. Auch Landrat Michael Brandt kam nach Kassel.",
    )
    entities = find_entities(article)
    assert article.entities is entities and article.sentences
    _check_offsets(article)
    vogt = _by_name(entities, "Karin Vogt")
    assert vogt.label == "PER"
    assert _mention_at(article, vogt, "Vogt", 1)  # "Vogt sagte"
    assert _mention_at(article, vogt, "Bürgermeisterin", 1)  # "Die Bürgermeisterin dankte"
    assert "Vogt" in vogt.aliases and "Bürgermeisterin" in vogt.aliases
    kassel = _by_name(entities, "Kassel")
    assert kassel.label == "LOC" and len(kassel.mentions) == 2
    assert [e.id for e in entities] == [f"e{i}" for i in range(1, len(entities) + 1)]
    assert entity_at(entities, article.text.index("Vogt sagte"), article.text.index("Vogt sagte") + 4) is vogt


def test_past_roles_are_not_learned() -> None:
    article = _article(
        "Der damalige Kremlchef Dmitri Medwedew traf den Präsidenten Frankreichs. "
        "Später sprach der Kremlchef mit Journalisten."
    )
    entities = find_entities(article)
    medwedew = _by_name(entities, "Dmitri Medwedew")
    assert "Kremlchef" not in medwedew.aliases
    assert len(medwedew.mentions) == 1


def test_a_compound_role_shortened_to_its_head_is_the_same_person() -> None:
    """ "die Ministerin" after "Aussenministerin Annalena Baerbock" is Baerbock; "der Chef" is too
    generic to be the Kremlchef."""
    article = _article(
        "Aussenministerin Annalena Baerbock reiste nach Kiew. Kremlchef Wladimir Putin schwieg.",
        "Der Polizeisprecher Marco Bisa bestätigte den Besuch. Die Ministerin traf dort den Chef der Armee.",
    )
    entities = find_entities(article)
    baerbock = _by_name(entities, "Annalena Baerbock")
    assert _mention_at(article, baerbock, "Ministerin")
    bisa = _by_name(entities, "Marco Bisa")
    assert not any(m.text == "Ministerin" for m in bisa.mentions)
    putin = _by_name(entities, "Wladimir Putin")
    assert not any(m.text == "Chef" for m in putin.mentions)


def test_a_time_or_an_abstract_noun_before_a_name_is_not_a_role() -> None:
    article = _article(
        "VW-Chef Herbert Diess warnte vor Tesla. Vergangene Woche Diess hatte noch gelacht.",
        "Nach einer Intervention Cavallos lenkte er ein. Betriebsratschefin Daniela Cavallo blieb hart.",
        "Die Woche war lang.",
    )
    entities = find_entities(article)
    diess = _by_name(entities, "Herbert Diess")
    assert "VW-Chef" in diess.aliases and "Woche" not in diess.aliases
    assert not any(m.text == "Woche" for e in entities for m in e.mentions)
    cavallo = _by_name(entities, "Daniela Cavallo")
    assert "Intervention" not in cavallo.aliases


def test_a_surname_listed_among_vegetables_is_a_vegetable() -> None:
    things = find_entities(
        _article("Die Bäuerin Marianne Zbinden hat ihre Ernte an Lauch, Kohl und Salat verloren.")
    )
    assert [e.name for e in things] == ["Marianne Zbinden"]
    people = find_entities(_article("Kohl und Genscher verhandelten in Moskau über die Einheit."))
    assert {"Kohl", "Genscher"} <= {e.name for e in people if e.label == "PER"}


def test_a_surname_that_is_also_a_noun_completes_the_name_after_a_role() -> None:
    """The tagger sees "Renner", "Pförtner" as nouns and tags "Tobias", "Wolfgang" alone; after a role
    noun the full name is the person, and the surname alone later is that person too (not "das
    Muster", a noun after its article)."""
    article = _article(
        "Bürgermeister Tobias Renner zeigte sich enttäuscht. „Wir akzeptieren das Ergebnis“, sagte Renner.",
        "Das fordert Landrat Wolfgang Pförtner in einem Brief. Pförtner will mehr Geld.",
        "Bundesrätin Lisa Muster will den Ausbau. Das Muster der Abstimmung ist bekannt.",
    )
    entities = find_entities(article)
    renner = _by_name(entities, "Tobias Renner")
    assert _mention_at(article, renner, "Renner", 1)
    pfoertner = _by_name(entities, "Wolfgang Pförtner")
    assert _mention_at(article, pfoertner, "Pförtner", 1)
    muster = _by_name(entities, "Lisa Muster")
    assert not _mention_at(article, muster, "Muster", 1)
    _check_offsets(article)


def test_a_town_that_looks_like_a_surname_is_a_place_by_where_it_stands() -> None:
    """A local paper's dateline ("Lindberg." opening a paragraph) and the town of an office ("die
    Bürgermeisterin von Oberweiler") are places; "die Tochter von Müller" is a person."""
    article = _article(
        "Lindberg. Bürgermeister Tobias Renner zeigte sich enttäuscht über das Ergebnis.",
        "Die Bürgermeisterin von Oberweiler, Sabine Krumbach, reagierte prompt.",
        "Die Tochter von Müller kam auch.",
    )
    labels = {e.name: e.label for e in find_entities(article)}
    assert labels["Lindberg"] == "LOC" and labels["Oberweiler"] == "LOC"
    assert labels["Müller"] == "PER" and labels["Sabine Krumbach"] == "PER"


def test_an_institution_goes_on_with_its_field_and_is_named_in_the_nominative() -> None:
    """The tagger stops at "des Bundesamts"; the organisation is the "Bundesamt für Verkehr"."""
    article = _article(
        "Die Finanzierung sei gesichert, heisst es in einer Mitteilung des Bundesamts für Verkehr."
    )
    entities = find_entities(article)
    office = _by_name(entities, "Bundesamt für Verkehr")
    assert office.label == "ORG" and _mention_at(article, office, "Bundesamts für Verkehr")
    _check_offsets(article)


def test_empty_article() -> None:
    article = Article.from_paragraphs("empty", [])
    assert find_entities(article) == []
    assert link_story_entities([article]) == {}


def test_kim_jong_un_and_kim_jong_il_stay_apart(seeds_dir: Path) -> None:
    article = _seed(seeds_dir, SEED_IDS[0])
    entities = find_entities(article)
    _check_offsets(article)
    un = _by_name(entities, "Kim Jong Un")
    il = _by_name(entities, "Kim Jong Il")
    assert len(il.mentions) == 1
    # every bare "Kim" of the article is the son
    kims = [m for e in entities for m in e.mentions if m.text in ("Kim", "Kims")]
    assert len(kims) >= 6 and all(m in un.mentions for m in kims)
    # "Nordkoreas Machthaber bleibt ..." and "des jetzigen Machthabers" are Kim Jong Un too
    assert _mention_at(article, un, "Machthaber", 2)
    assert _mention_at(article, un, "Machthabers")
    putin = _by_name(entities, "Wladimir Putin")
    assert sum(m.text == "Putin" for m in putin.mentions) >= 6
    assert "Putin" in putin.aliases


def test_story_resolves_kremlchef_to_putin(seeds_dir: Path) -> None:
    a, b = (_seed(seeds_dir, name) for name in SEED_IDS)
    # article a alone never says "Kremlchef Wladimir Putin": its "der Kremlchef" is unresolved
    putin_a = _by_name(find_entities(a), "Wladimir Putin")
    assert not _mention_at(a, putin_a, "Kremlchef")
    mapping = link_story_entities([a, b])
    putin_a = _by_name(a.entities, "Wladimir Putin")
    putin_b = _by_name(b.entities, "Wladimir Putin")
    assert _mention_at(a, putin_a, "Kremlchef")  # «Ich freue mich ...», sagte der Kremlchef
    assert _mention_at(a, putin_a, "Kreml-Chef")
    assert "Kremlchef" in putin_a.aliases
    medwedew_a = _by_name(a.entities, "Dmitri Medwedew")
    assert not any(m.text.startswith("Kreml") for m in medwedew_a.mentions)
    key = mapping[(a.raw_id, putin_a.id)]
    assert key == mapping[(b.raw_id, putin_b.id)] == "PER:Wladimir Putin"
    un = {mapping[(x.raw_id, _by_name(x.entities, "Kim Jong Un").id)] for x in (a, b)}
    il = {mapping[(x.raw_id, _by_name(x.entities, "Kim Jong Il").id)] for x in (a, b)}
    assert len(un) == 1 and len(il) == 1 and un != il
    trump = {mapping[(x.raw_id, e.id)] for x in (a, b) for e in x.entities if "Trump" in e.name}
    assert trump == {"PER:Donald Trump"}
    for x in (a, b):
        _check_offsets(x)
        assert {k for k in mapping if k[0] == x.raw_id} == {(x.raw_id, e.id) for e in x.entities}


@pytest.mark.parametrize(
    "junk",
    [
        "<script>alert(1)</script> Herr X",
        "A" * 3000,
        "\x00\x01 Müller-Lüdenscheidt ::",
        # a lone surrogate in a name the rules put in the nominative (text built by hand, not extracted)
        "Die Lage sei ernst, hieß es nach Angaben des Ministeriums\ud800s in der Mitteilung des Bundesamts\ud800 "
        "für Verkehr.",
    ],
)
def test_untrusted_text_does_not_break_entities(junk: str) -> None:
    article = _article(junk, "Angela Merkel sprach in Berlin.")
    find_entities(article)
    _check_offsets(article)
    find_quotes(article, entities=article.entities)
