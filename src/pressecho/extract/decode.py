"""Raw bytes to text: declared charset first, checked against the bytes, detection otherwise.

Order of evidence: a byte-order mark; then UTF-8 if the bytes are valid UTF-8 with multi-byte
sequences (pages that declare ISO-8859-1 but are UTF-8 are common, the reverse cannot decode);
then the charset declared in the Content-Type header or in the page's own ``<meta>``, if the bytes
decode with it; then charset-normalizer's detection. ISO-8859-1 and US-ASCII are read as
Windows-1252, as browsers do (the WHATWG encoding standard), so curly quotes and dashes survive.
UTF-16 without a byte-order mark is recognised by its pattern of NUL bytes, and a page that
declares UTF-16 in its ``<meta>`` while being 8-bit is read as 8-bit (as browsers do).
charset-normalizer cannot tell Windows-1252 from Windows-1250 and its relatives on text whose
only non-ASCII letters are umlauts (it then picks one arbitrarily, and French accents come out
wrong): where Windows-1252 reads the bytes as well as its choice, Windows-1252 is taken, the
WHATWG default for Western pages.
Binary input (NUL bytes, images, archives) is refused with :class:`BinaryContent`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from pressecho.errors import BinaryContent, EmptyDocument, UndecodableText

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.I)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.I)

# what browsers substitute for labels that name a subset
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "utf8mb4": "utf-8",
    "unicode": "utf-8",
}

_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"MZ",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"7z\xbc\xaf",
)


# Western letters and punctuation a Latin-1/Windows-1252 byte stands for in German, French, ... text
_WESTERN = frozenset("äöüÄÖÜßéèêëàâáåæíìîïóòôõøúùûçñÉÈÊÀÂÁÅÆÍÓÔÚÇÑ€‚„…–—“”‘’«»°§·\xa0")
_STRAYS = "pressecho-utf8-strays"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _stray_bytes(err: UnicodeError) -> tuple[str, int]:
    """Invalid bytes in UTF-8 text: the Windows-1252 character where it is a Western letter, else U+FFFD."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    out = []
    for b in err.object[err.start : err.end]:
        ch = bytes([b]).decode("cp1252", errors="replace")
        out.append(ch if ch in _WESTERN else "\ufffd")
    return "".join(out), err.end


codecs.register_error(_STRAYS, _stray_bytes)


@dataclass
class Decoded:
    text: str
    encoding: str  # the Python codec used
    declared: str | None  # what the header or the page said, if anything
    how: str  # bom, utf-8, utf-8-lenient, declared, detected, fallback


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset named by the Content-Type header, an XML declaration or a ``<meta>`` tag."""
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            return m.group(1)
    head = data[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes are mostly ASCII text in UTF-16 without a BOM."""
    head = data[:4096]
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd > 0.4 and nul_even < 0.05:
        return "utf-16-le"
    if nul_even > 0.4 and nul_odd < 0.05:
        return "utf-16-be"
    return None


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(_MAGIC) and not head.lstrip().startswith(b"<"):
        return True
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    # control characters other than tab, newline, form feed and carriage return
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 50)


def _is_blank(data: bytes | str) -> bool:
    return not data or data.isspace()  # no stripped copy of a large document


def decode(data: bytes | str, content_type: str | None = None) -> Decoded:
    """Decode raw bytes to text, or raise a typed error saying why it cannot be done."""
    decoded = _decode(data, content_type)
    if _is_blank(decoded.text):
        raise EmptyDocument(
            f"the document holds no text ({len(data)} {'bytes' if isinstance(data, bytes) else 'characters'})"
        )
    return decoded


def _decode(data: bytes | str, content_type: str | None) -> Decoded:
    if isinstance(data, str):
        if _is_blank(data):
            raise EmptyDocument("the document is empty")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (from a lossy reader): the parser would stop there
            data = _SURROGATE.sub("\ufffd", data)
        return Decoded(data, "str", None, "str")
    if _is_blank(data):
        raise EmptyDocument(f"the document is empty ({len(data)} bytes of white space)")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(Decoded(data.decode(enc, errors="replace"), enc, None, "bom"))
    utf16 = utf16_without_bom(data)
    if utf16:
        return _checked(Decoded(data.decode(utf16, errors="replace"), utf16, None, "utf-16-pattern"))
    if looks_binary(data):
        raise BinaryContent(f"the document is binary, not text (starts with {data[:8]!r})")
    declared = declared_charset(data, content_type)
    codec = _codec(declared)
    if codec and codec.startswith(("utf-16", "utf-32")):
        codec = None  # 8-bit bytes (no NUL pattern above) cannot be UTF-16, whatever the page says
    try:
        text = data.decode("utf-8")
        if not text.isascii() or codec in (None, "utf-8"):
            return Decoded(text, "utf-8", declared, "utf-8")
    except UnicodeDecodeError:
        # UTF-8 with stray bytes: a truncated or spliced page, or a Latin-1 footer pasted into a UTF-8
        # page. Valid multi-byte sequences do not happen by chance in 8-bit text, so where there are
        # some, UTF-8 it is, and each stray byte is read as Windows-1252 where that gives a letter.
        replaced = data.decode("utf-8", errors="replace")
        bad = replaced.count("\ufffd")
        multibyte = sum(1 for ch in replaced if ord(ch) > 127) - bad
        if multibyte > 0 and (multibyte >= 4 * bad or multibyte >= max(2, bad // 10)):
            return Decoded(data.decode("utf-8", errors=_STRAYS), "utf-8", declared, "utf-8-lenient")
    if codec and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec, declared, "declared")
        except UnicodeDecodeError:
            pass
    detected = _detect(data)
    if detected:
        return _checked(Decoded(data.decode(detected, errors="replace"), detected, declared, "detected"))
    # charset-normalizer gives up on text with stray bytes: Windows-1252 decodes every byte but five
    return _checked(Decoded(data.decode("cp1252", errors="replace"), "cp1252", declared, "fallback"))


def _detect(data: bytes) -> str | None:
    """charset-normalizer's choice, Windows-1252 where it reads the bytes just as well."""
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or not best.encoding:
        return None
    chosen = _codec(best.encoding) or best.encoding
    if chosen == "cp1252":
        return chosen
    tied = {_codec(name) for name in best.could_be_from_charset}
    for m in matches:
        if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01:
            tied.add(_codec(m.encoding))
    if "cp1252" in tied:
        return "cp1252"
    return chosen


def _checked(decoded: Decoded) -> Decoded:
    if decoded.text.count("\ufffd") > len(decoded.text) // 20:
        raise UndecodableText("the bytes do not decode as text in any known charset")
    return decoded
