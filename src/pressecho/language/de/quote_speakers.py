"""Who said it: a quotation's source phrase resolved to one of the article's entities.

The quote model marks the source as a phrase ("Putin", "der Kremlchef", "er", "die US-Botschaft",
"der Sprecher des Komitees ..."). This module turns that phrase into a speaker:

1. A named mention in the phrase that is its head (``Kremlchef Wladimir Putin``, ``so Putin``,
   ``die US-Botschaft``) gives the entity, unless the name only qualifies another noun
   (``der Sprecher des Komitees`` is a spokesman, not the committee).
2. A personal pronoun (``er``, ``sie``) or a definite role noun on its own (``der Kremlchef``,
   ``der 35-Jährige``, ``die Ministerin``) refers back to the nearest fitting person: the entity
   module's own role-noun resolution first, then the most salient person named before it (the
   most recent mention that is a main-clause subject or at least not governed by a preposition
   or sitting in a subordinate clause or apposition; earlier mentions count less).
3. Anything else (``ein nordkoreanischer Sprecher``, ``Angaben der Polizei``) is its own speaker,
   named by the phrase without its leading article.

Salience is a small scoring rule of our own because there is no German coreference resolver we
may ship; it is the classic recency-plus-grammatical-role heuristic, on tokens only.

When :mod:`pressecho.language.de.entities` is not available, :func:`fallback_entities` finds
persons by capitalised-name heuristics (runs of two or more capitalised words, and later single
words that repeat a part of such a run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pressecho.language.de.entities import nominative
from pressecho.language.de.quote_features import lexicon
from pressecho.model import Article, Entity, Mention, Sentence

ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines".split())
DEFINITE = frozenset("der die das den dem des".split())
PERSONAL = {"er": "m", "sie": "f", "ihm": "m", "ihr": "f", "ihn": "m"}
PREPOSITIONS = frozenset(
    "mit von vom für bei beim zu zum zur gegen über nach aus an am auf unter vor hinter neben zwischen "
    "durch ohne um seit trotz wegen während laut gemäß".split()
)
SUBORDINATORS = frozenset(
    "dass daß nachdem als weil wenn ob obwohl während bevor seit sodass damit wie".split()
)
_NOUN_ENDINGS = (
    "ung",
    "ungen",
    "heit",
    "keit",
    "schaft",
    "tion",
    "ionen",
    "sion",
    "tät",
    "ismus",
    "nis",
    "nisse",
    "chen",
    "ment",
    "gipfel",
    "treffen",
    "gespräch",
    "programm",
    "land",
    "länder",
    "staaten",
    "stadt",
    "insel",
    "universität",
    "kommentatoren",
    "stunden",
    "spannungen",
    "übungen",
    "ländern",
)
_LINKS = frozenset("des der von vom für im aus bei".split())
# words that open an addressee or a setting after the speaker, never part of who speaks
_SETTING = frozenset("gegenüber an am auf bei beim vor während nach".split())
# ... and those that do unless a place follows ("die Polizei in Bern"), always after a person
_PERSON_SETTING = frozenset("in im".split())
# finite auxiliaries and modals: where the model's source run carries on into the clause's verb
_AUXILIARIES = frozenset(
    "habe hat hätte hatte haben hätten hatten sei ist war wäre seien sind waren wären wird werde wurde würde "
    "werden wurden würden soll solle sollte sollen sollten will wolle wollte wollen wollten".split()
)
# what opens an object after a person's name, never the person's genitive ("den Streikenden", "unserer Zeitung")
_AFTER_PERSON = frozenset("der dem den unserer unserem dieser diesem seiner seinem ihrer ihrem".split())
_ABOUT = frozenset("rund etwa knapp fast ungefähr circa ca. gut über mehr weniger bis".split())
_NUMBER = re.compile(r"^\d+([.,']\d+)*$")
_NAME_PART = re.compile(r"^[A-ZÄÖÜ][\w\-'’.]*$")
_STOP_CAPS = frozenset(
    "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Ihr Man In Im Am An Auf Aus "
    "Bei Mit Nach Von Vor Zu Zum Zur Für Über Unter Und Oder Aber Auch Als Wie Wenn Dass So Nur Noch Doch "
    "Dabei Damit Dann Da Dort Hier Heute Gestern Morgen Nun Jetzt Zuletzt Zudem Trotzdem Außerdem Anschließend "
    "Laut Demnach Dies Diese Dieser Dieses Sein Seine Ihre Ihr Beide Beiden Russlands Deutschlands".split()
)


def role_gender(roles: list[str]) -> str | None:
    """A person's grammatical gender as their role nouns show it: "Ministerin", "Sprecherin" are a
    woman's, "Minister", "Sprecher" a man's (roles with a feminine form in -in beside them); None
    when the roles do not tell ("der/die 35-Jährige", no role) or contradict each other."""
    gendered = _gendered_roles()
    found = set()
    for role in roles:
        word = role.lower()
        if word.endswith("in") and word[:-2].endswith(gendered):
            found.add("f")
        elif word.endswith(gendered):
            found.add("m")
    return found.pop() if len(found) == 1 else None


def person_gender(person: Entity) -> str | None:
    """A person's grammatical gender by their role nouns, else by their first name ("Paul Brandhorst"
    is "er", "Jutta Elbling" "sie"); None when neither tells."""
    by_role = role_gender(person.aliases)
    if by_role is not None:
        return by_role
    words = person.name.split()
    return lexicon().first_names.get(words[0].lower()) if len(words) >= 2 else None


@lru_cache(maxsize=1)
def _gendered_roles() -> tuple[str, ...]:
    """The role endings that have a feminine form in -in beside them ("präsident", "präsidentin")."""
    listed = set(lexicon().roles)
    return tuple(r for r in lexicon().roles if r + "in" in listed)


def _may_be(person: Entity, role: str) -> bool:
    """Can ``role`` on its own refer back to ``person``? "der Sprecher" speaks for someone: it is
    never a person the article named before unless they were named as a spokesperson ("Sprecher
    Marco Bisa"), not the Bundesrätin the text was about."""
    key = role.lower()
    if not key.startswith("sprecher"):
        return True
    return any("sprecher" in alias.lower() for alias in person.aliases)


@dataclass
class Speaker:
    name: str | None
    entity: str | None
    mention: str | None
    start: int | None
    end: int | None


def _name_like(tokens: list, j: int) -> bool:
    """Could token j be part of a person's name (not a common noun, which German capitalises too)?"""
    word = tokens[j].text
    if not _NAME_PART.match(word) or word in _STOP_CAPS or word.lower().endswith(_NOUN_ENDINGS):
        return False
    if lexicon().is_role_noun(word) or lexicon().is_statement_noun(word):
        return False
    if j > 0:
        prev = tokens[j - 1].text.lower()
        if prev in ARTICLES:  # "der Gipfel"
            return False
        # "der gestorbene Gipfel" (article, adjective, noun) but not "sagte Kim" or "gestorbene Kim Jong Il"
        if j > 1 and tokens[j - 2].text.lower() in ARTICLES and prev.endswith(("e", "en", "er", "es", "em")):
            return j + 1 < len(tokens) and _NAME_PART.match(tokens[j + 1].text) is not None
    return True


def fallback_entities(article: Article) -> list[Entity]:
    """Persons by capitalised-name heuristics, for when the entity module is not there: runs of two
    or three name-like words are people, later single words repeating a part of one are mentions."""
    runs: list[tuple[int, int, list[str]]] = []
    for sent in article.sentences:
        toks = sent.tokens
        j = 0
        while j < len(toks):
            if _name_like(toks, j):
                k = j
                while k + 1 < len(toks) and _NAME_PART.match(toks[k + 1].text) and _name_like(toks, k + 1):
                    k += 1
                runs.append((toks[j].start, toks[k].end, [t.text for t in toks[j : k + 1]]))
                j = k + 1
            else:
                j += 1
    persons: list[tuple[list[str], list[Mention]]] = []
    for start, end, words in runs:
        if 2 <= len(words) <= 3:
            for names, mentions in persons:
                if words == names[: len(words)] or words == names[-len(words) :]:
                    mentions.append(Mention(start, end, " ".join(words), "PER"))
                    break
            else:
                persons.append((words, [Mention(start, end, " ".join(words), "PER")]))
    for start, end, words in runs:
        if len(words) == 1:
            for names, mentions in persons:
                if words[0] in (names[0], names[-1]):
                    mentions.append(Mention(start, end, words[0], "PER"))
                    break
    out = []
    for n, (names, mentions) in enumerate(persons, 1):
        mentions.sort(key=lambda m: m.start)
        out.append(Entity(id=f"p{n}", label="PER", name=" ".join(names), mentions=mentions))
    return out


def ensure_entities(article: Article) -> list[Entity]:
    """The article's entities: as given, else from the entity module, else by the fallback."""
    if article.entities:
        return article.entities
    try:
        from pressecho.language.de.entities import find_entities
    except ImportError:  # the entity module is optional for quotes
        article.entities = fallback_entities(article)
        return article.entities
    return find_entities(article)


class SpeakerResolver:
    """Resolves source phrases of one article; built once per article."""

    def __init__(self, article: Article, entities: list[Entity]) -> None:
        self.article = article
        self.entities = entities
        self.tokens = [t for s in article.sentences for t in s.tokens]
        self.sent_index: list[int] = [k for k, s in enumerate(article.sentences) for _ in s.tokens]
        self.sent_start: list[int] = []
        count = 0
        for sent in article.sentences:
            self.sent_start.append(count)
            count += len(sent.tokens)
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda x: x[0]
        )

    def _token_from(self, pos: int) -> int:
        """The first token that ends after ``pos``: the one at ``pos``, else the next one."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _token_at(self, pos: int) -> int | None:
        k = self._token_from(pos)
        return k if k < len(self.tokens) and self.tokens[k].start <= pos else None

    def _named_in(self, start: int, end: int) -> list[Entity]:
        """Distinct entities with a mention inside ``[start, end)``, in order of appearance."""
        out: list[Entity] = []
        for m_start, m_end, e in self.mentions:
            if m_start >= start and m_end <= end and e not in out:
                out.append(e)
        return out

    def _head_entity(self, start: int, end: int, words: list[str]) -> Entity | None:
        """The entity named in the phrase if the name is the phrase's head, not a qualifier."""
        best: tuple[int, Entity] | None = None
        for m_start, m_end, e in self.mentions:
            if m_end <= start or m_start >= end:
                continue
            before = self.article.text[start:m_start].split()
            # "der Sprecher des Komitees": the name qualifies another noun, the spokesman speaks;
            # but "Angaben der Polizei": after a statement noun the genitive is the speaker
            lex = lexicon()
            qualifies = bool(before) and before[-1].lower() in PREPOSITIONS
            if e.label == "PER" and before and before[-1].endswith(","):
                # "der Sprecher der Kantonspolizei, Marco Bisa": the name in apposition is who speaks
                return e
            for k in range(1, len(before)):
                if before[k].lower() in _LINKS and before[k - 1][:1].isupper():
                    qualifies = qualifies or not lex.is_statement_noun(before[k - 1])
            if qualifies:
                continue
            overlap = min(end, m_end) - max(start, m_start)
            if best is None or overlap > best[0]:
                best = (overlap, e)
        return best[1] if best else None

    def _salience(self, pos: int, entity: Entity) -> float:
        """How likely a pronoun or role noun at ``pos`` refers back to ``entity``: the best of its
        earlier mentions, each worth less the further back it is, and less again when it is not
        a main-clause subject (governed by a preposition, in the dative or genitive, inside a
        subordinate clause); a person mentioned often before counts a little more."""
        tok_at = self._token_at(pos)
        here = self.sent_index[tok_at] if tok_at is not None else len(self.article.sentences)
        best = 0.0
        seen = 0
        for m in entity.mentions:
            if m.start >= pos:
                continue
            k = self._token_at(m.start)
            if k is None:
                continue
            seen += 1
            s = self.sent_index[k]
            dist = here - s
            if dist > 6:
                continue
            score = 1.0 / (1 + dist)
            sent = self.article.sentences[s]
            j = k - self._first_token(s)
            texts = [t.text for t in sent.tokens]
            words = [t.lower() for t in texts]
            back = j - 1  # over articles, adjectives and role nouns ("mit dem damaligen Kremlchef")
            while (
                back >= 0
                and j - back <= 4
                and words[back] not in PREPOSITIONS
                and (texts[back][:1].islower() or lexicon().is_role_noun(texts[back]))
            ):
                back -= 1
            if back >= 0 and j - back <= 4 and words[back] in PREPOSITIONS:
                score *= 0.3
            elif j > 0 and words[j - 1] in ("dem", "den", "des"):
                score *= 0.4
            if self._in_subclause(sent, j):
                score *= 0.4
            best = max(best, score)
        return best * (1 + 0.1 * min(seen, 5))

    def _first_token(self, s: int) -> int:
        return self.sent_start[s]

    @staticmethod
    def _in_subclause(sent: Sentence, j: int) -> bool:
        """Is token j inside a subordinate clause or an apposition (a subordinator or article after a
        comma or dash before it, or a subordinator opening the sentence)?"""
        words = [t.text.lower() for t in sent.tokens]
        if words and words[0] in SUBORDINATORS:
            return True
        for k in range(j - 1, -1, -1):
            if words[k] in (",", "–", "-", "(", ":") and k + 1 < j:
                nxt = words[k + 1]
                if nxt in SUBORDINATORS or nxt in ARTICLES:
                    return True
            if k + 1 < len(words) and words[k + 1] in SUBORDINATORS and words[k] in ("–", "-", ","):
                return True
        return False

    def salient_person(self, pos: int) -> Entity | None:
        """The person a text is about at ``pos``: who an unattributed continuation is by."""
        return self._refer_back(pos)

    def _refer_back(self, pos: int, gender: str | None = None, role: str | None = None) -> Entity | None:
        """The person a pronoun or role noun at ``pos`` most likely means; ``gender`` ("m", "f"):
        not a person the article marks as the other one ("er" is not the Finanzministerin);
        ``role``: the role noun, which a spokesperson's excludes everyone not named as one."""
        persons = [
            e
            for e in self.entities
            if e.label == "PER"
            and (gender is None or person_gender(e) in (None, gender))
            and (role is None or _may_be(e, role))
        ]
        scored = [(self._salience(pos, e), -min(m.start for m in e.mentions), e) for e in persons]
        scored = [x for x in scored if x[0] > 0]
        if not scored:
            return None
        return max(scored, key=lambda x: (x[0], x[1]))[2]

    def _speaker_phrase(self, start: int, end: int) -> int:
        """Where the speaker's own phrase ends: before what the model's source run may carry past it,
        the addressee or setting ("sie gegenüber Radio SRF", "Baerbock der NZZ", "Maillard an einer
        Medienkonferenz in Bern"), which would otherwise be taken for the speaker."""
        first = self._token_at(start)
        if first is None:
            return end
        k = first + 1
        while k < len(self.tokens) and self.tokens[k].end <= end:
            word = self.tokens[k].text.lower()
            prev = self.tokens[k - 1]
            # "Meteorologen 90 Liter Regen": the message's (but "eine 71 Jahre alte Rentnerin" is one phrase)
            if word in _SETTING or (_NUMBER.match(word) and prev.text.lower() not in ARTICLES):
                return prev.end
            # "nach ersten Angaben rund 60.000 Haushalte": an amount's "rund", "etwa" opens the message
            if word in _ABOUT and k + 1 < len(self.tokens) and _NUMBER.match(self.tokens[k + 1].text):
                return prev.end
            # "das Landratsamt in der Nacht", "im Interview": a time or a setting, not "in Bern"
            nxt = self.tokens[k + 1].text if k + 1 < len(self.tokens) else ""
            if word in _PERSON_SETTING and not (nxt[:1].isupper() and nxt.lower() not in ARTICLES):
                return prev.end
            # a pronoun takes nothing after it ("sagte sie unserer Redaktion"), and an auxiliary is the
            # clause's verb ("Der Minister habe gesagt: …"); but "ihr" before a noun is a possessive
            # ("sagte ihr Anwalt", "erklärte ihr Sprecher")
            pronoun = prev.text.lower() in PERSONAL and not (
                prev.text.lower() == "ihr" and self.tokens[k].text[:1].isupper()
            )
            if pronoun or word in _AUXILIARIES:
                return prev.end
            after_person = any(m_end == prev.end and e.label == "PER" for _, m_end, e in self.mentions)
            # a dative outlet or addressee right after a person's name: "sagte Baerbock der NZZ",
            # "rief Betriebsratschef Ole Carstensen den Streikenden zu"
            if after_person and (word in _AFTER_PERSON or word in _PERSON_SETTING):
                return prev.end
            k += 1
        return end

    def _apposition_after(self, end: int) -> int:
        """The end of a name in apposition right after the phrase ending at ``end`` ("der Sprecher"
        + "der Kantonspolizei Zürich, Marco Bisa"), or ``end`` if none follows in the sentence."""
        k = self._token_from(end)
        if k <= 0 or k >= len(self.tokens):
            return end
        sent = self.sent_index[k - 1]
        for j in range(k, min(k + 8, len(self.tokens))):
            tok = self.tokens[j]
            if self.sent_index[j] != sent:
                break
            if tok.text == ",":
                for m_start, m_end, e in self.mentions:
                    if e.label == "PER" and j + 1 < len(self.tokens) and m_start == self.tokens[j + 1].start:
                        return m_end
                break
            if not (tok.text[:1].isupper() or tok.text.lower() in ("der", "des", "von", "für")):
                break
        return end

    def resolve(self, start: int, end: int) -> Speaker:
        """The speaker for the source phrase at ``[start, end)`` of ``article.text``."""
        end = self._speaker_phrase(start, end)
        if lexicon().is_role_noun(self.article.text[start:end].split()[-1] if start < end else ""):
            end = self._apposition_after(end)
        text = self.article.text[start:end]
        words = text.split()
        if not words:
            return Speaker(None, None, None, None, None)
        lower = [w.lower() for w in words]
        if "und" in lower or "sowie" in lower:  # "Kim und Putin": both speak
            named = self._named_in(start, end)
            if len(named) >= 2:
                return Speaker(" und ".join(e.name for e in named), None, text, start, end)
        entity = self._head_entity(start, end, words)
        if entity is None:
            lower = [w.lower() for w in words]
            pronoun = len(words) == 1 and lower[0] in PERSONAL
            role = (
                lower[0] in DEFINITE
                and 2 <= len(words) <= 3
                and lexicon().is_role_noun(words[-1])
                and all(w[:1].islower() for w in words[1:-1])
            ) or (len(words) == 1 and lexicon().is_role_noun(words[0]))
            role = role and lexicon().is_person_role(words[-1])
            if pronoun or role:
                entity = self._refer_back(
                    start,
                    PERSONAL.get(lower[0]) if pronoun else role_gender(words[-1:]),
                    None if pronoun else words[-1],
                )
        if entity is not None:
            return Speaker(entity.name, entity.id, text, start, end)
        genitive = words[0].lower() in ("des", "eines")
        if words[0].lower() in ARTICLES and len(words) > 1:
            words = words[1:]
        # "Angaben der Polizei", "Berichten des Senders", "Angaben von Meteorologen": the one who gave them
        lex = lexicon()
        head = next((k for k, w in enumerate(words) if w[:1].isupper()), None)
        if head is not None and lex.is_statement_noun(words[head]) and not lex.is_person_role(words[head]):
            rest = words[head + 1 :]
            if len(rest) > 1 and rest[0].lower() in ("der", "des", "von", "vom"):
                genitive = rest[0].lower() == "des"
                words = rest[1:]
            elif text.split()[0].lower() not in ARTICLES:
                # "nach bisherigen Erkenntnissen", "ersten Schätzungen" (but "dem Bericht zufolge" is
                # a source): no one is named
                return Speaker(None, None, text, start, end)
        if genitive:  # "nach Ansicht des Gerichts": the speaker is "Gericht", as where it is the subject
            head = next((k for k, w in enumerate(words) if w[:1].isupper()), None)
            if head is not None:
                words = [*words[:head], nominative(words[head]), *words[head + 1 :]]
        return Speaker(" ".join(words), None, text, start, end)
