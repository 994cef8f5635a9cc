"""RawDocument -> Article: decode, tell HTML from a text dump by content, extract, tidy metadata.

The two paths share everything news-specific (agency credits, dates, the lexicon of boilerplate
blocks) through :mod:`pressecho.extract.news`; they differ only in how they find the article's
blocks: trafilatura on the DOM for HTML, pressecho's own line cleaner for text dumps.
"""

from __future__ import annotations

import re

from pressecho.errors import DocumentTooLarge, NoArticleFound
from pressecho.extract.decode import decode
from pressecho.language.detect import detect_language
from pressecho.model import Article, RawDocument, content_hash

# Past this many characters (after scripts, styles and inline data are dropped from HTML) a page is
# refused: no news article is this long, and parsing it would stall a batch.
MAX_CHARS = 5_000_000

_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|a\s|br|table|ul|li|h[1-6])\b",
    re.I,
)
_BULKY = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<svg\b.*?</svg\s*>"
    r"|(?:src|href)\s*=\s*[\"']data:[^\"']*[\"']",
    re.I | re.S,
)


def looks_like_html(text: str) -> bool:
    """True when the text is markup: several tags near the start, or a document that opens with one."""
    head = text[:20_000]
    if head.lstrip()[:1] == "<" and _HTML_SNIFF.search(head[:2000]):
        return True
    return len(_HTML_SNIFF.findall(head)) >= 5


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    source: str | None = None,
    raw_id: str | None = None,
) -> Article:
    """Extract the clean article from one web page, HTML or text dump.

    Raises a subclass of :class:`pressecho.errors.ExtractionError` saying why when the input is
    empty, binary, undecodable, too large or holds no article.
    """
    if raw_id is None:
        raw_id = content_hash(data.encode("utf-8") if isinstance(data, str) else data)
    text = decode(data, content_type).text
    is_html = looks_like_html(text)
    if is_html and len(text) > MAX_CHARS:
        text = _BULKY.sub(" ", text)
    if len(text) > MAX_CHARS:
        raise DocumentTooLarge(
            f"the document has {len(text):,} characters of {'markup' if is_html else 'text'}, "
            f"more than the limit of {MAX_CHARS:,}"
        )
    if is_html:
        from pressecho.extract.html import extract_html

        article = extract_html(text, raw_id=raw_id, url=url)
    else:
        from pressecho.extract.textdump import extract_textdump

        article = extract_textdump(text, raw_id=raw_id, url=url)
    if not article.paragraphs:
        raise NoArticleFound("no article body found in the document")
    article.url = article.url or url
    article.source = source or article.source
    if article.language is None:
        article.language = detect_language(article.text)
    return article


def extract_raw(raw: RawDocument) -> Article:
    """Extract a stored raw document (the ingest and re-extract path)."""
    return extract(raw.data, url=raw.url, content_type=raw.content_type, source=raw.source, raw_id=raw.id)


__all__ = ["extract", "extract_raw", "looks_like_html", "MAX_CHARS"]
