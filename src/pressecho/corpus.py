"""The corpus: a SQLite file of raw documents and what pressecho derives from them.

The Python API uses the same words as the command line::

    from pressecho.corpus import Corpus

    with Corpus.open("news.db") as corpus:
        summary = corpus.ingest("dumps/", "crawl.warc.gz", "https://example.org/feed.xml")
        for article in corpus.articles():
            ...

How an ingest runs: the main process reads the sources lazily, hashes each document and asks the
database which hashes it has (those are duplicates and go no further); new documents go in small
chunks to worker processes, which extract and compress them; the main process is the only writer
and commits in batches. At most a few chunks are in flight, so memory stays flat however large the
input (``multiprocessing.Pool.imap`` would read the whole input ahead). A document is committed
with its extraction result in one transaction, so an ingest killed at any point and started again
skips what was committed and does the rest: nothing is lost or stored twice. A worker that dies
(a crash in a parser) costs only the document that killed it, which is stored with the reason
``extractor-crashed``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressecho.errors import PresseError
from pressecho.ingest import (
    ReadFailure,
    ReadOptions,
    Skipped,
    Source,
    estimate_count,
    outlet_from_url,
    read_sources,
)
from pressecho.model import Article, RawDocument
from pressecho.store.sqlite import Extraction, PackedRaw, Store, article_row, pack_raw
from pressecho.workers import WorkerPool

if TYPE_CHECKING:
    from pressecho.language.stage import AnalyzeSummary

CHUNK_SIZE = 16  # documents per task sent to a worker: amortises the inter-process round trip
COMMIT_EVERY = 500  # documents per transaction at most
COMMIT_SECONDS = 1.0  # and at least this often, so readers and a restarted ingest see progress
TEMPLATE_MIN_DOCS = 8  # an outlet gets a boilerplate template once it has this many documents
TEMPLATE_SAMPLE = 400  # pages a template is learnt from at most


def extractor_version() -> str:
    """The version stamped on extraction results (:data:`pressecho.extract.EXTRACTOR_VERSION`)."""
    from pressecho.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


# --------------------------------------------------------------------------------- worker side


def run_extractor(raw: RawDocument, templates: dict[str, Any] | None = None) -> Article:
    """The one place ingest and re-extraction call the extractor.

    ``templates`` are the stored per-outlet templates (``source_templates``) of the document's
    outlet, by kind (see :mod:`pressecho.extract.templates`).
    """
    from pressecho.extract import extract_raw

    return extract_raw(raw, templates)


def extract_document(
    raw: RawDocument, raw_id: str, version: str, templates: dict[str, Any] | None
) -> Extraction:
    """Extract one document; any failure becomes a recorded result, never an exception."""
    try:
        article = run_extractor(raw, templates)
    except PresseError as exc:
        return Extraction(raw_id, version, "failed", exc.reason, str(exc)[:2000])
    except Exception as exc:  # a bug in an extractor must not stop the batch: record it as one
        return Extraction(raw_id, version, "failed", "extractor-error", f"{type(exc).__name__}: {exc}"[:2000])
    article.raw_id = raw_id
    return Extraction(raw_id, version, "ok", article=article_row(article))


@dataclass
class _Job:
    """One document for a worker: what to extract it with, and whether to compress it for storage."""

    raw_id: str
    raw: RawDocument
    version: str
    templates: dict[str, Any] | None  # its outlet's templates (the same dict for a whole batch)
    pack: bool  # ingest: compress the bytes for storage too; re-extraction: they are stored already


JobResult = tuple[PackedRaw | None, Extraction]


def _packed(job: _Job) -> PackedRaw | None:
    return pack_raw(job.raw, job.raw_id) if job.pack else None


def _run_jobs(jobs: list[_Job]) -> list[JobResult]:
    return [(_packed(job), extract_document(job.raw, job.raw_id, job.version, job.templates)) for job in jobs]


def _crashed_job(job: _Job) -> JobResult:
    failure = Extraction(
        job.raw_id, job.version, "failed", "extractor-crashed", "the extractor's process died"
    )
    return (_packed(job), failure)


def _extraction_pool(workers: int) -> WorkerPool[_Job, JobResult]:
    return WorkerPool(workers, _run_jobs, _crashed_job)


# ------------------------------------------------------------------------------- progress


class _Progress:
    """The CLI's rich progress bar (count, rate, ETA), or nothing."""

    def __init__(self, enabled: bool, description: str, total: int | None) -> None:
        self.bar = None
        if enabled:
            from pressecho.cli import progress_bar

            self.bar = progress_bar()
            self.bar.start()
            self.task = self.bar.add_task(description, total=total)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None and n:
            self.bar.advance(self.task, n)

    def close(self) -> None:
        if self.bar is not None:
            task = self.bar.tasks[0]
            self.bar.update(self.task, total=task.completed)
            self.bar.stop()


# -------------------------------------------------------------------------------- summaries


@dataclass
class IngestSummary:
    """What one ingest did: counts, failures by reason, time taken."""

    run_id: int
    seen: int = 0  # documents read (new and duplicate)
    ingested: int = 0  # new raw documents stored
    duplicates: int = 0  # documents already stored (or twice in this input)
    extracted: int = 0  # new documents with an article
    failed: Counter[str] = field(default_factory=Counter)  # new documents without one, by reason
    unreadable: Counter[str] = field(default_factory=Counter)  # records that could not be read, by reason
    skipped: Counter[str] = field(default_factory=Counter)  # records that are not documents, by reason
    seconds: float = 0.0
    interrupted: bool = False
    templates: dict[str, Any] = field(default_factory=dict)  # what learn_templates did after the ingest

    @property
    def docs_per_second(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data["docs_per_second"] = round(self.docs_per_second, 1)
        return data


@dataclass
class ReextractSummary:
    run_id: int
    version: str
    documents: int = 0
    extracted: int = 0
    changed: int = 0  # articles whose text differs from before (or that are new)
    failed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(summary: IngestSummary | ReextractSummary) -> dict[str, Any]:
    """A summary as JSON-ready data (``dataclasses.asdict`` would rebuild the Counters wrongly)."""
    data = {f.name: getattr(summary, f.name) for f in fields(summary)}
    data = {k: dict(v.most_common()) if isinstance(v, Counter) else v for k, v in data.items()}
    data["seconds"] = round(summary.seconds, 3)
    return data


# ---------------------------------------------------------------------------------- corpus


class Corpus:
    """A corpus database: ingest sources into it, re-extract, read articles, export."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Corpus:
        """Open the corpus at ``path``, creating it (unless ``readonly``) and migrating it if needed."""
        return cls(Store.open(path, readonly=readonly))

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------------------------- ingest

    def ingest(
        self,
        *sources: Source,
        workers: int | None = None,
        progress: bool = True,
        options: ReadOptions | None = None,
        refetch: bool = False,
        chunk_size: int = CHUNK_SIZE,
        commit_every: int = COMMIT_EVERY,
        learn_templates: bool = True,
        **read_options: Any,
    ) -> IngestSummary:
        """Read the sources, store every new raw document with its extraction, record what failed.

        ``sources`` are paths (files, folders, JSONL, CSV, WARC), http(s) URLs (pages, feeds) or
        :class:`RawDocument` objects (or iterables of them). ``read_options`` are the fields of
        :class:`ReadOptions` (``text_field="body"``, ``source="Der Bund"``, ...). ``workers``
        extraction processes run (default: one per core; 0 extracts in this process). Feed links
        already stored are not fetched again unless ``refetch``. Then (unless ``learn_templates`` is false)
        outlets with enough documents whose template is missing or out of date get one, and their
        documents it changes are extracted again (:meth:`learn_templates`).
        """
        options = options or ReadOptions(**read_options)
        if not refetch and options.known_url is None:
            options = replace(options, known_url=self.store.has_url)
        workers = (os.cpu_count() or 1) if workers is None else workers
        labels = [s if isinstance(s, str) else str(s) if isinstance(s, Path) else "<python>" for s in sources]
        run_id = self.store.start_run("ingest", labels)
        summary = IngestSummary(run_id)
        version = extractor_version()
        templates = _TemplateCache(self.store)
        pipeline = _extraction_pool(workers)
        bar = _Progress(progress, "ingest", estimate_count(sources) if progress else None)
        writer = _BatchWriter(self.store, commit_every)
        pending: set[str] = set()
        started = time.perf_counter()

        def store_results(results: list[JobResult]) -> None:
            rows = [(packed, extraction) for packed, extraction in results if packed is not None]
            summary.ingested += writer.add_documents(rows, run_id)
            for packed, extraction in rows:
                pending.discard(packed.id)
                if extraction.status == "ok":
                    summary.extracted += 1
                else:
                    summary.failed[extraction.reason or "unknown"] += 1
            bar.advance(len(rows))

        try:
            for items in _batched(read_sources(sources, options), chunk_size * 4):
                docs: list[tuple[str, RawDocument]] = []
                failures: list[ReadFailure] = []
                for item in items:
                    if isinstance(item, ReadFailure):
                        failures.append(item)
                        summary.unreadable[item.reason] += 1
                    elif isinstance(item, Skipped):
                        summary.skipped[item.reason] += 1
                    else:
                        if item.source is None:  # documents handed over from Python: outlet from the URL
                            item.source = options.source or outlet_from_url(item.url)
                        docs.append((item.id, item))
                if failures:
                    writer.add_read_failures(failures, run_id)
                bar.advance(len(items) - len(docs))
                summary.seen += len(docs)
                known = self.store.known_ids(raw_id for raw_id, _ in docs)
                new: list[tuple[str, RawDocument]] = []
                for raw_id, raw in docs:
                    if raw_id in known or raw_id in pending:
                        summary.duplicates += 1
                        bar.advance()
                    else:
                        pending.add(raw_id)
                        new.append((raw_id, raw))
                for chunk in _batched(new, chunk_size):
                    for results in pipeline.submit(templates.jobs(chunk, version, pack=True)):
                        store_results(results)
                writer.maybe_commit()
            for results in pipeline.drain():
                store_results(results)
        except KeyboardInterrupt:
            summary.interrupted = True
            raise
        finally:
            pipeline.close()
            writer.commit()
            bar.close()
            summary.seconds = time.perf_counter() - started
            self.store.finish_run(run_id, summary.as_dict())
        if learn_templates and summary.ingested:
            summary.templates = self.learn_templates(workers=workers, progress=progress)
        return summary

    # ------------------------------------------------------------------------------ templates

    def learn_templates(
        self,
        *sources: str,
        min_docs: int = TEMPLATE_MIN_DOCS,
        force: bool = False,
        workers: int | None = None,
        progress: bool = False,
    ) -> dict[str, Any]:
        """Learn the boilerplate of outlets (all, or ``sources``) and extract what it changes again.

        An outlet gets a template once it has ``min_docs`` documents, and a new one when its number of
        documents has doubled since, or pressecho learns templates differently (``force``: always). The
        template is learnt from up to ``TEMPLATE_SAMPLE`` of its pages (see
        :mod:`pressecho.extract.templates`) and stored in ``source_templates``; the outlet's documents
        whose article holds one of its units, or lost a unit the new template no longer has, are
        extracted again. Returns what was done: units per outlet learnt, documents re-extracted.
        """
        from pressecho.extract import templates as tpl
        from pressecho.extract.decode import decode

        started = time.perf_counter()
        counts = self.store.source_counts()
        stored = {
            row["source"]: row for row in self.store.template_rows() if row["kind"] == tpl.TEMPLATE_KIND
        }
        report: dict[str, Any] = {"learned": {}, "reextracted": 0, "changed": 0}
        affected: list[str] = []
        for source, n in sorted(counts.items()):
            if (sources and source not in sources) or n < min_docs:
                continue
            row = stored.get(source)
            old = tpl.Template.from_dict(row["data"]) if row else None
            up_to_date = row and row["version"] == tpl.TEMPLATE_VERSION
            if not force and up_to_date and n < 2 * int(row["data"].get("outlet_documents") or 0):
                continue
            pages: list[list[str]] = []
            for raw in self.store.raws(self.store.source_ids(source, limit=TEMPLATE_SAMPLE)):
                try:
                    pages.append(tpl.units(decode(raw.data, raw.content_type).text))
                except Exception:  # a page that does not decode or parse teaches nothing
                    continue
            template = tpl.learn(pages, source=source)
            data = template.to_dict() | {"outlet_documents": n}
            self.store.begin()
            self.store.set_template(source, tpl.TEMPLATE_KIND, tpl.TEMPLATE_VERSION, data)
            self.store.commit()
            report["learned"][source] = len(template)
            gone = set(old.keys) - set(template.keys) if old else set()
            for raw_id in self.store.source_ids(source):
                article = self.store.article(raw_id)
                if article is not None and (
                    any(template.matches(p.text for p in article.paragraphs))
                    or (
                        gone
                        and any(tpl.unit_key(r.text) in gone for r in article.removed if r.kind == "template")
                    )
                ):
                    affected.append(raw_id)
        if affected:
            again = self.reextract(ids=affected, workers=workers, progress=progress)
            report["reextracted"], report["changed"] = again.documents, again.changed
        report["seconds"] = round(time.perf_counter() - started, 3)
        return report

    def templates(self) -> list[dict[str, Any]]:
        """Every outlet with its number of documents and its template (units, pages learnt from), if any."""
        from pressecho.extract import templates as tpl

        counts = self.store.source_counts()
        rows = {r["source"]: r for r in self.store.template_rows() if r["kind"] == tpl.TEMPLATE_KIND}
        out = []
        for source in sorted(set(counts) | set(rows)):
            row = rows.get(source)
            entry: dict[str, Any] = {"source": source, "documents": counts.get(source, 0), "template": None}
            if row:
                data = row["data"]
                entry["template"] = {
                    "version": row["version"],
                    "learnt_at": row["updated_at"],
                    "pages": data.get("documents"),
                    "articles": data.get("articles"),
                    "outlet_documents": data.get("outlet_documents"),
                    "units": [u.get("text", "") for u in data.get("units", [])],
                }
            out.append(entry)
        return out

    # ------------------------------------------------------------------------------ reextract

    def reextract(
        self,
        *,
        everything: bool = False,
        workers: int | None = None,
        progress: bool = True,
        ids: Iterable[str] | None = None,
    ) -> ReextractSummary:
        """Extract stored raw documents again: those an older extractor did (or all, ``everything``;
        or exactly ``ids``, e.g. an outlet's documents after its template changed)."""
        version = extractor_version()
        workers = (os.cpu_count() or 1) if workers is None else workers
        run_id = self.store.start_run("reextract", [])
        summary = ReextractSummary(run_id, version)
        chosen = sorted(set(ids)) if ids is not None else None
        total = len(chosen) if chosen is not None else self.store.count_stale(version, everything=everything)
        pipeline = _extraction_pool(workers)
        templates = _TemplateCache(self.store)
        bar = _Progress(progress, "reextract", total)
        writer = _BatchWriter(self.store, COMMIT_EVERY)
        started = time.perf_counter()

        def store_results(results: list[JobResult]) -> None:
            extractions = [extraction for _, extraction in results]
            old = self.store.text_shas([e.raw_id for e in extractions])
            writer.set_extractions(extractions)
            for extraction in extractions:
                summary.documents += 1
                if extraction.status == "ok" and extraction.article is not None:
                    summary.extracted += 1
                    summary.changed += old.get(extraction.raw_id) != extraction.article[11]
                else:
                    summary.failed[extraction.reason or "unknown"] += 1
            bar.advance(len(extractions))

        def batches() -> Iterator[list[str]]:
            if chosen is not None:
                yield from (chosen[i : i + 200] for i in range(0, len(chosen), 200))
                return
            after = ""
            while batch := self.store.stale_ids(version, after=after, limit=200, everything=everything):
                after = batch[-1]
                yield batch

        try:
            for batch in batches():
                docs = list(zip(batch, self.store.raws(batch), strict=True))
                for chunk in _batched(docs, CHUNK_SIZE):
                    for results in pipeline.submit(templates.jobs(chunk, version, pack=False)):
                        store_results(results)
                writer.maybe_commit()
            for results in pipeline.drain():
                store_results(results)
        finally:
            pipeline.close()
            writer.commit()
            bar.close()
            summary.seconds = time.perf_counter() - started
            self.store.finish_run(run_id, summary.as_dict())
        return summary

    # -------------------------------------------------------------------------------- reading

    def _id(self, raw_id: str) -> str:
        return self.store.resolve(raw_id)

    def raw(self, raw_id: str) -> RawDocument:
        """The stored raw document, bytes exactly as they arrived (``raw_id`` may be a prefix)."""
        return self.store.raw(self._id(raw_id))

    def article(self, raw_id: str) -> Article:
        """The article of a document; KeyError (saying why) when it has none."""
        from pressecho.store import language as language_store

        full = self._id(raw_id)
        article = self.store.article(full)
        if article is not None:
            language_store.attach(self.store.conn, [article])
        else:
            failure = next((f for f in self.store.failures(stage="extract") if f["raw_id"] == full), None)
            why = (
                f"extraction failed ({failure['reason']}: {failure['message']})"
                if failure
                else "not extracted"
            )
            raise KeyError(f"document {full[:12]} has no article: {why}")
        return article

    def articles(
        self, *, source: str | None = None, limit: int | None = None, language: bool = True
    ) -> Iterator[Article]:
        """Every article (of one outlet, if given), streamed in id order, with the sentences, entities
        and quotes the language stage stored for its text (``language=False``: as extracted)."""
        from pressecho.store import language as language_store
        from pressecho.store.sqlite import article_from_row

        batch: list[Article] = []
        for record in self.store.article_records(source=source, limit=limit):
            batch.append(article_from_row(record["raw_id"], record["text"], record["data"]))
            if len(batch) >= 200:
                if language:
                    language_store.attach(self.store.conn, batch)
                yield from batch
                batch = []
        if language:
            language_store.attach(self.store.conn, batch)
        yield from batch

    # ------------------------------------------------------------------------------- language

    def analyze(
        self, *, workers: int | None = None, progress: bool = True, everything: bool = False
    ) -> AnalyzeSummary:
        """Sentences, entities and quotes of every article that has none yet or stale ones (its text
        or pressecho's models changed since; all articles with ``everything``), stored with the
        article. Runs in ``workers`` processes (default: one per core), resumable; articles in a
        language no pipeline reads are recorded as skipped, failures with their reason. See
        :mod:`pressecho.language.stage`."""
        from pressecho.language.stage import analyze_corpus

        return analyze_corpus(self.store, workers=workers, progress=progress, everything=everything)

    # -------------------------------------------------------------------------------- relate

    def relate(
        self, *, progress: bool = False, rebuild: bool = False, workers: int | None = None
    ) -> dict[str, Any]:
        """Relate the articles not related yet: stories, shared passages, reused copy; all stored.

        Incremental: each new article is added to the stored clustering state in (published, id)
        order. ``rebuild`` forgets that state and relates every article again (the result equals
        adding them one by one in date order). ``workers`` processes prepare articles ahead of the
        clustering (default: one, for large runs on a machine with several cores). Returns a
        summary. See :mod:`pressecho.relate.stories`.
        """
        from pressecho.relate.stories import relate_corpus

        bar = _Progress(progress, "relate", None)

        def total(n: int) -> None:
            if bar.bar is not None:
                bar.bar.update(bar.task, total=n)

        try:
            return relate_corpus(
                self.store.conn, rebuild=rebuild, progress=bar.advance, total=total, workers=workers
            )
        finally:
            bar.close()

    def stories(self) -> list[dict[str, Any]]:
        """Every story with its articles (id, outlet, published, title, credits), oldest first."""
        from pressecho.store import stories as story_store

        return story_store.story_rows(self.store.conn)

    def story(self, story_or_article_id: str) -> dict[str, Any]:
        """One story (by id, id prefix, or one of its articles' ids) with links, passages, provenance,
        and, where the language stage has run, its entities merged across articles and who said what
        (``said``, as :meth:`said` gives it for the story)."""
        from pressecho.relate.stories import story_entities
        from pressecho.store import language as language_store
        from pressecho.store import stories as story_store

        sid = story_store.resolve_story(self.store.conn, story_or_article_id)
        detail = story_store.story_detail(self.store.conn, sid) if sid else None
        if detail is None:
            hint = "" if story_store.related(self.store.conn) else " (run `pressecho relate` first)"
            raise KeyError(f"no story {story_or_article_id!r}{hint}")

        def members() -> Iterator[Article]:
            for member in detail["articles"]:
                try:
                    yield self.article(member["id"])
                except KeyError:  # its document no longer has an article
                    continue

        detail["entities"] = story_entities(members())
        detail["said"] = language_store.said(self.store.conn, story=sid)
        return detail

    def compare(self, a: str, b: str) -> dict[str, Any]:
        """Two articles side by side: the same-story score with its evidence and their shared passages."""
        from pressecho.relate.stories import compare_articles
        from pressecho.store import stories as story_store

        first, second = self.article(a), self.article(b)
        stored = story_store.passages_between(self.store.conn, first.raw_id, second.raw_id)
        return compare_articles(first, second, stored or None)

    def failures(self, *, stage: str | None = None, reason: str | None = None) -> Iterator[dict[str, Any]]:
        """Extraction failures (``stage="extract"``) and unreadable records (``"read"``), with reasons."""
        return self.store.failures(stage=stage, reason=reason)

    def info(self) -> dict[str, Any]:
        """Counts (documents, articles, failures by reason, outlets), file size, extractor version."""
        counts = self.store.counts()
        counts["path"] = str(self.path)
        counts["file_bytes"] = sum(
            p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists()
        )
        counts["current_extractor_version"] = extractor_version()
        from pressecho.store import language as language_store
        from pressecho.store.stories import StoryStore

        try:
            counts["language"] = language_store.counts(self.store.conn)
            counts["related"] = StoryStore(self.store.conn).summary()
        except sqlite3.OperationalError:  # an older corpus opened read-only: not migrated, no such tables
            counts["language"], counts["related"] = {}, {}
        return counts

    def said(
        self,
        *,
        speaker: str | None = None,
        story: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Who said what (after ``analyze``): quotations by speaker, the same words carried by several
        articles as one entry; ``speaker`` matches part of the name, ``story`` is an id or prefix (or
        an article of the story). See :func:`pressecho.store.language.said`."""
        from pressecho.store import language as language_store
        from pressecho.store import stories as story_store

        if story is not None:
            sid = story_store.resolve_story(self.store.conn, story)
            if sid is None:
                raise KeyError(f"no story {story!r}")
            story = sid
        return language_store.said(
            self.store.conn, speaker=speaker, story=story, source=source, since=since, until=until
        )

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Articles matching a full-text query, best first (BM25, the title weighing most), each with
        its story and a snippet; of one outlet, published between the days ``since`` and ``until``
        (``YYYY-MM-DD``, both included); see :mod:`pressecho.store.search` for the query language."""
        from pressecho.store.search import search

        return search(self.store.conn, query, limit=limit, source=source, since=since, until=until)

    def export(
        self, path: str | Path, format: str | None = None, *, what: str = "articles", spreadsheet: bool = True
    ) -> int:
        """Write articles, failures, quotes, entities, mentions, stories, passages or links (``what``,
        one of :data:`pressecho.store.export.WHAT`) as jsonl, parquet or csv
        (from the suffix if not given); returns rows. CSV is made for spreadsheets unless
        ``spreadsheet=False``. See :mod:`pressecho.store.export`."""
        from pressecho.store.export import export

        return export(self.store, path, format, what=what, spreadsheet=spreadsheet)


# ---------------------------------------------------------------------------------- helpers


class _BatchWriter:
    """Writes in transactions of at most ``every`` documents or ``COMMIT_SECONDS``, whichever first."""

    def __init__(self, store: Store, every: int) -> None:
        self.store = store
        self.every = every
        self.uncommitted = 0
        self.opened = 0.0

    def _begin(self) -> None:
        if not self.store.conn.in_transaction:
            self.store.begin()
            self.opened = time.monotonic()

    def add_documents(self, rows: list[tuple[PackedRaw, Extraction]], run_id: int) -> int:
        self._begin()
        added = self.store.add_documents(rows, run_id)
        self.uncommitted += len(rows)
        self.maybe_commit()
        return added

    def set_extractions(self, extractions: list[Extraction]) -> None:
        self._begin()
        self.store.set_extractions(extractions)
        self.uncommitted += len(extractions)
        self.maybe_commit()

    def add_read_failures(self, failures: list[ReadFailure], run_id: int) -> None:
        self._begin()
        self.store.add_read_failures(failures, run_id)
        self.uncommitted += len(failures)
        self.maybe_commit()

    def maybe_commit(self) -> None:
        if self.store.conn.in_transaction and (
            self.uncommitted >= self.every or time.monotonic() - self.opened >= COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        self.store.commit()
        self.uncommitted = 0


class _TemplateCache:
    """Per-outlet templates for the extractor hook, read once per outlet (none: nothing is read)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.any = store.conn.execute("SELECT 1 FROM source_templates LIMIT 1").fetchone() is not None
        self.cache: dict[str, dict[str, Any]] = {}

    def of(self, source: str | None) -> dict[str, Any] | None:
        if not self.any or not source:
            return None
        if source not in self.cache:
            self.cache[source] = self.store.templates(source)
        return self.cache[source] or None

    def jobs(self, docs: Iterable[tuple[str, RawDocument]], version: str, *, pack: bool) -> list[_Job]:
        return [_Job(raw_id, raw, version, self.of(raw.source), pack) for raw_id, raw in docs]


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


__all__ = ["Corpus", "IngestSummary", "ReextractSummary", "extractor_version", "run_extractor"]
