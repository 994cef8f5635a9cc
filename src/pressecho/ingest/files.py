"""Files and folders as input: every regular file below the given paths, in a stable order.

Folders are walked one directory at a time (names sorted within each), so a folder of a million
files streams instead of being listed whole in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pressecho.errors import RecordTooLarge, SourceNotFound
from pressecho.ingest.base import Item, ReadFailure, ReadOptions, Skipped
from pressecho.model import RawDocument

# files that are never documents: hidden files, gold/annotation sidecars of the example corpus
_SKIP_SUFFIXES = {".json", ".jsonl", ".csv", ".md", ".py", ".pyc"}
_CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".txt": "text/plain"}


def is_sidecar(path: Path) -> bool:
    return path.suffix.lower() in _SKIP_SUFFIXES


def _walk(folder: Path) -> Iterator[Path]:
    """Regular files below ``folder`` in sorted order, skipping hidden files and folders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file():
            yield Path(entry.path)


def iter_files(paths: Iterable[str | Path], *, skip_sidecars: bool = True) -> Iterator[Path]:
    """Yield the files named, and the files below the folders named, sorted within each folder.

    Inside folders, hidden files and sidecar files (JSON, CSV, Markdown) are passed over; a file
    named explicitly is always yielded.
    """
    for path in map(Path, paths):
        if path.is_dir():
            for child in _walk(path):
                if skip_sidecars and is_sidecar(child):
                    continue
                yield child
        else:
            yield path


def read_file(path: Path, options: ReadOptions, *, source: str | None = None) -> Item:
    """One file as a raw document, or a read failure saying why it could not be read."""
    origin = str(path)
    try:
        stat = path.stat()
        if stat.st_size > options.max_bytes:
            raise RecordTooLarge(f"{stat.st_size:,} bytes, more than the limit of {options.max_bytes:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadFailure.of(origin, SourceNotFound(f"no such file: {path}"))
    except RecordTooLarge as exc:
        return ReadFailure.of(origin, exc)
    except OSError as exc:
        return ReadFailure(origin, "unreadable", f"{type(exc).__name__}: {exc}")
    # the file's modification time is when the page was saved: the closest thing to a fetch time
    fetched = datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(timespec="seconds")
    return RawDocument(
        data=data,
        source=options.source or source,
        content_type=_CONTENT_TYPES.get(path.suffix.lower()),
        fetched_at=fetched,
        origin=origin,
    )


def count_files(folder: Path) -> int:
    """How many items a folder will yield (for the progress bar's total): a cheap directory walk."""
    return sum(1 for _ in _walk(folder))


def iter_folder(folder: Path, options: ReadOptions) -> Iterator[Item]:
    """Every file below a folder: sidecars are counted as skipped, WARC archives read record by record.

    With ``options.source_from_folder`` a file's outlet is the first folder below ``folder`` on its
    path (a file directly in ``folder`` has none, unless ``options.source`` names one).
    """
    from pressecho.ingest.warc import is_warc, iter_warc

    for path in _walk(folder):
        if is_warc(path):
            yield from iter_warc(path, options)
        elif is_sidecar(path):
            yield Skipped(str(path), "sidecar")
        else:
            parts = path.relative_to(folder).parts
            outlet = parts[0] if options.source_from_folder and len(parts) > 1 else None
            yield read_file(path, options, source=outlet)
