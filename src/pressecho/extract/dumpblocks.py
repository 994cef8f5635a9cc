"""Text dump -> blocks, and what each block looks like: the first half of pressecho's own dump cleaner.

A text dump of a web page is either one block per line or hard-wrapped paragraphs separated by blank
lines (or a mix of both). :func:`reflow` turns either into the page's blocks: a line joins the one
before when it is visibly the rest of the same sentence (it starts with a full stop or a lowercase
word, or the line before was cut at the wrapping width in mid-sentence). Mojibake (UTF-8 read as
Windows-1252, "fÃ¼r") is undone first: dumps made from mis-decoded pages are common.

:func:`block_features` then describes every block by shallow, site-independent signals (length,
punctuation, function-word ratio, the boilerplate lexicon of :mod:`pressecho.extract.news`, repeated
lines, the neighbours, where the block sits relative to the densest run of prose). These are the
inputs of the block classifier in :mod:`pressecho.extract.textdump`, one row of a numpy matrix per
block; the features are written out by hand rather than taken from a library because no text-only
boilerplate detector exists to reuse (jusText and boilerpipe work on HTML and need its markup, links
and tags).
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from dataclasses import dataclass
from itertools import filterfalse
from operator import attrgetter, itemgetter

import numpy as np

from pressecho.extract.news import (
    BOILERPLATE_KINDS,
    boilerplate_kind,
    find_authors,
    find_credits,
    gallery_counter,
    is_teaser_heading,
    parse_date,
    photo_credit,
)
from pressecho.language.detect import function_words

# white space that dumps carry over from HTML entities; zero-width and soft hyphens are dropped
_SPACES = (
    ("\u00a0", " "),
    ("\u2007", " "),
    ("\u202f", " "),
    ("\u2009", " "),
    ("\t", " "),
    ("\u200b", ""),
    ("\u200c", ""),
    ("\u200d", ""),
    ("\ufeff", ""),
    ("\u00ad", ""),
)
_MULTISPACE = re.compile(r" {2,}")
# control characters are never text (a terminal would act on ESC and BEL): dropped, vertical tab and
# form feed (page breaks) read as line breaks. C1 controls go only after the mojibake repair, which
# reads them ("â\x80\x9d" is a closing quote read as Latin-1). A terminal's escape sequence (a dump
# captured with colours) goes whole.
_CONTROLS = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]{0,200}(?:\x07|\x1b\\\\)|[\x00-\x08\x0e-\x1f\x7f-\x9f]"
)
_TERMINAL = frozenset(".!?…")
_CLOSERS = "\"'»«“”„‘’)]*"
# words after which a hard-wrapped line cannot end a paragraph
_CONTINUES_AFTER = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder aber sowie als wie mit von vom zu zum "
    "zur im in an am auf aus bei für über unter nach vor seit bis durch gegen ohne um sich dass daß ob wenn "
    "weil nicht auch noch nur so sehr schon bereits sein seine ihr ihre ist sind war hat haben wird werden the "
    "a an and or of to in on at for with from by as that is are was were be not".split()
)
_CONJ_AFTER_HYPHEN = frozenset("und oder bzw sowie als bis noch wie and or to".split())


@dataclass(slots=True)
class Block:
    """One block of the page: a paragraph, heading, menu entry, button... as it appears in the dump."""

    text: str
    line: int  # the dump's line number (0-based) where the block starts
    group: int  # which blank-line separated group of lines it came from
    lines: int = 1  # how many dump lines were joined into it


# UTF-8 read as Windows-1252 or Latin-1 ("fÃ¼r", "â€ž", "â\x80\x99"): a dump made from a page decoded
# with the wrong charset. Only dumps with such a sequence go through ftfy, which undoes it where it can
# be undone.
_MOJIBAKE = re.compile(
    "[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€|â[\u0080-\u009f]"
)
# C1 controls left after that are Windows-1252 read as Latin-1 ("\x84Zitat\x93" for „Zitat“)
_C1 = re.compile("[\u0080-\u009f]")


# every match of _CONTROLS holds one of these (a one-class search is four times as fast as the pattern)
_CONTROL_CHAR = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def drop_controls(text: str) -> str:
    """Untrusted text without control characters and terminal escape sequences (dropped whole, so no
    "[31m" is left of a colour code); run after :func:`repair_mojibake`, which reads C1 controls."""
    return _CONTROLS.sub("", text) if _CONTROL_CHAR.search(text) else text


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1252 or Latin-1, and Windows-1252 decoded as Latin-1,
    where it is visibly there.

    ftfy sees only the lines with other than ASCII characters (joined, in order): no repair changes
    ASCII, nor does ASCII count as evidence of mojibake, and ftfy's time grows with the text it reads.
    """
    if ("Ã" in text or "Â" in text or "â" in text) and _MOJIBAKE.search(text):
        from ftfy import fix_encoding

        lines = text.split("\n")
        marked = [i for i, line in enumerate(lines) if not line.isascii()]
        fixed = fix_encoding("\n".join([lines[i] for i in marked])).split("\n")
        if len(fixed) == len(marked):
            for i, line in zip(marked, fixed, strict=True):
                lines[i] = line
            text = "\n".join(lines)
        else:  # (a repair that made or took a line break: the whole text, as ftfy would have it)
            text = fix_encoding(text)
    if _C1.search(text):
        from ftfy.fixes import fix_c1_controls

        text = fix_c1_controls(text)
    return text


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _plainly_continues(prev: str, line: str, prev_ends: bool) -> bool:
    """The next line is visibly the rest of the sentence: it starts with its full stop or in lower case,
    or the line before stops at a comma, hyphen or function word. ``prev_ends``: the line before ends a
    sentence."""
    first = line[0]
    if first in ".,;:!?)":
        return not line.startswith("...")
    if prev_ends or prev[-1] == ":":
        return False
    if first.islower():
        return " " in prev and (len(prev) >= 20 or line.count(" ") >= 2) and not line.startswith("http")
    return prev[-1] in ",;-–" or prev.rsplit(" ", 1)[-1].lower() in _CONTINUES_AFTER


def _separate(line: str) -> bool:
    """Lines that are never the rest of a paragraph: photo credits and gallery counters."""
    return photo_credit(line) is not None or gallery_counter(line) is not None


# "Lesezeit: 2 Min.", "Foto: X", "Quelle: dpa": a labelled line stands on its own
_LABEL_LINE = re.compile(r"[\w-]{2,20}:\s")


def _is_credit_line(line: str) -> bool:
    """A line that is only an agency credit: "(dpa)", "(sda/dpa)"."""
    return line[0] == "(" and line[-1] == ")" and find_credits(line)[1] == (0, len(line))


def _split_group(lines: list[str], blank_separated: bool = False) -> list[list[str]]:
    """Split one blank-line separated group of lines into paragraphs.

    A group is hard-wrapped prose when a good share of its line breaks plainly continue a sentence;
    then every break inside a sentence joins, and in a dump that puts blank lines between its blocks
    (``blank_separated``) every break does: the group is one paragraph. Otherwise (a menu, a gallery,
    a one-block-per-line dump) only the plain continuations join, and a line cut at the group's width
    in mid-sentence; never a labelled line ("Lesezeit: 2 Min.") or a line after a photo credit.
    """
    if len(lines) == 1:
        return [lines]
    width = max(map(len, lines))
    ends = [(tail := line.rstrip(_CLOSERS)) != "" and tail[-1] in _TERMINAL for line in lines]
    plain = [
        _plainly_continues(prev, line, end) for prev, line, end in zip(lines, lines[1:], ends, strict=False)
    ]
    wrapped = width >= 40 and sum(plain) >= max(1.0, 0.4 * len(plain))
    long_line = 0.6 * width
    paragraphs: list[list[str]] = [[lines[0]]]
    for k, line in enumerate(lines[1:]):
        prev = lines[k]
        join = plain[k]
        if not join and blank_separated and (wrapped or _is_credit_line(line)):
            join = True
        elif not join and not (ends[k] or prev[-1] == ":"):
            if wrapped:
                join = True
            elif width >= 40 and len(prev) >= long_line and " " in prev:
                open_end = prev[-1] in ",;-–"
                join = (
                    open_end
                    or (len(line) >= 0.3 * width and not _LABEL_LINE.match(line))
                    # the rest of a sentence cut at the width, alone in its group
                    or (blank_separated and ends[k + 1] and len(lines) == k + 2)
                ) and not _separate(prev)
        if join and _separate(line):
            join = False
        if join:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


# second halves of English compounds German writes with their hyphen ("Know-how", "Check-in", "Start-up")
_KEEP_HYPHEN_BEFORE = frozenset("how in up by out on off over ins ups outs".split())
_GERMAN_WORDS = function_words("de")
_ENGLISH_WORDS = function_words("en")


def _syllable_break(before: str, word: str) -> bool:
    """A line-end hyphen between lower-case letters (in German prose, see :func:`_german_prose`) that
    is a syllable break: not the hyphen of a web or e-mail address ("www.example-" + "shop.de") nor of
    an English compound German keeps ("Know-" + "how")."""
    if word in _KEEP_HYPHEN_BEFORE:
        return False
    token = before.rsplit(" ", 1)[-1]
    return not ("." in token or "@" in token or "/" in token)


def _german_prose(parts: list[str]) -> bool:
    """As many German function words as English ones: English text ("long-" + "term", "well-" +
    "known") breaks lines at its own hyphens, which a wrapped dump keeps."""
    words = " ".join(parts).lower().split()
    german = sum(1 for w in words if w in _GERMAN_WORDS)
    return german >= sum(1 for w in words if w in _ENGLISH_WORDS)


def _join(parts: list[str]) -> str:
    """The lines of a paragraph as one text. A word hyphenated at the line's end is whole again
    ("Bundes-" + "regierung", "Hil-" + "fe") in German prose; a hyphen that belongs to the word stays
    ("CDU-" + "Politiker", "20-" + "jährige", "Know-" + "how"), and one before a conjunction is a word's
    elided half ("Nord-" + "und Süddeutschland")."""
    out = parts[0]
    german: bool | None = None  # _german_prose(parts), once a syllable break is in question
    for part in parts[1:]:
        if part[0] in ".,;:!?)":
            out += part
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            word = part.split(" ", 1)[0].rstrip(".,;:").lower()
            if word in _CONJ_AFTER_HYPHEN:
                out += " " + part
            elif out[-2].islower() and part[0].islower() and _syllable_break(out[:-1], word):
                if german is None:
                    german = _german_prose(parts)
                out = out[:-1] + part if german else out + part
            else:
                out += part
        else:
            out += " " + part
    return out


_LINE_RUN = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def reflow(text: str) -> list[Block]:
    """The page's blocks: hard-wrapped lines joined into paragraphs, one block per other line."""
    text = drop_controls(repair_mojibake(text))
    if "\x0b" in text or "\x0c" in text:
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    for char, replacement in _SPACES:
        if char in text:
            text = text.replace(char, replacement)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    lines = [_MULTISPACE.sub(" ", line) if "  " in line else line for line in lines]
    # the blank-line separated groups of lines: runs of non-blank lines, found by one scan of the page
    page = "\n".join(lines)
    runs = list(_LINE_RUN.finditer(page))
    # blank lines between the blocks (most groups are one block): a group of lines is one paragraph
    nonblank = len(lines) - lines.count("")
    blank_separated = len(runs) >= 5 and len(runs) >= 0.2 * nonblank
    blocks: list[Block] = []
    number = 0  # the line the run starts on
    counted = 0  # (line breaks counted up to here)
    for group, run in enumerate(runs):
        number += page.count("\n", counted, run.start())
        counted = run.start()
        found = run.group()
        if "\n" not in found:
            blocks.append(Block(found, number, group, 1))
            continue
        first_line = number
        for paragraph in _split_group(found.split("\n"), blank_separated):
            text = paragraph[0] if len(paragraph) == 1 else _join(paragraph)
            blocks.append(Block(text, first_line, group, len(paragraph)))
            first_line += len(paragraph)
    return blocks


# --------------------------------------------------------------------------------------------- features

# function words of the languages pressecho meets most; their share separates prose from menus
_STOPWORDS = frozenset(
    # German
    "der die das den dem des ein eine einen einem einer eines und oder aber ist sind war waren wird werden "
    "wurde wurden hat haben hatte hatten nicht auch noch nur mit von vom zu zum zur im in an am auf aus bei "
    "für über unter nach vor seit bis durch gegen ohne um sich es er sie wir ihr ich du man dass daß ob wenn "
    "weil als wie so sehr schon bereits sein seine seiner ihre ihren ihrem kann können muss müssen soll sollen "
    "will wollen dies diese dieser dieses diesem jetzt dann doch da hier dort mehr wieder immer einem was wer "
    "denn mal ja nein kein keine keinen uns unser unsere euch mich mir dir dich ihn ihm sei seien habe "
    # English
    "the a an and or but is are was were be been being has have had not also only with of to in on at for "
    "from by as that this these those it its he she they we you i his her their our your which who what "
    "when where there here would will can could should may might must do does did so than then if into "
    # French, Spanish, Italian, Dutch (a few each)
    "le la les et est des une un du dans que qui pour pas sur au aux avec ce il elle sont par plus ne se "
    "el los las y es que en por con para del al lo como más pero su "
    "il di che è per non con del della sono nel alla si gli "
    "het een en van dat niet op te zijn voor met ook aan er maar om bij door werd wordt".split()
)
_WORD_STRIP = ".,;:!?\"'»«“”„‘’()[]–—-…*/"
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'»«“”)]?\s+[\"'»«“„(]?[A-ZÄÖÜ]")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:uhr|h|am|pm)\b|\b\d{1,2}:\d{2}\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_RELATIVE_TIME = re.compile(
    r"^(?:vor\s+\d+\s+(?:sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?)|\d+\s+(?:minutes?|hours?|"
    r"days?|weeks?|months?|years?)\s+ago|heute|gestern|today|yesterday)\b",
    re.I,
)
_URLISH = re.compile(r"https?://|www\.|\.(?:de|com|ch|at|org|net|html?)\b|@\w", re.I)
_SEPARATOR_MARKS = ("|", "•", "·", " / ", " » ", " › ", " > ")
_INLINE_CREDIT = re.compile(
    r"(?:[(\s](?:Fotos?|Bild|Quelle|Photo|Credit|Grafik)\s*:\s*[^()]{2,80}\)?|©[^©]{2,80})\s*$"
)
# what an author box says about its author ("... ist Redakteur bei", "Schreibt seit 2008 für", "Ich bin Steffi")
_BIO = re.compile(
    r"\b(?:ist (?:freie[rn]? |leitende[rn]? |stellvertretende[rn]? )?(?:Redakteur|Journalist|Autor|Korrespondent|"
    r"Chefredakteur|Gründer|Head of|Experte|Expertin|Reporter|Volontär|Ressortleiter|Leiter)(?:in|innen)?\b|"
    r"[Ss]chreibt (?:seit|für|über|als)|arbeitet (?:als|seit|für)|leitet (?:das|die|den|seit)|"
    r"Tätigkeitsfeldern|Betreiber(?:in)? (?:von|des|der)|^Ich bin [A-ZÄÖÜ]\w+,|is a (?:professor|journalist|"
    r"writer|reporter|editor|researcher)|writes (?:about|for)|studierte |hat .{3,40} studiert)"
)
# the words one of which every match of _BIO holds: a cheap test on the block's vocabulary first
_BIO_WORDS = frozenset(
    f"{role}{ending}"
    for role in (
        "redakteur journalist autor korrespondent chefredakteur gründer head experte expertin reporter "
        "volontär ressortleiter leiter"
    ).split()
    for ending in ("", "in", "innen")
) | frozenset(
    "schreibt arbeitet leitet tätigkeitsfeldern betreiber betreiberin ich is writes studierte studiert".split()
)
_CREDIT_WORDS = ("foto", "bild", "quelle", "photo", "credit", "grafik")
_BULLET = frozenset("-–•*·►▶>»✓✔→")


# what a block's own text says, one bit each (computed once per distinct text, see Shape.flags)
TEXT_FLAGS = (
    "ellipsis",
    "question",
    "colon",
    "lower_start",
    "digit_start",
    "bullet",
    "quote_start",
    "sentences",
    "digits",
    "time",
    "year_short",
    "inline_credit",
    "bio_words",
    "all_caps",
    "url",
    "separators",
)
_FLAG = {name: 1 << k for k, name in enumerate(TEXT_FLAGS)}
(
    _F_ELLIPSIS,
    _F_QUESTION,
    _F_COLON,
    _F_LOWER_START,
    _F_DIGIT_START,
    _F_BULLET,
    _F_QUOTE_START,
    _F_SENTENCES,
    _F_DIGITS,
    _F_TIME,
    _F_YEAR_SHORT,
    _F_INLINE_CREDIT,
    _F_BIO_WORDS,
    _F_ALL_CAPS,
    _F_URL,
    _F_SEPARATORS,
) = (_FLAG[name] for name in TEXT_FLAGS)


@dataclass(slots=True)
class Shape:
    """The per-block measurements the features and the structure rules share."""

    words: int
    chars: int
    stop: float  # share of function words (0 below 4 words: no feature or rule reads it there)
    terminal: bool  # ends a sentence
    caps: float  # share of capitalised words among the first 40 (0 below 4 words, as stop)
    kind: str | None  # boilerplate_kind
    prose: bool  # reads like running text
    date: str | None
    credit: bool  # ends with an agency credit, or is a credit line
    teaser_heading: bool
    photo_credit: str | None
    counter: bool
    flags: int  # bits of TEXT_FLAGS
    # lower-cased words without punctuation, each once. Tuples, not sets: a tuple of strings leaves the
    # garbage collector's care, and the cache holds tens of thousands of shapes that every full
    # collection would otherwise walk
    vocabulary: tuple[str, ...]
    # a tuple, not a list: cached shapes are shared, and the collector need not track an empty list per
    # cached line (with tens of thousands of cached lines, full collections cost a share of the run time)
    authors: tuple[str, ...] = ()
    # the vocabulary without function words (of 2+ word blocks); the vocabulary itself when it has none
    content: tuple[str, ...] = ()
    folded: str = ""  # the text lower-cased
    # the numeric columns block_features reads (words, chars, stop, caps, prose, kind, flags, terminal,
    # date, authors, credit), computed once per distinct text and packed as doubles: a page's table is
    # then one join of its rows
    row: bytes = b""
    teaser_line: bool | None = None  # is_teaser_heading(text) whatever the kind, filled in when first asked


_DIGIT = re.compile(r"\d")
_FIRST = itemgetter(0)
_PACK_ROW = struct.Struct("11d").pack  # Shape.row
_CREDIT_CUES = ("quelle", "mit material", "material", "agentur", "(")
_AUTHOR_CUES = (
    "von ",
    "von:",
    "text:",
    "text ",
    "autor",
    "author",
    "by ",
    "verfasst",
    "geschrieben",
    "written",
    "ein ",
)
_SHAPE_CACHE: dict[str, Shape] = {}
_CACHED_LENGTH = 40  # short blocks (menus, buttons) recur across a site's pages: their shapes are cached


def shape_of(text: str) -> Shape:
    """The measurements of one block (a page's blocks are measured together by :func:`shapes_of`)."""
    return shapes_of([text])[0]


def shapes_of(texts: list[str]) -> list[Shape]:
    """The measurements of a page's blocks, in order.

    Short blocks come from the cache when the site's other pages had them; the rest are measured by
    :func:`_measure`, each distinct text once (the lookups are C-level maps: a page has some 200 blocks).
    """
    cache = _SHAPE_CACHE
    found = list(map(cache.get, texts))
    if None not in found:
        return found  # type: ignore[return-value]
    measured = dict.fromkeys([t for t, s in zip(texts, found, strict=True) if s is None])
    if len(cache) + len(measured) > 50_000:
        cache.clear()
    for text, shape in zip(measured, _measure(list(measured)), strict=True):
        measured[text] = shape
        if len(text) <= _CACHED_LENGTH:
            cache[text] = shape
    return [s if s is not None else measured[t] for t, s in zip(texts, found, strict=True)]  # type: ignore[misc]


# one C-level scan instead of a Python loop over cue words
# what every match of _INLINE_CREDIT holds
_INLINE_CREDIT_CUE = re.compile(r"©|(?:Fotos?|Bild|Quelle|Photo|Credit|Grafik)\s*:")
_SEPARATOR_CUE = re.compile("|".join(map(re.escape, _SEPARATOR_MARKS)))
_SEPARATOR_CHAR = re.compile("[|•·/»›>]")
_QUOTE_OPENERS = frozenset("\"'»«“„‘")
# the letters a match of _RELATIVE_TIME starts with when the text has no digit ("heute", "gestern", ...)
_RELATIVE_FIRST = frozenset("hHgGtTyY")


def _text_flags(text: str, end: str, n: int, terminal: bool, digits: bool, words: tuple[str, ...]) -> int:
    """``end``: the text without closing quotes and brackets (the caller has it already)."""
    flags = 0
    if terminal:
        if end.endswith(("...", "…")):
            flags |= _F_ELLIPSIS
        elif end.endswith("?"):
            flags |= _F_QUESTION
    elif text.endswith(":"):
        flags |= _F_COLON
    first = text[0]
    if first.islower():
        flags |= _F_LOWER_START
    elif first.isdigit():
        flags |= _F_DIGIT_START
    elif first in _BULLET:
        flags |= _F_BULLET
    elif first in _QUOTE_OPENERS:
        flags |= _F_QUOTE_START
    if n >= 6 and _SENTENCE_BREAK.search(text):
        flags |= _F_SENTENCES
    if digits:
        head = text[:200]
        if len(_DIGIT.findall(head)) >= 0.2 * len(head):
            flags |= _F_DIGITS
        if n <= 14:
            if _TIME.search(text):
                flags |= _F_TIME
            if _YEAR.search(text):
                flags |= _F_YEAR_SHORT
    elif n <= 14 and first in _RELATIVE_FIRST and _RELATIVE_TIME.match(text):
        flags |= _F_YEAR_SHORT
    if (
        n > 3
        and ("©" in text or ":" in text)
        and _INLINE_CREDIT_CUE.search(text)
        and _INLINE_CREDIT.search(text)
    ):
        flags |= _F_INLINE_CREDIT
    if 8 <= n <= 120 and not _BIO_WORDS.isdisjoint(words) and _BIO.search(text):
        flags |= _F_BIO_WORDS
    if n >= 2 and text.isupper():
        flags |= _F_ALL_CAPS
    if "http" in text or "www." in text or "@" in text or (n <= 12 and "." in text and _URLISH.search(text)):
        flags |= _F_URL
    if n <= 20 and _SEPARATOR_CHAR.search(text) and _SEPARATOR_CUE.search(text):
        flags |= _F_SEPARATORS
    return flags


def _measure(texts: list[str]) -> list[Shape]:
    """The shapes of distinct texts (a page's blocks not in the cache).

    A page has some 200 blocks, mostly short lines, and each test below is a cheap call: what costs is
    their number. So the tests are ordered and gated to run only where they can find something (a date
    only where there is a year, a separator cue only where there is a separator character).
    """
    shapes: list[Shape] = []
    for text in texts:
        lower = text.lower()
        lower_words = lower.split()
        n = len(lower_words)
        head = lower_words[:120] if n > 120 else lower_words
        tokens = [w.strip(_WORD_STRIP) for w in head]
        stops = stop = caps = 0  # (the shares of function words and capitals speak of 4+ words only)
        if n >= 4:
            stops = sum(map(_STOPWORDS.__contains__, tokens))
            stop = stops / len(head)
            capitals = text.split(None, 40)[:40] if n > 40 else text.split()
            caps = sum(map(str.isupper, map(_FIRST, capitals))) / len(capitals)
        end = text.rstrip(_CLOSERS)
        # _ends_sentence, with the stripped text kept for the flags
        terminal = end != "" and end[-1] in _TERMINAL
        short = n <= 14
        vocabulary = tuple(dict.fromkeys(tokens))
        kind = boilerplate_kind(text, words=vocabulary, lowered=lower.strip()) if n <= 60 else None
        digits = bool(_DIGIT.search(text))
        flags = _text_flags(text, end, n, terminal, digits, vocabulary) if n else 0
        # every date parse_date reads holds a year (_YEAR): only a short line with one is parsed
        date = parse_date(text) if flags & _F_YEAR_SHORT and digits and len(text) <= 120 else None
        credit = False
        if text.rstrip(" .").endswith(")") or (short and lower.startswith(_CREDIT_CUES)):
            credit = bool(find_credits(text)[0])
        authors: tuple[str, ...] = ()
        if (
            short
            and len(text) <= 160
            and (lower.startswith(_AUTHOR_CUES) or " von " in lower or " by " in lower)
        ):
            authors = tuple(find_authors(text))
        prose = n >= 10 and stop >= 0.12 and (terminal or credit or n >= 25)
        # (positional, and the row as numbers: eighteen keywords and float() calls cost a microsecond a block)
        shapes.append(
            Shape(
                n,
                len(text),
                stop,
                terminal,
                caps,
                kind,
                prose,
                date,
                credit,
                kind == "teaser" and is_teaser_heading(text),  # teaser_heading
                photo_credit(text) if kind == "photo-credit" else None,
                kind == "counter",  # counter
                flags,
                vocabulary,
                authors,
                (tuple(filterfalse(_STOPWORDS.__contains__, vocabulary)) if stops or n < 4 else vocabulary)
                if n >= 2
                else (),  # content
                lower,  # folded
                _PACK_ROW(
                    n,
                    len(text),
                    stop,
                    caps,
                    prose,
                    kind is not None,
                    flags,
                    terminal,
                    date is not None,
                    bool(authors),
                    credit,
                ),
            )
        )
    return shapes


_INSIDE_KINDS = frozenset(("counter", "photo-credit", "caption", "share"))


def main_run(shapes: list[Shape]) -> tuple[int, int]:
    """The densest run of prose: the stretch of blocks with the most running text net of furniture.

    Kadane's maximum-sum segment over a value per block: prose earns its length, menus, buttons and
    short lines cost a little each, so the segment covers the article body and the headings inside it
    but not the navigation lists and teaser boxes around it.
    """
    best = (0, -1)
    best_sum = 0.0
    run_sum = 0.0
    run_start = 0
    for i, s in enumerate(shapes):
        if s.prose:
            value = min(s.chars, 600) / 60.0 * (1.0 if s.kind is None else 0.3)
        elif s.kind in _INSIDE_KINDS:
            value = -0.5  # galleries, photo credits and share buttons also sit inside articles
        elif s.kind is not None:
            value = -2.0
        elif s.words <= 3:
            value = -1.0
        elif s.words <= 9:
            value = -0.5 if s.terminal else -0.8
        else:
            value = 0.5 if s.stop >= 0.15 else -0.5
        if run_sum <= 0:
            run_sum = value
            run_start = i
        else:
            run_sum += value
        if run_sum > best_sum:
            best_sum = run_sum
            best = (run_start, i)
    return best


_KINDS = tuple(BOILERPLATE_KINDS)
_BUCKET_EDGES = (1, 3, 6, 12, 25, 50)  # words: <=1, <=3, <=6, <=12, <=25, <=50, more
FEATURES: tuple[str, ...] = (
    (
        "bias",
        "len",
        "stop",
        "caps",
        "stop_none",
        "terminal",
        "prose",
        "date",
        "teaser_heading",
        "photo_credit",
    )
    + ("counter", "author", "credit", "before_photo_credit", "bio", "repeated", "title_like")
    + ("w1", "w2_3", "w4_6", "w7_12", "w13_25", "w26_50", "w51")
    + TEXT_FLAGS
    + tuple("kind_" + k for k in _KINDS)
    + tuple("notice_" + k for k in _KINDS)
    + (
        "prev_prose",
        "prev_tiny",
        "prev_kind",
        "prev_none",
        "next_prose",
        "next_tiny",
        "next_kind",
        "next_none",
    )
    + ("win_prose", "in_list", "in_run", "run_first", "before_run", "after_run", "dist_run")
    + ("coherence", "no_shared", "headline", "after_headline", "before_headline", "headline_to_run")
    + ("after_end", "after_credit", "pos")
)
_COLUMN = {name: k for k, name in enumerate(FEATURES)}
_ROW, _FOLDED, _VOCABULARY, _CONTENT = (
    attrgetter(name) for name in ("row", "folded", "vocabulary", "content")
)
_ROW_SIZE = 11  # doubles in Shape.row


def block_features(
    blocks: list[Block], shapes: list[Shape], run: tuple[int, int] | None = None
) -> np.ndarray:
    """The classifier's inputs, one row per block (columns :data:`FEATURES`).

    Own shape, neighbours' shapes and the block's place on the page: inside, before or after the
    densest run of prose, relative to the headline (the line most like the page title), after the
    article's end marker, and how much of its vocabulary it shares with the run's prose. ``run``: the
    :func:`main_run` of the shapes, when the caller needs it too (it is computed once).
    """
    n = len(blocks)
    X = np.zeros((n, len(FEATURES)))
    if not n:
        return X
    c = _COLUMN
    # (the per-block reads below are C-level maps over the shapes: a page has some 200 blocks)
    table = np.frombuffer(b"".join(map(_ROW, shapes)), dtype=np.float64).reshape(n, _ROW_SIZE)
    words = table[:, 0].astype(np.int64)
    chars = table[:, 1]
    stop = table[:, 2]
    caps = table[:, 3]
    prose = table[:, 4] > 0
    has_kind = table[:, 5] > 0
    flags = table[:, 6].astype(np.int64)
    tiny = words <= 3

    X[:, c["bias"]] = 1.0
    X[:, c["len"]] = np.log1p(chars) / 7.0
    long4 = words >= 4
    X[:, c["stop"]] = np.where(long4, stop, 0.0)
    X[:, c["caps"]] = np.where(long4, caps, 0.0)
    X[:, c["stop_none"]] = long4 & (stop < 0.08)
    X[:, c["prose"]] = prose
    bucket = np.searchsorted(np.array(_BUCKET_EDGES), words, side="left")
    X[np.arange(n), c["w1"] + bucket] = 1.0
    first_flag = c[TEXT_FLAGS[0]]
    X[:, first_flag : first_flag + len(TEXT_FLAGS)] = (flags[:, None] >> np.arange(len(TEXT_FLAGS))) & 1
    X[:, c["terminal"]] = table[:, 7]
    X[:, c["date"]] = table[:, 8]
    X[:, c["author"]] = table[:, 9]
    X[:, c["credit"]] = table[:, 10]
    rows: list[int] = []
    cols: list[int] = []
    for i in np.flatnonzero(has_kind).tolist():
        s = shapes[i]
        rows.append(i)
        cols.append(c[("kind_" if s.words <= 10 else "notice_") + str(s.kind)])
        if s.teaser_heading:
            rows.append(i)
            cols.append(c["teaser_heading"])
        if s.photo_credit is not None:
            rows.append(i)
            cols.append(c["photo_credit"])
        if s.counter:
            rows.append(i)
            cols.append(c["counter"])
    if rows:
        X[rows, cols] = 1.0
    photo = X[:, c["photo_credit"]] > 0
    X[:-1, c["before_photo_credit"]] = photo[1:] & ~photo[:-1]

    # neighbours
    X[1:, c["prev_prose"]] = prose[:-1]
    X[1:, c["prev_tiny"]] = tiny[:-1] & ~prose[:-1]
    X[1:, c["prev_kind"]] = has_kind[:-1]
    X[0, c["prev_none"]] = 1.0
    X[:-1, c["next_prose"]] = prose[1:]
    X[:-1, c["next_tiny"]] = tiny[1:] & ~prose[1:]
    X[:-1, c["next_kind"]] = has_kind[1:]
    X[-1, c["next_none"]] = 1.0
    index = np.arange(n)
    lo = np.maximum(index - 3, 0)
    hi = np.minimum(index + 4, n)
    cum_chars = np.concatenate(([0.0], np.cumsum(chars)))
    prose_chars = np.where(prose, chars, 0.0)
    cum_prose = np.concatenate(([0.0], np.cumsum(prose_chars)))
    cum_tiny = np.concatenate(([0], np.cumsum(tiny)))
    window = np.maximum(cum_chars[hi] - cum_chars[lo], 1.0)
    X[:, c["win_prose"]] = (cum_prose[hi] - cum_prose[lo] - prose_chars) / window
    X[:, c["in_list"]] = (cum_tiny[hi] - cum_tiny[lo]) >= 5
    X[:, c["pos"]] = cum_chars[:-1] / max(cum_chars[-1], 1.0)

    # place on the page
    run_start, run_end = run if run is not None else main_run(shapes)
    in_run = (index >= run_start) & (index <= run_end)
    X[:, c["in_run"]] = in_run
    if run_end >= run_start:
        X[run_start, c["run_first"]] = 1.0
    X[:, c["before_run"]] = index < run_start
    X[:, c["after_run"]] = index > run_end
    X[:, c["dist_run"]] = np.log1p(np.maximum(run_start - index, 0) + np.maximum(index - run_end, 0)) / 4.0
    # where the article ends: the first teaser heading or comment block after a credited paragraph or
    # after the run's middle
    end_marker = n
    credit_at = -1
    middle = (run_start + run_end) // 2
    for i in range(max(run_start, 0), n):
        s = shapes[i]
        if s.credit and s.prose and credit_at < 0:
            credit_at = i
        if (
            i > run_start
            and (s.teaser_heading or s.kind in ("comments", "teaser"))
            and (i > middle or credit_at >= 0)
        ):
            end_marker = i
            break
    X[end_marker:, c["after_end"]] = 1.0
    if credit_at >= 0:
        X[credit_at + 1 :, c["after_credit"]] = 1.0

    # repeated lines, the headline and the page title (the dump's first line)
    folded = list(map(_FOLDED, shapes))
    counts = Counter(folded)
    if len(counts) < n:
        X[:, c["repeated"]] = np.fromiter(map(counts.__getitem__, folded), dtype=np.int64, count=n) > 1
    title_words = frozenset(shapes[0].vocabulary)
    title_size = len(title_words)
    headline = -1
    title_like: list[int] = []
    if title_size:
        best_overlap = 0.5
        apart = np.fromiter(map(title_words.isdisjoint, map(_VOCABULARY, shapes)), dtype=bool, count=n)
        for i in np.flatnonzero(~apart & (words <= 30)).tolist():
            if i == 0:
                continue
            s = shapes[i]
            overlap = len(title_words.intersection(s.vocabulary)) / title_size
            if overlap >= 0.6 and s.words <= 25:
                title_like.append(i)
            if i <= run_start and overlap >= best_overlap:
                best_overlap = overlap
                headline = i
    # an author box: a name line, then a text that starts with the name
    bio: list[int] = []
    name_like = (words >= 2) & (words <= 3)
    after_name = np.zeros(n, dtype=bool)
    after_name[1:] |= name_like[:-1]
    after_name[2:] |= name_like[:-2]
    for i in np.flatnonzero(after_name & (words >= 8) & (words <= 120)).tolist():
        for j in (i - 1, i - 2):
            if j >= 0 and 2 <= shapes[j].words <= 3:
                name = blocks[j].text
                if name[:1].isupper() and blocks[i].text.startswith(name + " "):
                    bio.append(i)
                    break
    X[title_like, c["title_like"]] = 1.0
    X[bio, c["bio"]] = 1.0
    if headline >= 0:
        X[headline, c["headline"]] = 1.0
        X[headline + 1 : headline + 4, c["after_headline"]] = 1.0
        X[:headline, c["before_headline"]] = 1.0
        if headline + 4 < run_start:
            X[headline + 4 : run_start, c["headline_to_run"]] = 1.0

    # the article's vocabulary: content words of the prose in the densest run. Paragraphs of one article
    # share it; menus, teasers of other stories and notices mostly do not
    content = list(map(_CONTENT, shapes))
    run_prose = np.flatnonzero(in_run & prose).tolist()
    seen: set[str] = set()
    repeated_words: set[str] = set()  # in two or more of the run's paragraphs
    for i in run_prose:
        repeated_words |= seen.intersection(content[i])
        seen.update(content[i])
    sizes = np.fromiter(map(len, content), dtype=np.int64, count=n)
    shared = np.fromiter(map(len, map(seen.intersection, content)), dtype=np.float64, count=n)
    for i in run_prose:  # the run's own paragraphs: the words its other paragraphs use too
        shared[i] = len(repeated_words.intersection(content[i]))
    coherence = shared / np.maximum(sizes, 1)
    X[:, c["coherence"]] = coherence
    X[:, c["no_shared"]] = (coherence == 0) & (sizes >= 3)
    return X
