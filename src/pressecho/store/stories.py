"""The relate stage's tables (schema migration 2): stories, their links, passages and provenance.

``pressecho relate`` recomputes all of them in one transaction (clustering is deterministic, so a
re-run over the same articles gives the same rows); each row that holds offsets keeps the
``text_sha`` of the text they point into, so a reader can tell rows made stale by a re-extraction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from pressecho.model import Passage, Story, StoryLink

MIGRATION = """
CREATE TABLE relate_runs (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    at TEXT NOT NULL,
    summary TEXT NOT NULL              -- JSON
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,               -- "s" + hash of its first article's id: stable across re-runs
    position INTEGER NOT NULL,         -- order of the first article (published, id)
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL
);

CREATE TABLE story_articles (
    raw_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,         -- order within the story (published, id)
    duplicate_of TEXT,                 -- the article this one is a near-copy of
    text_sha TEXT
);
CREATE INDEX story_articles_story ON story_articles(story_id, position);

CREATE TABLE story_links (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    a TEXT NOT NULL,                   -- the earlier article
    b TEXT NOT NULL,                   -- the article that joined the story through this link
    kind TEXT NOT NULL,                -- same-story | near-duplicate
    score REAL NOT NULL,
    evidence TEXT NOT NULL,            -- JSON: StoryLink fields and the pair's evidence
    PRIMARY KEY (story_id, b)
);

CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b TEXT NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    score REAL NOT NULL,
    cluster_id INTEGER,                -- reuse_clusters.id
    a_sha TEXT,
    b_sha TEXT
);
CREATE INDEX passages_a ON passages(a, b);
CREATE INDEX passages_b ON passages(b);

CREATE TABLE reuse_clusters (
    id INTEGER PRIMARY KEY,
    origin TEXT,                       -- earliest published article carrying the copy
    origin_agency TEXT,                -- the agency several carriers credit, if any
    n_articles INTEGER NOT NULL,
    n_passages INTEGER NOT NULL,
    article_ids TEXT NOT NULL,         -- JSON list, earliest first
    segments TEXT NOT NULL             -- JSON list of [article, start, end]
);

CREATE TABLE article_reuse (
    raw_id TEXT PRIMARY KEY,
    length INTEGER NOT NULL,
    reused_chars INTEGER NOT NULL,
    reused_share REAL NOT NULL,
    additions TEXT NOT NULL,           -- JSON list of [start, end]: the article's own text
    clusters TEXT NOT NULL,            -- JSON list of reuse_clusters.id
    originates TEXT NOT NULL,          -- JSON list of reuse_clusters.id this article is the origin of
    text_sha TEXT
);
"""

_TABLES = ("article_reuse", "reuse_clusters", "passages", "story_links", "story_articles", "stories")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save(conn: sqlite3.Connection, result: Any, version: str, summary: dict[str, Any]) -> None:
    """Replace the relate tables' rows with ``result`` (a :class:`pressecho.relate.stories.RelateResult`)."""
    shas = result.text_shas
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.executemany(
            "INSERT INTO stories (id, position, title, first_published, last_published, n_articles, n_sources) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    s.id,
                    i,
                    s.title,
                    result.published.get(s.article_ids[0]),
                    max((result.published.get(a) or "" for a in s.article_ids), default="") or None,
                    len(s.article_ids),
                    len({result.sources.get(a) for a in s.article_ids if result.sources.get(a)}),
                )
                for i, s in enumerate(result.stories)
            ),
        )
        conn.executemany(
            "INSERT INTO story_articles (raw_id, story_id, position, duplicate_of, text_sha) VALUES (?, ?, ?, ?, ?)",
            (
                (aid, s.id, i, result.duplicate_of.get(aid), shas.get(aid))
                for s in result.stories
                for i, aid in enumerate(s.article_ids)
            ),
        )
        conn.executemany(
            "INSERT INTO story_links (story_id, a, b, kind, score, evidence) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (s.id, link.a, link.b, link.kind, link.score, json.dumps(_link_evidence(link, result)))
                for s in result.stories
                for link in s.links
            ),
        )
        cluster_of = result.cluster_of_passage
        conn.executemany(
            "INSERT INTO passages (a, a_start, a_end, b, b_start, b_end, score, cluster_id, a_sha, b_sha) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    p.a,
                    p.a_start,
                    p.a_end,
                    p.b,
                    p.b_start,
                    p.b_end,
                    p.score,
                    cluster_of(p),
                    shas.get(p.a),
                    shas.get(p.b),
                )
                for p in result.passages
            ),
        )
        conn.executemany(
            "INSERT INTO reuse_clusters (id, origin, origin_agency, n_articles, n_passages, article_ids, segments) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    c.id,
                    c.origin,
                    c.origin_agency,
                    len(c.article_ids),
                    c.passages,
                    json.dumps(c.article_ids),
                    json.dumps([[s.article_id, s.start, s.end] for s in c.segments]),
                )
                for c in result.provenance.clusters
            ),
        )
        conn.executemany(
            "INSERT INTO article_reuse (raw_id, length, reused_chars, reused_share, additions, clusters, "
            "originates, text_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    r.article_id,
                    r.length,
                    r.reused_chars,
                    r.reused_share,
                    json.dumps(r.additions),
                    json.dumps(r.clusters),
                    json.dumps(r.originates),
                    shas.get(r.article_id),
                )
                for r in result.provenance.articles.values()
            ),
        )
        conn.execute(
            "INSERT INTO relate_runs (version, at, summary) VALUES (?, ?, ?)",
            (version, _now(), json.dumps(summary)),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _link_evidence(link: StoryLink, result: Any) -> dict[str, Any]:
    data = asdict(link)
    ev = result.evidence.get((link.a, link.b))
    if ev is not None:
        data.update(
            cosine=ev.cosine,
            names=ev.names,
            numbers=ev.numbers,
            shared_numbers=ev.shared_numbers,
            shared_passage_chars=ev.shared_passage_chars,
        )
    return data


def related(conn: sqlite3.Connection) -> bool:
    """Whether ``pressecho relate`` has run on this database."""
    return conn.execute("SELECT 1 FROM relate_runs LIMIT 1").fetchone() is not None


def story_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every story with its articles (id, outlet, published, title), in order of first publication."""
    stories: dict[str, dict[str, Any]] = {}
    for sid, title, first, last, n, n_sources in conn.execute(
        "SELECT id, title, first_published, last_published, n_articles, n_sources FROM stories ORDER BY position"
    ):
        stories[sid] = {
            "id": sid,
            "title": title,
            "first_published": first,
            "last_published": last,
            "n_articles": n,
            "n_sources": n_sources,
            "articles": [],
        }
    rows = conn.execute(
        "SELECT s.story_id, s.raw_id, s.duplicate_of, a.source, a.published, a.title, a.credits "
        "FROM story_articles s LEFT JOIN articles a ON a.raw_id = s.raw_id ORDER BY s.story_id, s.position"
    )
    for sid, raw_id, dup, source, published, title, credits in rows:
        stories[sid]["articles"].append(
            {
                "id": raw_id,
                "source": source,
                "published": published,
                "title": title,
                "credits": json.loads(credits) if credits else [],
                "duplicate_of": dup,
            }
        )
    return list(stories.values())


def story_of(conn: sqlite3.Connection, raw_id: str) -> str | None:
    row = conn.execute("SELECT story_id FROM story_articles WHERE raw_id = ?", (raw_id,)).fetchone()
    return row[0] if row else None


def resolve_story(conn: sqlite3.Connection, id_or_prefix: str) -> str | None:
    """A story id from an id, a unique prefix of one, or the id (prefix) of one of its articles."""
    rows = conn.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (id_or_prefix, id_or_prefix + "\uffff")
    ).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    rows = conn.execute(
        "SELECT story_id FROM story_articles WHERE raw_id >= ? AND raw_id < ? LIMIT 2",
        (id_or_prefix, id_or_prefix + "\uffff"),
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def story_detail(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story: articles, links with evidence, passages between its articles, provenance."""
    story = next((s for s in story_rows_for(conn, story_id)), None)
    if story is None:
        return None
    ids = [a["id"] for a in story["articles"]]
    story["links"] = [
        json.loads(evidence)
        for (evidence,) in conn.execute(
            "SELECT evidence FROM story_links WHERE story_id = ? ORDER BY rowid", (story_id,)
        )
    ]
    marks = ",".join("?" * len(ids))
    story["passages"] = [
        {"a": a, "a_start": s1, "a_end": e1, "b": b, "b_start": s2, "b_end": e2, "score": sc, "cluster": c}
        for a, s1, e1, b, s2, e2, sc, c in conn.execute(
            f"SELECT a, a_start, a_end, b, b_start, b_end, score, cluster_id FROM passages "
            f"WHERE a IN ({marks}) AND b IN ({marks}) ORDER BY id",
            ids + ids,
        )
    ]
    reuse = {
        raw_id: {
            "length": length,
            "reused_chars": chars,
            "reused_share": share,
            "additions": json.loads(additions),
            "clusters": json.loads(clusters),
            "originates": json.loads(originates),
        }
        for raw_id, length, chars, share, additions, clusters, originates in conn.execute(
            f"SELECT raw_id, length, reused_chars, reused_share, additions, clusters, originates "
            f"FROM article_reuse WHERE raw_id IN ({marks})",
            ids,
        )
    }
    for article in story["articles"]:
        article["reuse"] = reuse.get(article["id"])
    cluster_ids = sorted({c for r in reuse.values() for c in r["clusters"]})
    marks = ",".join("?" * len(cluster_ids))
    story["reuse_clusters"] = [
        {"id": cid, "origin": origin, "origin_agency": agency, "article_ids": json.loads(article_ids)}
        for cid, origin, agency, article_ids in conn.execute(
            f"SELECT id, origin, origin_agency, article_ids FROM reuse_clusters WHERE id IN ({marks}) ORDER BY id",
            cluster_ids,
        )
    ]
    return story


def story_rows_for(conn: sqlite3.Connection, story_id: str) -> Iterable[dict[str, Any]]:
    row = conn.execute(
        "SELECT id, title, first_published, last_published, n_articles, n_sources FROM stories WHERE id = ?",
        (story_id,),
    ).fetchone()
    if row is None:
        return []
    sid, title, first, last, n, n_sources = row
    articles = [
        {
            "id": raw_id,
            "source": source,
            "published": published,
            "title": title_,
            "credits": json.loads(credits) if credits else [],
            "duplicate_of": dup,
        }
        for raw_id, dup, source, published, title_, credits in conn.execute(
            "SELECT s.raw_id, s.duplicate_of, a.source, a.published, a.title, a.credits FROM story_articles s "
            "LEFT JOIN articles a ON a.raw_id = s.raw_id WHERE s.story_id = ? ORDER BY s.position",
            (story_id,),
        )
    ]
    return [
        {
            "id": sid,
            "title": title,
            "first_published": first,
            "last_published": last,
            "n_articles": n,
            "n_sources": n_sources,
            "articles": articles,
        }
    ]


def passages_between(conn: sqlite3.Connection, a: str, b: str) -> list[Passage]:
    """Stored passages of a pair, with ``a`` as the first side whichever way they were stored."""
    found = [
        Passage(*row)
        for row in conn.execute(
            "SELECT a, a_start, a_end, b, b_start, b_end, score FROM passages WHERE a = ? AND b = ?", (a, b)
        )
    ]
    for row in conn.execute(
        "SELECT b, b_start, b_end, a, a_start, a_end, score FROM passages WHERE a = ? AND b = ?", (b, a)
    ):
        found.append(Passage(*row))
    return sorted(found, key=lambda p: (p.a_start, p.b_start))


def story_objects(conn: sqlite3.Connection) -> list[Story]:
    """Stories as :class:`pressecho.model.Story` records (links with their evidence)."""
    stories = {
        sid: Story(id=sid, title=title)
        for sid, title in conn.execute("SELECT id, title FROM stories ORDER BY position")
    }
    for sid, raw_id in conn.execute(
        "SELECT story_id, raw_id FROM story_articles ORDER BY story_id, position"
    ):
        stories[sid].article_ids.append(raw_id)
    known = {f for f in StoryLink.__dataclass_fields__}
    for sid, evidence in conn.execute("SELECT story_id, evidence FROM story_links ORDER BY rowid"):
        data = json.loads(evidence)
        stories[sid].links.append(StoryLink(**{k: v for k, v in data.items() if k in known}))
    return list(stories.values())
