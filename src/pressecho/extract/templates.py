"""Per-source templates: what an outlet repeats on page after page is its boilerplate.

A single-page extractor cannot always tell a site's navigation, footer, donation appeal or teaser box
from article text: some of it reads like text. Across many pages of one outlet it gives itself away by
recurring. A template is the set of text units (dump blocks, HTML lines) that recur on a good share of
an outlet's *distinct articles*; extraction with the template drops those units from the body and lists
them in ``Article.removed`` with the kind ``template``.

Learning (:func:`learn`), per outlet:

1. Each page becomes its units (:func:`units`): the blocks of a text dump after reflow, or the lines
   of an HTML page's visible text (block elements and ``<br>`` break them), as trafilatura's blocks do.
   A unit's key (:func:`unit_key`) is its words, case-folded, digits as "0" ("Kommentare (16)" and
   "Kommentare (22)" are one unit), hashed.
2. Pages are grouped into distinct articles: two pages that share half of their long units (a re-post,
   an updated version, one agency copy carried twice) are one article and count once. Otherwise an
   article repeated on many pages would look like boilerplate.
3. A unit is boilerplate when it recurs in at least ``min_articles`` articles and a share
   ``min_share`` of them; a prose-like unit (a sentence of twelve words or more) needs ``prose_share``,
   much more: a standard paragraph an outlet appends to its articles is boilerplate only when nearly
   every article has it.

This is pressecho's own code because the extraction libraries work page by page; what is learnt is
small (a few dozen keys per outlet) and stored as JSON in the corpus (``source_templates``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# the learning rules; templates made by another version are learnt again
TEMPLATE_VERSION = "1"
TEMPLATE_KIND = "boilerplate-lines"  # the ``kind`` column of ``source_templates``

MIN_ARTICLES = 3
MIN_SHARE = 0.3
PROSE_SHARE = 0.6
PROSE_WORDS = 12  # a unit this long (ending a sentence) is prose-like
_LINK_CAP = 50  # long units on more pages than this do not link pages into one article

_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'»«“”)]*\s*$")


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(_DIGITS.sub("0", text.casefold())))


def unit_key(text: str) -> str:
    """The key of a text unit: its words, case-folded, digits as "0", hashed (16 hex digits)."""
    normal = _normal(text)
    return (
        hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest() if normal else ""
    )


def _prose_like(text: str) -> bool:
    words = text.count(" ") + 1
    return words >= 2 * PROSE_WORDS or (words >= PROSE_WORDS and bool(_SENTENCE_END.search(text)))


@dataclass
class Template:
    """One outlet's boilerplate: the keys of its recurring units, with an example text of each."""

    source: str | None = None
    keys: dict[str, str] = field(default_factory=dict)  # key -> the unit's text (first seen)
    documents: int = 0  # pages learnt from
    articles: int = 0  # distinct articles among them
    version: str = TEMPLATE_VERSION

    def __contains__(self, text: str) -> bool:
        return bool(self.keys) and unit_key(text) in self.keys

    def __len__(self) -> int:
        return len(self.keys)

    def matches(self, texts: Iterable[str]) -> list[bool]:
        """For each text, whether it is one of the template's units to drop from this page.

        A template never takes most of a page's prose: when it holds more than two thirds of the
        page's prose-like units (an outlet that repeats its agency copy, or paragraphs, from article
        to article), those are this page's article, and only its short units count."""
        texts = list(texts)
        keys = self.keys
        if not keys:
            return [False for _ in texts]
        hits = [unit_key(t) in keys for t in texts]
        prose = [_prose_like(t) for t in texts]
        prose_hits = sum(h and p for h, p in zip(hits, prose, strict=True))
        if prose_hits and prose_hits * 3 > 2 * sum(prose):
            hits = [h and not p for h, p in zip(hits, prose, strict=True)]
        return hits

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "documents": self.documents,
            "articles": self.articles,
            "units": [{"key": k, "text": t} for k, t in self.keys.items()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str | None = None) -> Template:
        units = data.get("units") or []
        return cls(
            source=source,
            keys={
                str(u["key"]): str(u.get("text", ""))
                for u in units
                if isinstance(u, Mapping) and u.get("key")
            },
            documents=int(data.get("documents") or 0),
            articles=int(data.get("articles") or 0),
            version=str(data.get("version") or TEMPLATE_VERSION),
        )


def as_template(value: Template | Mapping[str, Any] | None) -> Template | None:
    """A :class:`Template` from itself, its dict, or the templates of an outlet by kind (the store's form)."""
    if value is None or isinstance(value, Template):
        return value
    if TEMPLATE_KIND in value:
        return as_template(value[TEMPLATE_KIND])
    if "units" in value:
        return Template.from_dict(value)
    return None


# ---------------------------------------------------------------------------------------------- units

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul option select button label".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe", "object"))
_SPACE = re.compile(r"\s+")


def html_units(markup: str) -> list[str]:
    """The lines of an HTML page's visible text: block elements and ``<br>`` end a line."""
    from lxml import etree

    from pressecho.extract.html import parse_html

    tree = parse_html(markup)
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            line = _SPACE.sub(" ", "".join(buffer)).strip()
            if line:
                lines.append(line)
            buffer.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                walker.skip_subtree()
                if tag and el.tail:  # the skipped element's tail is still text
                    buffer.append(el.tail)
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if el.text:
                buffer.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if el.tail and el is not root:
                buffer.append(el.tail)
    flush()
    return lines


def dump_units(text: str) -> list[str]:
    """The blocks of a text dump, as the dump cleaner sees them."""
    from pressecho.extract.dumpblocks import reflow

    return [b.text for b in reflow(text)]


def units(text: str, *, is_html: bool | None = None) -> list[str]:
    """The text units of one page (decoded): HTML lines or dump blocks."""
    if is_html is None:
        from pressecho.extract import looks_like_html

        is_html = looks_like_html(text)
    return html_units(text) if is_html else dump_units(text)


# -------------------------------------------------------------------------------------------- learning


class _Groups:
    """Union-find over page indices: which pages are one article."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def learn(
    pages: Iterable[list[str]],
    *,
    source: str | None = None,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    prose_share: float = PROSE_SHARE,
) -> Template:
    """Learn an outlet's template from the units of its pages (see the module's docstring)."""
    page_keys: list[set[str]] = []
    long_keys: list[set[str]] = []
    texts: dict[str, str] = {}
    prose: set[str] = set()
    for page in pages:
        keys: set[str] = set()
        long: set[str] = set()
        for text in page:
            key = unit_key(text)
            if not key:
                continue
            keys.add(key)
            texts.setdefault(key, text)
            if _prose_like(text):
                prose.add(key)
                long.add(key)
        page_keys.append(keys)
        long_keys.append(long)
    n = len(page_keys)
    template = Template(source=source, documents=n)
    if not n:
        return template
    # distinct articles: pages sharing half of the long units of the shorter one are one article
    groups = _Groups(n)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, long in enumerate(long_keys):
        for key in long:
            postings[key].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    # a unit on half of many pages is boilerplate, or an article no outlet re-posts that often
    cap = _LINK_CAP if n < 10 else min(_LINK_CAP, n // 2)
    for docs in postings.values():
        if 1 < len(docs) <= cap:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[(docs[a], docs[b])] += 1
    for (a, b), count in shared.items():
        if count >= 0.5 * min(len(long_keys[a]), len(long_keys[b])):
            groups.union(a, b)
    article_of = [groups.find(i) for i in range(n)]
    articles = len(set(article_of))
    template.articles = articles
    # in how many distinct articles each unit recurs
    in_articles: dict[str, set[int]] = defaultdict(set)
    for i, keys in enumerate(page_keys):
        for key in keys:
            in_articles[key].add(article_of[i])
    short_needed = max(min_articles, math.ceil(min_share * articles))
    prose_needed = max(min_articles + 1, math.ceil(prose_share * articles))
    for key, owners in in_articles.items():
        needed = prose_needed if key in prose else short_needed
        if len(owners) >= needed:
            template.keys[key] = texts[key][:300]
    return template


__all__ = [
    "Template",
    "TEMPLATE_KIND",
    "TEMPLATE_VERSION",
    "as_template",
    "dump_units",
    "html_units",
    "learn",
    "unit_key",
    "units",
]
