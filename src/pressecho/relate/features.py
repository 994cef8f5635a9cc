"""What represents an article when pressecho asks "same story?": weighted terms, names, numbers, time.

News stories are told with the same rare content words, the same names and the same numbers, close
together in time (Miranda et al. 2018 cluster news streams on exactly these: TF-IDF of title and
body, entities and a time decay). This module turns an article into those pieces once, so the pair
score (:mod:`pressecho.relate.similarity`) and the story index (:mod:`pressecho.relate.stories`) only
compare small dictionaries.

Why not a fitted vectoriser: stories are built incrementally, and "add articles one by one" must
give the same result as a batch run. Term weights therefore come from a fixed background model, the
German word frequencies that the ``wordfreq`` package ships (IDF ~ -log frequency), never from the
articles seen so far. Words are lemmatised by ``simplemma`` (its German dictionary ships in the
package) and lower-cased. German compounds are split here by a small frequency-based splitter in the
manner of Koehn & Knight (2003) -- the head of "Sicherheitsgarantien" is "garantie" -- because no
maintained splitter ships as a plain Python package with its lexicon; the splitter only adds the
head as an extra, lighter term, so a wrong split costs little.

Two leads that tell one story often spell its words differently: a compound in one is two words in the
other ("Libyenkonflikt", "Libyen-Konflikt", "Libyengipfel"), a word is inflected or machine-translated
text mangles it. So the score compares the weighted terms also as character 5-grams (:func:`term_grams`),
each term's weight spread over its grams; words the background model does not know (mostly names) stay
whole. The grams are derived from the stored terms when needed, never stored.

Only the title and the lead (the first ``LEAD_CHARS`` characters of the text) are used: that is where
news says what happened, it keeps the score calibrated on the ~1,300-character pairs of the
similarity benchmark, and it bounds the cost per article. Shared passages further down are seen by
the aligner, not here.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from pressecho.extract.news import AGENCIES
from pressecho.language.detect import function_words
from pressecho.model import Article

LEAD_CHARS = 1500
# terms kept per article (the heaviest): bounds memory at 100,000 articles
MAX_TERMS = 80
# a word this frequent (wordfreq's Zipf scale: log10 of occurrences per billion words) weighs nothing
ZIPF_CEILING = 10.0
# words unknown to the background model are treated as this frequent (rare names, typos, new compounds)
ZIPF_UNKNOWN = 1.5
COMPOUND_HEAD_WEIGHT = 0.3
# position emphasis: a word at character p of "title + lead" counts 1 + LEAD_BOOST * 2^(-p / LEAD_HALF);
# the title and first sentence say what the story is, later sentences add background that other
# stories share (tuned on the similarity pairs: 0.64 -> 0.70 Pearson against flat weights)
LEAD_BOOST = 6.0
LEAD_HALF = 80.0

_WORD = re.compile(r"[^\W\d_]+", re.U)
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:;»«\"“”„)]\s*$")

# function words simplemma lemmatises but that carry no topic (the IDF ceiling drops most; these are
# the frequent-enough-to-survive ones)
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen anders auch auf aus bei beim bereits
    bis bisher bzw da dabei dafür daher damit dann darauf darum das dass daß dem den denn der deren des
    dessen die dies diese diesem diesen dieser dieses doch dort du durch eben ebenfalls eher ein eine einem
    einen einer eines einige einmal er es etwa etwas euch euer für gegen gewesen hab habe haben hat hatte
    hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in indem ins ist ja jede
    jedem jeden jeder jedes jedoch jetzt kann kaum kein keine keinem keinen keiner können könnte man mehr
    mein meine mit muss musste müssen nach nachdem neben nein nicht nichts noch nun nur ob oder ohne rund
    schon sehr sei seien sein seine seinem seinen seiner seit selbst sich sie sind so solche soll sollen
    sollte sondern sowie über um und uns unser unter viel viele vom von vor während war waren wegen weil
    weiter weitere welche wenn wer werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen
    sagen sagte sagt heißen heißt gehen geben gibt ab laut bislang derzeit zudem sowohl dazu daran davon
    worden werden lassen machen kommen stehen bleiben sehen neu groß ganz gut erst zunächst
    """.split()
)
# the months and weekdays of dates, and words around numbers: shared by unrelated news of one day
STOPWORDS |= frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember montag dienstag "
    "mittwoch donnerstag freitag samstag sonntag uhr prozent jahr jahre jahren woche tag tage tagen".split()
)
# agency codes ("WIEN (dpa-AFX)", "(APA)"): every agency story carries them, whatever it reports (the
# article's credits are kept apart); as terms they made unrelated agency stories look alike
STOPWORDS |= frozenset(code for code in AGENCIES if "-" not in code)
GRAM = 5  # characters per gram of :func:`term_grams` (4 does almost as well on the similarity pairs)
_LINKERS = ("", "s", "es", "n", "en", "e", "er")


@lru_cache(maxsize=1)
def _background() -> dict[str, float]:
    """German word frequencies of the ``wordfreq`` package (its "large" list, ~630,000 words)."""
    import wordfreq

    return wordfreq.get_frequency_dict("de", wordlist="large")


def zipf(word: str) -> float:
    freq = _background().get(word)
    return math.log10(freq) + 9 if freq else ZIPF_UNKNOWN


def idf(word: str) -> float:
    """Background inverse frequency of a lower-cased word: 0 for the most frequent words."""
    return max(0.0, ZIPF_CEILING - zipf(word))


@lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """Lower-cased lemma of one word (the cache makes a corpus cost one lookup per distinct word)."""
    import simplemma

    return simplemma.lemmatize(token, lang="de").lower()


@lru_cache(maxsize=200_000)
def compound_head(word: str) -> str | None:
    """The head of a German compound ("sicherheitsgarantie" -> "garantie"), or None.

    Splits where both parts (the modifier less a linking "s", "en", ...) are known words, and keeps the
    split whose rarer part is most frequent; the head must be a content word of its own.
    """
    if len(word) < 9:
        return None
    freqs = _background()
    best: tuple[float, str] | None = None
    for cut in range(4, len(word) - 3):
        head = word[cut:]
        head_freq = freqs.get(head)
        if not head_freq or head in STOPWORDS:
            continue
        modifier = word[:cut]
        for linker in _LINKERS:
            if linker and not modifier.endswith(linker):
                continue
            stem = modifier[: len(modifier) - len(linker)] if linker else modifier
            stem_freq = freqs.get(stem) if len(stem) >= 3 else None
            if stem_freq:
                rarer = min(stem_freq, head_freq)
                if rarer > 1e-6 and (best is None or rarer > best[0]):
                    best = (rarer, head)
                break
    return best[1] if best else None


@dataclass
class ArticleFeatures:
    """The pieces of an article that the same-story score compares."""

    id: str
    terms: dict[str, float] = field(default_factory=dict)  # lemma -> tf-idf weight, unit length
    names: dict[str, float] = field(default_factory=dict)  # name word -> weight (entities or proper nouns)
    numbers: frozenset[str] = frozenset()
    published: datetime | None = None
    source: str | None = None
    credits: tuple[str, ...] = ()
    language: str | None = None  # ISO 639-1, as extraction detected it
    _grams: dict[str, float] | None = field(default=None, repr=False, compare=False)

    @property
    def grams(self) -> dict[str, float]:
        """:func:`term_grams` of the terms, computed once per article (the clustering compares one
        article with many candidates)."""
        if self._grams is None:
            self._grams = term_grams(self.terms)
        return self._grams


# Where a language's news is published: a stated time without a zone is that zone's local time.
# German-language outlets (Germany, Austria, Switzerland) all keep Central European time, so "14:00" in a
# German article next to "13:30+02:00" in another is 12:00 against 11:30 UTC, not 14:00 against 11:30.
LOCAL_ZONES = {"de": "Europe/Berlin"}


def parse_time(value: str | None, language: str | None = None) -> datetime | None:
    """A published string as a naive datetime in UTC, or None.

    A bare date counts as its noon. A time with a zone is converted to UTC; one without is the local
    time of ``language``'s zone (:data:`LOCAL_ZONES`) where the language has one, else taken as stated
    (as if UTC: the zone is unknown). The result never depends on the machine's zone.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
        return when.replace(hour=12)
    if len(text) <= 10:
        return when.replace(hour=12)
    if when.tzinfo is None:
        zone = LOCAL_ZONES.get(language or "")
        if zone is None:
            return when
        when = when.replace(tzinfo=ZoneInfo(zone))
    return when.astimezone(UTC).replace(tzinfo=None)


def _unit(weights: dict[str, float], limit: int | None = None) -> dict[str, float]:
    if limit is not None and len(weights) > limit:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit])
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


@lru_cache(maxsize=200_000)
def _term(token: str) -> tuple[str, float, str | None] | None:
    """A capitalised token's lemma, its IDF and its compound head; None for a stop word."""
    word = lemma(token)
    # an ambiguous lemma is spelt "er|es|sie" (an all-capitals "SIE"): a stop word if a reading is one
    if word in STOPWORDS or ("|" in word and not STOPWORDS.isdisjoint(word.split("|"))):
        return None
    weight = idf(word)
    if weight <= 0:
        return None
    return word, weight, compound_head(word)


@lru_cache(maxsize=200_000)
def _known_word(token: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(token, lang="de"))


@lru_cache(maxsize=200_000)
def _proper_noun(token: str) -> tuple[str, float] | None:
    """A capitalised token that no dictionary knows (or an acronym) as a name, with its weight."""
    if not token.isupper() and _known_word(token):
        return None
    word = token.lower()
    return word, max(idf(word), 1.0)


def _read(
    text: str, counts: dict[str, float], names: dict[str, float] | None, skip: frozenset[str] = frozenset()
) -> None:
    """One pass over title and lead: capitalised words weighted by position into ``counts`` and, when
    ``names`` is given, proper nouns into it.

    Capitalised words only: in German that is the nouns and names, which carry the story; verbs and
    adjectives vary with each outlet's style (all words: 0.58 Pearson on the similarity pairs, nouns
    and names: 0.64). Proper nouns (used when no NER ran) are capitalised words that are not
    sentence-initial and not dictionary words. ``skip``: function words of the article's language when it
    is not German (the German background model knows no Spanish "El" or "En": as rare words they made
    unrelated Spanish articles of one day look like one story).
    """
    for match in _WORD.finditer(text):
        token = match.group()
        if len(token) < 2 or not token[0].isupper() or (skip and token.lower() in skip):
            continue
        pos = match.start()
        info = _term(token)
        if info is not None:
            word, _, head = info
            weight = 1.0 + LEAD_BOOST * 2 ** (-pos / LEAD_HALF)
            counts[word] = counts.get(word, 0.0) + weight
            if head is not None:
                counts[head] = counts.get(head, 0.0) + COMPOUND_HEAD_WEIGHT * weight
        if names is not None and pos:
            before = text[max(0, pos - 3) : pos]
            if before.strip() and "\n" not in before and not _SENTENCE_END.search(before):
                name = _proper_noun(token)
                if name is not None and names.get(name[0], 0.0) < name[1]:
                    names[name[0]] = name[1]


def _entity_names(article: Article, names: dict[str, float]) -> None:
    """The words of the article's entities' names and mentions ("Putins"), but not their roles: an
    entity's aliases besides its name's own words are role nouns ("Kremlchef", "Bürgermeisterin",
    "Kreisbrandmeister"), which unrelated stories share."""
    for entity in article.entities:
        own = {m.group().lower() for m in _WORD.finditer(entity.name)}
        roles = {m.group().lower() for alias in entity.aliases for m in _WORD.finditer(alias)} - own
        for text in [entity.name, *(m.text for m in entity.mentions)]:
            for match in _WORD.finditer(text):
                word = match.group().lower()
                if len(word) >= 2 and word not in STOPWORDS and word not in roles:
                    names[word] = max(names.get(word, 0.0), max(idf(word), 1.0))


def _numbers(text: str) -> frozenset[str]:
    """Numbers that identify an event: any with two or more digits (small counts are everywhere)."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group().rstrip(".,:")
        if sum(c.isdigit() for c in value) >= 2:
            found.add(value)
    return frozenset(found)


def text_features(
    id: str,
    title: str | None,
    text: str,
    *,
    published: str | None = None,
    article: Article | None = None,
    source: str | None = None,
    credits: tuple[str, ...] = (),
    language: str | None = None,
) -> ArticleFeatures:
    """Features of a title and a text; ``article`` supplies its entities when the language layer ran."""
    lead = text[:LEAD_CHARS]
    head_and_lead = f"{title}\n{lead}" if title else lead
    counts: dict[str, float] = {}
    names: dict[str, float] = {}
    with_entities = article is not None and bool(article.entities)
    skip = function_words(language) if language != "de" else frozenset()
    _read(head_and_lead, counts, None if with_entities else names, skip)
    if with_entities:
        assert article is not None
        _entity_names(article, names)
    terms = {t: c * idf(t) for t, c in counts.items()}
    return ArticleFeatures(
        id=id,
        terms=_unit(terms, MAX_TERMS),
        names=names,
        numbers=_numbers(((title or "") + "\n") + lead),
        published=parse_time(published, language),
        source=source,
        credits=credits,
        language=language,
    )


def article_features(article: Article) -> ArticleFeatures:
    """Features of a stored or freshly extracted article."""
    return text_features(
        article.raw_id,
        article.title,
        article.text,
        published=article.published,
        article=article,
        source=article.source,
        credits=tuple(article.credits),
        language=article.language,
    )


FEATURE_DIGITS = 5  # weights are kept to this many decimals, in memory and in the store alike


def encode_features(f: ArticleFeatures) -> str:
    """The comparable parts of an article's features as compact JSON (what the story stage stores)."""
    return json.dumps(
        {
            "t": {k: round(v, FEATURE_DIGITS) for k, v in f.terms.items()},
            "n": {k: round(v, FEATURE_DIGITS) for k, v in f.names.items()},
            "d": sorted(f.numbers),
            **({"l": f.language} if f.language else {}),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_features(
    id: str,
    data: str,
    published: datetime | None = None,
    source: str | None = None,
    credits: tuple[str, ...] = (),
) -> ArticleFeatures:
    """Inverse of :func:`encode_features`."""
    raw = json.loads(data)
    return ArticleFeatures(
        id=id,
        terms=raw["t"],
        names=raw["n"],
        numbers=frozenset(raw["d"]),
        published=published,
        source=source,
        credits=credits,
        language=raw.get("l"),
    )


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


@lru_cache(maxsize=200_000)
def _grams_of(term: str) -> tuple[str, ...]:
    """A known word's grams; a word the background model does not know (mostly a name) stays whole:
    names of different people share syllables ("Kohler", "Kohlhaas") and must match exactly."""
    if term not in _background():
        return (f"={term}",)
    word = f"<{term}>"  # the edges mark the start and end of a word: "<kohl>" is not "kohle"
    return tuple(word[i : i + GRAM] for i in range(max(1, len(word) - GRAM + 1)))


def term_grams(terms: dict[str, float]) -> dict[str, float]:
    """The terms as character grams, each term's weight shared equally by its grams, unit length.

    Terms that differ by a linking letter, an inflection or a compound part share most of their grams,
    so their overlap counts where the word cosine sees none.
    """
    weights: dict[str, float] = {}
    for term, weight in terms.items():
        grams = _grams_of(term)
        share = weight / len(grams)
        for gram in grams:
            weights[gram] = weights.get(gram, 0.0) + share
    return _unit(weights)


def shared_terms(a: dict[str, float], b: dict[str, float], limit: int = 10) -> list[str]:
    """The terms that contribute most to the cosine of ``a`` and ``b``: the evidence a UI shows."""
    common = [(a[t] * b[t], t) for t in a.keys() & b.keys()]
    return [t for _, t in sorted(common, key=lambda x: (-x[0], x[1]))[:limit]]
