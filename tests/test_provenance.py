"""Provenance: reuse clusters across pairs, origins by time and agency, shares and additions."""

from __future__ import annotations

from datetime import datetime

from pressecho.model import Passage
from pressecho.relate.provenance import ArticleInfo, provenance


def test_components_origin_and_shares() -> None:
    info = {
        "x": ArticleInfo("x", 100, datetime(2024, 1, 1, 9), ("dpa",)),
        "y": ArticleInfo("y", 200, datetime(2024, 1, 1, 8), ("dpa",)),
        "z": ArticleInfo("z", 50, datetime(2024, 1, 1, 10)),
        "w": ArticleInfo("w", 80, None),
    }
    passages = [
        Passage("x", 10, 50, "y", 100, 140),
        Passage("y", 105, 150, "z", 0, 45),  # overlaps y's first stretch: same piece of copy
        Passage("x", 70, 90, "w", 0, 20),  # another piece
    ]
    result = provenance(passages, info)
    assert len(result.clusters) == 2
    first = next(c for c in result.clusters if "z" in c.article_ids)
    assert first.article_ids == ["y", "x", "z"] and first.origin == "y" and first.origin_agency == "dpa"
    other = next(c for c in result.clusters if "w" in c.article_ids)
    assert other.origin == "x" and other.origin_agency is None
    assert result.articles["x"].reused_chars == 60 and result.articles["x"].reused_share == 0.6
    assert result.articles["x"].additions == [(0, 10), (50, 70), (90, 100)]
    assert result.articles["y"].reused_chars == 50
    assert result.articles["z"].additions == [(45, 50)]
    assert first.id in result.articles["y"].originates


def test_article_without_passages_is_all_own_text() -> None:
    result = provenance([], {"a": ArticleInfo("a", 40)})
    assert result.clusters == [] and result.articles["a"].additions == [(0, 40)]
    assert result.articles["a"].own_share == 1.0
