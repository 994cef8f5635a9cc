"""Near-duplicates: exact and near copies of one article (syndication, re-posts, updated versions).

Each article's cleaned text becomes a set of word shingles (runs of ``SHINGLE_WORDS`` normalised
words, normalised as the aligner normalises them: :func:`pressecho.relate.ngrams.words`), summarised
by a MinHash signature (Broder 1997). Locality-sensitive hashing finds the stored articles whose
estimated Jaccard similarity may pass ``THRESHOLD``: the signature is cut into ``BANDS`` bands of
``ROWS`` values and two articles are candidates when one band is equal; the estimate itself then
decides. Two versions of one agency story with a sentence changed or a paragraph added stay above the
threshold; two outlets' own reports built on the same agency copy (the seeds) fall well below it and
are related as one story with shared passages instead.

The MinHash is computed here with numpy (one multiply-shift hash per permutation: the high 32 bits
of ``a*x + b`` modulo 2**64, Dietzfelbinger et al. 1997) rather than with ``datasketch``: the same
few lines, and the command line does not pay datasketch's import of scipy (over a second) on every
``pressecho relate``. The bands are chosen as datasketch chooses them (least false-positive plus
false-negative probability mass for the threshold). Band keys are plain integers so that the story stage keeps them in an SQLite
table (one index look-up per band) as well as in memory (:class:`NearDuplicateIndex`); both use
:func:`best_duplicate` to decide.

Near-duplicates form groups (the first-seen member represents the group) so a story can show "3
copies" once instead of three reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from pressecho.relate.ngrams import Words, gram_hashes, words

SHINGLE_WORDS = 4
NUM_PERM = 128
THRESHOLD = 0.6  # estimated Jaccard similarity of the shingle sets that makes two texts near-duplicates
_SHIFT = np.uint64(32)


def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    a = rng.randint(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
    b = rng.randint(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


_A, _B = _permutations(NUM_PERM)


def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows (bands x rows <= num_perm) with the least probability mass of false candidates
    below the threshold plus missed pairs above it, equally weighted (datasketch's rule)."""
    best: tuple[float, int, int] | None = None
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            low = np.linspace(0.0, threshold, 1001)
            high = np.linspace(threshold, 1.0, 1001)
            false_pos = np.trapezoid(1 - (1 - low**r) ** b, low)
            false_neg = np.trapezoid((1 - high**r) ** b, high)
            error = 0.5 * false_pos + 0.5 * false_neg
            if best is None or error < best[0]:
                best = (float(error), b, r)
    assert best is not None
    return best[1], best[2]


# bands x rows of the LSH index for THRESHOLD and NUM_PERM (18 x 7; test_fingerprints checks it)
BANDS, ROWS = 18, 7


def shingles(text: str | Words | np.ndarray) -> np.ndarray:
    """Distinct 32-bit hashes of the text's runs of ``SHINGLE_WORDS`` normalised words (``text`` may be
    its words, or their :func:`pressecho.relate.ngrams.word_hashes`)."""
    grams = gram_hashes(words(text) if isinstance(text, str) else text, SHINGLE_WORDS)
    return np.unique((grams >> np.uint64(32)).astype(np.uint32))


def signature(text: str | Words | np.ndarray) -> np.ndarray:
    """The MinHash signature: ``NUM_PERM`` unsigned 32-bit values, each the least hash of the text's
    shingles under one permutation; empty for a text without shingles."""
    values = shingles(text)
    if not len(values):
        return np.zeros(0, dtype=np.uint32)
    x = values.astype(np.uint64)[:, None]
    with np.errstate(over="ignore"):
        return ((x * _A + _B) >> _SHIFT).min(axis=0).astype(np.uint32)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two texts' shingle sets, estimated from their signatures."""
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _signed64(digest: bytes) -> int:
    return int.from_bytes(digest, "little", signed=True)


def band_keys(sig: np.ndarray) -> list[int]:
    """One integer per LSH band of a signature (band number included): equal keys make candidates."""
    if not len(sig):
        return []
    return [
        _signed64(
            hashlib.blake2b(sig[i * ROWS : (i + 1) * ROWS].tobytes(), digest_size=8, salt=bytes([i])).digest()
        )
        for i in range(BANDS)
    ]


def text_key(text: str) -> int:
    """Identity of a text up to white space and case: exact copies share it (a signed 64-bit integer)."""
    return _signed64(hashlib.sha1(" ".join(text.lower().split()).encode()).digest()[:8])


@dataclass
class NearDuplicate:
    """``id`` is a near-copy of ``of`` (the first-seen member of its group), with similarity ``jaccard``;
    ``match`` is the stored article it was found most similar to."""

    id: str
    of: str
    jaccard: float
    match: str = ""


@dataclass(frozen=True)
class Stored:
    """What the decision needs to know about a stored candidate."""

    order: int  # when it was added (earlier wins a tie)
    id: str
    group: str  # the representative of its group
    signature: np.ndarray


def best_duplicate(
    article_id: str,
    sig: np.ndarray,
    exact: Stored | None,
    candidates: Iterable[Stored],
    threshold: float = THRESHOLD,
) -> NearDuplicate | None:
    """The near-duplicate decision: an exact copy first, else the most similar candidate above
    ``threshold`` (the earlier one on a tie)."""
    if exact is not None:
        return NearDuplicate(article_id, exact.group, 1.0, exact.id)
    best: tuple[float, int, Stored] | None = None
    for other in candidates:
        jaccard = estimate_jaccard(sig, other.signature)
        if jaccard >= threshold:
            rank = (jaccard, -other.order)
            if best is None or rank > best[:2]:
                best = (jaccard, -other.order, other)
    if best is None:
        return None
    return NearDuplicate(article_id, best[2].group, round(best[0], 4), best[2].id)


@dataclass
class NearDuplicateIndex:
    """Incremental near-duplicate detection in memory: :meth:`add` says which stored article a new one copies.

    The story stage keeps the same bands in its database (:mod:`pressecho.store.stories`); this
    index serves callers that only want near-duplicate groups of a list of texts.
    """

    threshold: float = THRESHOLD
    _stored: dict[str, Stored] = field(default_factory=dict, init=False)
    _exact: dict[int, str] = field(default_factory=dict, init=False)
    _bands: dict[int, list[str]] = field(default_factory=dict, init=False)

    def __len__(self) -> int:
        return len(self._stored)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._stored

    def add(self, article_id: str, text: str, split: Words | None = None) -> NearDuplicate | None:
        """Store one article; returns what it duplicates among those stored before, or None.

        ``split`` is the text's :func:`pressecho.relate.ngrams.words` when the caller has it already.
        """
        if article_id in self._stored:
            raise ValueError(f"article {article_id} is already in the near-duplicate index")
        key = text_key(text)
        sig = signature(split if split is not None else text)
        keys = band_keys(sig)
        exact = self._stored[self._exact[key]] if key in self._exact else None
        seen: set[str] = set()
        candidates = [
            self._stored[other]
            for band in keys
            for other in self._bands.get(band, ())
            if not (other in seen or seen.add(other))  # type: ignore[func-returns-value]
        ]
        found = best_duplicate(article_id, sig, exact, candidates, self.threshold)
        self._stored[article_id] = Stored(
            len(self._stored), article_id, found.of if found else article_id, sig
        )
        self._exact.setdefault(key, article_id)
        for band in keys:
            self._bands.setdefault(band, []).append(article_id)
        return found

    def representative(self, article_id: str) -> str:
        return self._stored[article_id].group

    def groups(self) -> list[list[str]]:
        """Groups of two or more near-duplicates, each in the order the articles were added."""
        members: dict[str, list[str]] = {}
        for stored in sorted(self._stored.values(), key=lambda s: s.order):
            members.setdefault(stored.group, []).append(stored.id)
        return [group for group in members.values() if len(group) > 1]


def near_duplicate_groups(texts: list[tuple[str, str]], threshold: float = THRESHOLD) -> list[list[str]]:
    """Near-duplicate groups among ``(id, text)`` pairs, taken in the given order."""
    index = NearDuplicateIndex(threshold=threshold)
    for article_id, text in texts:
        index.add(article_id, text)
    return index.groups()
