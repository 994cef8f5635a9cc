"""The corpus store: schema and migrations, the Corpus API, re-extraction, crash and kill safety, readers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import pressecho.corpus as corpus_module
from pressecho.corpus import Corpus, _extraction_pool, _Job, _run_jobs, extractor_version
from pressecho.errors import NoArticleFound, StoreError
from pressecho.extract import extract_raw
from pressecho.model import RawDocument
from pressecho.store import SCHEMA_VERSION, Store
from pressecho.workers import WorkerPool
from test_ingest import html_page, text_dump, write_dumps

ROOT = Path(__file__).resolve().parents[1]


def _docs(n: int, start: int = 0, source: str | None = "Zeitung") -> list[RawDocument]:
    return [
        RawDocument(
            text_dump(i).encode(), url=f"https://zeitung.example/{i}", source=source, origin=f"test:{i}"
        )
        for i in range(start, start + n)
    ]


def _ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM raw_documents ORDER BY id")]


# ------------------------------------------------------------------------------------- schema


def test_new_database_is_migrated_in_wal_mode_and_reopens(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()
    Store.open(tmp_path / "c.db").close()  # a second open applies nothing and fails on nothing


def test_unusable_databases_are_typed_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot be used"):
        Store.open(junk)
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="upgrade pressecho"):
        Store.open(newer)
    with pytest.raises(StoreError, match="no corpus database"):
        Store.open(tmp_path / "absent.db", readonly=True)


def test_an_older_corpus_opened_read_only_is_described_not_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``info`` on a version-1 corpus (no language or relate tables) that it may not migrate."""
    from pressecho.store.schema import MIGRATIONS

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.executescript(MIGRATIONS[1])
        conn.execute("PRAGMA user_version = 1")
    with Corpus.open(old, readonly=True) as corpus:
        info = corpus.info()
    assert info["documents"] == 0 and info["language"] == {} and info["related"] == {}
    from pressecho.cli import main

    assert main(["stories", "--db", str(old)]) == 2  # says what to do, no traceback
    assert "older pressecho" in capsys.readouterr().err
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1


# ---------------------------------------------------------------------------------------- API


def test_ingest_python_documents_and_read_them_back(tmp_path: Path) -> None:
    docs = _docs(5) + [RawDocument(html_page(7).encode(), url="https://www.blatt.example/7", source="Blatt")]
    with Corpus.open(tmp_path / "c.db") as corpus:
        summary = corpus.ingest(iter(docs), docs[0], workers=0, progress=False)
        assert (summary.ingested, summary.duplicates, summary.extracted) == (6, 1, 6)
        stored = corpus.raw(docs[5].id[:10])  # an id prefix is enough
        assert stored.data == docs[5].data and stored.source == "Blatt" and stored.url == docs[5].url
        assert corpus.article(docs[2].id) == extract_raw(docs[2])  # text, offsets, metadata survive
        assert [a.raw_id for a in corpus.articles(source="Blatt")] == [docs[5].id]
        assert len(list(corpus.articles())) == 6
        with pytest.raises(KeyError, match="no document"):
            corpus.article("0" * 64)
        with pytest.raises(KeyError, match="at least 6"):
            corpus.raw("abc")


def test_extractor_bugs_are_recorded_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = corpus_module.run_extractor

    def flaky(raw: RawDocument, templates: object = None):  # type: ignore[no-untyped-def]
        if b"Schulhaus 3 " in raw.data:
            raise IndexError("list index out of range")
        return real(raw, templates)

    monkeypatch.setattr(corpus_module, "run_extractor", flaky)
    with Corpus.open(tmp_path / "c.db") as corpus:
        summary = corpus.ingest(_docs(5), workers=0, progress=False)
        assert summary.ingested == 5 and summary.failed == {"extractor-error": 1}
        (failure,) = corpus.failures(stage="extract")
        assert failure["origin"] == "test:3" and "IndexError" in failure["message"]


def test_reextract_redoes_old_versions_and_counts_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(_docs(6), workers=0, progress=False)
        assert corpus.reextract(workers=0, progress=False).documents == 0  # nothing is stale
        corpus.store.conn.execute("UPDATE extractions SET extractor_version = '0.0.1' WHERE rowid <= 2")
        summary = corpus.reextract(workers=0, progress=False)
        assert (summary.documents, summary.extracted, summary.changed) == (2, 2, 0)
        assert corpus.info()["extractor_versions"] == {extractor_version(): 6}

        victim = _docs(1, start=4)[0].id

        def newer(raw: RawDocument, templates: object = None):  # type: ignore[no-untyped-def]
            if raw.id == victim:
                raise NoArticleFound("nothing left")
            article = extract_raw(raw)
            article.set_paragraphs(article.paragraphs[:1])
            return article

        monkeypatch.setattr(corpus_module, "run_extractor", newer)
        summary = corpus.reextract(everything=True, workers=0, progress=False)
        assert (summary.documents, summary.extracted, summary.changed) == (6, 5, 5)
        assert summary.failed == {"no-article": 1}
        with pytest.raises(KeyError, match="no-article"):
            corpus.article(victim)  # the stale article went with the new failure
        assert corpus.raw(victim).data == text_dump(4).encode()


def test_template_hook_gets_the_outlets_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    real = corpus_module.run_extractor

    def spy(raw: RawDocument, templates: object = None):  # type: ignore[no-untyped-def]
        seen[raw.source or ""] = templates
        return real(raw, templates)

    monkeypatch.setattr(corpus_module, "run_extractor", spy)
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.store.conn.execute(
            "INSERT INTO source_templates VALUES ('Zeitung', 'boilerplate-lines', '1', '[\"Artikel teilen\"]', 'now')"
        )
        corpus.ingest(_docs(1) + _docs(1, start=1, source="Other"), workers=0, progress=False)
    assert seen == {"Zeitung": {"boilerplate-lines": ["Artikel teilen"]}, "Other": None}


def _crash_on_marker(jobs: list[_Job]) -> list:  # type: ignore[type-arg]
    """A worker's run that dies like a segfaulting parser on one document."""
    if any(b"CRASH" in job.raw.data for job in jobs):
        os._exit(13)
    return _run_jobs(jobs)


def _jobs(docs: list[RawDocument]) -> list[_Job]:
    return [_Job(d.id, d, "v", None, pack=True) for d in docs]


def _through(
    pool: WorkerPool, chunks: list[list[RawDocument]], before: Callable[[int], None] | None = None
) -> dict:  # type: ignore[type-arg]
    """Every chunk through the pool (``before(k)`` runs before chunk k is sent): extractions by id,
    each document answered exactly once."""
    results = []
    try:
        for k, chunk in enumerate(chunks):
            if before is not None:
                before(k)
            for batch in pool.submit(_jobs(chunk)):
                results.extend(batch)
        for batch in pool.drain():
            results.extend(batch)
    finally:
        pool.close()
    by_id = {extraction.raw_id: extraction for _, extraction in results}
    assert len(results) == len(by_id) == sum(map(len, chunks))
    return by_id


def test_a_worker_crash_costs_only_the_document_that_caused_it(tmp_path: Path) -> None:
    docs = _docs(40)
    docs[17] = RawDocument(docs[17].data + b"\nCRASH", origin="test:crash")
    pool = _extraction_pool(2)
    pool.run = _crash_on_marker
    by_id = _through(pool, [docs[i : i + 5] for i in range(0, 40, 5)])
    assert by_id[docs[17].id].reason == "extractor-crashed"
    assert all(e.status == "ok" for i, e in by_id.items() if i != docs[17].id)


def test_a_pool_broken_before_the_next_submit_loses_nothing(tmp_path: Path) -> None:
    """The pool can learn of a dead worker before anything collects its task: submit must cope."""
    docs = _docs(10)
    docs[2] = RawDocument(docs[2].data + b"\nCRASH", origin="test:crash")
    pool = _extraction_pool(2)
    pool.run, pool.max_in_flight = _crash_on_marker, 8

    def wait_until_broken(k: int) -> None:
        if k == 1:  # the first chunk's worker has died, and nothing has collected it yet
            deadline = time.monotonic() + 20
            while not pool.pool._broken and time.monotonic() < deadline:  # type: ignore[union-attr]
                time.sleep(0.05)
            assert pool.pool._broken  # type: ignore[union-attr]

    by_id = _through(pool, [docs[:5], docs[5:]], before=wait_until_broken)
    assert by_id[docs[2].id].reason == "extractor-crashed"


# ----------------------------------------------------------------------- processes, kill, readers


def _ingest_command(folder: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pressecho.cli",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-progress",
        *extra,
    ]


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_sigkill_mid_ingest_then_restart_equals_a_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    n = 600
    write_dumps(folder, n)
    killed_db = tmp_path / "killed.db"
    command = _ingest_command(folder, killed_db, "--workers", "1", "--commit-every", "20")
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while _committed(killed_db) < 40 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers, mid-run
    process.wait()
    at_kill = _committed(killed_db)
    assert 0 < at_kill < n, f"the kill came too late to test anything ({at_kill} of {n} committed)"

    subprocess.run(command, check=True, capture_output=True, timeout=120)
    with Corpus.open(tmp_path / "clean.db") as clean:
        clean.ingest(folder, workers=0, progress=False)
    assert _ids(killed_db) == _ids(tmp_path / "clean.db")
    with sqlite3.connect(killed_db) as conn:
        assert conn.execute("SELECT count(*) FROM extractions").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert conn.execute("SELECT count(DISTINCT origin) FROM raw_documents").fetchone()[0] == n


def test_readers_query_while_an_ingest_writes(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    n = 400
    write_dumps(folder, n)
    db = tmp_path / "c.db"
    process = subprocess.Popen(
        _ingest_command(folder, db, "--workers", "1", "--commit-every", "20"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen: list[int] = []
    try:
        while process.poll() is None:
            if _committed(db):
                with Corpus.open(db, readonly=True) as reader:
                    info = reader.info()
                    assert info["articles"] <= info["documents"]
                    seen.append(info["documents"])
                    assert sum(1 for _ in reader.articles(limit=5)) <= 5
            time.sleep(0.01)
    finally:
        process.wait(timeout=120)
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""
    assert seen == sorted(seen) and any(0 < count < n for count in seen)
    assert _committed(db) == n


def test_info_counts_the_outlets_pages_name_themselves(tmp_path: Path) -> None:
    """A saved page read without URL or source field names its outlet in its metadata (og:site_name)."""
    page = html_page(3).replace("<head>", "<head><meta property='og:site_name' content='Tagblatt'>")
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest([RawDocument(page.encode())], workers=0, progress=False)
        assert corpus.raw(next(corpus.articles()).raw_id).source is None
        assert next(corpus.articles()).source == "Tagblatt" and corpus.info()["sources"] == 1


def test_failures_of_a_stage_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "c.db") as corpus:
        assert list(corpus.store.failures(stage="extract")) == []
        with pytest.raises(ValueError, match="stages are read, extract, analyze"):
            list(corpus.store.failures(stage="extraction"))
