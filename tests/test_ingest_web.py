"""URLs and feeds against a local HTTP server: pages, RSS/Atom/sitemaps, errors, garbage, huge and slow answers."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pressecho.corpus import Corpus
from pressecho.ingest import FetchOptions, ReadFailure, ReadOptions, read_sources
from pressecho.ingest.web import Fetcher, feed_items
from test_ingest import html_page


class _Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, float]] = []  # (path, user agent, time)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        base = f"http://{self.headers['Host']}"
        self.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        path = self.path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path.startswith("/page/"):
            self._send(200, html_page(int(path.rsplit("/", 1)[1])).encode())
        elif path == "/private/secret":
            self._send(200, html_page(99).encode())
        elif path == "/feed.xml":
            # the first item states its title (with markup, as feeds write it) and date; the page has neither
            first = (
                "<title><![CDATA[Schulhaus: <b>Sanierung</b> &amp; Umbau]]></title>"
                "<pubDate>Thu, 25 Apr 2019 13:15:00 +0200</pubDate>"
            )
            items = "".join(
                f"<item>{first if k == 0 else ''}<link>{link}</link></item>"
                for k, link in enumerate(
                    (
                        f"{base}/page/1",
                        "/page/2",  # relative: resolved against the feed's URL
                        f"{base}/missing",
                        f"{base}/error",
                        f"{base}/private/secret",
                        "file:///etc/passwd",
                    )
                )
            )
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
            self._send(200, body.encode(), "application/rss+xml")
        elif path == "/atom.xml":
            body = (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<entry><title>a</title><link rel="alternate" href="{base}/page/3"/>'
                f'<link rel="enclosure" href="{base}/image.jpg"/></entry></feed>'
            )
            self._send(200, body.encode(), "application/atom+xml")
        elif path == "/sitemap.xml":
            body = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{base}/page/4</loc></url></urlset>"
            )
            self._send(200, body.encode(), "application/xml")
        elif path == "/guid.xml":  # pages stated only as a permalink guid or an Atom id; an item with none
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>G</title>'
                f'<item><title>Per guid</title><guid isPermaLink="true">{base}/page/10</guid></item>'
                '<item><title>Kein Link</title><guid isPermaLink="false">abc-1</guid></item>'
                "</channel></rss>"
            )
            self._send(200, body.encode(), "application/rss+xml")
        elif path == "/index.xml":  # a sitemap index: its news sitemap lists the pages
            body = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{base}/news-sitemap.xml</loc></sitemap><sitemap><loc>{base}/missing</loc></sitemap>"
                "</sitemapindex>"
            )
            self._send(200, body.encode(), "application/xml")
        elif path == "/news-sitemap.xml":
            body = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"<url><loc>{base}/page/11</loc><news:news><news:publication><news:name>Tagblatt</news:name>"
                "<news:language>de</news:language></news:publication>"
                "<news:publication_date>2024-03-09T10:00:00+01:00</news:publication_date>"
                "<news:title>Aus der News-Sitemap</news:title></news:news></url></urlset>"
            )
            self._send(200, body.encode(), "application/xml")
        elif path == "/rss-as-html":  # a feed served with the wrong type is still read as one
            body = f"<rss><channel><item><link>{base}/page/5</link></item></channel></rss>"
            self._send(200, body.encode(), "text/html")
        elif path == "/garbage.rss":
            self._send(200, b"<rss><channel><item><link>http://x</li", "application/rss+xml")
        elif path in (
            "/go-private",
            "/go-page",
        ):  # a redirect into what robots.txt forbids, and one that is fine
            target = "/private/secret" if path == "/go-private" else "/page/6"
            self.send_response(301)
            self.send_header("Location", f"{base}{target}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/error":
            self._send(500, b"<html>Internal Server Error</html>")
        elif path == "/huge":  # no Content-Length: the cap must cut the stream itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except OSError:
                pass
            self.close_connection = True
        elif path == "/slow":  # a drip that never ends within the time limit
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
        else:
            self._send(404, b"<html>Not Found</html>")


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _options(**fetch: object) -> ReadOptions:
    settings: dict[str, object] = {"delay": 0.0, "timeout": 5.0, "max_time": 1.0, "max_bytes": 1_000_000}
    settings.update(fetch)
    return ReadOptions(fetch=FetchOptions(**settings))  # type: ignore[arg-type]


def test_feed_into_corpus_pages_failures_and_no_refetch(server: str, tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "c.db") as corpus:
        summary = corpus.ingest(
            f"{server}/feed.xml", f"{server}/garbage.rss", f"{server}/error", workers=0, progress=False,
            options=_options(),
        )  # fmt: skip
        assert summary.ingested == 2 and summary.extracted == 2
        assert summary.unreadable == {
            "http-404": 1,
            "http-500": 2,
            "robots-disallowed": 1,
            "fetch-failed": 1,
            "bad-feed": 1,
        }
        urls = sorted(corpus.raw(a.raw_id).url for a in corpus.articles())
        assert urls == [f"{server}/page/1", f"{server}/page/2"]
        doc = corpus.raw(next(corpus.articles()).raw_id)
        assert doc.source == "127.0.0.1" and doc.content_type.startswith("text/html") and doc.fetched_at
        # the feed's title and date for its item win over the page's; the page's title stays an alternative
        first = next(a for a in corpus.articles() if corpus.raw(a.raw_id).url == f"{server}/page/1")
        assert first.title == "Schulhaus: Sanierung & Umbau" and first.published == "2019-04-25T13:15+02:00"
        assert first.title_alternatives[0] == "Schulhaus 1 wird saniert"
        assert first.from_input == ["title", "published"]
        second = next(a for a in corpus.articles() if corpus.raw(a.raw_id).url == f"{server}/page/2")
        assert second.title == "Schulhaus 2 wird saniert" and second.from_input == []
        failures = {f["origin"]: f["reason"] for f in corpus.failures(stage="read")}
        assert failures[f"{server}/garbage.rss"] == "bad-feed"
        assert failures["file:///etc/passwd"] == "fetch-failed"

        fetched = len(_Handler.requests)
        again = corpus.ingest(f"{server}/feed.xml", workers=0, progress=False, options=_options())
        assert again.ingested == 0 and again.skipped == {"already-stored": 2}
        new_paths = [path for path, _, _ in _Handler.requests[fetched:]]
        assert "/page/1" not in new_paths and "/feed.xml" in new_paths
        assert corpus.info()["read_failures"]["http-500"] == 1  # one origin: counted again, not added again

    assert all(agent.startswith("pressecho/") for _, agent, _ in _Handler.requests)
    assert not any(path == "/private/secret" for path, _, _ in _Handler.requests)


def test_atom_and_sitemap(server: str) -> None:
    assert feed_items(b"plain text", "http://x/") is None
    sources = [f"{server}/atom.xml", f"{server}/sitemap.xml", f"{server}/rss-as-html"]
    items = list(read_sources(sources, _options()))
    assert [i.url for i in items] == [f"{server}/page/3", f"{server}/page/4", f"{server}/page/5"]


def test_huge_and_slow_responses_are_cut_off(server: str) -> None:
    started = time.monotonic()
    items = list(read_sources([f"{server}/huge", f"{server}/slow"], _options(max_time=0.5)))
    assert [(type(i), i.reason) for i in items] == [(ReadFailure, "too-large"), (ReadFailure, "timeout")]
    assert time.monotonic() - started < 3


def test_polite_delay_per_host(server: str) -> None:
    fetcher = Fetcher(FetchOptions(delay=0.3, robots=False))
    for n in (1, 2, 3):
        fetcher.fetch(f"{server}/page/{n}")
    times = [t for path, _, t in _Handler.requests if path.startswith("/page/")]
    assert len(times) == 3 and min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.25


def test_user_agent_of_the_users_choice(server: str) -> None:
    agent = "Medienmonitor/1.0 (+mailto:team@example.org)"
    Fetcher(FetchOptions(delay=0.0, robots=False, user_agent=agent)).fetch(f"{server}/page/1")
    assert [a for path, a, _ in _Handler.requests if path == "/page/1"] == [agent]


def test_unreachable_host_is_a_read_failure() -> None:
    (item,) = read_sources(["http://127.0.0.1:9/nothing"], _options(robots=False))
    assert isinstance(item, ReadFailure) and item.reason in ("fetch-failed", "timeout")


def test_robots_rules_hold_after_a_redirect(server: str) -> None:
    items = list(read_sources([f"{server}/go-private", f"{server}/go-page"], _options()))
    assert isinstance(items[0], ReadFailure) and items[0].reason == "robots-disallowed"
    assert items[1].url == f"{server}/page/6"
    assert not any(path == "/private/secret" for path, _, _ in _Handler.requests)


def test_url_lists_and_saved_feeds_named_as_sources(server: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# to read\n{server}/page/7\n\n{server}/page/8\n{server}/page/7\n", encoding="utf-8")
    feed = tmp_path / "saved.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Gespeichert</title>'
        f"<link>{server}/page/9</link></item></channel></rss>",
        encoding="utf-8",
    )
    dump = tmp_path / "dump.txt"
    dump.write_text(f"Ein Satz mit einer Adresse: {server}/page/1\nUnd noch einer.\n", encoding="utf-8")
    items = list(read_sources([urls, feed, dump, "ftp://files.example/a.txt"], _options()))
    assert [getattr(i, "url", None) for i in items[:3]] == [f"{server}/page/{k}" for k in (7, 8, 9)]
    assert items[2].stated == {"title": "Gespeichert"}
    assert items[3].data == dump.read_bytes()  # a dump that mentions a URL is still a dump
    assert (
        isinstance(items[4], ReadFailure)
        and items[4].reason == "fetch-failed"
        and "only http" in items[4].message
    )


def test_guid_links_link_less_items_and_sitemap_indexes(server: str) -> None:
    """From QA: an item whose page is stated only as its permalink guid was dropped, an item linking
    nowhere vanished without a word (a feed of such items ingested nothing, silently), and a sitemap
    index (how news sites publish their sitemaps) was stored as a page instead of read for its pages."""
    items = list(read_sources([f"{server}/guid.xml", f"{server}/index.xml"], _options()))
    pages = [i for i in items if not isinstance(i, ReadFailure)]
    failures = {i.origin: i for i in items if isinstance(i, ReadFailure)}
    assert [p.url for p in pages] == [f"{server}/page/10", f"{server}/page/11"]
    assert pages[0].stated == {"title": "Per guid"}
    assert pages[1].stated == {
        "title": "Aus der News-Sitemap",
        "published": "2024-03-09T10:00:00+01:00",
        "language": "de",
    }
    assert failures[f"{server}/guid.xml#item=2"].reason == "missing-field"
    assert "Kein Link" in failures[f"{server}/guid.xml#item=2"].message
    assert failures[f"{server}/missing"].reason == "http-404"
    assert f"{server}/index.xml" not in {getattr(i, "url", None) for i in pages}
