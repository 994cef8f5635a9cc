"""The SQLite store: raw documents, extraction results, failures, runs.

One database file in WAL mode: readers (the CLI, a web view) query while one writer ingests, and
a killed writer loses at most its open transaction, never a committed one. Writes come in batches
(one transaction per batch) from the single writer in the ingest's main process; rows are built
by :func:`pack_raw` and :func:`article_row`, which are pure, so worker processes can prepare them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressecho.errors import StoreError
from pressecho.ingest.base import ReadFailure, now_iso
from pressecho.model import Article, RawDocument
from pressecho.store.schema import SCHEMA_VERSION, migrate

_ARTICLE_COLUMNS = (
    "raw_id, title, published, source, url, language, format, credits, n_paragraphs, n_chars, "
    "text, text_sha, data"
)
_UPSERT_ARTICLE = (
    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({','.join('?' * 13)}) ON CONFLICT (raw_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _ARTICLE_COLUMNS.replace(" ", "").split(",")[1:])
)
_DERIVED_KEYS = ("raw_id", "text", "sentences", "entities", "quotes", "analysis")
FAILURE_STAGES = ("read", "extract", "analyze")  # the stages of the failures view
_BATCH_QUERY = 500  # ids per "IN (...)" lookup, well under SQLite's variable limit


@dataclass
class PackedRaw:
    """A raw document ready for ``raw_documents``: metadata and compressed bytes."""

    id: str
    size: int
    url: str | None
    source: str | None
    content_type: str | None
    fetched_at: str | None
    origin: str | None
    codec: str
    data: bytes
    stated: str | None = None  # JSON of RawDocument.stated, None when it states nothing


@dataclass
class Extraction:
    """The outcome of extracting one raw document: an article row, or a failure's reason."""

    raw_id: str
    version: str
    status: str  # ok | failed
    reason: str | None = None
    message: str | None = None
    article: tuple[Any, ...] | None = None  # article_row(...)


def pack_raw(raw: RawDocument, raw_id: str | None = None) -> PackedRaw:
    """Compress a raw document's bytes (zlib: in the standard library, about a third of the size)."""
    compressed = zlib.compress(raw.data, 6)
    codec, blob = ("zlib", compressed) if len(compressed) < len(raw.data) else ("none", raw.data)
    return PackedRaw(
        id=raw_id or raw.id,
        size=len(raw.data),
        url=raw.url,
        source=raw.source,
        content_type=raw.content_type,
        fetched_at=raw.fetched_at,
        origin=raw.origin,
        codec=codec,
        data=blob,
        stated=json.dumps(raw.stated, ensure_ascii=False, sort_keys=True) if raw.stated else None,
    )


_RAW_COLUMNS = "codec, data, url, source, content_type, fetched_at, origin, stated"


def _raw_document(row: tuple[Any, ...]) -> RawDocument:
    """A ``raw_documents`` row (:data:`_RAW_COLUMNS`) as the document it stores."""
    codec, blob, url, source, content_type, fetched_at, origin, stated = row
    return RawDocument(
        unpack(codec, blob),
        url,
        source,
        content_type,
        fetched_at,
        origin,
        json.loads(stated) if stated else {},
    )


def unpack(codec: str, blob: bytes) -> bytes:
    if codec == "zlib":
        return zlib.decompress(blob)
    if codec == "none":
        return bytes(blob)
    raise StoreError(f"unknown compression {codec!r} (a newer pressecho wrote this document)")


def article_row(article: Article) -> tuple[Any, ...]:
    """An article as an ``articles`` row: paragraphs are kept as offsets only, the text once."""
    data = article.to_dict()
    for key in _DERIVED_KEYS:
        data.pop(key, None)
    data["paragraphs"] = [{"kind": p.kind, "start": p.start, "end": p.end} for p in article.paragraphs]
    return (
        article.raw_id,
        article.title,
        article.published,
        article.source,
        article.url,
        article.language,
        article.format,
        json.dumps(article.credits, ensure_ascii=False),
        len(article.paragraphs),
        len(article.text),
        article.text,
        hashlib.sha256(article.text.encode("utf-8", errors="surrogatepass")).hexdigest(),
        json.dumps(data, ensure_ascii=False),
    )


def article_from_row(raw_id: str, text: str, data_json: str) -> Article:
    data = json.loads(data_json)
    data["paragraphs"] = [{**p, "text": text[p["start"] : p["end"]]} for p in data.get("paragraphs", [])]
    return Article.from_dict({**data, "raw_id": raw_id, "text": text})


class Store:
    """One corpus database. Open with :meth:`open`; not shared between threads or processes."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # ------------------------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, timeout: float = 60.0) -> Store:
        """Open (creating and migrating unless ``readonly``) the database at ``path``."""
        path = Path(path)
        if readonly and not path.exists():
            raise StoreError(f"no corpus database at {path}")
        try:
            if readonly:
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout, isolation_level=None
                )
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # durable against a killed process
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn)
            else:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"the database has schema version {version}, newer than {SCHEMA_VERSION}"
                    )
                if version == 0:
                    raise StoreError(f"{path} is not a pressecho corpus (no schema)")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} cannot be used as a corpus database: {exc}") from None
        except RuntimeError as exc:
            raise StoreError(f"{path}: {exc}; upgrade pressecho to open it") from None
        return cls(conn, path, readonly)

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------------------- transactions

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # ------------------------------------------------------------------------------------- runs

    def start_run(self, kind: str, sources: Sequence[str]) -> int:
        from pressecho import __version__

        cursor = self.conn.execute(
            "INSERT INTO ingest_runs (kind, started_at, pressecho_version, sources) VALUES (?, ?, ?, ?)",
            (kind, now_iso(), __version__, json.dumps(list(sources), ensure_ascii=False)),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?",
            (now_iso(), json.dumps(summary, ensure_ascii=False), run_id),
        )

    # -------------------------------------------------------------------------------- writing

    def _where_in(self, sql: str, ids: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` (whose ``{marks}`` is an ``IN`` list) for the ids, a few hundred per query."""
        for i in range(0, len(ids), _BATCH_QUERY):
            chunk = ids[i : i + _BATCH_QUERY]
            yield from self.conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        return {
            row[0] for row in self._where_in("SELECT id FROM raw_documents WHERE id IN ({marks})", list(ids))
        }

    def has_url(self, url: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM raw_documents WHERE url = ? LIMIT 1", (url,)).fetchone()
            is not None
        )

    def add_documents(self, items: Sequence[tuple[PackedRaw, Extraction]], run_id: int | None) -> int:
        """Store raw documents with their extraction results; returns how many were new.

        A document already stored (same bytes) is left as it is, with its extraction.
        """
        now = now_iso()
        added = 0
        for raw, extraction in items:
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO raw_documents (id, size, url, source, content_type, fetched_at, "
                "origin, ingested_at, run_id, codec, stated, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    raw.id,
                    raw.size,
                    raw.url,
                    raw.source,
                    raw.content_type,
                    raw.fetched_at,
                    raw.origin,
                    now,
                    run_id,
                    raw.codec,
                    raw.stated,
                    raw.data,
                ),
            )
            if cursor.rowcount != 1:
                continue
            added += 1
            self._set_extraction(extraction, now)
            if raw.origin:  # a record read now that failed before is no longer a failure
                self.conn.execute("DELETE FROM read_failures WHERE origin = ?", (raw.origin,))
        return added

    def set_extractions(self, extractions: Iterable[Extraction]) -> None:
        """Replace the extraction results of stored documents (re-extraction)."""
        now = now_iso()
        for extraction in extractions:
            self._set_extraction(extraction, now)

    def _set_extraction(self, extraction: Extraction, now: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO extractions (raw_id, extractor_version, status, reason, message, "
            "extracted_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                extraction.raw_id,
                extraction.version,
                extraction.status,
                extraction.reason,
                extraction.message,
                now,
            ),
        )
        if extraction.article is not None:
            # an upsert, not INSERT OR REPLACE: a replaced row fires no delete trigger, and the search
            # index's triggers must see the old text go (pressecho.store.search)
            self.conn.execute(_UPSERT_ARTICLE, extraction.article)
        else:  # an old article of a document the new extractor rejects is stale: drop it
            self.conn.execute("DELETE FROM articles WHERE raw_id = ?", (extraction.raw_id,))

    def add_read_failures(self, failures: Iterable[ReadFailure], run_id: int | None) -> None:
        now = now_iso()
        self.conn.executemany(
            "INSERT INTO read_failures (origin, url, reason, message, first_seen, last_seen, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (origin, reason) DO UPDATE SET "
            "message = excluded.message, last_seen = excluded.last_seen, attempts = attempts + 1, "
            "run_id = excluded.run_id",
            [(f.origin, f.url, f.reason, f.message, now, now, run_id) for f in failures],
        )

    # ------------------------------------------------------------------------------- reading

    def stale_ids(
        self, version: str, *, after: str = "", limit: int = 500, everything: bool = False
    ) -> list[str]:
        """Ids of documents never extracted or extracted by another version, in id order after ``after``."""
        if everything:
            sql = "SELECT id FROM raw_documents WHERE id > ? ORDER BY id LIMIT ?"
            params: tuple[Any, ...] = (after, limit)
        else:
            sql = (
                "SELECT r.id FROM raw_documents r LEFT JOIN extractions e ON e.raw_id = r.id "
                "WHERE r.id > ? AND (e.extractor_version IS NULL OR e.extractor_version != ?) "
                "ORDER BY r.id LIMIT ?"
            )
            params = (after, version, limit)
        return [row[0] for row in self.conn.execute(sql, params)]

    def count_stale(self, version: str, *, everything: bool = False) -> int:
        if everything:
            return int(self.conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0])
        return int(
            self.conn.execute(
                "SELECT count(*) FROM raw_documents r LEFT JOIN extractions e ON e.raw_id = r.id "
                "WHERE e.extractor_version IS NULL OR e.extractor_version != ?",
                (version,),
            ).fetchone()[0]
        )

    def resolve(self, id_or_prefix: str) -> str:
        """A full document id from an id or an unambiguous prefix of at least 6 characters."""
        key = id_or_prefix.strip().lower()
        if len(key) < 6:
            raise KeyError(f"{id_or_prefix!r}: give at least 6 characters of a document id")
        rows = self.conn.execute(
            "SELECT id FROM raw_documents WHERE id >= ? AND id < ? LIMIT 2", (key, key + "g")
        ).fetchall()
        if not rows:
            raise KeyError(f"no document with id {id_or_prefix!r}")
        if len(rows) > 1:
            raise KeyError(f"{id_or_prefix!r} is the start of more than one document id")
        return str(rows[0][0])

    def raw(self, raw_id: str) -> RawDocument:
        row = self.conn.execute(
            f"SELECT {_RAW_COLUMNS} FROM raw_documents WHERE id = ?", (raw_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no document with id {raw_id!r}")
        return _raw_document(row)

    def raws(self, ids: Sequence[str]) -> Iterator[RawDocument]:
        sql = f"SELECT {_RAW_COLUMNS} FROM raw_documents WHERE id IN ({{marks}}) ORDER BY id"
        for row in self._where_in(sql, ids):
            yield _raw_document(row)

    def text_shas(self, ids: Sequence[str]) -> dict[str, str]:
        """The ``text_sha`` of the stored articles among these ids."""
        return dict(self._where_in("SELECT raw_id, text_sha FROM articles WHERE raw_id IN ({marks})", ids))

    def article(self, raw_id: str) -> Article | None:
        row = self.conn.execute("SELECT text, data FROM articles WHERE raw_id = ?", (raw_id,)).fetchone()
        return article_from_row(raw_id, row[0], row[1]) if row else None

    def article_records(
        self, *, source: str | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every article with its document's metadata, streamed in id order, as plain dicts."""
        sql = (
            "SELECT a.raw_id, a.text, a.data, r.url, r.source, r.fetched_at, r.origin, r.ingested_at, "
            "e.extractor_version, e.extracted_at FROM articles a JOIN raw_documents r ON r.id = a.raw_id "
            "LEFT JOIN extractions e ON e.raw_id = a.raw_id"
        )
        params: list[Any] = []
        if source is not None:
            sql += " WHERE a.source = ?"
            params.append(source)
        sql += " ORDER BY a.raw_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cursor = self.conn.execute(sql, params)
        while rows := cursor.fetchmany(200):
            for raw_id, text, data, url, src, fetched_at, origin, ingested_at, version, extracted_at in rows:
                yield {
                    "raw_id": raw_id,
                    "text": text,
                    "data": data,
                    "raw_url": url,
                    "raw_source": src,
                    "fetched_at": fetched_at,
                    "origin": origin,
                    "ingested_at": ingested_at,
                    "extractor_version": version,
                    "extracted_at": extracted_at,
                }

    def failures(self, *, stage: str | None = None, reason: str | None = None) -> Iterator[dict[str, Any]]:
        """Every failure (of one stage, ``read``, ``extract`` or ``analyze``; of one reason), oldest first."""
        if stage is not None and stage not in FAILURE_STAGES:
            raise ValueError(f"no stage {stage!r}; the stages are {', '.join(FAILURE_STAGES)}")
        sql = "SELECT stage, raw_id, origin, url, source, reason, message, at FROM failures"
        clauses, params = [], []
        if stage:
            clauses.append("stage = ?")
            params.append(stage)
        if reason:
            clauses.append("reason = ?")
            params.append(reason)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        cursor = self.conn.execute(sql + " ORDER BY at, origin", params)
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(200):
            yield from (dict(zip(names, row, strict=True)) for row in rows)

    def templates(self, source: str) -> dict[str, Any]:
        """The extraction templates stored for one outlet, by kind (empty until a stage learns them)."""
        rows = self.conn.execute("SELECT kind, data FROM source_templates WHERE source = ?", (source,))
        return {kind: json.loads(data) for kind, data in rows}

    def set_template(self, source: str, kind: str, version: str, data: dict[str, Any]) -> None:
        """Store (or replace) one outlet's template of one kind."""
        self.conn.execute(
            "INSERT OR REPLACE INTO source_templates (source, kind, version, data, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (source, kind, version, json.dumps(data, ensure_ascii=False), now_iso()),
        )

    def template_rows(self) -> list[dict[str, Any]]:
        """Every stored template: outlet, kind, version, data, when it was learnt."""
        rows = self.conn.execute(
            "SELECT source, kind, version, data, updated_at FROM source_templates ORDER BY source, kind"
        )
        return [
            {"source": s, "kind": k, "version": v, "data": json.loads(d), "updated_at": u}
            for s, k, v, d, u in rows
        ]

    def source_counts(self) -> dict[str, int]:
        """How many raw documents each outlet has."""
        rows = self.conn.execute(
            "SELECT source, count(*) FROM raw_documents WHERE source IS NOT NULL GROUP BY source"
        )
        return {source: int(n) for source, n in rows}

    def source_ids(self, source: str, *, limit: int | None = None) -> list[str]:
        """Ids of one outlet's raw documents in id order (content hashes: a sample in no particular order)."""
        sql = "SELECT id FROM raw_documents WHERE source = ? ORDER BY id"
        params: tuple[Any, ...] = (source,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (source, limit)
        return [row[0] for row in self.conn.execute(sql, params)]

    def counts(self) -> dict[str, Any]:
        """Sizes of the corpus: documents, articles, failures by reason, outlets, runs."""
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM raw_documents"),
            "articles": one("SELECT count(*) FROM articles"),
            "raw_bytes": one("SELECT coalesce(sum(size), 0) FROM raw_documents"),
            "stored_bytes": one("SELECT coalesce(sum(length(data)), 0) FROM raw_documents"),
            "extraction_failures": dict(
                self.conn.execute(
                    "SELECT reason, count(*) FROM extractions WHERE status = 'failed' GROUP BY reason ORDER BY 2 DESC"
                ).fetchall()
            ),
            "read_failures": dict(
                self.conn.execute(
                    "SELECT reason, count(*) FROM read_failures GROUP BY reason ORDER BY 2 DESC"
                ).fetchall()
            ),
            "extractor_versions": dict(
                self.conn.execute(
                    "SELECT extractor_version, count(*) FROM extractions GROUP BY 1 ORDER BY 2 DESC"
                ).fetchall()
            ),
            # the outlets of the articles: an HTML page may name its outlet where its input did not
            "sources": one("SELECT count(DISTINCT source) FROM articles"),
            "languages": {
                (lang or "unknown"): n
                for lang, n in self.conn.execute(
                    "SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
                )
            },
            "runs": one("SELECT count(*) FROM ingest_runs"),
            "schema_version": SCHEMA_VERSION,
        }
