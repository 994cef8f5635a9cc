"""Readers: files and folders, JSONL and CSV, WARC archives; bad records are recorded, the rest read."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from pressecho.corpus import Corpus
from pressecho.ingest import ReadFailure, ReadOptions, Skipped, estimate_count, read_sources
from pressecho.model import RawDocument, content_hash

_PLACES = ["Bern", "Thun", "Biel", "Chur", "Aarau", "Olten", "Baden", "Zug", "Sitten", "Freiburg"]


def article_text(i: int, paragraphs: int = 4) -> str:
    """A German news paragraph set, distinct for each ``i``."""
    place = _PLACES[i % len(_PLACES)]
    sentences = [
        f"Der Gemeinderat von {place} hat am Dienstag beschlossen, das Schulhaus Nummer {i} für "
        f"{i % 90 + 3} Millionen Franken zu sanieren.",
        f"Die Arbeiten sollen im Frühling beginnen und rund {i % 7 + 2} Jahre dauern, wie die Gemeinde "
        "in einer Mitteilung schreibt.",
        f"Gegen das Projekt hatten sich im vergangenen Jahr {i % 300 + 12} Anwohnerinnen und Anwohner "
        "mit einer Petition gewehrt.",
        "Der zuständige Gemeinderat sagte, man habe die Einwände sorgfältig geprüft und das Projekt "
        f"in {i % 5 + 2} Punkten angepasst.",
    ]
    return "\n".join(" ".join(sentences[(k + j) % 4] for j in range(3)) for k in range(paragraphs))


def text_dump(i: int) -> str:
    """A text dump as scraped: navigation lines, the title, the body, a share line."""
    return (
        "Startseite\nRegion\nSport\nKultur\n"
        f"Schulhaus {i} wird saniert\n" + article_text(i) + "\nArtikel teilen\nFacebook\nTwitter\n"
    )


def html_page(i: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article_text(i).splitlines())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Schulhaus {i} wird saniert</title></head>"
        f"<body><nav><a href='/'>Startseite</a></nav><article><h1>Schulhaus {i} wird saniert</h1>"
        f"{paragraphs}</article><footer>Impressum</footer></body></html>"
    )


def write_dumps(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"doc{i:05d}.txt"
        path.write_text(text_dump(i), encoding="utf-8")
        paths.append(path)
    return paths


def _items(*sources: object, **options: object) -> list[object]:
    return list(read_sources(sources, ReadOptions(**options)))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------- files, folders


def test_folder_yields_documents_in_order_and_skips_sidecars(tmp_path: Path) -> None:
    write_dumps(tmp_path / "b", 2)
    write_dumps(tmp_path / "a", 2, start=10)
    (tmp_path / "a" / "gold.json").write_text("{}")
    (tmp_path / ".hidden").write_text("x")
    items = _items(tmp_path, source="Der Bund")
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [Path(d.origin).name for d in docs] == [
        "doc00010.txt",
        "doc00011.txt",
        "doc00000.txt",
        "doc00001.txt",
    ]
    assert all(d.source == "Der Bund" and d.fetched_at for d in docs)
    assert [i.reason for i in items if isinstance(i, Skipped)] == ["sidecar"]
    assert estimate_count([tmp_path]) == len(items)


def test_missing_and_oversized_files_are_read_failures(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    items = _items(tmp_path / "nope.txt", big, max_bytes=1000)
    assert [(type(i), i.reason) for i in items] == [(ReadFailure, "not-found"), (ReadFailure, "too-large")]


# -------------------------------------------------------------------------------- JSONL, CSV


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps(
            {"id": "a1", "body": text_dump(1), "link": "https://www.zeitung.ch/a1", "outlet": "Zeitung"}
        ),
        "{not json",
        json.dumps({"id": "a2", "page": html_page(2), "link": "https://www.zeitung.ch/a2"}),
        json.dumps({"id": "a3", "title": "nothing else"}),
        json.dumps(["a", "list"]),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _items(path, text_field="body", html_field="page", url_field="link", source_field="outlet")
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [
        ("RawDocument", None),
        ("ReadFailure", "bad-record"),
        ("RawDocument", None),
        ("ReadFailure", "missing-field"),
        ("ReadFailure", "bad-record"),
    ]
    first, second = items[0], items[2]
    assert first.data == text_dump(1).encode() and first.source == "Zeitung"
    assert first.origin == f"{path}#id=a1" and first.content_type.startswith("text/plain")
    assert second.source == "zeitung.ch" and second.content_type.startswith("text/html")
    assert items[1].origin == f"{path}#line=2"
    assert estimate_count([path]) == 5


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(3):
            handle.write(json.dumps({"text": text_dump(i)}) + "\n")
    assert [d.data for d in _items(path)] == [text_dump(i).encode() for i in range(3)]


def test_csv_rows_missing_column_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    body = io.StringIO()
    body.write("id,url,text\n")
    body.write(f'1,https://a.example/1,"{text_dump(1)}"\n')
    body.write("2,https://a.example/2\n")  # the text column is missing
    body.write(f'3,https://a.example/3,"{text_dump(3)}",extra\n')  # one cell too many
    body.write(f'4,https://a.example/4,"{text_dump(4)}"\n')
    path.write_text(body.getvalue(), encoding="utf-8")
    items = _items(path)
    assert [getattr(i, "reason", "doc") for i in items] == ["doc", "missing-field", "bad-record", "doc"]
    assert items[0].data == text_dump(1).encode() and items[0].url == "https://a.example/1"
    assert items[1].origin == f"{path}#id=2"

    tsv = tmp_path / "dump.tsv"
    tsv.write_text("text\tsource\n" + text_dump(5).replace("\n", " ") + "\tBlick\n", encoding="utf-8")
    (doc,) = _items(tsv, source_field="source")
    assert doc.source == "Blick"


def test_csv_without_text_column_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    (failure,) = _items(path)
    assert failure.reason == "missing-field" and "columns: a, b" in failure.message


# -------------------------------------------------------------------------------------- WARC


def _warc(path: Path, records: list[tuple[str, str, bytes]], gzipped: bool) -> list[int]:
    """Write response records (url, content type, body); returns each record's start offset."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, content_type, body in records:
            offsets.append(handle.tell())
            status = "404 Not Found" if "missing" in url else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return offsets


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_html_responses_non_html_skipped_broken_record_recorded(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    records = [
        ("https://www.zeitung.ch/1", "text/html; charset=utf-8", html_page(1).encode()),
        ("https://www.zeitung.ch/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50),
        ("https://www.zeitung.ch/2", "text/html", html_page(2).encode()),
        ("https://www.zeitung.ch/missing", "text/html", b"<html>not found</html>"),
        ("https://www.zeitung.ch/3", "text/html", html_page(3).encode()),
    ]
    offsets = _warc(path, records, gzipped)
    data = bytearray(path.read_bytes())
    # break the second HTML record: garbage over its first bytes (gzip header or WARC version line)
    data[offsets[2] : offsets[2] + 12] = b"GARBAGEGARBA"
    path.write_bytes(bytes(data))
    items = _items(path)
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == ["https://www.zeitung.ch/1", "https://www.zeitung.ch/3"]
    assert docs[0].data == html_page(1).encode() and docs[0].source == "zeitung.ch" and docs[0].fetched_at
    assert docs[0].origin == f"{path}#offset={offsets[0]}"
    assert sorted(i.reason for i in items if isinstance(i, Skipped)) == ["http-status", "not-html"]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [f.reason for f in failures] == ["broken-record"]


def test_truncated_warc_keeps_the_records_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    records = [(f"https://a.example/{i}", "text/html", html_page(i).encode()) for i in range(3)]
    offsets = _warc(path, records, gzipped=True)
    path.write_bytes(path.read_bytes()[: offsets[2] + 40])
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "ReadFailure"]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_record_cut_inside_its_page_is_a_failure_not_half_a_page(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    records = [(f"https://a.example/{i}", "text/html", html_page(i).encode() * 20) for i in range(2)]
    offsets = _warc(path, records, gzipped=gzipped)
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: offsets[1] + (size - offsets[1]) * 3 // 4])  # the crawl stopped
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadFailure"]
    assert items[1].reason == "broken-record" and "cut short" in items[1].message


def test_a_file_that_is_no_archive_is_a_failure_not_nothing(tmp_path: Path) -> None:
    for name, data in [("empty.warc", b""), ("notes.warc", b"just some text, not a crawl\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        items = _items(path)
        assert [(type(i).__name__, i.reason) for i in items] == [("ReadFailure", "broken-record")]
        assert "not a WARC" in items[0].message


# ---------------------------------------------------------------------------- into a corpus


def test_ingest_mixed_sources_records_everything_and_twice_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    write_dumps(folder, 5)
    (folder / "empty.txt").write_text("   \n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        json.dumps({"text": text_dump(100)}) + "\n" + json.dumps({"text": text_dump(0)}) + "\n{broken\n",
        encoding="utf-8",
    )
    with Corpus.open(tmp_path / "c.db") as corpus:
        first = corpus.ingest(folder, jsonl, tmp_path / "absent", workers=0, progress=False)
        assert first.ingested == 8 and first.duplicates == 1  # text_dump(0) is in both
        assert first.extracted == 6 and first.failed == {"empty": 1, "binary": 1}
        assert first.unreadable == {"bad-record": 1, "not-found": 1}
        again = corpus.ingest(folder, jsonl, workers=0, progress=False)
        assert again.ingested == 0 and again.duplicates == 9
        info = corpus.info()
        assert info["documents"] == 8 and info["articles"] == 6
        assert info["read_failures"] == {"bad-record": 1, "not-found": 1}  # recorded once, not per run
        # the bytes of a document that failed extraction are kept verbatim
        image = (folder / "image.txt").read_bytes()
        assert corpus.raw(content_hash(image)).data == image
        with pytest.raises(KeyError, match="binary"):
            corpus.article(content_hash(image))


def test_records_state_title_date_and_outlet(tmp_path: Path) -> None:
    """A corpus's own title, date and outlet fields win over what extraction finds, through re-extraction
    too; an unparseable date is left out, and `--date-field ''` ignores the field."""
    from pressecho.cli import main
    from pressecho.extract import stated_authors

    records = [
        {"id": "a", "text": text_dump(1), "title": "Gemeinde saniert das Schulhaus", "date": "2019-04-25 13:15:00",
         "source": "Tagblatt"},
        {"id": "b", "html": html_page(2), "title": "  Der\x1b[31m Umbau\n beginnt ", "date": "1556190900",
         "authors": "Anna Muster, Beat Beispiel und Cem Test"},
        {"id": "c", "text": text_dump(3), "date": "irgendwann", "url": "https://www.zeitung.ch/c"},
        {"id": "d", "text": "Kurz: Kim Jong Un lachte.\n" * 3, "language": "de-CH", "authors": ["Anna Muster", " Beat Beispiel ", "dpa"]},
    ]  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "c.db"
    with Corpus.open(db) as corpus:
        corpus.ingest(path, workers=0, progress=False)
        by_origin = {corpus.raw(a.raw_id).origin.rsplit("=", 1)[1]: a for a in corpus.articles()}
        a, b, c = by_origin["a"], by_origin["b"], by_origin["c"]
        assert (a.title, a.published, a.source) == (
            "Gemeinde saniert das Schulhaus",
            "2019-04-25T13:15",
            "Tagblatt",
        )
        assert a.from_input == ["title", "published"]
        assert (b.title, b.published) == ("Der Umbau beginnt", "2019-04-25T11:15+00:00")  # control chars gone
        assert "Schulhaus 2 wird saniert" in b.title_alternatives and b.source is None
        assert b.authors == ["Anna Muster", "Beat Beispiel", "Cem Test"]  # a list in one field: its names
        assert stated_authors("Muster, Anna") == (["Muster, Anna"], [])  # surname first: one name
        assert c.from_input == [] and c.source == "zeitung.ch" and c.published is None
        d = by_origin["d"]  # too short to tell its language: the record says it
        assert (d.language, d.authors, d.from_input) == (
            "de",
            ["Anna Muster", "Beat Beispiel"],
            ["authors", "language"],
        )
        assert "dpa" in d.credits  # an agency in the authors field credits its copy
        # kept verbatim with the raw document, applied again on re-extraction
        assert corpus.raw(a.raw_id).stated == {
            "title": records[0]["title"],
            "published": "2019-04-25 13:15:00",
        }
        corpus.reextract(everything=True, workers=0, progress=False)
        assert corpus.article(a.raw_id).title == "Gemeinde saniert das Schulhaus"

    other = tmp_path / "other.db"
    assert (
        main(["ingest", str(path), "--db", str(other), "--workers", "0", "--no-progress", "--date-field", ""])
        == 0
    )
    with Corpus.open(other) as corpus:
        assert {a.title: a.published for a in corpus.articles()}["Gemeinde saniert das Schulhaus"] is None


def test_csv_and_jsonl_as_excel_writes_them(tmp_path: Path) -> None:
    """A byte order mark (Excel's "CSV UTF-8", pressecho's own export) and German Excel's semicolons."""
    bom_csv = tmp_path / "excel.csv"
    bom_csv.write_text(f'text,url\n"{text_dump(1)}",https://a.example/1\n', encoding="utf-8-sig")
    semicolons = tmp_path / "semikolon.csv"
    semicolons.write_text(f'url;title;text\nhttps://a.example/2;Titel;"{text_dump(2)}"\n', encoding="utf-8")
    bom_jsonl = tmp_path / "records.jsonl"
    bom_jsonl.write_text(json.dumps({"text": text_dump(3)}) + "\n", encoding="utf-8-sig")
    (a,) = _items(bom_csv)
    (b,) = _items(semicolons)
    (c,) = _items(bom_jsonl)
    assert (a.data, a.url) == (text_dump(1).encode(), "https://a.example/1")
    assert (b.data, b.url, b.stated["title"]) == (text_dump(2).encode(), "https://a.example/2", "Titel")
    assert c.data == text_dump(3).encode()


def test_odd_record_values_state_nothing_false_and_stop_nothing(tmp_path: Path) -> None:
    """From QA: a lone surrogate in a field (valid JSON) stopped the whole ingest with a UnicodeEncodeError;
    objects, lists, booleans and NaN were stated as their Python repr ("{'name': 'Bob'}", "True", "nan");
    an impossible date ('2024-02-30') and float Unix seconds were taken wrong."""
    lines = [
        json.dumps({"id": "s", "text": text_dump(1), "title": "\ud800 lone", "url": "https://a.example/\udc00"}),
        json.dumps({"id": "o", "text": text_dump(2), "title": {"de": "x"}, "date": {"$date": "2024-03-05T10:00:00Z"},
                    "authors": [{"name": "Anna Muster"}, {"name": "Bob"}, None, True], "source": {"name": "NZZ"}}),
        json.dumps({"id": "l", "text": text_dump(3), "title": ["Erster Titel", "Zweiter"], "date": False,
                    "language": True}),
        json.dumps({"id": "n", "text": text_dump(4), "title": float("nan"), "date": 1709632800.5}),
        json.dumps({"id": "i", "text": text_dump(5), "date": float("inf")}),
        json.dumps({"id": "f", "text": text_dump(6), "date": "2024-02-30"}),
        json.dumps({"id": "after", "text": text_dump(7), "title": "Danach"}),
    ]  # fmt: skip
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    stated = {item.origin.rsplit("=", 1)[1]: item.stated for item in _items(path)}
    assert stated["s"] == {"title": "\ufffd lone"}
    assert stated["o"] == {"published": "2024-03-05T10:00:00Z", "authors": "Anna Muster; Bob"}
    assert stated["l"] == {"title": "Erster Titel"}
    assert stated["n"] == {"published": "1709632800"} and stated["i"] == {}
    with Corpus.open(tmp_path / "c.db") as corpus:
        summary = corpus.ingest(path, workers=0, progress=False)
        assert summary.ingested == 7
        by_origin = {corpus.raw(a.raw_id).origin.rsplit("=", 1)[1]: a for a in corpus.articles()}
        assert by_origin["s"].title == "\ufffd lone" and by_origin["s"].url == "https://a.example/\ufffd"
        assert by_origin["o"].source != "{'name': 'NZZ'}" and by_origin["o"].authors == ["Anna Muster", "Bob"]
        assert by_origin["n"].published == "2024-03-05T10:00+00:00"
        assert by_origin["f"].published is None and "published" not in by_origin["f"].from_input
        assert by_origin["after"].title == "Danach"


def test_an_authors_field_is_split_only_into_whole_names() -> None:
    """A list of full names gives each name; a name's particles ("von und zu") are no list, and a
    trailing separator leaves no name behind."""
    from pressecho.extract import stated_authors

    assert stated_authors("Karl-Theodor von und zu Guttenberg")[0] == ["Karl-Theodor von und zu Guttenberg"]
    assert stated_authors("Ursula von der Leyen und Olaf Scholz")[0] == [
        "Ursula von der Leyen",
        "Olaf Scholz",
    ]
    assert stated_authors("Anna Muster, Ben Beispiel, ")[0] == ["Anna Muster", "Ben Beispiel"]
    assert stated_authors("Muster, Anna; Beispiel, Ben")[0] == ["Muster, Anna", "Beispiel, Ben"]
    # an agency among the names is the copy's credit, no author
    assert stated_authors("Anna Muster, dpa") == (["Anna Muster"], ["dpa"])
    assert stated_authors("sda/dpa") == ([], ["sda", "dpa"])
