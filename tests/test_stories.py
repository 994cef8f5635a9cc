"""Stories: the seeds are one story with every gold passage; batch = one by one in date order."""

from __future__ import annotations

import json
import random
from pathlib import Path

from conftest import SEEDS, need_shared
from pressecho.model import Article, Paragraph
from pressecho.relate.stories import StoryClusterer, cluster, order_key, relate, time_factor

SEED_IDS = ("000_e10715e7ea7c465e", "001_527902e303ca14e5")


def _gold_article(seeds: Path, name: str) -> Article:
    gold = json.loads((seeds / f"{name}.gold.json").read_text(encoding="utf-8"))
    paragraphs = [Paragraph(p["kind"], p["text"]) for p in gold["paragraphs"]]
    return Article.from_paragraphs(
        name, paragraphs, title=gold["title"], published=gold["published"], credits=gold["credits"]
    )


def test_seeds_are_one_story_with_every_gold_passage() -> None:
    seeds = need_shared(SEEDS)
    a, b = (_gold_article(seeds, name) for name in SEED_IDS)
    result = relate([b, a])
    assert len(result.stories) == 1 and sorted(result.stories[0].article_ids) == sorted(SEED_IDS)
    link = result.stories[0].links[0]
    assert link.score >= 0.5 and "putin" in link.shared_terms and link.shared_passages >= 1
    reuse = json.loads((seeds / "reuse.gold.json").read_text(encoding="utf-8"))
    for text in reuse["shared_passages_in_000"]:
        start = a.text.index(text)
        end = start + len(text)
        spans = [(p.a_start, p.a_end) if p.a == a.raw_id else (p.b_start, p.b_end) for p in result.passages]
        assert any(s < end and start < e for s, e in spans), text
    assert result.provenance.articles[a.raw_id].reused_chars > 0


def _synthetic_corpus() -> list[Article]:
    events = {
        "hagel": "Hagelgewitter Emmental Gerbenwil Dächer Gemüsefelder Gebäudeversicherung Schadenmeldungen",
        "streik": "Lokführer Streik Regionalverkehr Sachsen Gewerkschaft Pendler Schlichtung",
        "schiff": "Römerschiff Bodensee Taucher Wrack Konstanz Archäologen Eichenholz",
    }
    articles = []
    for e, (name, words) in enumerate(events.items()):
        vocab = words.split()
        for k in range(4):
            picked = vocab[k % 3 :] + vocab[: k % 3]
            text = " ".join(f"Die {w} ist betroffen." for w in picked)
            articles.append(
                Article.from_paragraphs(
                    f"{name}-{k}",
                    [Paragraph("text", text)],
                    title=f"{picked[0]} und {picked[1]}: {picked[2]}",
                    published=f"2024-08-{20 + e}T0{k}:30",
                )
            )
    articles.append(Article.from_paragraphs("undated", [Paragraph("text", "Die Gemüsefelder im Emmental.")]))
    return articles


def test_stories_separate_events_and_batch_equals_incremental_in_any_input_order() -> None:
    articles = _synthetic_corpus()
    batch = cluster(articles, align_passages=False)
    groups = {frozenset(s.article_ids) for s in batch.story_list()}
    for name in ("hagel", "streik", "schiff"):
        assert any({f"{name}-{k}" for k in range(4)} <= g for g in groups), name
    assert not any({"hagel-0", "streik-0"} <= g for g in groups)
    for seed in range(3):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert cluster(shuffled, align_passages=False).story_of == batch.story_of
    one_by_one = StoryClusterer(align_passages=False)
    for article in sorted(articles, key=order_key):
        one_by_one.add(article)
    assert one_by_one.story_of == batch.story_of
    assert [s.id for s in one_by_one.story_list()] == [s.id for s in batch.story_list()]


def test_near_duplicate_joins_with_a_duplicate_link() -> None:
    base = Article.from_paragraphs(
        "a",
        [Paragraph("text", "Ein heftiges Hagelgewitter hat im Emmental Dächer und Felder zerstört. " * 3)],
    )
    copy = Article.from_paragraphs("b", [Paragraph("text", base.text)], published="2024-01-01")
    clusterer = StoryClusterer()
    clusterer.add(base)
    placement = clusterer.add(copy)
    assert (
        placement.duplicate_of == "a"
        and placement.link is not None
        and placement.link.kind == "near-duplicate"
    )


def test_time_factor_decays_and_cuts_off() -> None:
    assert time_factor(None) == time_factor(2.0) == 1.0
    assert 0.0 < time_factor(80.0) < 1.0
    assert time_factor(1000.0) == 0.0
