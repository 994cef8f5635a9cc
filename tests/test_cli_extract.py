"""``pressecho extract``: files and folders in, one output per good file, bad files reported, batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import pressecho
from pressecho.cli import main
from pressecho.model import Article

SENTENCES = [
    "Der Gemeinderat von Thun hat am Dienstag beschlossen, das Schulhaus am See für zwölf Millionen Franken "
    "zu sanieren.",
    "Die Arbeiten sollen im Frühling beginnen und rund drei Jahre dauern, wie die Gemeinde in einer "
    "Mitteilung schreibt.",
    "Gegen das Projekt hatten sich im vergangenen Jahr über zweihundert Anwohnerinnen und Anwohner mit "
    "einer Petition gewehrt.",
]
PAGE = (
    "<!DOCTYPE html><html><head><title>Schulhaus wird saniert</title></head><body><article>"
    "<h1>Schulhaus wird saniert</h1>"
    + "".join(f"<p>{s}</p>" for s in SENTENCES[:2])
    + "<h2>Widerstand im Quartier</h2>"
    + f"<p>{SENTENCES[2]}</p><p>Artikel teilen</p></article></body></html>"
)
DUMP = "Startseite\nRegion\n" + "\n".join(SENTENCES) + "\nArtikel teilen\n"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "dump.txt").write_text(DUMP, encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "[red]menu.html").write_text(
        "<html><head><title>Menü</title></head><body><nav><a href='/'>Startseite</a></nav></body></html>",
        encoding="utf-8",
    )
    return folder


def test_folder_to_text_files_reports_bad_files_and_goes_on(
    batch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    rc = main(["extract", str(batch), "--out", str(out)])
    captured = capsys.readouterr()
    assert rc == 1  # some inputs failed
    assert sorted(p.name for p in out.iterdir()) == ["dump.txt", "page.txt"]
    page_lines = (out / "page.txt").read_text(encoding="utf-8").splitlines()
    assert page_lines == [SENTENCES[0], SENTENCES[1], "Widerstand im Quartier", SENTENCES[2]]
    assert SENTENCES[2] in (out / "dump.txt").read_text(encoding="utf-8")
    assert "empty.html: empty:" in captured.err
    assert "image.png: binary:" in captured.err
    assert "[red]menu.html: no-article:" in captured.err  # printed as it is, not taken for markup
    assert "extracted 2 of 5 files, 3 failed" in captured.err
    assert captured.out == ""


def test_folder_to_json_files_that_load_as_articles(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    main(["extract", str(batch), "--out", str(out), "--format", "json"])
    assert sorted(p.name for p in out.iterdir()) == ["dump.json", "page.json"]
    article = Article.from_dict(json.loads((out / "page.json").read_text(encoding="utf-8")))
    assert article == pressecho.extract((batch / "page.html").read_bytes())
    assert article.title == "Schulhaus wird saniert"
    assert [p.kind for p in article.paragraphs] == ["text", "text", "heading", "text"]


def test_all_good_files_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.html")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        SENTENCES[0],
        SENTENCES[1],
        "Widerstand im Quartier",
        SENTENCES[2],
    ]


def test_json_on_stdout_is_one_article_per_line(batch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["extract", str(batch / "page.html"), str(batch / "sub" / "dump.txt"), "--format", "json"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert [Article.from_dict(json.loads(line)).format for line in lines] == ["html", "textdump"]


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "story.html").write_text(PAGE.replace("Thun", sub.upper()), encoding="utf-8")
    main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["story-2.txt", "story.txt"]


def test_no_input_files(tmp_path: Path) -> None:
    assert main(["extract", str(tmp_path)]) == 2


def test_the_installed_command(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pressecho.cli", "extract", str(batch), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert (out / "page.txt").exists()
    assert "binary" in proc.stderr


def test_a_reader_that_leaves_early_ends_the_command_quietly() -> None:
    """`pressecho extract folder/ --format json | head -1`: no BrokenPipeError traceback."""
    from pressecho.examples import CORPUS_DIR

    proc = subprocess.Popen(
        [sys.executable, "-m", "pressecho.cli", "extract", str(CORPUS_DIR), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    json.loads(proc.stdout.readline())  # the first article, then the reader goes away
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
