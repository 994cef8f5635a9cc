"""Word normalisation for matching, and an index of rare word n-grams that finds candidate pairs.

Two outlets that carry the same agency copy rarely carry it byte for byte: one writes "ß", the other
"ss", one uses «Guillemets», the other “quotes”, one hyphenates at a line break, one writes
"Müller", a wire feed "Mueller". :func:`words` turns a text into its words, each normalised so those
variants compare equal, and keeps every word's character offsets in the original text, so whatever
is found by comparing normalised words points back into ``Article.text``.

:class:`NgramIndex` finds, in a large corpus, the pairs of articles that share rare word n-grams, the
way passim finds its candidate pairs: every article contributes hashed n-grams of its normalised
words (winnowed, so a shared run of words of a given length is always represented by at least one
common fingerprint), and an n-gram whose document frequency exceeds a cap is treated as a common
phrase or boilerplate and creates no pairs. The index is written here rather than taken from a
library because none of the usual ones fits: MinHash/LSH (``datasketch``) finds documents that are
similar *as a whole*, while a short agency paragraph spliced into a long article leaves the two
documents dissimilar as wholes; what is wanted is "shares at least a few rare word sequences". The
postings are numpy arrays (sorted segments plus a small buffer, merged from time to time), so
memory stays near 12 bytes per fingerprint whether the corpus is added at once or article by article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

# A word: letters and digits (and the soft hyphen or zero-width characters some sites put inside
# words). Punctuation, quote marks and dashes are never part of a word, so they never break a match.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u00ad\u200b\u200c\u200d\u2060])*")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060"))
_HAS_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060]")
_PLAIN_WORD = re.compile(r"[^\W_]+")  # the same, faster, for the usual text without them
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# A word broken at a line end: "Sicher-\nheit" (the second part starts in lower case).
_LINE_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
# A sentence boundary between two words: a full stop (question, exclamation mark) and closing
# quotes or brackets, then white space, and the next word does not start in lower case.
# A full stop after a number of one or two digits is an ordinal ("am 15. November", "3. Stelle").
_SENTENCE_BREAK = re.compile(r"(?:(?<!\s\d)(?<!\s\d\d)(?<!^\d)(?<!^\d\d)\.|[!?…])[\"'»«“”‘’)\]]*\s")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

_norm_cache: dict[str, str] = {}


def normalize_word(word: str) -> str:
    """The form two spellings of one word share: case-folded (ß -> ss), umlauts as ae/oe/ue, no accents.

    Writing umlauts as two letters makes "Müller" and "Mueller" meet; accents and other marks are
    dropped ("Čapljak" = "Capljak"), as feeds that lose them do.
    """
    cached = _norm_cache.get(word)
    if cached is not None:
        return cached
    norm = word.casefold()
    if not norm.isascii():
        norm = unicodedata.normalize("NFC", norm).translate(_INVISIBLE).translate(_UMLAUTS)
        norm = "".join(c for c in unicodedata.normalize("NFKD", norm) if not unicodedata.combining(c))
    if len(_norm_cache) < 500_000:
        _norm_cache[word] = norm
    return norm


@dataclass(frozen=True, slots=True)
class Words:
    """A text's words, normalised for matching, with their offsets in the original text.

    ``sentence_start[i]`` says word ``i`` opens a sentence (it is the first word of the text or of a
    paragraph, or a full stop, question or exclamation mark and white space come between it and the
    word before, and it does not start in lower case);
    ``sentence_end[i]`` that word ``i`` closes one. These are cheap approximations (an abbreviation
    ends a "sentence" too), used only to round passages to whole sentences. Offsets are kept in
    arrays and the flags in bytes (1 = yes), so a cache of many texts' words stays small.
    """

    text: str
    norms: list[str]
    starts: Sequence[int]
    ends: Sequence[int]
    sentence_start: bytes
    sentence_end: bytes
    paragraph_start: bytes = b""

    def __len__(self) -> int:
        return len(self.norms)


def words(text: str) -> Words:
    """Split ``text`` into normalised words with character offsets (see :class:`Words`).

    Written to be cheap (a story stage splits every article once): one pass of the word pattern,
    normalised forms from a cache, and sentence and paragraph breaks found by their own patterns
    over the whole text and mapped to words by position.
    """
    pattern = _WORD if _HAS_INVISIBLE.search(text) else _PLAIN_WORD
    matches = list(pattern.finditer(text))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    get = _norm_cache.get
    norms = [get(w) or normalize_word(w) for w in (m.group() for m in matches)]
    if "\n" in text and "-" in text:
        _join_broken_words(text, norms, starts, ends)
    n = len(norms)
    paragraph_start = bytearray(n)
    sentence_start = bytearray(n)
    if n:
        paragraph_start[0] = sentence_start[0] = 1
        for m in _PARAGRAPH_BREAK.finditer(text):
            k = bisect_left(starts, m.end())
            if k < n:
                paragraph_start[k] = sentence_start[k] = 1
        for m in _SENTENCE_BREAK.finditer(text):
            k = bisect_left(starts, m.end())
            if k < n and not text[starts[k]].islower():
                sentence_start[k] = 1
    sentence_end = bytes(sentence_start[1:] + b"\x01") if n else b""
    return Words(
        text,
        norms,
        array("i", starts),
        array("i", ends),
        bytes(sentence_start),
        sentence_end,
        bytes(paragraph_start),
    )


def _join_broken_words(text: str, norms: list[str], starts: list[int], ends: list[int]) -> None:
    """Make "Sicher-\nheit" (a word hyphenated at a line end, going on in lower case) one word."""
    for m in reversed(list(_LINE_HYPHEN.finditer(text))):
        k = bisect_left(starts, m.end())
        if (
            0 < k < len(starts)
            and starts[k] == m.end()
            and ends[k - 1] == m.start()
            and text[m.end()].islower()
        ):
            norms[k - 1] += norms[k]
            ends[k - 1] = ends[k]
            del norms[k], starts[k], ends[k]


# ---------------------------------------------------------------------------------------------
# hashed n-grams and winnowed fingerprints

_PRIME = np.uint64(0x100000001B3)
_hash_cache: dict[str, int] = {}


def word_hash(norm: str) -> int:
    """A stable 64-bit hash of a normalised word (stable across processes, unlike ``hash``)."""
    h = _hash_cache.get(norm)
    if h is None:
        h = int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest(), "little")
        if len(_hash_cache) < 1_000_000:
            _hash_cache[norm] = h
    return h


def word_hashes(ws: Words | list[str]) -> np.ndarray:
    """The :func:`word_hash` of every normalised word, in text order (to reuse for several ``n``)."""
    norms = ws.norms if isinstance(ws, Words) else ws
    return np.fromiter((word_hash(w) for w in norms), dtype=np.uint64, count=len(norms))


def gram_hashes(ws: Words | list[str] | np.ndarray, n: int = 5) -> np.ndarray:
    """64-bit hashes of every run of ``n`` consecutive normalised words, in text order.

    ``ws`` may also be the text's :func:`word_hashes`, computed once for several ``n``.
    """
    h = ws if isinstance(ws, np.ndarray) else word_hashes(ws)
    if len(h) < n:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(len(h) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):  # polynomial hash over the n words, modulo 2**64: word order matters
            out = out * _PRIME + h[k : len(h) - n + 1 + k]
    return out


def fingerprints(ws: Words | list[str] | np.ndarray, n: int = 5, window: int = 4) -> np.ndarray:
    """The winnowed n-gram hashes of a text (distinct, sorted).

    Winnowing (Schleimer, Wilkerson and Aiken 2003) keeps the smallest hash in every window of
    ``window`` consecutive n-grams: any run of ``n + window - 1`` words two texts share gives both
    at least one common fingerprint, while only about ``2 / (window + 1)`` of the n-grams are kept.
    """
    grams = gram_hashes(ws, n)
    if len(grams) <= window:
        return np.unique(grams)
    view = np.lib.stride_tricks.sliding_window_view(grams, window)
    return np.unique(view.min(axis=1))


# ---------------------------------------------------------------------------------------------
# the candidate index


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two documents that share ``shared`` rare fingerprints: worth aligning."""

    a: Hashable
    b: Hashable
    shared: int


class _Segment:
    """Sorted fingerprints and the numbers of the documents that hold them."""

    __slots__ = ("docs", "keys")

    def __init__(self, keys: np.ndarray, docs: np.ndarray) -> None:
        self.keys = keys
        self.docs = docs

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, fps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each fingerprint, the range of its postings (empty where it has none).

        One binary search for all, a second only for the few that are there: most of a new
        document's fingerprints are in no other document.
        """
        keys = self.keys
        lo = np.searchsorted(keys, fps, side="left")
        hi = lo.copy()
        if len(keys):
            found = np.flatnonzero(keys[np.minimum(lo, len(keys) - 1)] == fps)
            if len(found):
                hi[found] = np.searchsorted(keys, fps[found], side="right")
        return lo, hi

    def merged(self, keys: np.ndarray, docs: np.ndarray, oldest: int = 0) -> _Segment:
        """A new segment with these (sorted) postings added after older ones of the same key."""
        mine_k, mine_d = self.keys, self.docs
        if oldest and len(mine_d) and int(mine_d.min()) < oldest:
            keep = mine_d >= oldest
            mine_k, mine_d = mine_k[keep], mine_d[keep]
        at = np.searchsorted(mine_k, keys, side="right")
        return _Segment(np.insert(mine_k, at, keys), np.insert(mine_d, at, docs))


_EMPTY = _Segment(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32))


class NgramIndex:
    """Rare word n-grams of many documents, to find which pairs share passages.

    Use it incrementally (:meth:`add` returns the new document's partners among those already
    added) or in batch (:meth:`extend`, then :meth:`pairs`). Parameters:

    - ``n``, ``window``: n-gram length in words and winnowing window; a shared run of
      ``n + window - 1`` words (8 by default) is always seen.
    - ``max_df``: an n-gram in more documents than this is a common phrase or boilerplate; it
      creates no pairs (in :meth:`add` it counts the documents seen so far).
    - ``min_shared``: fingerprints two documents must share to be a candidate pair.
    - ``keep_last``: if set, only the most recent ``keep_last`` documents are kept as partners (a
      news stream needs partners from the last days, not the last years); memory then stays flat.

    Memory: about 12 bytes per stored fingerprint (a document of 500 words stores about 200); the
    postings of a common n-gram stop growing at ``max_df + 1``.
    """

    buffer_limit = 200_000  # fingerprints added one by one before they are merged into the sorted segment

    def __init__(
        self, n: int = 5, window: int = 4, max_df: int = 50, min_shared: int = 2, keep_last: int | None = None
    ) -> None:
        if n < 1 or window < 1 or max_df < 2 or min_shared < 1:
            raise ValueError("n, window and min_shared must be positive and max_df at least 2")
        self.n = n
        self.window = window
        self.max_df = max_df
        self.min_shared = min_shared
        self.keep_last = keep_last
        self.ids: list[Hashable] = []
        self._num: dict[Hashable, int] = {}
        # sorted fingerprints and the numbers of the documents that hold them: a large segment and
        # a small one that recent additions are merged into first (so the large one is rewritten
        # only when the small one has grown to a quarter of it: linear cost overall)
        self._main = _EMPTY
        self._recent = _EMPTY
        # fingerprints added since the last merge: fingerprint -> document numbers
        self._buffer: dict[int, list[int]] = {}
        self._buffered = 0

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._num

    @property
    def nbytes(self) -> int:
        """Approximate memory of the postings (the sorted segment and the buffer), in bytes."""
        arrays = sum(seg.keys.nbytes + seg.docs.nbytes for seg in (self._main, self._recent))
        return int(arrays) + 120 * len(self._buffer) + 8 * self._buffered

    def fingerprints(self, doc: str | Words | np.ndarray) -> np.ndarray:
        """The fingerprints this index stores for a document (its text, its words, or them already)."""
        if isinstance(doc, np.ndarray):
            return np.unique(doc.astype(np.uint64))
        ws = doc if isinstance(doc, Words) else words(doc)
        return fingerprints(ws, self.n, self.window)

    def _number(self, doc_id: Hashable) -> int:
        if doc_id in self._num:
            raise ValueError(f"document {doc_id!r} is already in the index")
        num = len(self.ids)
        self.ids.append(doc_id)
        self._num[doc_id] = num
        return num

    def _oldest(self) -> int:
        """Number of the oldest document still kept as a partner."""
        return 0 if self.keep_last is None else max(0, len(self.ids) - self.keep_last)

    def add(self, doc_id: Hashable, doc: str | Words | np.ndarray) -> list[Candidate]:
        """Add one document (its text, its :func:`words`, or its :func:`fingerprints`).

        Returns the documents already in the index that share at least ``min_shared`` rare
        fingerprints with it, most shared first.
        """
        fps = self.fingerprints(doc)
        fl = fps.tolist()
        lo, hi = self._main.lookup(fps)
        lo1, hi1 = self._recent.lookup(fps)
        bget = self._buffer.get
        extra = [bget(h) for h in fl]
        hits = set(np.flatnonzero((hi > lo) | (hi1 > lo1)).tolist())
        hits.update(k for k, e in enumerate(extra) if e)
        partners: Counter[int] = Counter()
        common: set[int] = set()
        oldest = self._oldest()
        main_docs, recent_docs = self._main.docs, self._recent.docs
        for k in hits:
            posting = main_docs[lo[k] : hi[k]].tolist() if hi[k] > lo[k] else []
            if hi1[k] > lo1[k]:
                posting += recent_docs[lo1[k] : hi1[k]].tolist()
            if extra[k]:
                posting += extra[k]
            if len(posting) > self.max_df:
                common.add(k)  # known boilerplate: not stored again
            elif len(posting) < self.max_df:  # with this document it is still rare enough
                partners.update(d for d in posting if d >= oldest)
        num = self._number(doc_id)
        buffer = self._buffer
        for k, h in enumerate(fl):
            if k in common:
                continue
            posting = buffer.get(h)
            if posting is None:
                buffer[h] = [num]
            else:
                posting.append(num)
            self._buffered += 1
        if self._buffered >= self.buffer_limit:
            self._merge_buffer()
        found = [(d, c) for d, c in partners.items() if c >= self.min_shared]
        found.sort(key=lambda dc: (-dc[1], -dc[0]))
        return [Candidate(self.ids[d], doc_id, c) for d, c in found]

    def _merge_buffer(self) -> None:
        """Merge the fingerprints added one by one into the small sorted segment, and that one into
        the large segment once it has grown to a quarter of it."""
        if not self._buffer:
            return
        bk = np.fromiter(
            (h for h, ds in self._buffer.items() for _ in ds), dtype=np.uint64, count=self._buffered
        )
        bd = np.fromiter(
            (d for ds in self._buffer.values() for d in ds), dtype=np.int32, count=self._buffered
        )
        self._buffer = {}
        self._buffered = 0
        order = np.lexsort((bd, bk))
        self._recent = self._recent.merged(bk[order], bd[order])
        if len(self._recent) >= max(4 * self.buffer_limit, len(self._main) // 4):
            self._flush_recent()

    def _flush_recent(self) -> None:
        recent = self._recent
        self._recent = _EMPTY
        if len(recent):
            self._main = self._main.merged(recent.keys, recent.docs, self._oldest())

    def extend(self, docs: Iterable[tuple[Hashable, str | Words | np.ndarray]]) -> None:
        """Add many documents without looking for partners (then ask :meth:`pairs`)."""
        keys: list[np.ndarray] = [self._main.keys]
        nums: list[np.ndarray] = [self._main.docs]
        for doc_id, doc in docs:
            fps = self.fingerprints(doc)
            keys.append(fps)
            nums.append(np.full(len(fps), self._number(doc_id), dtype=np.int32))
        self._merge_buffer()
        self._flush_recent()
        keys[0], nums[0] = self._main.keys, self._main.docs
        all_k = np.concatenate(keys)
        all_d = np.concatenate(nums)
        oldest = self._oldest()
        if oldest:
            keep = all_d >= oldest
            all_k, all_d = all_k[keep], all_d[keep]
        order = np.lexsort((all_d, all_k))
        all_k, all_d = all_k[order], all_d[order]
        if len(all_k):
            # a common n-gram keeps only its first max_df + 1 postings: enough to know it is common
            starts = np.r_[True, all_k[1:] != all_k[:-1]]
            run_start = np.maximum.accumulate(np.where(starts, np.arange(len(all_k)), 0))
            keep = (np.arange(len(all_k)) - run_start) <= self.max_df
            all_k, all_d = all_k[keep], all_d[keep]
        self._main = _Segment(all_k, all_d)

    def pairs(self) -> Iterator[Candidate]:
        """Every pair of documents sharing at least ``min_shared`` rare fingerprints (batch mode).

        Document frequency is counted over the whole index, so this is the exact answer for the
        corpus as it stands (where :meth:`add` could only count the documents added before).
        Pairs come in order of their first document, each as (earlier document, later document).
        """
        self._merge_buffer()
        self._flush_recent()
        keys, docs = self._main.keys, self._main.docs
        if len(keys) == 0:
            return
        bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
        sizes = np.diff(bounds)
        starts = bounds[:-1]
        useful = (sizes >= 2) & (sizes <= self.max_df)
        starts, sizes = starts[useful], sizes[useful]
        n_docs = np.int64(max(1, len(self.ids)))
        codes: list[np.ndarray] = []
        # the pairs of each group's members, vectorised: all groups of one size at once
        for size in np.unique(sizes).tolist():
            group_starts = starts[sizes == size]
            members = docs[group_starts[:, None] + np.arange(size)].astype(np.int64)  # (groups, size)
            ii, jj = np.triu_indices(size, k=1)
            a, b = members[:, ii].ravel(), members[:, jj].ravel()
            codes.append(np.minimum(a, b) * n_docs + np.maximum(a, b))
        if not codes:
            return
        uniq, cnt = np.unique(np.concatenate(codes), return_counts=True)
        keep = cnt >= self.min_shared
        ids = self.ids
        for code, c in zip(uniq[keep].tolist(), cnt[keep].tolist(), strict=True):
            yield Candidate(ids[code // int(n_docs)], ids[code % int(n_docs)], c)
