"""HTML -> Article: trafilatura finds the article's blocks, pressecho tidies them the way news needs.

trafilatura (with its readability/jusText fallbacks) decides which part of the DOM is the article;
htmldate dates it. What trafilatura does not know about is news: gallery captions and photo
credits inside the body, share/follow/donation/newsletter boxes, "Das könnte dich auch
interessieren" teasers, comment notices, bylines with agency credits. The clean-up below works on
the blocks trafilatura kept (paragraphs, headings, list items, table rows): it labels each block
on its own (caption by the page's markup, credit line, widget of a known kind, dateline, byline),
then handles runs (a "Mehr zum Thema" heading takes its link lines along; after the article's last
stretch of prose such a marker ends the article), moves captions to ``Article.captions`` and
records every block it cuts in ``Article.removed``. Agency credits and dates are read with
:mod:`pressecho.extract.news`, shared with the text-dump path. The widget lexicon here matches
short blocks only and stays strict: on HTML, trafilatura has already dropped most furniture, and
what it kept is more often article than not.

trafilatura often drops the lead (the intro above the body sits outside the body's container):
it is put back when the page states it as its description or marks it by class. This is
pressecho's own code because no extraction library treats the lead as part of the article.

Metadata comes from what the page states about itself: JSON-LD (``NewsArticle``,
``BreadcrumbList``), OpenGraph and ``<meta>`` tags, the ``<h1>``, then trafilatura's and
htmldate's guesses where the page says nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from functools import partial
from html import unescape as html_unescape
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from trafilatura.utils import load_html

from pressecho.errors import ExtractionError, NoArticleFound
from pressecho.extract import news
from pressecho.extract.dumpblocks import drop_controls, repair_mojibake
from pressecho.extract.templates import Template
from pressecho.language.detect import detect_language
from pressecho.model import Article, Caption, Paragraph, Removed

# libxml2 stops building the tree at this depth and silently drops what is nested deeper
_LIBXML_MAX_DEPTH = 255
_WS = re.compile(r"\s+")
# white space that str.isprintable calls unprintable (all but the C1 and information-separator controls)
_SPACES = re.compile("[\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def _norm(text: str | None) -> str:
    """White space folded, invisible and control characters (soft hyphens, zero-width spaces, a
    terminal's escape sequences) dropped, mojibake repaired and C1 controls read as the Windows-1252
    characters they stand for ("\x84" -> "„"), NFC.

    Only text with something unprintable besides white space goes character by character: most text
    has line breaks and no-break spaces, and the character loop over every page's text was half of the
    HTML path's time."""
    text = repair_mojibake(text or "")
    if not text.isprintable():
        text = _SPACES.sub(" ", text)
        if not text.isprintable():
            text = "".join(ch for ch in drop_controls(text) if ch.isprintable() or ch.isspace())
    return unicodedata.normalize("NFC", _WS.sub(" ", text).strip())


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.I | re.S)


def plain_text(value: str) -> str:
    """A short text an input states beside the page (a feed item's title may carry markup and entities:
    ``<b>Gipfel</b> &amp; Folgen``) as plain, printable text."""
    if "<" in value:
        value = _ANY_TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", value))
    return _norm(html_unescape(value) if "&" in value else value)


# ------------------------------------------------------------------------------------------ parsing


_CONTAINER_TAGS = re.compile(
    r"</?(?:div|span|section|article|main|aside|header|footer|nav|font|center|b|i|u|em|strong|small|big"
    r"|a|figure|blockquote|table|tbody|thead|tr|td|th|ul|ol|dl|dd|dt|form|label|abbr|cite|sup|sub|mark"
    r"|time|picture|details|summary)\b[^>]*>",
    re.I,
)
_BLOCK_OPEN = re.compile(r"<(?:p|h[1-6]|li|br|tr|div|section|article)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _too_deep(tree: lxml.html.HtmlElement) -> bool:
    return bool(tree.xpath(f"boolean(//*[count(ancestor::*) >= {_LIBXML_MAX_DEPTH - 2}])"))


def parse_html(text: str) -> lxml.html.HtmlElement:
    """Parse markup into a tree, flattening pages nested deeper than libxml2 builds.

    libxml2 silently drops everything below depth 256, so a page of 10,000 nested ``<div>`` would
    lose its article without a word. Such pages are re-parsed with container tags removed; if even
    that is too deep, with every tag but paragraph breaks removed.
    """
    tree = load_html(text)
    if tree is None:  # a fragment ("<div><p>...</p></div>"): trafilatura's loader wants a document
        tree = load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise NoArticleFound("the markup does not parse into a document")
    if not _too_deep(tree):
        return tree
    flat = _CONTAINER_TAGS.sub(" ", text)
    tree = load_html(flat)
    if tree is not None and not _too_deep(tree):
        return tree
    lines = _BLOCK_OPEN.sub("\n", text)
    lines = _ANY_TAG.sub(" ", lines)
    body = "".join(f"<p>{_escape(line)}</p>\n" for line in lines.splitlines() if line.strip())
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----------------------------------------------------------------------------------------- metadata


@dataclass
class PageMeta:
    """What the page says about itself, before the body is looked at."""

    h1s: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)  # JSON-LD headline, og:title, <title>, cleaned
    # the ones stated for the article itself (JSON-LD headline, og:title, twitter:title), not the page
    article_headlines: set[str] = field(default_factory=set)
    published: str | None = None
    section: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    authors_raw: list[str] = field(default_factory=list)  # as stated, agency names included
    language: str | None = None
    url: str | None = None
    sitename: str | None = None
    descriptions: list[str] = field(default_factory=list)  # the page's summary, often its lead


_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "webpage",
    "pressrelease",
}


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, ``@graph`` members and nested lists unpacked."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # unescaped control characters and trailing semicolons are common
                data = json.loads(re.sub(r"[\x00-\x1f]+", " ", raw).rstrip(";"), strict=False)
            except ValueError:
                continue
        yield from _walk_json(data, 0)


def _walk_json(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _walk_json(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_json(main, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def _strings(value: Any, key: str = "name") -> list[str]:
    """Names out of a JSON-LD value that may be a string, an object or a list of either."""
    if isinstance(value, str):
        return [html_unescape(value)]
    if isinstance(value, dict):
        v = value.get(key)
        return [html_unescape(v)] if isinstance(v, str) else []
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, key)]
    return []


def _person_names(value: Any) -> list[str]:
    """Authors from JSON-LD, leaving out organisations (the outlet is not an author)."""
    items = value if isinstance(value, list) else [value]
    keep = [
        i
        for i in items
        if not (isinstance(i, dict) and _types(i) & {"organization", "newsmediaorganization"})
    ]
    return _strings(keep)


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` tags by lower-cased property/name/itemprop; the first one of each name wins."""
    found: dict[str, str] = {}
    for m in tree.iterfind(".//meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop")
        content = m.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), _norm(content))
    return found


_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»«-]\s+")
_BREADCRUMB_CLASS = re.compile(r"breadcrumb|brotkrume|krumelpfad|krümelpfad", re.I)
_HOME_CRUMB = re.compile(r"^(?:home|startseite|start|homepage|übersicht|accueil|news)$", re.I)


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _clean_site_title(title: str, sites: list[str]) -> str:
    """``"Putin trifft Kim | watson"`` -> ``"Putin trifft Kim"`` when the tail (or head) is the site's name.

    ``sites`` are the site's name and its host name; a part is the site when one contains the other,
    letters and digits compared ("Hildesheimer Presse" and ``hildesheimer-presse.de``).
    """
    parts = _TITLE_SEPARATORS.split(title)
    keys = [k for k in (_alnum(s) for s in sites) if len(k) >= 2]
    if len(parts) < 2 or not keys:
        return title

    def is_site(part: str) -> bool:
        p = _alnum(part)
        return bool(p) and any(p in k or (len(k) >= 4 and k in p) for k in keys)

    if is_site(parts[-1]):
        return title[: title.rfind(parts[-1])].rstrip(" |–—·•:»«-").strip() or title
    if is_site(parts[0]):
        return title[len(parts[0]) :].lstrip(" |–—·•:»«-").strip() or title
    return title


def read_metadata(tree: lxml.html.HtmlElement, url: str | None) -> PageMeta:
    """Title candidates, date-time, section, authors, language and URL the page states."""
    meta = _meta(tree)
    page = PageMeta()
    headlines: list[str] = []
    article_headlines: list[str] = []
    dates: list[str] = []
    sections: list[str] = []
    authors: list[str] = []
    crumbs: list[str] = []
    for obj in _json_ld_objects(tree):
        types = _types(obj)
        if types & _ARTICLE_TYPES:
            stated = _strings(obj.get("headline")) + _strings(obj.get("alternativeHeadline"))
            headlines += stated
            article_headlines += stated
            if "webpage" not in types:
                headlines += _strings(obj.get("name"))
            dates += _strings(obj.get("datePublished")) + _strings(obj.get("dateCreated"))
            sections += _strings(obj.get("articleSection"))
            authors += _person_names(obj.get("author")) + _person_names(obj.get("creator"))
            page.descriptions += _strings(obj.get("description"))
            if isinstance(obj.get("url"), str) and not page.url:
                page.url = obj["url"]
        if "breadcrumblist" in types and not crumbs:
            crumbs = _breadcrumb_from_json(obj)
        if "website" in types or "organization" in types or "newsmediaorganization" in types:
            names = _strings(obj.get("name"))
            if names and not page.sitename:
                page.sitename = names[0]
    page.sitename = page.sitename or meta.get("og:site_name") or meta.get("application-name")
    for key in ("og:title", "twitter:title", "title", "dc.title", "sailthru.title", "parsely-title"):
        if key in meta:
            headlines.append(meta[key])
            if key in ("og:title", "twitter:title"):
                article_headlines.append(meta[key])
    page.descriptions += [
        meta[k] for k in ("og:description", "description", "twitter:description") if k in meta
    ]
    page.descriptions = _unique_norm(page.descriptions)
    page.h1s = _unique_norm(_norm(h.text_content()) for h in tree.iterfind(".//h1"))[:5]
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text:
        headlines.append(_norm(title_el.text))
    host = _host(url or meta.get("og:url"))
    sites = [x for x in (page.sitename, host.rsplit(".", 1)[0] if host else None) if x]
    page.headlines = _unique_norm(
        _clean_site_title(_norm(h), sites) for h in headlines if 0 < len(_norm(h)) < 400
    )
    page.article_headlines = set(
        _unique_norm(_clean_site_title(_norm(h), sites) for h in article_headlines if 0 < len(_norm(h)) < 400)
    )
    for key in (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "dcterms.date",
        "dc.date",
        "sailthru.date",
        "parsely-pub-date",
    ):
        if key in meta:
            dates.append(meta[key])
    for d in dates:
        page.published = news.normalise_datetime(d)
        if page.published:
            break
    if not sections and "article:section" in meta:
        sections = [meta["article:section"]]
    page.section = crumbs or _breadcrumb_from_dom(tree) or _sections(sections)
    meta_authors = [
        meta[k] for k in ("author", "article:author", "dc.creator", "parsely-author") if k in meta
    ]
    page.authors_raw = _unique_norm(authors + meta_authors)
    page.authors = _clean_authors(page.authors_raw)
    lang = tree.get("lang") or meta.get("content-language") or meta.get("og:locale") or meta.get("language")
    if lang:
        page.language = lang.strip().lower().replace("_", "-").split("-")[0][:3] or None
    page.url = url or page.url or meta.get("og:url")
    return page


def _unique_casefold(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _LETTERS.findall(text)}


def _overlap(a: str, b: str) -> float:
    """How much of the shorter of two titles the longer one shares, by words."""
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def choose_title(page: PageMeta, first_heading: str | None) -> tuple[str | None, list[str]]:
    """The headline a reader sees, and the other headlines the page states (older or SEO versions).

    An ``<h1>`` wins when the page's stated headlines or the body's first heading agree with it
    (some sites put their logo in the ``<h1>``); otherwise the stated headline does.
    """
    site = (page.sitename or "").casefold()
    h1s = [h for h in page.h1s if h.casefold() != site and len(h) >= 3]
    title: str | None = None
    for h in h1s:
        if any(_overlap(h, other) >= 0.5 for other in page.headlines) or (
            first_heading and h.casefold() == first_heading.casefold()
        ):
            title = h
            break
    if title is None:
        title = page.headlines[0] if page.headlines else (h1s[0] if h1s else first_heading)
    # the same headline with other dashes or quotes is not an alternative
    seen = {_alnum(title)} if title else set()
    alternatives: list[str] = []
    for t in page.headlines:
        key = _alnum(t)
        if key in seen or t.casefold() == site:
            continue
        seen.add(key)
        # a headline the page states for the article (og:title, JSON-LD) is another wording of it; the
        # <title> and other page-level names only when they share words with it
        stated = t in page.article_headlines and len(t.split()) >= 3
        if title is None or ((stated or _overlap(t, title) >= 0.3) and not _site_suffix(t, title)):
            alternatives.append(t)
    return title, alternatives


_PLAIN_PUNCT = str.maketrans(
    {"–": "-", "—": "-", "‒": "-", "„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "’": "'"}
)


def _site_suffix(candidate: str, title: str) -> str | None:
    """What ``candidate`` adds to ``title`` when it is only the title plus the site's name or a date."""
    candidate, title = candidate.translate(_PLAIN_PUNCT), title.translate(_PLAIN_PUNCT)
    i = candidate.casefold().find(title.casefold())
    if i < 0:
        return None
    rest = (candidate[:i] + " " + candidate[i + len(title) :]).strip(" |–—·•:»«-")
    return rest if rest and len(rest.split()) <= 6 else None


def _breadcrumb_from_json(obj: dict[str, Any]) -> list[str]:
    items = obj.get("itemListElement")
    if not isinstance(items, list):
        return []
    ordered: list[tuple[float, str]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        name = item.get("name")
        if not isinstance(name, str):
            inner = item.get("item")
            name = inner.get("name") if isinstance(inner, dict) else None
        try:
            pos = float(item.get("position", i))
        except (TypeError, ValueError):
            pos = float(i)
        if isinstance(name, str):
            ordered.append((pos, name))
    return _crumbs([name for _, name in sorted(ordered, key=lambda pair: pair[0])])


_YOU_ARE_HERE = re.compile(
    r"^(?:sie sind hier|du bist hier|you are here|sie befinden sich hier)\s*:?\s*", re.I
)
_CRUMB_SEPARATOR = re.compile(r"\s+[»›>|/]\s+|\s*[»›]\s*")


def _short_text(el: lxml.html.HtmlElement, limit: int) -> str | None:
    """The element's text, or None as soon as it has more than ``limit`` characters besides white
    space (without building the text of a container that holds the whole page)."""
    parts: list[str] = []
    visible = 0
    for piece in el.itertext():
        visible += len(piece) - sum(map(piece.count, " \n\t\r"))
        if visible > limit:
            return None
        parts.append(piece)
    return "".join(parts)


def _breadcrumb_from_dom(tree: lxml.html.HtmlElement) -> list[str]:
    """The trail of a breadcrumb element: marked by class, id or label, or saying "Sie sind hier:".

    Its items are its list items, or its text split at the separators; the page's own item is often
    plain text, not a link. Links alone (and the item marked current) where neither gives a trail.
    """
    for el in tree.iter("nav", "ol", "ul", "div", "p"):
        marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('aria-label', '')}"
        text = ""
        if not _BREADCRUMB_CLASS.search(marker):
            if el.tag not in ("div", "p", "nav"):
                continue
            short = _short_text(el, 200)
            if short is None:
                continue
            text = _norm(short)
            if len(text) > 200 or not _YOU_ARE_HERE.match(text):
                continue
        items = [li for li in el.iter("li") if li.find(".//li") is None]
        if items:
            names = [_norm(li.text_content()) for li in items]
        else:
            names = _CRUMB_SEPARATOR.split(_YOU_ARE_HERE.sub("", text or _norm(el.text_content())))
            if len(names) < 2:
                links = [_norm(a.text_content()) for a in el.iter("a")]
                current = [_norm(x.text_content()) for x in el.xpath(".//*[@aria-current]")]
                names = links + [x for x in current if x not in links]
        crumbs = _crumbs(name.strip(" »›>|/") for name in names)
        if 0 < len(crumbs) <= 6:  # more links than that is a menu
            return crumbs
    return []


def _crumbs(names: Iterable[str]) -> list[str]:
    out = [_norm(html_unescape(n)) for n in names]
    out = [n for n in out if n and len(n) < 80 and not _HOME_CRUMB.match(n) and not boilerplate_kind(n)]
    return _unique_norm(out)


def _sections(stated: list[str]) -> list[str]:
    """``articleSection`` values: "A, B" split; a long keyword list is not a section."""
    parts = [p for s in stated for p in re.split(r"\s*[,;|]\s*", s)]
    parts = _crumbs(p for p in parts if len(p) <= 40)
    return parts if len(parts) <= 4 else []


def _unique_norm(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_norm(i) for i in items if _norm(i)))


_AUTHOR_JUNK = re.compile(r"^(?:https?:|www\.)|@|^\W*$|_|^\S+\.\S+$|\d")
# one to five words, capitalised except name particles: "Markus M. Haefliger", "Ursula von der Leyen"
_PERSON = re.compile(
    r"^(?:(?:[A-ZÄÖÜÉ][\w'’.-]*|von|van|der|den|de|zu|du|da|di|le|la|al|el|ter|ten|bin)\s+){0,4}"
    r"[A-ZÄÖÜÉ][\w'’.-]*$"
)
_NOT_AUTHORS = {
    "text",
    "interview",
    "foto",
    "redaktion",
    "red",
    "admin",
    "administrator",
    "editor",
    "staff",
    "gast",
    "guest",
    "team",
    "name",
    "autor",
    "autorin",
    "author",
    "by",
    "von",
    "zum",
    "e-mail",
    "email",
    "kontakt",
    "contact",
    "mehr",
    "profil",
    "alle",
    "anonymous",
    "anonym",
    "unknown",
    "user",
}


_BYLINE_PREFIX = re.compile(
    r"^(?:(?:erstellt|veröffentlicht|geschrieben|verfasst|posted|written|published|alles|mehr|artikel|beiträge)"
    r"\s+(?:von|by)|von|by|par|text"
    r"|interview|autor(?:in)?|author)\s*:?\s+",
    re.I,
)
_BYLINE_SUFFIX = re.compile(
    r"\s+(?:alle (?:artikel|beiträge)|mehr (?:artikel|von|zum autor)|profil|folgen)\b.*$", re.I
)
_AUTHOR_XPATH = etree.XPath(
    "//*[@rel='author' or @itemprop='author' or contains(@class,'author') or contains(@class,'byline')"
    " or contains(@class,'autor') or contains(@class,'Autor')]"
)


def dom_byline(tree: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """Authors and agencies named in the page's byline markup (``rel=author``, ``itemprop=author``, class
    "author": "Von Hauke Petersen, Britta Lorenzen und dpa")."""
    # the agencies of a byline that names no one ("Reuters, Berlin"), when no other byline names people
    agencies: list[str] = []
    for el in _AUTHOR_XPATH(tree):
        if el.tag in ("meta", "link", "script", "body", "html", "article", "main", "section", "footer"):
            continue
        name_el = el.find(".//*[@itemprop='name']")
        pieces = [_norm(t) for t in (name_el if name_el is not None else el).itertext()]
        text = " | ".join(p for p in pieces if p)
        if not text or len(text) > 120:
            continue
        names = _clean_authors([text])
        if names:
            return names, _agencies_in_byline(text)
        agencies = agencies or _agencies_in_byline(text)
    return [], agencies


def _clean_authors(names: Iterable[str]) -> list[str]:
    """Person names: URLs, agency names and "Redaktion" placeholders dropped, "A, B und C" split."""
    out: list[str] = []
    for name in names:
        if re.match(r"\s*(?:https?:|www\.)", name):
            continue  # a profile link, not a name
        name = re.split(rf"\s+{_CREDIT_WORDS}\s*:", _norm(name), maxsplit=1, flags=re.I)[0]
        pieces = re.split(r"\s*(;|,|\bund\b|\band\b|&|/|\|)\s*", name)
        if (
            len(pieces) == 3
            and pieces[1] == ","
            and all(_NAME_WORD.match(p) and not _no_person(_BYLINE_PREFIX.sub("", p)) for p in pieces[::2])
        ):
            pieces = [f"{pieces[2]} {pieces[0]}"]  # "Muster, Anna": one name, family name first
        found: list[tuple[str, str]] = []  # (name, the separator before it)
        after_no_person = False  # the piece before was an agency or "Redaktion"
        for k in range(0, len(pieces), 2):
            part = _BYLINE_PREFIX.sub("", pieces[k]).strip(" .")
            part = _BYLINE_SUFFIX.sub("", part).strip(" .")
            if not part or _AUTHOR_JUNK.search(part) or not _PERSON.match(part) or _is_role_phrase(part):
                continue
            if _no_person(part):
                after_no_person = True
                continue
            if after_no_person and k and pieces[k - 1] == "," and " " not in part:
                continue  # "Reuters, Berlin", "Redaktion, Auenfeld": where the agency or desk writes from
            after_no_person = False
            found.append((part, pieces[k - 1] if k else ""))
        # "Andrea Zwyssig, Bern", "Jana Feldmann, St. Gallen": behind a full name, where the author writes from
        place_last = len(found) >= 2 and found[-1][1] == "," and news.byline_place(found[-1][0])
        if place_last and any(" " in part for part, _ in found[:-1]):
            found.pop()
        out += [part for part, _ in found]
    return list(dict.fromkeys(out))


_NAME_WORD = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéè'’-]+$")


def _no_person(part: str) -> bool:
    """A byline piece that names an agency or a placeholder ("Reuters", "Redaktion"), no person."""
    return bool(news.normalise_agency(part)) or part.lower() in _NOT_AUTHORS


def _is_role_phrase(part: str) -> bool:
    """ "Leiterin der Lokalredaktion", "Korrespondent für Asien": an author box's role line, not a name
    ("der", "für" only follow a name particle: "Ursula von der Leyen")."""
    words = part.split()
    return any(
        w in ("der", "den", "des", "für")
        and (k == 0 or words[k - 1].lower() not in ("von", "van", "de", "ter"))
        for k, w in enumerate(words)
    )


def _agencies_in_byline(text: str) -> list[str]:
    """Agency names in an author field or byline, e.g. "Det; Dpa" or "Von: det/dpa"."""
    parts = re.split(r"\s*(?:;|,|/|\bund\b|&|\s)\s*", _norm(text))
    return list(dict.fromkeys(a for a in (news.normalise_agency(p) for p in parts) if a))


# -------------------------------------------------------------------------------------------- blocks


@dataclass
class Block:
    """One unit of the extracted body, before the news clean-up decides what it is."""

    kind: str  # text, heading
    text: str
    tag: str  # p, head, item, cell-row, quote, code
    cls: str = ""  # the class attribute trafilatura kept, if any
    level: int = 0  # heading level (1..6), 0 for text


_CAPTION_CLASS = re.compile(
    r"caption|bildunterschrift|bildtext|imagedescription|image-desc|img-desc|imgdesc|figcaption|legend|credit"
    r"|copyright|photo-?text|foto-?text|wp-caption|(?:^|[\s_-])bu(?:$|[\s_-])|image__text|media__text",
    re.I,
)


def _text_of(el: etree._Element) -> str:
    """The text of an element and its descendants, line breaks (``<lb/>``) as newlines."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    # iterative walk: extracted bodies can still be deep, and recursion would be limited
    while stack:
        node, done = stack.pop()
        if done:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return [line for line in (_norm(x) for x in text.split("\n")) if line]


def body_blocks(body: etree._Element) -> list[Block]:
    """trafilatura's extracted body as a flat list of blocks in reading order."""
    blocks: list[Block] = []
    if body.text and body.text.strip():
        blocks += [Block("text", line, "p") for line in _lines(body.text)]
    for el in body:
        _element_blocks(el, blocks)
        if el.tail and el.tail.strip():
            blocks += [Block("text", line, "p") for line in _lines(el.tail)]
    return blocks


def _element_blocks(el: etree._Element, blocks: list[Block]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    cls = el.get("class", "") if tag else ""
    if tag == "head":
        rend = el.get("rend", "h2")
        level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
        text = _norm(_text_of(el))
        if text:
            blocks.append(Block("heading", text, "head", cls, level))
    elif tag == "list":
        for item in el:
            if item.tag == "item":
                nested = [c for c in item if c.tag == "list"]
                for c in nested:
                    item.remove(c)  # the nested list follows its item as items of its own
                blocks += [Block("text", line, "item", cls) for line in _lines(_text_of(item))]
                for c in nested:
                    _element_blocks(c, blocks)
            else:
                _element_blocks(item, blocks)
    elif tag == "table":
        for row in el.iter("row"):
            cells = [_norm(_text_of(cell)) for cell in row if cell.tag == "cell"]
            text = " | ".join(c for c in cells if c)
            if text:
                blocks.append(Block("text", text, "row", cls))
    elif tag in ("div", "body", "article", "section") and len(el):
        if el.text and el.text.strip():
            blocks += [Block("text", line, "p", cls) for line in _lines(el.text)]
        for child in el:
            _element_blocks(child, blocks)
            if child.tail and child.tail.strip():
                blocks += [Block("text", line, "p", cls) for line in _lines(child.tail)]
    elif tag == "graphic":
        return
    else:
        blocks += [Block("text", line, tag or "p", cls) for line in _lines(_text_of(el))]


# ------------------------------------------------------------------------------------------ clean-up

_CREDIT_WORDS = (
    r"(?:Fotos?|Bild(?:er)?|Photos?|Quelle|Copyright|Credits?|Grafik|Illustration|Video|Bildquelle|Fotograf(?:in)?"
    r"|Image|Cr[ée]dits? photos?)"
)
# "Foto: Keystone", "© AFP / X", "Bild: ap / watson", "quelle: ap/pool ..."
_CREDIT_LINE = re.compile(
    rf"^\(?\s*(?:{_CREDIT_WORDS}\s*(?::|©|\(c\))|©|\(c\)\s)\s*(.{{1,120}}?)\s*\)?\s*$", re.I
)
# the same credit at the end of a caption: "Shiffrin in Aktion. © AFP / JEFF PACHOUD", "(Foto: dpa)"
_TRAILING_CREDIT = re.compile(
    rf"(?:\s*[|/–-]\s*|\s+|\s*\(\s*)(?:{_CREDIT_WORDS}\s*(?::|©)|©|\(c\)\s)\s*([^©()]{{1,120}}?)\s*\)?\s*$",
    re.I,
)

# (kind, pattern): a block matching one of these, and short enough to be a widget rather than prose,
# is boilerplate
_BOILERPLATE: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in [
        (
            "share",
            r"^(?:(?:artikel|beitrag|seite|story|jetzt|link)\s+)?(?:teilen|share|sharen|weiterempfehlen|versenden)\b"
            r"(?:\W+\w+){0,4}\W*$"
            r"|^(?:auf|via|bei)\s+(?:facebook|x|twitter|whatsapp|linkedin|xing|pinterest|telegram|threads|bluesky)"
            r"\s+(?:teilen|sharen|posten)|^(?:tweet|twittern|drucken|print|e-?mail|mail|whatsapp|facebook|teilen:?)$"
            r"|^(?:diesen|den)\s+(?:artikel|beitrag)\s+(?:teilen|drucken|versenden|empfehlen)"
            r"|^share (?:this|on)\b|^(?:per )?e-?mail (?:senden|versenden|teilen)",
        ),
        (
            "follow",
            r"^(?:folgen sie|folge|folgt)\s+(?:uns|(?:\w+\s+){0,3}(?:auf|bei)\s+(?:facebook|x|twitter|instagram))"
            r"|^follow us\b|^(?:abonnieren sie|abonniere) (?:uns|unseren? (?:kanal|whatsapp|telegram))"
            r"|^follow (?:\S+\s+){0,3}on (?:facebook|x|twitter|instagram|linkedin|tiktok)\b"
            r"|^(?:síguenos|siguenos|suivez-nous|seguici|volg ons)\b",
        ),
        (
            "paywall",
            r"^(?:to (?:view|read|continue reading) the (?:full|rest of the) (?:story|article)|already a subscriber"
            r"|pour lire la suite|pour accéder en illimité|continuer la lecture|jetzt weiterlesen mit|weiterlesen mit"
            r"|diesen artikel (?:weiter|komplett|vollständig) lesen|sie haben bereits ein abo|bereits abonnent"
            r"|(?:dieser|der) (?:artikel|beitrag) ist (?:nur )?für (?:abonnenten|abonnentinnen|plus-)"
            r"|mit (?:\w+\s?)?(?:plus|\+) weiterlesen)",
        ),
        (
            "copyright",
            r"\bcopyrighted property of\b|^written permission (?:must|is)\b|^(?:all rights reserved|alle rechte vorbehalten)"
            r"|^©\s*(?:\d{4}|copyright)\b|^copyright\s*(?:©|\(c\))?\s*\d{4}",
        ),
        (
            "newsletter",
            r"\bnewsletter\b.{0,60}\b(?:abonnieren|bestellen|anmelden|erhalten|registrieren|sign up|subscribe)"
            r"|^(?:jetzt |hier )?(?:zum|für den|unseren?) newsletter\b|^(?:melden sie sich|melde dich).{0,60}newsletter"
            r"|^(?:abonnieren|bestellen|abonniere|bestelle)(?: sie)?(?: jetzt)? (?:den|unseren?|hier)\b.{0,30}newsletter"
            r"|^(?:\S+\s+){0,3}newsletter$|^sign up (?:to|for|now)\b|^subscribe (?:now|today|to (?:our|the))\b",
        ),
        (
            "donation",
            r"^(?:jetzt |hier )?spenden\b|^(?:unterstützen sie|unterstütze|unterstützt)\s+(?:uns|unsere|unseren|jetzt|\w+ mit)"
            r"|^danke für die\b|^würdest du gerne .{0,60}unterstützen|^(?:jetzt )?(?:unterstützen|mitglied werden)$"
            r"|^(?:oder )?unterstütze uns per|^if you enjoyed reading this|^support (?:us|our)\b"
            r"|^(?:jetzt )?unterstütze\s|^werden sie (?:jetzt )?(?:mitglied|förder|abonnent)",
        ),
        (
            "teaser",
            r"^(?:das|dies|diese[sr]?)\s+(?:thema\s+)?(?:könnte|dürfte)\s+(?:dich|sie|euch)\s+(?:\w+\s+){0,2}interessieren"
            r"|^(?:mehr|weiteres?|weitere)\s+(?:zum thema|zu diesem thema|zum artikel|artikel|beiträge|themen|news"
            r"|nachrichten|meldungen|informationen zum thema|aus (?:der|dem|diesem)\b|von\b|aktuelle)"
            r"|^(?:lesen sie|lies|lest)\s+(?:auch|mehr|hier|weiter)|^auch interessant|^(?:das )?interessiert (?:dich|sie) auch"
            r"|^(?:verwandte|ähnliche|empfohlene|passende|beliebte|neueste|aktuelle|weitere aktuelle)\s+(?:artikel|beiträge|themen|news|nachrichten|meldungen|videos)"
            r"|^(?:empfehlungen|top-?themen|meistgelesen(?:e)?|meist-?gelesen|meist-?diskutiert|am meisten gelesen|top[- ]artikel)\s*:?$"
            r"|^(?:related|read more|more (?:from|on|about)|you (?:may|might) also like|recommended)\b|^lust auf mehr"
            r"|^zum thema\s*:?$|^(?:auch|ebenfalls) (?:lesenswert|spannend)|^weiterlesen\b|^zur (?:story|startseite)$"
            r"|^(?:hier|jetzt)\s+(?:weiterlesen|mehr erfahren|lesen)|^mehr erfahren$|^(?:zurück|back)(?:\s+zur?\s+\w+)?$"
            r"|^(?:auch|ebenfalls) lesen\b|^siehe auch\b|^see also\b|^auch (?:auf|bei) \S+$"
            r"|^(?:vorschau auf (?:den|die|das) nächste|nächste[rs]? (?:artikel|beitrag)|vorherige[rs]? (?:artikel|beitrag))"
            r"|^beiträge aus (?:dem|unserem) forum|^(?:\w+ )?kommentierte (?:artikel|beiträge)$",
        ),
        (
            "comments",
            r"^\d+\s+(?:kommentare?|comments?|reaktionen|antworten)\b|^(?:kommentare?|comments?)\s*(?:\(\d+\)|:|\d+)?$"
            r"|^keine kommentare|^(?:einen )?kommentar (?:schreiben|verfassen|abgeben|hinzufügen)|kommentarfunktion"
            r"|^kommentare? (?:insgesamt|anzeigen|lesen|ausblenden|zu diesem)|^(?:neueste|letzte|aktuelle) kommentare"
            r"|(?:angemeldet|eingeloggt|registriert) sein,? um (?:\w+ )?(?:kommentare?|zu kommentieren)"
            r"|um kommentare zu (?:schreiben|verfassen)|^(?:leave a (?:reply|comment)|schreibe einen kommentar|"
            r"hinterlasse einen kommentar|diskutieren sie mit|diskutiere mit)\b"
            r"|^(?:bitte )?(?:registrieren sie sich|melden sie sich an) und",
        ),
        (
            "login",
            r"^sie sind (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)|^(?:jetzt )?(?:einloggen|anmelden|registrieren|login)$"
            r"|^(?:bereits|schon) (?:abonnent|registriert)",
        ),
        (
            "advertisement",
            r"^(?:anzeige|werbung|advertisement|sponsored|\*?werbung\b.{0,80}enthält werbung)\b",
        ),
        (
            "tags",
            r"^(?:schlagw(?:o|ö)rte?r?|tags?|themen|kategorien?|rubriken?|stichw(?:o|ö)rte?r?|category|categories"
            r"|abgelegt unter|veröffentlicht in|posted in|filed under)\s*:|^(?:#[\w-]+\s*)+$",
        ),
        (
            "updated",
            r"^(?:letzte (?:änderung|aktualisierung)|zuletzt (?:aktualisiert|geändert)|aktualisiert(?: am)?|stand"
            r"|veröffentlicht(?: am)?|erstellt(?: am)?|publiziert(?: am)?|datum|last updated|updated|published)\s*:?\s*\d"
            r"|^(?:last modified|zuletzt geändert|letzte änderung|last updated|zuletzt aktualisiert)\s*:?$",
        ),
        ("image-label", r"^(?:beitragsbild|titelbild|artikelbild|symbolbild|aufmacherbild|header-?bild)\b"),
        (
            "gallery",
            r"^(?:\d+\s*/\s*\d+|bild \d+ von \d+|\d+ bilder|zur (?:bilder)?galerie|galerie\s*:?|fotostrecke\b)",
        ),
        (
            "counter",
            r"^(?:\d[\d.]*\s+(?:mal )?(?:gelesen|aufrufe|views|hits|likes?)|(?:gelesen|aufrufe|views|hits)\s*:\s*\d)",
        ),
        (
            "navigation",
            r"^(?:nach oben|seitenanfang|zum seitenanfang|top|drucken|vorheriger artikel|nächster artikel"
            r"|inhaltsverzeichnis|inhalt|table of contents)$",
        ),
        ("media", r"^(?:video|audio|sendung|beitrag) (?:verfügbar|abrufbar|online) bis\b"),
        # a weather widget: "Cottbus: 24 °C, heiter", "Bern 18°", "Wetter: 12 °C"
        (
            "weather",
            r"^[A-ZÄÖÜ][\w'.-]*(?:[ -][A-ZÄÖÜ][\w'.-]*){0,3}:?\s*[-−]?\d{1,2}(?:[.,]\d)?\s*°\s*[cf]?(?!\w)"
            r"[\w ,./-]{0,30}$",
        ),
        # a line that only points to a link ("Mehr dazu findest du hier."): one line, not a teaser box
        (
            "link",
            r"^hier (?:geht(?:'s| es) zu[mr]?|gibt(?:'s| es) mehr|finden sie mehr|findest du mehr|findet ihr mehr)\b[^:]*$"
            r"|\b(?:findest du|finden sie|findet ihr) (?:hier|in unserem \w+|auf unserer \w+)\s*[.!]?$",
        ),
    ]
]
# a widget is short; prose that happens to start with "Teilen" or "Spenden" is not
_BOILERPLATE_MAX = 160
# words a dateline may hold besides its numbers: "Veröffentlicht am Mo, 25. April 2019 um 13:15 Uhr"
_DATELINE_WORDS = frozenset(
    "am um uhr vom von bis on at posted veröffentlicht publiziert aktualisiert erstellt geändert datum stand "
    "zuletzt update updated published letzte änderung h pm cet mez mesz gmt utc "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend mo di mi do fr sa so "
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "january february march may june july october december jan feb mar jun jul aug sep oct nov dec".split()
) | frozenset(news.MONTHS_DE)
_BYLINE = re.compile(r"^(?:von|by|text|autor(?:in)?|verfasst von)\s*:?\s+(\S.{1,80})$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;\"“”»«)'’]\s*$")


@dataclass
class Cleaned:
    paragraphs: list[Paragraph]
    captions: list[Caption]
    removed: list[Removed]
    credits: list[str]
    authors: list[str]
    published: str | None


def split_credit(text: str) -> tuple[str, str | None]:
    """A caption and its photo credit: ``"Kim in Moskau. © AFP / X"`` -> ``("Kim in Moskau.", "AFP / X")``."""
    m = _TRAILING_CREDIT.search(text)
    if m and m.start() > 0:
        return text[: m.start()].rstrip(" |/–-("), m.group(1).strip(" .") or None
    return text, None


def boilerplate_kind(text: str) -> str | None:
    """The kind of widget a short block is (share, teaser, comments, ...), or None for prose."""
    if len(text) > _BOILERPLATE_MAX:
        return None
    stripped = text.strip(" \t•·|>»«-–—:*#")
    introduces = text.rstrip().endswith(":")  # "Das Papier finden Sie hier:" leads to what follows
    for kind, pattern in _BOILERPLATE:
        if pattern.search(stripped) and not (kind == "link" and introduces):
            return kind
    return None


def _is_dateline(text: str) -> bool:
    """A short block that states a date or time and nothing else (a dateline, not prose)."""
    if len(text) > 70 or not any(ch.isdigit() for ch in text):
        return False
    if not all(w.lower() in _DATELINE_WORDS for w in _LETTERS.findall(text)):
        return False
    return news.parse_date(text) is not None or bool(re.search(r"\b\d{1,2}[:.]\d{2}\b", text))


# "Abbildung 4: klassische Schwachschicht." -- a figure's caption set in the running text
_FIGURE_LABEL = re.compile(
    r"^(?:abbildung|abb\.|grafik|figure|fig\.|tabelle|table)\s*\d+[a-z]?\s*[:.]\s+\S", re.I
)


# "Berlin (dpa) - ...", "Washington (AFP/dpa) – ...", "(sda) Der Bundesrat ...": the agency's dateline
def _is_prose(block: Block) -> bool:
    """A block that reads as running text: long, or a full sentence of some length."""
    if block.kind != "text":
        return False
    text = block.text
    return len(text) >= 200 or (
        len(text) >= 80 and len(text.split()) >= 12 and bool(_SENTENCE_END.search(text))
    )


def _label(block: Block, dom_captions: dict[str, str]) -> str:
    """What one block is on its own: body, caption, credit, dateline, byline or a boilerplate kind."""
    text = block.text
    found, span = news.find_credits(text)
    # "(sda/dpa)" closing the text, in a block classed "credit": the agency's, not a photo's
    if found and span == (0, len(text)) and text not in dom_captions:
        return "agency-credit"
    if _CAPTION_CLASS.search(block.cls) or text in dom_captions or _FIGURE_LABEL.match(text):
        return "caption"
    if len(text) < 140 and _CREDIT_LINE.match(text):
        return "credit"
    if found and span is not None and span[0] == 0:
        return "agency-credit"
    kind = boilerplate_kind(text)
    if kind:
        return kind
    if _is_dateline(text):
        return "dateline"
    if len(text) < 200 and _CONTACT_LINE.match(text):
        return "contact"
    if len(text) < 60 and _CONTACT_HEAD.match(text):
        return "contact-block"
    if len(text) < 200 and _LONE_LINK.match(text):
        return "link"
    byline = _BYLINE.match(text)
    if byline and len(byline.group(1).split()) <= 8 and not _SENTENCE_END.search(text.rstrip(".")):
        named = byline.group(1)
        if _clean_authors([named]) or _agencies_in_byline(named):
            return "byline"
    return "body"


def clean_blocks(
    blocks: list[Block], titles: list[str], dom_captions: dict[str, str], template: Template | None = None
) -> Cleaned:
    """Sort trafilatura's blocks into body paragraphs, captions and removed boilerplate.

    Each block is labelled on its own first; then runs are handled: a teaser heading ("Mehr zum
    Thema", "Das könnte dich auch interessieren") takes the short teaser lines after it along,
    and after the article's last stretch of prose a teaser or comment marker ends the article.
    """
    labels = [_label(b, dom_captions) for b in blocks]
    title_keys = {t.casefold() for t in titles}

    def kicker(k: int) -> bool:
        """One to three words, or a short line without a sentence right above the headline
        ("Nach Sitzung im Rathaus" over "Gemeinderat sagt Ja zum Hallenbad")."""
        if _is_kicker(blocks[k]):
            return True
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        return (
            blocks[k].kind == "text"
            and nxt is not None
            and nxt.kind == "heading"
            and nxt.text.casefold() in title_keys
            and len(blocks[k].text.split()) <= 8
            and not _SENTENCE_END.search(blocks[k].text)
        )

    first_text = next(
        (i for i, b in enumerate(blocks) if b.kind == "text" and labels[i] == "body" and not kicker(i)),
        len(blocks),
    )
    for i, block in enumerate(blocks):
        if (
            labels[i] == "body"
            and block.kind == "heading"
            and i < first_text
            and block.text.casefold() in title_keys
        ):
            labels[i] = "title"
            # "Schweiz", "Kommentar" above the headline: its kicker, not the article's first paragraph
            for k in range(i):
                if labels[k] == "body" and kicker(k):
                    labels[k] = "kicker"
    if template:  # the outlet's boilerplate (see pressecho.extract.templates)
        for i, hit in enumerate(template.matches(b.text for b in blocks)):
            if hit and labels[i] == "body":
                labels[i] = "template"
    prose = [i for i, b in enumerate(blocks) if labels[i] == "body" and _is_prose(b)]
    last_prose = prose[-1] if prose else -1
    i = 0
    while i < len(blocks):
        if labels[i] not in _RUN_STARTERS or not _is_marker(blocks[i].text):
            i += 1
            continue
        kind = labels[i]
        j = i + 1
        if i > last_prose or (kind == "comments" and _share_before(blocks, labels, i) > 0.6):
            # the article is over: everything after the marker belongs to it
            while j < len(blocks):
                if labels[j] in ("body", "dateline", "byline", "title"):
                    labels[j] = kind
                j += 1
        else:
            # mid-article, the run is the short lines after the marker, up to prose or a heading
            while (
                j < len(blocks)
                and labels[j] in ("body", "link", "contact")
                and blocks[j].kind != "heading"
                and not _is_prose(blocks[j])
            ):
                labels[j] = kind
                j += 1
        i = j

    paragraphs: list[Paragraph] = []
    captions: list[Caption] = []
    removed: list[Removed] = []
    credits: list[str] = []
    authors: list[str] = []
    published: str | None = None
    for i, block in enumerate(blocks):
        text, label = block.text, labels[i]
        if label == "caption":
            body, credit = split_credit(text)
            if (
                captions
                and labels[i - 1] == "caption"
                and _looks_like_credit(body)
                and captions[-1].credit is None
            ):
                captions[-1].credit = body
            else:
                captions.append(Caption(body, credit))
        elif label == "credit":
            m = _CREDIT_LINE.match(text)
            credit = m.group(1).strip(" .") if m else text
            if i and labels[i - 1] == "caption" and captions and captions[-1].credit is None:
                captions[-1].credit = credit
            else:
                removed.append(Removed("credit-line", text))
        elif label == "agency-credit":
            credits += news.find_credits(text)[0]
            removed.append(Removed("credit-line", text))
        elif label == "dateline" or (label == "updated" and _PUBLISHED_LINE.match(text)):
            # "Veröffentlicht am 17.01.2025 um 14:05 Uhr" states when, though it reads like an update line
            published = published or news.parse_date(text)
            removed.append(Removed(label, text))
        elif label == "byline":
            m = _BYLINE.match(text)
            if m:
                credits += _agencies_in_byline(m.group(1))
                authors += _clean_authors([m.group(1)])
            # "Von Jana Peters | 21.08.2024, 09:40 Uhr": the byline carries the dateline
            published = published or news.parse_date(text)
            removed.append(Removed(label, text))
        elif label == "body":
            credits += news.find_credits(text)[0]
            if block.kind == "text" and sum(p.kind == "text" and not _is_kicker(p) for p in paragraphs) < 2:
                credits += news.dateline_credits(text)
            paragraphs.append(Paragraph(block.kind, text))  # type: ignore[arg-type]
        else:
            removed.append(Removed(label, text))
    return Cleaned(paragraphs, captions, removed, _unique(credits), _unique(authors), published)


_PUBLISHED_LINE = re.compile(
    r"^\W*(?:veröffentlicht|publiziert|erstellt|erschienen|published|posted)\b", re.I
)
_RUN_STARTERS = {"teaser", "comments", "contact-block", "paywall"}


def _is_kicker(block: Block | Paragraph) -> bool:
    """A line of one to three words and no sentence: a kicker ("Schweiz", "Kommentar") or a label."""
    return block.kind == "text" and len(block.text.split()) <= 3 and not _SENTENCE_END.search(block.text)


_CONTACT_LINE = re.compile(r"^(?:tel(?:efon|\.)?|fax|telefax|e-?mail|mobil|handy)\s*[.:]\s*[+(\d\w]", re.I)
_CONTACT_HEAD = re.compile(
    r"^(?:presse-?kontakt|kontakt|ansprechpartner(?:in)?|medienkontakt|pressestelle|für (?:rück)?fragen)\b",
    re.I,
)
_LONE_LINK = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.-]+$", re.I)


def _is_marker(text: str) -> bool:
    """A heading-like marker ("Mehr zum Thema", "Kommentare:"), not an inline "Lesen Sie auch: <title>"."""
    head, colon, rest = text.partition(":")
    return len(text.split()) <= 7 and not (colon and len(rest.split()) >= 2)


def _share_before(blocks: list[Block], labels: list[str], index: int) -> float:
    """The share of the body's characters that comes before block ``index``."""
    sizes = [len(b.text) if labels[k] == "body" else 0 for k, b in enumerate(blocks)]
    total = sum(sizes)
    return sum(sizes[:index]) / total if total else 1.0


def _looks_like_credit(text: str) -> bool:
    """A caption line that is only a photo credit: "Kjell Holmner/Göteborg & Co", "imagebank.sweden.se"."""
    return (
        len(text.split()) <= 6
        and not _SENTENCE_END.search(text)
        and ("/" in text or "." in text or "©" in text)
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------- lead

_LEAD_BLOCKS = {
    "p",
    "div",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "section",
    "td",
    "header",
    "strong",
    "b",
}
_NOT_LEAD = {
    "footer",
    "nav",
    "aside",
    "head",
    "script",
    "noscript",
    "template",
    "style",
    "title",
    "a",
    "button",
}


def find_lead(tree: lxml.html.HtmlElement, descriptions: list[str]) -> str | None:
    """The article's lead as the page shows it, found through the summary the page gives of itself.

    News pages state their lead (the bold intro above the body) again as ``og:description``;
    trafilatura often drops it because it sits outside the body's container. A description
    that the page also shows as a block of its own is taken as the lead.
    """
    for description in descriptions:
        desc = description.rstrip(" .…").removesuffix("...").strip()
        if len(desc) < 60:
            continue
        key = desc[:40]
        for owner, is_tail in _texts_containing(tree, key):
            el = owner.getparent() if is_tail else owner
            while el is not None and el.tag not in _LEAD_BLOCKS and el.tag != "body":
                el = el.getparent()
            if el is None or el.tag == "body" or _in_furniture(el):
                continue
            text = _norm(el.text_content())
            # the block may start with a kicker ("Bundesliga:") before the description's words
            if key in text[: len(key) + 80] and 0.6 * len(desc) <= len(text) <= 2 * len(desc) + 100:
                return text
    return None


def _in_furniture(el: etree._Element) -> bool:
    return el.tag in _NOT_LEAD or any(a.tag in _NOT_LEAD for a in el.iterancestors())


_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:lead|intro|excerpt|teaser-?text|summary|abstract|standfirst|vorspann|subline|deck|dek"
    r"|article-?description|article-?teaser)(?:$|[\s_-])",
    re.I,
)


_LEAD_TAGS = {"p", "div", "h2", "h3", "section", "span", "strong", "header"}


def find_marked_lead(tree: lxml.html.HtmlElement, first_paragraph: str | None) -> str | None:
    """A block the page marks as its lead (class "lead", "intro", "excerpt", ...) above the body's first paragraph."""
    if not first_paragraph:
        return None
    anchor = _element_with_text(tree, first_paragraph)
    if anchor is None:
        return None
    body = tree.find(".//body")
    if body is None:
        return None
    for el in body.iter():
        if el is anchor:
            return None  # only what comes before the first paragraph
        if el.tag not in _LEAD_TAGS or not _LEAD_CLASS.search(el.get("class", "")) or _in_furniture(el):
            continue
        text = _norm(el.text_content())
        if 60 <= len(text) <= 1000 and _SENTENCE_END.search(text) and len(text.split()) >= 10:
            return text
    return None


# ---------------------------------------------------------------------------------------- extraction


_CAPTION_XPATH = etree.XPath(
    "//figcaption|//*[contains(translate(@class,'CAPTION','caption'),'caption') "
    "or contains(@class,'bildunterschrift') or contains(@class,'Bildunterschrift')]"
)
_NOT_CAPTION = {"footer", "nav", "aside", "a", "button", "head", "script", "noscript", "template"}


def caption_elements(tree: lxml.html.HtmlElement) -> list[tuple[etree._Element, str, bool]]:
    """Every ``<figcaption>`` and caption-classed element with its text.

    The flag marks the ones not to report as captions of their own: those inside another caption
    (its text is part of the outer one) and those in page furniture (a link, the footer, a
    sidebar), which belong to teasers, not to the article's pictures.
    """
    found: list[tuple[etree._Element, str, bool]] = []
    chosen: set[etree._Element] = set()
    for el in _CAPTION_XPATH(tree):
        if el.tag in ("body", "html", "article", "main", "section") or el.tag in _NOT_CAPTION:
            continue
        ancestors = list(el.iterancestors())
        text = _norm(el.text_content())
        if text and len(text) < 600:
            chosen.add(el)
            nested = any(a in chosen for a in ancestors)
            found.append((el, text, nested or any(a.tag in _NOT_CAPTION for a in ancestors)))
    return found


def _texts_containing(tree: lxml.html.HtmlElement, key: str) -> Iterator[tuple[etree._Element, bool]]:
    """The body's text nodes that contain ``key``, in document order, as (owner, is it the owner's tail).

    A walk over the tree rather than the XPath ``//body//text()[contains(., $k)]``: libxml2 took
    3.7 s for that on a 2 MB page it held as 32,000 text nodes (the walk: milliseconds).
    """
    body = tree.find(".//body") if tree.tag != "body" else tree
    if body is None:
        return
    stack: list[tuple[etree._Element, bool]] = [(body, False)]  # (element, its end reached)
    while stack:
        el, end = stack.pop()
        if end:
            if el is not body and el.tail and key in el.tail:
                yield el, True
            continue
        if isinstance(el.tag, str) and el.text and key in el.text:  # a comment's text is not text
            yield el, False
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def _element_with_text(tree: lxml.html.HtmlElement, text: str) -> etree._Element | None:
    """The element that holds (as its text or as the tail of its child) the first text node with ``text``'s start."""
    return next((owner for owner, _ in _texts_containing(tree, text[:30])), None)


def article_region(tree: lxml.html.HtmlElement, paragraphs: list[Paragraph]) -> etree._Element | None:
    """The DOM element that holds the article: its ``<article>``, or what holds its first and last paragraphs."""
    texts = [p.text for p in paragraphs if p.kind == "text" and len(p.text) >= 30]
    if not texts:
        return None
    first = next((el for el in map(partial(_element_with_text, tree), texts[:3]) if el is not None), None)
    if first is None:
        return None
    article = next(first.iterancestors("article"), None)
    if article is not None:
        return article
    last = next(
        (el for el in map(partial(_element_with_text, tree), texts[-3:][::-1]) if el is not None), None
    )
    mine = [first, *first.iterancestors()]
    theirs = set([last, *last.iterancestors()]) if last is not None else set(mine)
    common = next((el for el in mine if el in theirs), None)
    if common is None or common.tag in ("body", "html"):
        return common
    parent = common.getparent()  # one level up takes in the lead picture above the text
    return parent if parent is not None and parent.tag not in ("body", "html") else common


def _region_captions(
    region: etree._Element | None, found: list[tuple[etree._Element, str, bool]], known: list[Caption]
) -> list[Caption]:
    """Captions of the pictures inside the article's region that the body did not already give."""
    if region is None:
        return []
    seen = {_norm(c.text) for c in known}
    out: list[Caption] = []
    for el, text, furniture in found:
        if furniture or (el is not region and region not in el.iterancestors()):
            continue
        body, credit = split_credit(text)
        if _CREDIT_LINE.match(text) or body in seen or any(body in s for s in seen):
            continue
        if credit is None and _looks_like_credit(body):  # a credit shown apart from its caption
            if out and out[-1].credit is None:
                out[-1].credit = body
            continue
        seen.add(body)
        out.append(Caption(body, credit))
    return out


_SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
_TEXT_ELEMENTS = ("p", "li", "blockquote", "dd", "pre")


def restore_headings(region: etree._Element | None, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Subheadings of the article that trafilatura dropped, put back between their paragraphs.

    trafilatura sometimes leaves out an ``<h2>`` that sits between two paragraphs it keeps. Only a
    heading that is a sibling of both, with nothing else between them, goes back in: headings of
    teaser boxes and widgets inside the article's region are followed by links, not by the text.
    """
    if region is None or len(paragraphs) < 2:
        return paragraphs
    texts = [p.text for p in paragraphs]
    present = set(texts)
    inserts: dict[int, list[str]] = {}
    pending: list[str] = []
    pos = 0  # the next paragraph to meet
    parent = None  # the element holding the last paragraph met, while nothing else came after it
    for el in region.iter(*_SUBHEADINGS, *_TEXT_ELEMENTS):
        text = _norm(el.text_content())
        if not text:
            continue
        if el.tag in _SUBHEADINGS:
            if (
                parent is not None
                and el.getparent() is parent
                and text not in present
                and len(text.split()) <= 20
                and boilerplate_kind(text) is None
                and not news.is_teaser_heading(text)
            ):
                pending.append(text)
            else:
                parent, pending = None, []
            continue
        found = next((k for k in range(pos, min(pos + 4, len(texts))) if texts[k] == text), None)
        if found is None:
            parent, pending = None, []  # something else between: a teaser, a caption, a list of links
            continue
        if pending and found == pos and el.getparent() is parent:
            inserts[found] = pending
        pending = []
        parent = el.getparent()
        pos = found + 1
    if not inserts:
        return paragraphs
    out: list[Paragraph] = []
    for k, paragraph in enumerate(paragraphs):
        out += [Paragraph("heading", text) for text in inserts.get(k, [])]
        out.append(paragraph)
    return out


_LEAF_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote figcaption dd dt td th pre".split())
_INLINE = frozenset("a span b i em strong small time abbr cite sup sub mark u br img".split())


def _dom_leaves(tree: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """The page's smallest blocks of text in reading order, as (tag, text): paragraphs, headings and
    list items, and any other element that holds text but no block inside it (a ``<div>`` of text, a
    link standing on its own), outside the page's navigation, footer and scripts."""
    out: list[tuple[str, str]] = []
    body = tree.find(".//body")
    if body is None:
        return out

    def walk(el: etree._Element) -> None:
        run: list[str] = [el.text or ""]  # the element's own text and inline children, one leaf

        def flush() -> None:
            text = _norm(" ".join(run))
            if text:
                out.append(("div", text))
            run.clear()

        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag in _NOT_LEAD and tag not in ("a", "button"):
                pass
            elif tag in _INLINE:
                run.append(child.text_content())
            elif tag and (
                tag in _LEAF_BLOCKS
                or all(isinstance(d.tag, str) and d.tag in _INLINE for d in child.iterdescendants())
            ):
                flush()
                text = _norm(child.text_content())
                if text:
                    out.append((tag, text))
            elif tag:
                flush()
                walk(child)
            run.append(child.tail or "")
        flush()

    walk(body)
    return out


def _headline_first(blocks: list[Block], tree: lxml.html.HtmlElement, h1s: list[str]) -> list[Block]:
    """The headline back before the text that the page shows below it.

    trafilatura sometimes puts a paragraph from further down before the ``<h1>`` (a live ticker's
    newest entry came first, then the headline, then the other entries); the headline is then not
    recognised as the title and the entry reads as the article's lead."""
    if not h1s:
        return blocks
    k = next((i for i, b in enumerate(blocks[:4]) if b.kind == "heading" and b.text == h1s[0]), 0)
    if k == 0 or any(b.kind == "heading" for b in blocks[:k]):
        return blocks
    h1 = tree.find(".//h1")
    first = _element_with_text(tree, blocks[0].text)
    if h1 is None or first is None:
        return blocks
    for el in tree.iter():
        if el is first:
            return blocks  # the page shows the text first indeed
        if el is h1:
            return [blocks[k], *blocks[:k], *blocks[k + 1 :]]
    return blocks


def _unglued(blocks: list[Block], tree: lxml.html.HtmlElement) -> list[Block]:
    """trafilatura's body with a block that glues many of the page's blocks together cut back into them.

    When trafilatura finds too little text (a paywalled page that shows only its teaser), its fallback
    returns the page's text as one paragraph: headline, teaser and the paywall's offer in one block. Such
    a block is cut into the page's own blocks when they make it up end to end, so the clean-up can tell
    the headline and the paywall from the teaser.
    """
    if len(blocks) > 3 or not any(b.kind == "text" and len(b.text) >= 150 for b in blocks):
        return blocks
    leaves = _dom_leaves(tree)
    out: list[Block] = []
    for block in blocks:
        parts = (
            _leaves_making(block.text, leaves) if block.kind == "text" and len(block.text) >= 150 else None
        )
        out += parts or [block]
    return out


def _leaves_making(text: str, leaves: list[tuple[str, str]]) -> list[Block] | None:
    """The run of ``leaves`` whose texts, in order, are ``text`` (white space aside), as blocks."""
    target = text.replace(" ", "")
    for first, (_, start_text) in enumerate(leaves):
        if not target.startswith(start_text.replace(" ", "")):
            continue
        pos, run = 0, []
        for tag, leaf in leaves[first:]:
            key = leaf.replace(" ", "")
            if not target.startswith(key, pos):
                break
            pos += len(key)
            run.append((tag, leaf))
            if pos == len(target):
                break
        if pos == len(target) and len(run) >= 2:
            return [
                Block("heading", t, "head", level=int(tag[1]))
                if tag[:1] == "h" and tag[1:].isdigit()
                else Block("text", t, "p")
                for tag, t in run
            ]
    return None


# the markup social networks' embed codes give a post ("<blockquote class="twitter-tweet">")
_EMBED_XPATH = etree.XPath(
    "//*[contains(@class,'twitter-tweet') or contains(@class,'instagram-media') or contains(@class,'tiktok-embed')"
    " or contains(@class,'bluesky-embed') or contains(@class,'mastodon-embed') or contains(@class,'fb-post')"
    " or contains(@class,'threads-post') or contains(@class,'reddit-embed')]"
)


def _without_embeds(blocks: list[Block], tree: lxml.html.HtmlElement) -> tuple[list[Block], list[Removed]]:
    """The body without the social-media posts embedded in it, which trafilatura keeps as paragraphs
    ("Wer 30 fordert ... pic.twitter.com/xyz— Holger Dreesbach (@HDreesbach) May 5, 2025"): a post is
    the network's content shown in the page, neither the article's words nor a quotation it reports."""
    embeds = [t for t in (_norm(el.text_content()) for el in _EMBED_XPATH(tree)) if t]
    if not embeds:
        return blocks, []
    kept: list[Block] = []
    removed: list[Removed] = []
    for block in blocks:
        if len(block.text) >= 12 and any(block.text in e for e in embeds):
            removed.append(Removed("embed", block.text))
        else:
            kept.append(block)
    return kept, removed


# a live ticker entry's time stamp: "18:40 Uhr", "14.02.2025, 09:15", "9.15 Uhr"
_ENTRY_TIME = re.compile(r"^(?:\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?,?\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?$")


def restore_entry_times(tree: lxml.html.HtmlElement, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A live ticker's time stamps, which trafilatura drops, put back as headings of their entries.

    An entry is a paragraph whose element follows an element holding only a time ("<time>18:40
    Uhr</time><p>…</p>"); only when at least two entries have one (a ticker, not a stray time)."""
    entries: dict[str, str] = {}  # the entry's text -> its time stamp
    for el in tree.iter():
        if not isinstance(el.tag, str) or len(el) > 2 or el.tag in _NOT_LEAD:
            continue
        text = (el.text or "").strip()
        if not text or len(text) > 24 or not _ENTRY_TIME.match(stamp := _norm(el.text_content())):
            continue
        after = el.getnext()
        while after is not None and not isinstance(after.tag, str):
            after = after.getnext()
        if after is not None:
            entries.setdefault(_norm(after.text_content()), stamp)
    if len(entries) < 2:
        return paragraphs
    present = {p.text for p in paragraphs}
    found = {
        k: entries[p.text]
        for k, p in enumerate(paragraphs)
        if p.kind == "text" and len(p.text) >= 30 and p.text in entries
    }
    found = {k: stamp for k, stamp in found.items() if stamp not in present}
    if len(found) < 2:
        return paragraphs
    out: list[Paragraph] = []
    for k, paragraph in enumerate(paragraphs):
        if k in found:
            out.append(Paragraph("heading", found[k]))
        out.append(paragraph)
    return out


def _has_article_text(paragraphs: list[Paragraph]) -> bool:
    """Some running text: a sentence-length paragraph, or more than a menu's worth of characters."""
    texts = [p.text for p in paragraphs if p.kind == "text"]
    return any(len(t.split()) >= 6 for t in texts) or sum(map(len, texts)) >= 200


def _with_lead(blocks: list[Block], lead: str | None) -> list[Block]:
    """Put the lead before the first text block unless the body already has it."""
    if not lead:
        return blocks
    key = _norm(lead)[:60]
    if any(key in b.text or b.text.startswith(key[:40]) for b in blocks):
        return blocks
    first_text = next((i for i, b in enumerate(blocks) if b.kind == "text"), len(blocks))
    return [*blocks[:first_text], Block("text", lead, "lead"), *blocks[first_text:]]


# what web servers title the pages that list a folder's files (Apache, nginx, Python's http.server, IIS)
_DIRECTORY_LISTING = re.compile(r"^\s*(?:Index of /|Directory listing for /)")


def extract_html(
    text: str, *, raw_id: str, url: str | None = None, template: Template | None = None
) -> Article:
    """Extract the clean article from one HTML page (already decoded).

    ``template``: the outlet's boilerplate (:mod:`pressecho.extract.templates`); body blocks it holds
    are removed with the kind ``template``.
    """
    try:
        tree = parse_html(text)
    except (ValueError, etree.LxmlError) as exc:
        raise ExtractionError(f"the HTML could not be parsed: {exc}") from exc
    page = read_metadata(tree, url)
    title_el = tree.find(".//title")
    listing = next(
        (
            t
            for t in [title_el.text if title_el is not None else None, *page.h1s[:1]]
            if t and _DIRECTORY_LISTING.match(t)
        ),
        None,
    )
    if listing:
        raise NoArticleFound(f"the page is a web server's list of files ({_norm(listing)[:80]})")
    dom_captions = caption_elements(tree)
    captions_in_dom = {text: text for _, text, _ in dom_captions}
    try:
        doc = trafilatura.bare_extraction(
            deepcopy(tree), url=page.url, include_comments=False, include_tables=True, with_metadata=False
        )
    except RecursionError as exc:
        raise ExtractionError("the page is nested too deeply for the HTML extractor") from exc
    if doc is None or doc.body is None:
        raise NoArticleFound("trafilatura found no article body in the page")
    blocks, embedded = _without_embeds(_unglued(body_blocks(doc.body), tree), tree)
    blocks = _headline_first(blocks, tree, page.h1s)
    first_heading = next((b.text for b in blocks[:3] if b.kind == "heading"), None)
    title, alternatives = choose_title(page, first_heading)
    lead = find_lead(tree, page.descriptions)
    if lead is None:
        first = next((b.text for b in blocks if b.kind == "text" and len(b.text) >= 30), None)
        lead = find_marked_lead(tree, first)
    blocks = _with_lead(blocks, lead)
    cleaned = clean_blocks(blocks, [title, *alternatives] if title else [], captions_in_dom, template)
    cleaned.removed += embedded
    if not _has_article_text(cleaned.paragraphs):
        raise NoArticleFound(
            "the page has no article text, only short lines: "
            + " | ".join(p.text for p in cleaned.paragraphs[:5])[:200]
        )
    region = article_region(tree, cleaned.paragraphs)
    paragraphs = restore_entry_times(tree, restore_headings(region, cleaned.paragraphs))
    captions = cleaned.captions + _region_captions(region, dom_captions, cleaned.captions)
    authors = page.authors or cleaned.authors
    credits = list(cleaned.credits)
    if not authors:
        authors, byline_agencies = dom_byline(tree)
        credits += byline_agencies
    for stated in page.authors_raw:
        credits += _agencies_in_byline(stated)
    published = page.published or cleaned.published or _dateline_date(cleaned.paragraphs)
    if published is None:
        published = news.normalise_datetime(
            find_date(tree, url=page.url, extensive_search=False, original_date=True, max_date=None)
        )
    site = page.sitename
    if site and (len(site) > 60 or (title and _overlap(site, title) >= 0.5)):
        site = None  # a page title in og:site_name
    host = _host(page.url)
    site = _outlet_name(site, host)
    # a breadcrumb often ends with the article's own headline
    section = [
        c for c in page.section if not (title and _is_headline(c, title)) and not _is_site(c, site, host)
    ]
    authors = [a for a in authors if not _is_site(a, site, host)]
    article = Article.from_paragraphs(
        raw_id,
        paragraphs,
        title=title,
        title_alternatives=alternatives,
        published=published,
        section=section,
        authors=authors,
        credits=_unique(credits),
        captions=captions,
        url=page.url,
        source=site or host,
        format="html",
        removed=cleaned.removed,
    )
    # what the text says beats what the page declares (templates often keep lang="en")
    declared = page.language if page.language and len(page.language) == 2 else None
    article.language = detect_language(article.text) or declared
    return article


def _dateline_date(paragraphs: list[Paragraph]) -> str | None:
    """The date the first paragraph's dateline states, for pages that state it nowhere else."""
    first = next((p.text for p in paragraphs if p.kind == "text" and not _is_kicker(p)), "")
    return news.dateline_date(first)


def _outlet_name(site: str | None, host: str | None) -> str | None:
    """The outlet's name without the slogan its og:site_name carries ("BioBioChile - La Red de Prensa
    Más Grande de Chile", "www.leichtathletik.de | Das Leichtathletik-Portal"): the part that names
    the host, else the first part when it is short."""
    if not site:
        return site
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(site) if part.strip()]
    if len(parts) < 2:
        return site
    if host:
        key = _alnum(host.split(".")[0])
        for part in parts:
            if key and (key in _alnum(part) or _alnum(part).removeprefix("www") in _alnum(host)):
                return part.removeprefix("www.")
    return parts[0] if len(parts[0]) <= 30 else site


def _is_headline(crumb: str, title: str) -> bool:
    return crumb.casefold() == title.casefold() or (len(_words(crumb)) >= 3 and _overlap(crumb, title) >= 0.8)


def _is_site(name: str, site: str | None, host: str | None) -> bool:
    """Whether a breadcrumb or author is only the site's own name ("Hamburger Morgenpost", "LN")."""
    n = name.casefold().replace(" ", "")
    for s in (site, host):
        if s:
            s = s.casefold().replace(" ", "")
            if n == s or (len(n) >= 2 and (n in s or s.split(".")[0] == n)):
                return True
    return False


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


__all__ = ["extract_html", "parse_html", "read_metadata", "body_blocks", "Block", "PageMeta"]
