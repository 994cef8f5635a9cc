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
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

# A word: letters and digits (and the soft hyphen or zero-width characters some sites put inside
# words). Punctuation, quote marks and dashes are never part of a word, so they never break a match.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u00ad\u200b\u200c\u200d\u2060])*")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060"))
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# A word broken at a line end: "Sicher-\nheit" (the second part starts in lower case).
_LINE_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
# A sentence boundary between two words: a full stop (question, exclamation mark) and closing
# quotes or brackets, then white space, and the next word does not start in lower case.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'»«“”‘’)\]]*\s")
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
    ends a "sentence" too), used only to round passages to whole sentences.
    """

    text: str
    norms: list[str]
    starts: list[int]
    ends: list[int]
    sentence_start: list[bool]
    sentence_end: list[bool]
    paragraph_start: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.norms)


def words(text: str) -> Words:
    """Split ``text`` into normalised words with character offsets (see :class:`Words`)."""
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentence_start: list[bool] = []
    paragraph_start: list[bool] = []
    prev_end = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        between = text[prev_end:start]
        if (
            norms
            and between
            and between[0] == "-"
            and text[start].islower()
            and _LINE_HYPHEN.fullmatch(between)
        ):
            # "Sicher-\nheit": one word, broken at the end of a line
            norms[-1] += normalize_word(m.group())
            ends[-1] = end
            prev_end = end
            continue
        norms.append(normalize_word(m.group()))
        starts.append(start)
        ends.append(end)
        first = not sentence_start
        new_paragraph = first or _PARAGRAPH_BREAK.search(between) is not None
        paragraph_start.append(new_paragraph)
        sentence_start.append(
            new_paragraph or (not text[start].islower() and _SENTENCE_BREAK.search(between) is not None)
        )
        prev_end = end
    sentence_end = sentence_start[1:] + [True] if norms else []
    return Words(text, norms, starts, ends, sentence_start, sentence_end, paragraph_start)


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


def gram_hashes(ws: Words | list[str], n: int = 5) -> np.ndarray:
    """64-bit hashes of every run of ``n`` consecutive normalised words, in text order."""
    norms = ws.norms if isinstance(ws, Words) else ws
    if len(norms) < n:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter((word_hash(w) for w in norms), dtype=np.uint64, count=len(norms))
    out = np.zeros(len(norms) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):  # polynomial hash over the n words, modulo 2**64: word order matters
            out = out * _PRIME + h[k : len(h) - n + 1 + k]
    return out


def fingerprints(ws: Words | list[str], n: int = 5, window: int = 4) -> np.ndarray:
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


class NgramIndex:
    """Rare word n-grams of many documents, to find which pairs share passages.

    Use it incrementally (:meth:`add` returns the new document's partners among those already
    added) or in batch (:meth:`extend`, then :meth:`pairs`). Parameters:

    - ``n``, ``window``: n-gram length in words and winnowing window; a shared run of
      ``n + window - 1`` words (8 by default) is always seen.
    - ``max_df``: an n-gram in more documents than this is a common phrase or boilerplate; it
      creates no pairs (in :meth:`add` it counts the documents seen so far).
    - ``min_shared``: fingerprints two documents must share to be a candidate pair.

    Memory: about 12 bytes per stored fingerprint (a document of 500 words stores about 200).
    """

    def __init__(self, n: int = 5, window: int = 4, max_df: int = 50, min_shared: int = 2) -> None:
        self.n = n
        self.window = window
        self.max_df = max_df
        self.min_shared = min_shared
        self.ids: list[Hashable] = []
        self._num: dict[Hashable, int] = {}
        # sorted segment: hashes and the document numbers that hold them
        self._keys = np.zeros(0, dtype=np.uint64)
        self._docs = np.zeros(0, dtype=np.int32)
        # recent additions, not yet merged into the segment
        self._buffer: dict[int, list[int]] = defaultdict(list)
        self._buffered = 0
        self.buffer_limit = 2_000_000

    def __len__(self) -> int:
        return len(self.ids)

    def _fingerprints(self, doc: str | Words | np.ndarray) -> np.ndarray:
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

    def add(self, doc_id: Hashable, doc: str | Words | np.ndarray) -> list[Candidate]:
        """Add one document (its text, its :func:`words`, or its :func:`fingerprints`).

        Returns the documents already in the index that share at least ``min_shared`` rare
        fingerprints with it, most shared first.
        """
        fps = self._fingerprints(doc)
        partners: Counter[int] = Counter()
        if len(fps):
            lo = np.searchsorted(self._keys, fps, side="left")
            hi = np.searchsorted(self._keys, fps, side="right")
            for k, (s, e) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
                posting = self._docs[s:e].tolist() if e > s else []
                extra = self._buffer.get(int(fps[k]))
                if extra:
                    posting = posting + extra
                if posting and len(posting) < self.max_df:
                    partners.update(posting)
        num = self._number(doc_id)
        for h in fps.tolist():
            self._buffer[h].append(num)
        self._buffered += len(fps)
        if self._buffered >= self.buffer_limit:
            self._merge()
        found = [(d, c) for d, c in partners.items() if c >= self.min_shared]
        found.sort(key=lambda dc: (-dc[1], dc[0]))
        return [Candidate(self.ids[d], doc_id, c) for d, c in found]

    def extend(self, docs: Iterable[tuple[Hashable, str | Words | np.ndarray]]) -> None:
        """Add many documents without looking for partners (then ask :meth:`pairs`)."""
        keys: list[np.ndarray] = []
        nums: list[np.ndarray] = []
        for doc_id, doc in docs:
            fps = self._fingerprints(doc)
            keys.append(fps)
            nums.append(np.full(len(fps), self._number(doc_id), dtype=np.int32))
        if keys:
            self._merge(np.concatenate(keys), np.concatenate(nums))

    def _merge(self, keys: np.ndarray | None = None, docs: np.ndarray | None = None) -> None:
        """Fold the buffer (and ``keys``/``docs``) into the sorted segment.

        Postings of n-grams already far above ``max_df`` are cut to ``max_df + 1`` entries: that is
        enough to know they are common, and keeps boilerplate from filling memory.
        """
        parts_k = [self._keys]
        parts_d = [self._docs]
        if self._buffer:
            bk = np.fromiter(
                (h for h, ds in self._buffer.items() for _ in ds), dtype=np.uint64, count=self._buffered
            )
            bd = np.fromiter(
                (d for ds in self._buffer.values() for d in ds), dtype=np.int32, count=self._buffered
            )
            parts_k.append(bk)
            parts_d.append(bd)
        if keys is not None and docs is not None:
            parts_k.append(keys.astype(np.uint64))
            parts_d.append(docs.astype(np.int32))
        all_k = np.concatenate(parts_k)
        all_d = np.concatenate(parts_d)
        order = np.lexsort((all_d, all_k))
        all_k = all_k[order]
        all_d = all_d[order]
        if len(all_k):
            # rank of each entry within its key's run; drop ranks beyond max_df + 1
            new_run = np.empty(len(all_k), dtype=bool)
            new_run[0] = True
            new_run[1:] = all_k[1:] != all_k[:-1]
            run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(all_k)), 0))
            keep = (np.arange(len(all_k)) - run_start) <= self.max_df
            all_k = all_k[keep]
            all_d = all_d[keep]
        self._keys = all_k
        self._docs = all_d
        self._buffer = defaultdict(list)
        self._buffered = 0

    def pairs(self) -> Iterator[Candidate]:
        """Every pair of documents sharing at least ``min_shared`` rare fingerprints (batch mode).

        Document frequency is counted over the whole index, so this is the exact answer for the
        corpus as it stands (where :meth:`add` could only count the documents added before).
        """
        if self._buffered:
            self._merge()
        keys, docs = self._keys, self._docs
        if len(keys) == 0:
            return
        bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
        sizes = np.diff(bounds)
        starts = bounds[:-1]
        useful = (sizes >= 2) & (sizes <= self.max_df)
        starts, sizes = starts[useful], sizes[useful]
        n_docs = np.int64(max(1, len(self.ids)))
        codes: list[np.ndarray] = []
        # pairs of each group's members, vectorised: all groups of one size at once
        for size in np.unique(sizes).tolist():
            group_starts = starts[sizes == size]
            members = docs[group_starts[:, None] + np.arange(size)].astype(np.int64)  # (groups, size)
            ii, jj = np.triu_indices(size, k=1)
            a = members[:, ii].ravel()
            b = members[:, jj].ravel()
            codes.append(np.minimum(a, b) * n_docs + np.maximum(a, b))
        if not codes:
            return
        uniq, cnt = np.unique(np.concatenate(codes), return_counts=True)
        keep = cnt >= self.min_shared
        ids = self.ids
        for code, c in zip(uniq[keep].tolist(), cnt[keep].tolist(), strict=True):
            yield Candidate(ids[code // int(n_docs)], ids[code % int(n_docs)], c)
