"""The same-story score of two articles: one calibrated number in [0, 1], with the evidence behind it.

One function, :func:`compare`, serves both the story clustering and ``bench/similarity.py``, so the
figure the benchmark reports is the figure the clustering acts on.

The score is a logistic model with four parameters over evidence that carries the news signal:

- ``overlap``: the geometric mean of two cosines of the lead-weighted TF-IDF nouns and names
  (:mod:`pressecho.relate.features`), one over the words, one over their character 5-grams (so that
  compounds, inflections and spelling variants overlap too), square-rooted (topical overlap grows fast,
  then saturates). The grams alone score unrelated texts higher (they share common word parts), which
  merged unrelated stories in the clustering benchmark; the mean keeps the words' precision. On the
  similarity pairs: cross-validated Pearson 0.704 with the word cosine, 0.729 with the mean;
- ``names``: the share of the smaller article's names (NER entities when the language layer ran,
  proper nouns otherwise) that the other one mentions too, weighted by rarity;
- ``numbers``: the share of multi-digit numbers (counts, dates, scores) that both state.

Articles known to be in different languages are not compared at all (:func:`other_languages`).

It was fitted on the 138 German-German pairs of the SemEval-2022 task 8 development data with the human
"Overall" rating rescaled to a soft target (1 = same story -> 1.0, 4 = different -> 0.0); ``bench/
similarity.py --fit`` refits it and reports the cross-validated figure. Shared passages (reused agency
copy, found by the aligner) add a fixed term to the logit: two articles that share a long stretch of
text report the same thing, whatever their wording around it. That weight is set, not fitted, because
the benchmark pairs' shared stretches are mostly web boilerplate (cookie notices), which the extractor
removes from real pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from pressecho.model import Passage
from pressecho.relate.features import ArticleFeatures, cosine, shared_terms

# bias, overlap, names, numbers: from `bench/similarity.py --fit` (see the module docstring)
WEIGHTS: tuple[float, float, float, float] = (-2.814, 5.899, 0.0, 0.0)
SAME_STORY = 0.5  # the decision threshold of the calibrated score
# passages: shared text adds PASSAGE_WEIGHT * the ramp from PASSAGE_CHARS_MIN to PASSAGE_CHARS_FULL shared
# characters to the model's logit, so 500 shared characters make two articles one story on their own
# (logistic(-2.81 + 3.5) > 0.5) while one shared clause or background sentence (~150 characters) counts
# for little: unrelated stories share that much by chance ("Die Polizei bittet um Hinweise ...")
PASSAGE_CHARS_MIN = 120
PASSAGE_CHARS_FULL = 500
PASSAGE_WEIGHT = 3.5
# ... as long as the articles share some vocabulary besides: two texts that share a long stretch and
# nothing else (cosine near 0) share a banner or a footer the extractor left, not a story. Below this
# cosine the passage term shrinks in proportion; reused agency copy brings far more overlap than this
PASSAGE_MIN_COSINE = 0.05


@dataclass
class PairEvidence:
    """Why two articles are (or are not) one story: what a UI shows next to the score."""

    score: float
    cosine: float
    names: float
    numbers: float
    grams: float = 0.0
    shared_terms: list[str] = field(default_factory=list)
    shared_names: list[str] = field(default_factory=list)
    shared_numbers: list[str] = field(default_factory=list)
    shared_passages: int = 0
    shared_passage_chars: int = 0
    time_gap_hours: float | None = None

    @property
    def same_story(self) -> bool:
        return self.score >= SAME_STORY


def name_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Rarity-weighted share of the smaller name set that the other article mentions too."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # summed in the order of one article's names, never of a set: the same result in every process
    shared = sum(min(w, b[k]) for k, w in a.items() if k in b)
    if not shared:
        return 0.0
    return min(1.0, shared / min(sum(a.values()), sum(b.values())))


def overlap(cos: float, grams: float) -> float:
    """Geometric mean of the word and the gram cosine: the grams see spelling variants, the words keep
    unrelated texts that share common word parts apart."""
    return math.sqrt(max(0.0, cos) * max(0.0, grams))


def number_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    # one shared number out of one is weak evidence: the +1 keeps it from counting as certainty
    return len(a & b) / (min(len(a), len(b)) + 1)


def logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def model_score(
    term_overlap: float,
    names: float,
    numbers: float,
    weights: Sequence[float] = WEIGHTS,
    shared_chars: int = 0,
    cos: float = 0.0,
) -> float:
    """The calibrated score from the evidence (``term_overlap``: :func:`overlap`); ``cos`` (the word
    cosine) only gates the passage term."""
    bias, w_overlap, w_names, w_numbers = weights
    logit = bias + w_overlap * math.sqrt(max(0.0, term_overlap)) + w_names * names + w_numbers * numbers
    ramp = (shared_chars - PASSAGE_CHARS_MIN) / (PASSAGE_CHARS_FULL - PASSAGE_CHARS_MIN)
    topical = min(1.0, max(0.0, cos) / PASSAGE_MIN_COSINE)
    logit += PASSAGE_WEIGHT * min(1.0, max(0.0, ramp)) * topical
    return logistic(logit)


def passage_chars(passages: Sequence[Passage], a_id: str) -> int:
    """Characters of ``a_id``'s text inside the passages (overlapping passages counted once)."""
    spans = sorted((p.a_start, p.a_end) if p.a == a_id else (p.b_start, p.b_end) for p in passages)
    total, end = 0, -1
    for start, stop in spans:
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def time_gap_hours(a: ArticleFeatures, b: ArticleFeatures) -> float | None:
    if a.published is None or b.published is None:
        return None
    return abs((a.published - b.published).total_seconds()) / 3600.0


def other_languages(a: ArticleFeatures, b: ArticleFeatures) -> bool:
    """Are the two articles known to be in different languages?

    Then they are not compared: the evidence is words, and the words two languages share (names,
    numbers, "Coronavirus") say that two articles are on one topic, not that they report one event.
    Linking across languages needs another kind of evidence (translation), which pressecho lacks.
    """
    return a.language is not None and b.language is not None and a.language != b.language


def compare(
    a: ArticleFeatures, b: ArticleFeatures, passages: Sequence[Passage] | None = None
) -> PairEvidence:
    """The same-story score of two articles and its evidence; ``passages`` are the ones they share."""
    if other_languages(a, b):
        return PairEvidence(score=round(model_score(0.0, 0.0, 0.0), 4), cosine=0.0, names=0.0, numbers=0.0)
    cos = cosine(a.terms, b.terms)
    grams = cosine(a.grams, b.grams)
    names = name_overlap(a.names, b.names)
    numbers = number_overlap(a.numbers, b.numbers)
    n_chars = passage_chars(passages, a.id) if passages else 0
    score = model_score(overlap(cos, grams), names, numbers, shared_chars=n_chars, cos=cos)
    common_names = sorted(a.names.keys() & b.names.keys(), key=lambda k: (-min(a.names[k], b.names[k]), k))
    return PairEvidence(
        score=round(score, 4),
        cosine=round(cos, 4),
        names=round(names, 4),
        numbers=round(numbers, 4),
        grams=round(grams, 4),
        shared_terms=shared_terms(a.terms, b.terms),
        shared_names=common_names[:10],
        shared_numbers=sorted(a.numbers & b.numbers)[:10],
        shared_passages=len(passages) if passages else 0,
        shared_passage_chars=n_chars,
        time_gap_hours=None if (gap := time_gap_hours(a, b)) is None else round(gap, 2),
    )


def same_story_score(
    a: ArticleFeatures, b: ArticleFeatures, passages: Sequence[Passage] | None = None
) -> float:
    """Calibrated probability-like score that ``a`` and ``b`` report the same story.

    The same number as ``compare(a, b, passages).score``, without collecting the evidence (the
    clustering scores many candidates and explains only the one it links to).
    """
    if other_languages(a, b):
        return round(model_score(0.0, 0.0, 0.0), 4)
    n_chars = passage_chars(passages, a.id) if passages else 0
    cos = cosine(a.terms, b.terms)
    score = model_score(
        overlap(cos, cosine(a.grams, b.grams)),
        # the clustering scores many pairs: evidence the model gives no weight is not computed
        name_overlap(a.names, b.names) if WEIGHTS[2] else 0.0,
        number_overlap(a.numbers, b.numbers) if WEIGHTS[3] else 0.0,
        shared_chars=n_chars,
        cos=cos,
    )
    return round(score, 4)
