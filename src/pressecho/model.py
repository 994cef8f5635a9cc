"""The records that flow through pressecho.

One raw document becomes one :class:`Article`; the language layer adds sentences, entities and
quotes to it; the relate stage links articles into :class:`Story` objects and finds the
:class:`Passage` objects they share. Every derived record points back, by character offsets, to the
article's cleaned ``text``, and the article points to its :class:`RawDocument` by ``raw_id`` (the
SHA-256 of the raw bytes), so a user can always see why pressecho says what it says.

Offsets are Python string indices (code points), end-exclusive, into ``Article.text``: the body
paragraphs joined by a blank line (``PARAGRAPH_SEPARATOR``). The title is kept apart from the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

PARAGRAPH_SEPARATOR = "\n\n"

ParagraphKind = Literal["text", "heading"]
QuoteKind = Literal["direct", "indirect"]
EntityLabel = Literal["PER", "LOC", "ORG", "OTH"]


def content_hash(data: bytes) -> str:
    """Identity of a raw document: the hex SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class RawDocument:
    """One input exactly as it arrived: the bytes are never altered."""

    data: bytes
    url: str | None = None
    source: str | None = None  # the outlet, from the URL host or a field of the input
    content_type: str | None = None  # e.g. "text/html; charset=ISO-8859-1"
    fetched_at: str | None = None  # ISO 8601
    origin: str | None = None  # where it came from: a path, "file.warc.gz#record 12", a URL
    # what the input said about the document beside its bytes, verbatim: a JSONL/CSV record's title and
    # date fields, a feed item's title and pubDate (keys "title", "published", "authors" as names joined
    # by "; ", "language"); extraction prefers them
    stated: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return content_hash(self.data)


@dataclass
class Paragraph:
    kind: ParagraphKind
    text: str
    start: int = 0  # offsets into Article.text, set by Article.from_paragraphs
    end: int = 0


@dataclass
class Caption:
    """An image caption, kept apart from the body, with the photo credit if one is given."""

    text: str
    credit: str | None = None


@dataclass
class Removed:
    """A block the extractor removed, and why (so a UI can show what was cut)."""

    kind: str  # navigation, share, donation, teaser, comments, gallery, counter, credit-line, ...
    text: str


@dataclass
class Token:
    text: str
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: EntityLabel = "OTH"


@dataclass
class Entity:
    """One person, place, organisation or other named thing, with every mention of it."""

    id: str  # stable within an article, e.g. "e3"
    label: EntityLabel
    name: str  # the fullest name seen
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # role nouns and short forms: "Kremlchef", "Putin"


@dataclass
class Quote:
    """A quotation: ``start``/``end`` (and the cue's, the speaker's) are offsets into ``Article.text``.

    ``text`` is ``Article.text[start:end]`` unless the quote is split by an inserted cue ("«…», sagte
    er, «…»"): then it is its parts joined with " … " and the offsets span them all. A cue is its
    words joined by spaces, so a separable speech verb reads "schätzt ein" while its offsets span
    "schätzt die Lage so ein".
    """

    text: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # the speaker entity's name, or the mention if no entity fits
    speaker_entity: str | None = None  # Entity.id
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


AnalysisStatus = Literal["ok", "skipped", "failed"]


@dataclass
class LanguageRun:
    """What the language layer did to an article: which pipeline ran (and its version), or why none did.

    ``status`` is ``ok`` (sentences, entities and quotes are the pipeline's), ``skipped`` (no pipeline
    reads the article's language: ``reason`` is ``unsupported-language`` or ``unknown-language``) or
    ``failed`` (``reason`` and ``message`` say why).
    """

    status: AnalysisStatus
    language: str | None = None
    version: str | None = None  # the pipeline's stage version: stored results of another are stale
    components: list[str] = field(default_factory=list)  # the components that ran, in order
    reason: str | None = None
    message: str | None = None


@dataclass
class Article:
    """A clean article extracted from one raw document."""

    raw_id: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    title_alternatives: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time as stated, e.g. "2019-04-25T13:15"
    # the metadata taken from the input's own fields (RawDocument.stated) rather than from the page:
    # "title", "published", "authors", "language"; the page's own title, if another, is among the
    # title_alternatives
    from_input: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)  # breadcrumb, outermost first
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)  # normalised agency names: sda, dpa, AFP, ...
    captions: list[Caption] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    source: str | None = None
    format: str | None = None  # "html" or "textdump"
    removed: list[Removed] = field(default_factory=list)
    text: str = ""
    # filled by the language layer
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    analysis: LanguageRun | None = None  # set by pressecho.analyze: what ran, or why nothing did

    @classmethod
    def from_paragraphs(cls, raw_id: str, paragraphs: list[Paragraph], **meta: Any) -> Article:
        """Build an article and set ``text`` and every paragraph's offsets."""
        article = cls(raw_id=raw_id, paragraphs=[], **meta)
        article.set_paragraphs(paragraphs)
        return article

    def set_paragraphs(self, paragraphs: list[Paragraph]) -> None:
        parts: list[str] = []
        pos = 0
        kept: list[Paragraph] = []
        for p in paragraphs:
            text = p.text.strip()
            if not text:
                continue
            if parts:
                pos += len(PARAGRAPH_SEPARATOR)
            kept.append(Paragraph(kind=p.kind, text=text, start=pos, end=pos + len(text)))
            parts.append(text)
            pos += len(text)
        self.paragraphs = kept
        self.text = PARAGRAPH_SEPARATOR.join(parts)

    @property
    def body_lines(self) -> str:
        """The body as one paragraph (heading or text) per line: the ``--format text`` output."""
        return "\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict` (unknown keys are ignored, so older exports still load)."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        kw["paragraphs"] = [Paragraph(**p) for p in kw.get("paragraphs", [])]
        kw["captions"] = [Caption(**c) for c in kw.get("captions", [])]
        kw["removed"] = [Removed(**r) for r in kw.get("removed", [])]
        kw["sentences"] = [
            Sentence(s["start"], s["end"], [Token(**t) for t in s.get("tokens", [])])
            for s in kw.get("sentences", [])
        ]
        kw["entities"] = [
            Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions", [])]})
            for e in kw.get("entities", [])
        ]
        kw["quotes"] = [Quote(**q) for q in kw.get("quotes", [])]
        kw["analysis"] = LanguageRun(**kw["analysis"]) if kw.get("analysis") else None
        return cls(**kw)


@dataclass
class Passage:
    """A stretch of text two articles share: offsets into each article's ``text``."""

    a: str  # article id (raw_id)
    a_start: int
    a_end: int
    b: str
    b_start: int
    b_end: int
    score: float = 0.0  # similarity of the two stretches, 0..1


@dataclass
class StoryLink:
    """Why two articles are in one story."""

    a: str
    b: str
    score: float
    shared_terms: list[str] = field(default_factory=list)
    shared_entities: list[str] = field(default_factory=list)
    shared_passages: int = 0
    time_gap_hours: float | None = None
    kind: str = "same-story"  # or "near-duplicate": b is a copy of a (syndication, re-post, update)


@dataclass
class Story:
    id: str
    article_ids: list[str] = field(default_factory=list)
    links: list[StoryLink] = field(default_factory=list)
    title: str | None = None
