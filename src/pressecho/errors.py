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
