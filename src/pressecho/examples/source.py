"""The records the example corpus is written in, and how an outlet's article is resolved from them.

Articles are authored once, in one canonical spelling (German quotation marks „…“ and "ß"), and
are either own text (:class:`P`) or paragraphs taken from an invented agency copy (:class:`Take`)
with literal edits. Resolving applies the edits, appends the agency credit and then the outlet's
house style (Swiss outlets write "ss" and «…», some online outlets “…”), so every outlet that
reuses a wire story carries realistic, slightly edited shared passages, and the gold (paragraphs,
quotes with speakers, captions) is derived from the same source as the rendered page and cannot
drift from it. Every edit and every quote is checked: a typo in the data fails the build instead
of producing silently wrong gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Format = Literal["html", "block", "wrapped"]
QuoteStyle = Literal["german", "swiss", "english"]
Kind = Literal["text", "heading"]

# canonical „…“ -> the outlet's marks; a translation table swaps both marks at once
_QUOTE_TABLES: dict[QuoteStyle, dict[int, str]] = {
    "german": {},
    "swiss": str.maketrans({"„": "«", "“": "»"}),
    "english": str.maketrans({"„": "“", "“": "”"}),
}


@dataclass(frozen=True)
class Outlet:
    """An invented publication: its name, web address, house style and the format its pages come in."""

    id: str
    name: str
    domain: str
    country: str  # CH, DE, AT
    kind: str  # what sort of publication, for the index
    format: Format
    encoding: str  # the bytes' real encoding
    declared_charset: str | None  # what the page says it is (None for text dumps)
    quote_style: QuoteStyle
    swiss_spelling: bool  # "ss" for "ß"

    def style(self, text: str) -> str:
        """Canonical text in this outlet's spelling and quotation marks."""
        if self.swiss_spelling:
            text = text.replace("ß", "ss")
        return text.translate(_QUOTE_TABLES[self.quote_style])


@dataclass(frozen=True)
class Event:
    """One invented news event: the known story that clustering is scored against."""

    id: str
    title: str
    place: str
    date: str


@dataclass(frozen=True)
class Q:
    """A quotation in a paragraph: the quoted words (inside the marks for direct speech), its speaker
    by the fullest name the article gives, the cue word(s) and how the sentence refers to the speaker."""

    text: str
    kind: Literal["direct", "indirect"]
    speaker: str
    cue: str | None = None
    mention: str | None = None


@dataclass(frozen=True)
class P:
    """A paragraph written for one article (or for an agency copy)."""

    text: str
    quotes: tuple[Q, ...] = ()
    kind: Kind = "text"


def H(text: str) -> P:
    """A subheading."""
    return P(text, kind="heading")


@dataclass(frozen=True)
class Take:
    """A paragraph of an agency copy reused by an outlet, with literal edits (old, new) applied in order.

    Quotes of the wire paragraph come along (edited the same way); a quote whose words an edit cut
    away is dropped; ``quotes`` adds quotes the edits introduced.
    """

    wire: str
    index: int
    sub: tuple[tuple[str, str], ...] = ()
    quotes: tuple[Q, ...] = ()


@dataclass(frozen=True)
class Wire:
    """An invented agency copy (the wire story several outlets rewrite)."""

    id: str
    agency: str  # as the agency signs it, e.g. "sda", "dpa", "dpa/reuters"
    credits: tuple[str, ...]  # normalised agency names
    event: str
    published: str
    title: str
    paragraphs: tuple[P, ...]


@dataclass(frozen=True)
class Fig:
    """An image with its caption and photo credit, shown after body paragraph ``after`` (-1: before
    the first). ``title`` and ``count`` are what galleries in text dumps show above the caption."""

    text: str
    credit: str
    after: int = -1
    title: str | None = None
    count: int = 1


@dataclass(frozen=True)
class Story:
    """One outlet's article about one event, as authored."""

    id: str
    outlet: str
    event: str
    published: str  # ISO 8601 local time, as the page states it
    slug: str
    title: str
    body: tuple[P | Take, ...]
    title_alternatives: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    credit_line: str | None = None  # appended to the last text paragraph, e.g. "(sda/dpa)"
    credits: tuple[str, ...] = ()
    figures: tuple[Fig, ...] = ()
    kicker: str | None = None  # the small line above an HTML headline (not a title)
    updates: str | None = None  # the id of the article this one is an updated re-post of


@dataclass
class Resolved:
    """A story with its edits, credit and house style applied: what the page shows and the gold."""

    story: Story
    outlet: Outlet
    title: str
    title_alternatives: list[str]
    paragraphs: list[tuple[Kind, str]]
    quotes: list[dict]
    figures: list[Fig]
    canonical_paragraphs: list[tuple[Kind, str]] = field(default_factory=list)  # before house style
    agency_copy: str | None = None

    @property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.paragraphs)


class SourceError(ValueError):
    """The corpus source contradicts itself (an edit that does not apply, a quote not in its paragraph)."""


def _apply(text: str, sub: tuple[tuple[str, str], ...], where: str) -> str:
    for old, new in sub:
        if old not in text:
            raise SourceError(f"{where}: edit target not found: {old!r}")
        text = text.replace(old, new, 1)
    return _tidy(text)


def _tidy(text: str) -> str:
    while "  " in text:
        text = text.replace("  ", " ")
    return text.replace(" ,", ",").replace(" .", ".").strip()


def _edit_quote(q: Q, sub: tuple[tuple[str, str], ...]) -> Q | None:
    """The quote after the paragraph's edits, or None when an edit cut its words away."""
    text, cue, mention = q.text, q.cue, q.mention
    for old, new in sub:
        if text in old and text not in new:
            return None
        if old in text:
            text = text.replace(old, new, 1)
        if mention and old.strip() and old in mention:
            mention = mention.replace(old, new, 1).strip(" ,")
        elif mention and mention in old:
            mention = _replaced_core(old, new, mention)
        if cue and old.strip() and old in cue:
            cue = cue.replace(old, new, 1).strip()
    return replace(q, text=_tidy(text), cue=cue, mention=mention or None)


def _replaced_core(old: str, new: str, mention: str) -> str:
    """What an edit put in place of a mention inside it: "erklärte Morath" -> "erklärte die Archäologin"
    turns the mention "Morath" into "die Archäologin" (the words the two sides share are not the mention)."""
    a, b = old.split(), new.split()
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    return " ".join(b) if mention in " ".join(a) and b else mention


def resolve(story: Story, outlet: Outlet, wires: dict[str, Wire]) -> Resolved:
    """Apply a story's edits, its credit and its outlet's house style; check every quote against the text."""
    paragraphs: list[tuple[Kind, str, list[Q]]] = []
    used_wires: list[str] = []
    for n, item in enumerate(story.body):
        where = f"{story.id} paragraph {n}"
        if isinstance(item, Take):
            wire = wires[item.wire]
            if item.wire not in used_wires:
                used_wires.append(item.wire)
            source = wire.paragraphs[item.index]
            text = _apply(source.text, item.sub, where)
            quotes = [e for e in (_edit_quote(q, item.sub) for q in source.quotes) if e is not None]
            paragraphs.append((source.kind, text, quotes + list(item.quotes)))
        else:
            paragraphs.append((item.kind, _tidy(item.text), list(item.quotes)))
    if story.credit_line:
        last = max(i for i, (kind, _, _) in enumerate(paragraphs) if kind == "text")
        kind, text, quotes = paragraphs[last]
        paragraphs[last] = (kind, f"{text} {story.credit_line}", quotes)

    styled_quotes: list[dict] = []
    styled_paragraphs: list[tuple[Kind, str]] = []
    for n, (kind, text, quotes) in enumerate(paragraphs):
        styled = outlet.style(text)
        styled_paragraphs.append((kind, styled))
        for q in quotes:
            entry = {
                "text": outlet.style(q.text),
                "kind": q.kind,
                "speaker": outlet.style(q.speaker),
                "cue": q.cue and outlet.style(q.cue),
                "speaker_mention": q.mention and outlet.style(q.mention),
                "paragraph": n,
            }
            _check_quote(entry, styled, f"{story.id} paragraph {n}")
            styled_quotes.append(entry)
    figures = [
        replace(f, text=outlet.style(f.text), title=f.title and outlet.style(f.title)) for f in story.figures
    ]
    for f in figures:
        if not -1 <= f.after < len(paragraphs):
            raise SourceError(f"{story.id}: figure after paragraph {f.after}, which does not exist")
    return Resolved(
        story=story,
        outlet=outlet,
        title=outlet.style(story.title),
        title_alternatives=[outlet.style(t) for t in story.title_alternatives],
        paragraphs=styled_paragraphs,
        quotes=styled_quotes,
        figures=figures,
        canonical_paragraphs=[(kind, text) for kind, text, _ in paragraphs],
        agency_copy=used_wires[0] if used_wires else None,
    )


def _check_quote(entry: dict, paragraph: str, where: str) -> None:
    if entry["text"] not in paragraph:
        raise SourceError(f"{where}: quote not in its paragraph: {entry['text']!r}")
    if entry["speaker_mention"] and entry["speaker_mention"] not in paragraph:
        raise SourceError(f"{where}: speaker mention not in its paragraph: {entry['speaker_mention']!r}")
    for word in (entry["cue"] or "").split():
        if word not in paragraph:
            raise SourceError(f"{where}: cue word not in its paragraph: {word!r}")
