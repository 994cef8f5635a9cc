"""Near-duplicates: exact and near copies of one article (syndication, re-posts, updated versions).

Each article's cleaned text becomes a set of word shingles (runs of ``SHINGLE_WORDS`` normalised
words, normalised as the aligner normalises them: :func:`pressecho.relate.ngrams.words`), summarised
by a MinHash signature (Broder 1997). Locality-sensitive hashing finds the stored articles whose
estimated Jaccard similarity may pass ``THRESHOLD``: the signature is cut into ``BANDS`` bands of
``ROWS`` values and two articles are candidates when one band is equal; the estimate itself then
decides. Two versions of one agency story with a sentence changed or a paragraph added stay above the
threshold; two outlets' own reports built on the same agency copy (the seeds) fall well below it and
are related as one story with shared passages instead.

The MinHash signatures come from rensa (``RMinHash``, a Rust MinHash: the shingles' 64-bit hashes go
in as they are, a few hundred microseconds an article, and importing it costs nothing, unlike
datasketch whose import pulls in scipy.integrate on every ``pressecho relate``). The LSH bands are
datasketch's choice for the threshold (least false-positive plus false-negative probability mass;
``test_fingerprints`` checks :data:`BANDS` and :data:`ROWS` against ``datasketch.MinHashLSH``); band
keys are plain integers so that the story stage keeps them in an SQLite table (one index look-up
per band) as well as in memory (:class:`NearDuplicateIndex`); both use :func:`best_duplicate` to
decide.

Near-duplicates form groups (the first-seen member represents the group) so a story can show "3
copies" once instead of three reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import rensa

from pressecho.relate.ngrams import Words, gram_hashes, words

SHINGLE_WORDS = 4
NUM_PERM = 128
THRESHOLD = 0.6  # estimated Jaccard similarity of the shingle sets that makes two texts near-duplicates
SEED = 1  # of the MinHash permutations: stored signatures are only comparable under the same seed
# bands x rows of the LSH index for THRESHOLD and NUM_PERM: datasketch.MinHashLSH's (test_fingerprints)
BANDS, ROWS = 18, 7


def shingles(text: str | Words | np.ndarray) -> np.ndarray:
    """Distinct 64-bit hashes of the text's runs of ``SHINGLE_WORDS`` normalised words (``text`` may be
    its words, or their :func:`pressecho.relate.ngrams.word_hashes`)."""
    return np.unique(gram_hashes(words(text) if isinstance(text, str) else text, SHINGLE_WORDS))


def signature(text: str | Words | np.ndarray) -> np.ndarray:
    """The MinHash signature: ``NUM_PERM`` unsigned 32-bit values, each the least hash of the text's
    shingles under one permutation; empty for a text without shingles."""
    values = shingles(text)
    if not len(values):
        return np.zeros(0, dtype=np.uint32)
    matrix = rensa.RMinHash.digest_matrix_from_token_hash_sets([values], num_perm=NUM_PERM, seed=SEED)
    return np.asarray(matrix.to_rows()[0], dtype=np.uint32)


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
