"""Readers: every kind of source as one lazy stream of raw documents, read failures and skips.

:func:`read_sources` picks the reader for each source: ``http(s)://`` URLs (pages, feeds,
sitemaps), WARC/ARC archives, JSONL and CSV/TSV files, folders (walked, sidecars skipped, archives
read as WARC), saved feeds and sitemaps and lists of URLs named as sources (their pages are
fetched), other files (one document each), and :class:`~pressecho.model.RawDocument` objects
(or iterables of them) handed over from Python. Nothing is read before it is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Union

from pressecho.errors import FetchError, SourceNotFound
from pressecho.ingest.base import (
    FetchOptions,
    Item,
    ReadFailure,
    ReadOptions,
    Skipped,
    outlet_from_url,
)
from pressecho.ingest.files import count_files, iter_files, iter_folder, read_file
from pressecho.ingest.tables import is_csv, is_jsonl, iter_csv, iter_jsonl
from pressecho.ingest.warc import is_warc, iter_warc
from pressecho.ingest.web import Fetcher, has_other_scheme, is_url, iter_links, iter_url, links_in_file
from pressecho.model import RawDocument

Source = Union[str, Path, RawDocument, Iterable[RawDocument]]  # noqa: UP007 - a runtime alias


def read_source(source: Source, options: ReadOptions, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """The items of one source, lazily."""
    if isinstance(source, RawDocument):
        yield source
        return
    if not isinstance(source, str | Path):
        yield from source
        return
    if isinstance(source, str) and is_url(source):
        yield from iter_url(source, options, fetcher)
        return
    if isinstance(source, str) and has_other_scheme(source):
        yield ReadFailure.of(source, FetchError(f"only http and https URLs are fetched, not {source[:200]}"))
        return
    path = Path(source)
    if path.is_dir():
        yield from iter_folder(path, options)
    elif not path.exists():
        yield ReadFailure.of(str(path), SourceNotFound(f"no such file or folder: {path}"))
    elif is_warc(path):
        yield from iter_warc(path, options)
    elif is_jsonl(path):
        yield from iter_jsonl(path, options)
    elif is_csv(path):
        yield from iter_csv(path, options)
    elif (links := links_in_file(path)) is not None:  # a saved feed, a sitemap, a list of URLs
        yield from iter_links(links, options, fetcher or Fetcher(options.fetch))
    else:
        yield read_file(path, options)


def read_sources(sources: Iterable[Source], options: ReadOptions | None = None) -> Iterator[Item]:
    """The items of all sources in turn, sharing one polite fetcher across URLs."""
    options = options or ReadOptions()
    fetcher = Fetcher(options.fetch)
    for source in sources:
        yield from read_source(source, options, fetcher)


def estimate_count(sources: Iterable[Source]) -> int | None:
    """How many items the sources will yield, where that is cheap to know (for a progress bar's ETA).

    Folders are walked, JSONL/CSV lines counted; None when any source is a URL, an archive or an
    iterable, whose size is not known in advance.
    """
    total = 0
    for source in sources:
        if isinstance(source, RawDocument):
            total += 1
            continue
        if not isinstance(source, str | Path) or (isinstance(source, str) and is_url(source)):
            return None
        path = Path(source)
        if path.is_dir():
            total += count_files(path)
        elif is_warc(path) or ((is_jsonl(path) or is_csv(path)) and path.name.lower().endswith(".gz")):
            return None
        elif path.is_file() and (is_jsonl(path) or is_csv(path)):
            with open(path, "rb") as handle:
                lines = sum(block.count(b"\n") for block in iter(lambda h=handle: h.read(1 << 20), b""))
            total += max(0, lines - (1 if is_csv(path) else 0))
        else:
            total += 1
    return total


__all__ = [
    "FetchOptions",
    "Fetcher",
    "Item",
    "ReadFailure",
    "ReadOptions",
    "Skipped",
    "Source",
    "estimate_count",
    "iter_files",
    "outlet_from_url",
    "read_source",
    "read_sources",
]
