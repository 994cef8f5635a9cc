"""``pressecho demo``: the README's first command ingests, analyses and relates the example corpus,
and the stories it shows are the corpus's invented events, each article under its outlet."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pressecho.cli import main
from pressecho.corpus import Corpus
from pressecho.examples import CORPUS_DIR, INDEX_FILE
from pressecho.ingest import ReadOptions
from pressecho.ingest.files import iter_folder


def test_demo_shows_the_example_corpus_events_as_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = str(tmp_path / "demo.db")
    assert main(["demo", "--db", db, "--no-progress", "--workers", "0"]) == 0
    index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    assert f"{len(index['events'])} stories" in capsys.readouterr().out
    doc_of = {
        hashlib.sha256((CORPUS_DIR / d["file"]).read_bytes()).hexdigest(): d for d in index["documents"]
    }
    with Corpus.open(db, readonly=True) as corpus:
        stories = corpus.stories()
        info = corpus.info()
    assert info["sources"] == len(index["outlets"])
    assert info["language"]["analyzed"] == len(index["documents"])
    assert info["language"]["quotes"] > 0
    events = [{doc_of[a["id"]]["event"] for a in s["articles"]} for s in stories]
    assert all(len(e) == 1 for e in events)
    assert sorted(e.pop() for e in events) == sorted(e["id"] for e in index["events"])
    for story in stories:
        for a in story["articles"]:
            assert a["source"] == doc_of[a["id"]]["outlet"]  # the folder the page is in
    # a second run adds nothing and shows the same stories
    assert main(["demo", "--db", db, "--no-progress", "--workers", "0"]) == 0
    with Corpus.open(db, readonly=True) as corpus:
        assert [s["id"] for s in corpus.stories()] == [s["id"] for s in stories]


def test_demo_extract_only_lists_every_page(capsys: pytest.CaptureFixture) -> None:
    assert main(["demo", "--extract-only"]) == 0
    out = capsys.readouterr().out
    assert f"{len(json.loads(INDEX_FILE.read_text(encoding='utf-8'))['documents'])} pages" in out


def test_outlet_from_folder(tmp_path: Path) -> None:
    (tmp_path / "blatt" / "2024").mkdir(parents=True)
    (tmp_path / "blatt" / "2024" / "a.txt").write_text("Ein Text.", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("Noch ein Text.", encoding="utf-8")
    by_name = lambda options: {Path(i.origin).name: i.source for i in iter_folder(tmp_path, options)}  # noqa: E731
    assert by_name(ReadOptions(source_from_folder=True)) == {"a.txt": "blatt", "loose.txt": None}
    assert by_name(ReadOptions()) == {"a.txt": None, "loose.txt": None}
    assert by_name(ReadOptions(source="Zeitung", source_from_folder=True)) == {
        "a.txt": "Zeitung",
        "loose.txt": "Zeitung",
    }


def test_corpus_is_part_of_the_package_api() -> None:
    import pressecho

    assert pressecho.Corpus is Corpus and "Corpus" in pressecho.__all__
    with pytest.raises(AttributeError):
        _ = pressecho.NoSuchThing  # type: ignore[attr-defined]
