"""The language stage over a corpus: Corpus.analyze, stored results read back, staleness, failures,
interruption, export of quotes and entities, the CLI."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import pressecho
import pressecho.language as language
from pressecho.cli import main
from pressecho.corpus import Corpus, extractor_version
from pressecho.language import stage
from pressecho.model import Article, LanguageRun, Paragraph, RawDocument, Sentence, Token
from pressecho.store import language as language_store
from pressecho.store.sqlite import Extraction, article_row

ENGLISH = (
    "The president said on Thursday that the talks with the government had been useful and that he "
    "would return to the capital next week, where the parliament is expected to vote on the plan. "
    "Critics of the plan said it was too late and that the money would not be there when it is needed."
)


def _documents() -> list[RawDocument]:
    from conftest import SEEDS, need_shared

    seeds = sorted(need_shared(SEEDS).glob("0*.txt"))
    docs = [RawDocument(p.read_bytes(), url=f"https://news.example/{p.stem}", source="seed") for p in seeds]
    docs.append(RawDocument(ENGLISH.encode("utf-8"), url="https://news.example/en", source="english"))
    return docs


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    with Corpus.open(tmp_path / "c.db") as c:
        c.ingest(_documents(), workers=0, progress=False)
        yield c


def _count(c: Corpus, table: str) -> int:
    return int(c.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _ids(c: Corpus) -> dict[str, str]:
    """Article ids by language (the two seeds are German)."""
    rows = c.store.conn.execute("SELECT raw_id, language, url FROM articles ORDER BY url").fetchall()
    return {url.rsplit("/", 1)[1]: raw_id for raw_id, _, url in rows}


def test_analyze_stores_what_analyze_gives_and_reads_it_back(corpus: Corpus) -> None:
    summary = corpus.analyze(workers=0, progress=False)
    assert (summary.articles, summary.analyzed, dict(summary.skipped), dict(summary.failed)) == (
        3,
        2,
        {"unsupported-language": 1},
        {},
    )
    assert summary.entities > 10 and summary.quotes >= 6 and summary.sentences > 40
    for name, raw_id in _ids(corpus).items():
        stored = corpus.article(raw_id)
        fresh = pressecho.analyze(Article.from_dict({**stored.to_dict(), "sentences": [], "analysis": None}))
        assert stored.analysis is not None and fresh.analysis is not None
        assert stored.analysis.status == fresh.analysis.status, name
        assert stored.sentences == fresh.sentences
        assert stored.entities == fresh.entities
        assert stored.quotes == fresh.quotes
        if name != "en":
            names = {e.name for e in stored.entities}
            assert {"Wladimir Putin", "Kim Jong Un"} <= names
    # Corpus.articles() carries them too (the relate stage reads entities from there)
    by_id = {a.raw_id: a for a in corpus.articles()}
    assert sum(len(a.entities) for a in by_id.values()) == summary.entities
    assert all(not a.entities for a in corpus.articles(language=False))


def test_running_again_adds_nothing(corpus: Corpus) -> None:
    corpus.analyze(workers=0, progress=False)
    counts = {t: _count(corpus, t) for t in ("language_runs", "entities", "mentions", "quotes")}
    again = corpus.analyze(workers=0, progress=False)
    assert (again.analyzed, sum(again.skipped.values()), again.up_to_date) == (0, 0, 3)
    assert {t: _count(corpus, t) for t in counts} == counts
    everything = corpus.analyze(workers=0, progress=False, everything=True)
    assert everything.analyzed == 2 and sum(everything.skipped.values()) == 1
    assert {t: _count(corpus, t) for t in counts} == counts


def test_a_changed_text_invalidates_its_results(corpus: Corpus) -> None:
    corpus.analyze(workers=0, progress=False)
    raw_id = _ids(corpus)["000_e10715e7ea7c465e"]
    old = corpus.article(raw_id)
    paragraphs = [
        Paragraph(p.kind, ("Vorspann. " if i == 0 else "") + p.text) for i, p in enumerate(old.paragraphs)
    ]
    old.set_paragraphs(paragraphs)  # as a re-extraction that finds more text: every offset moves
    corpus.store.set_extractions([Extraction(raw_id, extractor_version(), "ok", article=article_row(old))])
    stale = corpus.article(raw_id)
    assert stale.analysis is None and not stale.entities  # old offsets are never attached to a new text
    summary = corpus.analyze(workers=0, progress=False)
    assert (summary.analyzed, summary.up_to_date) == (1, 2)
    fresh = corpus.article(raw_id)
    assert fresh.entities and all(
        fresh.text[m.start : m.end] == m.text for e in fresh.entities for m in e.mentions
    )


def test_a_new_stage_version_redoes_the_articles(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus.analyze(workers=0, progress=False)
    real = language.stage_versions()
    monkeypatch.setattr(stage, "stage_versions", lambda: {"de": "de 2; a newer model", "en": "en 1"})
    summary = corpus.analyze(workers=0, progress=False)
    assert summary.analyzed == 2 and sum(summary.skipped.values()) == 1  # English: a pipeline arrived
    monkeypatch.setattr(stage, "stage_versions", lambda: real)
    assert corpus.analyze(workers=0, progress=False).up_to_date == 3  # stored with the real versions


def test_failures_are_recorded_with_reasons(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    german = language.pipeline_for("de")
    assert german is not None
    broken = language.Component("quotes", _explode, german.components[2].version)
    monkeypatch.setattr(german, "components", [*german.components[:2], broken])
    summary = corpus.analyze(workers=0, progress=False)
    assert dict(summary.failed) == {"analyzer-error": 2}
    failures = list(corpus.failures(stage="analyze"))
    assert len(failures) == 2 and all(f["reason"] == "analyzer-error" for f in failures)
    assert "RuntimeError: boom" in failures[0]["message"]
    article = corpus.article(failures[0]["raw_id"])
    assert article.analysis is not None and article.analysis.status == "failed" and not article.entities
    assert corpus.info()["language"]["failed"] == {"analyzer-error": 2}
    monkeypatch.undo()
    assert corpus.analyze(workers=0, progress=False).analyzed == 0  # same version: not retried by itself
    assert corpus.analyze(workers=0, progress=False, everything=True).analyzed == 2
    assert not list(corpus.failures(stage="analyze"))


def _explode(article: Article) -> None:
    raise RuntimeError("boom")


def test_one_failing_article_does_not_fail_its_batch(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    german = language.pipeline_for("de")
    assert german is not None
    quotes = german.components[2]

    def picky(article: Article) -> None:
        if "Wladiwostok" in article.text[:300]:
            raise RuntimeError("boom")
        quotes.run(article)

    monkeypatch.setattr(
        german, "components", [*german.components[:2], language.Component("quotes", picky, "x")]
    )
    summary = stage.analyze_corpus(corpus.store, workers=0, progress=False, chunk_size=8)
    assert dict(summary.failed) == {"analyzer-error": 1} and summary.analyzed == 1


def test_an_interrupted_run_keeps_what_it_did(corpus: Corpus) -> None:
    seen: list[int] = []

    def interrupt(results: list[language_store.LanguageRows]) -> None:
        seen.append(len(results))
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stage.analyze_corpus(corpus.store, workers=0, progress=False, chunk_size=1, on_results=interrupt)
    assert _count(corpus, "language_runs") == 1
    rest = corpus.analyze(workers=0, progress=False)
    assert rest.analyzed + sum(rest.skipped.values()) == 2 and rest.up_to_date == 1


def test_worker_processes_store_the_same(corpus: Corpus, tmp_path: Path) -> None:
    stage.analyze_corpus(corpus.store, workers=1, progress=False, chunk_size=1)
    inline = tmp_path / "inline.db"
    with Corpus.open(inline) as other:
        other.ingest(_documents(), workers=0, progress=False)
        other.analyze(workers=0, progress=False)
        for raw_id in _ids(corpus).values():
            a, b = corpus.article(raw_id), other.article(raw_id)
            assert (a.sentences, a.entities, a.quotes) == (b.sentences, b.entities, b.quotes)


def test_a_text_seen_before_gets_a_copy_of_its_results(corpus: Corpus) -> None:
    corpus.analyze(workers=0, progress=False)
    seed = _documents()[0]
    again = [  # the same page fetched twice more: other bytes, the same text
        RawDocument(seed.data + b"\n" * n, url=f"{seed.url}?fetch={n}", source="seed") for n in (1, 2)
    ]
    corpus.ingest(again, workers=0, progress=False)
    original = corpus.article(_ids(corpus)[seed.url.rsplit("/", 1)[1]])
    summary = corpus.analyze(workers=0, progress=False)
    assert (summary.analyzed, summary.copied) == (0, 2)
    for doc in again:
        copy = corpus.article(doc.id)
        assert copy.text == original.text and copy.analysis == original.analysis
        assert (copy.sentences, copy.entities, copy.quotes) == (
            original.sentences,
            original.entities,
            original.quotes,
        )
    # texts new to the corpus, twice in one run: analysed once, copied once
    other = _documents()[1]
    twins = [RawDocument(other.data + b" " * n, url=f"{other.url}?n={n}", source="seed") for n in (1, 2)]
    corpus.ingest(twins, workers=0, progress=False)
    assert corpus.analyze(workers=0, progress=False).copied == 2  # the new twins copy the stored original
    everything = corpus.analyze(workers=0, progress=False, everything=True)
    assert (everything.analyzed, everything.copied, sum(everything.skipped.values())) == (2, 4, 1)
    assert _count(corpus, "language_runs") == 7


def test_results_of_vanished_articles_are_removed(corpus: Corpus) -> None:
    corpus.analyze(workers=0, progress=False)
    raw_id = _ids(corpus)["001_527902e303ca14e5"]
    corpus.store.conn.execute("DELETE FROM articles WHERE raw_id = ?", (raw_id,))  # re-extraction failed
    assert corpus.analyze(workers=0, progress=False).removed == 1
    for table in ("language_runs", "entities", "mentions", "quotes"):
        assert not corpus.store.conn.execute(f"SELECT 1 FROM {table} WHERE raw_id = ?", (raw_id,)).fetchone()


def test_export_quotes_entities_mentions_and_articles(corpus: Corpus, tmp_path: Path) -> None:
    corpus.analyze(workers=0, progress=False)
    texts = {a.raw_id: a.text for a in corpus.articles()}
    n = corpus.export(tmp_path / "q.csv", what="quotes")
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8-sig")))
    assert n == len(rows) >= 6
    assert {"id", "source", "start", "end", "kind", "text", "cue", "cue_start", "speaker"} <= set(rows[0])
    for row in rows:
        assert row["source"] == "seed"
        assert texts[row["id"]][int(row["start"]) :].startswith(row["text"].split(" … ")[0])
    assert any(r["speaker"] == "Wladimir Putin" and r["cue"] for r in rows)

    corpus.export(tmp_path / "e.jsonl", what="entities")
    entities = [json.loads(line) for line in (tmp_path / "e.jsonl").open(encoding="utf-8")]
    assert {"Wladimir Putin", "Kim Jong Un"} <= {e["name"] for e in entities}
    for e in entities:
        assert e["mentions"] and texts[e["id"]][e["start"] : e["end"]] == e["mentions"][0][2]
        assert all(texts[e["id"]][s:t] == w for s, t, w in e["mentions"])

    import pyarrow.parquet as pq

    corpus.export(tmp_path / "m.parquet", what="mentions")
    table = pq.read_table(tmp_path / "m.parquet")
    assert table.num_rows == _count(corpus, "mentions") and str(table.schema.field("start").type) == "int64"

    corpus.export(tmp_path / "a.jsonl")
    for line in (tmp_path / "a.jsonl").open(encoding="utf-8"):
        article = Article.from_dict(json.loads(line))
        assert article.analysis is not None
        if article.analysis.status == "ok":
            assert article.sentences and article.entities and article.quotes


def test_sentences_blob_round_trips() -> None:
    text = "Ein Satz. 😀 Noch einer mit 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.\n\nNeuer Absatz"
    groups = [["Ein", "Satz", "."], ["😀"], ["Noch", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "."], ["Neuer", "Absatz"]]
    sentences, pos = [], 0
    for words in groups:
        tokens = []
        for word in words:
            pos = text.index(word, pos)
            tokens.append(Token(word, pos, pos + len(word)))
            pos += len(word)
        sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    blob = language_store.encode_sentences(sentences)
    assert language_store.decode_sentences(blob, text) == sentences
    assert len(blob) < 60
    assert language_store.decode_sentences(language_store.encode_sentences([]), "") == []
    # tokens out of order (paragraph offsets a broken extraction gave) still round-trip
    backwards = [Sentence(4, 8, [Token("Satz", 4, 8)]), Sentence(0, 3, [Token("Ein", 0, 3)])]
    assert language_store.decode_sentences(language_store.encode_sentences(backwards), text) == backwards
    with pytest.raises(ValueError):
        language_store.decode_sentences(b"XX" + blob[2:], text)


def test_cli_analyze_ingest_analyze_export_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SEEDS, need_shared

    db = str(tmp_path / "cli.db")
    seed = str(sorted(need_shared(SEEDS).glob("0*.txt"))[0])
    assert main(["ingest", seed, "--db", db, "--workers", "0", "--no-progress", "--analyze", "--json"]) == 0
    ingest = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert ingest["extracted"] == 1 and ingest["analyze"]["analyzed"] == 1
    assert main(["analyze", "--db", db, "--workers", "0", "--no-progress", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["up_to_date"] == 1
    assert main(["analyze", "--db", db, "--workers", "0", "--no-progress"]) == 0
    assert "analysed 0 articles" in capsys.readouterr().err
    assert main(["export", "-", "--db", db, "--what", "quotes", "--format", "jsonl"]) == 0
    quotes = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert quotes and all({"id", "source", "start", "end", "speaker", "cue"} <= set(q) for q in quotes)
    assert main(["failures", "--db", db, "--stage", "analyze"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["info", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"]["analyzed"] == 1


def _crash_on_marked(items: list[tuple[Article, str]]) -> list[language_store.LanguageRows]:
    """A worker's run that dies (as a crash in a parser would) on an article marked ``crash``."""
    import os

    out = []
    for article, sha in items:
        if article.raw_id == "crash":
            os._exit(3)
        article.analysis = LanguageRun("ok", "de", "test", [])
        out.append(language_store.rows_of(article, sha=sha))
    return out


def test_a_worker_that_dies_costs_only_the_article_that_killed_it() -> None:
    articles = [
        Article.from_paragraphs(name, [Paragraph("text", f"Text {name}.")])
        for name in ("a", "b", "crash", "c")
    ]
    workers = stage.analysis_pool(1, run=_crash_on_marked)
    try:
        results = [
            rows
            for chunk in ([(a, "sha")] for a in articles)
            for batch in workers.submit(chunk)
            for rows in batch
        ]
        results += [rows for batch in workers.drain() for rows in batch]
    finally:
        workers.close()
    by_id = {rows.raw_id: rows for rows in results}
    assert sorted(by_id) == ["a", "b", "c", "crash"]
    assert (by_id["crash"].status, by_id["crash"].reason) == ("failed", "analyzer-crashed")
    assert all(by_id[name].status == "ok" for name in "abc")


def test_info_counts_articles_waiting_for_analysis_and_analyze_reports_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import SEEDS, need_shared

    db = str(tmp_path / "wait.db")
    seed = sorted(need_shared(SEEDS).glob("0*.txt"))[0]
    twin = tmp_path / "twin.txt"
    twin.write_bytes(seed.read_bytes() + b"\n\n")  # other bytes, the same text
    assert main(["ingest", str(seed), str(twin), "--db", db, "--workers", "0", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["info", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"]["waiting"] == 2
    assert main(["info", "--db", db]) == 0
    assert "2 (pressecho analyze)" in capsys.readouterr().out  # not "not analysed: none"
    assert main(["analyze", "--db", db, "--workers", "0", "--no-progress"]) == 0
    assert "copied: 1" in capsys.readouterr().err  # analysed 1 + copied 1: both articles accounted for
    assert main(["info", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"]["waiting"] == 0


def test_who_said_what_across_the_articles_of_a_story(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two seeds carry the same agency quotes: each is one entry with both articles."""
    corpus.analyze(workers=0, progress=False)
    corpus.relate(progress=False)
    entries = corpus.said(speaker="putin")
    assert entries and all("Putin" in e["speaker"] for e in entries)
    shared = [e for e in entries if len({a["id"] for a in e["articles"]}) == 2]
    assert shared  # the same words in both outlets' versions
    for e in shared:
        (story,) = {a["story"] for a in e["articles"]}
        for a in e["articles"]:  # each article points to the words in its own text
            assert corpus.article(a["id"]).text[a["start"] : a["end"]]
    story = shared[0]["articles"][0]["story"]
    assert corpus.said(story=story) == corpus.story(story)["said"] and corpus.story(story)["said"]
    assert all(
        e["speaker"].lower() not in ("er", "sie") for e in corpus.said()
    )  # unresolved pronouns say nothing
    assert corpus.said(speaker="nobody-of-that-name") == []
    with pytest.raises(KeyError):
        corpus.said(story="zzzz")
    db = str(corpus.path)
    corpus.close()
    assert main(["quotes", "--db", db, "--speaker", "Putin", "--format", "json"]) == 0
    assert [e["text"] for e in json.loads(capsys.readouterr().out)] == [e["text"] for e in entries]
    assert main(["quotes", "--db", db, "--speaker", "Putin"]) == 0
    assert "who said what" in capsys.readouterr().out
    assert main(["story", story, "--db", db]) == 0  # the story view's table of the same
    assert "who said what" in capsys.readouterr().out


def test_who_said_what_by_a_name_with_umlauts_and_no_wildcards(tmp_path: Path) -> None:
    """From QA: --speaker matched through SQLite's LIKE, which folds only ASCII ("özdemir" found nothing
    of Cem Özdemir) and took "%" and "_" as wildcards ("%" listed every speaker)."""
    text = (
        "Bundesminister Cem Özdemir hat am Dienstag in Berlin neue Regeln für die Landwirtschaft vorgestellt. "
        "«Wir werden die Betriebe entlasten», sagte Özdemir vor den Medien in Berlin. "
        "Der Bauernverband reagierte zurückhaltend auf die Pläne des Ministers."
    )
    path = tmp_path / "q.jsonl"
    path.write_text(
        json.dumps({"id": "1", "text": text, "language": "de"}, ensure_ascii=False), encoding="utf-8"
    )
    with Corpus.open(tmp_path / "q.db") as corpus:
        corpus.ingest(path, workers=0, progress=False)
        corpus.analyze(workers=0, progress=False)
        everyone = corpus.said()
        assert any("Özdemir" in e["speaker"] for e in everyone)
        assert (
            corpus.said(speaker="özdemir") == corpus.said(speaker="ÖZDEMIR") == corpus.said(speaker="Özdemir")
        )
        assert corpus.said(speaker="özdemir") == [e for e in everyone if "Özdemir" in e["speaker"]]
        assert corpus.said(speaker="%") == [] and corpus.said(speaker="_zdemir") == []


def test_a_role_one_outlet_left_unresolved_is_the_person_the_story_names(tmp_path: Path) -> None:
    """The hail story's four reports: one calls the vegetable farmer only "die Gemüsebäuerin"; the
    others name her, so her words are hers in all four."""
    from pressecho.examples import CORPUS_DIR

    files = [
        CORPUS_DIR / f
        for f in (
            "tagesrauschen/2024-08-20-hagel.txt",
            "aareblick/2024-08-20-hagel.html",
            "murblick/2024-08-20-hagel.html",
            "tagesrauschen/2024-08-20-hagel-update.txt",
        )
    ]
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(*files, workers=0, progress=False, options=None)
        corpus.analyze(workers=0, progress=False)
        corpus.relate(progress=False)
        entries = corpus.said(speaker="Zbinden")
        words = [e for e in entries if e["text"].startswith("Drei Monate Arbeit")]
        assert len(words) == 1 and words[0]["speaker"] == "Marianne Zbinden"
        assert len({a["id"] for a in words[0]["articles"]}) == 4
        assert not [e for e in corpus.said() if e["speaker"] == "Gemüsebäuerin"]
