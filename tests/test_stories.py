"""Stories: the seeds are one story with every gold passage; batch = one by one in date order = incremental
over ingests; stories that one article bridges merge only when their articles resemble each other."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS, need_shared
from pressecho.cli import main
from pressecho.corpus import Corpus
from pressecho.examples import CORPUS_DIR, INDEX_FILE
from pressecho.model import Article, Paragraph
from pressecho.relate.align import DEFAULT, align
from pressecho.relate.provenance import ArticleInfo, provenance
from pressecho.relate.stories import (
    SAME_STORY,
    StoryClusterer,
    cluster,
    order_key,
    pending_ids,
    time_factor,
)

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
    result = cluster([b, a])
    stories = result.story_list()
    assert len(stories) == 1 and sorted(stories[0].article_ids) == sorted(SEED_IDS)
    link = stories[0].links[0]
    assert link.score >= 0.5 and "putin" in link.shared_terms and link.shared_passages >= 1
    reuse = json.loads((seeds / "reuse.gold.json").read_text(encoding="utf-8"))
    spans = [(p.a_start, p.a_end) if p.a == a.raw_id else (p.b_start, p.b_end) for p in result.passages]
    for text in reuse["shared_passages_in_000"]:
        start = a.text.index(text)
        end = start + len(text)
        assert any(s < end and start < e for s, e in spans), text
    detail = result.story(stories[0].id)
    assert detail is not None
    reused = {art["id"]: art["reuse"] for art in detail["articles"]}
    assert reused[a.raw_id]["reused_chars"] > 0 and detail["reuse_clusters"]


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
    with pytest.raises(ValueError):
        one_by_one.add(articles[0])


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
    assert clusterer.duplicate_of == {"b": "a"}


def test_a_story_is_called_by_its_first_titled_article() -> None:
    text = "Ein heftiges Hagelgewitter hat im Emmental Dächer und Felder zerstört. " * 3
    untitled = Article.from_paragraphs("a", [Paragraph("text", text)], published="2024-01-01T10:00")
    titled = Article.from_paragraphs(
        "b", [Paragraph("text", text + "Die Feuerwehr rückte aus.")], title="Hagel im Emmental",
        published="2024-01-01T12:00",
    )  # fmt: skip
    clusterer = StoryClusterer()
    clusterer.add(untitled)
    assert [s.title for s in clusterer.story_list()] == [None]
    clusterer.add(titled)
    assert [s.title for s in clusterer.story_list()] == ["Hagel im Emmental"]


def test_time_factor_decays_and_cuts_off() -> None:
    assert time_factor(None) == time_factor(2.0) == 1.0
    assert 0.0 < time_factor(80.0) < 1.0
    assert time_factor(1000.0) == 0.0


# ----------------------------------------------------------------------------- the example corpus


def _example(event: str | None = None) -> list[Article]:
    """The example corpus's own clean articles (of one event)."""
    index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    out = []
    for entry in index["documents"]:
        if event is not None and entry["event"] != event:
            continue
        paragraphs = [Paragraph(p["kind"], p["text"]) for p in entry["paragraphs"]]
        out.append(
            Article.from_paragraphs(
                entry["id"],
                paragraphs,
                title=entry["title"],
                published=entry["published"],
                source=entry["outlet"],
                credits=list(entry["credits"] or []),
            )
        )
    return out


def _report(raw_id: str, title: str, paragraphs: list[str], published: str) -> Article:
    return Article.from_paragraphs(
        raw_id, [Paragraph("text", p) for p in paragraphs], title=title, published=published
    )


def test_an_article_that_links_two_stories_merges_them_with_the_evidence_kept() -> None:
    # two reports of one flood that tell different parts of it score below the threshold as a pair
    # (the school in one town, the river level in the county); a third tells both and merges them
    school = _report(
        "school",
        "Hochwasser in Oberwiesental: Feuerwehr evakuiert Grundschule",
        [
            "Wegen des Hochwassers hat die Feuerwehr in Oberwiesental am Dienstag die Grundschule evakuiert. "
            "Die Kinder wurden mit Bussen in die Turnhalle von Bärenstein gebracht, sagte Bürgermeister "
            "Jens Kuhnert.",
            "Nach Angaben der Feuerwehr standen Keller und Erdgeschoss der Schule unter Wasser.",
        ],
        "2024-08-21T08:00",
    )
    river = _report(
        "river",
        "Pegel der Zschopau steigt: Landratsamt ruft Alarmstufe drei aus",
        [
            "Wegen des Hochwassers ist der Pegel der Zschopau am Dienstagmorgen auf über drei Meter "
            "gestiegen. Das Landratsamt des Erzgebirgskreises rief die Alarmstufe drei aus und warnte vor "
            "Überflutungen entlang des Flusses.",
            "Die Talsperre Cranzahl gibt seit der Nacht Wasser ab, teilte die Landestalsperrenverwaltung "
            "mit. Auch in Oberwiesental stehen Straßen unter Wasser.",
        ],
        "2024-08-21T09:00",
    )
    both = _report(
        "both",
        "Hochwasser im Erzgebirge: Grundschule in Oberwiesental evakuiert, Zschopau-Pegel steigt",
        [
            "In Oberwiesental hat die Feuerwehr wegen des Hochwassers die Grundschule evakuiert, die Kinder "
            "kamen in die Turnhalle von Bärenstein. Der Pegel der Zschopau stieg auf über drei Meter, das "
            "Landratsamt rief die Alarmstufe drei aus.",
            "Die Talsperre Cranzahl gibt Wasser ab. Bürgermeister Jens Kuhnert sprach von einer angespannten "
            "Lage.",
        ],
        "2024-08-21T10:00",
    )
    clusterer = StoryClusterer()
    placements = [clusterer.add(article) for article in (school, river, both)]
    assert placements[1].new_story
    assert placements[2].merged == [placements[1].story_id]
    assert placements[2].story_id == placements[0].story_id
    story = clusterer.story(placements[0].story_id)
    assert story is not None and story["n_articles"] == 3
    merge = next(link for link in story["links"] if "merged_story" in link)
    assert {merge["a"], merge["b"]} == {"river", "both"}  # the link to the story it merged in
    assert merge["average_score"] >= SAME_STORY and merge["shared_terms"]


def test_a_round_up_of_two_events_does_not_merge_them() -> None:
    hail = _example("hagel-emmental")
    strike = _example("lokfuehrerstreik")
    for article in strike:  # the same day as the hail, so only the content keeps them apart
        article.published = "2024-08-20T" + (article.published or "")[11:]
    lead = lambda a: a.text.split("\n\n")[0]  # noqa: E731
    round_up = Article.from_paragraphs(
        "round-up",
        [Paragraph("text", lead(hail[0])), Paragraph("text", lead(strike[0]))],
        title=f"{hail[0].title} – {strike[0].title}",
        published="2024-08-20T23:00",
    )
    clusterer = cluster([*hail, *strike, round_up])
    story_of = clusterer.story_of
    assert len({story_of[a.raw_id] for a in hail}) == 1
    assert len({story_of[a.raw_id] for a in strike}) == 1
    assert story_of[hail[0].raw_id] != story_of[strike[0].raw_id]


def test_incremental_provenance_equals_the_batch_components() -> None:
    articles = _example()
    clusterer = cluster(articles)
    passages = clusterer.passages
    infos = {a.raw_id: ArticleInfo(a.raw_id, len(a.text)) for a in articles}
    batch = provenance(passages, infos)
    conn = clusterer.db.conn
    stored: dict[int, set[tuple[str, int, int]]] = {}
    for raw_id, start, end, cid in conn.execute("SELECT raw_id, start, end, cluster_id FROM reuse_segments"):
        stored.setdefault(cid, set()).add((raw_id, start, end))
    expected = {frozenset((s.article_id, s.start, s.end) for s in c.segments) for c in batch.clusters}
    assert {frozenset(v) for v in stored.values()} == expected
    assert len(batch.clusters) > 5


# ------------------------------------------------------------------------------------- the corpus


def _snapshot(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything the relate stage stores, in a comparable form."""
    return {
        "articles": conn.execute(
            "SELECT num, raw_id, story_id, duplicate_of, features FROM relate_articles ORDER BY num"
        ).fetchall(),
        "stories": conn.execute("SELECT * FROM stories ORDER BY id").fetchall(),
        "links": conn.execute(
            "SELECT story_id, a, b, kind, score, evidence FROM story_links ORDER BY id"
        ).fetchall(),
        "passages": conn.execute("SELECT * FROM passages ORDER BY id").fetchall(),
        "segments": conn.execute("SELECT * FROM reuse_segments ORDER BY id").fetchall(),
    }


def test_relate_batch_equals_one_by_one_equals_incremental_over_two_ingests(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "all.db") as corpus:
        corpus.ingest(CORPUS_DIR, workers=0, progress=False)
        first = corpus.relate()
        assert first["added"] == first["articles"] == 30 and first["stories"] >= 7
        assert corpus.relate()["added"] == 0  # nothing new: nothing done
        once = _snapshot(corpus.store.conn)
        rebuilt = corpus.relate(rebuild=True, workers=1)  # articles prepared by a worker process
        assert rebuilt["added"] == 30 and _snapshot(corpus.store.conn) == once
        assert pending_ids(corpus.store.conn) == []
        articles = list(corpus.articles())
    ordered = sorted(articles, key=order_key)
    one_by_one = StoryClusterer()
    for article in ordered:
        one_by_one.add(article)
    assert _snapshot(one_by_one.db.conn) == once
    # two ingests: the second one's articles all come after the first one's in (published, id) order
    early = {a.raw_id for a in ordered[:18]}
    files = sorted(CORPUS_DIR.rglob("*.*"))
    from pressecho.model import content_hash

    first_files = [f for f in files if content_hash(f.read_bytes()) in early]
    later_files = [f for f in files if f not in first_files]
    with Corpus.open(tmp_path / "two.db") as corpus:
        corpus.ingest(*map(str, first_files), workers=0, progress=False)
        assert corpus.relate()["added"] == 18
        corpus.ingest(*map(str, later_files), workers=0, progress=False)
        assert corpus.relate()["added"] == 12
        assert _snapshot(corpus.store.conn) == once


def test_a_re_extracted_text_is_reported_stale(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(CORPUS_DIR / "murblick", workers=0, progress=False)
        corpus.relate()
        assert corpus.relate()["added"] == 0  # nothing new: nothing to do, nothing stale
        # a re-extraction that changes one text (as a new extractor version would)
        run = corpus.store.start_run("reextract", [])
        raw_id, text = corpus.store.conn.execute("SELECT raw_id, text FROM articles LIMIT 1").fetchone()
        text += " Nachtrag."
        corpus.store.conn.execute(
            "UPDATE articles SET text = ?, text_sha = ? WHERE raw_id = ?",
            (text, hashlib.sha256(text.encode()).hexdigest(), raw_id),
        )
        corpus.store.finish_run(run, {})
        summary = corpus.relate()
        assert summary["added"] == 0 and summary["stale"] == 1
        assert corpus.relate()["stale"] == 1  # until relate --rebuild
        assert corpus.relate(rebuild=True)["stale"] == 0


def test_state_of_another_pressecho_version_is_related_again(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(CORPUS_DIR / "murblick", workers=0, progress=False)
        first = corpus.relate()
        assert first["rebuilt"] is False and first["added"] > 0
        stories = corpus.stories()
        assert corpus.relate()["added"] == 0
        # the last run as an older pressecho (other signatures, features) left it
        conn = corpus.store.conn
        (rid, summary) = conn.execute(
            "SELECT id, summary FROM relate_runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        old = json.loads(summary)
        old.pop("version")
        conn.execute("UPDATE relate_runs SET summary = ? WHERE id = ?", (json.dumps(old), rid))
        conn.commit()
        again = corpus.relate()
        assert again["rebuilt"] is True and again["added"] == first["added"]
        assert corpus.stories() == stories


def test_passages_of_a_pair_use_the_story_thresholds() -> None:
    # two articles of one story: a short shared clause beside a long shared passage is kept (the
    # aligner's STORY preset); its defaults, for any two texts, would drop it as a chance phrase
    long = (
        "Die Gebäudeversicherung des Kantons Bern rechnet nach dem schweren Hagelgewitter im Emmental mit "
        "mehr als viertausend Schadenmeldungen von Hausbesitzern und Landwirten."
    )
    a = Article.from_paragraphs(
        "a",
        [
            Paragraph(
                "text",
                f"{long} Der Regierungsrat wurde am Dienstag in Gerbenwil mit militärischen Ehren empfangen.",
            )
        ],
        title="Hagel im Emmental",
        published="2024-08-20T10:00",
    )
    b = Article.from_paragraphs(
        "b",
        [
            Paragraph(
                "text",
                f"Ein Unwetter zog über die Region. {long} Gestern wurde die Delegation mit militärischen Ehren empfangen, hiess es.",
            )
        ],
        title="Hagel im Emmental richtet Schäden an",
        published="2024-08-20T11:00",
    )
    clause = "mit militärischen Ehren empfangen"
    by_default = [b.text[al.b_start : al.b_end] for al in align(a.text, b.text, DEFAULT)]
    assert not any(clause in text for text in by_default)
    clusterer = cluster([a, b])
    assert len(clusterer.story_list()) == 1
    found = [b.text[p.b_start : p.b_end] for p in clusterer.passages]
    assert any(clause in text for text in found) and any("Gebäudeversicherung" in text for text in found)


def test_a_story_of_analysed_articles_shows_its_entities_merged_across_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    seeds = need_shared(SEEDS)
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(*(str(seeds / f"{name}.txt") for name in SEED_IDS), workers=0, progress=False)
        corpus.analyze(workers=0, progress=False)
        assert corpus.relate()["stories"] == 1
        article = next(corpus.articles())
        assert article.entities  # what the features read names from
        story = corpus.story(article.raw_id)
    assert main(["story", article.raw_id[:12], "--db", str(tmp_path / "c.db")]) == 0
    shown = capsys.readouterr().out
    assert "who and what" in shown and "Kremlchef" in shown
    found = story["entities"]
    assert found is not None and found["articles_read"] == 2
    putin = next(e for e in found["entities"] if e["key"] == "PER:Wladimir Putin")
    assert len(putin["articles"]) == 2 and "Kremlchef" in putin["aliases"]
    assert len(found["entities"][0]["articles"]) == 2  # the most widely named first


def test_a_story_of_several_articles_admits_one_that_resembles_them_on_average(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Joining takes more than one close member once a story has ADMIT_FROM articles: the mean score
    against its members must reach ADMIT. With the shipped value every report of the strike joins as it
    comes; with ADMIT out of reach, a report arriving at a story of several starts one of its own."""
    import pressecho.relate.stories as stories_module

    reports = sorted(_example("lokfuehrerstreik"), key=lambda a: (a.published or "", a.raw_id))

    def placed_alone(clusterer: StoryClusterer) -> list[bool]:
        return [clusterer.add(article).link is None for article in reports][1:]

    assert not any(placed_alone(StoryClusterer(align_passages=False)))
    monkeypatch.setattr(stories_module, "ADMIT", 0.99)
    assert any(placed_alone(StoryClusterer(align_passages=False)))
