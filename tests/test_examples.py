"""The bundled example corpus: the index agrees with the files, the corpus has the shape later stages
rely on (events across outlets, reused agency copy, near-duplicates, house styles), rendering is
deterministic and variant pages render. Extraction quality is not tested here."""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from pressecho.examples import CORPUS_DIR, INDEX_FILE
from pressecho.examples.render import check_corpus, iter_variants, render_corpus, render_variants
from pressecho.examples.source import P, Q, SourceError, Story, Take, resolve
from pressecho.examples.stories import OUTLETS, WIRES

NORMALISED_AGENCIES = {"sda", "dpa", "AFP", "Reuters", "APA", "KNA", "epd", "AP"}


@pytest.fixture(scope="module")
def index() -> dict:
    return json.loads(INDEX_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs(index: dict) -> list[dict]:
    return index["documents"]


def page_text(doc: dict) -> str:
    """The page as text a reader would see: decoded with its real encoding, markup and breaks flattened."""
    raw = (CORPUS_DIR / doc["file"]).read_bytes().decode(doc["encoding"])
    if doc["format"] == "html":  # metadata (an og:title holds a page's alternative title) counts too
        meta = " ".join(re.findall(r'content="([^"]*)"', raw))
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw) + " " + meta)
    return flat(raw)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\n.", ".")).strip()


def norm(text: str) -> str:
    """For comparing outlets' versions of one copy: case, ß/ss and quotation marks do not matter."""
    text = text.lower().replace("ß", "ss")
    return flat(re.sub(r"[„“”«»\"]", '"', text))


def shared_run(a: str, b: str) -> int:
    """Characters in the longest run of words two texts share (words, not characters, keep it fast)."""
    wa, wb = a.split(), b.split()
    m = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match()
    return len(" ".join(wa[m.a : m.a + m.size]))


# --------------------------------------------------------------------------------- index and files


def test_index_and_files_agree(docs: list[dict]) -> None:
    listed = {d["file"] for d in docs}
    on_disk = {p.relative_to(CORPUS_DIR).as_posix() for p in CORPUS_DIR.rglob("*") if p.is_file()}
    assert listed == on_disk
    assert len({d["id"] for d in docs}) == len(docs)
    assert len({d["url"] for d in docs}) == len(docs)


def test_gold_text_is_on_each_page(docs: list[dict]) -> None:
    for doc in docs:
        text = page_text(doc)
        for part in [doc["title"], *doc["title_alternatives"], *(p["text"] for p in doc["paragraphs"])]:
            assert flat(part) in text, (doc["file"], part[:60])
        for caption in doc["captions"]:
            assert flat(caption["text"]) in text and caption["credit"] in text, doc["file"]
        for author in doc["authors"]:
            assert author in text, doc["file"]


def test_quotes_point_into_their_paragraphs(docs: list[dict]) -> None:
    for doc in docs:
        assert doc["quotes"], f"{doc['id']} has no quotations"
        for q in doc["quotes"]:
            paragraph = doc["paragraphs"][q["paragraph"]]["text"]
            assert q["text"] in paragraph and q["kind"] in ("direct", "indirect") and q["speaker"]
            if q["speaker_mention"]:
                assert q["speaker_mention"] in paragraph


def test_size_and_spread(index: dict, docs: list[dict]) -> None:
    assert 25 <= len(docs) <= 35
    assert 5 <= len(index["outlets"]) <= 6
    assert 6 <= len(index["events"]) <= 8
    for doc in docs:
        assert 150 <= doc["words"] <= 450, doc["id"]
        assert set(doc["credits"]) <= NORMALISED_AGENCIES
    times = sorted(datetime.fromisoformat(d["published"]) for d in docs)
    assert 1 <= (times[-1] - times[0]).days <= 6


def test_every_event_has_articles_from_several_outlets(index: dict, docs: list[dict]) -> None:
    outlets_by_event: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        outlets_by_event[doc["event"]].add(doc["outlet"])
    assert set(outlets_by_event) == {e["id"] for e in index["events"]}
    for event, outlets in outlets_by_event.items():
        assert 2 <= len(outlets) <= 6, event


def test_each_outlet_publishes_in_one_format(index: dict, docs: list[dict]) -> None:
    formats = {o["id"]: o["format"] for o in index["outlets"]}
    assert Counter(formats.values())["html"] in (2, 3)
    assert 1 <= Counter(formats.values())["block"] <= 2 and 1 <= Counter(formats.values())["wrapped"] <= 2
    for doc in docs:
        assert doc["format"] == formats[doc["outlet"]]
        head = (CORPUS_DIR / doc["file"]).read_bytes()[:200].lower()
        assert (b"<!doctype html" in head) == (doc["format"] == "html"), doc["file"]
        assert doc["file"].endswith(".html" if doc["format"] == "html" else ".txt")


def test_one_outlet_serves_a_legacy_charset(docs: list[dict]) -> None:
    legacy = [d for d in docs if d["encoding"] != "utf-8"]
    assert legacy and all(d["format"] == "html" for d in legacy)
    for doc in legacy:
        data = (CORPUS_DIR / doc["file"]).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert f"charset={doc['declared_charset']}".encode() in data


def test_house_styles(index: dict, docs: list[dict]) -> None:
    styles = {o["id"]: o["quote_style"] for o in index["outlets"]}
    marks = {"swiss": "«»", "german": "„“", "english": "“”"}
    for doc in docs:
        body = " ".join(p["text"] for p in doc["paragraphs"])
        foreign = set("„“”«»") - set(marks[styles[doc["outlet"]]])
        assert not foreign & set(body), doc["id"]
        if styles[doc["outlet"]] == "swiss":
            assert "ß" not in body
    assert {"swiss", "german", "english"} <= set(styles.values())


# ------------------------------------------------------------------------- what later stages rely on


def test_agency_copies_are_reused_by_several_outlets(index: dict, docs: list[dict]) -> None:
    by_id = {d["id"]: d for d in docs}
    widely_reused = 0
    for wire in index["agency_copies"]:
        wire_text = norm(" ".join(p["text"] for p in wire["paragraphs"]))
        outlets = {by_id[i]["outlet"] for i in wire["carried_by"]}
        assert len(outlets) >= 2, wire["id"]
        widely_reused += len(outlets) >= 3
        for doc_id in wire["carried_by"]:
            doc_text = norm(" ".join(p["text"] for p in by_id[doc_id]["paragraphs"]))
            assert shared_run(wire_text, doc_text) >= 120, (wire["id"], doc_id)
    assert widely_reused >= 3
    credits_seen = {tuple(d["credits"]) for d in docs}
    assert {("sda", "dpa"), ("AFP",), ("dpa", "Reuters")} <= credits_seen


def test_own_reporting_shares_no_wire_passage(index: dict, docs: list[dict]) -> None:
    own = [d for d in docs if d["agency_copy"] is None]
    assert len(own) >= 4
    wires = [norm(" ".join(p["text"] for p in w["paragraphs"])) for w in index["agency_copies"]]
    for doc in own:
        text = norm(" ".join(p["text"] for p in doc["paragraphs"]))
        longest = max(shared_run(w, text) for w in wires)
        assert longest < 80, (doc["id"], longest)


def test_near_duplicates(docs: list[dict]) -> None:
    by_id = {d["id"]: d for d in docs}
    updates = [d for d in docs if d["updates"]]
    assert updates
    for doc in updates:
        older = by_id[doc["updates"]]
        assert (older["outlet"], older["event"]) == (doc["outlet"], doc["event"])
        assert older["published"] < doc["published"]
    # one outlet runs a wire copy almost verbatim
    wires = {w.id: norm(" ".join(p.text for p in w.paragraphs)) for w in WIRES}
    ratios = [
        SequenceMatcher(
            None, wires[d["agency_copy"]].split(), norm(" ".join(p["text"] for p in d["paragraphs"])).split()
        ).ratio()
        for d in docs
        if d["agency_copy"]
    ]
    assert max(ratios) > 0.95


def test_two_people_share_a_surname_within_an_event(docs: list[dict]) -> None:
    shared = 0
    speakers_by_event: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        speakers_by_event[doc["event"]].update(q["speaker"] for q in doc["quotes"])
    for speakers in speakers_by_event.values():
        people = [s for s in speakers if len(s.split()) == 2 and s.split()[0][0].isupper()]
        surnames = Counter(s.split()[-1] for s in people)
        shared += any(n > 1 for n in surnames.values())
    assert shared >= 1


# ---------------------------------------------------------------------------------------- rendering


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    index_file = tmp_path / "corpus.json"
    written = render_corpus(tmp_path / "corpus", index_file)
    assert len(written) == len(list(CORPUS_DIR.rglob("*.*")))
    for path in written:
        assert path.read_bytes() == (CORPUS_DIR / path.relative_to(tmp_path / "corpus")).read_bytes(), (
            path.name
        )
    assert index_file.read_bytes() == INDEX_FILE.read_bytes()
    assert check_corpus() == []


def test_render_removes_pages_no_longer_in_the_source(tmp_path: Path) -> None:
    stale = tmp_path / "corpus" / "tagesrauschen" / "2020-01-01-old.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("old page")
    render_corpus(tmp_path / "corpus", None)
    assert not stale.exists()


@pytest.mark.parametrize("outlet", [o.id for o in OUTLETS])
def test_variants_render(outlet: str) -> None:
    pages = render_variants(outlet, 25, seed=7)
    assert len({name for name, _ in pages}) == 25 and len({data for _, data in pages}) == 25
    assert render_variants(outlet, 25, seed=7) == pages
    assert render_variants(outlet, 5, seed=7) == pages[:5]
    assert render_variants(outlet, 5, seed=8) != pages[:5]
    fmt = next(o.format for o in OUTLETS if o.id == outlet)
    for variant in iter_variants(outlet, 10, seed=3):
        entry = variant.entry
        assert variant.filename.endswith(".html" if fmt == "html" else ".txt")
        text = variant.data.decode(entry["encoding"])
        if fmt == "html":
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        text = flat(text)
        assert flat(entry["title"]) in text
        for p in entry["paragraphs"]:
            assert flat(p["text"]) in text


def test_variants_refuse_an_unknown_outlet() -> None:
    with pytest.raises(ValueError, match="unknown outlet"):
        render_variants("no-such-outlet", 1)


def test_source_errors_are_caught() -> None:
    outlet = OUTLETS[0]
    wires = {w.id: w for w in WIRES}
    bad_edit = Story(
        "x",
        outlet.id,
        "e",
        "2024-08-20T10:00",
        "x",
        "T",
        (Take("sda-hagel", 0, sub=(("no such words", ""),)),),
    )
    with pytest.raises(SourceError, match="edit target not found"):
        resolve(bad_edit, outlet, wires)
    bad_quote = Story(
        "y",
        outlet.id,
        "e",
        "2024-08-20T10:00",
        "y",
        "T",
        (P("Er sagte nichts.", (Q("etwas", "direct", "Er"),)),),
    )
    with pytest.raises(SourceError, match="quote not in its paragraph"):
        resolve(bad_quote, outlet, wires)
