"""Bad input: each case gives an Article or a typed ExtractionError, quickly, and nothing else escapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
import trafilatura

import pressecho
from pressecho.errors import (
    BinaryContent,
    EmptyDocument,
    ExtractionError,
    NoArticleFound,
)

SENTENCES = [
    "Der Gemeinderat von Thun hat am Dienstag beschlossen, das Schulhaus am See für zwölf Millionen Franken "
    "zu sanieren.",
    "Die Arbeiten sollen im Frühling beginnen und rund drei Jahre dauern, wie die Gemeinde in einer "
    "Mitteilung schreibt.",
    "Gegen das Projekt hatten sich im vergangenen Jahr über zweihundert Anwohnerinnen und Anwohner mit "
    "einer Petition gewehrt.",
    "Der zuständige Gemeinderat sagte, man habe die Einwände sorgfältig geprüft und das Projekt in fünf "
    "Punkten angepasst.",
]
BODY = "".join(f"<p>{s} {' '.join(SENTENCES[:i])}</p>" for i, s in enumerate(SENTENCES, 1))
PAGE = f"<!DOCTYPE html><html><head><title>Schulhaus wird saniert</title></head><body><article><h1>Schulhaus wird saniert</h1>{BODY}</article></body></html>"


@pytest.mark.parametrize("data", [b"", b" \r\n\t ", "", "   \n", b"\xef\xbb\xbf  ", b"\xff\xfe"])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(EmptyDocument) as err:
        pressecho.extract(data)
    assert err.value.reason == "empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + os.urandom(2000),
        b"PK\x03\x04" + os.urandom(500),
        bytes(range(256)) * 4,
        b"\x00" * 64,
    ],
    ids=["png", "pdf", "zip", "random-with-nul", "nul"],
)
def test_binary_input(data: bytes) -> None:
    with pytest.raises(BinaryContent) as err:
        pressecho.extract(data)
    assert err.value.reason == "binary"


def test_random_bytes_give_a_typed_error() -> None:
    for seed in range(5):
        data = os.urandom(5000 + seed)
        with pytest.raises(ExtractionError):
            pressecho.extract(data)


def test_invalid_utf8_gives_an_article_with_the_rest_intact() -> None:
    data = PAGE.encode("utf-8").replace(b"Schulhaus am See", b"Schulhaus \xff\xfe am See", 1)
    a = pressecho.extract(data)
    assert "Schulhaus \ufffd\ufffd am See" in a.text
    for s in SENTENCES[1:]:
        assert s in a.text


def test_wrongly_declared_charset_gives_the_right_text() -> None:
    lying_utf8 = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252")
    lying_latin1 = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8")
    for data in (lying_utf8, lying_latin1):
        a = pressecho.extract(data)
        assert SENTENCES[0] in a.text and "zuständige" in a.text


def test_truncated_html_gives_an_article() -> None:
    data = PAGE.encode("utf-8")
    cut = data[: data.index(SENTENCES[3][:20].encode()) + 40]
    a = pressecho.extract(cut)
    assert SENTENCES[0] in a.text


@pytest.mark.parametrize("tag", ["div", "span", "b", "x-widget", "table><tr><td"])
def test_html_nested_10000_deep_gives_an_article(tag: str) -> None:
    close = "</" + "></".join(reversed(tag.split("><"))) + ">"
    page = "<html><body>" + f"<{tag}>" * 10_000 + BODY + close * 10_000 + "</body></html>"
    start = time.perf_counter()
    a = pressecho.extract(page)
    assert time.perf_counter() - start < 10
    assert SENTENCES[0] in a.text


def test_unclosed_openers_do_not_make_stripping_quadratic() -> None:
    page = PAGE + "<script>" + "<script " * 300_000 + "<!-- " * 300_000 + "x" * 4_000_000
    start = time.perf_counter()
    a = pressecho.extract(page)
    assert time.perf_counter() - start < 10
    assert SENTENCES[0] in a.text


def test_a_dump_with_no_article_in_it() -> None:
    dump = "Startseite\nPolitik\nSport\nKultur\nImpressum\nDatenschutz\nKontakt\n© 2024 Tagesblatt\n"
    with pytest.raises(NoArticleFound) as err:
        pressecho.extract(dump.encode("utf-8"))
    assert err.value.reason == "no-article"


def test_a_page_with_no_article_in_it() -> None:
    page = "<html><head><title>Tagesblatt</title></head><body><nav><a href='/'>Startseite</a></nav></body></html>"
    with pytest.raises(NoArticleFound):
        pressecho.extract(page)


def test_library_failures_are_wrapped_with_their_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("tree went wrong")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(ExtractionError, match="ValueError: tree went wrong") as err:
        pressecho.extract(PAGE)
    assert isinstance(err.value.__cause__, ValueError)


def test_recursion_in_a_library_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def deep(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", deep)
    with pytest.raises(ExtractionError, match="nested too deeply"):
        pressecho.extract(PAGE)


def test_wrong_argument_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        pressecho.extract(None)  # type: ignore[arg-type]


_BIG_PAGES = r"""
import json, resource, sys, time
import pressecho
from pressecho.errors import PresseError

article = sys.argv[1].encode()
results = []
for kind in ("markup", "inline-data"):
    if kind == "markup":  # 100 MB of real markup: refused
        data = article + b"<div><p>Noch ein Absatz mit etwas Text.</p></div>\n" * 2_000_000
    else:  # 100 MB of one inline image around a normal article: the image goes, the article stays
        data = article + b'<img src="data:image/png;base64,' + b"QUJD" * 25_000_000 + b'">'
    start = time.perf_counter()
    try:
        a = pressecho.extract(data)
        outcome = "article" if "Schulhaus" in a.text else "wrong-article"
    except PresseError as exc:
        outcome = exc.reason
    results.append([kind, len(data), outcome, time.perf_counter() - start])
    del data
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"results": results, "peak_mb": peak}))
"""


def test_a_100_mb_page_is_refused_or_extracted_quickly_in_bounded_memory() -> None:
    """Two 100 MB pages in a child process (so its peak memory can be read): about 4 s in all."""
    out = subprocess.run(
        [sys.executable, "-c", _BIG_PAGES, PAGE.replace("</body></html>", "")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    (kind1, size1, outcome1, secs1), (kind2, size2, outcome2, secs2) = report["results"]
    assert size1 >= 100_000_000 and size2 >= 100_000_000
    assert outcome1 == "too-large"
    assert outcome2 == "article"
    assert secs1 < 10 and secs2 < 10
    assert report["peak_mb"] < 1000  # the input is 100 MB; a few copies of it at most
