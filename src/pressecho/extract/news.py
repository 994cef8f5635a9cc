"""What news pages have in common, whatever the site: agency credits, datelines, boilerplate phrases.

Shared by the HTML and the text-dump paths so both normalise credits and dates the same way and
recognise the same share buttons, donation boxes, teasers and comment notices.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

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

MONTHS_EN = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_EN_TIME = r"(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*(am|pm)?)?"
# "12 March 2021, 14:05", "12th March 2021"
_EN_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})\.?,?\s+((?:19|20)\d{{2}})\b" + _EN_TIME, re.I
)
# "March 12, 2021 at 2:05 pm"
_EN_MONTH_DAY = re.compile(
    rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b" + _EN_TIME, re.I
)


def parse_date(text: str) -> str | None:
    """The first date (and time, if given) stated in a short line, as ISO 8601, else None.

    Understands "25.04.2019, 13:15", "25. April 2019 um 13.15 Uhr", "2019-04-25T13:15" and the English
    "25 April 2019, 13:15" and "April 25, 2019 at 1:15 pm".
    """
    for pattern, month_of in ((_NUMERIC_DATE, int), (_WORD_DATE, lambda m: MONTHS_DE[m.lower()])):
        m = pattern.search(text)
        if m:
            day, month, year = int(m.group(1)), month_of(m.group(2)), int(m.group(3))
            return _iso(year, month, day, m.group(4), m.group(5))
    m = _ISO_DATE.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5))
    m = _EN_DAY_MONTH.search(text)
    if m:
        day, month = int(m.group(1)), MONTHS_EN[m.group(2).lower()]
    else:
        m = _EN_MONTH_DAY.search(text)
        if not m:
            return None
        day, month = int(m.group(2)), MONTHS_EN[m.group(1).lower()]
    hour, minute, half = m.group(4), m.group(5), m.group(6)
    if hour is not None and half:
        hour = str(int(hour) % 12 + (12 if half.lower() == "pm" else 0))
    return _iso(int(m.group(3)), month, day, hour, minute)


def _real_date(year: int, month: int, day: int) -> bool:
    """A day the calendar has (not the 30th of February)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _iso(year: int, month: int, day: int, hour: str | None, minute: str | None) -> str | None:
    if not _real_date(year, month, day):
        return None
    stated = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
        return f"{stated}T{int(hour):02d}:{int(minute):02d}"
    return stated


_ISO_DATETIME = re.compile(
    r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def normalise_datetime(value: str | None) -> str | None:
    """An ISO 8601 date-time as a page or an input states it, to the minute, with its UTC offset if given.

    ``2019-04-25T13:15:00+02:00`` -> ``2019-04-25T13:15+02:00``; a bare date stays a date. A feed's
    RFC 2822 date (``Thu, 25 Apr 2019 13:15:00 +0200``) and Unix seconds (a corpus's timestamp field,
    read as UTC) are understood; other spellings go through :func:`parse_date`.
    """
    if not value:
        return None
    m = _ISO_DATETIME.match(value)
    if not m:
        return _rfc2822(value) or _epoch(value) or parse_date(value)
    year, month, day, hour, minute, zone = m.groups()
    if not _real_date(int(year), int(month), int(day)):
        return None
    out = f"{year}-{month}-{day}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        out += f"T{hour}:{minute}"
        if zone:
            out += "+00:00" if zone == "Z" else (zone if ":" in zone else f"{zone[:3]}:{zone[3:]}")
    return out


# RFC 2822 (RSS pubDate, e-mail): an optional weekday, then day, month name, year
_RFC2822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\b")


def _rfc2822(value: str) -> str | None:
    if not _RFC2822.match(value):
        return None
    try:
        stated = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None
    zone = stated.strftime("%z")
    return stated.strftime("%Y-%m-%dT%H:%M") + (f"{zone[:3]}:{zone[3:]}" if zone else "")


def _epoch(value: str) -> str | None:
    """Unix seconds (or milliseconds) between 1990 and 2100, as UTC."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) not in (9, 10, 12, 13):
        return None
    seconds = int(digits) / (1000 if len(digits) > 10 else 1)
    if not 631152000 <= seconds < 4102444800:
        return None
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M+00:00")


# the place and agency that open an agency story, before a dash: "Bern (sda) – ..."
_DATELINE_CREDIT = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.'’/ -]{0,40}?\s*)?\(\s*([A-Za-zÄÖÜäöü/,; -]{2,40}?)\s*\)\s*(?:[-–—:]\s*|(?=[A-ZÄÖÜ]))"
)


# "Zürich, 3. März 2025 – Der Gemeinderat ...": a place and a date before a dash open the text
_TEXT_DATELINE = re.compile(
    r"^[A-ZÄÖÜ][\w./ -]{1,30}?,\s*(?:\w+,\s*)?\d{1,2}\.\s*(?:\d{1,2}\.\s*|[A-ZÄÖÜ][a-zä]+\.?\s+)\d{4}"
    r"(?:,?\s+(?:um\s+)?\d{1,2}[.:]\d{2}(?:\s*Uhr)?)?\s*(?:\([^()]{1,30}\)\s*)?[–—-]\s"
)


def dateline_date(text: str) -> str | None:
    """The date of the dateline that opens an article's text ("Zürich, 3. März 2025 – Der Gemeinderat
    ..."), for pages and dumps that state it nowhere else (press releases)."""
    m = _TEXT_DATELINE.match(text)
    return parse_date(m.group(0)) if m else None


def dateline_credits(text: str) -> list[str]:
    """Agencies named in the dateline that opens an agency story: "Berlin (dpa) - Die Regierung ..."."""
    m = _DATELINE_CREDIT.match(text)
    if not m:
        return []
    parts = [p for p in re.split(r"\s*[/,;]\s*", m.group(1)) if p]
    agencies = [normalise_agency(p) for p in parts]
    # an agency, perhaps beside staff initials or a partner: "(dpa/red)", "(SDA/Keystone)"
    if not any(agencies) or any(
        a is None and not re.fullmatch(r"[A-Za-zÄÖÜäöü-]{1,12}", p)
        for a, p in zip(agencies, parts, strict=True)
    ):
        return []
    return list(dict.fromkeys(a for a in agencies if a))


# ----------------------------------------------------------------------------------- boilerplate lexicon
#
# Blocks that wrap an article on any news site, German and English, by what they are for. The full
# lexicon applies to a short block (a button, a box heading, a menu entry): the same words inside a
# sentence of the article mean nothing, so long blocks are only tested for the few notices that are
# whole sentences (comment-form, consent, newsletter and donation notices). Matching is by word and
# phrase tables rather than one big regular expression: it runs on every line of every page.

BOILERPLATE_KINDS = (
    "navigation",
    "share",
    "comments",
    "newsletter",
    "consent",
    "copyright",
    "advertising",
    "donation",
    "teaser",
    "counter",
    "photo-credit",
    "caption",
    "tags",
)


def _table(kind_words: dict[str, str]) -> dict[str, str]:
    return {phrase: kind for kind, phrases in kind_words.items() for phrase in phrases.split("|")}


_SOCIAL_NAMES = (
    "facebook|twitter|whatsapp|pinterest|linkedin|xing|instagram|telegram|flipboard|reddit|messenger|youtube"
    "|tiktok|threads|mastodon|bluesky|tumblr|pocket|e-mail|email|mail|x|rss|feed"
)
_SOCIAL = frozenset(_SOCIAL_NAMES.split("|"))
# a whole short block, lower-cased, without surrounding punctuation
_EXACT = _table(
    {
        "navigation": "home|startseite|zur startseite|zurück|zurück zur übersicht|zurück zur startseite|back|"
        "nach oben|zum seitenanfang|seitenanfang|top|impressum|kontakt|contact|über uns|about|about us|sitemap|"
        "suche|suchen|search|menü|menu|navigation|hauptnavigation|login|log in|anmelden|abmelden|logout|"
        "mein konto|konto|e-paper|epaper|abo|mediadaten|jobs|karriere|faq|archiv|übersicht|alle zeigen|"
        "schließen|schliessen|close|toggle navigation|vorheriger|vorherige|vorheriger artikel|"
        "vorheriger beitrag|nächster|nächste|nächster artikel|nächster beitrag|previous|previous post|next|"
        "next post|weiter|direkt zum inhalt|springe zum inhalt|zum inhalt springen|skip to content|"
        "skip to main content|inhaltsverzeichnis|inhalt|service|hilfe|help|presse|kontaktformular|"
        "registrieren|passwort vergessen|benutzername|passwort|merken|gemerkt|drucken|print",
        "teaser": "mehr|mehr...|mehr …|weiterlesen|mehr lesen|mehr erfahren|zur story|zum artikel|"
        "zum beitrag|read more|more|alle artikel|alle beiträge|alle news|alle meldungen|mehr dazu|mehr news|"
        "mehr videos|weitere artikel|weitere beiträge|weitere themen|weitere news|weitere nachrichten|"
        "auch interessant|meistgelesen|meistgelesene artikel|empfehlungen|recommended|trending",
        "advertising": "anzeige|- anzeige -|werbung|advertisement|sponsored|gesponsert|reklama|promotion",
        "caption": "vergrößern|vergrössern|zum vergrößern|bild vergrößern|zoom|bildergalerie|galerie|"
        "fullscreen|vollbild",
        "comments": "kommentare|kommentar|kommentieren|antworten|antwort|reply|melden|comments|comment",
        "tags": "schlagworte|schlagwörter|stichworte|stichwörter|tags|themen in diesem artikel|markiert mit|"
        "article tags|verwandte themen|themen zum artikel",
        "newsletter": "newsletter|newsletter abonnieren|abonnieren|subscribe|sign up",
        "donation": "spenden|jetzt spenden|donate|spende",
    }
)
# a word anywhere in a short block
_WORD_KIND = _table(
    {
        "share": "teilen|teile|share|tweet|tweeten|twittern|versenden|weiterleiten|weiterempfehlen|herunterladen|"
        "download|downloaden|drucken|druckversion",
        "comments": "kommentar|kommentare|kommentaren|kommentieren|kommentarfunktion|comment|comments|reply|"
        "antworten|leserbrief|leserbriefe|diskussion",
        "newsletter": "newsletter|abonnieren|abonniere|abonniert|subscribe|registrieren|registrierung",
        "consent": "cookie|cookies|datenschutz|datenschutzerklärung|datenschutzhinweise|datenschutzbestimmungen|"
        "privatsphäre|privacy|einwilligung|einverständnis|consent|nutzungsbedingungen|agb|zustimmen|akzeptieren|"
        "freischalten",
        "copyright": "copyright|©",
        "advertising": "werbung|advertisement|sponsored|gesponsert|affiliate|provisionslink|partnerlink|reklama",
        "donation": "spenden|spende|spender|donate|iban",
        "teaser": "weiterlesen|meistgelesen|meistgelesene|meistgelesenen",
    }
)
# a phrase of two to four words anywhere in a short block
_PHRASE_KIND = _table(
    {
        "share": "link kopieren|url kopieren|url zum kopieren|folge uns|folge mir|folgen sie uns|follow us|"
        "per e-mail|per mail",
        "comments": "antworten abbrechen|diskutieren sie|schreibe einen|leave a|kommentar schreiben",
        "newsletter": "sign up|jetzt anmelden",
        "consent": "terms of use|terms of service|externe inhalte|externer inhalt|redaktioneller inhalt",
        "copyright": "alle rechte|all rights",
        "donation": "unterstütze uns|unterstützen sie uns|support us|if you enjoyed",
        "teaser": "mehr zum thema|lesen sie auch|lesen sie mehr|lesen sie hier|auch interessant|"
        "könnte sie auch interessieren|könnte dich auch interessieren|könnte euch auch interessieren|"
        "könnte sie interessieren|könnte dich interessieren|am häufigsten gelesen|am häufigsten geteilt|"
        "mehr lesen|mehr erfahren|read more|you may also like|you might also like|more from|most read|"
        "most popular|most viewed|related articles|related posts|related stories|related content|"
        "ähnliche artikel|ähnliche beiträge|ähnliche themen|verwandte artikel|verwandte themen|"
        "verwandte beiträge|weitere artikel|weitere beiträge|weitere themen|weitere news|neueste artikel|"
        "neueste beiträge|aktuelle artikel|aktuelle beiträge|beliebte artikel|beliebte beiträge|"
        "empfohlene artikel|passende artikel|weiterführende links|top artikel|top-artikel|top-themen|"
        "top themen|das könnte|auch lesenswert|mehr aus|mehr von|mehr zu",
    }
)
_PHRASE_STARTS = frozenset(phrase.split(" ", 1)[0] for phrase in _PHRASE_KIND)
# the start of a short block
_PREFIX = re.compile(
    r"(?P<counter>\d{1,3}\s*(?:/|von|of)\s*\d{1,3}$"
    r"|(?:bild|foto|seite|page|image|slide)\s*\d{1,3}\s*(?:/|von|of)\s*\d{1,3}\b"
    r"|(?:hits|aufrufe|zugriffe|views|gelesen|besucher|leser|visits|clicks|klicks)\s*:?\s*[\d.,']+\s*(?:mal)?$"
    r"|[\d.,']+\s*(?:x\s*|mal\s*)?(?:gelesen|aufrufe|views|hits|besucher\s*online|leser|likes?|shares?)$"
    # reading time: "Lesezeit: 3 Min.", "5 Minuten Lesezeit", "4 min read"
    r"|(?:lesezeit|lesedauer|reading time)\s*:?\s*(?:ca\.\s*)?\d{1,3}\s*(?:min\.?|minuten|minutes?)$"
    r"|(?:ca\.\s*)?\d{1,3}\s*(?:min\.?|minuten|minutes?)\s*(?:lesezeit|lesedauer|read|reading time)$)"
    r"|(?P<photo_credit>(?:fotos?|bild(?:er)?|quelle|photos?|images?|credits?|grafik|illustration|"
    r"bildquelle|fotoquelle|fotografie|titelbild|titelfoto|beitragsbild|symbolbild|symbolfoto)\s*:"
    r"|©|\(c\)\s|foto\s*©)"
    r"|(?P<tags>(?:themen|schlagworte|schlagwörter|tags|stichworte|stichwörter|kategorien?|rubriken?|"
    r"abgelegt unter|filed under|posted in|veröffentlicht in|mehr zu den themen)\s*:)"
    r"|(?P<advertising>jetzt (?:bestellen|kaufen|sichern|testen|vorsorgen|buchen)\b|zu[mr] (?:angebot|shop)\b)"
    r"|(?P<donation>\d+(?:[.,]\d+)?\s*(?:chf|€|eur|euro|fr\.|\$|usd|£)$|(?:chf|€|eur|\$|£)\s*\d+(?:[.,]\d+)?$)"
    r"|(?P<teaser>mehr\s*[«»›>]|(?:weitere|ähnliche|verwandte|neueste|aktuelle|beliebte|meistgelesene|"
    r"empfohlene|passende|weiterführende|neue)\s+(?:artikel|beiträge|themen|news|nachrichten|stories|storys|"
    r"meldungen|posts|videos|links|inhalte)\b|mehr \w+ (?:auf|bei|von|aus) )"
    r"|(?P<navigation>zurück zu)"
)
# labelled lines of any length: "Lesen Sie auch: ...", "Themen: ...", "Zum Vergrößern auf das Bild klicken"
_LABEL_PREFIX = re.compile(
    r"(?P<teaser>(?:auch lesen|lies auch|lesen sie (?:auch|mehr|hier)|mehr dazu|mehr zum thema|siehe auch"
    r"|auch auf [\w.-]+|auch interessant|passend dazu|zum thema|weiterlesen|read more|read also|see also|related)"
    r"\s*:)"
    r"|(?P<tags>(?:themen|schlagworte|schlagwörter|tags|stichworte|stichwörter|kategorien?|rubriken?|"
    r"abgelegt unter|filed under|posted in|veröffentlicht in|mehr zu den themen|themen in diesem artikel)\s*:)"
    r"|(?P<caption>(?:zum |bild )?vergrö(?:ß|ss)ern\b)"
)
_TOKEN = re.compile(r"[\w©][\w\-]*")
_EDGE_PUNCT = " \t.:!?,;-–—|•·»«›‹<>()[]\"'*#"
# long blocks: a cheap test for trigger words, then the phrase that makes it a notice
_NOTICE_TRIGGERS = frozenset(
    "veröffentlicht felder kommentar kommentare kommentarfunktion kommentar-debatten akismet e-mail-adresse "
    "email netiquette pseudonym zeilenumbrüche bewerten cookie cookies datenschutzerklärung privatsphäre "
    "einverständnis einwilligung drittanbieter externe externen externer externes zustimmung privacy policy "
    "consent javascript willige absenden laden klicken newsletter abonnieren melde melden sign postfach "
    "posteingang anmeldung verpasse informiert unterstützen unterstütze spenden zahlung banküberweisung "
    "enjoyed rechte rights © otherwise commons archiv affiliate provision provisionslink partnerlink werbelink "
    "werbung zugang teilen folge folgen herunterladen abgelegt filed required".split()
)
_WORD_STRIP = ".,;:!?\"'»«“”„‘’()[]–—-…*/"
# sentence-long notices by kind, in order of precedence: the notice whose phrase comes first in the
# block wins, the earlier kind on a tie. Each kind's pattern is searched on its own: its alternatives
# start with letters, so a search skips ahead by first character, which one pattern of groups cannot.
_NOTICE_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "comments",
            r"e-mail-adresse wird nicht veröffentlicht|erforderliche felder sind|kommentarfunktion"
            r"|kommentar-debatten|verwendet akismet|your email address will not be published"
            r"|required fields are marked|um einen kommentar|kommentar abzugeben|kommentare (?:sind|werden) moderiert"
            r"|netiquette|comments? under pseudonym|zeilenumbrüche und absätze werden automatisch"
            r"|artikel (?:zu )?bewerten|wird benötigt und nicht veröffentlicht",
        ),
        (
            "consent",
            # words a news sentence uses too ("die Zustimmung zur Regierung", "consent decree") count
            # only as the reader's: "Ihre Zustimmung", "your consent"
            r"cookie|datenschutzerklärung|(?:ihre[rn]?|deine[rn]?) (?:zustimmung|einwilligung|einverständnis"
            r"|privatsphäre)|(?:zustimmung|einwilligung) (?:jederzeit |erteilen|widerrufen|geben)|drittanbieter"
            r"|externe[rn]? (?:inhalte?|dienst)|privacy policy|your (?:consent|privacy)|javascript|willige ich"
            r"|mit (?:dem )?absenden|inhalt (?:von .{1,40})?zu laden|klicken sie auf den",
        ),
        (
            "newsletter",
            r"newsletter|abonnieren sie|melden sie sich (?:jetzt )?an|melde dich (?:jetzt |hier )?"
            r"(?:an|für)|sign up for|enter your email|in (?:dein|ihr) postfach|in deinen posteingang"
            r"|mit der anmeldung stimme|verpasse keine|immer aktuell informiert|e-mail-adresse ein\b",
        ),
        (
            "donation",
            r"(?:unterstützen|unterstütze) (?:sie )?(?:uns|unseren journalismus)|jetzt spenden"
            r"|zahlung abzuschliessen|zahlung abzuschließen|banküberweisung|if you enjoyed",
        ),
        (
            "copyright",
            r"alle rechte vorbehalten|all rights reserved|©|unless otherwise stated|creative commons"
            r"|dies ist das archiv",
        ),
        (
            "advertising",
            r"affiliate|provisionslink|partnerlink|werbelink|eine provision|enthält werbung"
            r"|unlimitierte[nm]? zugang|wählen sie ihren zugang",
        ),
        ("share", r"vergiss nicht zu teilen|folgen sie uns|folge uns auf|als pdf herunterladen"),
        ("tags", r"der beitrag wurde am .{0,80}veröffentlicht|abgelegt unter|filed under"),
    )
)
_KIND_WORDS = frozenset(_WORD_KIND)
# quoted words: «…», „…“, "…", »…«
_QUOTED = re.compile(r"[«»„“\"‹›][^«»„“”\"‹›]{2,}[«»“”\"‹›]")


def _notice_kind(head: str) -> str | None:
    """The kind of the notice whose phrase comes first in ``head`` (lower-cased), if any."""
    best: tuple[int, str] | None = None
    for kind, pattern in _NOTICE_GROUPS:
        m = pattern.search(head)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else None


def boilerplate_kind(
    text: str, *, max_words: int = 10, words: Collection[str] | None = None, lowered: str | None = None
) -> str | None:
    """What kind of page furniture a block is ("share", "teaser", "navigation", ...), or None.

    A short block (up to ``max_words`` words) is matched against the whole lexicon; a longer one only
    against notices that are sentences in their own right (comment-form hints, consent, newsletter and
    donation appeals, copyright). The kinds are those of :data:`BOILERPLATE_KINDS`. ``words`` may
    pass the block's words, lower-cased and stripped of punctuation, and ``lowered`` the stripped text
    lower-cased, when the caller has them already.
    """
    lower = lowered if lowered is not None else text.strip().lower()
    if not lower:
        return None
    n_words = lower.count(" ") + 1
    if n_words <= max_words:
        core = lower.strip(_EDGE_PUNCT)
        kind = _EXACT.get(core)
        if kind:
            return kind
    # (every label ends with a colon but the caption's "vergrößern": the cheap test first)
    if n_words <= 30 and (":" in lower or "vergrö" in lower):
        m = _LABEL_PREFIX.match(lower)
        if m and m.lastgroup:
            return m.lastgroup
    if n_words > max_words:
        head = lower[:600]
        if words is None:
            words = {w.strip(_WORD_STRIP) for w in head.split()}
        if not _NOTICE_TRIGGERS.isdisjoint(words):
            return _notice_kind(head)
        return None
    m = _PREFIX.match(lower)
    if m and m.lastgroup:
        return m.lastgroup.replace("_", "-")
    tokens = _TOKEN.findall(lower)
    if not tokens:
        return None
    if tokens[0] in _SOCIAL and _SOCIAL.issuperset(tokens):
        return "share"
    if _KIND_WORDS.isdisjoint(tokens) and _PHRASE_STARTS.isdisjoint(tokens):
        tokens = []  # no word of the lexicon: nothing for the loop below to find
    elif not _KIND_WORDS.isdisjoint(tokens) and _QUOTED.search(text):
        # words of the lexicon inside quoted words ("Putin droht: «Wir werden antworten»"): a headline
        # quoting someone, not a button; phrases still count
        quoted = {t for m in _QUOTED.finditer(lower) for t in _TOKEN.findall(m.group())}
        tokens = [t if t not in _KIND_WORDS or t not in quoted else "" for t in tokens]
    for i, token in enumerate(tokens):
        kind = _WORD_KIND.get(token)
        if kind:
            return kind
        if i + 1 < len(tokens) and token in _PHRASE_STARTS:
            pair = token + " " + tokens[i + 1]
            kind = _PHRASE_KIND.get(pair)
            if kind is None and i + 2 < len(tokens):
                kind = _PHRASE_KIND.get(pair + " " + tokens[i + 2])
                if kind is None and i + 3 < len(tokens):
                    kind = _PHRASE_KIND.get(pair + " " + tokens[i + 2] + " " + tokens[i + 3])
            if kind:
                return kind
    if "teilen" in core or "©" in core:
        return "share" if "teilen" in core else "copyright"
    if core.endswith(("...mehr", "… mehr", "...more", "... mehr", "…mehr")):
        return "teaser"
    return None


_TEASER_HEADING = re.compile(
    r"^(?:mehr zum thema|lesen sie (?:auch|mehr)|auch interessant|das könnte (?:sie|dich|euch) (?:auch )?"
    r"interessieren|(?:weitere|ähnliche|verwandte|neueste|aktuelle|beliebte|meistgelesene|empfohlene|passende|"
    r"weiterführende)\s+(?:artikel|beiträge|themen|news|nachrichten|stories|storys|meldungen|posts|links|inhalte)"
    r"|meistgelesen\w*|am häufigsten (?:gelesen|geteilt)|zur story|related (?:articles?|posts?|stories|content)"
    r"|you (?:may|might) also like|more from .{1,40}|most (?:read|popular|viewed)|recommended(?: for you)?"
    r"|read (?:more|next|also)|see also|siehe auch|top-?artikel|top-?themen)\b.{0,40}$",
    re.I,
)


def is_teaser_heading(text: str) -> bool:
    """True for the heading of a related-stories box ("Mehr zum Thema", "Das könnte dich auch interessieren").

    After the article body such a heading marks where the article ends.
    """
    return bool(_TEASER_HEADING.match(text.strip().rstrip(":").strip()))


_PHOTO_CREDIT = re.compile(
    r"^\s*(?:(?:fotos?|bild(?:er)?|quelle|photos?|images?|credits?|grafik|illustration|bildquelle|fotoquelle|"
    r"titelbild|titelfoto|symbolbild|symbolfoto|foto\s*©)\s*:\s*|©\s*|\(c\)\s+)(?P<credit>.{1,200}?)\s*$",
    re.I,
)


def photo_credit(text: str) -> str | None:
    """The credit of a photo-credit line ("quelle: ap / evan vucci", "Bild: Keystone", "© dpa"), else None."""
    if len(text) > 220:
        return None
    m = _PHOTO_CREDIT.match(text)
    return m.group("credit").strip() if m else None


# picture agencies and libraries: a parenthesis naming one ends a caption ("(mlharing / iStock.com)");
# news agencies alone ("(dpa)") credit the text, not a photo
_PHOTO_AGENCIES = (
    r"istock|getty|shutterstock|adobe\s*stock|fotolia|imago|picture[\s-]alliance|unsplash|pixabay|pexels|"
    r"flickr|wikimedia|depositphotos|123rf|colourbox|action press|dpa-bildfunk|keystone|epa"
)
_INLINE_CREDIT = re.compile(
    r"(?:[(\[]\s*(?:fotos?|bild(?:er)?|quelle|photos?|credits?|grafik|abbildung|image)\s*:\s*(?P<a>[^()\[\]]{2,80})[)\]]"
    r"|(?<=[.!?\s])(?:fotos?|bild(?:er)?|photos?|credits?)\s*:\s*(?P<b>[^:]{2,80})"
    r"|\((?P<c>[^()]{0,60}(?:" + _PHOTO_AGENCIES + r")[^()]{0,40})\)"
    r"|©\s*(?P<d>[^©]{2,80}))\s*$",
    re.I,
)


def inline_photo_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) for a caption that carries its photo credit at the end, else None.

    "Helfer füllen Sandsäcke. Foto: Erika Muster", "Das Hermelin im Winter. (mlharing / iStock.com)",
    "Der Gipfel in Wladiwostok. (Bild: Keystone)". Only short texts qualify: a credit-like parenthesis at
    the end of a long paragraph is more likely part of the article.
    """
    if len(text) > 400 or ("©" not in text and ":" not in text[-90:] and ")" not in text[-3:]):
        return None
    m = _INLINE_CREDIT.search(text)
    if not m or m.start() < 3:
        return None
    credit = next(g for g in m.groups() if g is not None).strip()
    caption = text[: m.start()].strip()
    return (caption, credit) if caption and credit else None


_GALLERY_COUNTER = re.compile(
    r"^\s*(?:(?:bild|foto|image|slide)\s*)?(\d{1,3})\s*(?:/|von|of)\s*(\d{1,3})\s*$", re.I
)


def gallery_counter(text: str) -> tuple[int, int] | None:
    """(n, total) for a gallery counter line such as "1 / 14" or "Bild 3 von 12", else None."""
    m = _GALLERY_COUNTER.match(text)
    if not m:
        return None
    n, total = int(m.group(1)), int(m.group(2))
    return (n, total) if 0 < n <= total else None


_NAME = r"[A-ZÄÖÜ][\w'’.\-]*(?:\s+(?:von|van|de|der|den|zu|di|da|le|la|del|dos|y)\b)?(?:\s+[A-ZÄÖÜ][\w'’.\-]*){1,3}"
_AUTHOR_LINE = re.compile(
    rf"^(?:(?:Ein\s+(?:Kommentar|Beitrag|Gastbeitrag|Artikel)\s+)?(?:Von|Text|Autor(?:in)?|Author|By|Verfasst von|"
    rf"Geschrieben von|Written by|Reporter)\s*:?\s+)(?P<names>{_NAME}(?:\s*(?:,|und|and|&)\s*{_NAME})*)",
)
_AUTHOR_TRAILER = re.compile(rf"\b(?:[Vv]on|[Bb]y)\s+(?P<names>{_NAME}(?:\s*(?:,|und|and|&)\s*{_NAME})*)\s*$")
_NOT_A_NAME = re.compile(
    r"^(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|The|A|Unserer|Unseren|Unser|Redaktion|Staff|Admin|Gast)\b"
)


def find_authors(line: str) -> list[str]:
    """Author names of a byline ("Von Max Muster", "Autor: Erika Muster und Max Muster", "By Jane Doe").

    Only a short line that opens with a byline cue counts (or one that ends "..., 11:30 Uhr von Max
    Muster"); names are capitalised words, two to four of them. Returns [] for anything else.
    """
    text = line.strip()
    if not text or len(text) > 160:
        return []
    m = _AUTHOR_LINE.match(text)
    if not m:
        m = _AUTHOR_TRAILER.search(text) if (parse_date(text) or re.search(r"\d{1,2}:\d{2}", text)) else None
    if not m:
        return []
    names = re.split(r"\s*(?:,|\bund\b|\band\b|&)\s*", m.group("names"))
    out: list[str] = []
    for k, name in enumerate(names):
        name = re.split(r"\s*[|•·/(]\s*|\s+\d", name)[0].strip(" .,")
        if k and k == len(names) - 1 and out and byline_place(name) and "," in m.group("names"):
            break  # "Von Jana Feldmann, St. Gallen": where she writes from
        if len(name.split()) >= 2 and not _NOT_A_NAME.match(name):
            out.append(name)
    return _unique(out)


# a place after the author's name in a byline: "St. Gallen", "Bad Ragaz", "Frankfurt am Main"
_PLACE_PHRASE = re.compile(r"^(?:St\.|Sankt|Bad|Den|New|San|Santa|Los|Las)\s|\s(?:am|an der|im|ob|bei)\s")


def byline_place(part: str) -> bool:
    """Is this last piece of a byline, after a comma behind a full name, where the author writes from
    ("Andrea Zwyssig, Bern", "Jana Feldmann, St. Gallen") rather than a second author? One word or a
    phrase a place name has (no person's name starts "St." or has "am" inside)."""
    part = part.strip()
    return bool(part) and (" " not in part or bool(_PLACE_PHRASE.search(part)))
