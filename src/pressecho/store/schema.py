"""The corpus database's tables, and the migrations that bring an older database up to date.

The schema version is SQLite's ``PRAGMA user_version``; :data:`MIGRATIONS` holds one SQL script
per version, applied in order, each in its own transaction, so a database made by any older
pressecho opens with a newer one. A later stage adds its tables by appending a migration, never by
editing an old one.

Tables (version 1):

``raw_documents``
    every input exactly as it arrived: ``id`` is the SHA-256 of the bytes (identity: the same
    bytes are stored once), ``data`` the bytes compressed with ``codec``, plus URL, outlet
    (``source``), content type, fetch time, where it came from (``origin``) and the ingest run;
    since version 5 ``stated``, what the input said about the document beside its bytes (JSON:
    ``title``, ``published`` from a JSONL/CSV record's fields or a feed item).
``extractions``
    one row per raw document: which extractor version ran on it, ``ok`` or ``failed`` with the
    failure's reason code and message. ``pressecho reextract`` redoes rows whose version is old.
``articles``
    the extracted article of each raw document that has one: the columns people query (title,
    date, outlet, language, text) and the rest of :meth:`Article.to_dict` as JSON in ``data``.
    ``text_sha`` (SHA-256 of ``text``) is how later stages tell stale results: a derived table
    keeps the ``text_sha`` it was computed from (its offsets point into that text) and its own
    stage version, and recomputes rows where either differs.
``read_failures``
    records that could not be read at all (broken WARC record, CSV row without text, HTTP 500):
    origin, reason, message, how often and when last seen; one row per (origin, reason).
``ingest_runs``
    one row per ingest or re-extraction: what was read, with which pressecho, and its summary.
``source_templates``
    per-outlet extraction templates (learned boilerplate, selectors): filled by a later stage and
    handed to the extractor for the documents of that outlet.
``articles_fts`` (version 6)
    the full-text index of the articles' titles and texts (SQLite FTS5), kept in step by triggers;
    see :mod:`pressecho.store.search`.
``failures`` (a view)
    extraction failures and read failures in one list, as the CLI's ``failures`` shows them.
"""

from __future__ import annotations

import sqlite3

from pressecho.store.language import MIGRATION as _LANGUAGE_MIGRATION
from pressecho.store.search import MIGRATION as _SEARCH_MIGRATION
from pressecho.store.stories import MIGRATION as _RELATE_MIGRATION
from pressecho.store.stories import MIGRATION_INCREMENTAL as _RELATE_INCREMENTAL

SCHEMA_VERSION = 6

MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,               -- ingest | reextract
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pressecho_version TEXT NOT NULL,
    sources TEXT,                     -- JSON list
    summary TEXT                      -- JSON, written when the run ends
);

CREATE TABLE raw_documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,          -- SHA-256 of the raw bytes
    size INTEGER NOT NULL,            -- bytes before compression
    url TEXT,
    source TEXT,
    content_type TEXT,
    fetched_at TEXT,
    origin TEXT,
    ingested_at TEXT NOT NULL,
    run_id INTEGER REFERENCES ingest_runs(id),
    codec TEXT NOT NULL,              -- zlib | none
    data BLOB NOT NULL                -- last, so scans of the metadata skip the overflow pages
);
CREATE INDEX raw_documents_url ON raw_documents(url);
CREATE INDEX raw_documents_source ON raw_documents(source);

CREATE TABLE extractions (
    raw_id TEXT PRIMARY KEY REFERENCES raw_documents(id) ON DELETE CASCADE,
    extractor_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    reason TEXT,
    message TEXT,
    extracted_at TEXT NOT NULL
);
CREATE INDEX extractions_status ON extractions(status, reason);
CREATE INDEX extractions_version ON extractions(extractor_version);

CREATE TABLE articles (
    raw_id TEXT PRIMARY KEY REFERENCES raw_documents(id) ON DELETE CASCADE,
    title TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    language TEXT,
    format TEXT,
    credits TEXT,                     -- JSON list
    n_paragraphs INTEGER NOT NULL,
    n_chars INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_sha TEXT NOT NULL,
    data TEXT NOT NULL                -- JSON: Article.to_dict() without text (paragraphs as offsets)
);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE read_failures (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    url TEXT,
    reason TEXT NOT NULL,
    message TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    run_id INTEGER REFERENCES ingest_runs(id),
    UNIQUE (origin, reason)
);

CREATE TABLE source_templates (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,               -- e.g. boilerplate-lines, selectors
    version TEXT NOT NULL,
    data TEXT NOT NULL,               -- JSON
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, kind)
);

CREATE VIEW failures AS
    SELECT 'extract' AS stage, e.raw_id AS raw_id, r.origin AS origin, r.url AS url, r.source AS source,
           e.reason AS reason, e.message AS message, e.extracted_at AS at
    FROM extractions e JOIN raw_documents r ON r.id = e.raw_id
    WHERE e.status = 'failed'
    UNION ALL
    SELECT 'read', NULL, origin, url, NULL, reason, message, last_seen FROM read_failures;
""",
}
# version 2: the relate stage's stories, links, passages and provenance (see pressecho.store.stories)
MIGRATIONS[2] = _RELATE_MIGRATION
# version 3: the language stage's sentences, entities, mentions and quotes (see pressecho.store.language)
MIGRATIONS[3] = _LANGUAGE_MIGRATION
# version 4: the relate stage's incremental state replaces version 2's tables (see pressecho.store.stories)
MIGRATIONS[4] = _RELATE_INCREMENTAL
# version 5: what the input stated about a document beside its bytes (a record's title and date, a feed
# item's), as JSON; extraction prefers it to what it finds in the page
MIGRATIONS[5] = "ALTER TABLE raw_documents ADD COLUMN stated TEXT;"
# version 6: full-text search over the articles, kept in step by triggers (see pressecho.store.search)
MIGRATIONS[6] = _SEARCH_MIGRATION


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """A script split into complete statements (a ``;`` inside a trigger body does not end one)."""
    statements, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    return statements


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations the database has not had yet; returns the versions applied.

    Each step takes the write lock and reads the version again under it, so two processes opening
    a new database at once do not both create its tables. The connection must be in autocommit
    mode (``isolation_level=None``). Raises ``RuntimeError`` (turned into a typed error by the
    store) when the database comes from a newer pressecho than this one.
    """
    applied = []
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"the database has schema version {current}, newer than this pressecho's {SCHEMA_VERSION}"
                )
            if current == SCHEMA_VERSION:
                conn.execute("COMMIT")
                return applied
            for statement in _statements(MIGRATIONS[current + 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
            applied.append(current + 1)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
