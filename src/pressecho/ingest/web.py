"""URLs, RSS/Atom feeds and sitemaps as input, fetched politely.

A URL that answers with a feed (RSS 2.0, RSS 1.0/RDF, Atom) or a sitemap (``<urlset>``) is read
for its items and each item's link is fetched as a page, with the title and date the feed states
for it (extraction prefers them to the page's); anything else is itself a page. Fetching
is polite and bounded: a user agent naming pressecho, robots.txt obeyed (read once per host), a
pause between requests to one host, a timeout per read and for the whole response, and a size cap
read chunk by chunk (so a huge or endlessly slow response is cut off, not held). Only http and
https are fetched: feed links are untrusted, and ``file:`` or ``ftp:`` links must not be opened.

Written on the standard library's urllib rather than an HTTP client package: the fetch is one GET
with limits, and urllib's ``read1`` makes the size and time caps exact.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pressecho.errors import (
    BadFeed,
    FetchError,
    FetchTimeout,
    HttpStatus,
    MissingField,
    PresseError,
    RecordTooLarge,
    RobotsDisallowed,
)
from pressecho.ingest.base import FetchOptions, Item, ReadFailure, ReadOptions, Skipped, now_iso, source_of
from pressecho.model import RawDocument

_FEED_STARTS = (b"<?xml", b"<rss", b"<feed", b"<rdf:RDF", b"<urlset")
_FEED_ROOTS = {"rss", "feed", "RDF", "urlset", "sitemapindex"}


def default_user_agent() -> str:
    from pressecho import __version__

    return f"pressecho/{__version__} (news corpus ingest; python-urllib)"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str | None
    data: bytes
    fetched_at: str


class _PoliteRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib's default also allows ftp), and only where
    robots.txt allows: a page the rules forbid is not fetched because another URL points to it."""

    def __init__(self, allowed: Callable[[str], bool]) -> None:
        super().__init__()
        self.allowed = allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise HttpStatus(code, f"redirect to a non-HTTP URL refused: {newurl}")
        if not newurl.endswith("/robots.txt") and not self.allowed(newurl):
            raise RobotsDisallowed(
                f"robots.txt of {urlsplit(newurl).netloc} disallows {newurl} (redirected to)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """GET with a user agent, robots.txt, a per-host delay, timeouts and a size cap."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self.user_agent = self.options.user_agent or default_user_agent()
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.HTTPHandler(),
            urllib.request.HTTPSHandler(),
            _PoliteRedirects(self._allowed),
            urllib.request.HTTPDefaultErrorHandler(),
            urllib.request.HTTPErrorProcessor(),
        ):
            self._opener.add_handler(handler)

    def _wait_for_host(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            pause = self.options.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        if not self.options.robots:
            return True
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = None
            try:
                response = self._get(base + "/robots.txt", max_bytes=512 * 1024)
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(response.data.decode("utf-8", errors="replace").splitlines())
            except PresseError:
                parser = None  # no robots.txt (or an unreachable one): nothing is disallowed
            self._robots[base] = parser
        parser = self._robots[base]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def fetch(self, url: str) -> Response:
        """Fetch one URL, or raise a typed :class:`~pressecho.errors.FetchError` saying why not."""
        if not is_url(url):
            raise FetchError(f"not an http(s) URL: {url[:200]}")
        if not self._allowed(url):
            raise RobotsDisallowed(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
        return self._get(url, max_bytes=self.options.max_bytes)

    def _get(self, url: str, *, max_bytes: int) -> Response:
        self._wait_for_host(urlsplit(url).netloc)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.options.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise RecordTooLarge(
                        f"{url}: Content-Length {int(length):,} over the limit of {max_bytes:,}"
                    )
                chunks: list[bytes] = []
                size = 0
                while True:
                    chunk = response.read1(64 * 1024)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise RecordTooLarge(f"{url}: more than the limit of {max_bytes:,} bytes")
                    if time.monotonic() - started > self.options.max_time:
                        raise FetchTimeout(f"{url}: response not complete after {self.options.max_time:g} s")
                    chunks.append(chunk)
                return Response(
                    url=response.geturl(),
                    status=response.status,
                    content_type=response.headers.get("Content-Type"),
                    data=b"".join(chunks),
                    fetched_at=_http_date(response.headers.get("Date")) or now_iso(),
                )
        except urllib.error.HTTPError as exc:
            raise HttpStatus(exc.code, f"{url}: HTTP {exc.code} {exc.reason}") from None
        except TimeoutError as exc:
            raise FetchTimeout(f"{url}: no answer within {self.options.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise FetchTimeout(f"{url}: no answer within {self.options.timeout:g} s") from exc
            raise FetchError(f"{url}: {exc.reason}") from exc
        except (OSError, ValueError) as exc:  # connection reset, bad status line, malformed URL
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc


def _http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


@dataclass
class FeedItem:
    """One entry of a feed or sitemap: the page's URL and what the feed states about it."""

    url: str  # "" for an item that links to no page (it is reported, not silently dropped)
    stated: dict[str, str]  # "title", "published", "language", as the feed writes them
    sitemap: bool = False  # the entry of a sitemap index: the URL is a sitemap, whose pages are wanted
    origin: str | None = None  # where a link-less item stands: "feed.xml#item=3"


# where feeds and news sitemaps state an item's publication date, by element name, in this order
_ITEM_DATE = ("pubDate", "published", "date", "publication_date", "issued", "updated")


def _stating_children(item: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """The item's own elements and those of its Google News block (``<news:news>``), by local name;
    not an image's or a video's title."""
    for child in item:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "news":
            for inner in child.iter():
                if isinstance(inner.tag, str) and inner is not child:
                    yield etree.QName(inner).localname, inner
        else:
            yield name, child


def _item_url(item: etree._Element) -> str | None:
    """The item's page: its link (sitemap ``loc``), else an RSS ``guid`` that is a permalink or an Atom
    ``id`` that is a web address (feeds that state the page only there were read as having no items)."""
    fallback = None
    for name, child in _stating_children(item):
        if name == "loc" and child.text and child.text.strip():  # sitemap
            return child.text.strip()
        if name == "link":
            href = child.get("href")  # Atom
            if href is not None:
                if child.get("rel", "alternate") == "alternate":
                    return href
            elif child.text and child.text.strip():  # RSS
                return child.text.strip()
        permalink = name == "id" or child.get("isPermaLink", "true").lower() == "true"
        if (
            name in ("guid", "id")
            and permalink
            and fallback is None
            and child.text
            and is_url(child.text.strip())
        ):
            fallback = child.text.strip()
    return fallback


def _item_stated(item: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, child in _stating_children(item):
        if name in ("title", "language") or name in _ITEM_DATE:
            text = " ".join("".join(child.itertext()).split())
            if text:
                found.setdefault(name, text)
    date = next((found[name] for name in _ITEM_DATE if name in found), None)
    stated = {"title": found["title"]} if "title" in found else {}
    if date:
        stated["published"] = date
    if "language" in found:  # a news sitemap's news:language, an item's dc:language
        stated["language"] = found["language"]
    return stated


def feed_items(data: bytes, base_url: str) -> list[FeedItem] | None:
    """The items of an RSS/Atom feed or sitemap (each page's URL, title and date as stated), or None
    when the bytes are not one. A URL listed twice is one item (its first entry).

    Raises :class:`BadFeed` when the bytes look like XML but do not parse.
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise BadFeed(f"{base_url}: not well-formed XML: {exc}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname not in _FEED_ROOTS:
        return None
    items: dict[str, FeedItem] = {}
    index = etree.QName(root).localname == "sitemapindex"
    for n, element in enumerate(
        e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in _ITEM_NAMES
    ):
        link = _item_url(element)
        stated = {} if index else _item_stated(element)
        if link:
            url = urljoin(base_url, link)
            items.setdefault(url, FeedItem(url, stated, sitemap=index))
        else:
            items[f"#item={n + 1}"] = FeedItem("", stated, origin=f"{base_url}#item={n + 1}")
    return list(items.values())


_ITEM_NAMES = ("item", "entry", "url", "sitemap")


def _declares_feed(response: Response) -> bool:
    content_type = (response.content_type or "").lower()
    return "rss" in content_type or "atom" in content_type


def _may_be_feed(response: Response) -> bool:
    """Worth parsing as a feed: served as XML, or starting like one (some servers say text/html)."""
    content_type = (response.content_type or "").lower()
    head = response.data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return _declares_feed(response) or "xml" in content_type or head.startswith(_FEED_STARTS)


def _page(
    response: Response, origin: str, options: ReadOptions, stated: dict[str, str] | None = None
) -> RawDocument:
    return RawDocument(
        data=response.data,
        url=response.url,
        source=source_of(options, None, response.url),
        content_type=response.content_type,
        fetched_at=response.fetched_at,
        origin=origin,
        stated=stated or {},
    )


def iter_url(url: str, options: ReadOptions, fetcher: Fetcher | None = None) -> Iterator[Item]:
    """One URL: a page, or a feed whose item pages are fetched in turn."""
    fetcher = fetcher or Fetcher(options.fetch)
    try:
        response = fetcher.fetch(url)
    except PresseError as exc:
        yield ReadFailure.of(url, exc, url=url)
        return
    items = None
    if _may_be_feed(response):
        try:
            items = feed_items(response.data, response.url)
        except BadFeed as exc:
            if _declares_feed(response):
                yield ReadFailure.of(url, exc, url=url)
                return
        if items is None and _declares_feed(response):
            yield ReadFailure.of(
                url, BadFeed(f"{url}: served as a feed but is no RSS/Atom document"), url=url
            )
            return
    if items is None:
        yield _page(response, url, options)
        return
    yield from iter_links(items, options, fetcher)


def iter_links(
    items: Iterable[FeedItem], options: ReadOptions, fetcher: Fetcher, *, in_index: bool = False
) -> Iterator[Item]:
    """The pages of a feed's items or of a list of URLs, each fetched in turn with what is stated of it;
    the sitemaps of a sitemap index are read in turn for theirs (one level: an index of indexes is no
    news site's layout, and following it could fetch a whole archive)."""
    for item in items:
        link = item.url
        if not link:
            title = item.stated.get("title")
            yield ReadFailure.of(
                item.origin or "feed item",
                MissingField(f"the feed item{f' {title[:80]!r}' if title else ''} links to no page"),
            )
            continue
        if item.sitemap:
            yield from _sitemap(link, options, fetcher, in_index)
            continue
        if not is_url(link):
            yield ReadFailure.of(link, FetchError(f"feed link is not an http(s) URL: {link[:200]}"), url=link)
            continue
        if options.known_url is not None and options.known_url(link):
            yield Skipped(link, "already-stored")
            continue
        try:
            yield _page(fetcher.fetch(link), link, options, item.stated)
        except PresseError as exc:
            yield ReadFailure.of(link, exc, url=link)


def _sitemap(url: str, options: ReadOptions, fetcher: Fetcher, in_index: bool) -> Iterator[Item]:
    """The pages of one sitemap a sitemap index lists."""
    if not is_url(url):
        yield ReadFailure.of(url, FetchError(f"sitemap link is not an http(s) URL: {url[:200]}"), url=url)
        return
    try:
        response = fetcher.fetch(url)
        items = feed_items(response.data, response.url)
    except PresseError as exc:
        yield ReadFailure.of(url, exc, url=url)
        return
    if items is None:
        yield ReadFailure.of(url, BadFeed(f"{url}: listed in a sitemap index but is no sitemap"), url=url)
    elif in_index and any(item.sitemap for item in items):
        yield ReadFailure.of(
            url, BadFeed(f"{url}: a sitemap index inside a sitemap index (not followed)"), url=url
        )
    else:
        yield from iter_links(items, options, fetcher, in_index=True)


_URL_LIST_MAX_BYTES = 50 * 1024 * 1024
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def has_other_scheme(source: str) -> bool:
    """``ftp://...``, ``file://...``: a URL pressecho does not fetch (only http and https)."""
    return bool(_SCHEME.match(source)) and not is_url(source)


def links_in_file(path: Path) -> list[FeedItem] | None:
    """The links of a local file that is a feed or sitemap (saved RSS/Atom, ``sitemap.xml``) or a list of
    URLs (one per line, ``#`` comments allowed); None when it is neither (a page, a dump)."""
    try:
        if path.stat().st_size > _URL_LIST_MAX_BYTES:
            return None
        with path.open("rb") as handle:  # the start tells; a page or dump is not read a second time
            head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
            feed = head.startswith(_FEED_STARTS)
            first = next(
                (line.strip() for line in head.splitlines() if line.strip()[:1] not in (b"", b"#")), b""
            )
            if not feed and not is_url(first.decode("utf-8", errors="replace")):
                return None
            data = head + handle.read()
    except OSError:
        return None
    if feed:
        try:
            return feed_items(data, path.resolve().as_uri())
        except BadFeed:
            return None  # not a feed after all (broken XHTML, say): a page
    lines = [line.strip() for line in data.decode("utf-8", errors="replace").splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if urls and all(is_url(url) and not any(c.isspace() for c in url) for url in urls):
        return [FeedItem(url, {}) for url in dict.fromkeys(urls)]
    return None
