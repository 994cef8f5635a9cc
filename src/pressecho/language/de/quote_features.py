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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

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


def _bucket(n: int) -> str:
    if n <= 0:
        return str(n) if n > -3 else "-far"
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "far"


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


def doc_features(doc: DocView) -> list[list[str]]:
    """Feature strings for every token of the document (one list per flat token)."""
    return doc_feature_parts(doc)[0]


def doc_feature_parts(doc: DocView) -> tuple[list[list[str]], list[list[str]]]:
    """Every token's features for the first pass, and the token-level part of them (without the
    sentence-level facts) that the second pass uses next to the first pass's labels."""
    lex = lexicon()
    marks = doc.marks
    toks = canonical_marks(doc.tokens, marks)
    low = [t.lower() for t in toks]
    n = len(toks)
    facts_of = [_word_facts(t) for t in toks]
    lemma = [f[1] for f in facts_of]
    subj = [f[2] for f in facts_of]
    noun = [f[3] for f in facts_of]
    srcp = [f[5] for f in facts_of]
    particles = _all_particles()

    # a source preposition that really introduces a source: "nach Angaben", "laut Polizei", "X zufolge"
    attrib = [False] * n
    for i in range(n):
        if not srcp[i]:
            continue
        w = low[i]
        s = doc.sent_of[i]
        if w in ("laut", "lt.", "gemäß"):
            attrib[i] = i + 1 < n and toks[i + 1][:1].isupper()
        elif w == "zufolge":
            attrib[i] = True
        elif w == "nach":
            attrib[i] = any(noun[k] for k in range(i + 1, min(n, i + 4)) if doc.sent_of[k] == s)
        elif w == "so":
            attrib[i] = i > 0 and toks[i - 1] == "," and i + 1 < n and toks[i + 1][:1].isupper()
        elif w in ("demnach", "wonach"):
            attrib[i] = True

    # sentence-level facts
    sent_info: list[dict] = []
    for s, sent in enumerate(doc.sentences):
        r = doc.sentence_range(s)
        lemmas = sorted({lemma[i] for i in r if lemma[i] is not None})
        sent_info.append(
            {
                "sv": bool(lemmas),
                "lemmas": lemmas,
                "subj": any(subj[i] for i in r),
                "q": any(marks.depth[i] > 0 or i in marks.opens for i in r),
                "colon": any(toks[i] == ":" for i in r),
                "attrib": any(attrib[i] for i in r),
                "short": len(sent) <= 4,
                "noend": bool(sent) and sent[-1] not in SENTENCE_END and sent[-1] not in QUOTE_CHARS,
                "inq_end": bool(sent) and marks.depth[r.stop - 1] > 0 and r.stop - 1 not in marks.closes,
                "colon_end": bool(sent) and sent[-1] == ":",
            }
        )

    feats: list[list[str]] = [[] for _ in range(n)]
    local: list[list[str]] = [[] for _ in range(n)]
    for s, sent in enumerate(doc.sentences):
        r = doc.sentence_range(s)
        info = sent_info[s]
        prev = sent_info[s - 1] if s > 0 else None
        prev2 = sent_info[s - 2] if s > 1 else None
        nxt = sent_info[s + 1] if s + 1 < len(sent_info) else None
        clause = _clauses(sent)
        n_clauses = clause[-1] + 1 if clause else 0
        clause_sv: dict[int, bool] = {}
        clause_subj: dict[int, bool] = {}
        clause_open: dict[int, str] = {}
        for j, i in enumerate(r):
            c = clause[j]
            clause_sv[c] = clause_sv.get(c, False) or lemma[i] is not None or attrib[i]
            clause_subj[c] = clause_subj.get(c, False) or subj[i]
            if c not in clause_open and toks[i] not in CLAUSE_BREAKS:
                clause_open[c] = low[i] if low[i] in CLAUSE_OPENERS else "x"
        sv_pos = [j for j, i in enumerate(r) if lemma[i] is not None]
        at_pos = [j for j, i in enumerate(r) if attrib[i]]
        near_sv = _nearest(sv_pos, len(sent))
        near_at = _nearest(at_pos, len(sent))
        heading = doc.headings[s] if doc.headings is not None and s < len(doc.headings) else None
        sv_, sj_, q_, at_ = info["sv"], info["subj"], info["q"], info["attrib"]
        common = [
            "b",
            f"S.sv={sv_}",
            f"S.subj={sj_}",
            f"S.q={q_}",
            f"S.attrib={at_}",
            f"S.all={sv_}{sj_}{q_}{at_}",
            f"S.colon={info['colon']}",
            f"S.short={info['short']}",
            f"S.noend={info['noend']}",
        ]
        common += ["S.svlem=" + x for x in info["lemmas"]]
        if heading:
            common.append("S.heading")
        if s == 0:
            common.append("S.first")
        if prev is not None:
            psv, psj = prev["sv"], prev["subj"]
            common += [
                f"P.sv={psv}",
                f"P.subj={psj}",
                f"P.q={prev['q']}",
                f"P.inq_end={prev['inq_end']}",
                f"P.colon_end={prev['colon_end']}",
                f"PS.all={psv}{psj}{prev['attrib']}|{sv_}{sj_}{at_}",
            ]
            common += ["P.svlem=" + x for x in prev["lemmas"]]
            if prev2 is not None:
                common.append(f"P2.subj={prev2['subj']}{psj}{sj_}")
        if nxt is not None:
            common.append(f"N.subj={nxt['subj']}{nxt['sv']}")
        for j, i in enumerate(r):
            w = low[i]
            f = list(facts_of[i][0])
            if j == 0:
                f.append("first")
            if j == len(sent) - 1:
                f.append("last")
            f.append("pos=" + ("0" if j == 0 else "1" if j == 1 else "2" if j == 2 else "m"))
            f.append("rpos=" + ("0" if j == len(sent) - 1 else "1" if j == len(sent) - 2 else "m"))
            for k in (-2, -1, 1, 2):
                jj = j + k
                if 0 <= jj < len(sent):
                    f.append(f"w{k}=" + low[r.start + jj])
                    if k in (-1, 1):
                        f.append(f"sh{k}=" + facts_of[r.start + jj][0][1][3:])
                else:
                    f.append(f"w{k}=<s>" if k < 0 else f"w{k}=</s>")
            if j > 0:
                f.append("w-1|w=" + low[i - 1] + "|" + w)
            if j + 1 < len(sent):
                f.append("w|w+1=" + w + "|" + low[i + 1])
            if attrib[i]:
                f.append("attrib=" + w)
            if lemma[i] is not None and w in lex.particles:
                parts = lex.particles[w]
                if any(low[k] in parts for k in range(i + 1, r.stop)):
                    f.append("sv+part")
            elif w in particles and any(w in lex.particles.get(low[k], ()) for k in range(r.start, i)):
                f.append("part_of_sv")
            # clause
            c = clause[j]
            f.append("C.idx=" + ("0" if c == 0 else "last" if c == n_clauses - 1 else "mid"))
            f.append(f"C.sv={clause_sv[c]}")
            f.append(f"C.subj={clause_subj[c]}")
            f.append("C.open=" + clause_open.get(c, "x"))
            f.append(f"C.svsubj={clause_sv[c]}{clause_subj[c]}")
            if c > 0:
                f.append(f"C.prev_sv={clause_sv.get(c - 1, False)}")
                f.append("C.prev_open=" + clause_open.get(c - 1, "x"))
            if c + 1 < n_clauses:
                f.append(f"C.next_sv={clause_sv.get(c + 1, False)}")
                f.append("C.next_open=" + clause_open.get(c + 1, "x"))
            # relation to the nearest speech verb / attribution word in the sentence
            d = near_sv[j]
            if d is not None:
                f.append("dsv=" + _bucket(d))
                f.append("svside=" + ("at" if d == 0 else "after_sv" if d < 0 else "before_sv"))
            d = near_at[j]
            if d is not None:
                f.append("dat=" + _bucket(d))
            # quotes
            if i in marks.opens:
                f.append("qopen")
            if i in marks.closes:
                f.append("qclose")
            tok = toks[i]
            if len(tok) == 1 and tok in QUOTE_CHARS and i not in marks.opens and i not in marks.closes:
                f.append("qstray")
            k = marks.span_of[i]
            if k < 0 and i in marks.opens:
                k = marks.index_of_open[i]
            if k < 0 and i in marks.closes:
                k = marks.index_of_close[i]
            f.append("inq=" + str(min(marks.depth[i], 2)))
            if k >= 0:
                f += marks.span_features(k, doc, low, subj, lemma)
            local[i] = f
            feats[i] = common + f
    return feats, local


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


def stack_features(doc: DocView, first: list[str], only: Iterable[int] | None = None) -> list[list[str]]:
    """What the second pass adds to every token (of the sentences ``only``, default all): the first
    pass's labels around it and where the first pass put messages, cues and sources in its
    sentence and the neighbouring ones."""
    n = len(doc.tokens)
    cls = [_label_class(lab) for lab in first]
    n_sent = len(doc.sentences)
    sent_msgs: list[str] = []
    sent_has: list[str] = []
    for s in range(n_sent):
        r = doc.sentence_range(s)
        forms = sorted({cls[i] for i in r if cls[i] in "DIFER"})
        sent_msgs.append("".join(forms) or "-")
        sent_has.append(
            ("C" if any(cls[i] == "C" for i in r) else "") + ("S" if any(cls[i] == "S" for i in r) else "")
        )
    feats: list[list[str]] = [[] for _ in range(n)]
    for s in range(n_sent) if only is None else only:
        r = doc.sentence_range(s)
        if not len(r):
            continue
        clause = _clauses(doc.sentences[s])
        cue_pos = [j for j, i in enumerate(r) if cls[i] == "C"]
        msg_pos = [j for j, i in enumerate(r) if cls[i] in "DIFER"]
        cue_clauses = {clause[j] for j in cue_pos}
        near_cue = _nearest(cue_pos, len(r))
        near_msg = _nearest(msg_pos, len(r))
        common = [
            "SL.m=" + sent_msgs[s],
            "SL.h=" + sent_has[s],
            "PL.m=" + (sent_msgs[s - 1] if s > 0 else "<d>"),
            "PL.h=" + (sent_has[s - 1] if s > 0 else "<d>"),
            "NL.m=" + (sent_msgs[s + 1] if s + 1 < n_sent else "</d>"),
            "SPL.m=" + sent_msgs[s] + "|" + (sent_msgs[s - 1] if s > 0 else "<d>"),
        ]
        for j, i in enumerate(r):
            f = list(common)
            f.append("L=" + first[i])
            f.append("L-1=" + (first[i - 1] if i > 0 else "<d>"))
            f.append("L+1=" + (first[i + 1] if i + 1 < n else "</d>"))
            f.append("L-1|L=" + (cls[i - 1] if i > 0 else "<") + cls[i])
            d = near_cue[j]
            if d is not None:
                f.append("dC=" + _bucket(d))
                f.append(f"clauseC={clause[j] in cue_clauses}")
            if msg_pos:
                if msg_pos[0] <= j <= msg_pos[-1]:
                    rel = "in" if cls[i] in "DIFER" else "gap"
                else:
                    rel = "before" if j < msg_pos[0] else "after"
                f.append("relM=" + rel)
                f.append("dM=" + _bucket(near_msg[j] or 0))
                f.append("relMc=" + rel + ("C" if cue_pos else ""))
            feats[i] = f
    return feats
