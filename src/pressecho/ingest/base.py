"""What every reader yields and the options they share.

A reader turns one source (a folder, a JSONL file, a WARC archive, a feed) into a lazy stream of
:class:`~pressecho.model.RawDocument` objects, with a :class:`ReadFailure` in place of each record
that could not be read (so the ingest records it and goes on) and a :class:`Skipped` for each record
that is deliberately not a document (a non-HTML WARC response, a sidecar file, a URL already
stored), so the summary can count it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pressecho.errors import PresseError
from pressecho.model import RawDocument

# A raw document larger than this is refused at read time (recorded as a read failure): no news page
# is this large, and the whole record has to be in memory to be hashed and stored.
MAX_RECORD_BYTES = 32 * 1024 * 1024


@dataclass
class ReadFailure:
    """A record that could not be read: where it was, and why."""

    origin: str
    reason: str
    message: str
    url: str | None = None

    @classmethod
    def of(cls, origin: str, error: PresseError, url: str | None = None) -> ReadFailure:
        return cls(origin=origin, reason=error.reason, message=str(error), url=url)


@dataclass
class Skipped:
    """A record that is not a document (non-HTML WARC response, sidecar file, URL already stored)."""

    origin: str
    reason: str


Item = RawDocument | ReadFailure | Skipped


@dataclass
class FetchOptions:
    """How politely URLs and feeds are fetched."""

    user_agent: str | None = None  # default: "pressecho/<version> (...)"; polite crawlers add a contact
    timeout: float = 20.0  # seconds per connect/read
    max_time: float = 60.0  # seconds for one whole response (a slow drip is cut off)
    delay: float = 1.0  # seconds between two requests to the same host
    robots: bool = True  # obey robots.txt
    max_bytes: int = MAX_RECORD_BYTES


@dataclass
class ReadOptions:
    """Field names for JSONL/CSV, the outlet, size cap and fetching, shared by all readers."""

    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    id_field: str = "id"
    source_field: str | None = "source"  # a field naming the outlet; else (or when absent) the URL's host
    # fields with what the record states about the article: extraction prefers them to what it finds
    title_field: str | None = "title"
    date_field: str | None = "date"  # the publication date (ISO 8601, RFC 2822, Unix seconds, 25.04.2019)
    authors_field: str | None = "authors"  # a list, or names separated by ";"
    language_field: str | None = "language"  # an ISO 639-1 code ("de", "de-CH")
    time_field: str | None = None  # a field with the fetch time; else WARC/HTTP headers or file time
    source: str | None = None  # one outlet for everything read (overrides the URL host)
    # files in folders: the outlet is the name of the first folder below the one named
    # (corpus/<outlet>/...), for corpora saved one folder per site
    source_from_folder: bool = False
    max_bytes: int = MAX_RECORD_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)
    # called with a URL before fetching it; True means it is already stored and is not fetched again
    known_url: Callable[[str], bool] | None = None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host, lower case, without ``www.`` and port."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def source_of(options: ReadOptions, field_value: str | None, url: str | None) -> str | None:
    """The outlet: the constant ``--source``, else the source field, else the URL host."""
    named = field_value.strip() if field_value else ""
    return options.source or named or outlet_from_url(url)
