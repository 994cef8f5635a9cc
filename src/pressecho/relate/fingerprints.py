"""Near-duplicates: exact and near copies of one article (syndication, re-posts, updated versions).

Each article's cleaned text becomes a set of word shingles (runs of ``SHINGLE_WORDS`` normalised
words, normalised as the aligner normalises them: :func:`pressecho.relate.ngrams.words`), summarised
by a MinHash (``datasketch``); a MinHash LSH index finds, for a new article, the stored ones whose
estimated Jaccard similarity may pass ``THRESHOLD``, and the estimate itself decides. Two versions of
one agency story with a sentence changed or a paragraph added stay above it; two outlets' own
reports built on the same agency copy (the seeds) fall well below it and are related as one story
with shared passages instead.

Near-duplicates form groups (the first-seen member represents the group) so a story can show "3
copies" once instead of three reports.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from pressecho.relate.ngrams import Words, gram_hashes, words

SHINGLE_WORDS = 4
NUM_PERM = 128
THRESHOLD = 0.6  # estimated Jaccard similarity of the shingle sets that makes two texts near-duplicates


def shingles(text: str | Words) -> np.ndarray:
    """Distinct 32-bit hashes of the text's runs of ``SHINGLE_WORDS`` normalised words."""
    grams = gram_hashes(text if isinstance(text, Words) else words(text), SHINGLE_WORDS)
    return np.unique((grams >> np.uint64(32)).astype(np.uint32))


def _identity(value: int) -> int:
    return value


_TEMPLATE: MinHash | None = None


def minhash(text: str | Words) -> MinHash:
    """The MinHash of a text's shingles (permutations are made once and shared)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity)
    m = MinHash(
        num_perm=NUM_PERM,
        seed=1,
        hashfunc=_identity,
        permutations=_TEMPLATE.permutations,
        scheme=_TEMPLATE.scheme,
    )
    values = shingles(text)
    if len(values):
        m.update_batch(values.tolist())
    return m


def text_key(text: str) -> str:
    """Identity of a text up to white space and case: exact copies share it."""
    return hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()


@dataclass
class NearDuplicate:
    """``id`` is a near-copy of ``of`` (the first-seen member of its group), with similarity ``jaccard``."""

    id: str
    of: str
    jaccard: float


@dataclass
class NearDuplicateIndex:
    """Incremental near-duplicate detection: :meth:`add` says which stored article a new one copies."""

    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    _lsh: MinHashLSH = field(init=False)
    _hashes: dict[str, MinHash] = field(default_factory=dict, init=False)
    _exact: dict[str, str] = field(default_factory=dict, init=False)
    _group: dict[str, str] = field(default_factory=dict, init=False)  # id -> representative
    _order: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._order

    def add(self, article_id: str, text: str, split: Words | None = None) -> NearDuplicate | None:
        """Store one article; returns what it duplicates among those stored before, or None.

        ``split`` is the text's :func:`pressecho.relate.ngrams.words` when the caller has it already.
        """
        if article_id in self._order:
            raise ValueError(f"article {article_id} is already in the near-duplicate index")
        self._order[article_id] = len(self._order)
        key = text_key(text)
        found: NearDuplicate | None = None
        if key in self._exact:
            found = NearDuplicate(article_id, self._group[self._exact[key]], 1.0)
        else:
            self._exact[key] = article_id
        m = minhash(split if split is not None else text)
        if found is None and not m.is_empty():
            best: tuple[float, int, str] | None = None
            for other in self._lsh.query(m):
                jaccard = m.jaccard(self._hashes[other])
                if jaccard >= self.threshold:
                    rank = (jaccard, -self._order[other], other)
                    if best is None or rank > best:
                        best = rank
            if best is not None:
                found = NearDuplicate(article_id, self._group[best[2]], round(best[0], 4))
        self._group[article_id] = found.of if found else article_id
        if not m.is_empty():
            self._lsh.insert(article_id, m)
            self._hashes[article_id] = m
        return found

    def representative(self, article_id: str) -> str:
        return self._group[article_id]

    def groups(self) -> list[list[str]]:
        """Groups of two or more near-duplicates, each in the order the articles were added."""
        members: dict[str, list[str]] = {}
        for article_id in sorted(self._order, key=self._order.__getitem__):
            members.setdefault(self._group[article_id], []).append(article_id)
        return [group for group in members.values() if len(group) > 1]


def near_duplicate_groups(texts: list[tuple[str, str]], threshold: float = THRESHOLD) -> list[list[str]]:
    """Near-duplicate groups among ``(id, text)`` pairs, taken in the given order."""
    index = NearDuplicateIndex(threshold=threshold)
    for article_id, text in texts:
        index.add(article_id, text)
    return index.groups()
