"""relate, stories, story and compare on the example corpus's HTML pages, text and JSON; article text is
printed as written, never read as markup."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pressecho.cli import main
from pressecho.corpus import Corpus
from pressecho.examples import CORPUS_DIR, INDEX_FILE

HTML_OUTLETS = ("aareblick", "kranichbote", "murblick")
MARKUP = "[red]nicht rot[/red]"
MARKED = "murblick/2024-08-20-hagel.html"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML outlets of the example corpus (they extract well), one page with rich markup in its text."""
    root = tmp_path_factory.mktemp("cli-stories")
    docs = root / "docs"
    for outlet in HTML_OUTLETS:
        shutil.copytree(CORPUS_DIR / outlet, docs / outlet)
    page = docs / MARKED
    html = page.read_text(encoding="utf-8")
    sentence = "Verletzt wurde nach ersten Erkenntnissen niemand."
    assert sentence in html
    page.write_text(
        html.replace(sentence, f"{sentence} Die Feuerwehr meldete {MARKUP} keine Verletzten."), "utf-8"
    )
    path = str(root / "c.db")
    assert main(["ingest", str(docs), "--db", path, "--no-progress", "--workers", "0"]) == 0
    assert main(["relate", "--db", path, "--no-progress", "--json"]) == 0
    return path


def _events(db: str) -> dict[str, str]:
    """article id -> known event, by the page each article came from."""
    index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    event_of = {entry["file"]: entry["event"] for entry in index["documents"]}
    with Corpus.open(db, readonly=True) as corpus:
        rows = corpus.store.conn.execute("SELECT id, origin FROM raw_documents").fetchall()
    return {raw_id: event_of["/".join(Path(origin).parts[-2:])] for raw_id, origin in rows}


def test_stories_json_lists_stories_of_one_event_each(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    events = _events(db)
    # (without the text-dump outlets that bridge them, the strike's two HTML reports stay apart)
    assert len(set(events.values())) <= len(stories) <= len(set(events.values())) + 1
    for story in stories:
        assert len({events[a["id"]] for a in story["articles"]}) == 1
        assert all({"id", "source", "published", "title"} <= set(a) for a in story["articles"])
    assert sum(len(s["articles"]) for s in stories) == len(events)


def test_story_and_compare_show_passages_and_print_text_literally(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping inside the markup string
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json", "--min-articles", "2"]) == 0
    events = _events(db)
    hail = next(
        s for s in json.loads(capsys.readouterr().out) if events[s["articles"][0]["id"]] == "hagel-emmental"
    )
    a, b = (art["id"] for art in hail["articles"])
    assert main(["story", hail["id"], "--db", db, "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["links"] and story["links"][0]["score"] >= 0.5 and story["links"][0]["shared_terms"]
    assert story["passages"] and all(art["reuse"]["reused_chars"] > 0 for art in story["articles"])
    assert story["reuse_clusters"] and story["reuse_clusters"][0]["origin"] == a
    assert main(["story", a[:10], "--db", db]) == 0  # by an article's id prefix, as text
    out = capsys.readouterr().out
    assert "why they are one story" in out and "shared passages" in out
    # each article's longest own addition is shown (text of it that no passage covers)
    assert "what each article adds" in out
    for art in story["articles"]:
        start, end = max(art["reuse"]["additions"], key=lambda span: span[1] - span[0])
        with Corpus.open(db, readonly=True) as corpus:
            added = corpus.article(art["id"]).text[start:end]
        first_line = " ".join(next(line for line in added.split("\n") if line.strip()).split())
        assert len(first_line) >= 10 and first_line[:40] in out
    assert main(["compare", a, b, "--db", db, "--format", "json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["same_story"] and compared["passages"]
    assert main(["compare", a, b, "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"{len(compared['passages'])} shared passages" in out
    assert MARKUP in out  # printed as written, not read as a style


def test_relate_again_adds_nothing_and_rebuild_gives_the_same_stories(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    main(["stories", "--db", db, "--format", "json"])
    before = capsys.readouterr().out
    assert main(["relate", "--db", db, "--no-progress", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 0
    assert main(["relate", "--db", db, "--no-progress", "--json", "--rebuild"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == len(_events(db))
    main(["stories", "--db", db, "--format", "json"])
    assert capsys.readouterr().out == before


def test_control_characters_in_stored_fields_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An outlet named by a record's field is not cleaned by extraction: the terminal output shows its
    escape sequence as symbols instead of sending it to the terminal."""
    index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    pages = [e["file"] for e in index["documents"] if e["file"].startswith(HTML_OUTLETS[0])][:2]
    records = tmp_path / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for k, page in enumerate(pages):
            html = (CORPUS_DIR / page).read_text(encoding="utf-8")
            out.write(json.dumps({"html": html, "outlet": f"Evil\x1b[2J\x1b]0;owned\x07Blatt {k}"}) + "\n")
    path = str(tmp_path / "c.db")
    args = ["--db", path]
    assert (
        main(["ingest", str(records), *args, "--no-progress", "--workers", "0", "--source-field", "outlet"])
        == 0
    )
    assert main(["relate", *args, "--no-progress", "--json"]) == 0
    capsys.readouterr()
    assert main(["stories", *args]) == 0
    main(["templates", *args])
    out = capsys.readouterr()
    assert "Evil\u241b[2J\u241b]0;owned\u2407Blatt" in out.out
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out + out.err
    assert main(["stories", *args, "--format", "json"]) == 0  # JSON escapes them itself
    assert json.loads(capsys.readouterr().out)[0]["articles"][0]["source"].startswith("Evil\x1b[2J")


def test_story_unknown_id_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story", "zzzz", "--db", db]) == 1
    assert "no story" in capsys.readouterr().err
    assert main(["story", "s", "--db", db]) == 1  # every story id starts so
    assert "more than one id" in capsys.readouterr().err
    assert main(["export", "-", "--db", db, "--what", "stories"]) == 0  # standard output: JSON lines
    assert all(json.loads(line)["story_id"] for line in capsys.readouterr().out.splitlines())


def test_ids_in_tables_stay_whole_and_filters_say_what_they_filtered(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert main(["stories", "--db", db]) == 0  # 80 columns when not a terminal: ids must not wrap
    table = capsys.readouterr().out
    assert all(s["id"] in table for s in stories)
    assert main(["story", stories[0]["id"], "--db", db]) == 0
    out = capsys.readouterr().out
    assert all(a["id"][:12] in out for a in stories[0]["articles"])
    assert main(["stories", "--db", db, "--min-articles", "99"]) == 0
    assert "no story has 99 or more articles" in capsys.readouterr().err  # not "run relate first"
    with pytest.raises(SystemExit):
        main(["stories", "--db", db, "--min-articles", "0"])
    first = stories[0]["articles"][0]["id"]
    assert main(["compare", first[:12], first, "--db", db]) == 1
    assert "same article" in capsys.readouterr().err


def test_story_articles_carry_their_urls(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A reader goes from a story to the articles themselves: JSON and the stories export give each URL."""
    with Corpus.open(db, readonly=True) as corpus:
        urls = dict(corpus.store.conn.execute("SELECT raw_id, url FROM articles").fetchall())
    assert any(urls.values())
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert {a["id"]: a["url"] for s in stories for a in s["articles"]} == urls
    assert main(["story", stories[0]["id"], "--db", db, "--format", "json"]) == 0
    assert all(a["url"] == urls[a["id"]] for a in json.loads(capsys.readouterr().out)["articles"])
    assert main(["export", "-", "--db", db, "--what", "stories", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["id"]: r["url"] for r in rows} == urls
