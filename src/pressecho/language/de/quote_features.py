"""What the quote model sees: quote-mark pairing, speech lexicons and per-token features.

Both the training script (``train_quotes.py``) and the runtime (``quotes.py``) build their view of
a document here, so a model always sees at run time exactly the features it was trained on.

Quote marks are paired by our own small stack machine rather than a regular expression because
German news mixes every convention: „…“ and ‚…‘ (Germany, Austria), «…» and ‹…› (Switzerland),
»…« (German books), “…” and "…" (agency copy and the web); the same character “ closes a quote in
one style and opens it in another, and quotes run across sentences and nest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import numpy as np

# quote characters, by role
_DOUBLE_LOW = "„"  # opens (German)
_SINGLE_LOW = "‚"  # opens (German, single)
_LEFT_DOUBLE = "“"  # closes „ (German) or opens (English)
_RIGHT_DOUBLE = "”"  # closes (English, also after „)
_LEFT_SINGLE = "‘"  # closes ‚ (German) or opens (English single)
_RIGHT_SINGLE = "’"
_GUILLEMETS = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
_STRAIGHT = '"'
QUOTE_CHARS = frozenset('„‚“”‘’«»‹›"')

# words that attach a source to a statement without a verb: "so Putin", "laut Polizei", "X zufolge"
SOURCE_PREPOSITIONS = frozenset({"laut", "zufolge", "gemäß", "nach", "so", "wie", "demnach", "wonach", "lt."})
# words that open a complement clause of a speech verb
CLAUSE_OPENERS = frozenset({"dass", "daß", "ob", "wie", "wonach", "warum", "weshalb", "wieso", "wer", "was"})
PRONOUNS = frozenset({"er", "sie", "es", "ihm", "ihr", "ihnen", "man", "wir", "ich", "du"})
SENTENCE_END = frozenset({".", "!", "?", "…"})
CLAUSE_BREAKS = frozenset({",", ":", ";", "–", "—", "-", "(", ")"})

_WORD = re.compile(r"\w", re.UNICODE)
_INSEPARABLE = ("be", "er", "ver", "zer", "ent", "emp", "ge", "miss", "über", "unter", "wider", "hinter")


@dataclass
class SpeechLexicon:
    """Word forms of speech verbs: ``forms`` maps a form to its lemma; ``particles`` maps a finite
    form of a separable verb to the particles it may take ("teilte" -> {"mit"})."""

    forms: dict[str, str] = field(default_factory=dict)
    particles: dict[str, set[str]] = field(default_factory=dict)
    subjunctive: frozenset[str] = frozenset()
    nouns: tuple[str, ...] = ()  # endings of statement nouns: "angaben", "berichten", ...
    roles: tuple[str, ...] = ()  # endings of speaker nouns: "sprecher", "chef", "jährige", ...
    bodies: tuple[str, ...] = ()  # the ones that are institutions, not people: "polizei", "botschaft"
    swiss: dict[str, str] = field(default_factory=dict)  # "heisst" -> "heißt"
    first_names: dict[str, str] = field(default_factory=dict)  # "anna" -> "f": the gender a pronoun uses

    def is_statement_noun(self, word: str) -> bool:
        return word.lower().endswith(self.nouns)

    def is_role_noun(self, word: str) -> bool:
        return word.lower().endswith(self.roles)

    def is_person_role(self, word: str) -> bool:
        """A role noun for a person ("Kremlchef", "35-Jährige"), not an institution ("Polizei")."""
        w = word.lower()
        return w.endswith(self.roles) and not w.endswith(self.bodies)


def _weak_forms(stem: str) -> list[str]:
    """Present and past forms of a weak verb from its stem ("sag" -> sage, sagt, sagte, ...)."""
    e = "e" if stem.endswith(("t", "d")) or re.search(r"([^aeiouäöülrh]|ch)[mn]$", stem) else ""
    if stem.endswith(("el", "er")) and not stem.endswith(("ier",)):
        return [stem + "e", stem + "st", stem + "t", stem + "n", stem + "te", stem + "ten", stem + "tet"]
    return [stem + "e", stem + e + "st", stem + e + "t", stem + "en", stem + e + "te", stem + e + "ten"]


def _participle(prefix_free: str, stem: str) -> str:
    e = "e" if stem.endswith(("t", "d")) or re.search(r"([^aeiouäöülrh]|ch)[mn]$", stem) else ""
    if prefix_free.startswith(_INSEPARABLE) or prefix_free.endswith("ieren"):
        return stem + e + "t"
    return "ge" + stem + e + "t"


def _parse_lexicon(lines: list[str]) -> SpeechLexicon:
    lex = SpeechLexicon()
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, _, irregular = line.partition(":")
        strong = head.endswith("!")
        head = head.rstrip("!").strip()
        particle, _, verb = head.rpartition("|")
        lemma = particle + verb
        stem = verb[:-1] if verb.endswith(("eln", "ern")) else verb[:-2] if verb.endswith("en") else verb[:-1]
        extra = irregular.split()
        if strong and extra:  # listed: finite forms, then the past participle
            finite = [verb, stem + "e", *extra[:-1]]
            participle = extra[-1]
        else:
            finite = [verb, *_weak_forms(stem), *extra]
            participle = _participle(verb, stem)
        for form in finite:
            if particle:
                lex.particles.setdefault(form, set()).add(particle)
                lex.forms.setdefault(form, lemma)
                lex.forms.setdefault(particle + form, lemma)
            else:
                lex.forms.setdefault(form, lemma)
        lex.forms.setdefault(particle + participle, lemma)
        lex.forms.setdefault(particle + "zu" + verb if particle else "zu" + verb, lemma)
        lex.forms.setdefault(lemma, lemma)
    return lex


@lru_cache(maxsize=1)
def lexicon() -> SpeechLexicon:
    """The speech verbs and subjunctive forms shipped in ``resources/`` (read once)."""
    base = resources.files("pressecho.language.de") / "resources"
    lex = _parse_lexicon((base / "speech_verbs.txt").read_text(encoding="utf-8").splitlines())
    lex.subjunctive = frozenset(_word_list(base / "speech_subjunctive.txt"))
    # Swiss spelling writes no ß ("heisst es in einer Mitteilung", "schliesst nicht aus"): such a word
    # is read as its ß spelling, so it has the very features the model learnt for that one
    lex.swiss = {w.replace("ß", "ss"): w for w in [*lex.forms, *lex.subjunctive] if "ß" in w}
    for swiss, form in lex.swiss.items():
        if form in lex.forms:
            lex.forms.setdefault(swiss, lex.forms[form])
        if form in lex.particles:
            lex.particles.setdefault(swiss, lex.particles[form])
    lex.first_names = dict(
        pair for line in _word_list(base / "speech_first_names.txt") if len(pair := line.split()) == 2
    )
    lex.nouns = tuple(sorted(_word_list(base / "speech_nouns.txt")))
    roles = _word_list(base / "speech_roles.txt")
    lex.roles = tuple(sorted(w.removesuffix(" org") for w in roles))
    lex.bodies = tuple(sorted(w.removesuffix(" org") for w in roles if w.endswith(" org")))
    return lex


def _word_list(path: Any) -> set[str]:
    words = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return {w for w in words if w}


@dataclass
class QuoteMarks:
    """Paired quote marks of a document (flat token indices): ``spans`` are (open, close) pairs,
    ``depth[i]`` how many quotes token i is inside, ``span_of[i]`` the innermost span index or -1."""

    spans: list[tuple[int, int]]
    depth: list[int]
    span_of: list[int]
    opens: set[int]
    closes: set[int]
    index_of_open: dict[int, int] = field(default_factory=dict)
    index_of_close: dict[int, int] = field(default_factory=dict)
    _span_feats: dict[int, list[str]] = field(default_factory=dict)

    def span_features(
        self, k: int, doc: DocView, low: list[str], subj: list[bool], lemma: list[str | None]
    ) -> list[str]:
        """Features every token of quote k shares: length, capitalisation, what surrounds it."""
        if k in self._span_feats:
            return self._span_feats[k]
        toks = doc.tokens
        n = len(toks)
        a, b = self.spans[k]
        inner = b - a - 1
        f = ["qlen=" + _len_bucket(inner)]
        if inner > 0:
            cap = toks[a + 1][:1].isupper()
            f += [f"qcap={cap}", f"qlen_cap={_len_bucket(inner)}{cap}"]
        after = low[b + 1] if b + 1 < n else "</d>"
        before = low[a - 1] if a > 0 else "<d>"
        f.append("qafter=" + (after if not _WORD.search(after) else "-w" if after.startswith("-") else "w"))
        f.append("qbefore=" + (before if not _WORD.search(before) else "w"))
        f.append(f"qcross={doc.sent_of[a] != doc.sent_of[b]}")
        f.append(f"qsubj={any(subj[x] for x in range(a, b))}")
        f.append(f"qend={toks[b - 1] in SENTENCE_END if b > a + 1 else False}")
        near = [x for x in range(max(0, a - 6), min(n, b + 7)) if x < a or x > b]
        f.append(f"qsvnear={any(lemma[x] is not None for x in near)}")
        f.append(f"qwhole={a == doc.offsets[doc.sent_of[a]] or (a > 0 and toks[a - 1] == ':')}")
        self._span_feats[k] = f
        return f


def pair_quote_marks(tokens: list[str], max_span: int = 250) -> QuoteMarks:
    """Pair the quote marks of a token sequence, in every German, Swiss and English style.

    A mark that finds no partner is left unpaired (it is not guessed into a quote), and a quote
    left open for more than ``max_span`` tokens is dropped, so one stray mark cannot swallow an
    article.
    """
    uses_low = any(t == _DOUBLE_LOW for t in tokens)
    uses_single_low = any(t == _SINGLE_LOW for t in tokens)
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []

    def close(compatible: str, i: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] in compatible:
                if i - stack[k][1] > max_span:
                    del stack[k]
                    return False
                spans.append((stack[k][1], i))
                del stack[k:]
                return True
        return False

    for i, tok in enumerate(tokens):
        if len(tok) != 1 or tok not in QUOTE_CHARS:
            continue
        if tok in (_DOUBLE_LOW, _SINGLE_LOW):
            stack.append((tok, i))
        elif tok == _LEFT_DOUBLE:
            if not close(_DOUBLE_LOW, i) and not uses_low:
                stack.append((tok, i))
        elif tok == _RIGHT_DOUBLE:
            close(_LEFT_DOUBLE + _DOUBLE_LOW + _STRAIGHT, i)
        elif tok == _LEFT_SINGLE:
            if not close(_SINGLE_LOW, i) and not uses_single_low:
                stack.append((tok, i))
        elif tok == _RIGHT_SINGLE:
            close(_LEFT_SINGLE + _SINGLE_LOW, i)
        elif tok in _GUILLEMETS:
            if not close(_GUILLEMETS[tok], i):
                stack.append((tok, i))
        elif tok == _STRAIGHT and not close(_STRAIGHT, i):
            stack.append((tok, i))
    spans.sort()
    depth = [0] * len(tokens)
    span_of = [-1] * len(tokens)
    for k, (a, b) in enumerate(spans):  # outer spans first, inner ones overwrite span_of
        for j in range(a + 1, b):
            depth[j] += 1
            span_of[j] = k
    return QuoteMarks(
        spans,
        depth,
        span_of,
        {a for a, _ in spans},
        {b for _, b in spans},
        {a: k for k, (a, _) in enumerate(spans)},
        {b: k for k, (_, b) in enumerate(spans)},
    )


def canonical_marks(tokens: list[str], marks: QuoteMarks) -> list[str]:
    """Tokens with every paired quote mark written the German way („ opens, “ closes) and every
    unpaired one as '"', so a model trained on German news reads Swiss «…» or English “…” alike."""
    out = list(tokens)
    for a, b in marks.spans:
        out[a], out[b] = "„", "“"
    for i, t in enumerate(tokens):
        if len(t) == 1 and t in QUOTE_CHARS and i not in marks.opens and i not in marks.closes:
            out[i] = '"'
    return out


def _ss_spelling(token: str, lex: SpeechLexicon) -> str:
    """A speech verb in Swiss spelling ("heisst", "liess") as its ß spelling, the form the model learnt."""
    form = lex.swiss.get(token.lower()) if "ss" in token else None
    if form is None:
        return token
    return form[:1].upper() + form[1:] if token[:1].isupper() else form


def is_subjunctive(word: str, lex: SpeechLexicon) -> bool:
    return word.lower() in lex.subjunctive


def speech_lemma(word: str, lex: SpeechLexicon) -> str | None:
    return lex.forms.get(word.lower())


@dataclass
class DocView:
    """A document as the quote model sees it: flat tokens with sentence boundaries and marks."""

    sentences: list[list[str]]
    headings: list[bool] | None = None
    tokens: list[str] = field(init=False)
    sent_of: list[int] = field(init=False)
    offsets: list[int] = field(init=False)  # first flat index of each sentence
    marks: QuoteMarks = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [t for s in self.sentences for t in s]
        self.sent_of = [i for i, s in enumerate(self.sentences) for _ in s]
        self.offsets = [0]
        for s in self.sentences:
            self.offsets.append(self.offsets[-1] + len(s))
        self.marks = pair_quote_marks(self.tokens)

    def address(self, flat: int) -> tuple[int, int]:
        s = self.sent_of[flat]
        return s, flat - self.offsets[s]

    def sentence_range(self, s: int) -> range:
        return range(self.offsets[s], self.offsets[s + 1])

    @cached_property
    def inner_capitalised(self) -> frozenset[str]:
        """Capitalised words that occur somewhere other than at a sentence start: nouns and
        names, as opposed to a sentence-initial "Besorgt" or "Insgesamt"."""
        starts = set(self.offsets)
        return frozenset(t for i, t in enumerate(self.tokens) if i not in starts and t[:1].isupper())


# ---------------------------------------------------------------------------------------------
# features, in groups that many tokens share


@dataclass
class Column:
    """One slice of every token's features: token i has the strings ``groups[index[i]]``.

    Most features are facts of a sentence, a clause, a quote or the place in a sentence, so a
    document has far fewer distinct groups than tokens: the model scores each group once
    (:class:`pressecho.language.de.quotes.QuoteCRF`) instead of every string of every token, and
    training expands the groups into the strings CRFsuite reads (:func:`expand`). ``key`` names a
    column whose ``groups`` are always the same list (the model keeps their scores under it).
    """

    groups: list[tuple[str, ...]]
    index: np.ndarray  # (tokens,) group of each token
    key: str | None = None


@dataclass
class Singles:
    """A slice that is one feature string per token (or None): word bigrams, different for nearly
    every token, so there is no group to share and the model looks each one up on its own."""

    names: list[str | None]


@dataclass
class Words:
    """The word forms around every token: token i has the features of its own form
    (``forms[slots[i, 0]]``) and what the forms two and one before it and one and two after it
    add (``slots[i, 1:]``; -1 outside the sentence, which adds the sentence-boundary feature).
    The model keeps the scores of each form's five groups (:func:`word_slots`) under the form."""

    forms: list[str]
    slots: np.ndarray  # (tokens, 5)


Part = Column | Singles | Words


def expand(parts: Sequence[Part], rows: Iterable[int]) -> list[list[str]]:
    """The feature strings CRFsuite reads for the tokens ``rows``: their groups, concatenated."""
    out = []
    for i in rows:
        f: list[str] = []
        for part in parts:
            if isinstance(part, Column):
                f.extend(part.groups[part.index[i]])
            elif isinstance(part, Words):
                for k, j in enumerate(part.slots[i].tolist()):
                    f.extend(word_slots(part.forms[j])[k] if j >= 0 else BOUNDARY_SLOTS[k])
            elif (name := part.names[i]) is not None:
                f.append(name)
        out.append(f)
    return out


@dataclass
class DocFeatures:
    """A document's features: ``sentence`` (facts of the token's sentence and its neighbours, first
    pass only) and ``local`` (the token's own, which both passes read)."""

    sentence: Column
    local: list[Part]

    def first_pass(self) -> list[Part]:
        return [self.sentence, *self.local]


def _shape(tok: str) -> str:
    if not _WORD.search(tok):
        return "P"
    if tok[0].isdigit():
        return "D"
    if tok.isupper() and len(tok) > 1:
        return "AA"
    if tok[0].isupper():
        return "Aa"
    return "a"


# distance buckets: _bucket(d) is _BUCKETS[_bucket_code(d)]
_BUCKETS = ("-far", "-2", "-1", "0", "1", "2", "3-5", "6-10", "far")
_BUCKET_OF = np.array([0, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 7, 7, 7, 8])  # d + 3 for d in -3 .. 11


def _bucket(n: int) -> str:
    if n <= 0:
        return str(n) if n > -3 else "-far"
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "far"


def _bucket_codes(d: np.ndarray) -> np.ndarray:
    return _BUCKET_OF[np.clip(d, -3, 11) + 3]


def _len_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-9" if n <= 9 else "10+"


def _nearest(positions: list[int], length: int) -> list[int | None]:
    """For each index 0..length-1 the signed offset (p - j) to the nearest of ``positions`` (the
    earlier one on a tie), in two linear sweeps; None when there are no positions."""
    if not positions:
        return [None] * length
    out: list[int | None] = [None] * length
    marks = set(positions)
    last: int | None = None
    for j in range(length):
        if j in marks:
            last = j
        out[j] = None if last is None else last - j
    nxt: int | None = None
    for j in range(length - 1, -1, -1):
        if j in marks:
            nxt = j
        if nxt is not None:
            cur = out[j]
            if cur is None or nxt - j < -cur:
                out[j] = nxt - j
    return out


_NONE = len(_BUCKETS)  # bucket code of "no such word in the sentence"


def _nearest_codes(flags: np.ndarray, sent_of: np.ndarray) -> np.ndarray:
    """:func:`_nearest` for every token of a document at once, as bucket codes: the signed offset
    to the nearest flagged token of the same sentence (the earlier one on a tie), bucketed, or
    ``_NONE`` where the sentence has none."""
    n = len(flags)
    out = np.full(n, _NONE, dtype=np.intp)
    pos = np.flatnonzero(flags)
    if not len(pos):
        return out
    here = np.arange(n)
    k = np.searchsorted(pos, here, side="right") - 1  # nearest flagged at or before
    before = pos[np.maximum(k, 0)]
    has_before = (k >= 0) & (sent_of[before] == sent_of)
    k2 = np.minimum(k + 1, len(pos) - 1)  # nearest flagged after
    after = pos[k2]
    has_after = (after > here) & (sent_of[after] == sent_of)
    d = np.where(has_before, before - here, 0)
    use_after = has_after & (~has_before | (after - here < here - before))
    d = np.where(use_after, after - here, d)
    codes = _bucket_codes(d)
    return np.where(has_before | has_after, codes, _NONE)


def _clauses(tokens: list[str]) -> list[int]:
    """Clause number of each token of a sentence: a new clause starts after , : ; – ( )."""
    ids = []
    c = 0
    for t in tokens:
        ids.append(c)
        if t in CLAUSE_BREAKS:
            c += 1
    return ids


@lru_cache(maxsize=200_000)
def _word_facts(tok: str) -> tuple[tuple[str, ...], str | None, bool, bool, bool, bool]:
    """Features of a word form on its own (cached): the feature strings, and the speech lemma,
    subjunctive, statement-noun, role-noun and source-preposition flags."""
    lex = lexicon()
    w = tok.lower()
    lemma = lex.forms.get(w)
    subj = w in lex.subjunctive
    noun = tok[:1].isupper() and w.endswith(lex.nouns)
    role = tok[:1].isupper() and w.endswith(lex.roles)
    srcp = w in SOURCE_PREPOSITIONS
    f = ["w=" + w, "sh=" + _shape(tok), "s3=" + w[-3:], "s2=" + w[-2:], "p3=" + w[:3]]
    if lemma is not None:
        f += ["sv", "svlem=" + lemma]
    if subj:
        f.append("subj")
    if noun:
        f.append("sn")
    if role:
        f.append("role")
    if srcp:
        f.append("srcp=" + w)
    if w in PRONOUNS:
        f.append("pron")
    if len(tok) == 1 and tok in QUOTE_CHARS:
        f.append("qmark")
    return tuple(f), lemma, subj, noun, role, srcp


@lru_cache(maxsize=200_000)
def word_slots(tok: str) -> tuple[tuple[str, ...], ...]:
    """What a word form gives the token it is (its :func:`_word_facts`), and the token two after
    it, one after it, one before it and two before it (the order of :attr:`Words.slots`)."""
    w = tok.lower()
    shape = _shape(tok)
    return (
        _word_facts(tok)[0],
        ("w-2=" + w,),
        ("w-1=" + w, "sh-1=" + shape),
        ("w1=" + w, "sh1=" + shape),
        ("w2=" + w,),
    )


BOUNDARY_SLOTS: tuple[tuple[str, ...], ...] = ((), ("w-2=<s>",), ("w-1=<s>",), ("w1=</s>",), ("w2=</s>",))


def _position_groups() -> list[tuple[str, ...]]:
    """Place in the sentence, by code 3 * min(j, 3) + min(tokens after, 2)."""
    groups = []
    for p in range(4):
        for r in range(3):
            g = ["first"] if p == 0 else []
            if r == 0:
                g.append("last")
            g += ["pos=" + "012m"[p], "rpos=" + "01m"[r]]
            groups.append(tuple(g))
    return groups


_POSITION_GROUPS = _position_groups()


def _near_groups() -> list[tuple[str, ...]]:
    """Nearest speech verb and attribution word, by code 10 * verb bucket + attribution bucket."""
    groups = []
    for sv in range(_NONE + 1):
        for at in range(_NONE + 1):
            g: list[str] = []
            if sv != _NONE:
                side = "at" if _BUCKETS[sv] == "0" else "after_sv" if sv < 3 else "before_sv"
                g += ["dsv=" + _BUCKETS[sv], "svside=" + side]
            if at != _NONE:
                g.append("dat=" + _BUCKETS[at])
            groups.append(tuple(g))
    return groups


_NEAR_GROUPS = _near_groups()


@lru_cache(maxsize=4096)
def _clause_group(
    idx: str, sv: bool, subj: bool, opener: str, prev: tuple[bool, str] | None, nxt: tuple[bool, str] | None
) -> tuple[str, ...]:
    f = ["C.idx=" + idx, f"C.sv={sv}", f"C.subj={subj}", "C.open=" + opener, f"C.svsubj={sv}{subj}"]
    if prev is not None:
        f += [f"C.prev_sv={prev[0]}", "C.prev_open=" + prev[1]]
    if nxt is not None:
        f += [f"C.next_sv={nxt[0]}", "C.next_open=" + nxt[1]]
    return tuple(f)


def _type_flags(types: list[str], facts: list[tuple]) -> dict[str, np.ndarray]:
    """Per word form of a document: the flags the features are built from."""
    lex = lexicon()
    particles = _all_particles()
    rows = [
        (
            f[1] is not None,
            f[2],
            f[5],
            t in CLAUSE_BREAKS,
            t == ":",
            len(t) == 1 and t in QUOTE_CHARS,
            (f[1] is not None and t.lower() in lex.particles) or t.lower() in particles or f[5],
        )
        for t, f in zip(types, facts, strict=True)
    ]
    table = np.array(rows, dtype=bool).reshape(len(types), 7)
    names = ("sv", "subj", "srcp", "break", "colon", "qchar", "extra")
    return {name: table[:, k] for k, name in enumerate(names)}


def doc_features(doc: DocView) -> DocFeatures:
    """Every token's features, in groups (see :class:`Column`)."""
    lex = lexicon()
    marks = doc.marks
    toks = [_ss_spelling(t, lex) for t in canonical_marks(doc.tokens, marks)]
    n = len(toks)
    type_ids: dict[str, int] = {}
    tid_list = [type_ids.setdefault(t, len(type_ids)) for t in toks]
    types = list(type_ids)
    facts = [_word_facts(t) for t in types]
    flags = _type_flags(types, facts)
    tid = np.asarray(tid_list, dtype=np.intp)
    low = [t.lower() for t in toks]
    lemma = [facts[k][1] for k in tid_list]
    subj = [facts[k][2] for k in tid_list]
    n_sent = len(doc.sentences)
    offsets = np.asarray(doc.offsets, dtype=np.intp)
    sent_of = np.asarray(doc.sent_of, dtype=np.intp)
    sent_len = offsets[1:] - offsets[:-1]
    jpos = np.arange(n) - offsets[sent_of]
    slen = sent_len[sent_of]

    # a source preposition that really introduces a source: "nach Angaben", "laut Polizei", "X zufolge"
    attrib = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(flags["srcp"][tid]).tolist():
        w = low[i]
        s = doc.sent_of[i]
        if w in ("laut", "lt.", "gemäß"):
            attrib[i] = i + 1 < n and toks[i + 1][:1].isupper()
        elif w == "zufolge":
            attrib[i] = True
        elif w == "nach":
            attrib[i] = any(facts[tid_list[k]][3] for k in range(i + 1, min(n, i + 4)) if doc.sent_of[k] == s)
        elif w == "so":
            attrib[i] = i > 0 and toks[i - 1] == "," and i + 1 < n and toks[i + 1][:1].isupper()
        elif w in ("demnach", "wonach"):
            attrib[i] = True

    # sentence-level facts
    is_sv = flags["sv"][tid]
    is_subj = flags["subj"][tid]
    depth = np.asarray(marks.depth, dtype=np.intp)
    is_open = np.zeros(n, dtype=bool)
    is_open[list(marks.opens)] = True
    is_close = np.zeros(n, dtype=bool)
    is_close[list(marks.closes)] = True

    def per_sentence(x: np.ndarray) -> list[bool]:
        c = np.concatenate(([0], np.cumsum(x)))
        return ((c[offsets[1:]] - c[offsets[:-1]]) > 0).tolist()

    s_sv = per_sentence(is_sv)
    s_subj = per_sentence(is_subj)
    s_q = per_sentence((depth > 0) | is_open)
    s_colon = per_sentence(flags["colon"][tid])
    s_attrib = per_sentence(attrib)
    s_lemmas: list[list[str]] = [[] for _ in range(n_sent)]
    for i in np.flatnonzero(is_sv).tolist():
        s_lemmas[doc.sent_of[i]].append(lemma[i])  # type: ignore[arg-type]
    lemmas = [sorted(set(x)) for x in s_lemmas]
    ends = []
    for s, sent in enumerate(doc.sentences):
        if not sent:
            ends.append((False, False, False))
            continue
        last = offsets[s + 1] - 1
        ends.append(
            (
                sent[-1] not in SENTENCE_END and sent[-1] not in QUOTE_CHARS,
                bool(depth[last] > 0 and not is_close[last]),
                sent[-1] == ":",
            )
        )
    commons: list[tuple[str, ...]] = []
    for s in range(n_sent):
        sv_, sj_, q_, at_ = s_sv[s], s_subj[s], s_q[s], s_attrib[s]
        common = [
            "b",
            f"S.sv={sv_}",
            f"S.subj={sj_}",
            f"S.q={q_}",
            f"S.attrib={at_}",
            f"S.all={sv_}{sj_}{q_}{at_}",
            f"S.colon={s_colon[s]}",
            f"S.short={bool(sent_len[s] <= 4)}",
            f"S.noend={ends[s][0]}",
        ]
        common += ["S.svlem=" + x for x in lemmas[s]]
        if doc.headings is not None and s < len(doc.headings) and doc.headings[s]:
            common.append("S.heading")
        if s == 0:
            common.append("S.first")
        if s > 0:
            p = s - 1
            psv, psj = s_sv[p], s_subj[p]
            common += [
                f"P.sv={psv}",
                f"P.subj={psj}",
                f"P.q={s_q[p]}",
                f"P.inq_end={ends[p][1]}",
                f"P.colon_end={ends[p][2]}",
                f"PS.all={psv}{psj}{s_attrib[p]}|{sv_}{sj_}{at_}",
            ]
            common += ["P.svlem=" + x for x in lemmas[p]]
            if s > 1:
                common.append(f"P2.subj={s_subj[s - 2]}{psj}{sj_}")
        if s + 1 < n_sent:
            common.append(f"N.subj={s_subj[s + 1]}{s_sv[s + 1]}")
        commons.append(tuple(common))
    sentence = Column(commons, sent_of)

    # the word form and its neighbours in the sentence
    slots = np.empty((n, 5), dtype=np.intp)
    for k, shift in enumerate((0, -2, -1, 1, 2)):
        j = jpos + shift
        inside = (j >= 0) & (j < slen)
        slots[:, k] = np.where(inside, tid[np.clip(np.arange(n) + shift, 0, max(n - 1, 0))], -1)
    words = Words(types, slots)
    position = Column(
        _POSITION_GROUPS, np.minimum(jpos, 3) * 3 + np.minimum(slen - 1 - jpos, 2), key="position"
    )
    left: list[str | None] = [None] * n
    right: list[str | None] = [None] * n
    same = (jpos[1:] > 0).tolist()
    for i in range(1, n):
        if same[i - 1]:
            pair = low[i - 1] + "|" + low[i]
            left[i] = "w-1|w=" + pair
            right[i - 1] = "w|w+1=" + pair

    # attribution words, speech verbs with their particle
    extra_groups: dict[tuple[str, ...], int] = {(): 0}
    extra_index = np.zeros(n, dtype=np.intp)
    # per sentence, looked up once: where each word last occurs, and where the first verb taking each
    # particle occurs (a sentence of thousands of tokens, a table or list without full stops, must
    # not cost its length for every speech verb in it)
    last_at: dict[int, dict[str, int]] = {}
    first_taking: dict[int, dict[str, int]] = {}

    def sentence_words(s: int) -> tuple[dict[str, int], dict[str, int]]:
        if s not in last_at:
            last: dict[str, int] = {}
            first: dict[str, int] = {}
            for k in range(int(offsets[s]), int(offsets[s + 1])):
                last[low[k]] = k
                for particle in lex.particles.get(low[k], ()):
                    first.setdefault(particle, k)
            last_at[s], first_taking[s] = last, first
        return last_at[s], first_taking[s]

    for i in np.flatnonzero(flags["extra"][tid] | attrib).tolist():
        w = low[i]
        f = []
        if attrib[i]:
            f.append("attrib=" + w)
        if lemma[i] is not None and w in lex.particles:
            last, _ = sentence_words(doc.sent_of[i])
            if any(last.get(part, -1) > i for part in lex.particles[w]):
                f.append("sv+part")
        elif w in _all_particles():
            _, first = sentence_words(doc.sent_of[i])
            if first.get(w, i) < i:
                f.append("part_of_sv")
        extra_index[i] = extra_groups.setdefault(tuple(f), len(extra_groups))
    extra = Column(list(extra_groups), extra_index)

    # clauses: a new one starts after , : ; – ( )
    breaks = flags["break"][tid]
    starts = (jpos == 0) | np.concatenate(([False], breaks[:-1]))
    cid = np.cumsum(starts) - 1
    c_start = np.flatnonzero(starts)
    clause_groups: list[tuple[str, ...]] = []
    if n:
        c_sv = np.logical_or.reduceat(is_sv | attrib, c_start).tolist()
        c_subj = np.logical_or.reduceat(is_subj, c_start).tolist()
        c_open = [low[i] if low[i] in CLAUSE_OPENERS else "x" for i in c_start.tolist()]
        c_sent = sent_of[c_start].tolist()
        for c in range(len(c_start)):
            first = c == 0 or c_sent[c - 1] != c_sent[c]
            last = c + 1 == len(c_start) or c_sent[c + 1] != c_sent[c]
            clause_groups.append(
                _clause_group(
                    "0" if first else "last" if last else "mid",
                    c_sv[c],
                    c_subj[c],
                    c_open[c],
                    None if first else (c_sv[c - 1], c_open[c - 1]),
                    None if last else (c_sv[c + 1], c_open[c + 1]),
                )
            )
    clause = Column(clause_groups, cid)

    # relation to the nearest speech verb / attribution word in the sentence
    near = Column(
        _NEAR_GROUPS,
        _nearest_codes(is_sv, sent_of) * (_NONE + 1) + _nearest_codes(attrib, sent_of),
        key="near",
    )

    # quotes
    quote_groups: dict[tuple[str, ...], int] = {("inq=0",): 0}
    quote_index = np.zeros(n, dtype=np.intp)
    span_cache: dict[int, list[str]] = {}
    for i in np.flatnonzero((depth > 0) | flags["qchar"][tid]).tolist():
        f = []
        opens, closes = is_open[i], is_close[i]
        if opens:
            f.append("qopen")
        if closes:
            f.append("qclose")
        if not opens and not closes and len(toks[i]) == 1 and toks[i] in QUOTE_CHARS:
            f.append("qstray")
        k = marks.span_of[i]
        if k < 0 and opens:
            k = marks.index_of_open[i]
        if k < 0 and closes:
            k = marks.index_of_close[i]
        f.append("inq=" + str(min(marks.depth[i], 2)))
        if k >= 0:
            if k not in span_cache:
                span_cache[k] = marks.span_features(k, doc, low, subj, lemma)
            f += span_cache[k]
        quote_index[i] = quote_groups.setdefault(tuple(f), len(quote_groups))
    quote = Column(list(quote_groups), quote_index)

    local: list[Part] = [words, position, Singles(left), Singles(right), extra, clause, near, quote]
    return DocFeatures(sentence, local)


def doc_feature_parts(doc: DocView) -> tuple[list[list[str]], list[list[str]]]:
    """Every token's feature strings for the first pass, and the token-level part of them (without
    the sentence-level facts) that the second pass uses next to the first pass's labels."""
    features = doc_features(doc)
    rows = range(len(doc.tokens))
    return expand(features.first_pass(), rows), expand(features.local, rows)


@lru_cache(maxsize=1)
def _all_particles() -> frozenset[str]:
    lex = lexicon()
    return frozenset(p for ps in lex.particles.values() for p in ps)


def _label_class(label: str) -> str:
    """Coarse class of a first-pass label: the message form letter, C, S, A or O."""
    if label == "RS":
        return "R"
    return label[0]


def stacked_blocks(doc: DocView, first: list[str]) -> list[range]:
    """Sentence ranges the second pass looks at: every sentence where the first pass found
    something, with one sentence of context on each side (merged where they touch)."""
    hot = {doc.sent_of[i] for i, lab in enumerate(first) if lab != "O"}
    wanted = sorted({t for s in hot for t in (s - 1, s, s + 1) if 0 <= t < len(doc.sentences)})
    blocks: list[range] = []
    for s in wanted:
        if blocks and blocks[-1].stop == s:
            blocks[-1] = range(blocks[-1].start, s + 1)
        else:
            blocks.append(range(s, s + 1))
    return blocks


@lru_cache(maxsize=8192)
def _label_group(before: str, label: str, after: str, before_class: str) -> tuple[str, ...]:
    return ("L=" + label, "L-1=" + before, "L+1=" + after, "L-1|L=" + before_class + _label_class(label))


@lru_cache(maxsize=8192)
def _relation_group(
    cue: int | None, cue_clause: bool, rel: str | None, msg: int, has_cue: bool
) -> tuple[str, ...]:
    f = []
    if cue is not None:
        f += ["dC=" + _bucket(cue), f"clauseC={cue_clause}"]
    if rel is not None:
        f += ["relM=" + rel, "dM=" + _bucket(msg), "relMc=" + rel + ("C" if has_cue else "")]
    return tuple(f)


def stack_columns(doc: DocView, first: list[str], only: Iterable[int] | None = None) -> list[Part]:
    """What the second pass adds to every token (of the sentences ``only``, default all; the others
    get nothing): the first pass's labels around it and where the first pass put messages, cues
    and sources in its sentence and the neighbouring ones."""
    n = len(doc.tokens)
    cls = [_label_class(lab) for lab in first]
    n_sent = len(doc.sentences)
    msg_forms: list[set[str]] = [set() for _ in range(n_sent)]
    has_c = [False] * n_sent
    has_s = [False] * n_sent
    for i, c in enumerate(cls):
        if c != "O":
            s = doc.sent_of[i]
            if c in "DIFER":
                msg_forms[s].add(c)
            elif c == "C":
                has_c[s] = True
            elif c == "S":
                has_s[s] = True
    sent_msgs = ["".join(sorted(f)) or "-" for f in msg_forms]
    sent_has = [("C" if c else "") + ("S" if s else "") for c, s in zip(has_c, has_s, strict=True)]
    sentence_groups: list[tuple[str, ...]] = [()]
    sentence_index = np.zeros(n, dtype=np.intp)
    label_groups: dict[tuple[str, ...], int] = {(): 0}
    label_index = np.zeros(n, dtype=np.intp)
    relation_groups: dict[tuple[str, ...], int] = {(): 0}
    relation_index = np.zeros(n, dtype=np.intp)
    for s in range(n_sent) if only is None else only:
        r = doc.sentence_range(s)
        if not len(r):
            continue
        sentence_index[r.start : r.stop] = len(sentence_groups)
        sentence_groups.append(
            (
                "SL.m=" + sent_msgs[s],
                "SL.h=" + sent_has[s],
                "PL.m=" + (sent_msgs[s - 1] if s > 0 else "<d>"),
                "PL.h=" + (sent_has[s - 1] if s > 0 else "<d>"),
                "NL.m=" + (sent_msgs[s + 1] if s + 1 < n_sent else "</d>"),
                "SPL.m=" + sent_msgs[s] + "|" + (sent_msgs[s - 1] if s > 0 else "<d>"),
            )
        )
        clause = _clauses(doc.sentences[s])
        cue_pos = [j for j, i in enumerate(r) if cls[i] == "C"]
        msg_pos = [j for j, i in enumerate(r) if cls[i] in "DIFER"]
        cue_clauses = {clause[j] for j in cue_pos}
        near_cue = _nearest(cue_pos, len(r))
        near_msg = _nearest(msg_pos, len(r))
        for j, i in enumerate(r):
            g = _label_group(
                first[i - 1] if i > 0 else "<d>",
                first[i],
                first[i + 1] if i + 1 < n else "</d>",
                cls[i - 1] if i > 0 else "<",
            )
            label_index[i] = label_groups.setdefault(g, len(label_groups))
            rel = None
            if msg_pos:
                if msg_pos[0] <= j <= msg_pos[-1]:
                    rel = "in" if cls[i] in "DIFER" else "gap"
                else:
                    rel = "before" if j < msg_pos[0] else "after"
            d = near_cue[j]
            g = _relation_group(
                d, d is not None and clause[j] in cue_clauses, rel, near_msg[j] or 0, bool(cue_pos)
            )
            relation_index[i] = relation_groups.setdefault(g, len(relation_groups))
    return [
        Column(sentence_groups, sentence_index),
        Column(list(label_groups), label_index),
        Column(list(relation_groups), relation_index),
    ]


def stack_features(doc: DocView, first: list[str], only: Iterable[int] | None = None) -> list[list[str]]:
    """:func:`stack_columns` as the feature strings of every token (empty outside ``only``)."""
    return expand(stack_columns(doc, first, only), range(len(doc.tokens)))
