"""Per-source templates: learnt from an outlet's pages, used when extracting, stored and used by the corpus."""

from __future__ import annotations

import json
import random

import pytest

import pressecho
from pressecho.extract.templates import (
    TEMPLATE_KIND,
    Template,
    as_template,
    html_units,
    learn,
    unit_key,
    units,
)

# the furniture every page of the invented "Musterbote" carries: navigation, a weather line, a notice
# that reads like a paragraph, a donation appeal
NAVIGATION = ["Musterbote", "Startseite", "Lokales", "Sport"]
WEATHER = "Das Wetter in Musterstadt: heute sonnig bei 24 Grad, morgen Regen."
NOTICE = (
    "Die Lokalredaktion freut sich über Ihre Hinweise aus den Stadtteilen und beantwortet Ihre Fragen "
    "werktags zwischen neun und siebzehn Uhr."
)
DONATION = ["Guter Lokaljournalismus kostet Geld", "Jetzt mit 5 Euro im Monat unterstützen", "Danke!"]
FOOTER = ["Impressum", "Datenschutz", "Kontakt"]

TOPICS = [
    "Stadtrat", "Brücke", "Schwimmbad", "Busverkehr", "Bibliothek", "Marktplatz", "Kindergarten", "Radweg",
    "Feuerwehr", "Stadtfest", "Krankenhaus", "Museum",
]  # fmt: skip
WORDS = (
    "Verwaltung Bürger Sitzung Antrag Haushalt Planung Gutachten Anwohner Bauarbeiten Sommer Winter Kosten "
    "Zuschuss Verein Mitglieder Zukunft Entscheidung Vorschlag Mehrheit Fraktion Ausschuss Projekt"
).split()


def _paragraphs(topic: str, seed: int, n: int = 4) -> list[str]:
    rng = random.Random(f"{topic}/{seed}")
    out = []
    for k in range(n):
        words = rng.sample(WORDS, 8)
        out.append(
            f"Beim Thema {topic} gibt es Neuigkeiten, sagte die {words[0]} am Dienstag in Musterstadt. "
            f"Die {words[1]} und die {words[2]} wollen bis zum {k + 3}. Oktober über {words[3]} und "
            f"{words[4]} beraten, die {words[5]} soll folgen. Danach entscheidet der {words[6]} über "
            f"die {words[7]}."
        )
    return out


def _page(title: str, paragraphs: list[str], comments: int) -> str:
    lines = [
        f"{title} | Musterbote",
        *NAVIGATION,
        "",
        title,
        "",
        "Von Erika Muster, 12.10.2024, 09:30 Uhr",
        "",
    ]
    for p in paragraphs:
        lines += [p, ""]
    lines += [NOTICE, "", WEATHER, "", *DONATION, f"Kommentare ({comments})", *FOOTER]
    return "\n".join(lines)


def _outlet() -> list[tuple[str, list[str]]]:
    """Twelve pages of distinct articles and the same article posted three times (an update, a re-post)."""
    pages = [
        (_page(f"{t}: Was sich jetzt ändert", _paragraphs(t, 1), k), _paragraphs(t, 1))
        for k, t in enumerate(TOPICS)
    ]
    repeated = _paragraphs("Hochwasser", 7, 5)
    for k in range(3):
        pages.append((_page(f"Hochwasser: Lage am Fluss ({k + 1})", repeated, 40 + k), repeated))
    return pages


@pytest.fixture(scope="module")
def outlet() -> list[tuple[str, list[str]]]:
    return _outlet()


@pytest.fixture(scope="module")
def template(outlet) -> Template:
    return learn([units(text) for text, _ in outlet], source="musterbote.de")


def test_recurring_furniture_is_learnt(template):
    for line in [*NAVIGATION, WEATHER, NOTICE, *DONATION, "Kommentare (3)", *FOOTER]:
        assert line in template, line
    assert template.documents == 15
    assert template.articles == 13  # the three postings of one article count once


def test_an_article_repeated_on_several_pages_is_not_boilerplate(outlet, template):
    for paragraph in outlet[-1][1]:
        assert paragraph not in template
    for _, paragraphs in outlet[:-3]:
        assert not any(p in template for p in paragraphs)


def test_extraction_with_the_template_drops_what_recurs(outlet, template):
    text, paragraphs = outlet[0]
    plain = pressecho.extract(text.encode(), source="musterbote.de")
    assert NOTICE in plain.text or WEATHER in plain.text  # one page alone cannot tell
    article = pressecho.extract(text.encode(), source="musterbote.de", template=template)
    assert [p.text for p in article.paragraphs] == paragraphs
    assert article.title == "Stadtrat: Was sich jetzt ändert"
    assert article.published == "2024-10-12T09:30"
    cut = {r.text for r in article.removed if r.kind == "template"}
    assert {NOTICE, WEATHER} <= cut


def test_the_repeated_article_keeps_its_text(outlet, template):
    text, paragraphs = outlet[-1]
    article = pressecho.extract(text.encode(), template=template)
    assert [p.text for p in article.paragraphs] == paragraphs


def test_the_template_travels_as_json(template):
    data = json.loads(json.dumps(template.to_dict()))
    again = as_template({TEMPLATE_KIND: data})
    assert again is not None and again.keys == template.keys
    text = _outlet()[1][0]
    assert (
        pressecho.extract(text.encode(), template={TEMPLATE_KIND: data}).text
        == pressecho.extract(text.encode(), template=template).text
    )
    assert as_template({}) is None and as_template(None) is None


def test_unit_keys_fold_case_digits_and_punctuation():
    assert unit_key("Kommentare (16)") == unit_key("kommentare (22)")
    assert unit_key("Impressum | Datenschutz") == unit_key("Impressum · Datenschutz")
    assert unit_key("Impressum") != unit_key("Datenschutz")
    assert unit_key(" ... ") == ""


def test_html_units_are_lines_of_the_visible_text():
    page = (
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<div class='kasten'><h3>Wetter</h3><p>Cottbus: 24 &deg;C<br/>Bautzen: 22 &deg;C</p></div>"
        "<p>Ein <a href='#'>Absatz</a> mit Link.</p><ul><li>Eins</li><li>Zwei</li></ul></body></html>"
    )
    assert html_units(page) == [
        "Wetter",
        "Cottbus: 24 °C",
        "Bautzen: 22 °C",
        "Ein Absatz mit Link.",
        "Eins",
        "Zwei",
    ]


def test_html_extraction_uses_the_template():
    def page(k: int) -> bytes:
        body = "".join(f"<p>{p}</p>" for p in _paragraphs(TOPICS[k], 2))
        return (
            f"<html><head><title>Artikel {k}</title></head><body><h1>{TOPICS[k]} im Wandel</h1>"
            f"<article>{body}<p>{NOTICE}</p></article><footer><p>Impressum</p></footer></body></html>"
        ).encode()

    pages = [page(k) for k in range(10)]
    template = learn([units(p.decode()) for p in pages])
    assert NOTICE in template
    article = pressecho.extract(pages[0], template=template)
    assert NOTICE not in article.text
    assert article.text.startswith("Beim Thema Stadtrat")
    assert any(r.kind == "template" and r.text == NOTICE for r in article.removed)


def test_too_few_pages_learn_nothing():
    few = _outlet()[:2]
    assert len(learn([units(text) for text, _ in few])) == 0
    assert len(learn([])) == 0


# ----------------------------------------------------------------------------------------------- corpus


def test_the_corpus_learns_stores_and_uses_templates(tmp_path, outlet):
    from pressecho.corpus import Corpus
    from pressecho.model import RawDocument

    docs = [
        RawDocument(text.encode(), url=f"https://musterbote.de/artikel/{k}", source="musterbote.de")
        for k, (text, _) in enumerate(outlet)
    ]
    with Corpus.open(tmp_path / "c.db") as corpus:
        summary = corpus.ingest(docs[:5], workers=0, progress=False)
        assert summary.templates["learned"] == {}  # five pages are too few
        summary = corpus.ingest(docs[5:], workers=0, progress=False)
        assert summary.templates["learned"]["musterbote.de"] >= len(NAVIGATION)
        assert summary.templates["reextracted"] >= 1
        stored = corpus.store.templates("musterbote.de")
        assert WEATHER in as_template(stored)
        for k, (_, paragraphs) in enumerate(outlet):
            article = corpus.article(docs[k].id)
            assert [p.text for p in article.paragraphs] == paragraphs
            assert any(r.kind == "template" for r in article.removed)
        # up to date: nothing to learn; forced: learnt again, nothing changes
        assert corpus.learn_templates()["learned"] == {}
        again = corpus.learn_templates(force=True)
        assert again["learned"] and again["changed"] == 0
        listed = {o["source"]: o for o in corpus.templates()}
        assert listed["musterbote.de"]["documents"] == len(outlet)
        assert WEATHER in listed["musterbote.de"]["template"]["units"]


def test_templates_command(tmp_path, outlet, capsys):
    from pressecho.cli import main
    from pressecho.corpus import Corpus
    from pressecho.model import RawDocument

    db = tmp_path / "c.db"
    docs = [RawDocument(text.encode(), source="musterbote.de") for text, _ in outlet]
    with Corpus.open(db) as corpus:
        corpus.ingest(docs, workers=0, progress=False, learn_templates=False)
        assert corpus.store.templates("musterbote.de") == {}
    assert main(["templates", "--db", str(db), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["outlets"][0]["template"] is None
    assert main(["templates", "--db", str(db), "--learn", "--workers", "0", "--no-progress", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["learn"]["learned"]["musterbote.de"] > 0
    assert shown["learn"]["reextracted"] >= 1
    assert NOTICE in shown["outlets"][0]["template"]["units"]


def test_a_template_never_takes_most_of_a_pages_prose() -> None:
    """An outlet that repeats its paragraphs from article to article (agency copy, generated pages)
    learns them as boilerplate; on a page made of them they are its article, not furniture."""
    from pressecho.extract import extract
    from pressecho.extract.templates import Template, unit_key
    from test_ingest import article_text, text_dump

    paragraphs = article_text(3).splitlines()
    repeated = Template("x", {unit_key(p): p for p in paragraphs + ["Artikel teilen"]})
    article = extract(text_dump(3), template=repeated)
    assert [p.text for p in article.paragraphs if p.kind == "text"] == paragraphs
    assert "Artikel teilen" not in [p.text for p in article.paragraphs]
    # a house paragraph or two among the article's own is still the outlet's furniture
    house = Template("x", {unit_key(paragraphs[1]): paragraphs[1]})
    kept = [p.text for p in extract(text_dump(3), template=house).paragraphs]
    assert paragraphs[1] not in kept and paragraphs[0] in kept
