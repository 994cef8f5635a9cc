"""Mentions -> entities: one record per person, place, organisation, within an article and a story.

Rules (written out because users need to know why two mentions were joined):

Within an article (:func:`find_entities`):

1. Mentions are the spans :func:`pressecho.language.de.ner.tag` finds, with offsets into
   ``Article.text``. A name's key is its tokens, with a genitive ``-s``/``'`` dropped when the bare
   form also occurs in the article (``Kims`` -> ``Kim``, ``Russlands`` -> ``Russland``).
2. Persons: multi-token names that are equal, or where one is the first or the last part of the
   other (``Wladimir Putin`` / ``Präsident Wladimir Putin``) are one person. ``Kim Jong Un`` and
   ``Kim Jong Il`` differ in a token that is neither a prefix nor a suffix, so they stay apart.
3. A short form (``Putin``, ``Kim``) joins the full name it is a prefix or suffix of. If several
   fit, it joins the one named in the same or the previous sentence, otherwise the most often
   mentioned so far (then the most recent). A short form no full name fits is its own entity.
4. Other kinds (LOC, ORG, OTH) join by equal key, case-insensitively; a one-word person with the
   same key as a place or organisation joins it. An entity's label is the label most of its name
   mentions have.
5. Role nouns are learned from appositions: a capitalised common noun right before a person's
   name (``Kremlchef Wladimir Putin``, ``der russische Präsident Wladimir Putin``,
   ``US-Präsident Donald Trump``, ``Bürgermeisterin Karin Vogt``) is a role of that person, both as
   written (``US-Präsident``) and by its head (``Präsident``). A role marked as past (``damalig``,
   ``ehemalig``, ``früher``, ``Ex-``, ``Alt-``) is not learned: ``dem damaligen Kremlchef Dmitri
   Medwedew`` does not make Medwedew the Kremlchef.
6. A learned role noun elsewhere (``sagte der Kremlchef``, ``Nordkoreas Machthaber``, ``des
   Machthabers``), not followed by a name and not after an indefinite article or a past marker,
   becomes a mention of the person: the one whose role it is as written, else by its head; among
   several, the one named most recently before it, else the first named after it.

Across a story (:func:`link_story_entities`): persons are joined across articles by the same
name rules (a short form joins the story's most mentioned fitting full name), other kinds by equal
key; roles learned in any article of the story resolve role nouns in every other article, adding
the mention (and the person, if the article never names them) to that article's entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pressecho.language.de import ner
from pressecho.language.de.sentences import split_article
from pressecho.model import Article, Entity, EntityLabel, Mention

_PAST = re.compile(
    r"^(damalig|ehemalig|früher|frueher|einstig|vormalig|verstorben|gestorben|abgesetzt|ex-|alt-)"
)
_INDEFINITE = frozenset(
    "ein eine einen einem einer eines kein keine keinen keinem keiner jeder jede jeden".split()
)
_NOT_ROLES = frozenset(
    "herr frau herrn dr. prof. sankt st. der die das den dem des ein eine und oder mit von für bei laut "
    "auch aber als wie wenn dass so nur noch schon heute gestern morgen am im".split()
)
_ROLE_SUFFIX = re.compile(
    r"(chef|chefin|präsident|präsidentin|minister|ministerin|kanzler|kanzlerin|sprecher|sprecherin|führer|"
    r"führerin|machthaber|meister|meisterin|leiter|leiterin|vorsitzende|vorsitzender|könig|königin|"
    r"papst|general|trainer|trainerin|boss|direktor|direktorin|gouverneur|senator|abgeordnete|"
    r"premier|premierministerin|regent|diktator|sekretär|sekretärin|beauftragte|gesandte|botschafter|"
    r"anwalt|anwältin|richter|richterin|kommissar|kommissarin|bischof|kardinal|fürst|prinz|prinzessin)$"
)


# role heads specific enough that "die Ministerin" means the article's Aussenministerin
_COMPOUND_HEAD = re.compile(
    r"(präsident|präsidentin|minister|ministerin|kanzler|kanzlerin|sprecher|sprecherin|"
    r"direktor|direktorin|botschafter|botschafterin|gouverneur|gouverneurin|senator|senatorin|"
    r"kommissar|kommissarin|sekretär|sekretärin|trainer|trainerin)(s|es|n|en)?$"
)


# common nouns that stand before a name without being the person's role: times, amounts, abstracts
_NOT_PERSON_NOUN = re.compile(
    r"(ung|ungen|heit|keit|schaft|tion|tionen|sion|tät|ismus|nis|ment|woche|wochen|monat|monats|monate|"
    r"jahr|jahres|jahre|jahren|tag|tages|tage|tagen|nacht|abend|morgen|mittag|zeit|ende|anfang|mitte|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|april|mai|juni|"
    r"juli|august|september|oktober|november|dezember|prozent|euro|franken|dollar|millionen|milliarden)$"
)


def _role_key(word: str) -> str:
    return word.lower().replace("ß", "ss").replace("-", "")


def _role_head(word: str) -> str:
    """``US-Präsident`` -> ``präsident``, ``Kremlchef`` -> ``chef`` is too generic: keep compounds whole."""
    tail = word.rpartition("-")[2]
    return _role_key(tail)


def _inflections(key: str) -> list[str]:
    """A role noun as it may appear inflected: ``Machthabers``, ``Präsidenten``."""
    return [key, key + "s", key + "es", key + "n", key + "en"]


@dataclass
class _Span:
    sent: int
    start_tok: int
    end_tok: int
    start: int
    end: int
    text: str
    label: str
    key: tuple[str, ...] = ()
    nominative: bool = False  # the key is the name in the nominative, the text a genitive


@dataclass
class _Ent:
    label: str
    full: tuple[str, ...]
    spans: list[_Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # role keys as written (``uspräsident``) and heads
    role_texts: list[str] = field(default_factory=list)
    role_spans: list[_Span] = field(default_factory=list)

    @property
    def last_pos(self) -> int:
        return max(s.start for s in self.spans) if self.spans else -1


@dataclass
class Analysis:
    """What :func:`find_entities` learned about one article, kept for story-level linking."""

    entities: list[Entity]
    roles: dict[str, list[tuple[str, ...]]]  # role key -> the full names it was said of
    role_candidates: list[tuple[int, int, str]]  # start, end, text of capitalised words no role resolved
    sentences_tokens: list[list[str]]


def _compatible(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Is ``short`` a way of naming ``long``: equal, its first part, its last part, or first+last."""
    if not short or not long or len(short) > len(long):
        return False
    n = len(short)
    if long[:n] == short or long[-n:] == short:
        return True
    return n >= 2 and short[0] == long[0] and short[-1] == long[-1]


def _strip_genitive(tokens: tuple[str, ...], known: set[str]) -> tuple[str, ...]:
    last = tokens[-1]
    for cut in ("'s", "’s", "'", "’", "s"):
        if last.endswith(cut) and len(last) > len(cut) + 1 and last[: -len(cut)] in known:
            return (*tokens[:-1], last[: -len(cut)])
    return tokens


def _mentions(article: Article, tags: list[list[str]]) -> list[_Span]:
    found: list[_Span] = []
    for si, (sent, sent_tags) in enumerate(zip(article.sentences, tags, strict=True)):
        for a, b, label in ner.spans(sent_tags):
            start, end = sent.tokens[a].start, sent.tokens[b - 1].end
            toks = tuple(t.text for t in sent.tokens[a:b])
            found.append(_Span(si, a, b, start, end, article.text[start:end], label, toks))
    return found


_NAME_TAGS = frozenset("VGFE")
_HONORIFICS = frozenset("dr prof herr herrn frau sir mr mrs ms lord lady dipl ing mag".split())


def _not_name(word: str, gazetteer: ner.Gazetteer) -> bool:
    """Is this token of a person span a description rather than a name (``Machthaber``, ``Nordkoreas``)?"""
    if not word[:1].isupper() or word.lower().rstrip(".") in _HONORIFICS:
        return True
    tags = set(gazetteer.get(word, ()))
    if tags & _NAME_TAGS:
        return False
    if "N" in tags or _ROLE_SUFFIX.search(_role_key(word.rpartition("-")[2])):
        return True
    return word.endswith("s") and bool(set(gazetteer.get(word[:-1], ())) & {"T", "C"})


_LIST_JOINS = frozenset((",", "und", "oder", "sowie"))


def _listed_among_things(
    sp: _Span, article: Article, gazetteer: ner.Gazetteer, tagged: set[tuple[int, int]]
) -> bool:
    """A one-word "person" or "place" that is also a common noun, listed with common nouns no one
    tagged, is a thing: "Ernte an Lauch, Kohl und Salat" (Kohl is a surname, Lauch a river too)."""
    if (
        sp.label not in ("PER", "LOC")
        or sp.end_tok - sp.start_tok != 1
        or "N" not in gazetteer.get(sp.key[0], ())
    ):
        return False
    tokens = article.sentences[sp.sent].tokens
    for step in (-1, 1):
        join, other = sp.start_tok + step, sp.start_tok + 2 * step
        if not (0 <= other < len(tokens)) or tokens[join].text not in _LIST_JOINS:
            continue
        word = tokens[other].text
        tags = set(gazetteer.get(word, ()))
        if word[:1].isupper() and "N" in tags and not tags & _NAME_TAGS and (sp.sent, other) not in tagged:
            return True
    return False


def _trim_person(sp: _Span, article: Article, gazetteer: ner.Gazetteer) -> None:
    """Drop descriptions the tagger put into a person's span: ``Nordkoreas Machthaber Kim`` -> ``Kim``."""
    a, b = sp.start_tok, sp.end_tok
    tokens = article.sentences[sp.sent].tokens
    while b - a > 1 and _not_name(tokens[a].text, gazetteer):
        a += 1
    while b - a > 1 and _not_name(tokens[b - 1].text, gazetteer) and not tokens[b - 1].text.endswith("s"):
        b -= 1
    if (a, b) != (sp.start_tok, sp.end_tok):
        _respan(sp, a, b, article)


def _respan(sp: _Span, a: int, b: int, article: Article) -> None:
    """Make the span tokens ``a`` to ``b`` of its sentence: offsets, text and key follow."""
    tokens = article.sentences[sp.sent].tokens
    sp.start_tok, sp.end_tok = a, b
    sp.start, sp.end = tokens[a].start, tokens[b - 1].end
    sp.text = article.text[sp.start : sp.end]
    sp.key = tuple(t.text for t in tokens[a:b])


_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner dieser diese "
    "dieses diesem diesen sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere".split()
)


def _surname_after(
    sp: _Span, article: Article, gazetteer: ner.Gazetteer, tagged: set[tuple[int, int]]
) -> bool:
    """Take the surname the tagger left out because it is also a common noun into a first name's span:
    "Bürgermeister Tobias Renner", "Landrat Wolfgang Pförtner", "Bauer Heinrich Schmied" (the tagger
    sees "Renner", "Pförtner", "Schmied" as nouns and tags "Tobias" alone). Only after a role noun,
    where a full name is what follows: "weil Anna Angst hatte" has no role before "Anna"."""
    tokens = article.sentences[sp.sent].tokens
    a, b = sp.start_tok, sp.end_tok
    if b >= len(tokens) or (sp.sent, b) in tagged or a == 0:
        return False
    word = tokens[b].text
    if not (word[:1].isupper() and word.replace("-", "").isalpha() and not word.isupper()):
        return False
    if not {"V", "G"} & set(gazetteer.get(tokens[b - 1].text, ())) or _not_name_word(word):
        return False
    if not _is_role_word(tokens[a - 1].text, gazetteer):
        return False
    _respan(sp, a, b + 1, article)
    return True


def _not_name_word(word: str) -> bool:
    return word.lower().rstrip(".") in _HONORIFICS or bool(_ROLE_SUFFIX.search(_role_key(word)))


def _surname_mentions(surnames: set[str], article: Article, tagged: set[tuple[int, int]]) -> list[_Span]:
    """The other places an article names a person by the surname :func:`_surname_after` completed
    ("sagte Renner"), where no determiner makes it the common noun ("das Muster")."""
    found: list[_Span] = []
    for si, sent in enumerate(article.sentences):
        for i, tok in enumerate(sent.tokens):
            if tok.text not in surnames or (si, i) in tagged:
                continue
            if i > 0 and sent.tokens[i - 1].text.lower() in _DETERMINERS:
                continue
            found.append(_Span(si, i, i + 1, tok.start, tok.end, tok.text, "PER", (tok.text,)))
    return found


# offices of a town: "die Bürgermeisterin von Oberweiler" names a place after "von"
_TOWN_OFFICES = (
    "bürgermeister",
    "bürgermeisterin",
    "gemeindepräsident",
    "gemeindepräsidentin",
    "stadtpräsident",
    "stadtpräsidentin",
    "ortsvorsteher",
    "ortsvorsteherin",
    "gemeindeammann",
    "stadtammann",
)


def _names_a_place(sp: _Span, article: Article) -> bool:
    """A one-word "person" that is a place by where it stands: a dateline ("Lindberg." as the
    sentence that opens a paragraph of a local paper) or the town of an office ("die
    Bürgermeisterin von Oberweiler"). Town names often look like surnames to the tagger."""
    tokens = article.sentences[sp.sent].tokens
    if sp.start_tok == 0 and [t.text for t in tokens[1:]] == ["."]:
        return any(p.start == tokens[0].start for p in article.paragraphs)
    a = sp.start_tok
    return a >= 2 and tokens[a - 1].text == "von" and tokens[a - 2].text.lower().endswith(_TOWN_OFFICES)


@lru_cache(maxsize=4096)
def nominative(noun: str) -> str:
    """A noun in the genitive singular in its base form ("Gerichts" -> "Gericht", "Bundesrates" ->
    "Bundesrat", "Präsidenten" -> "Präsident"), by simplemma's German lemmas; only a lemma that the word
    starts with and ends at most two letters later is taken (simplemma spells "Prozesses" "Prozeß"), and
    the noun is kept as it is otherwise, as is one simplemma cannot read (a lone surrogate, which text
    built by hand rather than extracted may hold)."""
    import simplemma

    try:
        lemma = simplemma.lemmatize(noun, lang="de")
    except UnicodeError:
        return noun
    return lemma if noun.startswith(lemma) and 0 < len(noun) - len(lemma) <= 2 else noun


# the head of an institution's name that "für ..." completes: "Bundesamt für Verkehr", "Ministerium für
# Umwelt, Energie und Klimaschutz", "Stiftung für Konsumentenschutz"
_INSTITUTION_HEAD = re.compile(
    r"(amt|amts|amtes|ministerium|ministeriums|institut|instituts|verband|verbands|verein|vereins|"
    r"kommission|stiftung|zentrum|zentrums|agentur|behörde|rat|rats|rates|gesellschaft|akademie|büro|"
    r"büros|komitee|komitees|ausschuss|ausschusses|dienst|dienstes|direktion|departement|departements)$"
)


def _institution_field(sp: _Span, article: Article, tagged: set[tuple[int, int]]) -> None:
    """An organisation's name that goes on with "für" and its field: the tagger often stops at the head
    ("des Bundesamts" for "des Bundesamts für Verkehr"); the field is capitalised nouns joined by
    commas and "und"."""
    tokens = article.sentences[sp.sent].tokens
    b = sp.end_tok
    if b + 1 >= len(tokens) or tokens[b].text != "für" or not _INSTITUTION_HEAD.search(sp.key[-1].lower()):
        return
    end = b + 1
    k = b + 1
    while k < len(tokens) and k - b <= 8 and (sp.sent, k) not in tagged:
        word = tokens[k].text
        if word[:1].isupper() and word.replace("-", "").isalpha():
            end = k + 1
        elif word not in (",", "und") or k + 1 >= len(tokens) or not tokens[k + 1].text[:1].isupper():
            break
        k += 1
    if end > b + 1:
        _respan(sp, sp.start_tok, end, article)
        if sp.start_tok and tokens[sp.start_tok - 1].text.lower() in ("des", "eines"):
            head = b - 1 - sp.start_tok  # "des Bundesamts für Verkehr": named "Bundesamt für Verkehr"
            sp.key = (*sp.key[:head], nominative(sp.key[head]), *sp.key[head + 1 :])
            sp.nominative = True


def _is_role_word(word: str, gazetteer: ner.Gazetteer) -> bool:
    if not word[:1].isupper() or _role_key(word) in _NOT_ROLES or len(word) < 3:
        return False
    if not any(ch.isalpha() for ch in word) or word.isupper():
        return False
    tail = word.rpartition("-")[2]
    tail = tail[:1].upper() + tail[1:]
    if _ROLE_SUFFIX.search(_role_key(tail)):
        return True
    if _NOT_PERSON_NOUN.search(tail.lower()):
        return False  # "vergangene Woche Diess", "nach einer Intervention Cavallos": not roles
    tags = gazetteer.get(word, ()) + gazetteer.get(tail, ())
    return "N" in tags


def _is_past(tokens: Sequence[str], role_index: int) -> bool:
    """Does a past marker qualify the role noun at ``role_index`` (looking back over its modifiers)?"""
    if _PAST.match(tokens[role_index].lower()):
        return True
    j = role_index - 1
    while j >= 0 and j >= role_index - 3 and (tokens[j][:1].islower() or tokens[j].endswith("s")):
        if _PAST.match(tokens[j].lower()):
            return True
        j -= 1
    return False


def analyse(article: Article) -> Analysis:
    """Find the article's entities and what story-level linking needs (roles, unresolved role nouns)."""
    if not article.sentences:
        article.sentences = split_article(article)
    toks = [[t.text for t in s.tokens] for s in article.sentences]
    tags = ner.tag(toks) if toks else []
    spans = _mentions(article, tags)
    gazetteer = ner.default_tagger().featurizer.res.gazetteer
    for sp in spans:
        if sp.label == "PER":
            _trim_person(sp, article, gazetteer)
            if len(sp.key) == 1 and _names_a_place(sp, article):
                sp.label = "LOC"
    # A lone description tagged as a person (``Nordkoreas Machthaber bleibt``) is a role noun, not a name.
    spans = [
        sp for sp in spans if not (sp.label == "PER" and len(sp.key) == 1 and _not_name(sp.key[0], gazetteer))
    ]
    tagged = {(sp.sent, i) for sp in spans for i in range(sp.start_tok, sp.end_tok)}
    spans = [sp for sp in spans if not _listed_among_things(sp, article, gazetteer, tagged)]
    for sp in spans:
        if sp.label == "ORG":
            _institution_field(sp, article, tagged)
    surnames = {
        sp.key[-1] for sp in spans if sp.label == "PER" and _surname_after(sp, article, gazetteer, tagged)
    }
    if surnames:
        tagged = {(sp.sent, i) for sp in spans for i in range(sp.start_tok, sp.end_tok)}
        spans = sorted([*spans, *_surname_mentions(surnames, article, tagged)], key=lambda sp: sp.start)
    known = {tok for sp in spans for tok in sp.key}
    for sp in spans:
        sp.key = _strip_genitive(sp.key, known)

    # A single token tagged LOC/ORG/OTH that is a part of a person's multi-token name is that person.
    person_tokens = {tok for sp in spans if sp.label == "PER" and len(sp.key) > 1 for tok in sp.key}
    for sp in spans:
        if sp.label != "PER" and len(sp.key) == 1 and sp.key[0] in person_tokens:
            sp.label = "PER"

    ents: list[_Ent] = []
    persons = [sp for sp in spans if sp.label == "PER"]
    # a name fits another only if they share the first or the last word: look persons up by those
    # (in the order they were found), so an article with thousands of names is not names x names
    by_end: dict[tuple[int, str], list[int]] = {}

    def add_person(e: _Ent) -> None:
        for end in ((0, e.full[0]), (-1, e.full[-1])):
            by_end.setdefault(end, []).append(len(ents))
        ents.append(e)

    def candidates(key: tuple[str, ...]) -> list[_Ent]:
        found = set(by_end.get((0, key[0]), ())) | set(by_end.get((-1, key[-1]), ()))
        return [ents[k] for k in sorted(found) if _compatible(key, ents[k].full)]

    # Pass 1: full (multi-token) names, longest first so shorter full names join longer ones.
    for sp in sorted((p for p in persons if len(p.key) > 1), key=lambda p: -len(p.key)):
        fitting = candidates(sp.key)
        if fitting:
            fitting[0].spans.append(sp)
        else:
            add_person(_Ent("PER", sp.key, [sp]))
    # Pass 2: short forms in text order, choosing among fitting full names.
    for sp in sorted((p for p in persons if len(p.key) == 1), key=lambda p: p.start):
        fits = candidates(sp.key)
        if not fits:
            add_person(_Ent("PER", sp.key, [sp]))
            continue
        ents_before = [e for e in fits if any(s.start < sp.start for s in e.spans)]
        chosen = None
        if ents_before:
            recent = max(ents_before, key=lambda e: max(s.start for s in e.spans if s.start < sp.start))
            last_sent = max(s.sent for s in recent.spans if s.start < sp.start)
            if sp.sent - last_sent <= 1:
                chosen = recent
            else:
                chosen = max(
                    ents_before,
                    key=lambda e: (
                        sum(1 for s in e.spans if s.start < sp.start),
                        max(s.start for s in e.spans if s.start < sp.start),
                    ),
                )
        else:
            chosen = min(fits, key=lambda e: min(s.start for s in e.spans))
        chosen.spans.append(sp)
    # Other kinds: equal key, case-insensitively.
    by_key: dict[tuple[str, ...], _Ent] = {}
    for sp in spans:
        if sp.label == "PER":
            continue
        k = tuple(t.lower() for t in sp.key)
        if k in by_key:
            by_key[k].spans.append(sp)
        else:
            by_key[k] = _Ent(sp.label, sp.key, [sp])
            ents.append(by_key[k])
    # A one-word "person" that is also tagged as a place or organisation (``Konami``) is one thing:
    # the kind most of its mentions have wins (see _to_entities).
    for e in [e for e in ents if e.label == "PER" and len(e.full) == 1]:
        other = by_key.get((e.full[0].lower(),))
        if other is not None and not any(len(s.key) > 1 for s in e.spans):
            other.spans.extend(e.spans)
            e.spans = []
    ents = [e for e in ents if e.spans]

    # Roles from appositions.
    roles: dict[str, list[tuple[str, ...]]] = {}
    inside: set[tuple[int, int]] = {(sp.sent, i) for sp in spans for i in range(sp.start_tok, sp.end_tok)}
    span_ent = {id(sp): e for e in ents for sp in e.spans}
    for sp in persons:
        i = sp.start_tok - 1
        sent_toks = toks[sp.sent]
        if i < 0 or (sp.sent, i) in inside or not _is_role_word(sent_toks[i], gazetteer):
            continue
        if _is_past(sent_toks, i):
            continue
        e = span_ent[id(sp)]
        word = sent_toks[i]
        for key in {_role_key(word), _role_head(word)}:
            e.roles.add(key)
            roles.setdefault(key, []).append(e.full)
        e.role_texts.append(word)

    # Role nouns used on their own: mentions of the person whose role it is.
    candidates = _role_candidates(article, toks, inside)
    unresolved: list[tuple[int, int, str]] = []
    role_persons = [e for e in ents if e.label == "PER" and e.roles]
    forms = _role_forms(roles)
    for si, ti, word in candidates:
        tok = article.sentences[si].tokens[ti]
        owner = _resolve_role(word, tok.start, role_persons, forms) if forms else None
        if owner is None:
            unresolved.append((tok.start, tok.end, tok.text))
            continue
        owner.role_spans.append(_Span(si, ti, ti + 1, tok.start, tok.end, tok.text, "PER", (tok.text,)))

    entities = _to_entities(ents)
    return Analysis(entities, roles, unresolved, toks)


def _role_candidates(
    article: Article, toks: list[list[str]], inside: set[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Capitalised words not inside a mention, not followed by a name, not indefinite or past: (sent, tok, word)."""
    out: list[tuple[int, int, str]] = []
    for si, sent_toks in enumerate(toks):
        for ti, word in enumerate(sent_toks):
            if not word[:1].isupper() or (si, ti) in inside or _role_key(word) in _NOT_ROLES:
                continue
            if (si, ti + 1) in inside:
                continue  # an apposition: the name follows
            if ti > 0 and sent_toks[ti - 1].lower() in _INDEFINITE:
                continue
            if ti > 1 and sent_toks[ti - 2].lower() in _INDEFINITE and sent_toks[ti - 1][:1].islower():
                continue
            if _is_past(sent_toks, ti):
                continue
            out.append((si, ti, word))
    return out


def _role_forms(roles: Iterable[str]) -> dict[str, list[str]]:
    """Every inflected form of the learned roles -> the roles it may be (``machthabers`` -> ``machthaber``)."""
    forms: dict[str, list[str]] = {}
    for role in roles:
        for form in _inflections(role):
            forms.setdefault(form, []).append(role)
    return forms


def _matching_roles(word: str, forms: dict[str, list[str]]) -> list[str]:
    """The learned roles ``word`` is: as written first, else by its head (``US-Präsidenten`` -> ``präsident``),
    else the learned compounds it is the last part of (``die Ministerin`` after ``Aussenministerin``
    Baerbock, ``des Sprechers`` after ``Regierungssprecher``): German news shortens a compound role
    to its head on second mention. Only for heads that are roles themselves (not ``Chef`` of
    ``Kremlchef``, which any boss is)."""
    found = forms.get(_role_key(word)) or forms.get(_role_head(word))
    if found:
        return found
    key = _role_key(word)
    if len(key) < 6 or not _COMPOUND_HEAD.search(key):
        return []
    heads = {key} | {key[: -len(end)] for end in ("s", "es", "n", "en") if key.endswith(end)}
    roles = {role for rs in forms.values() for role in rs}
    return sorted(r for r in roles if any(r.endswith(h) and len(r) > len(h) + 2 for h in heads))


def _resolve_role(word: str, pos: int, persons: list[_Ent], forms: dict[str, list[str]]) -> _Ent | None:
    """The person a role noun at ``pos`` refers to: the one named most recently before, else first after."""
    roles = _matching_roles(word, forms)
    if not roles:
        return None
    fits = [e for e in persons if e.roles.intersection(roles)]
    if not fits:
        return None
    before = [e for e in fits if any(s.start < pos for s in e.spans)]
    if before:
        return max(before, key=lambda e: max(s.start for s in e.spans if s.start < pos))
    return min(fits, key=lambda e: min(s.start for s in e.spans))


def _display_name(e: _Ent) -> str:
    """The fullest name as written in the article (the longest mention, nominative if seen)."""
    best = max(e.spans, key=lambda s: (len(s.key), s.key == tuple(s.text.split()), -s.start))
    if e.label == "PER" or best.nominative or best.key == tuple(best.text.split()):
        return " ".join(best.key)
    return best.text


def _to_entities(ents: list[_Ent]) -> list[Entity]:
    ents = [e for e in ents if e.spans]
    ents.sort(key=lambda e: min(s.start for s in e.spans))
    out: list[Entity] = []
    for n, e in enumerate(ents, 1):
        labels = Counter(s.label for s in e.spans)
        label: EntityLabel = labels.most_common(1)[0][0]  # type: ignore[assignment]
        name = _display_name(e)
        mentions = [
            Mention(s.start, s.end, s.text, label)
            for s in sorted(e.spans + e.role_spans, key=lambda s: s.start)
        ]
        aliases: list[str] = []
        for text in [
            *(" ".join(s.key) for s in e.spans),
            *(s.text for s in e.spans),
            *e.role_texts,
            *(s.text for s in e.role_spans),
        ]:
            if text != name and text not in aliases:
                aliases.append(text)
        out.append(Entity(id=f"e{n}", label=label, name=name, mentions=mentions, aliases=aliases))
    return out


def find_entities(article: Article) -> list[Entity]:
    """The article's entities with every mention (offsets into ``article.text``); sets ``article.entities``."""
    result = analyse(article)
    article.entities = result.entities
    return result.entities


def entity_at(entities: Iterable[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)`` (the longest overlap), or None."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        for m in e.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, e)
    return best[1] if best else None


def _name_tokens(e: Entity) -> tuple[str, ...]:
    return tuple(e.name.split())


def link_story_entities(articles: Sequence[Article]) -> dict[tuple[str, str], str]:
    """Join the entities of a story's articles: ``(article.raw_id, entity.id) -> story entity key``.

    Entities are found first where an article has none. Role nouns learned in any article resolve
    role nouns in all of them: the new mentions (and, where an article never names the person, a
    new entity) are added to ``article.entities`` in place. The key is ``"LABEL:fullest name"``.
    """
    analyses: list[Analysis] = []
    for article in articles:
        fresh = analyse(article)
        if not article.entities:
            article.entities = fresh.entities
        analyses.append(fresh)

    # Story persons: group full names across articles, then attach short-only entities.
    groups: list[dict] = []  # {"full": tuple, "label": str, "members": [(aid, eid)], "count": int}

    def group_for(label: str, name: tuple[str, ...], count: int) -> dict | None:
        if label == "PER":
            fits = [
                g
                for g in groups
                if g["label"] == "PER" and (_compatible(name, g["full"]) or _compatible(g["full"], name))
            ]
        else:
            low = tuple(t.lower() for t in name)
            fits = [g for g in groups if g["label"] != "PER" and tuple(t.lower() for t in g["full"]) == low]
        if not fits:
            return None
        return max(fits, key=lambda g: (g["count"], len(g["full"])))

    members = [(a.raw_id, e) for a in articles for e in a.entities]
    for aid, e in sorted(members, key=lambda m: -len(_name_tokens(m[1]))):
        name = _name_tokens(e)
        g = group_for(e.label, name, len(e.mentions))
        if g is None or (
            e.label == "PER" and len(name) > 1 and len(g["full"]) > 1 and not _compatible(name, g["full"])
        ):
            g = {"full": name, "label": e.label, "members": [], "count": 0}
            groups.append(g)
        g["members"].append((aid, e.id))
        g["count"] += len(e.mentions)
        if len(name) > len(g["full"]):
            g["full"] = name

    def key_of(g: dict) -> str:
        return f"{g['label']}:{' '.join(g['full'])}"

    mapping: dict[tuple[str, str], str] = {}
    for g in groups:
        for m in g["members"]:
            mapping[m] = key_of(g)

    # Story roles: role key -> story person group.
    role_owner: dict[str, Counter[str]] = {}
    for an in analyses:
        for role, names in an.roles.items():
            for name in names:
                g = group_for("PER", name, 0)
                if g is not None:
                    role_owner.setdefault(role, Counter())[key_of(g)] += 1
    by_key = {key_of(g): g for g in groups}
    story_forms = _role_forms(role_owner)
    for article, an in zip(articles, analyses, strict=True):
        next_id = len(article.entities) + 1
        for start, end, text in an.role_candidates:
            matched = _matching_roles(text, story_forms)
            if not matched:
                continue
            owners: Counter[str] = sum((role_owner[r] for r in matched), Counter())
            if len(owners) > 1 and owners.most_common(2)[0][1] == owners.most_common(2)[1][1]:
                continue  # two people share this role in the story: leave it
            story_key = owners.most_common(1)[0][0]
            target = next(
                (e for e in article.entities if mapping.get((article.raw_id, e.id)) == story_key), None
            )
            if target is None:
                g = by_key[story_key]
                target = Entity(id=f"e{next_id}", label="PER", name=" ".join(g["full"]))
                next_id += 1
                article.entities.append(target)
                mapping[(article.raw_id, target.id)] = story_key
            if any(m.start == start for m in target.mentions):
                continue
            target.mentions.append(Mention(start, end, text, "PER"))
            target.mentions.sort(key=lambda m: m.start)
            if text not in target.aliases:
                target.aliases.append(text)
    return mapping
