"""JSONL and CSV/TSV files as input: one document per line or row, text or HTML in a named field.
A CSV file's delimiter (comma, semicolon, tab, bar) is read off its header; a byte order mark is
skipped.

A record with HTML in the HTML field becomes an HTML document; otherwise the text field becomes a
text dump. Field names come from :class:`~pressecho.ingest.base.ReadOptions`. A line that is not
JSON, or a row without either field, is yielded as a read failure and the file goes on. ``.gz``
files are read through gzip, line by line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from pressecho.errors import BadRecord, MissingField, PresseError, RecordTooLarge, SourceNotFound
from pressecho.ingest.base import Item, ReadFailure, ReadOptions, source_of
from pressecho.model import RawDocument

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
CSV_SUFFIXES = (".csv", ".tsv", ".csv.gz", ".tsv.gz")

csv.field_size_limit(sys.maxsize)


def is_jsonl(path: Path) -> bool:
    return path.name.lower().endswith(JSONL_SUFFIXES)


def is_csv(path: Path) -> bool:
    return path.name.lower().endswith(CSV_SUFFIXES)


def _open_text(path: Path) -> IO[str]:
    """UTF-8, with the byte order mark Excel's "CSV UTF-8" (and pressecho's own CSV export) writes."""
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", errors="replace", newline="")
    return open(path, encoding="utf-8-sig", errors="replace", newline="")


def _text(value: Any) -> str | None:
    """A field's value as text, None when it is empty or no value (null, NaN, true/false, an object, a list).
    A lone surrogate (JSON allows "\\ud800") becomes U+FFFD: SQLite stores only valid UTF-8, and one
    such field stopped the whole ingest."""
    if value is None or isinstance(value, bool | dict | list):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN, which Python's json writes for pandas' missing values, is no value
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def record_to_document(record: Mapping[str, Any], origin: str, options: ReadOptions) -> RawDocument:
    """One JSONL object or CSV row as a raw document; raises a typed error when it holds no text."""
    html = _text(record.get(options.html_field))
    text = None if html else _text(record.get(options.text_field))
    if html is None and text is None:
        present = ", ".join(sorted(k for k in record if k)) or "none"
        raise MissingField(
            f"no {options.html_field!r} or {options.text_field!r} field with content (fields: {present})"
        )
    data = (html or text or "").encode("utf-8", errors="surrogatepass")
    if len(data) > options.max_bytes:
        raise RecordTooLarge(f"{len(data):,} bytes, more than the limit of {options.max_bytes:,}")
    url = _text(record.get(options.url_field))
    source_value = _text(record.get(options.source_field)) if options.source_field else None
    fetched = _text(record.get(options.time_field)) if options.time_field else None
    fields = (
        ("title", options.title_field),
        ("published", options.date_field),
        ("authors", options.authors_field),
        ("language", options.language_field),
    )
    stated = {
        key: value
        for key, name in fields
        if name and (value := _stated(record.get(name), several=key == "authors"))
    }
    return RawDocument(
        data=data,
        url=url.strip() if url else None,
        source=source_of(options, source_value, url),
        content_type="text/html; charset=utf-8" if html else "text/plain; charset=utf-8",
        fetched_at=fetched.strip() if fetched else None,
        origin=origin,
        stated=stated,
    )


def _stated(value: Any, *, several: bool = False) -> str | None:
    """A field's value as stated text. A list is its items joined by "; " where the field holds several
    (authors), else its first item (a title); an object stands for its ``name`` (``{"name": "Anna
    Muster"}``, schema.org's Person) or a date export's ``$date``. Anything else that is no text
    (true/false, an object without such a key) states nothing, rather than its Python repr."""
    if isinstance(value, list):
        items = [text.strip() for item in value if (text := _stated(item))]
        value = "; ".join(items) if several else next(iter(items), None)
    if isinstance(value, dict):
        value = next((value[key] for key in ("name", "$date") if isinstance(value.get(key), str | int)), None)
    if isinstance(value, float) and math.isfinite(value) and (value.is_integer() or value > 1e8):
        value = int(value)  # Unix seconds as a float (pandas writes them so): 1709632800.5 is that second
    text = _text(value)
    return text.strip() if text else None


def _origin(path: Path, where: str, record: Mapping[str, Any], options: ReadOptions) -> str:
    """``file.jsonl#id=abc`` when the record has an id, else ``file.jsonl#line=12``."""
    record_id = _text(record.get(options.id_field)) if options.id_field else None
    return f"{path}#id={record_id.strip()}" if record_id else f"{path}#{where}"


def iter_jsonl(path: Path, options: ReadOptions) -> Iterator[Item]:
    """One document per line of a JSONL file."""
    try:
        handle = _open_text(path)
    except FileNotFoundError:
        yield ReadFailure.of(str(path), SourceNotFound(f"no such file: {path}"))
        return
    with handle:
        lineno = 0
        try:
            for lineno, line in enumerate(handle, start=1):  # noqa: B007 - lineno names a broken tail
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    yield ReadFailure.of(f"{path}#line={lineno}", BadRecord(f"not JSON: {exc}"))
                    continue
                if not isinstance(record, dict):
                    yield ReadFailure.of(
                        f"{path}#line={lineno}", BadRecord(f"a JSON {type(record).__name__}, not an object")
                    )
                    continue
                yield _document(record, _origin(path, f"line={lineno}", record, options), options)
        except (OSError, EOFError) as exc:  # a truncated .gz, a disk error: the lines read so far stand
            yield ReadFailure.of(f"{path}#line={lineno + 1}", BadRecord(f"{type(exc).__name__}: {exc}"))


def _document(record: Mapping[str, Any], origin: str, options: ReadOptions) -> Item:
    try:
        return record_to_document(record, origin, options)
    except PresseError as exc:
        return ReadFailure.of(origin, exc, url=_text(record.get(options.url_field)))


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(header_line: str, options: ReadOptions) -> str:
    """The delimiter of a CSV file, read off its header: the one that makes a text or HTML column
    (German Excel writes semicolons), else the one that makes the most columns."""
    names = {d: next(csv.reader([header_line], delimiter=d), []) for d in _DELIMITERS}
    for d, columns in names.items():
        if options.text_field in columns or options.html_field in columns:
            return d
    return max(_DELIMITERS, key=lambda d: len(names[d]))


def iter_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    """One document per row of a CSV (or, by suffix, TSV) file with a header row."""
    try:
        handle = _open_text(path)
    except FileNotFoundError:
        yield ReadFailure.of(str(path), SourceNotFound(f"no such file: {path}"))
        return
    with handle:
        row_no = 0
        try:
            first = handle.readline()
            delimiter = "\t" if ".tsv" in path.name.lower() else _delimiter(first, options)
            header = next(csv.reader([first], delimiter=delimiter), [])
            reader = csv.DictReader(handle, fieldnames=header, delimiter=delimiter)
            if options.text_field not in header and options.html_field not in header:
                yield ReadFailure.of(
                    str(path),
                    MissingField(
                        f"the header has no {options.text_field!r} or {options.html_field!r} column "
                        f"(columns: {', '.join(header) or 'none'})"
                    ),
                )
                return
            for row_no, row in enumerate(reader, start=1):  # noqa: B007 - row_no names a broken tail
                origin = _origin(path, f"row={row_no}", row, options)
                if None in row:  # more cells than columns: the row is misaligned, its fields unreliable
                    yield ReadFailure.of(
                        origin, BadRecord(f"{len(header) + len(row[None])} cells for {len(header)} columns")
                    )
                    continue
                yield _document(row, origin, options)
        except (csv.Error, OSError, EOFError) as exc:
            yield ReadFailure.of(f"{path}#row={row_no + 1}", BadRecord(f"{type(exc).__name__}: {exc}"))
