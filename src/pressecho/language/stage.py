"""The language stage over a corpus: analyse stored articles in worker processes, store the results.

How it runs (as ingest does): the main process pages through the articles in id order and picks
the ones whose stored results are missing or stale (the text changed since, another stage version
made them, or ``everything``); chunks of them go to worker processes, at most two chunks per
worker in flight, so memory stays flat however large the corpus; the main process is the only
writer and commits about once a second. A run that is interrupted keeps what it committed, and the
next run goes on from there. An article whose text (and language) another article has is not
analysed again: it gets a copy of that article's results (a page fetched twice, a re-posted
story: common in scraped news). An article the layer cannot read is stored as ``failed`` with a
reason (``too-long``, ``analyzer-error`` with the exception); one in a language no pipeline reads
as ``skipped``; a worker that dies costs only the article that killed it (``analyzer-crashed``).

Why a separate stage and not part of ingest: ingest reads text dumps at well over 150 documents a
second, the language layer at about 50 a core; ``pressecho ingest --analyze`` runs both in turn.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from pressecho.errors import PresseError
from pressecho.language import (
    NO_PIPELINE,
    analyze,
    analyze_many,
    language_of,
    normalise_language,
    stage_versions,
    warm_up,
)
from pressecho.model import Article, LanguageRun
from pressecho.store import language as language_store
from pressecho.workers import WorkerPool

if TYPE_CHECKING:
    from pressecho.store.sqlite import Store

Chunk = list[tuple[Article, str]]
Results = list[language_store.LanguageRows]

CHUNK_SIZE = 8  # articles per task: ~0.2 s of work, so the round trip to a worker does not count
PAGE_SIZE = 500  # articles looked at per query
COMMIT_SECONDS = 1.0
COMMIT_EVERY = 500  # results per transaction at most


@dataclass
class AnalyzeSummary:
    """What one run of the language stage did."""

    run_id: int
    versions: dict[str, str]  # the stage version of each language with a pipeline
    articles: int = 0  # articles looked at
    up_to_date: int = 0  # their stored results were current: nothing to do
    analyzed: int = 0  # analysed now
    copied: int = 0  # another article has the same text (and language): its results were copied
    skipped: Counter[str] = field(default_factory=Counter)  # no pipeline for their language, by reason
    failed: Counter[str] = field(default_factory=Counter)  # by reason
    sentences: int = 0
    entities: int = 0
    quotes: int = 0
    removed: int = 0  # results of articles that no longer exist, deleted
    cpu_seconds: float = 0.0  # the layer's own time, summed over articles (all workers)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def done(self) -> int:
        return self.analyzed + self.copied + sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def docs_per_second(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data = {k: dict(v.most_common()) if isinstance(v, Counter) else v for k, v in data.items()}
        data["seconds"] = round(self.seconds, 3)
        data["cpu_seconds"] = round(self.cpu_seconds, 3)
        data["docs_per_second"] = round(self.docs_per_second, 1)
        return data


# ---------------------------------------------------------------------------------- worker side


def analyze_for_store(article: Article, sha: str | None = None) -> language_store.LanguageRows:
    """Analyse one article and return its rows; any failure becomes a recorded result, never an exception."""
    started = time.process_time()
    try:
        analyze(article)
    except PresseError as exc:
        article.analysis = _failure(article, exc.reason, str(exc))
    except Exception as exc:  # a bug in a component must not stop the run: record it as one
        article.analysis = _failure(article, "analyzer-error", f"{type(exc).__name__}: {exc}")
    return language_store.rows_of(article, sha=sha, seconds=time.process_time() - started)


def _failure(article: Article, reason: str, message: str) -> LanguageRun:
    from pressecho.language import stage_version

    language = language_of(article)
    return LanguageRun("failed", language, stage_version(language), [], reason, message[:2000])


def _run_chunk(items: list[tuple[Article, str]]) -> list[language_store.LanguageRows]:
    """Analyse a chunk as one batch (each article's time is the batch's average); if any article
    spoils the batch, analyse them one by one so that only it is recorded as failed."""
    started = time.process_time()
    try:
        for _ in analyze_many([article for article, _ in items], batch_size=len(items)):
            pass
    except Exception:  # noqa: BLE001 - found and recorded article by article below
        return [analyze_for_store(article, sha) for article, sha in items]
    each = (time.process_time() - started) / max(1, len(items))
    return [language_store.rows_of(article, sha=sha, seconds=each) for article, sha in items]


def _init_worker() -> None:
    """One thread per worker for numpy's BLAS: the workers are the parallelism."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - comes with scikit-learn
        pass
    warm_up()  # so an article's time is its own, not the models' loading


# ---------------------------------------------------------------------------------- main side


def _crashed(item: tuple[Article, str]) -> language_store.LanguageRows:
    article, sha = item
    article.analysis = _failure(article, "analyzer-crashed", "the analyzer's process died")
    return language_store.rows_of(article, sha=sha)


def analysis_pool(
    workers: int, run: Callable[[Chunk], Results] = _run_chunk
) -> WorkerPool[tuple[Article, str], language_store.LanguageRows]:
    """Chunks to worker processes, two per worker in flight; a dead worker costs only its article."""
    return WorkerPool(workers, run, _crashed, initializer=_init_worker)


def is_stale(candidate: language_store.Candidate, versions: dict[str, str]) -> bool:
    """Must this article be analysed (again)? Never analysed, text changed, language or version changed."""
    if candidate.run_sha is None or candidate.run_sha != candidate.text_sha:
        return True
    declared = normalise_language(candidate.language)
    if declared is not None and declared != candidate.run_language:
        return True
    language = declared or candidate.run_language
    return candidate.run_version != versions.get(language or "", NO_PIPELINE)


def analyze_corpus(
    store: Store,
    *,
    workers: int | None = None,
    progress: bool = True,
    everything: bool = False,
    chunk_size: int = CHUNK_SIZE,
    on_results: Callable[[Results], None] | None = None,
) -> AnalyzeSummary:
    """Analyse the corpus's articles that have no current results (all of them with ``everything``).

    ``workers``: analysing processes (default: one per core; 0 analyses in this process, as does
    a run with fewer articles to do than one chunk). ``on_results`` sees each batch of results
    before it is stored (for tests and progress displays).
    """
    from pressecho.corpus import _batched, _Progress

    conn = store.conn
    versions = stage_versions()
    summary = AnalyzeSummary(store.start_run("analyze", []), versions)

    def stale(page: Sequence[language_store.Candidate]) -> list[language_store.Candidate]:
        return list(page) if everything else [c for c in page if is_stale(c, versions)]

    todo_total = 0
    after = ""
    while page := language_store.candidates(conn, after=after, limit=5000):
        after = page[-1].raw_id
        todo_total += len(stale(page))
    workers = (os.cpu_count() or 1) if workers is None else workers
    if todo_total <= chunk_size:
        workers = 0
    if workers == 0 and todo_total:
        warm_up()
    pool = analysis_pool(workers)
    bar = _Progress(progress and todo_total > 0, "analyze", todo_total)
    uncommitted = 0
    opened = 0.0
    started = time.perf_counter()

    def begin() -> None:
        nonlocal opened
        if not conn.in_transaction:
            store.begin()
            opened = time.monotonic()

    def store_results(results: Results) -> None:
        nonlocal uncommitted
        if on_results is not None:
            on_results(results)
        begin()
        language_store.save(conn, results)
        uncommitted += len(results)
        for rows in results:
            status, reason = rows.status, rows.reason or "unknown"
            if status == "ok":
                summary.analyzed += 1
                summary.sentences += rows.run[9]
                summary.entities += rows.run[11]
                summary.quotes += rows.run[12]
            elif status == "skipped":
                summary.skipped[reason] += 1
            else:
                summary.failed[reason] += 1
            summary.cpu_seconds += rows.run[8] or 0.0
        bar.advance(len(results))
        maybe_commit()

    def maybe_commit(force: bool = False) -> None:
        nonlocal uncommitted
        if conn.in_transaction and (
            force or uncommitted >= COMMIT_EVERY or time.monotonic() - opened >= COMMIT_SECONDS
        ):
            store.commit()
            uncommitted = 0

    def copy(source: str, target: str) -> None:
        begin()
        language_store.copy_results(conn, source, target)
        summary.copied += 1
        bar.advance()

    followers: list[tuple[str, str]] = []  # (first article of a text in this run, another with that text)
    after = ""
    try:
        while page := language_store.candidates(conn, after=after, limit=PAGE_SIZE):
            after = page[-1].raw_id
            summary.articles += len(page)
            todo = stale(page)
            summary.up_to_date += len(page) - len(todo)
            # the same text (and language) as an article with current results, or as one analysed
            # earlier on this page: copy those results instead of analysing the text again
            todo_ids = {c.raw_id for c in todo}
            current = {
                (d.text_sha, normalise_language(d.language)): d.raw_id
                for d in ([] if everything else language_store.donors(conn, [c.text_sha for c in todo]))
                if d.raw_id not in todo_ids and not is_stale(d, versions)
            }
            first: dict[tuple[str, str | None], str] = {}
            shas: dict[str, str] = {}
            for c in todo:
                key = (c.text_sha, normalise_language(c.language))
                if key in current:
                    copy(current[key], c.raw_id)
                elif key in first:
                    followers.append((first[key], c.raw_id))
                else:
                    first[key] = c.raw_id
                    shas[c.raw_id] = c.text_sha
            items = [(a, shas[a.raw_id]) for a in language_store.articles(conn, list(shas))]
            for chunk in _batched(items, chunk_size):
                for results in pool.submit(chunk):
                    store_results(results)
            maybe_commit()
        for results in pool.drain():
            store_results(results)
        for source, target in followers:
            copy(source, target)
        begin()
        summary.removed = language_store.delete_orphans(conn)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        pool.close()
        maybe_commit(force=True)
        bar.close()
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, summary.as_dict())
    return summary


__all__ = ["AnalyzeSummary", "analyze_corpus", "analyze_for_store", "is_stale"]
