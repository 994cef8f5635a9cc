"""Files and folders as input: every regular file below the given paths, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

# files that are never documents: hidden files, gold/annotation sidecars of the example corpus
_SKIP_SUFFIXES = {".json", ".jsonl", ".csv", ".md", ".py", ".pyc"}


def iter_files(paths: Iterable[str | Path], *, skip_sidecars: bool = True) -> Iterator[Path]:
    """Yield the files named, and the files below the folders named, sorted within each folder.

    Inside folders, hidden files and sidecar files (JSON, CSV, Markdown) are passed over; a file
    named explicitly is always yielded.
    """
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if skip_sidecars and child.suffix.lower() in _SKIP_SUFFIXES:
                    continue
                yield child
        else:
            yield path
