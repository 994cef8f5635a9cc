"""The relate stage's tables: the clustering state, stories, their links, passages and provenance.

Migration 2 made the first version of these tables, which ``pressecho relate`` refilled from scratch
on every run. Migration 4 replaces them with tables that *are* the state of the incremental
clustering (:mod:`pressecho.relate.stories`), so a run only adds the articles not related yet:

``relate_articles``
    one row per related article, numbered in the order they were added (``num``): its story, the
    time and outlet it was published, its comparable features (JSON), its MinHash signature, the
    ``text_sha`` of the text its passages point into, and the article it is a near-copy of.
``relate_postings``
    the inverted index the candidates come from: each article's heaviest terms and rarest names
    (``@name``) -> article, by publication day, so a look-up reads only the days within the
    clustering's time window.
``relate_ngrams``, ``relate_bands``
    rare word n-gram fingerprints (for reused copy, as passim finds it) and MinHash LSH band keys
    (for near-duplicates) -> article.
``stories``, ``story_links``
    each story with its counts, and every link that put an article into a story (or merged two
    stories) with its evidence as JSON.
``passages``, ``reuse_segments``
    the passages found between pairs of articles, and the stretches of each article inside
    passages (overlapping stretches merged), each in a reuse cluster: one piece of copy as
    carried by several articles. Clusters are kept up to date as passages arrive (a union of
    the clusters a new passage touches); origins and shares are computed when read.

Rows that hold offsets are tied to the article's ``text_sha`` in ``relate_articles``: after a
re-extraction changes a text, :meth:`StoryStore.stale` lists the articles whose relate rows no
longer fit and ``pressecho relate --rebuild`` recomputes everything.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pressecho.model import Article, Passage, Story, StoryLink
from pressecho.relate.provenance import ArticleInfo, article_reuse, carriers_and_origin

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

TABLES = """
CREATE TABLE relate_articles (
    num INTEGER PRIMARY KEY,           -- the order the articles were related in
    raw_id TEXT NOT NULL UNIQUE,
    story_id TEXT NOT NULL,
    published TEXT,
    hours REAL,                        -- published, in hours since 1970-01-01 UTC (NULL: undated)
    source TEXT,
    credits TEXT NOT NULL,             -- JSON list
    title TEXT,
    length INTEGER NOT NULL,           -- characters of the text
    text_sha TEXT NOT NULL,            -- of the text the passages' offsets point into
    text_key INTEGER NOT NULL,         -- the text up to case and white space: exact copies share it
    duplicate_of TEXT,                 -- the first article of its near-duplicate group
    features TEXT NOT NULL,            -- JSON: terms, names, numbers (pressecho.relate.features)
    signature BLOB                     -- MinHash signature, uint32 values (pressecho.relate.fingerprints)
);
CREATE INDEX relate_articles_story ON relate_articles(story_id, source);
CREATE INDEX relate_articles_text_key ON relate_articles(text_key);
CREATE INDEX relate_articles_undated ON relate_articles(num) WHERE hours IS NULL;

CREATE TABLE relate_postings (
    key TEXT NOT NULL,                 -- a term, or "@" and a name
    day INTEGER NOT NULL,              -- publication day (days since 1970-01-01), -1 when undated
    num INTEGER NOT NULL,
    PRIMARY KEY (key, day, num)
) WITHOUT ROWID;

CREATE TABLE relate_ngrams (
    fp INTEGER NOT NULL,               -- a rare word n-gram (winnowed fingerprint, 32 bits)
    num INTEGER NOT NULL,
    PRIMARY KEY (fp, num)
) WITHOUT ROWID;

CREATE TABLE relate_bands (
    band INTEGER NOT NULL,             -- a MinHash LSH band key
    num INTEGER NOT NULL,
    PRIMARY KEY (band, num)
) WITHOUT ROWID;

CREATE TABLE stories (
    id TEXT PRIMARY KEY,               -- "s" + hash of its first article's id: stable across re-runs
    first_num INTEGER NOT NULL,        -- relate_articles.num of the article that started it
    title TEXT,
    first_published TEXT,
    first_hours REAL,
    last_published TEXT,
    last_hours REAL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL
);
CREATE INDEX stories_time ON stories(first_hours, id);

CREATE TABLE story_links (
    id INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL,
    a TEXT NOT NULL,                   -- the earlier article
    b TEXT NOT NULL,                   -- the article that joined the story (or merged two) through it
    kind TEXT NOT NULL,                -- same-story | near-duplicate
    score REAL NOT NULL,
    evidence TEXT NOT NULL             -- JSON: StoryLink fields and the pair's evidence
);
CREATE INDEX story_links_story ON story_links(story_id);

CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,                   -- the article related first
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b TEXT NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    score REAL NOT NULL,
    cluster_id INTEGER NOT NULL        -- the reuse cluster (reuse_segments.cluster_id)
);
CREATE INDEX passages_a ON passages(a, b);
CREATE INDEX passages_b ON passages(b);
CREATE INDEX passages_cluster ON passages(cluster_id);

CREATE TABLE reuse_segments (
    id INTEGER PRIMARY KEY,
    raw_id TEXT NOT NULL,
    start INTEGER NOT NULL,            -- a stretch of the article inside passages (overlaps merged)
    end INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL
);
CREATE INDEX reuse_segments_article ON reuse_segments(raw_id, start);
CREATE INDEX reuse_segments_cluster ON reuse_segments(cluster_id);
"""

_V4_TABLES = (
    "relate_articles",
    "relate_postings",
    "relate_ngrams",
    "relate_bands",
    "stories",
    "story_links",
    "passages",
    "reuse_segments",
)

# migration 4: the tables of migration 2 were refilled from scratch by every run; these hold the
# incremental state. Old results are dropped (the next `pressecho relate` recomputes them).
MIGRATION_INCREMENTAL = (
    """
DROP TABLE article_reuse;
DROP TABLE reuse_clusters;
DROP TABLE passages;
DROP TABLE story_links;
DROP TABLE story_articles;
DROP TABLE stories;
DELETE FROM relate_runs;
"""
    + TABLES
)

_RUNS_TABLE = """
CREATE TABLE relate_runs (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    at TEXT NOT NULL,
    summary TEXT NOT NULL
);
"""

_IN_CHUNK = 500  # values per "IN (...)" look-up


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(values: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


@dataclass(frozen=True)
class ArticleRow:
    """The parts of a ``relate_articles`` row the clustering reads back."""

    num: int
    raw_id: str
    story_id: str
    hours: float | None
    duplicate_of: str | None


class StoryStore:
    """The relate tables of one connection: writes of the clustering, reads of the views.

    The clustering (:class:`pressecho.relate.stories.StoryClusterer`) is the only writer; it runs
    on a corpus database (tables made by migration 4) or on :meth:`memory` (a private in-memory
    database with the same tables, for a list of articles handed over from Python).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def memory(cls) -> StoryStore:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript(_RUNS_TABLE + TABLES)
        return cls(conn)

    # ---------------------------------------------------------------------------------- state

    def clear(self) -> None:
        """Forget every related article (``relate --rebuild`` starts from here)."""
        for table in _V4_TABLES:
            self.conn.execute(f"DELETE FROM {table}")

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM relate_articles").fetchone()[0])

    def next_num(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(num), 0) + 1 FROM relate_articles").fetchone()[0])

    def has(self, raw_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM relate_articles WHERE raw_id = ?", (raw_id,)).fetchone()
            is not None
        )

    def rows(self, nums: Iterable[int]) -> dict[int, ArticleRow]:
        out: dict[int, ArticleRow] = {}
        for chunk in _chunks(sorted(set(nums))):
            for num, raw_id, story, hours, dup in self.conn.execute(
                f"SELECT num, raw_id, story_id, hours, duplicate_of FROM relate_articles WHERE num IN ({_marks(len(chunk))})",
                chunk,
            ):
                out[num] = ArticleRow(num, raw_id, story, hours, dup)
        return out

    def row_of(self, raw_id: str) -> ArticleRow:
        num, story, hours, dup = self.conn.execute(
            "SELECT num, story_id, hours, duplicate_of FROM relate_articles WHERE raw_id = ?", (raw_id,)
        ).fetchone()
        return ArticleRow(num, raw_id, story, hours, dup)

    def features_json(self, nums: Iterable[int]) -> Iterator[tuple[int, str, str, float | None]]:
        """(num, id, features JSON, hours) of these articles."""
        for chunk in _chunks(sorted(set(nums))):
            yield from self.conn.execute(
                f"SELECT num, raw_id, features, hours FROM relate_articles WHERE num IN ({_marks(len(chunk))})",
                chunk,
            )

    def exact_copy(self, text_key: int) -> tuple[int, str, str | None, bytes | None] | None:
        """The first related article with this text (num, id, duplicate_of, signature), or None."""
        row = self.conn.execute(
            "SELECT num, raw_id, duplicate_of, signature FROM relate_articles WHERE text_key = ? "
            "ORDER BY num LIMIT 1",
            (text_key,),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def band_candidates(self, bands: Sequence[int]) -> list[tuple[int, str, str | None, bytes | None]]:
        """Related articles sharing an LSH band: (num, id, duplicate_of, signature), oldest first."""
        if not bands:
            return []
        return self.conn.execute(
            "SELECT num, raw_id, duplicate_of, signature FROM relate_articles WHERE num IN "
            f"(SELECT DISTINCT num FROM relate_bands WHERE band IN ({_marks(len(bands))})) ORDER BY num",
            list(bands),
        ).fetchall()

    def ngram_postings(self, fps: Sequence[int]) -> list[tuple[int, int]]:
        """(fingerprint, num) of every stored posting of these fingerprints."""
        out: list[tuple[int, int]] = []
        for chunk in _chunks(fps):
            out += self.conn.execute(
                f"SELECT fp, num FROM relate_ngrams WHERE fp IN ({_marks(len(chunk))})", chunk
            ).fetchall()
        return out

    def has_undated(self) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM relate_articles WHERE hours IS NULL LIMIT 1"  # a partial index has them
            ).fetchone()
            is not None
        )

    def term_postings(
        self,
        keys: Sequence[str],
        weights: Sequence[float],
        day: int | None,
        days: int,
        limit: int,
        undated: bool = True,
    ) -> list[tuple[int, float]]:
        """(article, summed weight of the keys it is indexed under) over the articles indexed under
        each key, published within ``days`` of ``day`` (and the undated ones, unless ``undated`` says
        there are none): the latest ``limit`` per key. One statement, summed by SQLite."""
        parts: list[str] = []
        params: list[Any] = []
        for key, weight in zip(keys, weights, strict=True):
            if day is None:
                parts.append(
                    "SELECT ? AS w, num FROM (SELECT num FROM relate_postings WHERE key = ? "
                    "ORDER BY day DESC, num DESC LIMIT ?)"
                )
                params += [weight, key, limit]
                continue
            parts.append(
                "SELECT ? AS w, num FROM (SELECT num FROM relate_postings WHERE key = ? AND day BETWEEN ? AND ? "
                "ORDER BY day DESC, num DESC LIMIT ?)"
            )
            params += [weight, key, day - days, day + days, limit]
            if undated:
                parts.append(
                    "SELECT ? AS w, num FROM (SELECT num FROM relate_postings WHERE key = ? AND day = -1 "
                    "ORDER BY num DESC LIMIT ?)"
                )
                params += [weight, key, limit]
        if not parts:
            return []
        sql = f"SELECT num, sum(w) FROM ({' UNION ALL '.join(parts)}) GROUP BY num"
        return self.conn.execute(sql, params).fetchall()

    def story_members(self, story_id: str, limit: int) -> list[int]:
        """The most recently related articles of a story (their nums, latest first)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT num FROM relate_articles WHERE story_id = ? ORDER BY num DESC LIMIT ?",
                (story_id, limit),
            )
        ]

    def stories_info(self, story_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        """story id -> (first_num, n_articles)."""
        ids = sorted(set(story_ids))
        return {
            sid: (first, n)
            for sid, first, n in self.conn.execute(
                f"SELECT id, first_num, n_articles FROM stories WHERE id IN ({_marks(len(ids))})", ids
            )
        }

    def passages_among(self, ids: Sequence[str]) -> list[Passage]:
        """Stored passages between any two of these articles."""
        if not ids:
            return []
        marks = _marks(len(ids))
        return [
            Passage(*row)
            for row in self.conn.execute(
                f"SELECT a, a_start, a_end, b, b_start, b_end, score FROM passages WHERE a IN ({marks}) AND b IN ({marks})",
                list(ids) + list(ids),
            )
        ]

    # ---------------------------------------------------------------------------------- writes

    def add_article(
        self,
        num: int,
        article: Article,
        *,
        story_id: str,
        hours: float | None,
        text_sha: str,
        text_key: int,
        duplicate_of: str | None,
        features: str,
        signature: bytes | None,
        postings: Iterable[str],
        day: int,
        ngrams: Iterable[int],
        bands: Iterable[int],
    ) -> None:
        self.conn.execute(
            "INSERT INTO relate_articles (num, raw_id, story_id, published, hours, source, credits, title, length, "
            "text_sha, text_key, duplicate_of, features, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                num,
                article.raw_id,
                story_id,
                article.published,
                hours,
                article.source,
                json.dumps(article.credits, ensure_ascii=False),
                article.title,
                len(article.text),
                text_sha,
                text_key,
                duplicate_of,
                features,
                signature,
            ),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO relate_postings (key, day, num) VALUES (?, ?, ?)",
            ((k, day, num) for k in postings),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO relate_ngrams (fp, num) VALUES (?, ?)", ((f, num) for f in ngrams)
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO relate_bands (band, num) VALUES (?, ?)", ((b, num) for b in bands)
        )

    def new_story(self, story_id: str, num: int, article: Article, hours: float | None) -> None:
        self.conn.execute(
            "INSERT INTO stories (id, first_num, title, first_published, first_hours, last_published, last_hours, "
            "n_articles, n_sources) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
            (
                story_id,
                num,
                article.title,
                article.published,
                hours,
                article.published,
                hours,
                1 if article.source else 0,
            ),
        )

    def join_story(self, story_id: str, article: Article, hours: float | None) -> None:
        """Count a new member (already inserted with this story id) into the story's figures."""
        conn = self.conn
        if article.source:
            others = conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM relate_articles WHERE story_id = ? AND source = ? LIMIT 2)",
                (story_id, article.source),
            ).fetchone()[0]
            new_source = 1 if others == 1 else 0
        else:
            new_source = 0
        conn.execute(
            "UPDATE stories SET n_articles = n_articles + 1, n_sources = n_sources + ? WHERE id = ?",
            (new_source, story_id),
        )
        if article.title:  # a story is called by its first article with a title (a dump may have none)
            conn.execute(
                "UPDATE stories SET title = ? WHERE id = ? AND title IS NULL", (article.title, story_id)
            )
        if hours is not None:
            conn.execute(
                "UPDATE stories SET first_published = ?, first_hours = ? WHERE id = ? "
                "AND (first_hours IS NULL OR first_hours > ?)",
                (article.published, hours, story_id, hours),
            )
            conn.execute(
                "UPDATE stories SET last_published = ?, last_hours = ? WHERE id = ? "
                "AND (last_hours IS NULL OR last_hours < ?)",
                (article.published, hours, story_id, hours),
            )

    def merge_stories(self, into: str, absorbed: Sequence[str]) -> None:
        """Move every article and link of the ``absorbed`` stories into story ``into``; recount it."""
        conn = self.conn
        for sid in absorbed:
            conn.execute("UPDATE relate_articles SET story_id = ? WHERE story_id = ?", (into, sid))
            conn.execute("UPDATE story_links SET story_id = ? WHERE story_id = ?", (into, sid))
            conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
        n, n_sources, first, last = conn.execute(
            "SELECT count(*), count(DISTINCT source), min(hours), max(hours) FROM relate_articles WHERE story_id = ?",
            (into,),
        ).fetchone()
        conn.execute(
            "UPDATE stories SET n_articles = ?, n_sources = ?, title = coalesce(title, (SELECT title FROM "
            "relate_articles WHERE story_id = ? AND title IS NOT NULL ORDER BY num LIMIT 1)) WHERE id = ?",
            (n, n_sources, into, into),
        )
        if first is not None:
            conn.execute(
                "UPDATE stories SET first_hours = ?, first_published = (SELECT published FROM relate_articles "
                "WHERE story_id = ? AND hours = ? ORDER BY num LIMIT 1), last_hours = ?, last_published = "
                "(SELECT published FROM relate_articles WHERE story_id = ? AND hours = ? ORDER BY num LIMIT 1) "
                "WHERE id = ?",
                (first, into, first, last, into, last, into),
            )

    def add_link(self, story_id: str, link: StoryLink, evidence: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO story_links (story_id, a, b, kind, score, evidence) VALUES (?, ?, ?, ?, ?, ?)",
            (story_id, link.a, link.b, link.kind, link.score, json.dumps(evidence, ensure_ascii=False)),
        )

    def add_passages(self, passages: Sequence[Passage]) -> None:
        """Store passages and keep the reuse segments and clusters up to date.

        Each side's stretch absorbs the stored segments of its article it overlaps (they become one
        segment); the clusters of all segments involved become one (the lowest id), as the
        connected components of :func:`pressecho.relate.provenance.provenance` would be. The
        segments of the articles involved are read once and the changes written once per call.
        """
        if not passages:
            return
        conn = self.conn
        ids = sorted({p.a for p in passages} | {p.b for p in passages})
        segments: dict[str, list[list[int]]] = {aid: [] for aid in ids}  # [id (0: new), start, end, cluster]
        for seg_id, raw_id, start, end, cid in conn.execute(
            f"SELECT id, raw_id, start, end, cluster_id FROM reuse_segments WHERE raw_id IN ({_marks(len(ids))}) "
            "ORDER BY id",
            ids,
        ):
            segments[raw_id].append([seg_id, start, end, cid])
        next_cluster = int(
            conn.execute("SELECT coalesce(max(cluster_id), 0) + 1 FROM reuse_segments").fetchone()[0]
        )
        renamed: dict[int, int] = {}  # cluster -> the cluster it was merged into
        deleted: list[int] = []
        touched: dict[int, tuple[str, list[int]]] = {}  # the segments to write, by object id
        rows: list[tuple[Any, ...]] = []

        def resolve(cid: int) -> int:
            while cid in renamed:
                cid = renamed[cid]
            return cid

        def absorb(raw_id: str, start: int, end: int) -> tuple[list[int], set[int]]:
            mine = segments[raw_id]
            hit = [seg for seg in mine if seg[1] < end and seg[2] > start]
            if not hit:
                seg = [0, start, end, 0]
                mine.append(seg)
                touched[id(seg)] = (raw_id, seg)
                return seg, set()
            keep = hit[0]
            touched[id(keep)] = (raw_id, keep)
            keep[1] = min(start, *(seg[1] for seg in hit))
            keep[2] = max(end, *(seg[2] for seg in hit))
            for seg in hit[1:]:
                mine.remove(seg)
                touched.pop(id(seg), None)
                if seg[0]:
                    deleted.append(seg[0])
            return keep, {resolve(seg[3]) for seg in hit}

        for p in passages:
            seg_a, clusters_a = absorb(p.a, p.a_start, p.a_end)
            seg_b, clusters_b = absorb(p.b, p.b_start, p.b_end)
            clusters = clusters_a | clusters_b
            if clusters:
                target = min(clusters)
                for other in clusters - {target}:
                    renamed[other] = target
            else:
                target, next_cluster = next_cluster, next_cluster + 1
            seg_a[3] = seg_b[3] = target
            rows.append((p.a, p.a_start, p.a_end, p.b, p.b_start, p.b_end, p.score, target))

        for old in sorted(renamed):
            new = resolve(old)
            conn.execute("UPDATE reuse_segments SET cluster_id = ? WHERE cluster_id = ?", (new, old))
            conn.execute("UPDATE passages SET cluster_id = ? WHERE cluster_id = ?", (new, old))
        if deleted:
            conn.execute(f"DELETE FROM reuse_segments WHERE id IN ({_marks(len(deleted))})", deleted)
        for raw_id, seg in touched.values():
            if seg[0]:
                conn.execute(
                    "UPDATE reuse_segments SET start = ?, end = ?, cluster_id = ? WHERE id = ?",
                    (seg[1], seg[2], resolve(seg[3]), seg[0]),
                )
            else:
                conn.execute(
                    "INSERT INTO reuse_segments (raw_id, start, end, cluster_id) VALUES (?, ?, ?, ?)",
                    (raw_id, seg[1], seg[2], resolve(seg[3])),
                )
        conn.executemany(
            "INSERT INTO passages (a, a_start, a_end, b, b_start, b_end, score, cluster_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row[:7], resolve(row[7])) for row in rows],
        )

    def record_run(self, version: str, summary: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO relate_runs (version, at, summary) VALUES (?, ?, ?)",
            (version, _now(), json.dumps(summary)),
        )

    # ----------------------------------------------------------------------------------- reads

    def stale(self) -> list[str]:
        """Related articles whose text changed (or that lost their article) since they were related."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT r.raw_id FROM relate_articles r LEFT JOIN articles a ON a.raw_id = r.raw_id "
                "WHERE a.text_sha IS NULL OR a.text_sha != r.text_sha ORDER BY r.num"
            )
        ]

    def last_run(self) -> dict[str, Any] | None:
        """The summary of the latest relate run, or None."""
        row = self.conn.execute("SELECT summary FROM relate_runs ORDER BY id DESC LIMIT 1").fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def assignments(self) -> dict[str, str]:
        """article id -> story id, for every related article."""
        return dict(self.conn.execute("SELECT raw_id, story_id FROM relate_articles ORDER BY num"))

    def duplicates(self) -> dict[str, str]:
        """article id -> the first article of its near-duplicate group, for every near-copy."""
        return dict(
            self.conn.execute(
                "SELECT raw_id, duplicate_of FROM relate_articles WHERE duplicate_of IS NOT NULL ORDER BY num"
            )
        )

    def all_passages(self) -> list[Passage]:
        return [
            Passage(*row)
            for row in self.conn.execute(
                "SELECT a, a_start, a_end, b, b_start, b_end, score FROM passages ORDER BY id"
            )
        ]

    def summary(self) -> dict[str, int]:
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            # (from small rows and indexes: a run that adds one article to 100,000 stays quick)
            "articles": one("SELECT coalesce(max(num), 0) FROM relate_articles"),  # numbered 1, 2, ...
            "stories": one("SELECT count(*) FROM stories"),
            "multi_article_stories": one("SELECT count(*) FROM stories WHERE n_articles > 1"),
            "near_duplicates": one("SELECT count(*) FROM story_links WHERE kind = 'near-duplicate'"),
            "passages": one("SELECT count(*) FROM passages"),
            "reuse_clusters": one("SELECT count(DISTINCT cluster_id) FROM reuse_segments"),
        }


_STORY_COLUMNS = "id, title, first_published, last_published, n_articles, n_sources"
_MEMBER_ORDER = "ORDER BY hours IS NULL, hours, raw_id"


def _url(conn: sqlite3.Connection) -> str:
    """SQL for a member's URL, from its article (relate_articles does not keep it); NULL where the
    story tables stand alone, without the corpus's articles."""
    has_articles = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
    return "(SELECT url FROM articles a WHERE a.raw_id = r.raw_id)" if has_articles.fetchone() else "NULL"


def _story_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    sid, title, first, last, n, n_sources = row
    return {
        "id": sid,
        "title": title,
        "first_published": first,
        "last_published": last,
        "n_articles": n,
        "n_sources": n_sources,
        "articles": [],
    }


def _member(row: tuple[Any, ...]) -> dict[str, Any]:
    raw_id, source, published, title, credits, dup, url = row
    return {
        "id": raw_id,
        "source": source,
        "published": published,
        "title": title,
        "url": url,  # where a reader finds the article (relate_articles does not keep it)
        "credits": json.loads(credits) if credits else [],
        "duplicate_of": dup,
    }


def related(conn: sqlite3.Connection) -> bool:
    """Whether ``pressecho relate`` has run on this database."""
    return conn.execute("SELECT 1 FROM relate_articles LIMIT 1").fetchone() is not None


def story_rows(conn: sqlite3.Connection, min_articles: int = 1) -> list[dict[str, Any]]:
    """Every story (with at least ``min_articles``) with its articles, in order of first publication."""
    stories = {
        row[0]: _story_dict(row)
        for row in conn.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE n_articles >= ? "
            "ORDER BY first_hours IS NULL, first_hours, id",
            (min_articles,),
        )
    }
    rows = conn.execute(
        "SELECT story_id, raw_id, source, published, title, credits, duplicate_of, "
        f"{_url(conn)} FROM relate_articles r "
        f"{_MEMBER_ORDER}"
    )
    for sid, *member in rows:
        story = stories.get(sid)
        if story is not None:
            story["articles"].append(_member(tuple(member)))
    return list(stories.values())


def story_of(conn: sqlite3.Connection, raw_id: str) -> str | None:
    row = conn.execute("SELECT story_id FROM relate_articles WHERE raw_id = ?", (raw_id,)).fetchone()
    return row[0] if row else None


def resolve_story(conn: sqlite3.Connection, id_or_prefix: str) -> str | None:
    """A story id from an id, a unique prefix of one, or the id (prefix) of one of its articles;
    None when nothing matches. Raises ``KeyError`` when the prefix starts several ids."""
    rows = conn.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (id_or_prefix, id_or_prefix + "\uffff")
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    articles = conn.execute(
        "SELECT story_id FROM relate_articles WHERE raw_id >= ? AND raw_id < ? LIMIT 2",
        (id_or_prefix, id_or_prefix + "\uffff"),
    ).fetchall()
    if len(articles) == 1:
        return str(articles[0][0])
    if rows or articles:
        raise KeyError(f"{id_or_prefix!r} is the start of more than one id: give more of it")
    return None


def _hours_time(hours: float | None) -> datetime | None:
    return None if hours is None else datetime.fromtimestamp(hours * 3600.0, UTC).replace(tzinfo=None)


def story_detail(conn: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story: articles, links with evidence, passages between its articles, provenance."""
    row = conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    story = _story_dict(row)
    lengths: dict[str, int] = {}
    for raw_id, source, published, title, credits, dup, url, length in conn.execute(
        "SELECT raw_id, source, published, title, credits, duplicate_of, "
        f"{_url(conn)}, length FROM relate_articles r "
        f"WHERE story_id = ? {_MEMBER_ORDER}",
        (story_id,),
    ):
        story["articles"].append(_member((raw_id, source, published, title, credits, dup, url)))
        lengths[raw_id] = length
    ids = list(lengths)
    story["links"] = [
        json.loads(evidence)
        for (evidence,) in conn.execute(
            "SELECT evidence FROM story_links WHERE story_id = ? ORDER BY id", (story_id,)
        )
    ]
    passages = []
    for chunk in _chunks(ids, 400):
        marks = _marks(len(chunk))
        passages += conn.execute(
            f"SELECT id, a, a_start, a_end, b, b_start, b_end, score, cluster_id FROM passages "
            f"WHERE a IN ({marks}) AND b IN (SELECT raw_id FROM relate_articles WHERE story_id = ?)",
            [*chunk, story_id],
        ).fetchall()
    story["passages"] = [
        {"a": a, "a_start": s1, "a_end": e1, "b": b, "b_start": s2, "b_end": e2, "score": sc, "cluster": c}
        for _, a, s1, e1, b, s2, e2, sc, c in sorted(passages)
    ]
    segments: dict[str, list[tuple[int, int]]] = {}
    clusters_of: dict[str, set[int]] = {}
    for chunk in _chunks(ids, 400):
        for raw_id, start, end, cid in conn.execute(
            f"SELECT raw_id, start, end, cluster_id FROM reuse_segments WHERE raw_id IN ({_marks(len(chunk))})",
            chunk,
        ):
            segments.setdefault(raw_id, []).append((start, end))
            clusters_of.setdefault(raw_id, set()).add(cid)
    cluster_ids = sorted({c for cs in clusters_of.values() for c in cs})
    story["reuse_clusters"] = [reuse_cluster(conn, cid) for cid in cluster_ids]
    origin_of = {c["id"]: c["origin"] for c in story["reuse_clusters"]}
    for article in story["articles"]:
        aid = article["id"]
        shares = article_reuse(aid, lengths[aid], segments.get(aid, []))
        mine = sorted(clusters_of.get(aid, ()))
        article["reuse"] = {
            "length": shares.length,
            "reused_chars": shares.reused_chars,
            "reused_share": shares.reused_share,
            "additions": [list(a) for a in shares.additions],
            "clusters": mine,
            "originates": [c for c in mine if origin_of.get(c) == aid],
        }
    return story


def reuse_cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any]:
    """One reuse cluster: its carriers (earliest first), likely origin and agency, passages."""
    infos = {
        raw_id: ArticleInfo(raw_id, length, _hours_time(hours), tuple(json.loads(credits or "[]")), source)
        for raw_id, length, hours, credits, source in conn.execute(
            "SELECT raw_id, length, hours, credits, source FROM relate_articles WHERE raw_id IN "
            "(SELECT DISTINCT raw_id FROM reuse_segments WHERE cluster_id = ?)",
            (cluster_id,),
        )
    }
    ids, first, agency = carriers_and_origin(infos.keys(), infos)
    n_passages = conn.execute("SELECT count(*) FROM passages WHERE cluster_id = ?", (cluster_id,)).fetchone()[
        0
    ]
    return {
        "id": cluster_id,
        "origin": first,
        "origin_agency": agency,
        "article_ids": ids,
        "n_passages": n_passages,
    }


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
    """Stories as :class:`pressecho.model.Story` records (links with their evidence), oldest first."""
    stories = {
        sid: Story(id=sid, title=title)
        for sid, title in conn.execute(
            "SELECT id, title FROM stories ORDER BY first_hours IS NULL, first_hours, id"
        )
    }
    for sid, raw_id in conn.execute(f"SELECT story_id, raw_id FROM relate_articles {_MEMBER_ORDER}"):
        stories[sid].article_ids.append(raw_id)
    known = set(StoryLink.__dataclass_fields__)
    for sid, evidence in conn.execute("SELECT story_id, evidence FROM story_links ORDER BY id"):
        data = json.loads(evidence)
        stories[sid].links.append(StoryLink(**{k: v for k, v in data.items() if k in known}))
    return list(stories.values())


def articles_by_id(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[Article]:
    """Stored articles in the order of ``ids`` (a few hundred at a time; ids without an article are skipped)."""
    from pressecho.store.sqlite import article_from_row

    for chunk in _chunks(ids, 200):
        rows = {
            raw_id: (text, data)
            for raw_id, text, data in conn.execute(
                f"SELECT raw_id, text, data FROM articles WHERE raw_id IN ({_marks(len(chunk))})", list(chunk)
            )
        }
        for raw_id in chunk:
            if raw_id in rows:
                yield article_from_row(raw_id, *rows[raw_id])


# ------------------------------------------------------------------------------------ export

STORY_EXPORT_COLUMNS = (
    "story_id",
    "story_title",
    "story_first_published",
    "story_articles",
    "story_outlets",
    "id",
    "source",
    "published",
    "title",
    "url",
    "credits",
    "duplicate_of",
    "reused_chars",
    "reused_share",
)
PASSAGE_EXPORT_COLUMNS = (
    "story_id",
    "a",
    "a_start",
    "a_end",
    "b",
    "b_start",
    "b_end",
    "score",
    "cluster_id",
    "a_text",
    "b_text",
)
LINK_EXPORT_COLUMNS = ("story_id", "a", "b", "kind", "score", "evidence")


def story_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One row per article of every story (oldest story first), with the story's figures and the
    article's reused text (characters inside passages other articles share, and their share), as
    ``pressecho story`` counts them (:func:`pressecho.relate.provenance.article_reuse`)."""
    cursor = conn.execute(
        "SELECT s.id, s.title, s.first_published, s.n_articles, s.n_sources, r.raw_id, r.source, "
        f"r.published, r.title, r.credits, r.duplicate_of, {_url(conn)}, r.length "
        "FROM stories s JOIN relate_articles r ON r.story_id = s.id "
        "ORDER BY s.first_hours IS NULL, s.first_hours, s.id, r.hours IS NULL, r.hours, r.raw_id"
    )
    segments = "SELECT start, end FROM reuse_segments WHERE raw_id = ?"
    for (
        sid,
        stitle,
        first,
        n,
        n_sources,
        raw_id,
        source,
        published,
        title,
        credits,
        dup,
        url,
        length,
    ) in cursor:
        reuse = article_reuse(raw_id, length, conn.execute(segments, (raw_id,)).fetchall())
        yield {
            "story_id": sid,
            "story_title": stitle,
            "story_first_published": first,
            "story_articles": n,
            "story_outlets": n_sources,
            **_member((raw_id, source, published, title, credits, dup, url)),
            "reused_chars": reuse.reused_chars,
            "reused_share": reuse.reused_share,
        }


def passage_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every shared passage: offsets into both articles' cleaned text, score, reuse cluster, and the
    text on each side (cut from the stored articles, so a reader sees what was matched)."""
    cursor = conn.execute(
        "SELECT r.story_id, p.a, p.a_start, p.a_end, p.b, p.b_start, p.b_end, p.score, p.cluster_id, "
        "substr(x.text, p.a_start + 1, p.a_end - p.a_start), substr(y.text, p.b_start + 1, p.b_end - p.b_start) "
        "FROM passages p JOIN relate_articles r ON r.raw_id = p.a "
        "LEFT JOIN articles x ON x.raw_id = p.a LEFT JOIN articles y ON y.raw_id = p.b ORDER BY p.id"
    )
    for row in cursor:
        yield dict(zip(PASSAGE_EXPORT_COLUMNS, row, strict=True))


def link_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every story link with its evidence (shared terms, names, passages, time gap)."""
    for sid, a, b, kind, score, evidence in conn.execute(
        "SELECT story_id, a, b, kind, score, evidence FROM story_links ORDER BY id"
    ):
        yield {
            "story_id": sid,
            "a": a,
            "b": b,
            "kind": kind,
            "score": score,
            "evidence": json.loads(evidence),
        }
