"""The two seed dumps give their gold: body paragraphs in order and nothing else, and every field."""

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
