"""Provenance: which text is reused across articles, where it most likely came from, and what is new.

Passages are pairwise (a stretch of A = a stretch of B). Here every article's passage stretches are
merged into *segments* (overlapping stretches of one article are one piece of reused text), and each
passage joins the segment it covers in A with the one in B; the connected components of that graph
(union-find) are the *reuse clusters*: one piece of copy as carried by several articles, however
many pairs it was found through. A short graph pass of our own, because the graph is built from
offsets (merging overlapping intervals) and stays tiny per component.

:func:`provenance` computes this for a list of passages at once; the story stage keeps the same
segments and clusters up to date in its tables as passages arrive
(:meth:`pressecho.store.stories.StoryStore.add_passages`: the same merging and union, one article at a
time) and reads origins and shares with :func:`carriers_and_origin` and :func:`article_reuse`.

The likely origin of a cluster is its earliest published article; when several of its articles
credit the same agency (dpa, sda, AFP ...), that agency is named as the origin too, since the
earliest carrier then only passed the copy on. Each article gets its share of text inside reused
segments and its own additions (the spans in no passage).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pressecho.model import Passage

MIN_ADDITION_CHARS = 3  # a gap between two passages shorter than this (", ") is no addition


@dataclass(frozen=True)
class ArticleInfo:
    """What provenance needs to know about an article besides its passages."""

    id: str
    length: int  # len(Article.text)
    published: datetime | None = None
    credits: tuple[str, ...] = ()
    source: str | None = None


@dataclass
class Segment:
    article_id: str
    start: int
    end: int


@dataclass
class ReuseCluster:
    """One piece of copy and the articles that carry it."""

    id: int
    segments: list[Segment] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # earliest first
    origin: str | None = None  # the earliest published article carrying it
    origin_agency: str | None = None  # the agency several carriers credit, if any
    passages: int = 0


@dataclass
class ArticleReuse:
    """How much of an article is reused text and what it adds of its own."""

    article_id: str
    length: int
    reused_chars: int = 0
    additions: list[tuple[int, int]] = field(default_factory=list)
    clusters: list[int] = field(default_factory=list)
    originates: list[int] = field(default_factory=list)  # clusters this article is the origin of

    @property
    def reused_share(self) -> float:
        return round(self.reused_chars / self.length, 4) if self.length else 0.0

    @property
    def own_share(self) -> float:
        return round(1.0 - self.reused_share, 4) if self.length else 0.0


@dataclass
class Provenance:
    clusters: list[ReuseCluster]
    articles: dict[str, ArticleReuse]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _time_key(info: ArticleInfo | None, article_id: str) -> tuple[int, datetime, str]:
    if info is None or info.published is None:
        return (1, datetime.min, article_id)
    return (0, info.published, article_id)


def carriers_and_origin(
    article_ids: Iterable[str], articles: Mapping[str, ArticleInfo]
) -> tuple[list[str], str | None, str | None]:
    """A piece of copy's carriers (earliest first), its likely origin and the agency several credit."""
    ids = sorted(set(article_ids), key=lambda a: _time_key(articles.get(a), a))
    agencies: Counter[str] = Counter()
    for aid in ids:
        info = articles.get(aid)
        if info is not None:
            agencies.update(set(info.credits))
    carried = [(n, agency) for agency, n in agencies.items() if n >= 2]
    agency = sorted(carried, key=lambda na: (-na[0], na[1]))[0][1] if carried else None
    return ids, (ids[0] if ids else None), agency


def article_reuse(article_id: str, length: int, segments: Iterable[tuple[int, int]]) -> ArticleReuse:
    """An article's reused share and own additions from its (disjoint) reused segments."""
    merged = _merge(list(segments))
    item = ArticleReuse(article_id, length)
    item.reused_chars = sum(min(e, length) - s for s, e in merged if s < length)
    item.additions = _additions(merged, length)
    return item


def provenance(passages: Iterable[Passage], articles: Mapping[str, ArticleInfo]) -> Provenance:
    """Reuse clusters with their origins, and each article's reused share and additions."""
    passages = list(passages)
    spans: dict[str, list[tuple[int, int]]] = {}
    for p in passages:
        spans.setdefault(p.a, []).append((p.a_start, p.a_end))
        spans.setdefault(p.b, []).append((p.b_start, p.b_end))
    segments: list[Segment] = []
    by_article: dict[str, list[int]] = {}
    for article_id in sorted(spans):
        for start, end in _merge(spans[article_id]):
            by_article.setdefault(article_id, []).append(len(segments))
            segments.append(Segment(article_id, start, end))

    def segment_of(article_id: str, start: int) -> int:
        # the merged segment holding ``start`` (segments of one article are sorted and disjoint)
        ids = by_article[article_id]
        lo, hi = 0, len(ids) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if segments[ids[mid]].start <= start:
                lo = mid
            else:
                hi = mid - 1
        return ids[lo]

    parent = list(range(len(segments)))
    counts: Counter[int] = Counter()
    for p in passages:
        x, y = _find(parent, segment_of(p.a, p.a_start)), _find(parent, segment_of(p.b, p.b_start))
        if x != y:
            parent[max(x, y)] = min(x, y)
    members: dict[int, list[int]] = {}
    for i in range(len(segments)):
        members.setdefault(_find(parent, i), []).append(i)
    for p in passages:
        counts[_find(parent, segment_of(p.a, p.a_start))] += 1

    clusters: list[ReuseCluster] = []
    # every known article gets its shares, reused or not
    reuse = {aid: ArticleReuse(aid, info.length) for aid, info in sorted(articles.items())}
    for root in sorted(members, key=lambda r: (segments[r].article_id, segments[r].start)):
        segs = [segments[i] for i in members[root]]
        ids, cluster_origin, agency = carriers_and_origin({s.article_id for s in segs}, articles)
        cluster = ReuseCluster(id=len(clusters) + 1, segments=segs, article_ids=ids, passages=counts[root])
        cluster.origin, cluster.origin_agency = cluster_origin, agency
        clusters.append(cluster)
        for aid in ids:
            if aid in reuse:
                reuse[aid].clusters.append(cluster.id)
        if cluster.origin in reuse:
            reuse[cluster.origin].originates.append(cluster.id)

    for aid, item in reuse.items():
        shares = article_reuse(
            aid, item.length, [(segments[i].start, segments[i].end) for i in by_article.get(aid, [])]
        )
        item.reused_chars, item.additions = shares.reused_chars, shares.additions
    return Provenance(clusters, reuse)


def _additions(segments: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of ``[0, length)`` outside the reused segments (an article's own text)."""
    gaps: list[tuple[int, int]] = []
    pos = 0
    for start, end in segments:
        if start - pos >= MIN_ADDITION_CHARS:
            gaps.append((pos, start))
        pos = max(pos, end)
    if length - pos >= MIN_ADDITION_CHARS:
        gaps.append((pos, length))
    return gaps
