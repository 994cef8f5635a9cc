"""Export articles (and failures, quotes, entities, stories, passages) as JSONL, Parquet or CSV, streamed row by row.

JSONL has one article per line in the :meth:`Article.to_dict` shape plus ``id`` and the raw
document's metadata, so :meth:`Article.from_dict` reads it back; where the language stage has read
an article, its sentences, entities, quotes and ``analysis`` are in it. CSV and Parquet have flat
columns; lists and nested records (section, authors, credits, paragraphs, captions) are JSON
strings. ``quotes``, ``entities`` and ``mentions`` are one row per quotation, entity (its mentions
as a list) or mention, each with the article's id and outlet and offsets into its text
(:mod:`pressecho.store.language`). ``stories`` is one row per article of each story (with its reused
share), ``passages`` one row per shared passage (offsets and text on both sides, reuse cluster),
``links`` one row per story link with its evidence (:mod:`pressecho.store.stories`). Files are written beside the target and renamed into place, so
a failed export leaves no half file.

CSV is written for the spreadsheets analysts open it in, unless ``spreadsheet=False``: a UTF-8 byte
order mark (without it Excel reads UTF-8 as Windows-1252: "fÃ¼r"), and a cell of article text that a
spreadsheet would run as a formula ("+++ Eilmeldung +++", "=HYPERLINK(...)" planted in a page) starts
with an apostrophe, which spreadsheets show as text and hide (CSV injection; the text is untrusted).
Standard output never gets the byte order mark (a pipe feeds a program, not a spreadsheet).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pressecho.store.sqlite import Store, article_from_row

FORMATS = ("jsonl", "parquet", "csv")
WHAT = ("articles", "failures", "quotes", "entities", "mentions", "stories", "passages", "links")

ARTICLE_COLUMNS = (
    "id",
    "source",
    "url",
    "title",
    "published",
    "language",
    "format",
    "section",
    "authors",
    "credits",
    "n_paragraphs",
    "n_chars",
    "text",
    "fetched_at",
    "origin",
    "extractor_version",
    "extracted_at",
)
NESTED_COLUMNS = ("title_alternatives", "paragraphs", "captions", "removed")  # Parquet only
FAILURE_COLUMNS = ("stage", "raw_id", "origin", "url", "source", "reason", "message", "at")
_INT_COLUMNS = {"n_paragraphs", "n_chars"} | {
    "n",
    "start",
    "end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "n_mentions",
    "story_articles",
    "story_outlets",
    "reused_chars",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "cluster_id",
}
_FLOAT_COLUMNS = {"score", "reused_share"}
_BATCH = 1000


def format_of(path: str | Path, format: str | None) -> str:
    if format:
        if format not in FORMATS:
            raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
        return format
    if str(path) == "-":
        return "jsonl"  # standard output: one record a line, the format pipes take
    suffix = Path(str(path)).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if suffix == "pq":
        return "parquet"
    raise ValueError(f"cannot tell the export format from {str(path)!r}: give one of {', '.join(FORMATS)}")


def _article_dicts(store: Store, language: bool = False) -> Iterator[dict[str, Any]]:
    """Full articles (``to_dict`` shape) with id and raw-document metadata (and the language
    stage's results, with ``language``)."""
    from pressecho.store import language as language_store

    batch: list[tuple[dict[str, Any], Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        if language:
            language_store.attach(store.conn, [article for _, article in batch])
        for record, article in batch:
            yield {
                "id": record["raw_id"],
                **article.to_dict(),
                "fetched_at": record["fetched_at"],
                "origin": record["origin"],
                "ingested_at": record["ingested_at"],
                "extractor_version": record["extractor_version"],
                "extracted_at": record["extracted_at"],
            }
        batch.clear()

    for record in store.article_records():
        batch.append((record, article_from_row(record["raw_id"], record["text"], record["data"])))
        if len(batch) >= 200:
            yield from flush()
    yield from flush()


def _row_records(store: Store, what: str, fmt: str) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """Columns and rows of a one-row-per-record export (quotes, entities, mentions, stories, passages,
    links); outside JSONL, list and dict values become JSON strings."""
    from pressecho.store import language as language_store
    from pressecho.store import stories as story_store

    columns, records = {
        "quotes": (language_store.QUOTE_COLUMNS, language_store.quote_records),
        "entities": (language_store.ENTITY_COLUMNS, language_store.entity_records),
        "mentions": (language_store.MENTION_COLUMNS, language_store.mention_records),
        "stories": (story_store.STORY_EXPORT_COLUMNS, story_store.story_records),
        "passages": (story_store.PASSAGE_EXPORT_COLUMNS, story_store.passage_records),
        "links": (story_store.LINK_EXPORT_COLUMNS, story_store.link_records),
    }[what]
    rows = records(store.conn)
    if fmt == "jsonl":
        return columns, rows
    return columns, (
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
        for row in rows
    )


def _flat(article: dict[str, Any], nested: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in ARTICLE_COLUMNS + (NESTED_COLUMNS if nested else ()):
        if column == "n_paragraphs":
            row[column] = len(article["paragraphs"])
        elif column == "n_chars":
            row[column] = len(article["text"])
        else:
            value = article.get(column)
            row[column] = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
    return row


def _records(store: Store, what: str, fmt: str) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    if what == "failures":
        return FAILURE_COLUMNS, store.failures()
    if what in ("quotes", "entities", "mentions", "stories", "passages", "links"):
        return _row_records(store, what, fmt)
    if what != "articles":
        raise ValueError(f"cannot export {what!r}; choose one of {', '.join(WHAT)}")
    if fmt == "jsonl":
        return (), _article_dicts(store, language=True)
    nested = fmt == "parquet"
    columns = ARTICLE_COLUMNS + (NESTED_COLUMNS if nested else ())
    return columns, (_flat(a, nested) for a in _article_dicts(store))


# what a spreadsheet takes for the start of a formula (or of a cell it would then read as one)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A text cell a spreadsheet would evaluate, with an apostrophe in front (shown as text, hidden)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@contextmanager
def _target(path: str | Path, binary: bool, encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """The output file (``-`` is standard output), written to a temporary name and renamed at the end."""
    if str(path) == "-":
        if binary:
            raise ValueError("Parquet cannot be written to standard output; give a file name")
        yield sys.stdout
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)  # mkstemp makes the file private (0600); the export gets a normal file's mode
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with open(fd, "wb") if binary else open(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(
    store: Store,
    path: str | Path,
    format: str | None = None,
    *,
    what: str = "articles",
    spreadsheet: bool = True,
) -> int:
    """Write ``what`` (one of :data:`WHAT`) to ``path`` in ``format``; returns the number of rows.
    ``spreadsheet``: CSV with a byte order mark and formula-like cells marked as text (see above)."""
    fmt = format_of(path, format)
    columns, records = _records(store, what, fmt)
    count = 0
    if fmt == "jsonl":
        with _target(path, binary=False) as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    elif fmt == "csv":
        with _target(path, binary=False, encoding="utf-8-sig" if spreadsheet else "utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(columns))
            writer.writeheader()
            for record in records:
                writer.writerow(
                    {k: spreadsheet_cell(v) for k, v in record.items()} if spreadsheet else record
                )
                count += 1
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        kinds = {c: pa.int64() for c in _INT_COLUMNS} | {c: pa.float64() for c in _FLOAT_COLUMNS}
        schema = pa.schema([(c, kinds.get(c, pa.string())) for c in columns])
        with _target(path, binary=True) as out, pq.ParquetWriter(out, schema, compression="zstd") as writer:
            batch: list[dict[str, Any]] = []
            for record in records:
                batch.append(record)
                if len(batch) >= _BATCH:
                    writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            if batch:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                count += len(batch)
    return count
