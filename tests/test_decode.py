"""Charset decoding: declared charsets checked against the bytes, detection where nothing is declared."""

from __future__ import annotations

import pytest

import pressecho
from pressecho.errors import BinaryContent, EmptyDocument
from pressecho.extract.decode import declared_charset, decode

GERMAN = (
    "Die Bürgerinnen und Bürger äußern „große“ Sorgen über die Öffentlichkeit – das kostet 5 € pro Jahr. "
    "Grüße aus Zürich."
)
FRENCH = "Le président a déclaré très clairement que la réforme était nécessaire à l'économie française."


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Test</title></head><body><p>{text}</p></body></html>"


def test_iso_8859_1_declared_in_the_header_is_read_as_windows_1252() -> None:
    # browsers read ISO-8859-1 as Windows-1252, so the bytes 0x80-0x9f are curly quotes and dashes
    data = page(GERMAN).encode("cp1252")
    d = decode(data, "text/html; charset=ISO-8859-1")
    assert GERMAN in d.text
    assert (d.encoding, d.how, d.declared) == ("cp1252", "declared", "ISO-8859-1")


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1252">',
        "<meta charset=iso-8859-1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    ],
)
def test_charset_declared_in_meta(meta: str) -> None:
    d = decode(page(GERMAN, meta).encode("cp1252"))
    assert GERMAN in d.text
    assert d.how == "declared"


def test_header_wins_over_meta() -> None:
    assert (
        declared_charset(page("x", '<meta charset="utf-8">').encode(), "text/html; charset=latin-1")
        == "latin-1"
    )


@pytest.mark.parametrize("text", [GERMAN, FRENCH, "Grüße aus Zürich, schöne Äpfel."])
def test_undeclared_windows_1252_is_detected(text: str) -> None:
    d = decode(page(text).encode("cp1252"))
    assert text in d.text
    assert d.encoding == "cp1252"


def test_undeclared_windows_1250_polish_stays_polish() -> None:
    polish = (
        "Prezydent powiedział, że rząd będzie musiał podjąć ważne decyzje dotyczące gospodarki i służby "
        "zdrowia w przyszłym roku. Posłowie opozycji skrytykowali projekt ustawy, twierdząc, że jest on "
        "niezgodny z konstytucją. Minister finansów zapowiedział, że budżet zostanie przedstawiony w "
        "przyszłym tygodniu."
    )
    d = decode(page(polish).encode("cp1250"))
    assert polish in d.text


def test_page_declared_utf8_that_is_really_windows_1252() -> None:
    for data, content_type in (
        (page(GERMAN, '<meta charset="utf-8">').encode("cp1252"), None),
        (page(GERMAN).encode("cp1252"), "text/html; charset=UTF-8"),
    ):
        d = decode(data, content_type)
        assert GERMAN in d.text
        assert d.how == "detected"


def test_page_declared_iso_8859_1_that_is_really_utf8() -> None:
    d = decode(page(GERMAN, '<meta charset="iso-8859-1">').encode("utf-8"))
    assert GERMAN in d.text
    assert d.encoding == "utf-8"


def test_invalid_utf8_bytes_inside_utf8_text_keep_the_rest() -> None:
    data = (
        page(GERMAN + " " + GERMAN, '<meta charset="utf-8">')
        .encode("utf-8")
        .replace(b"kostet", b"ko\xff\xfestet", 1)
    )
    d = decode(data)
    assert d.how == "utf-8-lenient"
    assert "ko\ufffd\ufffdstet" in d.text
    assert GERMAN in d.text  # the second copy is intact


def test_utf16_with_and_without_bom() -> None:
    for data in (
        page(GERMAN).encode("utf-16"),
        page(GERMAN).encode("utf-16-le"),
        page(GERMAN).encode("utf-16-be"),
    ):
        assert GERMAN in decode(data).text


def test_8bit_page_that_declares_utf16_is_read_as_8bit() -> None:
    d = decode(page(GERMAN, '<meta charset="utf-16">').encode("utf-8"))
    assert GERMAN in d.text


def test_unknown_charset_label_falls_back_to_detection() -> None:
    d = decode(page(GERMAN, '<meta charset="x-nonsense">').encode("cp1252"))
    assert GERMAN in d.text


def test_str_input_is_taken_as_is() -> None:
    assert decode(GERMAN).text == GERMAN


@pytest.mark.parametrize("data", [b"", b"   \n\t ", "", "  \n "])
def test_empty(data: bytes | str) -> None:
    with pytest.raises(EmptyDocument):
        decode(data)


def test_binary() -> None:
    with pytest.raises(BinaryContent):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def test_extract_reads_a_latin1_page_end_to_end() -> None:
    paragraphs = [GERMAN + " " + FRENCH] * 3
    body = "".join(f"<p>{p} {i}</p>" for i, p in enumerate(paragraphs))
    html = f'<html><head><meta charset="iso-8859-1"><title>Test</title></head><body><article>{body}</article></body></html>'
    a = pressecho.extract(html.encode("cp1252"), content_type="text/html")
    assert GERMAN in a.text and FRENCH in a.text


def test_latin1_bytes_spliced_into_a_utf8_page_come_out_as_letters() -> None:
    data = page(GERMAN).encode("utf-8") + " Grüße aus Köln".encode("latin-1")
    d = decode(data)
    assert GERMAN in d.text
    assert d.text.endswith(" Grüße aus Köln")
    assert d.how == "utf-8-lenient"


def test_lone_surrogates_in_str_input_become_replacement_characters() -> None:
    d = decode("Th\ud800un")
    assert d.text == "Th\ufffdun"
