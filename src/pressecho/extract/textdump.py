"""Text dumps -> Article: pressecho's own cleaner for plain-text dumps of news pages.

A dump has lost the page's markup, so the article has to be told from the page furniture by how the
text reads. Four steps, none of them keyed to a site:

1. :func:`~pressecho.extract.dumpblocks.reflow` joins hard-wrapped lines into the page's blocks.
2. Each block gets a probability of being article text from a logistic regression over shallow
   features (:func:`~pressecho.extract.dumpblocks.block_features`; weights in ``dumpmodel.py``,
   trained by ``train_dumpmodel.py`` beside it). A linear model over readable features is used rather
   than a library extractor because the libraries (trafilatura, jusText, boilerpipe) need HTML.
3. Structure rules that a probability per block cannot express: the article ends at its agency
   credit or at a related-stories box; a gallery (counter "1 / 14", caption, "quelle: ...") and a
   caption with its photo credit are captions, not body; short lines between paragraphs are headings.
4. Metadata from the blocks around the body: headline (and the other headlines seen), date-time,
   breadcrumb, authors, agency credits.

Everything dropped is listed in ``Article.removed`` with a kind from :data:`REMOVED_KINDS`.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import numpy as np

from pressecho.extract.dumpblocks import FEATURES, Block, Shape, block_features, main_run, reflow, shapes_of
from pressecho.extract.dumpmodel import THRESHOLD, WEIGHTS
from pressecho.extract.news import (
    dateline_credits,
    dateline_date,
    find_credits,
    gallery_counter,
    inline_photo_credit,
    is_teaser_heading,
    parse_date,
)
from pressecho.extract.templates import Template
from pressecho.model import Article, Caption, Paragraph, Removed

REMOVED_KINDS = (
    "navigation",
    "breadcrumb",
    "title",
    "dateline",
    "byline",
    "gallery",
    "caption",
    "photo-credit",
    "share",
    "donation",
    "teaser",
    "comments",
    "newsletter",
    "consent",
    "copyright",
    "advertising",
    "counter",
    "tags",
    "credit-line",
    "tail",
    "template",
    "boilerplate",
)

# a body paragraph this likely to be article text survives even when rules would drop it
_SURE = 0.9
_HEADING_MAX_WORDS = 14
_LEAD = 0.1  # a lead right after the headline needs little evidence
# a cookie or consent banner speaking for the site, however long (the lexicon of boilerplate kinds
# tests long blocks only for notice phrases, and the classifier reads a 100-word banner as prose):
# the site says it uses cookies, or it speaks of "our/this website" together with two consent terms
_SITE_COOKIES = re.compile(
    r"\b(?:wir|diese (?:website|webseite|seite))\s+(?:verwenden|nutzen|setzen|verwendet|nutzt|setzt)\s+"
    r"(?:\w+\s+){0,3}cookies\b"
    r"|\b(?:verwenden|nutzen|setzen|benutzen) wir (?:\w+\s+){0,3}cookies\b"
    r"|\bcookies\b[^.]{0,80}\bauf (?:unserer|dieser) (?:website|webseite|seite|internetseite)\b"
    r"|\bwe use cookies\b|\bth(?:is|e) (?:website|site) uses cookies\b"
    # the consent categories of a widespread WordPress consent plugin
    r"|\bdie technische speicherung oder der zugriff\b"
)
_SENTENCE_START = re.compile(r"[.!?…][\"'»«“”)]?\s+(?=[\"'»«“„(]?[A-ZÄÖÜ0-9])")
_SITE_ITSELF = re.compile(r"\b(?:unserer?|diese[rns]?) (?:website|webseite|internetseite|homepage)\b")
_CONSENT_TERMS = re.compile(
    r"cookies?|datenschutzerklärung|datenschutzeinstellungen|personenbezogene(?:n)? daten|einwilligung"
    r"|widerrufen|ip-adressen|drittanbieter|abgewählt|ihr erlebnis|ihre erfahrung|erziehungsberechtigten"
    r"|essenziell|essentiell"
)
_CLOSERS_QUOTES = "\"'»«“”„‘’"
_CRUMB_SPLIT = re.compile(r"\s[»›>|•/]\s|\s[»›|•]|[»›|•]\s")
_CRUMB_HOME = frozenset(
    ("home", "startseite", "start", "homepage", "übersicht", "news", "aktuelles", "sie sind hier")
)
_LOOSE_DATE = re.compile(
    r"\d{1,2}\.\s*(?:jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)\w*\.?\s*\d{2,4}|\d{1,2}\.\d{1,2}\.\d{2,4}",
    re.I,
)
# boxes that ask the reader for something: their heading is not article text
_APPEAL_KINDS = frozenset(("donation", "newsletter", "advertising"))
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$|\s*\|\s*[^|]{2,60}$")


_WEIGHT_VECTOR = np.array([WEIGHTS.get(name, 0.0) for name in FEATURES])


def _probabilities(features: np.ndarray) -> list[float]:
    if not len(features):
        return []
    z = np.clip(features @ _WEIGHT_VECTOR, -30.0, 30.0)
    return (1.0 / (1.0 + np.exp(-z))).tolist()


def _clean_title(text: str) -> str:
    return text.strip().lstrip("/").strip()


_WORD_RUN = re.compile(r"\w+")


def _title_key(text: str) -> str:
    """The words of a title, lower-cased, one space apart (punctuation and dashes do not count)."""
    return " ".join(_WORD_RUN.findall(text.lower()))


def _headline_like(block: Block, shape: Shape) -> bool:
    if (
        not 2 <= shape.words <= 30
        or shape.kind is not None
        or shape.date is not None
        or shape.counter
        or shape.photo_credit is not None
        or shape.authors
    ):
        return False
    text = block.text
    if text.rstrip().endswith((".", ":", ",")) or text[:1].islower():
        return False
    # a breadcrumb trail or a byline with its date
    return len(_CRUMB_SPLIT.findall(text)) < 2 and not _LOOSE_DATE.search(text)


def _teaser_line(text: str, shape: Shape) -> bool:
    """:func:`is_teaser_heading` of a block, kept on its shape: short lines recur across a site's pages,
    and their shapes are cached."""
    found = shape.teaser_line
    if found is None:
        found = shape.teaser_line = is_teaser_heading(text)
    return found


_WORD = re.compile(r"\w+")


def _word_set(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2}


def _is_heading(block: Block, shape: Shape) -> bool:
    """A short line without final full stop between body paragraphs: a subheading."""
    text = block.text.rstrip()
    return (
        1 <= shape.words <= _HEADING_MAX_WORDS
        and not text.endswith((".", ",", ";"))
        and shape.kind is None
        and not shape.counter
        and shape.photo_credit is None
        and not shape.credit
    )


class _Page:
    """The blocks of one dump and the decisions taken about them."""

    def __init__(self, text: str, template: Template | None = None) -> None:
        self.blocks = reflow(text)
        self.shapes = shapes_of([b.text for b in self.blocks])
        self.run = main_run(self.shapes)  # the densest run of prose (features and rules both use it)
        self.prob = _probabilities(block_features(self.blocks, self.shapes, self.run)) if self.blocks else []
        self.keep = [p >= THRESHOLD for p in self.prob]
        self._headline: list[bool | None] = [None] * len(self.blocks)  # headline_like, once asked
        self._title_keys: dict[int, str] = {}  # title_key, once asked
        self._page_title_key: str | None = None
        self.why: list[str | None] = [None] * len(self.blocks)  # kind of removal
        self.captions: list[Caption] = []
        self.caption_at: dict[int, Caption] = {}
        self.trimmed: list[Removed] = []  # ends of kept blocks cut off by a rule (a banner run into text)
        # the outlet's boilerplate: never body, whatever the classifier or a rule below says
        self.boilerplate: set[int] = set()
        if template:
            self.boilerplate = {
                i for i, hit in enumerate(template.matches(b.text for b in self.blocks)) if hit
            }
            for i in self.boilerplate:
                if self.keep[i]:
                    self._drop(i, "template")

    def headline_like(self, i: int) -> bool:
        """:func:`_headline_like` of block ``i`` (the rules and the metadata ask it of the same blocks)."""
        found = self._headline[i]
        if found is None:
            found = self._headline[i] = _headline_like(self.blocks[i], self.shapes[i])
        return found

    def title_key(self, i: int) -> str:
        """:func:`_title_key` of block ``i`` (the header rules and the metadata compare the same lines)."""
        key = self._title_keys.get(i)
        if key is None:
            key = self._title_keys[i] = _title_key(self.blocks[i].text)
        return key

    def page_title_key(self) -> str:
        """The title key of the dump's first line (the page title) without the site's name after it."""
        if self._page_title_key is None:
            self._page_title_key = _title_key(_SITE_SUFFIX.sub("", self.blocks[0].text))
        return self._page_title_key

    # ------------------------------------------------------------------------------------ structure

    def body_span(self) -> tuple[int, int]:
        keep = self.keep  # bools: the first and last True, found by C-level scans
        if True not in keep:
            return (0, -1)
        return (keep.index(True), len(keep) - 1 - keep[::-1].index(True))

    def find_galleries(self) -> None:
        """Galleries and captioned images: the caption goes to ``captions``, the rest is removed."""
        blocks, shapes, n = self.blocks, self.shapes, len(self.blocks)
        # the blocks any branch below can act on (a gallery counter is always a "counter" block)
        candidates = [
            i
            for i, s in enumerate(shapes)
            if s.counter
            or s.photo_credit is not None
            or (
                s.kind is None
                and not s.credit
                and 3 <= s.words <= 40
                and ("©" in (t := blocks[i].text) or ":" in t[-90:] or ")" in t[-3:])
            )
        ]
        skip_to = 0
        for i in candidates:
            if i < skip_to:
                continue
            if shapes[i].counter and gallery_counter(blocks[i].text) is not None:
                # counter, then title / caption lines, then the photo credit(s) and share buttons
                j = i + 1
                credit_at = -1
                while j < n and j <= i + 6:
                    if shapes[j].photo_credit is not None:
                        credit_at = j
                        while j + 1 < n and shapes[j + 1].photo_credit is not None:
                            j += 1
                        break
                    j += 1
                # a gallery holds a title and a caption, not article text ("7 von 8" may be a rating)
                inside = range(i + 1, credit_at)
                if credit_at > i + 1 and all(self.prob[k] < _SURE and shapes[k].words <= 60 for k in inside):
                    caption_idx = max(range(i + 1, credit_at), key=lambda k: shapes[k].chars)
                    credit = shapes[credit_at].photo_credit
                    for k in range(i, j + 1):
                        self._drop(k, "gallery")
                    end = j
                    if end + 1 < n and shapes[end + 1].kind == "share":
                        self._drop(end + 1, "share")
                        end += 1
                    caption = Caption(blocks[caption_idx].text, credit or None)
                    self.caption_at[caption_idx] = caption
                    skip_to = end + 1
                    continue
                self._drop(i, "counter")
            elif (
                shapes[i].kind is None
                and not shapes[i].credit
                and 3 <= shapes[i].words <= 40
                and self.why[i] is None
                and (found := inline_photo_credit(blocks[i].text))
            ):
                # "Helfer füllen Sandsäcke. Foto: Erika Muster": a caption with its credit inline
                self.caption_at[i] = Caption(found[0], found[1])
                self._drop(i, "caption")
            elif shapes[i].photo_credit is not None:
                # "Caption text." followed by "Foto: X" (or "© X"): an image caption with its credit;
                # or "Foto: X" and then the caption, where the line before is the article's text and
                # a short line after it is not. That line is the caption only if it is a sentence: one
                # without a full stop is as often the body's next subheading ("Was die Anwohner jetzt
                # erwartet"), and the photo's caption is then unknown
                k = i - 1
                after = i + 1
                if (
                    k >= 0
                    and shapes[k].prose
                    and self.prob[k] >= 0.5
                    and after < len(blocks)
                    and self.why[after] is None
                    and 3 <= shapes[after].words <= 15
                    and 2 * shapes[after].words <= shapes[k].words
                    and shapes[after].kind is None
                    and shapes[after].photo_credit is None
                    and self.prob[after] < 0.5
                ):
                    k = after if shapes[after].terminal else -1
                if (
                    k >= 0
                    and self.why[k] is None
                    and 3 <= shapes[k].words <= 80
                    and shapes[k].kind is None
                    and shapes[k].photo_credit is None
                    and self.prob[k] < _SURE
                ):
                    caption = Caption(blocks[k].text, shapes[i].photo_credit or None)
                    self.caption_at[k] = caption
                    self._drop(k, "caption")
                self._drop(i, "photo-credit")

    def _drop(self, i: int, why: str) -> None:
        self.keep[i] = False
        if self.why[i] is None:
            self.why[i] = why

    tail_from: int = 1 << 30  # the first block of the tail, once cut

    def cut_tail(self) -> None:
        """The article ends at its agency credit or at a related-stories box after the body."""
        start, end = self.body_span()
        if end < start:
            return
        shapes = self.shapes
        kept_chars = [s.chars if k else 0 for s, k in zip(shapes, self.keep, strict=True)]
        total = sum(kept_chars) or 1
        before = 0
        for i in range(start, end + 1):
            before += kept_chars[i]
            s = shapes[i]
            if self.keep[i] and s.credit and s.prose and before >= 0.5 * total:
                # "... (sda/dpa)": what follows is another story's teaser unless it is more article
                self._cut_after(i)
                return
            if (
                i > start
                and not self.keep[i]
                and (s.kind == "comments" or (s.chars <= 250 and _teaser_line(self.blocks[i].text, s)))
            ):
                after = total - before
                if after < 0.25 * before:
                    self._cut_after(i - 1)
                    return

    def _cut_after(self, i: int) -> None:
        self.tail_from = i + 1
        for j in range(i + 1, len(self.blocks)):
            if self.keep[j]:
                self.keep[j] = False
                self.why[j] = "tail"
            elif self.why[j] is None:
                self.why[j] = "tail"

    def keep_lead(self) -> None:
        """The lead: running text right after the headline, before the byline, date and picture."""
        start, end = self.body_span()
        if end < start:
            return
        heads = [i for i in range(max(0, start - 8), start) if self.headline_like(i)]
        if not heads:
            return
        for i in range(heads[-1] + 1, start):
            s = self.shapes[i]
            if s.prose and s.kind is None and self.why[i] is None and self.prob[i] >= _LEAD:
                self.keep[i] = i not in self.boilerplate
                break

    def trim_header(self) -> None:
        """Short lines kept above the headline (the site's name, a menu entry) are the page's header.

        The headline is the headline-like line the page repeats (the page title and the headline, a
        stray "/" copy) or the one the dump's first line (the page title) names, just above the first
        paragraph. Running text above it is left to the classifier; between it and the text, bylines,
        datelines and notices ("Lesezeit: 2 Min.") go too.
        """
        start, end = self.body_span()
        if end < start:
            return
        shapes = self.shapes
        first_prose = next((i for i in range(start, end + 1) if self.keep[i] and shapes[i].prose), start)
        if first_prose <= start:
            return
        keys = {
            i: self.title_key(i)
            for i in range(max(0, first_prose - 12), first_prose)
            if self.headline_like(i)
        }
        first_key = self.page_title_key()
        counts = Counter(keys.values())
        heads = [i for i, key in keys.items() if counts[key] > 1 or (i > 0 and key == first_key)]
        if not heads:
            return
        for i in range(start, first_prose):
            s = shapes[i]
            if not self.keep[i] or s.prose:
                continue
            if i < heads[0]:
                self._drop(i, "navigation")
            elif s.kind or s.date or s.authors:
                # between headline and text: the byline, the dateline, "Lesezeit: 2 Min."
                self._drop(i, s.kind or ("dateline" if s.date else "byline"))

    def drop_box_heading(self) -> None:
        """A short line after the article's last paragraph that heads an appeal box (donation, newsletter:
        its buttons follow within a few lines) is the box's heading, not the article's last line."""
        kept = [i for i, k in enumerate(self.keep) if k]
        if len(kept) < 2:
            return
        i = kept[-1]
        shape = self.shapes[i]
        text = self.blocks[i].text
        if shape.prose or shape.terminal or text.endswith(":") or not _is_heading(self.blocks[i], shape):
            return
        if any(s.kind in _APPEAL_KINDS for s in self.shapes[i + 1 : i + 5]):
            self._drop(i, next(s.kind for s in self.shapes[i + 1 : i + 5] if s.kind in _APPEAL_KINDS))

    def keep_last_paragraph(self) -> None:
        """The page's last running text, inside the densest run after the body, ends the article.

        The classifier learnt that the last blocks of a page are its footer; a dump that stops with
        the article (or with a hit counter after it) would lose its last paragraph.
        """
        start, end = self.body_span()
        if end < start:
            return
        run_start, run_end = self.run
        last_prose = max((i for i, s in enumerate(self.shapes) if s.prose), default=-1)
        for i in range(max(start + 1, run_start), min(run_end + 1, self.tail_from)):
            s = self.shapes[i]
            if (
                i == last_prose
                and not self.keep[i]
                and self.why[i] is None
                and s.kind is None
                # a short closing sentence counts when it carries the agency credit right after the body
                and (s.words >= 15 or (s.credit and i == end + 1))
            ):
                self.keep[i] = self.prob[i] >= 0.05 and i not in self.boilerplate
        # a short closing sentence right after the body and right before the page's share buttons,
        # teasers or comments ("Die Debatte beginnt im Juni.") ends the article
        i = self.body_span()[1] + 1
        if i < min(self.tail_from, len(self.blocks)) and self._closes_body(i):
            self.keep[i] = True

    def keep_interview(self) -> None:
        """An interview after the body ("NZZ: Herr Maillard, drohen Sie ...?" / "Maillard: Nein. ..."):
        lines that alternate between two speakers' labels, one of them a name the body uses, are the
        article's, with the heading that opens them ("Interview"). Comment threads have many names."""
        start, end = self.body_span()
        if end < start:
            return
        i = end + 1
        heading = (
            i if i < len(self.blocks) and self.shapes[i].words <= 3 and not self.shapes[i].terminal else -1
        )
        j = i + 1 if heading >= 0 else i
        run: list[int] = []
        labels: list[str] = []
        while j < min(self.tail_from, len(self.blocks)):
            m = _QA_LABEL.match(self.blocks[j].text)
            if not m or self.shapes[j].words < 3:
                break
            run.append(j)
            labels.append(m.group(1))
            j += 1
        names = set(labels)
        if len(run) < 4 or len(names) != 2:
            return
        body_words = set().union(*[self.shapes[k].vocabulary for k in range(start, end + 1) if self.keep[k]])
        if not any(n.split()[-1].lower() in body_words for n in names):
            return
        if any(a == b for a, b in zip(labels, labels[1:], strict=False)):
            return  # a question and its answer take turns
        asks = [self.blocks[k].text.rstrip(_CLOSERS_QUOTES).endswith("?") for k in run[::2]]
        if sum(asks) < max(2, len(asks) - 1):
            return  # the interviewer's lines are questions ("Next:" / "Previous:" links are not)
        for k in ([heading] if heading >= 0 else []) + run:
            self.keep[k] = True
            self.why[k] = None

    def _closes_body(self, i: int) -> bool:
        s = self.shapes[i]
        after = self.shapes[i + 1].kind if i + 1 < len(self.shapes) else "end"
        return (
            not self.keep[i]
            and self.why[i] is None
            and s.kind is None
            and s.terminal
            and 4 <= s.words < 15
            and after in ("share", "teaser", "comments", "end")
            and self.prob[i] >= 0.05
            and i not in self.boilerplate
        )

    def add_headings(self) -> None:
        """Keep a short line between two body paragraphs as a heading (the model is unsure of them)."""
        start, end = self.body_span()
        for i in range(start + 1, end):
            if self.keep[i] or self.why[i] is not None:
                continue
            if self.prob[i] < 0.15 or not _is_heading(self.blocks[i], self.shapes[i]):
                continue
            prev_kept = self.keep[i - 1] and self.shapes[i - 1].prose
            next_kept = self.keep[i + 1] and self.shapes[i + 1].prose
            if prev_kept and next_kept and i not in self.boilerplate:
                self.keep[i] = True

    def strip_headlines(self) -> None:
        """Headlines the classifier kept at the top of the body belong to the header, not to the text.

        Only a headline that the page repeats (the page title and the headline, a stray "/" copy) is
        taken out: an unrepeated short line at the top may be the article's first subheading.
        """
        start, end = self.body_span()
        if end < start:
            return
        keys: dict[str, int] = {}
        first_prose = next((i for i in range(start, end + 1) if self.keep[i] and self.shapes[i].prose), end)
        if not any(self.keep[i] and self.headline_like(i) for i in range(start, first_prose)):
            return
        titles = {
            i: self.title_key(i)
            for i in range(first_prose)
            if self.shapes[i].words >= 2 and self.headline_like(i)
        }
        for key in titles.values():
            keys[key] = keys.get(key, 0) + 1
        # the page title (the dump's first line) names the headline, perhaps with the site's name after it
        if start > 0 and self.blocks:
            page_title = self.page_title_key()
            if page_title != titles.get(0):
                keys[page_title] = keys.get(page_title, 0) + 1
        for i in range(start, first_prose):
            if self.keep[i] and i in titles and keys[titles[i]] > 1:
                self.keep[i] = False

    # ----------------------------------------------------------------------------------------- output

    def drop_repeats(self) -> None:
        """A block the page repeats right after itself (a caption shown twice, a doubled teaser line)."""
        last = -1
        for i, keep in enumerate(self.keep):
            if not keep:
                continue
            if last >= 0 and self.blocks[i].text == self.blocks[last].text:
                self._drop(i, "boilerplate")
                continue
            last = i

    def drop_site_notices(self) -> None:
        """Cookie and consent banners the classifier kept (long ones read like prose). A banner that
        the dump ran into the end of a paragraph is cut off it; the paragraph stays."""
        for i, keep in enumerate(self.keep):  # (dropped ones too: no later rule may take them back)
            if self.shapes[i].words < 8:
                continue
            folded = self.shapes[i].folded
            if not (
                "cookie" in folded or "website" in folded or "webseite" in folded or "speicherung" in folded
            ):
                continue
            strong = _SITE_COOKIES.search(folded)
            if not strong and not (
                _SITE_ITSELF.search(folded) and len(set(_CONSENT_TERMS.findall(folded))) >= 2
            ):
                continue
            # the start of the sentence the banner's first cue (of any kind) is in
            first = min(
                m.start() for m in (strong, _CONSENT_TERMS.search(folded), _SITE_ITSELF.search(folded)) if m
            )
            text = self.blocks[i].text
            cut = max((m.end() for m in _SENTENCE_START.finditer(text, 0, first + 1)), default=0)
            if keep and len(text[:cut].split()) >= 8:
                self.trimmed.append(Removed("consent", text[cut:].strip()))
                self.blocks[i].text = text[:cut].rstrip()
            else:
                self._drop(i, "consent")

    def release_page_title(self) -> None:
        """The dump's first line is the page's title (a dump of a page starts with its ``<title>``):
        the article's title, not its first paragraph, unless it is running text itself."""
        if self.keep and self.keep[0] and not self.shapes[0].prose and any(self.keep[1:]):
            self.keep[0] = False

    def drop_furniture_only(self) -> None:
        """A "body" made only of notices (a cookie banner, a newsletter box) means the page has no article."""
        kept = [i for i, k in enumerate(self.keep) if k]
        if kept and all(self.shapes[i].kind is not None for i in kept):
            for i in kept:
                self.keep[i] = False

    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        kept = [i for i, k in enumerate(self.keep) if k]
        for pos, i in enumerate(kept):
            block, shape = self.blocks[i], self.shapes[i]
            kind = "text"
            question = block.text.rstrip(_CLOSERS_QUOTES).endswith("?") and shape.words <= 8
            if _is_heading(block, shape) and (question or not shape.terminal) and 0 < pos < len(kept) - 1:
                kind = "heading"
            out.append(Paragraph(kind, block.text))
        return out


# "NZZ: Herr Maillard, ...", "Pierre-Yves Maillard: Nein. ...": a speaker's label opening an interview line
_QA_LABEL = re.compile(r"^([A-ZÄÖÜ][\w.\-]*(?: [A-ZÄÖÜ][\w.\-]*){0,2}):\s+\S")


def _removed_kind(shape: Shape, before_body: bool) -> str:
    """What a removed block was, when no rule said so: its boilerplate kind, or where it stood."""
    if shape.kind:
        return shape.kind
    if shape.date and shape.words <= 12:
        return "dateline"
    if shape.authors:
        return "byline"
    return "navigation" if before_body else "boilerplate"


def _breadcrumb_trail(page: _Page, window: range, title_key: str) -> list[str]:
    """The sections of a trail line ("Home » Politik » Ausland » <headline>") near the headline."""
    for i in window:
        text = page.blocks[i].text
        if page.keep[i] or len(text) > 200 or len(_CRUMB_SPLIT.findall(text)) < 2:
            continue
        parts = [p.strip() for p in _CRUMB_SPLIT.split(text) if p.strip()]
        if any(len(p.split()) > 6 for p in parts[:-1]):
            continue
        title_words = _word_set(title_key)
        # the trail ends with the page itself, often as a shortened headline
        sections = [
            p
            for p in parts
            if p.lower() not in _CRUMB_HOME and not _word_set(p) <= title_words and _title_key(p) != title_key
        ]
        if 1 <= len(sections) <= 5 and all(len(p.split()) <= 6 for p in sections):
            page.why[i] = "breadcrumb"
            return sections
    return []


def _headline_sentence(text: str) -> bool:
    """Four words or more with a lower-case one among them after the first: a headline's sentence,
    not a menu's entry or a name."""
    words = text.split()
    return len(words) >= 4 and any(w[:1].islower() for w in words[1:])


def _next_kept(page: _Page, i: int, end: int) -> bool:
    """Block ``i`` is followed by prose the page keeps, with at most three removed blocks (a byline,
    a date) between."""
    for j in range(i + 1, min(i + 5, end + 1)):
        if page.keep[j]:
            return page.shapes[j].prose
    return False


def _metadata(page: _Page, start: int, end: int, site_names: set[str] = frozenset()) -> dict:
    blocks, shapes = page.blocks, page.shapes
    meta: dict = {"title": None, "title_alternatives": [], "published": None, "section": [], "authors": []}
    if not blocks:
        return meta
    head_end = start if end >= start else len(blocks)
    # the headline: the headline-like block nearest before the body; a repeated one (the page title
    # repeats the headline) wins over one that is not
    window = range(max(0, head_end - 12), head_end)
    candidates = [
        i for i in window if page.headline_like(i) and not page.keep[i] and page.why[i] in (None, "title")
    ]
    first_key = page.page_title_key()
    first_words = _word_set(first_key)
    keys = {i: page.title_key(i) for i in candidates}
    repeated = [
        i
        for i in candidates
        # (a two-word line twice is a menu printed twice: "Leichte Sprache", "Mein Konto")
        if (shapes[i].words >= 3 and any(keys[j] == keys[i] for j in candidates if j != i))
        or (i > 0 and keys[i] == first_key)
    ]
    # the page title (the dump's first line) usually holds the headline, perhaps with the site's name
    like_page_title = [
        i
        for i in candidates
        if i > 0
        and first_words
        and len(_word_set(keys[i]) & first_words) >= 0.6 * len(_word_set(keys[i]) or {0})
    ]
    title_idx = -1
    if repeated:
        title_idx = repeated[-1]
    elif like_page_title:
        title_idx = like_page_title[-1]
    elif (
        page.headline_like(0)
        and not page.keep[0]
        and not (candidates and shapes[0].words <= 3 and _headline_sentence(blocks[candidates[-1]].text))
    ):
        # no line near the body says what the page title says: the page title is the best title (the
        # nearest short line above the body is as often a menu entry, "Leichte Sprache", "About Me"),
        # unless the page title is a name of two or three words ("Auenfeld Aktuell", the site's) and
        # the line above the body reads as a headline ("Stadtrat beschließt Ausbau des Busverkehrs")
        title_idx = 0
    elif candidates:
        title_idx = candidates[-1]
    elif (
        head_end < end
        and page.keep[head_end]
        and page.headline_like(head_end)
        and _next_kept(page, head_end, end)
    ):
        # nothing above the body names the article, and the body opens with a headline-like line
        # right above its prose (perhaps with a byline between): that is the headline the classifier
        # took for text
        title_idx = head_end
        page.keep[head_end] = False
    if title_idx >= 0:
        title = _clean_title(blocks[title_idx].text)
        if title_idx == 0:
            title = _SITE_SUFFIX.sub("", title) or title
        meta["title"] = title
        page.why[title_idx] = page.why[title_idx] or "title"
        title_key = _title_key(title)
        title_words = _word_set(title)
        alternatives: list[str] = []
        for i in [0, *range(max(1, head_end - 40), head_end)]:
            if i == title_idx or i >= head_end or not page.headline_like(i) or page.keep[i]:
                continue
            text = _clean_title(blocks[i].text)
            key = _title_key(text)
            stripped_key = _title_key(_SITE_SUFFIX.sub("", text))
            if key == title_key or stripped_key == title_key:
                page.why[i] = page.why[i] or "title"
                continue
            words = _word_set(text)
            shared = len(words & title_words)
            # a second headline right above the headline (the page's other wording of it)
            adjacent = (
                i == title_idx - 1 and shapes[i].words >= 4 and blocks[i].group != blocks[title_idx].group
            )
            if adjacent or (shared >= 2 and shared / min(len(words), len(title_words) or 1) >= 0.4):
                alternatives.append(text)
                page.why[i] = page.why[i] or "title"
        meta["title_alternatives"] = list(dict.fromkeys(alternatives))
        # the breadcrumb: a few one- to three-word lines right before the headlines, on their own
        first_head = min([title_idx] + [i for i in range(head_end) if page.why[i] == "title"])
        crumbs: list[int] = []
        i = first_head - 1
        while i >= 0 and len(crumbs) < 5:
            s = shapes[i]
            if 1 <= s.words <= 3 and s.chars <= 40 and s.kind is None and s.date is None and not s.terminal:
                crumbs.append(i)
                i -= 1
                continue
            break
        isolated = i < 0 or (crumbs and blocks[crumbs[-1]].group != blocks[i].group) or shapes[i].words > 3
        trail = _breadcrumb_trail(
            page, range(max(0, first_head - 6), min(head_end, title_idx + 3)), title_key
        )
        if trail:
            meta["section"] = trail
        elif crumbs and isolated:
            # the site's own name heads the trail as its "home"
            named = [
                j
                for j in crumbs
                if "".join(ch for ch in blocks[j].text.casefold() if ch.isalnum()) in site_names
            ]
            sections = [j for j in crumbs if j not in named]
            if sections and len(sections) <= 3:
                meta["section"] = [blocks[j].text for j in reversed(sections)]
                for j in crumbs:
                    page.why[j] = "breadcrumb"
    # the date: a dateline near the headline (after it first), else near the body start
    lo = max(0, (title_idx if title_idx >= 0 else head_end) - 3)
    hi = min(len(blocks), head_end + 3)
    order = list(range(max(title_idx, 0), hi)) + list(range(lo, max(title_idx, 0)))[::-1]
    for i in order:
        s = shapes[i]
        if s.date and s.words <= 14 and not page.keep[i]:
            meta["published"] = s.date
            page.why[i] = page.why[i] or "dateline"
            break
    if meta["published"] is None:
        # a labelled date anywhere down to just after the body ("von X · Veröffentlicht am 1. Mai 2019",
        # "Post date March 5, 2014", a blog's footer): the first one, taken out of the body if the
        # classifier kept it; an update's date is not the publication's
        for i in range(min(len(blocks), end + 4)):
            s = shapes[i]
            # a short line's date is measured already; only a longer one (a byline with it) is parsed
            if (s.date is None and s.words <= 14) or s.words > (12 if page.keep[i] else 20):
                continue
            if not _DATE_LABEL.search(s.folded):
                continue
            stated = s.date or parse_date(blocks[i].text)
            if stated:
                meta["published"] = stated
                page.keep[i] = False
                page.why[i] = page.why[i] or "dateline"
                break
    if meta["published"] is None:
        # the dateline that opens the text: "Auenfeld, 28. November 2025 – Die Stadtwerke ..."
        first = next((i for i in range(head_end, end + 1) if page.keep[i]), None)
        if first is not None:
            meta["published"] = dateline_date(blocks[first].text)
    # authors: a byline near the headline or right after the body
    for i in list(range(lo, hi)) + list(range(max(start, end - 1), min(len(blocks), end + 3))):
        if shapes[i].authors and (not page.keep[i] or shapes[i].words <= 8):
            meta["authors"] = list(shapes[i].authors)
            if not page.keep[i]:
                page.why[i] = page.why[i] or "byline"
            break
    return meta


# what a line says of the date it states: published, not updated
_DATE_LABEL = re.compile(
    r"\b(?:veröffentlicht|publiziert|erschienen|erstellt am|geschrieben am|datum|posted|published|post date)\b"
)


def _site_names(url: str | None, source: str | None) -> set[str]:
    """The site's own name as a breadcrumb may show it ("Elbkiesel" for elbkiesel.de), letters only."""
    names = set()
    host = (urlsplit(url).hostname or "") if url else ""
    outlet = (source or "").removeprefix("www.")
    for name in (host.removeprefix("www.").split(".")[0], outlet, outlet.split(".")[0]):
        key = "".join(ch for ch in name.casefold() if ch.isalnum())
        if len(key) >= 3:
            names.add(key)
    return names


def extract_textdump(
    text: str,
    *,
    raw_id: str,
    url: str | None = None,
    source: str | None = None,
    template: Template | None = None,
) -> Article:
    """Clean one text dump of a web page into an :class:`Article` (no paragraphs when there is none).

    ``template``: the outlet's boilerplate (:mod:`pressecho.extract.templates`); its blocks are never
    body and are listed as removed with the kind ``template``.
    """
    page = _Page(text, template)
    page.drop_site_notices()
    page.find_galleries()
    page.cut_tail()
    page.keep_last_paragraph()
    page.keep_interview()
    page.keep_lead()
    page.add_headings()
    page.trim_header()
    page.strip_headlines()
    page.drop_repeats()
    page.drop_box_heading()
    page.release_page_title()
    page.drop_furniture_only()
    start, end = page.body_span()
    meta = _metadata(page, start, end, _site_names(url, source))
    paragraphs = page.paragraphs()
    credits: list[str] = []
    if paragraphs:
        credits = find_credits(paragraphs[-1].text)[0]
        # "Bern (sda) – ...": the dateline of the first paragraph credits the agency
        opening = next((p.text for p in paragraphs if p.kind == "text"), "")
        credits = list(dict.fromkeys(dateline_credits(opening) + credits))
        last = page.body_span()[1]
        # a standalone credit line ("Quelle: dpa", "(AFP)") right after the body
        for j in range(last + 1, min(len(page.blocks), last + 3)):
            found = find_credits(page.blocks[j].text)[0] if page.shapes[j].words <= 6 else []
            if found:
                credits = list(dict.fromkeys(credits + found))
                page.why[j] = "credit-line"
                break
    # captions of the article's images: from the headline down to the end of the article (not the
    # galleries of other stories in the tail)
    first = min([start] + [i for i, why in enumerate(page.why) if why == "title"])
    captions = [page.caption_at[i] for i in sorted(page.caption_at) if first <= i < page.tail_from]
    why, shapes, keep = page.why, page.shapes, page.keep
    removed = [
        Removed(why[i] or _removed_kind(shapes[i], i < start), b.text)
        for i, b in enumerate(page.blocks)
        if not keep[i]
    ] + page.trimmed
    return Article.from_paragraphs(
        raw_id,
        paragraphs,
        url=url,
        format="textdump",
        credits=credits,
        captions=captions,
        removed=removed,
        **meta,
    )


__all__ = ["extract_textdump", "reflow", "REMOVED_KINDS"]
