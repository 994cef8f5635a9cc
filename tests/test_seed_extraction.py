"""The two seed dumps and the thirty pages of the bundled example corpus give their gold: body
paragraphs in order (headings marked) and nothing else, and every field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pressecho

SEEDS = ["000_e10715e7ea7c465e", "001_527902e303ca14e5"]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(params=SEEDS)
def seed(request: pytest.FixtureRequest, seeds_dir: Path) -> tuple[pressecho.model.Article, dict]:
    name = request.param
    article = pressecho.extract((seeds_dir / f"{name}.txt").read_bytes())
    gold = json.loads((seeds_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
    return article, gold


def test_paragraphs(seed):
    article, gold = seed
    got = [(p.kind, _fold(p.text)) for p in article.paragraphs]
    want = [(p["kind"], _fold(p["text"])) for p in gold["paragraphs"]]
    assert got == want


def test_title(seed):
    article, gold = seed
    assert article.title == gold["title"]
    assert article.title_alternatives == gold["title_alternatives"]


def test_published_section_credits(seed):
    article, gold = seed
    assert article.published == gold["published"]
    assert article.section == gold["section"]
    assert article.credits == gold["credits"]


def test_captions(seed):
    article, gold = seed
    assert [(c.text, c.credit) for c in article.captions] == [
        (c["text"], c["credit"]) for c in gold["image_captions"]
    ]


def test_offsets_and_format(seed):
    article, _ = seed
    assert article.format == "textdump"
    assert article.language == "de"
    for p in article.paragraphs:
        assert article.text[p.start : p.end] == p.text


REMOVED_KINDS = {
    "000_e10715e7ea7c465e": {"breadcrumb", "title", "dateline", "gallery", "share", "tail"},
    "001_527902e303ca14e5": {"title", "counter"},
}


def test_removed_blocks_are_listed(seed):
    article, gold = seed
    kinds = {r.kind for r in article.removed}
    assert REMOVED_KINDS[gold["file"].removesuffix(".txt")] <= kinds
    body = {_fold(p["text"]) for p in gold["paragraphs"]}
    assert not any(_fold(r.text) in body for r in article.removed)


# ----------------------------------------------------------------------------------- example corpus


def _example_documents() -> list[dict]:
    from pressecho.examples import INDEX_FILE

    return json.loads(INDEX_FILE.read_text(encoding="utf-8"))["documents"]


def _as_gold(article: pressecho.model.Article) -> dict:
    return {
        "title": article.title,
        "title_alternatives": article.title_alternatives,
        # the page's own date-time, to the minute: a page that states its UTC offset keeps it
        "published": article.published[:16] if article.published else None,
        "section": article.section,
        "authors": article.authors,
        "credits": article.credits,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "paragraphs": [{"kind": p.kind, "text": p.text} for p in article.paragraphs],
    }


def _expected(doc: dict) -> dict:
    want = {key: doc[key] for key in ("title", "title_alternatives", "section", "authors", "credits")}
    want["published"] = doc["dateline"]  # None where the page shows no date (the wrapped dumps)
    want["captions"] = doc["captions"]
    want["paragraphs"] = doc["paragraphs"]
    return want


def test_every_example_page_gives_its_gold():
    """All 30 pages of the six invented outlets (HTML in three templates, dumps in both styles): each
    field of each page equals its gold, from single pages, without templates."""
    from pressecho.examples import CORPUS_DIR

    wrong = {}
    for doc in _example_documents():
        article = pressecho.extract((CORPUS_DIR / doc["file"]).read_bytes(), url=doc["url"])
        got, want = _as_gold(article), _expected(doc)
        fields = [key for key in want if got[key] != want[key]]
        if fields:
            wrong[doc["file"]] = {key: (got[key], want[key]) for key in fields}
        assert article.language == "de"
        assert article.published is None or article.published.startswith(doc["published"][:16])
    assert not wrong, wrong
