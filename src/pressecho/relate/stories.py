"""Stories: incremental clustering of articles that report the same event, with the evidence of each link.

:class:`StoryClusterer` takes articles one at a time and keeps its whole state in SQLite
(:class:`pressecho.store.stories.StoryStore`: the corpus database, or a private in-memory one), so a
corpus is related once and afterwards only new articles are added. A new article

1. is looked up among the near-duplicates (:mod:`pressecho.relate.fingerprints`: exact text, then
   MinHash LSH bands): a copy of a stored article joins that article's story at once, as a
   "near-duplicate" link;
2. gathers candidates from the inverted index of its heaviest terms and rarest names, read by
   index look-ups for the days within ``WINDOW_HOURS`` of its publication, plus the articles it
   shares rare word n-grams with (reused copy, as passim finds it);
3. is scored against every candidate by :func:`pressecho.relate.similarity.same_story_score` (the
   one same-story score), damped by the time gap (:func:`time_factor`); the n-gram partners are
   aligned first (:func:`pressecho.relate.align.align`), so reused agency copy counts as evidence:
   with the aligner's ``STORY`` thresholds when the pair already scores as one story, else with its
   defaults;
4. joins the story of its best candidate if that passes :data:`pressecho.relate.similarity.SAME_STORY`
   and, for a story of ``ADMIT_FROM`` articles or more, its mean score with the story's recent members
   reaches ``ADMIT`` (one close member is not enough: a story must not drift along a chain of pairwise
   links into a topic), else the next such story, else starts a story. When it passes with members
   of *several* stories, it is evidence that those stories are one: two stories merge when the
   average same-story score between their articles (up to ``MERGE_MEMBERS`` of each, the new article
   counted with the story it joined) passes the same threshold -- group-average linkage, which an
   article that merely mentions two events (a round-up) does not satisfy, since the two events' own
   articles do not resemble each other.
   The link that merged them is kept with its evidence and the average.

Then the new article is aligned, with the ``STORY`` thresholds, with the members of its story it
shares rare n-grams with (at most ``MAX_STORY_ALIGN``, those sharing most first), so the story's
passages are complete, and the passages update the reuse clusters (provenance). A member that
shares no rare run of eight words with it is not aligned: the ``STORY`` thresholds keep short
stretches only beside a long shared passage, and a long passage contains such a run unless the
copy was edited every few words.

Cost: each article costs a few index look-ups (postings of its terms in the time window, its
n-grams, its LSH bands), ``MAX_CANDIDATES`` scored candidates and a few alignments, so relating grows
linearly with the corpus and adding one article to 100,000 takes milliseconds (``bench/stories.py``).
What depends on the article alone (:func:`prepare`: features, words, signature) is computed ahead by
a worker process in large runs; the placing itself is sequential.

This is single-pass stream clustering in the manner of Miranda et al. (2018, "Multilingual
clustering of streaming news"): TF-IDF of title and body, entities, a time window, one decision per
article; linking to the best member rather than to a centroid keeps each decision explainable (the
link carries the shared terms, names, passages and time gap), and the group-average merge repairs
what a single pass gets wrong when a story's first two articles happen to score just below the
threshold.

Determinism: every decision uses only what is stored when the article arrives (term weights come
from a fixed background model, never from the corpus; features are stored rounded and always used
as stored), ties are broken by the order articles were added, and the batch path (:func:`cluster`,
``pressecho relate --rebuild``) *is* this path run in (published, id) order. So relating a corpus at
once, adding its articles one by one in date order, and relating it over several ingests whose
articles come later than those before, give the same stories. An article that arrives out of date
order (older than articles already related) is added incrementally like any other: its candidates
come from both sides of its publication time, but the articles before it were placed without
knowing it, so the stories can differ from the date-order result; ``relate --rebuild`` gives that.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from pressecho.model import Article, Passage, Story, StoryLink
from pressecho.relate.align import DEFAULT, STORY, AlignParams, align
from pressecho.relate.features import (
    ArticleFeatures,
    article_features,
    decode_features,
    encode_features,
    parse_time,
)
from pressecho.relate.fingerprints import Stored, band_keys, best_duplicate, signature, text_key
from pressecho.relate.ngrams import Words, fingerprints, word_hashes, words
from pressecho.relate.similarity import SAME_STORY, PairEvidence, compare, same_story_score
from pressecho.store.stories import StoryStore, story_detail, story_objects

DECAY_AFTER_HOURS = 36.0  # no time penalty within a day and a half (a news cycle with follow-ups)
DECAY_HALF_LIFE_HOURS = 48.0  # past that, the score halves every two days
# candidates are articles published at most this far apart: beyond it even a perfect score, halved,
# stays below the same-story threshold
WINDOW_HOURS = DECAY_AFTER_HOURS + DECAY_HALF_LIFE_HOURS
INDEX_TERMS = 12  # heaviest terms of each article that go into the inverted index
INDEX_NAMES = 6  # and rarest names
NAME_WEIGHT = 0.05  # a shared indexed name counts this much when ranking candidates (terms: their weight)
MAX_POSTINGS_SCAN = (
    120  # latest postings read per term within the window (a frequent term's rest add nothing)
)
MAX_CANDIDATES = 15  # candidates scored per new article, best by index overlap
NGRAM_MAX_DF = 50  # an n-gram in more articles than this is a common phrase: it makes no partners
MIN_SHARED = 2  # rare n-grams two articles share to count as reuse partners
MAX_REUSE_ALIGN = 6  # reuse partners aligned per new article, most shared n-grams first
MAX_STORY_ALIGN = 10  # story members aligned per new article, most shared n-grams first
MERGE_MEMBERS = 12  # most recent members of each story compared when deciding a merge
# a story of ADMIT_FROM articles or more admits a new one only when its mean same-story score with
# them (up to MERGE_MEMBERS, the most recent) reaches ADMIT
ADMIT_FROM = 3
ADMIT = 0.3
FEATURE_CACHE = 8000  # articles whose decoded features are kept in memory
WORDS_CACHE = 4000  # articles whose split words are kept for alignment


def time_factor(gap_hours: float | None) -> float:
    """How much a same-story score keeps over a time gap: 1 within ``DECAY_AFTER_HOURS``, then halving."""
    if gap_hours is None or gap_hours <= DECAY_AFTER_HOURS:
        return 1.0
    if gap_hours > WINDOW_HOURS:
        return 0.0
    return 0.5 ** ((gap_hours - DECAY_AFTER_HOURS) / DECAY_HALF_LIFE_HOURS)


def story_id(first_article_id: str) -> str:
    """A story is named after its first article, so ids survive re-clustering."""
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:11]


def order_key_of(
    raw_id: str, published: str | None, language: str | None = None
) -> tuple[int, datetime, str]:
    """(published, id) order; articles without a date come last, by id."""
    when = parse_time(published, language)
    return (0, when, raw_id) if when is not None else (1, datetime.min, raw_id)


def order_key(article: Article) -> tuple[int, datetime, str]:
    return order_key_of(article.raw_id, article.published, article.language)


def hours_of(when: datetime | None) -> float | None:
    """A naive UTC datetime as hours since 1970 (what the store keeps)."""
    return None if when is None else when.replace(tzinfo=UTC).timestamp() / 3600.0


def _time_of(hours: float | None) -> datetime | None:
    return None if hours is None else datetime.fromtimestamp(hours * 3600.0, UTC).replace(tzinfo=None)


def index_keys(f: ArticleFeatures) -> list[str]:
    """The keys an article is found under: its heaviest terms and its rarest names (``@name``)."""
    terms = sorted(f.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]
    names = sorted(f.names.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_NAMES]
    return [t for t, _ in terms] + ["@" + n for n, _ in names]


def ngram_keys(ws: Words | np.ndarray) -> list[int]:
    """The text's winnowed word 5-gram fingerprints as signed 32-bit integers (sorted, distinct);
    ``ws`` may be the words' :func:`pressecho.relate.ngrams.word_hashes`."""
    fps = fingerprints(ws)
    if not len(fps):
        return []
    return np.unique((fps >> np.uint64(32)).astype(np.int64) - 2**31).tolist()


@dataclass(frozen=True)
class Prepared:
    """What :meth:`StoryClusterer.add` computes from an article alone, before it looks at the store:
    a worker process can compute it for the next articles while the clustering places this one."""

    features: str  # encode_features(...)
    words: Words
    signature: np.ndarray
    bands: list[int]
    text_key: int
    text_sha: str
    ngrams: list[int]


def prepare(article: Article) -> Prepared:
    """The article's features, words, MinHash signature and bands, text keys and n-gram fingerprints."""
    ws = words(article.text)
    hashes = word_hashes(ws)  # shared by the shingles and the n-gram fingerprints
    sig = signature(hashes)
    return Prepared(
        features=encode_features(article_features(article)),
        words=ws,
        signature=sig,
        bands=band_keys(sig),
        text_key=text_key(article.text),
        text_sha=hashlib.sha256(article.text.encode("utf-8", errors="surrogatepass")).hexdigest(),
        ngrams=ngram_keys(hashes),
    )


def prepare_all(articles: list[Article]) -> list[Prepared]:
    return [prepare(article) for article in articles]


@dataclass
class Placement:
    """Where :meth:`StoryClusterer.add` put one article, and why."""

    article_id: str
    story_id: str
    new_story: bool
    link: StoryLink | None = None
    duplicate_of: str | None = None
    evidence: PairEvidence | None = None
    passages: list[Passage] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # stories merged into this one through the article


_LINK_FIELDS = tuple(StoryLink.__dataclass_fields__)


def _link(a: str, b: str, ev: PairEvidence, score: float, kind: str = "same-story") -> StoryLink:
    return StoryLink(
        a=a,
        b=b,
        score=round(score, 4),
        shared_terms=ev.shared_terms,
        shared_entities=ev.shared_names,
        shared_passages=ev.shared_passages,
        time_gap_hours=ev.time_gap_hours,
        kind=kind,
    )


def _evidence_json(link: StoryLink, ev: PairEvidence, **extra: Any) -> dict[str, Any]:
    data = {f: getattr(link, f) for f in _LINK_FIELDS}  # (dataclasses.asdict deep-copies: slow)
    data.update(
        cosine=ev.cosine,
        names=ev.names,
        numbers=ev.numbers,
        shared_numbers=ev.shared_numbers,
        shared_passage_chars=ev.shared_passage_chars,
        **extra,
    )
    return data


class StoryClusterer:
    """Incremental story clustering (see the module docstring). Add articles in (published, id) order.

    ``store`` holds the state (default: a private in-memory database). ``text_of`` fetches an
    earlier article's text for alignment (a corpus passes a database look-up); by default the
    clusterer keeps the texts of the articles it was given. ``align_passages=False`` skips alignment
    (clustering on terms, names, numbers and near-duplicates alone).
    """

    def __init__(
        self,
        store: StoryStore | None = None,
        *,
        text_of: Callable[[str], str | None] | None = None,
        align_passages: bool = True,
    ) -> None:
        self.db = store if store is not None else StoryStore.memory()
        self.align_passages = align_passages
        self._texts: dict[str, str] | None = None if text_of is not None else {}
        self._text_of = text_of
        self._next = self.db.next_num()
        self._undated = self.db.has_undated()  # only then are the undated postings read too
        self._features: OrderedDict[int, ArticleFeatures] = OrderedDict()
        self._words: OrderedDict[str, Words] = OrderedDict()

    def __len__(self) -> int:
        return self._next - 1

    # ----------------------------------------------------------------------------------- helpers

    def text(self, article_id: str) -> str | None:
        if self._texts is not None:
            return self._texts.get(article_id)
        assert self._text_of is not None
        return self._text_of(article_id)

    def _remember_words(self, article_id: str, ws: Words) -> None:
        self._words[article_id] = ws
        self._words.move_to_end(article_id)
        if len(self._words) > WORDS_CACHE:
            self._words.popitem(last=False)

    def _words_of(self, article_id: str) -> Words | None:
        ws = self._words.get(article_id)
        if ws is None:
            text = self.text(article_id)
            if text is None:
                return None
            ws = words(text)
        self._remember_words(article_id, ws)
        return ws

    def _features_of(self, nums: Iterable[int]) -> dict[int, ArticleFeatures]:
        out: dict[int, ArticleFeatures] = {}
        missing = []
        for num in nums:
            f = self._features.get(num)
            if f is None:
                missing.append(num)
            else:
                self._features.move_to_end(num)
                out[num] = f
        for num, raw_id, data, hours in self.db.features_json(missing):
            out[num] = self._cache_features(num, decode_features(raw_id, data, _time_of(hours)))
        return out

    def _cache_features(self, num: int, f: ArticleFeatures) -> ArticleFeatures:
        self._features[num] = f
        if len(self._features) > FEATURE_CACHE:
            self._features.popitem(last=False)
        return f

    def _align(self, older: str, newer: str, newer_words: Words, params: AlignParams) -> list[Passage]:
        """Passages of a pair, the older article as ``a``."""
        older_words = self._words_of(older)
        if older_words is None:
            return []
        return [al.passage(older, newer) for al in align(older_words, newer_words, params)]

    def _term_candidates(self, f: ArticleFeatures, keys: list[str], day: int | None) -> dict[int, float]:
        days = math.ceil(WINDOW_HOURS / 24)
        weights = [NAME_WEIGHT if key.startswith("@") else f.terms.get(key, 0.0) for key in keys]
        return dict(self.db.term_postings(keys, weights, day, days, MAX_POSTINGS_SCAN, self._undated))

    def _partners(self, fps: list[int]) -> tuple[Counter[int], set[int]]:
        """Related articles sharing rare n-grams with the new one (how many each), and the common n-grams.

        As :class:`pressecho.relate.ngrams.NgramIndex` counts them: an n-gram stored for more than
        ``NGRAM_MAX_DF`` articles is common (and not stored again); one at the limit is stored for
        this article but no longer counts.
        """
        by_fp: dict[int, list[int]] = {}
        for fp, num in self.db.ngram_postings(fps):
            by_fp.setdefault(fp, []).append(num)
        shared: Counter[int] = Counter()
        common: set[int] = set()
        for fp, nums in by_fp.items():
            if len(nums) > NGRAM_MAX_DF:
                common.add(fp)
            elif len(nums) < NGRAM_MAX_DF:
                shared.update(nums)
        return shared, common

    def _near_duplicate(self, aid: str, key: int, sig: np.ndarray, bands: list[int]):  # type: ignore[no-untyped-def]
        def stored(row: tuple[int, str, str | None, bytes | None]) -> Stored:
            num, raw_id, dup, blob = row
            sig_ = np.frombuffer(blob, dtype=np.uint32) if blob else np.zeros(0, dtype=np.uint32)
            return Stored(num, raw_id, dup or raw_id, sig_)

        exact = self.db.exact_copy(key)
        candidates = [stored(row) for row in self.db.band_candidates(bands)]
        return best_duplicate(aid, sig, stored(exact) if exact else None, candidates)

    def _average_link(
        self,
        joined: list[int],
        other: list[int],
        new: tuple[ArticleFeatures, float | None],
        new_scores: dict[int, float],
    ) -> float:
        """Mean time-damped same-story score between two groups of articles; ``0`` in ``joined`` is the new one."""
        feats = self._features_of([n for n in joined + other if n])
        rows = self.db.rows([n for n in joined + other if n])
        ids = [rows[n].raw_id for n in joined + other if n]
        stored: dict[tuple[str, str], list[Passage]] = {}
        for p in self.db.passages_among(ids):
            stored.setdefault((p.a, p.b), []).append(p)
        total = 0.0
        count = 0
        f_new, h_new = new
        for x in joined:
            for y in other:
                if x == 0:
                    score = new_scores.get(y)
                    if score is None:
                        h = rows[y].hours
                        gap = None if h_new is None or h is None else abs(h_new - h)
                        score = same_story_score(feats[y], f_new) * time_factor(gap)
                else:
                    older, newer = (x, y) if x < y else (y, x)
                    a, b = rows[older], rows[newer]
                    gap = None if a.hours is None or b.hours is None else abs(a.hours - b.hours)
                    shared = stored.get((a.raw_id, b.raw_id))
                    score = same_story_score(feats[older], feats[newer], shared) * time_factor(gap)
                total += score
                count += 1
        return total / count if count else 0.0

    # ---------------------------------------------------------------------------------------- add

    def add(self, article: Article, prepared: Prepared | None = None) -> Placement:
        """Place one article: into the story of its best same-story candidate, or a new story.

        ``prepared`` is :func:`prepare` of the article when a worker process computed it already.
        """
        db = self.db
        aid = article.raw_id
        if db.has(aid):
            raise ValueError(f"article {aid} is already clustered")
        p = prepared or prepare(article)
        f = decode_features(aid, p.features, parse_time(article.published, article.language))
        hours = hours_of(f.published)
        day = None if hours is None else int(hours // 24)
        num = self._next
        if self._texts is not None:
            self._texts[aid] = article.text
        ws = p.words
        self._remember_words(aid, ws)
        sig, bands, key, fps = p.signature, p.bands, p.text_key, p.ngrams
        duplicate = self._near_duplicate(aid, key, sig, bands)
        shared, common = self._partners(fps)
        keys = index_keys(f)
        weights = self._term_candidates(f, keys, day)
        for other, n in shared.items():
            if n >= MIN_SHARED:
                weights[other] = weights.get(other, 0.0) + 1.0
        ranked = [n for n, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
        by_shared = [n for n, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))]
        reuse = [n for n in by_shared if shared[n] >= MIN_SHARED][:MAX_REUSE_ALIGN]
        pair_pool = by_shared[: 3 * MAX_STORY_ALIGN]
        rows = db.rows([*ranked, *reuse, *pair_pool])
        feats = self._features_of(ranked)

        def factor(other: int) -> float:
            h = rows[other].hours
            return time_factor(None if hours is None or h is None else abs(hours - h))

        factors = {n: factor(n) for n in ranked}
        scores = {n: same_story_score(feats[n], f) * factors[n] for n in ranked if factors[n] > 0.0}
        passages_with: dict[int, list[Passage]] = {}
        lenient: set[int] = set()
        if self.align_passages:
            for other in reuse:
                in_story = scores.get(other, 0.0) >= SAME_STORY
                passages_with[other] = self._align(
                    rows[other].raw_id, aid, ws, STORY if in_story else DEFAULT
                )
                if in_story:
                    lenient.add(other)
                if other in scores and passages_with[other]:
                    scores[other] = same_story_score(feats[other], f, passages_with[other]) * factors[other]

        best_of: dict[str, tuple[float, int]] = {}  # story -> (best score, its member)
        for other, score in scores.items():
            if score < SAME_STORY:
                continue
            sid = rows[other].story_id
            if sid not in best_of or (score, -other) > (best_of[sid][0], -best_of[sid][1]):
                best_of[sid] = (score, other)

        target: str | None = None
        member: int | None = None
        link_score = 0.0
        kind = "same-story"
        if duplicate is not None:
            rep = db.row_of(duplicate.of)
            target, member, link_score, kind = rep.story_id, rep.num, duplicate.jaccard, "near-duplicate"
            rows[rep.num] = rep
        elif best_of:
            # the best-linked story that admits the article: a story of several articles takes it only if
            # it resembles them on average too, not one member alone (else a story drifts along a chain
            # of pairwise links into a topic: VW's chief, then VW in China, then Tesla in China)
            for sid, (score, other) in sorted(best_of.items(), key=lambda kv: (-kv[1][0], kv[1][1])):
                members = db.story_members(sid, MERGE_MEMBERS)
                if len(members) < ADMIT_FROM or self._average_link([0], members, (f, hours), scores) >= ADMIT:
                    target, link_score, member = sid, score, other
                    break

        merges: list[tuple[str, int, float, float]] = []  # (story, member, score, average)
        if target is not None and any(sid != target for sid in best_of):
            joined = [0, *db.story_members(target, MERGE_MEMBERS)]
            for sid, (score, other) in sorted(best_of.items(), key=lambda kv: (-kv[1][0], kv[1][1])):
                if sid == target:
                    continue
                members = db.story_members(sid, MERGE_MEMBERS)
                average = self._average_link(joined, members, (f, hours), scores)
                if average >= SAME_STORY:
                    merges.append((sid, other, score, average))
                    joined += members

        if target is None:
            final = story_id(aid)
            absorbed: list[str] = []
        else:
            group = [target] + [m[0] for m in merges]
            info = db.stories_info(group)
            final = min(group, key=lambda s: (info[s][0], s))
            absorbed = [s for s in group if s != final]
        dup_of = duplicate.of if duplicate is not None else None
        db.add_article(
            num,
            article,
            story_id=final,
            hours=hours,
            text_sha=p.text_sha,
            text_key=key,
            duplicate_of=dup_of,
            features=p.features,
            signature=sig.tobytes() if len(sig) else None,
            postings=keys,
            day=-1 if day is None else day,
            ngrams=[fp for fp in fps if fp not in common],
            bands=bands,
        )
        self._next += 1
        self._undated = self._undated or hours is None
        self._cache_features(num, f)
        if target is None:
            db.new_story(final, num, article, hours)
        elif absorbed:
            db.merge_stories(final, absorbed)
        else:
            db.join_story(final, article, hours)

        if self.align_passages and target is not None:
            in_group = {target, *(m[0] for m in merges)}
            pairs = [n for n in pair_pool if rows[n].story_id in in_group and n not in lenient]
            for other in pairs[:MAX_STORY_ALIGN]:
                passages_with[other] = self._align(rows[other].raw_id, aid, ws, STORY)
        found: list[Passage] = []
        for other in sorted(passages_with):
            db.add_passages(passages_with[other])
            found += passages_with[other]

        placement = Placement(
            aid, final, target is None, duplicate_of=dup_of, passages=found, merged=absorbed
        )
        if member is not None:
            member_features = self._features_of([member])[member]
            ev = compare(member_features, f, passages_with.get(member))
            placement.link = _link(rows[member].raw_id, aid, ev, link_score, kind)
            placement.evidence = ev
            db.add_link(final, placement.link, _evidence_json(placement.link, ev))
            for sid, other, score, average in merges:
                ev = compare(self._features_of([other])[other], f, passages_with.get(other))
                link = _link(rows[other].raw_id, aid, ev, score)
                db.add_link(
                    final, link, _evidence_json(link, ev, merged_story=sid, average_score=round(average, 4))
                )
        return placement

    # -------------------------------------------------------------------------------------- views

    @property
    def story_of(self) -> dict[str, str]:
        """article id -> story id."""
        return self.db.assignments()

    @property
    def duplicate_of(self) -> dict[str, str]:
        return self.db.duplicates()

    @property
    def passages(self) -> list[Passage]:
        """Every passage found, in the order they were stored."""
        return self.db.all_passages()

    def story_list(self) -> list[Story]:
        """Stories in order of their first article, with their links."""
        return story_objects(self.db.conn)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story as ``pressecho story --format json`` shows it (links, passages, provenance)."""
        return story_detail(self.db.conn, story_id)

    def summary(self) -> dict[str, int]:
        return self.db.summary()


def cluster(articles: Iterable[Article], *, align_passages: bool = True) -> StoryClusterer:
    """Cluster a batch in memory: the incremental path run in (published, id) order."""
    clusterer = StoryClusterer(align_passages=align_passages)
    for article in sorted(articles, key=order_key):
        clusterer.add(article)
    return clusterer


# the relating state of another version (signatures, features) cannot be extended: relate rebuilds it
RELATE_VERSION = "10"


def compare_articles(a: Article, b: Article, passages: list[Passage] | None = None) -> dict[str, object]:
    """Two articles' same-story evidence and shared passages (aligned now unless given: with the
    ``STORY`` thresholds when the pair scores as one story, else the aligner's defaults)."""
    fa, fb = article_features(a), article_features(b)
    if passages is None:
        params = STORY if compare(fa, fb).same_story else DEFAULT
        passages = [al.passage(a.raw_id, b.raw_id) for al in align(a.text, b.text, params)]
    ev = compare(fa, fb, passages)
    return {"a": a, "b": b, "evidence": asdict(ev), "same_story": ev.same_story, "passages": passages}


# --------------------------------------------------------------------------------- a corpus, related

COMMIT_EVERY = 2000  # articles per transaction at most
COMMIT_SECONDS = 5.0  # and at least this often, so a reader (or a relate run started again) sees progress
BATCH = 200  # articles read from the store at a time
PARALLEL_FROM = 2000  # articles to relate from which a worker process prepares them (its start-up costs ~2 s)
CACHE_MB = 256  # SQLite page cache while relating
CHECKPOINT_PAGES = 20_000  # WAL pages between checkpoints while relating (SQLite's default: 1,000)


def _prepared(
    batches: Iterable[list[Article]], workers: int
) -> Iterator[tuple[list[Article], list[Prepared]]]:
    """Each batch with :func:`prepare` of its articles: computed ahead by worker processes (at most
    two batches per worker in flight), or here, one article at a time as the clustering asks."""
    if workers <= 0:
        for batch in batches:
            yield batch, [None] * len(batch)  # type: ignore[list-item]
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        flight: deque[tuple[list[Article], Any]] = deque()
        for batch in batches:
            flight.append((batch, pool.submit(prepare_all, batch)))
            if len(flight) > 2 * workers:
                done, future = flight.popleft()
                yield done, future.result()
        while flight:
            done, future = flight.popleft()
            yield done, future.result()


def pending_ids(conn: Any, after_raw: int = 0) -> list[str]:
    """Stored articles not related yet, in (published, id) order (ids only: the texts are streamed).

    ``after_raw``: only those of raw documents stored after this ``raw_documents.rowid`` (the
    documents ingested since the last run), which keeps a run over a large corpus cheap.
    """
    rows = conn.execute(
        "SELECT a.raw_id, a.published, a.language FROM raw_documents d JOIN articles a ON a.raw_id = d.id "
        "LEFT JOIN relate_articles r ON r.raw_id = a.raw_id WHERE d.rowid > ? AND r.raw_id IS NULL",
        (after_raw,),
    ).fetchall()
    rows.sort(key=lambda row: order_key_of(*row))
    return [row[0] for row in rows]


def _reextractions(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM ingest_runs WHERE kind = 'reextract'").fetchone()[0])


def relate_corpus(
    conn: Any,
    *,
    rebuild: bool = False,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """Relate a corpus database's articles that are not related yet (all of them with ``rebuild``).

    Articles are streamed from the store in (published, id) order and added one by one through
    :meth:`StoryClusterer.add`, committed every ``COMMIT_EVERY`` articles or ``COMMIT_SECONDS``: an
    interrupted run keeps what it committed and the next run goes on from there. Articles carry the
    entities the language stage stored for them (:func:`pressecho.store.language.attach`), where it
    has run, so names come from NER rather than from capitalisation. ``progress`` is called with the
    number of articles added since its last call, ``total`` once with the number to add.

    The placing is sequential (each article sees all before it), but what :func:`prepare` computes
    from an article alone (features, words, signatures: a third of the work) is computed for the
    next batches by ``workers`` processes meanwhile (default: one on a machine with several cores,
    when there are ``PARALLEL_FROM`` articles or more; 0: all in this process). Results are equal.
    """
    import time

    from pressecho.store import language as language_store
    from pressecho.store.stories import articles_by_id

    started = time.perf_counter()
    db = StoryStore(conn)

    def text_of(raw_id: str) -> str | None:
        row = conn.execute("SELECT text FROM articles WHERE raw_id = ?", (raw_id,)).fetchone()
        return None if row is None else str(row[0])

    # the index look-ups of each article touch pages all over the relate tables: a page cache of
    # CACHE_MB (SQLite's default is 2 MB) keeps them in memory instead of re-reading them
    cache_before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-1024 * CACHE_MB}")
    # and the index pages each transaction rewrites are copied into the database once per
    # CHECKPOINT_PAGES written to the log rather than every 1,000 (a seventh of the writes at 30,000)
    checkpoint_before = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        last = None if rebuild else db.last_run()
        if last is not None and last.get("version") != RELATE_VERSION:
            rebuild, last = True, None  # related by another pressecho: relate everything again
        reextractions = _reextractions(conn)
        # since the last run only new documents can bring new articles, unless a re-extraction ran
        # (it can give an article to a document that had none, or change texts already related)
        after = int(last["raw_rowid"]) if last and last.get("reextractions") == reextractions else None
        raw_rowid = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM raw_documents").fetchone()[0])
        if rebuild:
            db.clear()
        pending = pending_ids(conn, after or 0)
        if total is not None:
            total(len(pending))
        clusterer = StoryClusterer(db, text_of=text_of)
        added = since = 0
        opened = time.monotonic()

        def batches() -> Iterator[list[Article]]:
            for start in range(0, len(pending), BATCH):
                batch = list(articles_by_id(conn, pending[start : start + BATCH]))
                language_store.attach(conn, batch)  # entities, where the language stage has run
                yield batch

        if workers is None:
            workers = 1 if (os.cpu_count() or 1) > 1 and len(pending) >= PARALLEL_FROM else 0
        for batch, prepared in _prepared(batches(), workers):
            for article, ready in zip(batch, prepared, strict=True):
                clusterer.add(article, ready)
                added += 1
                since += 1
                if since >= COMMIT_EVERY or time.monotonic() - opened >= COMMIT_SECONDS:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                    opened = time.monotonic()
                    if progress is not None:
                        progress(since)
                    since = 0
        if progress is not None and since:
            progress(since)
        summary: dict[str, Any] = {"added": added, **db.summary()}
        summary["stale"] = int(last.get("stale", 0)) if last and after is not None else len(db.stale())
        summary["rebuilt"] = rebuild
        summary["version"] = RELATE_VERSION
        summary["raw_rowid"] = raw_rowid
        summary["reextractions"] = reextractions
        summary["seconds"] = round(time.perf_counter() - started, 2)
        db.record_run(RELATE_VERSION, summary)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_before}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_before}")
    return summary


STORY_ENTITY_ARTICLES = 6  # articles read for a story's entities (linking re-reads each with NER: ~0.5 s)


def story_entities(articles: Iterable[Article]) -> dict[str, Any] | None:
    """A story's people, places and organisations, merged across its articles ("Kremlchef" in one,
    "Wladimir Putin" in another) by :func:`pressecho.language.de.entities.link_story_entities`.

    Only articles the German language stage has analysed take part, the first
    ``STORY_ENTITY_ARTICLES`` of them (the linking tags each text again; ``articles`` is read only
    that far); None when there are none.
    Each entity: its story key, label, fullest name, the other names and role nouns it goes by, the
    articles that mention it and how often.
    """
    read: list[Article] = []
    for article in articles:
        if article.entities and (article.analysis is None or article.analysis.language in (None, "de")):
            read.append(article)
            if len(read) == STORY_ENTITY_ARTICLES:
                break
    if not read:
        return None
    from pressecho.language.de.entities import link_story_entities

    keys = link_story_entities(read)
    groups: dict[str, dict[str, Any]] = {}
    for article in read:
        for entity in article.entities:
            key = keys.get((article.raw_id, entity.id))
            if key is None:
                continue
            label, name = key.split(":", 1)
            group = groups.setdefault(
                key, {"key": key, "label": label, "name": name, "aliases": [], "articles": [], "mentions": 0}
            )
            if article.raw_id not in group["articles"]:
                group["articles"].append(article.raw_id)
            group["mentions"] += len(entity.mentions)
            for alias in [entity.name, *entity.aliases]:
                if alias != name and alias not in group["aliases"]:
                    group["aliases"].append(alias)
    ranked = sorted(groups.values(), key=lambda g: (-len(g["articles"]), -g["mentions"], g["key"]))
    return {"articles_read": len(read), "entities": ranked}
