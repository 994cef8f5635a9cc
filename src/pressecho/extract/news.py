"""What news pages have in common, whatever the site: agency credits, datelines, boilerplate phrases.

Shared by the HTML and the text-dump paths so both normalise credits and dates the same way and
recognise the same share buttons, donation boxes, teasers and comment notices.
"""

from __future__ import annotations

import re

# agency spelling -> normalised name (what Article.credits holds)
AGENCIES: dict[str, str] = {
    "sda": "sda",
    "keystone-sda": "sda",
    "ats": "sda",
    "dpa": "dpa",
    "dpa-afx": "dpa",
    "afx": "dpa",
    "afp": "AFP",
    "reuters": "Reuters",
    "rtr": "Reuters",
    "apa": "APA",
    "kna": "KNA",
    "epd": "epd",
    "ap": "AP",
    "dapd": "dapd",
    "ddp": "ddp",
    "sid": "SID",
    "kap": "KAP",
    "ansa": "ANSA",
    "efe": "EFE",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
    "idea": "idea",
    "ots": "ots",
    "kathpress": "KAP",
}
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
# "(sda/dpa)", "(AFP)", "(dpa/reuters/kna)", "(sda/dpa/afp/red)", "(APA/Reuters)"; other parts of the
# parenthesis may be staff initials ("red", "mmi") as long as one part is an agency
_CREDIT_GROUP = re.compile(r"\(\s*((?:[A-Za-zÄÖÜäöü\-]{1,15}\s*[/,;]\s*){0,5}[A-Za-zÄÖÜäöü\-]{1,15})\s*\)")
_CREDIT_PART = re.compile(rf"^(?:{_AGENCY_ALT})$", re.I)
_CREDIT_LINE = re.compile(
    rf"^\s*(?:Quelle|Mit Material (?:von|der)|Material|Agenturen|Agentur)\s*:?\s*"
    rf"((?:(?:{_AGENCY_ALT})\s*(?:[,/;]|und|and)?\s*)+)\.?\s*$",
    re.I,
)


def normalise_agency(name: str) -> str | None:
    return AGENCIES.get(name.strip().lower())


def _parts(group: str) -> list[str]:
    return [p.strip() for p in re.split(r"[/,;]|\bund\b", group) if p.strip()]


def find_credits(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """Agency credits in a paragraph, e.g. the trailing "(sda/dpa)" or a "Mit Material von dpa".

    Returns the normalised agency names in order and the span of the credit in ``text`` (None
    when there is none). Only a credit at the end of the text (or filling a line) counts: the
    same parenthesis mid-paragraph is usually an abbreviation.
    """
    stripped = text.rstrip()
    m = None
    for m in _CREDIT_GROUP.finditer(stripped):  # noqa: B007 - the last match is the one wanted
        pass
    if m is not None and stripped[m.end() :].strip(" .") == "":
        parts = _parts(m.group(1))
        agencies = [a for a in (normalise_agency(p) for p in parts) if a]
        if agencies:
            return _unique(agencies), (m.start(), m.end())
    line = _CREDIT_LINE.match(stripped)
    if line:
        agencies = [a for a in (normalise_agency(p) for p in _parts(line.group(1))) if a]
        if agencies:
            return _unique(agencies), (0, len(stripped))
    return [], None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------- dates

MONTHS_DE = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}
_TIME = r"(?:,?\s*(?:um\s+)?(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?"
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b" + _TIME)
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_WORD_DATE = re.compile(
    r"\b(\d{1,2})\.\s+("
    + "|".join(sorted(MONTHS_DE, key=len, reverse=True))
    + r")\.?\s+((?:19|20)\d{2})\b"
    + _TIME,
    re.I,
)


def parse_date(text: str) -> str | None:
    """The first date (and time, if given) stated in a short line, as ISO 8601, else None.

    Understands "25.04.2019, 13:15", "25. April 2019 um 13.15 Uhr" and "2019-04-25T13:15".
    """
    for pattern, month_of in ((_NUMERIC_DATE, int), (_WORD_DATE, lambda m: MONTHS_DE[m.lower()])):
        m = pattern.search(text)
        if m:
            day, month, year = int(m.group(1)), month_of(m.group(2)), int(m.group(3))
            return _iso(year, month, day, m.group(4), m.group(5))
    m = _ISO_DATE.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5))
    return None


def _iso(year: int, month: int, day: int, hour: str | None, minute: str | None) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
        return f"{date}T{int(hour):02d}:{int(minute):02d}"
    return date
