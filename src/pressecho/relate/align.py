"""Shared passages between two texts, with character offsets on both sides.

:func:`align` compares two texts word by word, after normalising the words
(:func:`pressecho.relate.ngrams.words`: case, ß/ss, umlaut spellings, quote marks, dashes,
hyphenation and punctuation do not count), and returns every stretch the two share as an
:class:`Alignment`. It is seed-and-extend, like passim and the PAN text-alignment systems:

1. *Seeds*: every run of ``seed`` words the texts share; seeds on one diagonal are joined into
   blocks of exactly matching words.
2. *Extend and merge*: blocks are chained by a local alignment over blocks (a sparse
   Smith-Waterman: a chain gains the characters of its matching words and pays for the words it
   skips on either side), so a chain passes over words added, dropped or replaced ("Putin" ->
   "der Kremlchef") and over clauses cut from one side. A chain is never continued across a whole
   sentence that only one side has (spliced-in text starts a new passage) or across more than
   ``max_gap`` unmatched words.
3. *Filter and trim*: chains with too few matching characters (``min_chars``) or too many
   unmatched words are dropped, except a short one that is a whole sentence both texts carry
   ("So verlangt es die Verfassung."); a phrase two different sentences share by chance
   ("Präsident Recep Tayyip Erdogan") is not a passage. The rest are rounded to whole sentences
   where they stop a few words short of a sentence boundary (agency copy is reused sentence by
   sentence, and an edit at the very start or end of a sentence would otherwise be left out),
   then overlapping passages are merged.

Two sets of thresholds: :data:`DEFAULT` for any two texts (tuned so that unrelated articles on one
topic do not "share" their common phrases), and :data:`STORY` for two articles already known to
report one event: once such a pair shares one long passage, shorter common stretches (30 matched
characters, "mit militärischen Ehren empfangen") are taken to come from the same agency copy.

Why not a library: the word-level Smith-Waterman implementations around (textreuse,
text.alignment) are R, and a full dynamic programme costs time proportional to the product of the
two lengths; chaining exact-match blocks costs time proportional to the number of shared seeds,
which is what lets a story stage align tens of thousands of pairs. Offsets come from the words'
offsets in the original strings, so a passage always points into ``Article.text``.

Parameters were tuned on ``../shared/data/reuse/pairs.jsonl`` (see ``bench/reuse.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from pressecho.model import Article, Passage
from pressecho.relate.ngrams import Words, words

_OPENERS = frozenset("\"'„“”‚‘’»«‹›([{")


@dataclass(frozen=True, slots=True)
class Alignment:
    """One shared passage: ``a[a_start:a_end]`` and ``b[b_start:b_end]`` carry the same text.

    ``score`` is the share of the two stretches' words that are aligned to each other (1.0 for an
    exact copy); ``matched`` is the number of words aligned.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float
    matched: int

    def passage(self, a_id: str, b_id: str) -> Passage:
        """This alignment as a :class:`pressecho.model.Passage` between two articles."""
        return Passage(a_id, self.a_start, self.a_end, b_id, self.b_start, self.b_end, round(self.score, 4))


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Thresholds of :func:`align` (tuned on the reuse development pairs)."""

    seed: int = 3  # words in a seed (a shared run of words that starts a passage)
    max_seed_hits: int = 8  # a seed occurring more often than this in ``a`` is too common to start anything
    gap_open: float = 4.0  # cost of skipping words between two blocks, in matched characters
    gap_word: float = 3.0  # cost of each skipped word (on either side)
    max_gap: int = 30  # at most this many unmatched words on one side between two blocks
    join_other: int = 3  # a cut clause on one side is bridged if the other side skips at most this
    min_score: float = 0.5  # share of a passage's words that must be matched
    min_chars: int = 50  # matched characters a passage needs, unless
    sentence_chars: int = 25  # it has this many and is one whole sentence on both sides
    sentence_overlap: float = 0.8  # (the two sentences share this part of their words)
    strong_chars: int = 1_000_000  # when a passage has this many, the texts share copy: then
    short_chars: int = 30  # passages need only this many (see STORY)
    split_words: int = 4  # a sentence of this many words that only one side has splits a passage
    snap_one: int = 25  # words to extend one side over a cut clause when the other side's sentence ends
    snap_one_start: int = 6  # the same at the start of a passage (a cut leading clause is short)
    snap_both: int = 5  # words to extend both sides to sentence boundaries when neither is at one


DEFAULT = AlignParams()
# For two articles already known to report one event (a story): once they share one long passage,
# shorter common stretches ("mit militärischen Ehren empfangen") are taken to come from the same copy.
STORY = AlignParams(strong_chars=150, short_chars=30)


@dataclass(slots=True)
class _Block:
    i: int  # first word in a
    j: int  # first word in b
    n: int  # words

    @property
    def ie(self) -> int:
        return self.i + self.n

    @property
    def je(self) -> int:
        return self.j + self.n


def _prepare(text: str | Words) -> Words:
    return text if isinstance(text, Words) else words(text)


def _blocks(na: list[str], nb: list[str], k: int, max_hits: int) -> list[_Block]:
    """Runs of exactly matching words, from the shared ``k``-word seeds."""
    if len(na) < k or len(nb) < k:
        return []
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(na) - k + 1):
        index.setdefault(tuple(na[i : i + k]), []).append(i)
    open_blocks: dict[int, tuple[_Block, int]] = {}  # diagonal -> (block, last seed i)
    blocks: list[_Block] = []
    for j in range(len(nb) - k + 1):
        hits = index.get(tuple(nb[j : j + k]))
        if not hits or len(hits) > max_hits:
            continue
        for i in hits:
            d = j - i
            prev = open_blocks.get(d)
            if prev is not None and prev[1] == i - 1:
                prev[0].n += 1
                open_blocks[d] = (prev[0], i)
            else:
                blk = _Block(i, j, k)
                blocks.append(blk)
                open_blocks[d] = (blk, i)
    return blocks


def _sentence_words_inside(ws: Words, lo: int, hi: int) -> int:
    """Words of ``ws[lo:hi]`` that belong to sentences lying wholly inside it."""
    total = 0
    s = lo
    while s < hi:
        if ws.sentence_start[s]:
            e = s
            while e < hi and not ws.sentence_end[e]:
                e += 1
            if e >= hi:
                break
            total += e - s + 1
            s = e + 1
        else:
            s += 1
    return total


def _splits(wa: Words, wb: Words, a_lo: int, a_hi: int, b_lo: int, b_hi: int, p: AlignParams) -> bool:
    """Do the unmatched words between two pieces hold a sentence that only one side has?

    The gap is widened by a word at each end: a block of matching words can run one word into the
    spliced-in sentence by chance ("Nach" opens the next sentence on both sides).
    """
    return (
        a_hi > a_lo and _sentence_words_inside(wa, max(0, a_lo - 1), min(len(wa), a_hi + 1)) >= p.split_words
    ) or (
        b_hi > b_lo and _sentence_words_inside(wb, max(0, b_lo - 1), min(len(wb), b_hi + 1)) >= p.split_words
    )


def _prefix(ws: Words) -> list[int]:
    acc = [0]
    total = 0
    for w in ws.norms:
        total += len(w) + 1
        acc.append(total)
    return acc


def _chains(
    blocks: list[_Block], wa: Words, wb: Words, p: AlignParams, ca: list[int]
) -> list[list[tuple[_Block, int]]]:
    """Local chaining of blocks: each chain is a list of (block, words trimmed from its start).

    ``ca`` is ``_prefix(wa)`` (computed once per alignment by the caller).
    """
    blocks.sort(key=lambda b: (b.i, b.j))
    n = len(blocks)
    score = [0.0] * n
    back = [-1] * n
    trim = [0] * n
    longest = max((b.n for b in blocks), default=0)
    reach = p.max_gap + longest
    for q in range(n):
        bq = blocks[q]
        best = float(ca[bq.ie] - ca[bq.i])
        best_p, best_trim = -1, 0
        for r in range(q - 1, -1, -1):
            bp = blocks[r]
            if bq.i - bp.i > reach:
                break
            if bp.j >= bq.j or bp.i >= bq.i or bp.ie > bq.ie or bp.je > bq.je:
                continue
            shift = max(0, bp.ie - bq.i, bp.je - bq.j)
            if shift >= bq.n:
                continue
            qi, qj = bq.i + shift, bq.j + shift
            gi, gj = qi - bp.ie, qj - bp.je
            if gi > p.max_gap or gj > p.max_gap:
                continue
            cost = 0.0 if gi == gj == 0 else p.gap_open + p.gap_word * (gi + gj)
            val = score[r] - cost + (ca[bq.ie] - ca[qi])
            if val <= best:
                continue
            if _splits(wa, wb, bp.ie, qi, bp.je, qj, p):
                continue  # a sentence only one side has: spliced-in text, a new passage
            best, best_p, best_trim = val, r, shift
        score[q], back[q], trim[q] = best, best_p, best_trim
    used = [False] * n
    chains: list[list[tuple[_Block, int]]] = []
    for q in sorted(range(n), key=lambda x: -score[x]):
        if used[q]:
            continue
        chain: list[tuple[_Block, int]] = []
        r = q
        while r != -1 and not used[r]:
            used[r] = True
            chain.append((blocks[r], trim[r]))
            r = back[r]
        if chain:
            # the first block keeps all its words unless it was cut off from its predecessor
            first_block, first_trim = chain[-1]
            if r == -1:
                chain[-1] = (first_block, 0)
            else:
                chain[-1] = (first_block, first_trim)
            chains.append(chain[::-1])
    return chains


_CLAUSE_MARKS = frozenset(",;:–—-(")


def _snap_end(ws: Words, e: int, limit: int, clause: bool = False) -> int | None:
    """Index of the word ending the sentence word ``e`` is in, if within ``limit`` words.

    With ``clause``, only when a clause boundary (comma, colon, dash, bracket) follows word ``e``:
    the rest of the sentence is then a clause the other side cut.
    """
    if ws.sentence_end[e]:
        return e
    if clause and not any(c in _CLAUSE_MARKS for c in ws.text[ws.ends[e] : ws.starts[e + 1]]):
        return None
    for k in range(e + 1, min(len(ws), e + limit + 1)):
        if ws.sentence_end[k]:
            return k
    return None


def _snap_start(ws: Words, s: int, limit: int, clause: bool = False) -> int | None:
    """Index of the word starting the sentence word ``s`` is in, if within ``limit`` words."""
    if ws.sentence_start[s]:
        return s
    if clause and not any(c in _CLAUSE_MARKS for c in ws.text[ws.ends[s - 1] : ws.starts[s]]):
        return None
    for k in range(s - 1, max(-1, s - limit - 1), -1):
        if ws.sentence_start[k]:
            return k
    return None


def _round_to_sentences(
    wa: Words, wb: Words, sa: int, ea: int, sb: int, eb: int, p: AlignParams
) -> tuple[int, int, int, int]:
    """Extend word spans [sa, ea], [sb, eb] (inclusive) to sentence boundaries where close.

    Where one side's sentence starts (ends) with the passage and the other's does not, the other
    side had a clause the first one cut: extend it over that clause. Where neither does, a word
    or two at the sentence's edge was edited on both sides: extend both if both are close.
    """
    a_at, b_at = wa.sentence_start[sa], wb.sentence_start[sb]
    if a_at != b_at:
        if not a_at and (k := _snap_start(wa, sa, p.snap_one_start, clause=True)) is not None:
            sa = k
        if not b_at and (k := _snap_start(wb, sb, p.snap_one_start, clause=True)) is not None:
            sb = k
    elif not a_at:
        ka, kb = _snap_start(wa, sa, p.snap_both), _snap_start(wb, sb, p.snap_both)
        if ka is not None and kb is not None:
            sa, sb = ka, kb
    a_at, b_at = wa.sentence_end[ea], wb.sentence_end[eb]
    if a_at != b_at:
        if not a_at and (k := _snap_end(wa, ea, p.snap_one, clause=True)) is not None:
            ea = k
        if not b_at and (k := _snap_end(wb, eb, p.snap_one, clause=True)) is not None:
            eb = k
    elif not a_at:
        ka, kb = _snap_end(wa, ea, p.snap_both), _snap_end(wb, eb, p.snap_both)
        if ka is not None and kb is not None:
            ea, eb = ka, kb
    return sa, ea, sb, eb


def _char_span(ws: Words, s: int, e: int) -> tuple[int, int]:
    """Character offsets of words s..e, with opening and closing punctuation at sentence edges."""
    text = ws.text
    start, end = ws.starts[s], ws.ends[e]
    if ws.sentence_start[s]:
        while start > 0 and text[start - 1] in _OPENERS:
            start -= 1
    if ws.sentence_end[e]:
        limit = ws.starts[e + 1] if e + 1 < len(ws) else len(text)
        while end < limit and not text[end].isspace() and not text[end].isalnum():
            end += 1
    return start, end


def align(
    a: str | Words, b: str | Words, params: AlignParams | None = None, **overrides: float
) -> list[Alignment]:
    """The passages texts ``a`` and ``b`` share, in order of their place in ``a``.

    ``a`` and ``b`` are strings (or their :func:`pressecho.relate.ngrams.words`, to save splitting
    a text again when it is aligned with many others). Offsets in the result are into the strings.
    Thresholds are :class:`AlignParams`; any of them can be given as a keyword.
    """
    p = params or DEFAULT
    if overrides:
        known = {f.name for f in fields(AlignParams)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown alignment parameter(s): {', '.join(sorted(unknown))}")
        p = replace(p, **overrides)  # type: ignore[arg-type]
    wa, wb = _prepare(a), _prepare(b)
    blocks = _blocks(wa.norms, wb.norms, int(p.seed), int(p.max_seed_hits))
    if not blocks:
        return []
    ca = _prefix(wa)
    pieces: list[list[int]] = []  # word spans (inclusive), matched words, matched characters
    for chain in _chains(blocks, wa, wb, p, ca):
        first, t0 = chain[0]
        last = chain[-1][0]
        matched = sum(b.n - t for b, t in chain)
        matched_chars = sum(ca[b.ie] - ca[b.i + t] for b, t in chain)
        pieces.append([first.i + t0, last.ie - 1, first.j + t0, last.je - 1, matched, matched_chars])
    joined = [
        piece
        for piece in _join(pieces, wa, wb, p)
        if 2 * piece[4] / (piece[1] - piece[0] + 1 + piece[3] - piece[2] + 1) >= p.min_score
    ]
    # once the texts are known to share copy, shorter common stretches are taken to come from it too
    strong = any(piece[5] >= p.strong_chars for piece in joined)
    least = p.short_chars if strong else p.min_chars
    spans: list[tuple[int, int, int, int, int]] = []
    for sa, ea, sb, eb, matched, matched_chars in joined:
        if matched_chars < least and not (
            matched_chars >= p.sentence_chars and _one_sentence(wa, wb, sa, ea, sb, eb) >= p.sentence_overlap
        ):
            continue
        sa, ea, sb, eb = _round_to_sentences(wa, wb, sa, ea, sb, eb, p)
        spans.append((sa, ea, sb, eb, matched))
    return _merge(spans, wa, wb)


def _sentence_around(ws: Words, s: int, e: int) -> set[str]:
    while s > 0 and not ws.sentence_start[s]:
        s -= 1
    while e < len(ws) - 1 and not ws.sentence_end[e]:
        e += 1
    return set(ws.norms[s : e + 1])


def _one_sentence(wa: Words, wb: Words, sa: int, ea: int, sb: int, eb: int) -> float:
    """How alike the sentences around a short passage are (shared words / words of the larger).

    A short match is kept when it is (nearly) a whole sentence both texts have, "So verlangt es
    die Verfassung.", and dropped when it is a phrase two otherwise different sentences happen to
    share ("Präsident Recep Tayyip Erdogan").
    """
    x, y = _sentence_around(wa, sa, ea), _sentence_around(wb, sb, eb)
    return len(x & y) / max(len(x), len(y), 1)


def _join(pieces: list[list[int]], wa: Words, wb: Words, p: AlignParams) -> list[list[int]]:
    """Join chains where one side cut a clause (up to ``max_gap`` words) the other side kept.

    The chaining keeps a later block out of a chain when the block is too short to pay for the gap
    before it; here such a tail (the rest of a sentence after a cut clause) joins its passage again
    when the other side goes on (almost) without a gap, unless a sentence only one side has lies
    between them.
    """
    pieces.sort()
    out: list[list[int]] = []
    for piece in pieces:
        if out:
            cur = out[-1]
            gi, gj = piece[0] - cur[1] - 1, piece[2] - cur[3] - 1
            if (
                0 <= min(gi, gj) <= p.join_other
                and max(gi, gj) <= p.max_gap
                and not _splits(wa, wb, cur[1] + 1, piece[0], cur[3] + 1, piece[2], p)
            ):
                cur[1], cur[3] = piece[1], piece[3]
                cur[4] += piece[4]
                cur[5] += piece[5]
                continue
        out.append(list(piece))
    return out


def _merge(spans: list[tuple[int, int, int, int, int]], wa: Words, wb: Words) -> list[Alignment]:
    """Merge passages that overlap on both sides; turn word spans into character offsets."""
    spans.sort()
    merged: list[list[int]] = []
    for sa, ea, sb, eb, m in spans:
        for cur in merged:
            if sa <= cur[1] and cur[0] <= ea and sb <= cur[3] and cur[2] <= eb:
                cur[0], cur[1] = min(cur[0], sa), max(cur[1], ea)
                cur[2], cur[3] = min(cur[2], sb), max(cur[3], eb)
                cur[4] += m
                break
        else:
            merged.append([sa, ea, sb, eb, m])
    out: list[Alignment] = []
    for sa, ea, sb, eb, m in merged:
        a0, a1 = _char_span(wa, sa, ea)
        b0, b1 = _char_span(wb, sb, eb)
        length = ea - sa + 1 + eb - sb + 1
        out.append(Alignment(a0, a1, b0, b1, min(1.0, 2 * m / length), m))
    out.sort(key=lambda al: (al.a_start, al.b_start))
    return out


def align_articles(a: Article, b: Article, params: AlignParams | None = None) -> list[Passage]:
    """The passages two articles share, as :class:`Passage` records with offsets into their ``text``."""
    return [al.passage(a.raw_id, b.raw_id) for al in align(a.text, b.text, params)]


__all__ = ["DEFAULT", "STORY", "AlignParams", "Alignment", "align", "align_articles"]
