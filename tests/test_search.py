"""Full-text search: ranking, FTS5 syntax and plain words, the index kept in step with the articles
(re-extraction, edits, deletions), an older corpus indexed on upgrade, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressecho.cli import main
from pressecho.corpus import Corpus
from pressecho.store.search import MATCH_END, MATCH_START
from test_ingest import text_dump


def _records(tmp_path: Path) -> Path:
    records = [
        {"id": str(i), "text": text_dump(i), "source": "Tagblatt" if i % 2 else "Anzeiger"} for i in range(6)
    ]
    records.append(
        {
            "id": "kim",
            "title": "Gipfel in Wladiwostok",
            "source": "Anzeiger",
            "text": "Der nordkoreanische Machthaber Kim Jong Un ist in Wladiwostok eingetroffen. Er traf dort "
            "den russischen Präsidenten zu einem Gipfel, dem ersten der beiden Staatschefs. Die Gespräche "
            "dauerten mehrere Stunden, wie die Bundesregierung in Berlin mitteilte.",
        }
    )
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    corpus = Corpus.open(tmp_path / "c.db")
    corpus.ingest(_records(tmp_path), workers=0, progress=False)
    return corpus


def test_words_phrases_prefixes_and_outlets(corpus: Corpus) -> None:
    (hit,) = corpus.search("Wladiwostok Gipfel")
    assert hit["title"] == "Gipfel in Wladiwostok" and hit["source"] == "Anzeiger"
    assert f"{MATCH_START}Wladiwostok{MATCH_END}" in hit["snippet"]
    assert len(corpus.search('"Kim Jong Un"')) == 1 and corpus.search('"Jong Kim"') == []
    assert len(corpus.search("Bundes*")) == 1  # a compound is one word: its start finds it
    assert corpus.search("Regierung") == []
    assert {h["source"] for h in corpus.search("Schulhaus", source="Tagblatt")} == {"Tagblatt"}
    assert len(corpus.search("Schulhaus", limit=2)) == 2
    # the title weighs most: the article about Schulhaus 3 comes first for "Schulhaus 3"
    assert corpus.search("Schulhaus 3")[0]["title"] == "Schulhaus 3 wird saniert"
    assert corpus.search("zurich") == corpus.search("Zürich")  # diacritics folded


def test_queries_that_are_not_fts_syntax_are_plain_words(corpus: Corpus) -> None:
    assert len(corpus.search("Kim-Jong")) == 1  # FTS5 rejects the hyphen: read as words in a row
    assert len(corpus.search('Kim "Wladiwostok')) == 1  # a stray quote
    assert len(corpus.search("Kim OR Thun")) == 2  # FTS5 syntax is used where it is valid
    with pytest.raises(ValueError):
        corpus.search("   ")
    with pytest.raises(ValueError):
        corpus.search("!! ??")


def test_the_index_follows_the_articles(corpus: Corpus) -> None:
    conn = corpus.store.conn
    (hit,) = corpus.search("eingetroffen")  # a word of the body only
    conn.execute("UPDATE articles SET text = 'Ein Text über Tiefbau.' WHERE raw_id = ?", (hit["id"],))
    assert corpus.search("eingetroffen") == [] and [h["id"] for h in corpus.search("Tiefbau")] == [hit["id"]]
    assert [h["id"] for h in corpus.search("Gipfel")] == [hit["id"]]  # the title is still there
    conn.execute("DELETE FROM articles WHERE raw_id = ?", (hit["id"],))
    assert corpus.search("Tiefbau") == [] and corpus.search("Gipfel") == []
    # re-extraction writes every article again (an upsert): each is found once, with its text
    corpus.reextract(everything=True, workers=0, progress=False)
    assert len(corpus.search("eingetroffen")) == 1 and corpus.search("Tiefbau") == []
    assert len(corpus.search("Schulhaus", limit=100)) == 6


def test_a_corpus_of_an_older_pressecho_is_indexed_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Corpus.open(db) as corpus:
        corpus.ingest(_records(tmp_path), workers=0, progress=False)
        conn = corpus.store.conn
        for statement in (
            "DROP TRIGGER articles_fts_insert",
            "DROP TRIGGER articles_fts_delete",
            "DROP TRIGGER articles_fts_update",
            "DROP TABLE articles_fts",
            "DROP VIEW articles_search",
            "PRAGMA user_version = 5",
        ):
            conn.execute(statement)
    assert main(["search", "Gipfel", "--db", str(db)]) == 2  # read-only: not upgraded, a clear message
    with Corpus.open(db) as corpus:  # a writing open upgrades it: the index is built from the articles
        assert len(corpus.search("Schulhaus", limit=100)) == 6 and len(corpus.search("Gipfel")) == 1


def test_cli_search(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(corpus.path)
    corpus.relate(progress=False)
    corpus.close()
    assert main(["search", "Kim", "Jong", "--db", db, "--format", "json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["title"] == "Gipfel in Wladiwostok" and hit["story"] and MATCH_START not in hit["snippet"]
    assert main(["search", "Wladiwostok", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Gipfel in Wladiwostok" in out and hit["story"] in out
    with pytest.raises(SystemExit):
        main(["search", "Wladiwostok", "--db", db, "--limit", "0"])


def test_a_minus_excludes_a_word_and_a_huge_query_is_refused(corpus: Corpus) -> None:
    """From QA: 'Schulhaus -Thun' found only the articles *with* Thun (FTS5 rejects the minus and the word
    became one more required phrase); a pasted page of 3,000 words ran for more than ten minutes."""
    with_thun = {h["id"] for h in corpus.search("Schulhaus Thun", limit=100)}
    everything = {h["id"] for h in corpus.search("Schulhaus", limit=100)}
    assert with_thun and len(everything) == 6
    assert {h["id"] for h in corpus.search("Schulhaus -Thun", limit=100)} == everything - with_thun
    assert {h["id"] for h in corpus.search("Schulhaus -Thun -Bern", limit=100)} == everything - with_thun - {
        h["id"] for h in corpus.search("Schulhaus Bern", limit=100)
    }
    assert len(corpus.search("Kim-Jong")) == 1  # a hyphen inside a word is no minus
    with pytest.raises(ValueError, match="excludes"):
        corpus.search("-Thun")
    with pytest.raises(ValueError, match="3,000 words"):
        corpus.search("Schulhaus " * 3000)


def test_cli_takes_excluded_words_not_for_options(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    """From QA: 'pressecho search Schulhaus -Thun' was argparse's 'unrecognized arguments: -Thun'."""
    db = str(corpus.path)
    expected = [h["id"] for h in corpus.search("Schulhaus -Thun", limit=100)]
    corpus.close()
    assert main(["search", "Schulhaus", "-Thun", "--db", db, "--limit", "100", "--format", "json"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)] == expected and expected
    with pytest.raises(SystemExit):  # a real unknown option is still an error
        main(["search", "Schulhaus", "--bogus", "--db", db])


def test_a_period_of_days(tmp_path: Path) -> None:
    records = [
        {"id": str(day), "text": text_dump(day), "date": f"2024-03-{day:02d}T23:30+01:00"}
        for day in (4, 5, 6)
    ]
    path = tmp_path / "dated.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with Corpus.open(tmp_path / "c.db") as corpus:
        corpus.ingest(path, workers=0, progress=False)
        days = {
            h["published"][:10] for h in corpus.search("Schulhaus", since="2024-03-05", until="2024-03-05")
        }
        assert days == {"2024-03-05"}  # the whole last day, its evening too
        assert len(corpus.search("Schulhaus", since="2024-03-05")) == 2
        assert len(corpus.search("Schulhaus", until="2024-03-04")) == 1
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            corpus.search("Schulhaus", since="5.3.2024")
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            corpus.said(until="2024-02-30")
