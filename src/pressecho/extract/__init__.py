"""RawDocument -> Article: decode, tell HTML from a text dump by content, extract, tidy metadata.

The two paths share everything news-specific (agency credits, dates, the lexicon of boilerplate
blocks) through :mod:`pressecho.extract.news`; they differ only in how they find the article's
blocks: trafilatura on the DOM for HTML, pressecho's own line cleaner for text dumps.

Bad input never takes a batch down: every failure leaves :func:`extract` as a subclass of
:class:`pressecho.errors.ExtractionError` whose ``reason`` says what was wrong, including
failures inside the libraries (wrapped, with the library's message kept).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, AnyStr

from pressecho.errors import DocumentTooLarge, ExtractionError, NoArticleFound, PresseError
from pressecho.extract.decode import decode
from pressecho.extract.templates import Template, as_template
from pressecho.language.detect import detect_language
from pressecho.model import Article, RawDocument, content_hash

# Stamped on every stored extraction; raise it whenever extraction output changes, so that
# ``pressecho reextract`` extracts the documents an older extractor did again.
EXTRACTOR_VERSION = "0.1.0-8"
# Past this many characters a text dump is refused: no news article is this long.
MAX_CHARS = 5_000_000
# Past this many characters of markup (after scripts, styles, comments and inline data are dropped) a
# page is refused: article pages hold well under 0.5 MB of it, and trafilatura needs seconds per MB.
MAX_MARKUP_CHARS = 2_000_000
# Pages larger than this lose their scripts, styles, comments and inline data before anything else.
STRIP_ABOVE = 1_000_000
# Past this many bytes a document is refused before it is even decoded (memory stays bounded).
MAX_BYTES = 200_000_000

_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|a\s|br|table|ul|li|h[1-6])\b",
    re.I,
)
# any start or end tag: a line holding one is a line of markup
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
# elements that end: a document or fragment of markup closes some of them
_CLOSING = re.compile(r"</(?:p|div|li|ul|ol|a|span|td|tr|table|h[1-6]|section|article|body|html)\s*>", re.I)
# elements whose content is never article text, and inline data (base64 images, fonts)
_BULKY_OPEN = r"<(script|style|svg|template|noscript)\b|<!--"
_BULKY_DATA = r"data:[\w.+-]+/[\w.+-]+;base64,[A-Za-z0-9+/=\s]*"


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than text that quotes some.

    A page opens with its markup (a doctype, ``<html>``, a tag). Anything else is markup only when the
    markup runs through it: several elements, some of them closed, on a good share of its lines. A
    text dump that quotes a form or an embedded post (a few lines full of tags) stays a text dump.
    """
    head = text[:20_000]
    if head.lstrip()[:1] == "<" and _HTML_SNIFF.search(head[:2000]):
        return True
    if len(_HTML_SNIFF.findall(head)) < 5 or len(_CLOSING.findall(head)) < 2:
        return False
    lines = [line for line in head.split("\n") if line.strip()]
    with_tags = sum(1 for line in lines if _TAG.search(line))
    return with_tags >= 0.25 * len(lines)


def _looks_like_html_bytes(data: bytes) -> bool:
    # the tags are ASCII: any 8-bit charset (and UTF-8) shows them the same through Latin-1
    return looks_like_html(data[:20_000].decode("latin-1"))


class _Stripper:
    """Drops scripts, styles, comments and inline base64 data from markup, in linear time.

    A regular expression like ``<script.*?</script>`` rescans to the end of the document for every
    unclosed opener, which a hostile or truncated page turns into hours; here each closer is
    searched once from where its opener ends, and an unclosed one ends the document (as in a
    browser). JSON-LD scripts are kept: they carry the article's metadata.
    """

    def __init__(self, kind: type[str] | type[bytes]) -> None:
        enc = (lambda s: s.encode()) if kind is bytes else (lambda s: s)
        self.opener = re.compile(enc(_BULKY_OPEN), re.I)
        self.data = re.compile(enc(_BULKY_DATA))
        self.closers = {
            name: re.compile(enc(rf"</{name}\s*>"), re.I)
            for name in ("script", "style", "svg", "template", "noscript")
        }
        self.comment_end = re.compile(enc("-->"))
        self.json_ld = re.compile(enc(r"[^>]*ld\+json"), re.I)
        self.space = enc(" ")

    def __call__(self, text: AnyStr) -> AnyStr:
        parts: list[AnyStr] = []
        pos = 0
        while True:
            m = self.opener.search(text, pos)
            if m is None:
                break
            name = m.group(1)
            if name is None:
                closer = self.comment_end.search(text, m.end())
            else:
                key = name.decode() if isinstance(name, bytes) else name
                closer = self.closers[key.lower()].search(text, m.end())
                if key.lower() == "script" and self.json_ld.match(text, m.end(), m.end() + 200):
                    end = closer.end() if closer else len(text)
                    if end - m.start() < 1_000_000:
                        parts.append(text[pos:end])
                        pos = end
                        continue
            parts.append(text[pos : m.start()])
            parts.append(self.space)
            if closer is None:
                pos = len(text)
                break
            pos = closer.end()
        parts.append(text[pos:])
        return self.data.sub(self.space, self.space[:0].join(parts))


_strip_bytes = _Stripper(bytes)
_strip_str = _Stripper(str)


def strip_bulky(markup: str | bytes) -> str | bytes:
    """The markup without scripts, styles, comments, SVG and inline base64 data."""
    return _strip_bytes(markup) if isinstance(markup, bytes) else _strip_str(markup)


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    source: str | None = None,
    raw_id: str | None = None,
    template: Template | Mapping[str, Any] | None = None,
) -> Article:
    """Extract the clean article from one web page, HTML or text dump.

    ``template`` is the outlet's boilerplate, learnt from its other pages (a
    :class:`~pressecho.extract.templates.Template`, its dict, or the outlet's stored templates by kind):
    blocks it holds are never body and are listed in ``Article.removed`` with the kind ``template``.

    Raises a subclass of :class:`pressecho.errors.ExtractionError` saying why when the input is
    empty, binary, undecodable, too large or holds no article.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes | str):
        raise TypeError(f"extract() takes bytes or str, not {type(data).__name__}")
    if raw_id is None:
        raw_id = content_hash(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        return _extract(
            data,
            url=url,
            content_type=content_type,
            source=source,
            raw_id=raw_id,
            template=as_template(template),
        )
    except PresseError:
        raise
    except RecursionError as exc:
        raise ExtractionError(f"the document is nested too deeply to extract ({exc})") from exc
    except Exception as exc:  # a library failed on this input: say which and why, keep the batch going
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _extract(
    data: bytes | str,
    *,
    url: str | None,
    content_type: str | None,
    source: str | None,
    raw_id: str,
    template: Template | None = None,
) -> Article:
    size = len(data)
    if size > MAX_BYTES:
        raise DocumentTooLarge(f"the document has {size:,} bytes, more than the limit of {MAX_BYTES:,}")
    stripped = False
    if size > STRIP_ABOVE and (
        _looks_like_html_bytes(data) if isinstance(data, bytes) else looks_like_html(data)
    ):
        data = strip_bulky(data)
        stripped = True
        # no charset packs more than 4 bytes into one character
        if isinstance(data, bytes) and len(data) > 4 * MAX_MARKUP_CHARS:
            raise DocumentTooLarge(
                f"the page has {len(data):,} bytes of markup without scripts and inline data, "
                f"more than the limit of {MAX_MARKUP_CHARS:,} characters"
            )
    text = decode(data, content_type).text
    is_html = looks_like_html(text)
    limit = MAX_MARKUP_CHARS if is_html else MAX_CHARS
    if is_html and len(text) > limit and not stripped:
        text = strip_bulky(text)
    if len(text) > limit:
        raise DocumentTooLarge(
            f"the {'page' if is_html else 'document'} has {len(text):,} characters of "
            f"{'markup without scripts and inline data' if is_html else 'text'}, more than the limit of {limit:,}"
        )
    if is_html:
        from pressecho.extract.html import extract_html

        article = extract_html(text, raw_id=raw_id, url=url, template=template)
    else:
        from pressecho.extract.textdump import extract_textdump

        article = extract_textdump(text, raw_id=raw_id, url=url, source=source, template=template)
    if not article.paragraphs:
        raise NoArticleFound(f"no article body found in the {'page' if is_html else 'text'}")
    article.url = article.url or url
    article.source = source or article.source
    if article.language is None:
        article.language = detect_language(article.text)
    return article


def extract_raw(raw: RawDocument, template: Template | Mapping[str, Any] | None = None) -> Article:
    """Extract a stored raw document (the ingest and re-extract path), with its outlet's template if any,
    and the title and date its input stated (:func:`take_stated`)."""
    article = extract(
        raw.data,
        url=raw.url,
        content_type=raw.content_type,
        source=raw.source,
        raw_id=raw.id,
        template=template,
    )
    return take_stated(article, raw.stated)


def take_stated(article: Article, stated: Mapping[str, str]) -> Article:
    """The title, publication date, authors and language the input states (a corpus record's fields,
    a feed item) win over those found in the page: they come from the publisher's system or the
    corpus maker, while a page's date is a guess among the dates it shows and a short text's language
    a guess among few words. The page's own title stays among the alternatives; a date or language
    code that does not parse is left out. ``Article.from_input`` lists what was taken."""
    from pressecho.extract.html import plain_text
    from pressecho.extract.news import normalise_datetime

    title = plain_text(stated.get("title") or "")
    if title:
        if article.title and article.title != title and article.title not in article.title_alternatives:
            article.title_alternatives.insert(0, article.title)
        if title in article.title_alternatives:
            article.title_alternatives.remove(title)
        article.title = title
        article.from_input.append("title")
    published = normalise_datetime(stated.get("published"))  # None for "2024-02-30" too
    if published:
        article.published = published
        article.from_input.append("published")
    authors, agencies = stated_authors(plain_text(stated.get("authors") or ""))
    if authors:
        article.authors = authors
        article.from_input.append("authors")
    for agency in agencies:  # "Anna Muster, dpa": the agency's copy is credited
        if agency not in article.credits:
            article.credits.append(agency)
    language = _LANGUAGE_CODE.match(stated.get("language") or "")
    if language:
        article.language = language.group(1).lower()
        article.from_input.append("language")
    return article


_NAME_LIST = re.compile(r"\s*(?:,|/|\bund\b|\band\b|&)\s*")


def stated_authors(value: str) -> tuple[list[str], list[str]]:
    """The names and the agencies of an authors field: items separated by ";" (how lists are joined on
    input), and within an item, full names separated by commas, "/", "und", "and" or "&" ("Anna Muster, Ben
    Beispiel und Cem Test"). An agency among them ("Anna Muster, dpa") is no author but a credit. An
    item is split only when every other piece has two words or more, the first and the last not
    lower-case, so "Muster, Anna" stays one name as its writer put it, and so does "Karl von und zu
    Guttenberg" (a name's particles are no list's "und")."""
    from pressecho.extract.news import normalise_agency

    names: list[str] = []
    agencies: list[str] = []
    for item in value.split(";"):
        item = item.strip().strip(",&").strip()
        pieces = [piece.strip() for piece in _NAME_LIST.split(item)]
        agency_of = {piece: normalise_agency(piece) for piece in pieces}
        found = [agency for agency in agency_of.values() if agency]
        people = [piece for piece in pieces if not agency_of[piece]]
        if found and (len(people) <= 1 or all(_full_name(piece) for piece in people)):
            agencies += found
            names += [piece for piece in people if piece]
        elif len(pieces) > 1 and all(_full_name(piece) for piece in pieces):
            names += pieces
        elif item:
            names.append(item)
    return list(dict.fromkeys(names)), list(dict.fromkeys(agencies))


def _full_name(piece: str) -> bool:
    """A piece of an authors list that reads as a whole name: two words or more, neither the first nor
    the last a lower-case particle ("von", "zu")."""
    words = piece.split()
    return len(words) >= 2 and not words[0][0].islower() and not words[-1][0].islower()


_LANGUAGE_CODE = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")  # "de", "de-CH", "de_AT"


__all__ = [
    "EXTRACTOR_VERSION",
    "extract",
    "extract_raw",
    "looks_like_html",
    "strip_bulky",
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_MARKUP_CHARS",
    "STRIP_ABOVE",
]
