"""Stories: incremental clustering of articles that report the same event, with the evidence of each link.

:class:`StoryClusterer` takes articles one at a time. A new article

1. is looked up in the near-duplicate index (:mod:`pressecho.relate.fingerprints`): a copy of a stored
   article joins that article's story at once, as a "near-duplicate" link;
2. otherwise gathers candidates from an inverted index over its heaviest terms and names, restricted
   to articles published within ``WINDOW_HOURS`` of it, plus the articles it shares rare word
   n-grams with (:class:`pressecho.relate.ngrams.NgramIndex`, as passim finds reuse);
3. is aligned with the n-gram candidates (:func:`pressecho.relate.align.align`), so reused agency
   copy counts as evidence while deciding;
4. is scored against every candidate by :func:`pressecho.relate.similarity.compare` (the one
   same-story score), damped by the time gap (:func:`time_factor`), and joins the story of its best
   candidate if that passes :data:`pressecho.relate.similarity.SAME_STORY`, else starts a story.

This is single-pass stream clustering in the manner of Miranda et al. (2018, "Multilingual
clustering of streaming news"): TF-IDF of title and body, entities, a time window, one decision per
article; a link to the best member rather than to a centroid keeps each decision explainable (the
link carries the shared terms, names, passages and time gap).

Determinism: every decision uses only what was known when the article arrived (term weights come from
a fixed background model, not from the corpus), ties are broken by ids, and the batch path
(:func:`cluster`) *is* this path run in (published, id) order. So clustering a corpus at once and
adding its articles one by one in date order give the same stories, whatever order they were read in.

Then every pair of articles within a story (up to ``MAX_STORY_PAIRS`` per new article) is aligned
too, so the story's passages are complete; the passages and the near-duplicate groups feed
:mod:`pressecho.relate.provenance`.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pressecho.model import Article, Passage, Story, StoryLink
from pressecho.relate.align import align
from pressecho.relate.features import ArticleFeatures, article_features, parse_time
from pressecho.relate.fingerprints import NearDuplicateIndex
from pressecho.relate.ngrams import NgramIndex, Words, words
from pressecho.relate.provenance import ArticleInfo, Provenance, provenance
from pressecho.relate.similarity import SAME_STORY, PairEvidence, compare, same_story_score

WINDOW_HOURS = 120.0  # candidates are articles published at most this far apart
DECAY_AFTER_HOURS = 36.0  # no time penalty within a day and a half (a news cycle with follow-ups)
DECAY_HALF_LIFE_HOURS = 48.0  # past that, the score halves every two days
INDEX_TERMS = 12  # heaviest terms of each article that go into the inverted index
INDEX_NAMES = 6  # and rarest names
MAX_POSTINGS_SCAN = 120  # most recent postings read per term (a frequent term's older ones add nothing)
MAX_CANDIDATES = 25  # candidates scored per new article, best by index overlap
MAX_REUSE_ALIGN = 6  # n-gram candidates aligned per new article, most shared fingerprints first
MAX_STORY_PAIRS = 30  # story members a new article is aligned with (the most recent)
WORDS_CACHE = 5000  # articles whose split words are kept for alignment
# two articles of one story are aligned with a lower bar (30 matched characters instead of the
# aligner's 40): they are known to tell the same thing, so a short shared clause ("mit militärischen
# Ehren empfangen") is reuse, not chance
STORY_ALIGN: dict[str, float] = {"min_chars": 30}


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


def order_key(article: Article) -> tuple[int, datetime, str]:
    """(published, id) order; articles without a date come last, by id."""
    when = parse_time(article.published)
    return (0, when, article.raw_id) if when is not None else (1, datetime.min, article.raw_id)


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


@dataclass
class _Doc:
    number: int
    id: str
    published: datetime | None
    features: ArticleFeatures | None
    hours: float | None = None  # published, in hours since the epoch (cheap window checks)


def _hours(when: datetime | None) -> float | None:
    return None if when is None else when.timestamp() / 3600.0


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


class StoryClusterer:
    """Incremental story clustering (see the module docstring). Add articles in (published, id) order.

    ``text_of`` fetches an earlier article's text for alignment (a corpus passes a database lookup);
    by default the clusterer keeps the texts itself. ``align_passages=False`` skips alignment
    (clustering on terms, names, numbers and near-duplicates alone).
    """

    def __init__(self, *, text_of: Callable[[str], str] | None = None, align_passages: bool = True) -> None:
        self.align_passages = align_passages
        self._texts: dict[str, str] | None = None if text_of is not None else {}
        self._text_of = text_of
        self.docs: list[_Doc] = []
        self._number: dict[str, int] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, Story] = {}
        self.duplicate_of: dict[str, str] = {}
        self.pair_passages: dict[tuple[str, str], list[Passage]] = {}  # (older, newer) -> passages
        self._lenient: set[tuple[str, str]] = set()
        self._postings: dict[str, list[int]] = {}
        self._near = NearDuplicateIndex()
        self._ngrams = NgramIndex()
        self._words: OrderedDict[str, Words] = OrderedDict()
        self._evict_from = 0  # docs before this number have had their features dropped
        self._latest: datetime | None = None

    def __len__(self) -> int:
        return len(self.docs)

    # ----------------------------------------------------------------------------------- helpers

    def text(self, article_id: str) -> str:
        if self._texts is not None:
            return self._texts[article_id]
        assert self._text_of is not None
        return self._text_of(article_id)

    def _words_of(self, article_id: str) -> Words:
        ws = self._words.get(article_id)
        if ws is None:
            ws = words(self.text(article_id))
            self._words[article_id] = ws
            if len(self._words) > WORDS_CACHE:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end(article_id)
        return ws

    def _align(self, older: str, newer: str, in_story: bool = False) -> list[Passage]:
        """Align a pair once (again, more leniently, when it turns out to be in one story).

        Passages are stored with the older article as ``a``.
        """
        key = (older, newer)
        found = self.pair_passages.get(key)
        if found is None or (in_story and key not in self._lenient):
            params = STORY_ALIGN if in_story else {}
            alignments = align(self._words_of(older), self._words_of(newer), **params)
            found = [al.passage(older, newer) for al in alignments]
            self.pair_passages[key] = found
            if in_story:
                self._lenient.add(key)
        return found

    @property
    def passages(self) -> list[Passage]:
        """Every passage found, pair by pair in the order the pairs were aligned."""
        return [p for found in self.pair_passages.values() for p in found]

    def _evict(self, now: datetime) -> None:
        """Drop the features of articles too old to be anyone's candidate again (bounded memory)."""
        while self._evict_from < len(self.docs):
            doc = self.docs[self._evict_from]
            if doc.published is None or (now - doc.published).total_seconds() / 3600 <= WINDOW_HOURS:
                break
            doc.features = None
            self._evict_from += 1

    def _index_keys(self, f: ArticleFeatures) -> list[str]:
        terms = sorted(f.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_TERMS]
        names = sorted(f.names.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEX_NAMES]
        return [t for t, _ in terms] + ["@" + n for n, _ in names]

    def _term_candidates(self, f: ArticleFeatures, keys: list[str]) -> dict[int, float]:
        found: dict[int, float] = {}
        now = _hours(f.published)
        docs = self.docs
        for key in keys:
            postings = self._postings.get(key)
            if not postings:
                continue
            weight = f.terms.get(key, 0.0) if not key.startswith("@") else 0.05
            stale = 0
            for i in range(len(postings) - 1, max(-1, len(postings) - 1 - MAX_POSTINGS_SCAN), -1):
                doc = docs[postings[i]]
                if doc.features is None:
                    stale = i + 1
                    break
                if now is not None and doc.hours is not None and abs(now - doc.hours) > WINDOW_HOURS:
                    if doc.hours < now:
                        stale = i + 1
                        break
                    continue
                found[doc.number] = found.get(doc.number, 0.0) + weight
            if stale:
                del postings[:stale]
        return found

    # ---------------------------------------------------------------------------------------- add

    def add(self, article: Article, features: ArticleFeatures | None = None) -> Placement:
        """Place one article: into the story of its best same-story candidate, or a new story."""
        aid = article.raw_id
        if aid in self._number:
            raise ValueError(f"article {aid} is already clustered")
        f = features or article_features(article)
        if f.published is not None:
            self._evict(f.published)
            if self._latest is None or f.published > self._latest:
                self._latest = f.published
        if self._texts is not None:
            self._texts[aid] = article.text
        ws = words(article.text)
        self._words[aid] = ws
        if len(self._words) > WORDS_CACHE:
            self._words.popitem(last=False)

        duplicate = self._near.add(aid, article.text, ws)
        reuse = self._ngrams.add(aid, ws)
        keys = self._index_keys(f)
        candidates = self._term_candidates(f, keys)

        placement: Placement | None = None
        passages_with: dict[str, list[Passage]] = {}
        if self.align_passages:
            for cand in reuse[:MAX_REUSE_ALIGN]:
                found = self._align(str(cand.a), aid)
                if found:
                    passages_with[str(cand.a)] = found
        for cand in reuse:
            num = self._number[str(cand.a)]
            if self.docs[num].features is not None:
                candidates.setdefault(num, 0.0)
                candidates[num] += 1.0
        if duplicate is not None:
            of = duplicate.of
            other = self.docs[self._number[of]].features
            ev = compare(other, f, passages_with.get(of)) if other is not None else None
            ev = ev or PairEvidence(score=1.0, cosine=1.0, names=1.0, numbers=1.0)
            link = _link(of, aid, ev, duplicate.jaccard, kind="near-duplicate")
            placement = Placement(aid, self.story_of[of], False, link, of, ev)
            self.duplicate_of[aid] = of
        else:
            best: tuple[float, int, int] | None = None
            ranked = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
            now = _hours(f.published)
            for num, _ in ranked:
                doc = self.docs[num]
                if doc.features is None:
                    continue
                gap = None if now is None or doc.hours is None else abs(now - doc.hours)
                factor = time_factor(gap)
                if factor == 0.0:
                    continue
                score = same_story_score(doc.features, f, passages_with.get(doc.id)) * factor
                if score < SAME_STORY:
                    continue
                story = self.story_of[doc.id]
                rank = (score, -self._number[self.stories[story].article_ids[0]], -num)
                if best is None or rank > best:
                    best = rank
            if best is not None:
                member_doc = self.docs[-best[2]]
                assert member_doc.features is not None
                member = member_doc.id
                ev = compare(member_doc.features, f, passages_with.get(member))
                link = _link(member, aid, ev, best[0])
                placement = Placement(aid, self.story_of[member], False, link, None, ev)
        if placement is None:
            placement = Placement(aid, story_id(aid), True)
            self.stories[placement.story_id] = Story(id=placement.story_id, title=article.title)
        story = self.stories[placement.story_id]
        story.article_ids.append(aid)
        if placement.link is not None:
            story.links.append(placement.link)
        self.story_of[aid] = placement.story_id
        doc = _Doc(len(self.docs), aid, f.published, f, _hours(f.published))
        self.docs.append(doc)
        self._number[aid] = doc.number
        for key in keys:
            self._postings.setdefault(key, []).append(doc.number)
        if self.align_passages:
            for member in story.article_ids[-MAX_STORY_PAIRS - 1 : -1]:
                self._align(member, aid, in_story=True)
            if placement.link is not None:
                placement.link.shared_passages = len(self.pair_passages.get((placement.link.a, aid), []))
        placement.passages = [p for pair in passages_with.values() for p in pair]
        return placement

    # -------------------------------------------------------------------------------------- views

    def story_list(self) -> list[Story]:
        """Stories in order of their first article."""
        return list(self.stories.values())

    def duplicate_groups(self) -> list[list[str]]:
        return self._near.groups()


def cluster(articles: Iterable[Article], *, align_passages: bool = True) -> StoryClusterer:
    """Cluster a batch: the incremental path run in (published, id) order (see the module docstring)."""
    clusterer = StoryClusterer(align_passages=align_passages)
    for article in sorted(articles, key=order_key):
        clusterer.add(article)
    return clusterer


def assignments(clusterer: StoryClusterer) -> dict[str, str]:
    """article id -> story id."""
    return dict(clusterer.story_of)


# ------------------------------------------------------------------------------- a corpus, related

RELATE_VERSION = "1"


@dataclass
class RelateResult:
    """Everything the relate stage computes over a set of articles, ready to store or show."""

    stories: list[Story]
    passages: list[Passage]
    provenance: Provenance
    duplicate_of: dict[str, str]
    evidence: dict[tuple[str, str], PairEvidence]
    published: dict[str, str | None]
    sources: dict[str, str | None]
    text_shas: dict[str, str]
    seconds: float = 0.0

    def cluster_of_passage(self, passage: Passage) -> int | None:
        return self._cluster_index.get((passage.a, passage.a_start))

    def __post_init__(self) -> None:
        self._cluster_index: dict[tuple[str, int], int] = {}
        for cluster in self.provenance.clusters:
            for seg in cluster.segments:
                self._cluster_index[(seg.article_id, seg.start)] = cluster.id
        # a passage's cluster is the one of the segment its start falls in
        by_article: dict[str, list[tuple[int, int, int]]] = {}
        for cluster in self.provenance.clusters:
            for seg in cluster.segments:
                by_article.setdefault(seg.article_id, []).append((seg.start, seg.end, cluster.id))
        for p in self.passages:
            for start, end, cid in by_article.get(p.a, []):
                if start <= p.a_start < end:
                    self._cluster_index[(p.a, p.a_start)] = cid
                    break

    def summary(self) -> dict[str, object]:
        return {
            "articles": len(self.published),
            "stories": len(self.stories),
            "multi_article_stories": sum(len(s.article_ids) > 1 for s in self.stories),
            "near_duplicates": len(self.duplicate_of),
            "passages": len(self.passages),
            "reuse_clusters": len(self.provenance.clusters),
            "seconds": round(self.seconds, 2),
        }


def relate(articles: Iterable[Article], *, progress: Callable[[int], None] | None = None) -> RelateResult:
    """Stories, passages and provenance of a batch of articles (the :func:`cluster` path)."""
    import time

    started = time.perf_counter()
    ordered = sorted(articles, key=order_key)
    clusterer = StoryClusterer()
    evidence: dict[tuple[str, str], PairEvidence] = {}
    info: dict[str, ArticleInfo] = {}
    published: dict[str, str | None] = {}
    sources: dict[str, str | None] = {}
    shas: dict[str, str] = {}
    for i, article in enumerate(ordered):
        placement = clusterer.add(article)
        if placement.link is not None and placement.evidence is not None:
            evidence[(placement.link.a, placement.link.b)] = placement.evidence
        info[article.raw_id] = ArticleInfo(
            article.raw_id,
            len(article.text),
            parse_time(article.published),
            tuple(article.credits),
            article.source,
        )
        published[article.raw_id] = article.published
        sources[article.raw_id] = article.source
        shas[article.raw_id] = hashlib.sha256(article.text.encode()).hexdigest()
        if progress is not None:
            progress(i + 1)
    passages = clusterer.passages
    result = RelateResult(
        stories=clusterer.story_list(),
        passages=passages,
        provenance=provenance(passages, info),
        duplicate_of=dict(clusterer.duplicate_of),
        evidence=evidence,
        published=published,
        sources=sources,
        text_shas=shas,
    )
    result.seconds = time.perf_counter() - started
    return result


def compare_articles(a: Article, b: Article, passages: list[Passage] | None = None) -> dict[str, object]:
    """Two articles' same-story evidence and shared passages (aligned now unless given)."""
    from dataclasses import asdict

    if passages is None:
        passages = [al.passage(a.raw_id, b.raw_id) for al in align(a.text, b.text, **STORY_ALIGN)]
    ev = compare(article_features(a), article_features(b), passages)
    return {"a": a, "b": b, "evidence": asdict(ev), "same_story": ev.same_story, "passages": passages}
