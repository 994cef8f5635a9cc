"""WARC (and ARC) archives as input: each HTML response record is one raw document.

warcio reads the records; the payload is the HTTP body with transfer and content encodings undone,
the URL and fetch time come from the WARC headers, the content type from the HTTP headers.
Responses that are not HTML (images, scripts, redirects and error pages) are counted as skipped. A
record that cannot be parsed is yielded as a read failure and reading resumes at the next record
boundary found in the bytes (the next gzip member of a ``.warc.gz``, the next ``WARC/1.`` line of a
plain ``.warc``): warcio itself stops at the first broken record, and one broken record must not
hide the rest of an archive.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from pressecho.errors import BrokenRecord, RecordTooLarge, SourceNotFound
from pressecho.ingest.base import Item, ReadFailure, ReadOptions, Skipped, source_of
from pressecho.model import RawDocument

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20
_SNIFF = 64
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")  # the first line of a WARC record, of an ARC file


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _is_html(content_type: str | None, head: bytes) -> bool:
    if content_type:
        return "html" in content_type.lower()
    sniff = head[:1024].lower()
    return b"<html" in sniff or b"<!doctype html" in sniff


def _record_item(record: Any, origin: str, options: ReadOptions) -> Item | None:
    """A response record as a raw document (or skipped); None for records that are not responses."""
    if record.rec_type == "revisit":
        return Skipped(origin, "revisit")
    if record.rec_type not in ("response", "resource"):
        return None  # request, metadata, warcinfo: not documents, not worth counting
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return Skipped(origin, "http-status")
        content_type = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    stream = record.content_stream()
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return ReadFailure.of(
            origin, RecordTooLarge(f"payload over the limit of {options.max_bytes:,} bytes"), url=url
        )
    # the archive ended inside this record (a crawl cut off while writing): warcio hands over what there
    # is without a word, and half a page stored as the page would pass for the article
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return ReadFailure.of(
            origin,
            BrokenRecord(f"the record is cut short: the archive ends inside it, {missing:,} bytes missing"),
            url=url,
        )
    if not _is_html(content_type, data):
        return Skipped(origin, "not-html")
    return RawDocument(
        data=data,
        url=url,
        source=source_of(options, None, url),
        content_type=content_type,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
        origin=origin,
    )


def _next_boundary(fh: IO[bytes], after: int, gzipped: bool) -> int | None:
    """Offset of the next record start after ``after``, found by scanning the raw bytes."""
    marker = _GZIP_MAGIC if gzipped else _WARC_LINE
    pos = after
    fh.seek(pos)
    carry = b""
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        buf = carry + chunk
        hit = buf.find(marker)
        if hit >= 0:
            found = pos - len(carry) + hit
            return found if gzipped else found + 1  # skip the newline before "WARC/1."
        carry = buf[-(len(marker) - 1) :]
        pos += len(chunk)


def iter_warc(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Every HTML response in a WARC/ARC file, plain or gzipped, as a raw document."""
    if not path.is_file():
        yield ReadFailure.of(str(path), SourceNotFound(f"no such file: {path}"))
        return
    with open(path, "rb") as fh:
        gzipped = fh.read(3) == _GZIP_MAGIC
        fh.seek(0)
        head = fh.read(_SNIFF).lstrip()
        if not gzipped and not head.startswith(_ARCHIVE_STARTS) and _next_boundary(fh, 0, False) is None:
            # no record anywhere: warcio reads anything as a (broken) ARC file and says nothing, or
            # warns on stderr (a damaged first record with records after it is reported and skipped below)
            yield ReadFailure.of(str(path), BrokenRecord("not a WARC or ARC archive (nor a gzipped one)"))
            return
        start = 0
        while True:
            fh.seek(start)
            iterator = ArchiveIterator(fh, arc2warc=True)
            record_start = start
            try:
                for record in iterator:
                    record_start = iterator.offset  # absolute: the iterator started at fh.tell()
                    if gzipped and os.pread(fh.fileno(), 3, record_start) != _GZIP_MAGIC:
                        # warcio reads a damaged member as plain bytes and may swallow the next records
                        raise BrokenRecord("the record is not a gzip member")
                    item = _record_item(record, f"{path}#offset={record_start}", options)
                    if item is not None:
                        yield item
                # warcio ends quietly at a record cut short: bytes left over are a broken last record
                size = fh.seek(0, 2)
                if size - iterator.offset > 4:
                    yield ReadFailure.of(
                        f"{path}#offset={iterator.offset}",
                        BrokenRecord(
                            f"the archive ends inside a record ({size - iterator.offset} bytes left over)"
                        ),
                    )
                return
            except (Exception, zlib.error) as exc:  # warcio raises many kinds on broken input
                failed_at = max(record_start, iterator.offset)
                error = (
                    exc
                    if isinstance(exc, BrokenRecord)
                    else BrokenRecord(f"the record is truncated or malformed ({type(exc).__name__}: {exc})")
                )
                yield ReadFailure.of(f"{path}#offset={failed_at}", error)
                resume = _next_boundary(fh, failed_at + 1, gzipped)
                if resume is None or resume <= start:
                    return
                start = resume
