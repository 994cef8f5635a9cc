"""Typed errors: each says what was wrong with one document, so a batch can record it and go on.

Every error pressecho raises for bad input is a :class:`PresseError`; its ``reason`` is a short,
stable code (stored with the failed document and counted in ingest summaries), its message says
what happened in words.
"""

from __future__ import annotations


class PresseError(Exception):
    """Base class of pressecho's errors about one input."""

    reason = "error"


class ExtractionError(PresseError):
    """The document could not be turned into an article."""

    reason = "extraction-failed"


class EmptyDocument(ExtractionError):
    reason = "empty"


class BinaryContent(ExtractionError):
    """The bytes are not text (an image, a PDF, an archive, random junk)."""

    reason = "binary"


class UndecodableText(ExtractionError):
    reason = "undecodable"


class DocumentTooLarge(ExtractionError):
    reason = "too-large"


class NoArticleFound(ExtractionError):
    """The page is text, but nothing in it looks like an article body."""

    reason = "no-article"


class IngestError(PresseError):
    """A record of an input source (a WARC record, a CSV row, a feed) could not be read."""

    reason = "unreadable-record"


class FetchError(IngestError):
    reason = "fetch-failed"


class SourceNotFound(IngestError):
    """A file or folder named as an ingest source does not exist."""

    reason = "not-found"


class RecordTooLarge(IngestError):
    """A file, WARC record or HTTP response is larger than the ingest's size cap."""

    reason = "too-large"


class BrokenRecord(IngestError):
    """A WARC record (or the archive around it) cannot be parsed."""

    reason = "broken-record"


class BadRecord(IngestError):
    """A JSONL line is not a JSON object, or a CSV row cannot be parsed."""

    reason = "bad-record"


class MissingField(IngestError):
    """A JSONL/CSV record has none of the configured text or HTML fields."""

    reason = "missing-field"


class BadFeed(IngestError):
    """A URL that says it is an RSS/Atom feed does not parse as one."""

    reason = "bad-feed"


class FetchTimeout(FetchError):
    reason = "timeout"


class RobotsDisallowed(FetchError):
    reason = "robots-disallowed"


class HttpStatus(FetchError):
    """The server answered with an error status; the reason names it, e.g. ``http-500``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = f"http-{status}"


class LanguageError(PresseError):
    """The language layer could not analyse an article."""

    reason = "analysis-failed"


class TextTooLong(LanguageError):
    """The article's text is longer than the language layer reads (``pressecho.language.MAX_CHARS``)."""

    reason = "too-long"


class StoreError(PresseError):
    """The database cannot be used: not SQLite, or made by a newer pressecho."""

    reason = "store-error"
