"""Export of a corpus: JSONL (round-trips to Article), CSV and Parquet (flat columns), failures; the CLI."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pressecho.cli import main
from pressecho.corpus import Corpus
from pressecho.model import Article, RawDocument
from test_ingest import text_dump, write_dumps


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    docs = [
        RawDocument(text_dump(i).encode(), url=f"https://www.z.example/{i}", origin=f"t:{i}")
        for i in range(4)
    ]
    docs.append(RawDocument(b"\x00\x01\x02 binary", origin="t:binary"))
    corpus = Corpus.open(tmp_path / "c.db")
    corpus.ingest(docs, workers=0, progress=False)
    return corpus


def test_jsonl_round_trips_to_articles(corpus: Corpus, tmp_path: Path) -> None:
    assert corpus.export(tmp_path / "a.jsonl") == 4
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4
    for line in lines:
        assert (
            line["id"] == line["raw_id"] and line["source"] == "z.example" and line["origin"].startswith("t:")
        )
        assert Article.from_dict(line) == corpus.article(line["id"])


def test_csv_is_safe_to_open_in_a_spreadsheet(tmp_path: Path) -> None:
    """Excel reads UTF-8 only with a byte order mark, and runs a cell starting with = + - @ as a formula:
    untrusted titles and texts ("+++ Eilmeldung +++", a planted "=HYPERLINK(...)") are marked as text."""
    feed = tmp_path / "records.jsonl"
    records = [
        {"id": "1", "title": "+++ Eilmeldung: Brücke gesperrt +++", "text": text_dump(1)},
        {"id": "2", "title": '=HYPERLINK("http://evil.example","Klick")', "text": text_dump(2)},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(feed, workers=0, progress=False)
        corpus.export(tmp_path / "sheet.csv")
        corpus.export(tmp_path / "plain.csv", spreadsheet=False)
    sheet = (tmp_path / "sheet.csv").read_bytes()
    assert sheet.startswith("\ufeff".encode()) and "Brücke".encode() in sheet
    titles = {row["title"] for row in csv.DictReader((tmp_path / "sheet.csv").open(encoding="utf-8-sig"))}
    assert titles == {"'" + r["title"] for r in records}
    plain = (tmp_path / "plain.csv").read_bytes()
    assert not plain.startswith("\ufeff".encode())
    assert {row["title"] for row in csv.DictReader((tmp_path / "plain.csv").open(encoding="utf-8"))} == {
        r["title"] for r in records
    }


def test_export_file_has_a_normal_files_mode(corpus: Corpus, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        corpus.export(tmp_path / "a.csv")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600


def test_csv_and_parquet_have_flat_columns(corpus: Corpus, tmp_path: Path) -> None:
    assert corpus.export(tmp_path / "a.csv") == 4
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    article = corpus.article(rows[0]["id"])
    assert rows[0]["text"] == article.text and json.loads(rows[0]["credits"]) == article.credits
    assert int(rows[0]["n_paragraphs"]) == len(article.paragraphs)

    assert corpus.export(tmp_path / "a.out", "parquet") == 4
    table = pq.read_table(tmp_path / "a.out")
    assert table.num_rows == 4 and table.schema.field("n_chars").type == "int64"
    first = table.slice(0, 1).to_pylist()[0]
    paragraphs = json.loads(first["paragraphs"])
    assert [first["text"][p["start"] : p["end"]] for p in paragraphs] == [p["text"] for p in paragraphs]


def test_failures_export_and_bad_formats(corpus: Corpus, tmp_path: Path) -> None:
    assert corpus.export(tmp_path / "f.jsonl", what="failures") == 1
    (failure,) = [json.loads(x) for x in (tmp_path / "f.jsonl").read_text().splitlines()]
    assert failure["reason"] == "binary" and failure["origin"] == "t:binary"
    with pytest.raises(ValueError, match="cannot tell the export format"):
        corpus.export(tmp_path / "a.xlsx")
    with pytest.raises(ValueError, match="unknown export format"):
        corpus.export(tmp_path / "a.x", "xml")
    assert not list(tmp_path.glob(".a.*"))  # no temporary file left behind


def test_cli_ingest_info_export_reextract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_dumps(tmp_path / "dumps", 3)
    db = str(tmp_path / "c.db")
    assert (
        main(["ingest", str(tmp_path / "dumps"), "--db", db, "--workers", "0", "--no-progress", "--json"])
        == 0
    )
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["ingested"] == 3 and summary["extracted"] == 3
    assert main(["info", "--db", db, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["articles"] == 3 and sum(info["languages"].values()) == 3
    assert info["related"]["articles"] == 0
    assert main(["relate", "--db", db, "--no-progress", "--json"]) == 0
    capsys.readouterr()
    assert main(["info", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "languages" in shown and "3 articles:" in shown
    assert main(["export", str(tmp_path / "out.parquet"), "--db", db]) == 0
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 3
    assert main(["export", "-", "--db", db, "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert main(["reextract", "--db", db, "--all", "--workers", "0", "--no-progress", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 3
    # an ingest that could read nothing at all (a mistyped path) fails, so a script notices
    assert main(["ingest", str(tmp_path / "dumsp"), "--db", db, "--workers", "0", "--no-progress"]) == 1
    assert main(["ingest", str(tmp_path / "dumps"), "--db", db, "--workers", "0", "--no-progress"]) == 0
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 50)
    assert main(["info", "--db", str(tmp_path / "junk.db")]) == 2
    assert "store-error" in capsys.readouterr().err


def test_story_passage_and_link_exports_point_into_the_texts(tmp_path: Path) -> None:
    from pressecho.examples import CORPUS_DIR

    with Corpus.open(tmp_path / "s.db") as corpus:
        corpus.ingest(CORPUS_DIR / "aareblick", CORPUS_DIR / "murblick", workers=0, progress=False)
        corpus.relate(progress=False)
        stories = corpus.stories()
        assert corpus.export(tmp_path / "s.csv", what="stories") == sum(s["n_articles"] for s in stories)
        assert corpus.export(tmp_path / "p.jsonl", what="passages") > 0
        assert corpus.export(tmp_path / "p.parquet", what="passages") > 0
        assert corpus.export(tmp_path / "l.jsonl", what="links") > 0
        rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8-sig")))
        assert {r["story_id"] for r in rows} == {s["id"] for s in stories}
        assert all(0 <= float(r["reused_share"]) <= 1 for r in rows)
        assert any(float(r["reused_share"]) > 0.2 for r in rows)  # the outlets share agency copy
        passages = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
        for p in passages:
            a, b = corpus.article(p["a"]).text, corpus.article(p["b"]).text
            assert a[p["a_start"] : p["a_end"]] == p["a_text"] and b[p["b_start"] : p["b_end"]] == p["b_text"]
        assert pq.read_table(tmp_path / "p.parquet").schema.field("score").type == "double"
        links = [json.loads(x) for x in (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()]
        assert all(link["evidence"]["shared_terms"] for link in links if link["kind"] == "same-story")
