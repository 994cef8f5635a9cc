"""relate, stories, story and compare on a small corpus, text and JSON; article text is not markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressecho.cli import main

KIM_1 = """Putin und Kim treffen sich in Wladiwostok

25.04.2019, 13:15

Der russische Präsident Wladimir Putin und Nordkoreas Machthaber Kim Jong Un sind am Donnerstag in Wladiwostok zu ihrem ersten Gipfel zusammengetroffen. Die beiden Staatschefs trafen sich in der Stadt im äussersten Osten Russlands.

Putin hat sich nach dem Gespräch für internationale Sicherheitsgarantien für Nordkorea ausgesprochen. Eine atomare Abrüstung dort sei nicht möglich, ohne dem Staat seine territoriale Unversehrtheit zu garantieren. Putin bezeichnete seinen Dialog mit Kim als konstruktiv. [red]nicht rot[/red]
"""
KIM_2 = """Kremlchef Putin will Garantien für Nordkorea

25.04.2019, 15:40

Kremlchef Wladimir Putin hat sich nach seinem ersten Treffen mit dem nordkoreanischen Machthaber Kim Jong Un in Wladiwostok für internationale Sicherheitsgarantien für Nordkorea ausgesprochen. Eine atomare Abrüstung dort sei nicht möglich, ohne dem Staat seine territoriale Unversehrtheit zu garantieren.

Putin bezeichnete seinen Dialog mit Kim als konstruktiv. Über diese Garantien müsse die internationale Gemeinschaft nachdenken, sagte er in Wladiwostok.
"""
STRIKE = """Lokführer legen den Regionalverkehr in Sachsen lahm

21.08.2024, 07:45

Die Gewerkschaft der Lokführer hat am Mittwochmorgen zu einem Streik im Regionalverkehr aufgerufen. Pendler in Dresden, Leipzig und Chemnitz warteten vergeblich auf ihre Züge, die Bahn sprach von einer Provokation.

Die Schlichtung war in der Nacht gescheitert. Der Streik soll bis Freitag dauern, teilte die Gewerkschaft mit.
"""


@pytest.fixture
def db(tmp_path: Path) -> str:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in (("kim1.txt", KIM_1), ("kim2.txt", KIM_2), ("streik.txt", STRIKE)):
        (docs / name).write_text(text, encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert main(["ingest", str(docs), "--db", path, "--no-progress"]) == 0
    assert main(["relate", "--db", path, "--no-progress", "--json"]) == 0
    return path


def test_stories_json_lists_stories_with_articles(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    sizes = sorted(len(s["articles"]) for s in stories)
    assert sizes == [1, 2]
    pair = next(s for s in stories if len(s["articles"]) == 2)
    assert all({"id", "source", "published", "title"} <= set(a) for a in pair["articles"])


def test_story_and_compare(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["stories", "--db", db, "--format", "json"])
    pair = next(s for s in json.loads(capsys.readouterr().out) if len(s["articles"]) == 2)
    a, b = (art["id"] for art in pair["articles"])
    assert main(["story", pair["id"], "--db", db, "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["links"] and story["links"][0]["score"] >= 0.5
    assert all(art["reuse"] is not None for art in story["articles"])
    assert main(["story", a[:10], "--db", db]) == 0  # by an article's id prefix, as text
    out = capsys.readouterr().out
    assert "why they are one story" in out
    assert main(["compare", a, b, "--db", db, "--format", "json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["same_story"] and "score" in compared["evidence"]
    assert main(["compare", a, b, "--db", db]) == 0
    out = capsys.readouterr().out


def test_story_unknown_id_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story", "zzzz", "--db", db]) == 1
    assert "no story" in capsys.readouterr().err
