"""German quotations, direct and indirect, with their cue words and speakers.

One core does the work on tokens: :func:`detect` takes a document as sentences of tokens and
returns :class:`QuoteSpan` records whose token positions are flat indices into the document
(:class:`~pressecho.language.de.quote_features.DocView` maps them to sentence and token). Two thin
layers sit on it:

- :func:`annotate` writes those spans as GermEval 2023 (SpkAtt task 2) annotations
  ("sentence:token" addresses for Message, Source, Cue, Addr, Frame; Form; STWR), which is how
  ``bench/quotes.py`` scores the model on annotated WikiNews articles;
- :func:`find_quotes` runs the core on an :class:`~pressecho.model.Article`'s SoMaJo tokens, maps
  the tokens back to character offsets in ``Article.text`` and resolves each source to an entity
  (:mod:`pressecho.language.de.quote_speakers`).

How the core works. Two linear-chain CRFs (python-crfsuite), trained by ``train_quotes.py`` on
the GermEval 2023 WikiNews articles, label every token as part of a message (with its form:
direct, indirect, free indirect continuation, free indirect, reported), a cue, a source, an
addressee or nothing; the second pass sees the first pass's labels, which places sources and cues
much better once the message is known. The features come from rules that are right where they
apply (quote-mark pairing in every German, Swiss and English style, speech-verb, statement-noun
and subjunctive lexicons, clause structure around "dass"/"so"/"laut"/"zufolge"; see
``quote_features.py``). Rules then turn labels into quotations: «…», sagte er, «…» is one split
quote; what follows the cue after a direct quote is its speaker, not a message; messages are
snapped to their quote marks; each cue and source run goes to the nearest message, and a source
keeps only the runs that can be a subject, trimmed to its noun phrase (with a name in apposition
or a party in brackets); where the model found a cue but no source, or neither next to a
message (a speech verb in the sentence, a colon before a direct quote), the speaker is the cue
verb's subject, found from German word order (subject before the finite verb, after it when
something else is fronted, after an auxiliary); a direct quote opening the sentence after
another one continues it; a continuation in the subjunctive inherits the speaker of the
quotation it continues, or of the speech verb in the sentence just before it; partial
direct quotes inside a message become nested quotes (with their own cue when they have one), and
quoted words next to a speech verb that the model left alone become partial direct quotes; the
frame (the introducing clause) is the rest of the cue's sentence.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from pressecho.language.de.quote_features import (
    BOUNDARY_SLOTS,
    QUOTE_CHARS,
    SENTENCE_END,
    Column,
    DocFeatures,
    DocView,
    Part,
    Words,
    doc_features,
    is_subjunctive,
    lexicon,
    stack_columns,
    stacked_blocks,
    word_slots,
)
from pressecho.model import Article, Entity, Quote, QuoteKind, Token

MODELS = Path(__file__).with_name("models")
MODEL_FILE = MODELS / "quotes.npz"  # first pass
MODEL2_FILE = MODELS / "quotes_stage2.npz"  # second pass, sees the first pass's labels
META_FILE = MODELS / "quotes_meta.json"

# GermEval forms and the one-letter codes of the CRF labels
FORMS = {"Direct": "D", "Indirect": "I", "IndirectFreeIndirect": "F", "FreeIndirect": "E", "Reported": "R"}
FORM_OF = {v: k for k, v in FORMS.items()}
# forms whose source is not in their own sentence but inherited from the quotation they continue
INHERITING = {"F", "E"}
# decoding rules (settings tuned on the dev part, see train_quotes.py)
CUE_GAP: int | None = 8  # see _attach
SOURCE_GAP: int | None = 6
ORPHANS = True  # partial direct quotes next to a speech verb that the model left alone
SUBJECT_FALLBACK = True  # see _subject_of_cue
VERB_CUE_REACH = 6
FRAME_EXCLUDES_OTHERS = True  # see _frame
PRONOUN_SUBJECTS = frozenset({"er", "sie", "es", "wir", "ich", "man"})
# how far (in tokens) a cue or source may sit from the quotation it belongs to
MAX_ATTACH = 40
SENTENCE_PENALTY = 12


@dataclass
class QuoteSpan:
    """One quotation found by the core; token positions are flat indices into the document."""

    form: str  # GermEval form: Direct, Indirect, IndirectFreeIndirect, FreeIndirect, Reported
    message: list[int]
    cue: list[int] = field(default_factory=list)
    source: list[int] = field(default_factory=list)
    addr: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    stwr: str = "Speech"
    nested: bool = False
    has_nested: bool = False
    inherited_source: bool = False  # source copied from the quotation this one continues
    donor_end: int | None = None  # last message token of that quotation


# ---------------------------------------------------------------------------------------------
# labels


def labels_from_annotations(doc: DocView, annotations: list[dict]) -> list[str]:
    """The CRF's training labels for one GermEval document (used by ``train_quotes.py``)."""
    labels = ["O"] * len(doc.tokens)

    def flat(addrs: list[str]) -> list[int]:
        out = []
        for a in addrs:
            s, t = a.split(":")
            out.append(doc.offsets[int(s)] + int(t))
        return sorted(set(out))

    top = [a for a in annotations if not a.get("IsNested")]
    top.sort(key=lambda a: flat(a["Message"])[0] if a["Message"] else 0)
    for a in top:
        code = FORMS.get(a["Form"], "I")
        msg = flat(a["Message"])
        src = set(flat(a["Source"]))
        for k, i in enumerate(msg):
            if labels[i] != "O":
                continue
            if code == "R" and i in src:
                labels[i] = "RS"
            else:
                labels[i] = f"{code}-B" if k == 0 else f"{code}-I"
    for a in annotations:
        for i in flat(a["Cue"]):
            if labels[i] == "O":
                labels[i] = "C"
    for a in annotations:
        if FORMS.get(a["Form"]) in INHERITING or a["Form"] == "Reported":
            continue
        for i in flat(a["Source"]):
            if labels[i] == "O":
                labels[i] = "S"
        for i in flat(a.get("Addr", [])):
            if labels[i] == "O":
                labels[i] = "A"
    return labels


def _form_of_label(label: str) -> str | None:
    if label == "RS":
        return "R"
    if len(label) == 3 and label[1] == "-":
        return label[0]
    return None


# ---------------------------------------------------------------------------------------------
# the model


class QuoteCRF:
    """One pass's linear-chain CRF: weights trained by CRFsuite, scored and decoded with numpy.

    Our own scoring and Viterbi instead of CRFsuite's tagger, which looks every feature string of
    every token up anew (some 65 a token): here the features come in groups that many tokens
    share (:mod:`~pressecho.language.de.quote_features`: :class:`Column`, :class:`Words`), each
    group's score vector is the sum of its features' weight rows, computed once and kept (a word
    form's under the form), and a token's scores are the sum of its groups' vectors. These are
    CRFsuite's state scores, and the labels are its Viterbi path (:func:`viterbi`).

    The file (``train_quotes.export``) holds the labels, the attribute strings, every attribute's
    non-zero weights (label and value, CSR) and the label transition weights.
    """

    MAX_KEPT = 50_000  # kept groups and word forms each (~6 and ~30 MB); all are dropped beyond

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.labels: list[str] = bytes(data["labels"]).decode("utf-8").split("\n")
            attributes = bytes(data["attributes"]).decode("utf-8").split("\n")
            indptr = data["indptr"].astype(np.intp)
            label_ids = data["label_ids"].astype(np.intp)
            values = data["weights"].astype(np.float64)
            self.transitions: np.ndarray = data["transitions"].astype(np.float64)
        n_labels = len(self.labels)
        self.index: dict[str, int] = dict(zip(attributes, range(len(attributes)), strict=True))
        self.zero = len(attributes)  # the row of an attribute the model does not know
        self.weights = np.zeros((len(attributes) + 1, n_labels))
        self.weights[np.repeat(np.arange(len(attributes)), np.diff(indptr)), label_ids] = values
        self._boundary = self._sums([g for g in BOUNDARY_SLOTS]).reshape(1, len(BOUNDARY_SLOTS), n_labels)
        # group -> score vector, the empty group scoring nothing; word form -> its slots' score vectors
        self._groups = _KeptRows((n_labels,), self._sums, {(): 0})
        self._words = _KeptRows((len(BOUNDARY_SLOTS), n_labels), self._word_sums)
        # a Column's rows into the group table under its key (columns every document shares)
        self._keyed: dict[str, np.ndarray] = {}

    def _sums(self, groups: list[tuple[str, ...]]) -> np.ndarray:
        """The score vector of each group: the sum of its features' weights."""
        index, zero = self.index.get, self.zero
        attrs: list[int] = []
        starts: list[int] = []
        for g in groups:
            starts.append(len(attrs))
            attrs.extend(index(f, zero) for f in g)
            if not g:
                attrs.append(zero)
        return np.add.reduceat(self.weights[attrs], starts, axis=0)

    def _word_sums(self, forms: list[str]) -> np.ndarray:
        """The slot score vectors (see :class:`Words`) of each word form."""
        groups = [g for w in forms for g in word_slots(w)]
        return self._sums(groups).reshape(len(forms), len(BOUNDARY_SLOTS), len(self.labels))

    def scores(self, parts: list[Part], rows: np.ndarray | None = None) -> np.ndarray:
        """State scores (tokens x labels) of the tokens ``rows`` (default all) from their features."""
        if len(self._groups) > self.MAX_KEPT:
            self._groups.clear()
            self._keyed.clear()  # its rows point into the group table
        if len(self._words) > self.MAX_KEPT:
            self._words.clear()
        group_rows: list[np.ndarray] = []
        attr_rows: list[np.ndarray] = []
        out: np.ndarray | None = None
        for part in parts:
            if isinstance(part, Column):
                index = part.index if rows is None else part.index[rows]
                if part.key is None:
                    group_rows.append(self._groups.rows(part.groups)[index])
                else:
                    keyed = self._keyed.get(part.key)
                    if keyed is None:
                        keyed = self._keyed[part.key] = self._groups.rows(part.groups)
                    group_rows.append(keyed[index])
            elif isinstance(part, Words):
                form_rows = self._words.rows(part.forms)
                table = np.concatenate((self._words.table[form_rows], self._boundary))
                slots = part.slots if rows is None else part.slots[rows]
                scored = table[slots, np.arange(slots.shape[1])].sum(axis=1)
                out = scored if out is None else out + scored
            else:
                get, zero, names = self.index.get, self.zero, part.names
                picked = names if rows is None else [names[i] for i in rows.tolist()]
                attr_rows.append(np.fromiter((get(x, zero) for x in picked), np.intp, len(picked)))  # type: ignore[arg-type]
        if group_rows:  # (the table may have grown while the rows were found)
            scored = self._groups.table[np.stack(group_rows, axis=1)].sum(axis=1)
            out = scored if out is None else out + scored
        if attr_rows:
            scored = self.weights[np.stack(attr_rows, axis=1)].sum(axis=1)
            out = scored if out is None else out + scored
        assert out is not None
        return out

    def tag(self, parts: list[Part], lengths: list[int], rows: np.ndarray | None = None) -> list[str]:
        """Labels of the tokens ``rows`` (default all), as sequences of ``lengths`` tokens."""
        labels = self.labels
        return [labels[k] for k in viterbi(self.scores(parts, rows), lengths, self.transitions)]


class _KeptRows:
    """Score rows kept per key (a feature group, a word form), each computed once, on first use.

    ``compute`` gives the rows of keys not kept yet, all at once; the table grows by doubling.
    ``initial`` keys have fixed rows (left zero); :meth:`clear` drops everything else.
    """

    def __init__(
        self,
        shape: tuple[int, ...],
        compute: Callable[[list[Any]], np.ndarray],
        initial: dict[Any, int] | None = None,
    ) -> None:
        self.shape, self.compute, self.initial = shape, compute, dict(initial or {})
        self.clear()

    def clear(self) -> None:
        self.row: dict[Any, int] = dict(self.initial)
        self.table = np.zeros((1024, *self.shape))

    def __len__(self) -> int:
        return len(self.row)

    def rows(self, keys: list[Any]) -> np.ndarray:
        """The rows of ``keys`` in :attr:`table`, computing the ones not kept yet."""
        get = self.row.get
        rows = [get(k, -1) for k in keys]
        if -1 in rows:
            missing = list(dict.fromkeys(k for k, r in zip(keys, rows, strict=True) if r < 0))
            first = len(self.row)
            if first + len(missing) > len(self.table):
                grown = np.zeros((2 * (first + len(missing)), *self.shape))
                grown[: len(self.table)] = self.table
                self.table = grown
            self.table[first : first + len(missing)] = self.compute(missing)
            self.row.update(zip(missing, range(first, first + len(missing)), strict=True))
            rows = [get(k, -1) for k in keys]
        return np.asarray(rows, dtype=np.intp)


def viterbi(scores: np.ndarray, lengths: list[int], transitions: np.ndarray) -> list[int]:
    """The best label of every token, each sequence of ``lengths`` decoded on its own (``scores``:
    tokens x labels, the sequences back to back; ``transitions[a, b]``: label a, then b).

    Meet in the middle: the first half of every sequence is decoded forwards and the second half
    backwards, all halves at once, step by step (numpy is fast on the labels of many halves and
    slow on many small steps, so this halves the steps); the best pair of labels where the halves
    meet joins them. The path is CRFsuite's (which has no start or end scores).
    """
    n_labels = scores.shape[1]
    # the halves: token positions in the order they are decoded, and which way
    chains: list[tuple[int, int, int]] = []  # (first position, length, step: +1 forwards, -1 backwards)
    start = 0
    for m in lengths:
        h = (m + 1) // 2
        if m:
            chains.append((start, h, 1))
        if m - h:
            chains.append((start + m - 1, m - h, -1))
        start += m
    if not chains:
        return []
    chains.sort(key=lambda c: -c[1])
    longest = chains[0][1]
    n_chains = len(chains)
    chain_len = np.array([c[1] for c in chains])
    active = np.searchsorted(-chain_len, -np.arange(longest), side="left")  # chains longer than t
    step_start = np.concatenate(([0], np.cumsum(active)))
    # time-major: step t of chain k is row step_start[t] + k
    position = np.empty(int(step_start[-1]), np.intp)
    for k, (first, m, way) in enumerate(chains):
        position[step_start[:m] + k] = np.arange(first, first + way * m, way)
    delta = scores[position]
    backwards = np.array([c[2] < 0 for c in chains])
    trans = np.where(backwards[:, None, None], transitions.T[None], transitions[None])
    back = np.zeros((len(position), n_labels), np.intp)
    for t in range(1, longest):
        a = int(active[t])
        lo, prev = int(step_start[t]), int(step_start[t - 1])
        cand = delta[prev : prev + a, :, None] + trans[:a]  # (chain, from, to)
        back[lo : lo + a] = cand.argmax(axis=1)
        delta[lo : lo + a] += cand.max(axis=1)
    # join the halves of each sequence at their best pair of labels
    last_row = {chains[k][0]: int(step_start[chains[k][1] - 1]) + k for k in range(n_chains)}
    end_label = [0] * n_chains
    chain_of = {(c[0], c[2]): k for k, c in enumerate(chains)}
    start = 0
    for m in lengths:
        h = (m + 1) // 2
        if not m:
            continue
        f = chain_of[(start, 1)]
        forward_end = delta[last_row[start]]
        if m - h:
            b = chain_of[(start + m - 1, -1)]
            backward_end = delta[last_row[start + m - 1]]
            pair = forward_end[:, None] + transitions + backward_end[None, :]
            p, y = divmod(int(pair.argmax()), n_labels)
            end_label[f], end_label[b] = p, y
        else:
            end_label[f] = int(forward_end.argmax())
        start += m
    # follow the back pointers of every half
    back_list = back.tolist()
    out = [0] * len(position)
    for k, (first, m, way) in enumerate(chains):
        y = end_label[k]
        rows = (step_start[:m] + k).tolist()
        pos = first + way * (m - 1)
        for t in range(m - 1, -1, -1):
            out[pos] = y
            y = back_list[rows[t]][y]
            pos -= way
    return out


@lru_cache(maxsize=4)
def _open_model(path: Path) -> QuoteCRF | None:
    """The model in ``path`` (read once), or None if there is none."""
    if not path.exists():
        return None
    return QuoteCRF(path)


def _model(path: Path) -> QuoteCRF:
    model = _open_model(path)
    if model is None:
        raise FileNotFoundError(
            f"{path} is missing: run `python -m pressecho.language.de.train_quotes` to build it"
        )
    return model


@lru_cache(maxsize=1)
def _meta() -> dict:
    if META_FILE.exists():
        return json.loads(META_FILE.read_text(encoding="utf-8"))
    return {}


def second_pass(doc: DocView, features: DocFeatures, first: list[str], model: QuoteCRF) -> list[str]:
    """Relabel the sentences around the first pass's findings, now knowing where those are
    (sources and cues are much easier to place once the message is known). It sees each token's
    own features (``features.local``, without the sentence-level ones) and the first pass's labels;
    each block of sentences is one sequence."""
    labels = list(first)
    blocks = stacked_blocks(doc, first)
    if not blocks:
        return labels
    stack = stack_columns(doc, first, [s for block in blocks for s in block])
    spans = [(doc.offsets[block.start], doc.offsets[block.stop]) for block in blocks]
    rows = np.concatenate([np.arange(a, b) for a, b in spans])
    tagged = model.tag([*features.local, *stack], [b - a for a, b in spans], rows)
    for i, label in zip(rows.tolist(), tagged, strict=True):
        labels[i] = label
    return labels


def tag(doc: DocView) -> list[str]:
    """Labels for every token of the document: first pass, then the second pass where it applies."""
    if not doc.tokens:
        return []
    features = doc_features(doc)
    first = _model(MODEL_FILE).tag(features.first_pass(), [len(doc.tokens)])
    second = _open_model(MODEL2_FILE)
    if second is None:
        return first
    return second_pass(doc, features, first, second)


# ---------------------------------------------------------------------------------------------
# labels -> quotations


def _runs(labels: list[str], wanted: set[str], doc: DocView) -> list[list[int]]:
    """Maximal runs of tokens with a label in ``wanted``, never crossing a sentence boundary."""
    runs: list[list[int]] = []
    for i, lab in enumerate(labels):
        if lab in wanted:
            if runs and runs[-1][-1] == i - 1 and doc.sent_of[i - 1] == doc.sent_of[i]:
                runs[-1].append(i)
            else:
                runs.append([i])
    return runs


def _messages(labels: list[str], doc: DocView) -> list[tuple[str, list[int]]]:
    """Message spans from B/I labels; an I after a gap continues the last message of its form
    when that one is in the same or (for direct speech) the previous sentence: split quotes."""
    msgs: list[tuple[str, list[int]]] = []
    last_of: dict[str, int] = {}
    for i, lab in enumerate(labels):
        code = _form_of_label(lab)
        if code is None:
            continue
        begins = lab.endswith("-B")
        if not begins and i > 0 and _form_of_label(labels[i - 1]) == code:
            msgs[last_of[code]][1].append(i)
            continue
        if not begins and code in last_of:
            k = last_of[code]
            last = msgs[k][1][-1]
            gap_sents = doc.sent_of[i] - doc.sent_of[last]
            if gap_sents == 0 or (code == "D" and gap_sents == 1):
                msgs[k][1].append(i)
                continue
        msgs.append((code, [i]))
        last_of[code] = len(msgs) - 1
    return msgs


def _split_quotes(labels: list[str], doc: DocView) -> list[str]:
    """«…», sagte er, «…»: a quote, a comma, a short inserted cue with its speaker, a comma and a
    second quote in the same sentence are one direct quotation around an inserted cue, whatever
    the model made of it (split quotes are rare in the training articles)."""
    lex = lexicon()
    spans = sorted(doc.marks.spans)
    labels = list(labels)
    for (a1, b1), (a2, b2) in zip(spans, spans[1:], strict=False):
        if doc.sent_of[a1] != doc.sent_of[b2] or b1 + 2 >= a2 or a2 - b1 > 8:
            continue
        gap = range(b1 + 1, a2)
        words = [doc.tokens[i] for i in gap]
        if words[0] != "," or words[-1] != "," or not any(lex.forms.get(w.lower()) for w in words):
            continue
        if any(doc.marks.depth[i] for i in gap) or not _speechy_or_sentence(a1, b1, doc):
            continue
        for k, i in enumerate(list(range(a1, b1 + 1)) + list(range(a2, b2 + 1))):
            labels[i] = "D-B" if k == 0 else "D-I"
        for i in gap:
            w = doc.tokens[i]
            labels[i] = "C" if lex.forms.get(w.lower()) else "O" if w == "," else "S"
    return labels


def _speechy_or_sentence(a: int, b: int, doc: DocView) -> bool:
    return _speechy(a, b, doc) or (b - a - 1 >= 2 and doc.tokens[a + 1][:1].isupper())


def _merge_split_quotes(
    msgs: list[tuple[str, list[int]]], labels: list[str], doc: DocView
) -> list[tuple[str, list[int]]]:
    """«…», sagte er, «…»: two direct parts with only the inserted cue (and its source) between
    them, in one sentence, are one quotation."""
    out: list[tuple[str, list[int]]] = []
    for code, toks in msgs:
        if out and code == "D" and out[-1][0] == "D":
            prev = out[-1][1]
            gap = range(prev[-1] + 1, toks[0])
            same = doc.sent_of[prev[-1]] == doc.sent_of[toks[0]]
            inserted = all(labels[i] in ("C", "S", "O") for i in gap) and any(labels[i] == "C" for i in gap)
            plain = all(labels[i] != "O" or not doc.tokens[i][:1].isalpha() for i in gap)
            if same and gap and inserted and plain:
                prev.extend(toks)
                continue
        out.append((code, list(toks)))
    return out


def _is_whole_quote(toks: list[int], spans: set[tuple[int, int]], doc: DocView) -> bool:
    """A message that is exactly one pair of quote marks and what is between them (perhaps with
    the full stop after it) is direct speech, whatever form the model gave it."""
    end = toks[-1]
    if doc.tokens[end] in SENTENCE_END and end - 1 >= toks[0]:
        end -= 1
    return (toks[0], end) in spans and len(toks) >= end - toks[0] + 1


_TRIM = frozenset({",", "und", "oder", "sowie", "–", "-", "(", ")", ":", ";", "sagte", "so"})


def _trim(tokens: list[int], doc: DocView) -> list[int]:
    """A source without the conjunctions and punctuation the model sometimes lets hang at its ends."""
    toks = sorted(tokens)
    while toks and doc.tokens[toks[0]].lower() in _TRIM:
        toks = toks[1:]
    while toks and doc.tokens[toks[-1]].lower() in _TRIM:
        toks = toks[:-1]
    # conjunctions and adverbs at the start ("zumal Kim"), adverbs and dangling articles at the end
    # ("Kim immer wieder"): a source ends on its noun or name, or is a pronoun
    while len(toks) > 1 and doc.tokens[toks[0]].lower() in _LEADING:
        toks = toks[1:]
    while len(toks) > 1 and doc.tokens[toks[-1]] in _TRAILING:
        toks = toks[:-1]
    words = [doc.tokens[i] for i in toks]
    end = toks[-1] + 1 if toks else 0
    if words.count("(") > words.count(")") and end < len(doc.tokens) and doc.tokens[end] == ")":
        toks.append(end)  # "Angaben des Südwestrundfunks ( SWR )": the bracket the first loop cut
    return toks


_LEADING = frozenset(
    "zumal wie schon auch immer wieder vorab bereits jedoch aber nun hat haben habe hatte sich dann "
    "doch noch vom".split()
)
_TRAILING = frozenset(
    "immer wieder vorab schon auch noch bereits jetzt nun gestern heute dazu damals zudem erneut ebenfalls "
    "für ein eine der des".split()
)


def _snap_direct(msg: list[int], doc: DocView) -> list[int]:
    """A direct message covers whole quotes, marks included: add every paired quote it touches."""
    out = set(msg)
    ordered = sorted(msg)
    for a, b in doc.marks.spans:
        k = bisect_left(ordered, a)
        if k < len(ordered) and ordered[k] <= b:  # a token of the message within [a, b]
            out.update(range(a, b + 1))
    return sorted(out)


def _distance(run: list[int], targets: list[int], doc: DocView) -> int:
    best = 10**9
    for i in (run[0], run[-1]):
        for t in targets:
            d = abs(i - t) + SENTENCE_PENALTY * abs(doc.sent_of[i] - doc.sent_of[t])
            best = min(best, d)
    return best


def _attach(
    runs: list[list[int]], anchors: list[list[int]], doc: DocView, gap: int | None = None
) -> list[list[int]]:
    """Give each run to its nearest anchor (within MAX_ATTACH); returns the tokens per anchor.

    With ``gap``, an anchor keeps only its nearest run and the runs within ``gap`` tokens of what
    it keeps (a cue "teilte ... mit", a source split by a comma), so a second speech event in the
    same sentence ("..., wie die Agentur berichtete") does not merge into the first."""
    got: list[list[tuple[int, list[int]]]] = [[] for _ in anchors]
    # only anchors with a token within MAX_ATTACH of a run's ends can be within MAX_ATTACH of it: look
    # those up by position, so a long document's many quotes cost runs x nearby anchors, not runs x all
    points = sorted((t, k) for k, anchor in enumerate(anchors) for t in anchor)
    positions = [t for t, _ in points]
    for run in runs:
        lo = bisect_left(positions, run[0] - MAX_ATTACH)
        hi = bisect_right(positions, run[-1] + MAX_ATTACH)
        near = sorted({k for _, k in points[lo:hi]})
        scored = [(_distance(run, anchors[k], doc), k) for k in near]
        if not scored:
            continue
        d, k = min(scored)
        if d <= MAX_ATTACH:
            got[k].append((d, run))
    out: list[list[int]] = []
    for found in got:
        if gap is None or len(found) <= 1:
            out.append(sorted(i for _, run in found for i in run))
            continue
        found.sort()
        kept = list(found[0][1])
        rest = [run for _, run in found[1:]]
        grew = True
        while grew:
            grew = False
            for run in list(rest):
                near = min(abs(i - j) for i in (run[0], run[-1]) for j in (kept[0], kept[-1])) <= gap
                particle = len(run) == 1 and doc.tokens[run[0]].lower() in _particles()
                if (near or particle) and doc.sent_of[run[0]] in {doc.sent_of[i] for i in kept}:
                    kept.extend(run)
                    rest.remove(run)
                    grew = True
        out.append(sorted(kept))
    return out


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(p for ps in lexicon().particles.values() for p in ps)


def _edge_points(tokens: list[int]) -> list[int]:
    """First and last token of each contiguous stretch (cheap anchors for distances)."""
    pts: list[int] = []
    for k, i in enumerate(tokens):
        if k == 0 or tokens[k - 1] != i - 1 or k == len(tokens) - 1 or tokens[k + 1] != i + 1:
            pts.append(i)
    return pts


def _frame(q: QuoteSpan, doc: DocView, other: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """The introducing clause: the rest of the cue's sentence(s) without the message, the full stop
    and (``other``) the messages of other quotations there."""
    if not q.cue:
        return []
    msg = set(q.message) | (other if FRAME_EXCLUDES_OTHERS else set())
    out = []
    for s in sorted({doc.sent_of[i] for i in q.cue}):
        r = doc.sentence_range(s)
        for i in r:
            if i in msg:
                continue
            if i == r.stop - 1 and doc.tokens[i] in SENTENCE_END:
                continue
            out.append(i)
    return out


def _speechy(a: int, b: int, doc: DocView) -> bool:
    """Whether the quote between marks a and b reads as quoted words rather than a name or title."""
    inner = doc.tokens[a + 1 : b]
    if not inner:
        return False
    if len(inner) == 1:
        return inner[0][:1].islower()
    words = [t for t in inner if t[:1].isalpha()]
    if not words:
        return False
    lower = sum(1 for t in words if t[:1].islower())
    return lower / len(words) >= 0.34 or words[0][:1].islower()


_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines sein seine ihr ihre".split()
)


def _noun_phrase(doc: DocView, start: int, stop: int, skip: int = 2, tail: bool = False) -> list[int]:
    """The noun phrase at ``start`` (skipping up to ``skip`` adverbs): [article] [adjectives]
    Names/Nouns, or a lone pronoun; empty if there is none before ``stop``. With ``tail``, a
    genitive or "von" phrase after it belongs to it ("der Sprecher der Polizei", "der Bürgermeister
    von New Orleans")."""
    toks = doc.tokens
    i = start
    skipped = 0
    while i < stop and toks[i][:1].islower() and toks[i].lower() not in _DETERMINERS:
        if toks[i].lower() in PRONOUN_SUBJECTS:
            return [i]
        if skipped >= skip:
            break
        i += 1
        skipped += 1
    first = i
    if i < stop and toks[i].lower() in _DETERMINERS:
        i += 1
    elif i < stop and toks[i][:1].islower():
        return []  # a verb or adverb, not the start of a noun phrase
    head = _run_end(toks, i, stop, _lower_word)  # adjectives
    i = _run_end(toks, head, stop, _name_part)
    if i == head:
        return []
    while tail and i < stop and toks[i] in ("des", "der", "eines", "von"):
        j = i + 1
        if j < stop and toks[i] == "von" and toks[j] in ("der", "den", "dem"):
            j += 1
        j = _run_end(toks, j, stop, _lower_word)
        k = _run_end(toks, j, stop, _name_part)
        if k == j:
            break
        i = k
    return list(range(first, i))


def _lower_word(token: str) -> bool:
    return token[:1].islower() and token[:1].isalpha()


def _name_part(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _contiguous(indices: list[int]) -> list[list[int]]:
    """Sorted token indices as their contiguous stretches: [3, 4, 7] -> [[3, 4], [7]]."""
    parts: list[list[int]] = []
    for i in indices:
        if parts and parts[-1][-1] == i - 1:
            parts[-1].append(i)
        else:
            parts.append([i])
    return parts


def _run_end(tokens: list[str], i: int, stop: int, test: Callable[[str], bool]) -> int:
    """The end of the run of tokens from ``i`` (before ``stop``) that pass ``test``."""
    while i < stop and test(tokens[i]):
        i += 1
    return i


def _inverted_subjects(labels: list[str], doc: DocView) -> list[str]:
    """«…», sagte auch Kim nach dem Gespräch: what follows the cue after a direct quote is its
    speaker and circumstances, not a second message (unless it is in the subjunctive or a
    dass-clause). The first pass sometimes reads it as a message; relabel it."""
    labels = list(labels)
    lex = lexicon()
    # where in each sentence the rest was relabelled from: a later quote of the sentence finds nothing
    # left to do behind that point, and must not scan it again (a sentence may hold thousands of quotes)
    done_from: dict[int, int] = {}
    for b in doc.marks.closes:
        if not labels[b].startswith("D-") or b + 2 >= len(labels) or doc.tokens[b + 1] != ",":
            continue
        j = b + 2
        s = doc.sent_of[b]
        seen_cue = False
        while j < len(labels) and doc.sent_of[j] == s and (labels[j] in ("C", "S") or doc.tokens[j] == ","):
            seen_cue = seen_cue or labels[j] == "C"
            j += 1
        if not seen_cue or j >= done_from.get(s, len(labels)):
            continue
        done_from[s] = j
        has_source = any(labels[x] == "S" for x in range(b + 2, j))
        stop = doc.offsets[s + 1]
        while j < stop:
            if _form_of_label(labels[j]) not in ("I", "F", "E"):
                j += 1
                continue
            k = j
            while k < stop and _form_of_label(labels[k]) == _form_of_label(labels[j]):
                k += 1
            words = [doc.tokens[x].lower() for x in range(j, k)]
            if not any(w in lex.subjunctive or w in ("dass", "daß") for w in words):
                np = set() if has_source else set(_noun_phrase(doc, j, k))
                for x in range(j, k):
                    labels[x] = "S" if x in np else "O"
                has_source = has_source or bool(np)
            j = k
    return labels


def _fronted_reports(labels: list[str], doc: DocView) -> list[str]:
    """Beide Seiten hätten ihr Ziel bekräftigt, teilte die Botschaft mit: a clause in the
    subjunctive opening the sentence, then a comma and the cue. If the model found the cue but no
    message in that sentence, the opening clause is the message."""
    lex = lexicon()
    labels = list(labels)
    for s in range(len(doc.sentences)):
        r = doc.sentence_range(s)
        if any(_form_of_label(labels[i]) for i in r):
            continue
        comma = next((i for i in r if doc.tokens[i] == ","), None)
        if comma is None or comma + 1 >= r.stop or labels[comma + 1] != "C":
            continue
        if not lex.forms.get(doc.tokens[comma + 1].lower()):
            continue
        clause = range(r.start, comma)
        if not any(doc.tokens[i].lower() in lex.subjunctive for i in clause):
            continue
        for k, i in enumerate(clause):
            labels[i] = "I-B" if k == 0 else "I-I"
    return labels


# "ließ der Verband verlauten", "lässt die Ministerin ausrichten": the finite verb is a form of
# "lassen", the speech verb its infinitive at the clause's end
_LASSEN = frozenset("lasse lässt laesst lasst lassen ließ liess ließen liessen ließe liesse".split())


def _cue_of(verb: int, stop: int, doc: DocView, taken: Collection[int] = ()) -> list[int]:
    """A speech verb with its separable particle, the first one after it before ``stop`` and not
    in ``taken`` ("teilte ... mit", "wies ... zurück"), or with the form of "lassen" whose
    infinitive it is ("ließ ... verlauten")."""
    cue = [verb]
    for particle in lexicon().particles.get(doc.tokens[verb].lower(), ()):
        cue += [i for i in range(verb + 1, stop) if doc.tokens[i].lower() == particle and i not in taken][:1]
    for i in range(verb - 1, max(verb - 7, doc.offsets[doc.sent_of[verb]]) - 1, -1):
        if doc.tokens[i] in (",", ";", ":") or i in taken:
            break
        if doc.tokens[i].lower() in _LASSEN:
            cue.append(i)
            break
    return sorted(cue)


def _verb_and_subject(
    doc: DocView, labels: list[str], a: int, b: int, r: range, inside: bool = False
) -> tuple[list[int], list[int]] | None:
    """For quoted words between marks a and b: the nearest speech verb of the stretch ``r`` (with
    its particle) and that verb's subject, or None if there is no speech verb."""
    lex = lexicon()
    free = ("O", "C", "I-I", "I-B", "R-I", "R-B", "F-I", "E-I") if inside else ("O", "C")
    verbs = [i for i in r if not a <= i <= b and lex.forms.get(doc.tokens[i].lower()) and labels[i] in free]
    if not verbs:
        return None
    before = [i for i in verbs if i < a]
    v = max(before) if before else min(verbs)
    cue = _cue_of(v, doc.offsets[doc.sent_of[v] + 1], doc)
    sent = doc.sentence_range(doc.sent_of[v])

    def same_clause(i: int) -> bool:
        lo, hi = min(i, v), max(i, v)
        return not any(doc.tokens[k] in (",", ";", ":") for k in range(lo, hi) if not a <= k <= b)

    src = [i for i in sent if labels[i] == "S" and abs(i - v) < 12 and not a <= i <= b and same_clause(i)]
    all_verbs = [i for i in sent if lex.forms.get(doc.tokens[i].lower()) and not a <= i <= b]
    verb = v
    while not src:
        if 0 < verb - sent.start <= 3:
            src = _noun_phrase(doc, sent.start, verb)
        if not src:
            src = _noun_phrase(doc, verb + 1, sent.stop)
        # "sagte ein Sprecher und kündigte «…» an": the subject of the first verb
        earlier = [i for i in all_verbs if i < verb]
        if src or verb == 0 or doc.tokens[verb - 1].lower() != "und" or not earlier:
            break
        verb = max(earlier)
    return cue, _trim(src, doc)


def _colon_cue(q: QuoteSpan, doc: DocView, labels: list[str]) -> tuple[list[int], list[int]]:
    """Cue and source of a direct quote introduced by a colon in its own sentence ("Kim warnte
    vor dem Sturm: «…»", "Minister Kim: «…»"): the last speech verb before the colon and its
    subject, or the noun phrase that is all there is before the colon."""
    a = q.message[0]
    s = doc.sent_of[a]
    start = doc.offsets[s]
    if a == start or doc.tokens[a - 1] != ":":
        return [], []
    colon = a - 1
    lex = lexicon()
    verbs = [
        i
        for i in range(start, colon)
        if lex.forms.get(doc.tokens[i].lower()) and labels[i] in ("O", "C", "S")
    ]
    if not verbs:
        np = _noun_phrase(doc, start, colon, skip=0, tail=True)
        if np and np[-1] == colon - 1 and doc.tokens[np[0]].lower() not in _NOT_SUBJECT:
            return [], np
        return [], []
    cue = _cue_of(verbs[-1], colon, doc)
    return cue, _subject_of_cue(QuoteSpan("Direct", q.message, cue=cue), doc)


def _continue_direct(quotes: list[QuoteSpan], doc: DocView) -> None:
    """«…», sagte Kim. «…»: a direct quote opening the sentence after one whose direct quote has a
    cue and a source, with neither of its own, continues it."""
    last: QuoteSpan | None = None
    for q in quotes:
        if q.form != "Direct":
            continue
        s0 = doc.sent_of[q.message[0]]
        if (
            not q.cue
            and not q.source
            and last is not None
            and q.message[0] <= doc.offsets[s0] + 1
            and doc.sent_of[last.message[-1]] == s0 - 1
        ):
            q.cue, q.source, q.addr = list(last.cue), list(last.source), list(last.addr)
        if q.cue and q.source:
            last = q


def _speaker_before(q: QuoteSpan, doc: DocView, donor: QuoteSpan | None) -> list[int]:
    """The speaker of a continuation when the quotation it would inherit from is not in the
    sentence before but that sentence has a speech verb ("Kim wies den Vorwurf zurück. Die Studie
    sei richtig."): that verb's subject."""
    s0 = doc.sent_of[q.message[0]]
    if s0 == 0 or (donor is not None and doc.sent_of[donor.message[-1]] >= s0 - 1):
        return []
    lex = lexicon()
    prev = doc.sentence_range(s0 - 1)
    verbs = [i for i in prev if lex.forms.get(doc.tokens[i].lower())]
    if not verbs:
        return []
    probe = QuoteSpan("Indirect", [prev.stop], cue=verbs[:1])
    subject = _trim(_subject_of_cue(probe, doc), doc)
    if len(subject) == 1 and subject[0] == prev.start and doc.tokens[subject[0]] not in doc.inner_capitalised:
        return []  # "Besorgt äußerte sich …": a fronted word, not a name
    return subject


def _extend_source(source: list[int], doc: DocView, messages: set[int]) -> list[int]:
    """A source with what belongs to it after its end: a party in brackets ("Kim ( SPD )") and,
    after a role noun, the name in apposition ("die Geschäftsführerin der Organisation, Manuela
    Roßbach")."""
    toks = doc.tokens
    stop = doc.offsets[doc.sent_of[source[-1]] + 1]
    end = source[-1] + 1

    def party(i: int) -> int:
        """The index after "( SPD )" at i, or i."""
        if i < stop and toks[i] == "(":
            close = next((k for k in range(i + 1, min(i + 5, stop)) if toks[k] == ")"), None)
            if (
                close is not None
                and close > i + 1
                and all(toks[k][:1].isupper() for k in range(i + 1, close))
            ):
                return close + 1
        return i

    out = list(source)
    after = party(end)
    if after > end and not any(k in messages for k in range(end, after)):
        out += range(end, after)
        end = after
    if any(lexicon().is_person_role(toks[i]) for i in source) and end < stop and toks[end] == ",":
        k = end + 1
        while k < stop and k - end <= 4 and toks[k][:1].isupper() and toks[k] not in QUOTE_CHARS:
            k += 1
        k2 = party(k)
        closes = k2 >= stop or toks[k2] in (",", ".", ":", ";") or k2 in messages
        if k - end >= 3 and closes and not any(i in messages for i in range(end, k2)):
            out += range(end, k2)  # at least two capitalised words: a first and a last name
    return out


def _trailing_cue(q: QuoteSpan, doc: DocView) -> None:
    """A message the model ran on into its own cue clause ("Die Straße sei gefährlich, ließ der Verband
    verlauten."): the clause after the message's last comma that is a speech verb (or "lassen" with
    one) and its subject is the cue and the source, not the message."""
    lex = lexicon()
    last = q.message[-1]
    sent = doc.sentence_range(doc.sent_of[last])
    commas = [i for i in q.message if i >= sent.start and doc.tokens[i] == ","]
    if not commas or commas[-1] <= q.message[0]:
        return
    comma = commas[-1]
    clause = [i for i in range(comma + 1, last + 1) if doc.tokens[i] not in (".", "!", "?")]
    if not clause or len(clause) > 8:
        return
    head = doc.tokens[clause[0]].lower()
    if head in _LASSEN:
        verbs = [i for i in clause[1:] if lex.forms.get(doc.tokens[i].lower())]
        if not verbs:
            return
        verb = verbs[-1]
    elif lex.forms.get(head):
        verb = clause[0]
    else:
        return
    cue = _cue_of(verb, sent.stop, doc)
    probe = QuoteSpan(q.form, [i for i in q.message if i < comma], cue=cue)
    source = _subject_of_cue(probe, doc)
    if source:
        q.message, q.cue, q.source = probe.message, cue, source


def _verb_cue(q: QuoteSpan, doc: DocView, taken: set[int]) -> tuple[list[int], list[int]]:
    """Cue and source of a message the model gave neither: the speech verb of its sentence nearest
    to it (outside every message, at most ``VERB_CUE_REACH`` tokens away, with its particle) and
    that verb's subject ("…, meldet die Behörde", "Sie warf ihm vor, …")."""
    lex = lexicon()
    s = doc.sent_of[q.message[0]]
    sent = doc.sentence_range(s)
    first, last = q.message[0], q.message[-1]

    def reach(i: int) -> int:
        """Tokens between the message and the verb, or the "lassen" it goes with ("…, ließ der
        Verband am Montag verlauten")."""
        return min(min(abs(j - first), abs(j - last)) for j in _cue_of(i, sent.stop, doc, taken))

    verbs = [
        i
        for i in sent
        if i not in taken
        and doc.tokens[i].islower()
        and lex.forms.get(doc.tokens[i])
        and reach(i) <= VERB_CUE_REACH
    ]
    if not verbs:
        return [], []
    v = min(verbs, key=reach)
    cue = _cue_of(v, sent.stop, doc, taken)
    probe = QuoteSpan(q.form, q.message, cue=cue)
    if [doc.tokens[i].lower() for i in _cue_subject(probe, doc)] == ["es"]:
        return cue, []  # "heißt es in einer Mitteilung": a cue with no one as its subject
    source = _subject_of_cue(probe, doc)
    return (cue, source) if source else ([], [])


def _subject_parts(source: list[int], doc: DocView) -> list[int]:
    """A source made of several runs keeps the ones that can be a subject: the model also labels
    the objects around a cue ("Die Botschaft teilte dem Sender CNN mit", "In der Fraktion sagte
    Kim"), which open with a dative or accusative word or follow a preposition."""
    parts = _contiguous(source)
    if len(parts) < 2:
        return source

    def oblique(part: list[int]) -> bool:
        first = doc.tokens[part[0]].lower()
        before = doc.tokens[part[0] - 1].lower() if part[0] > 0 else ""
        return first in _OBLIQUE or first in _PREPOSITIONS or (before in _PREPOSITIONS and before != "nach")

    kept = [p for p in parts if not oblique(p)]
    if not kept or all(len(p) == 1 and doc.tokens[p[0]].lower() in _BACK_POINTERS for p in kept):
        return source  # "mit dem Anwalt – Rainer Wittner – sagte dieser": the one it points back to
    return [i for p in kept for i in p]


def _subject_of_cue(q: QuoteSpan, doc: DocView) -> list[int]:
    """:func:`_cue_subject`, but not the generic "man" ("kann man sagen") nor the expletive "es" ("heißt
    es in einer Mitteilung"), which are nobody."""
    subject = _cue_subject(q, doc)
    return [] if [doc.tokens[i].lower() for i in subject] in (["man"], ["es"]) else subject


def _cue_subject(q: QuoteSpan, doc: DocView) -> list[int]:
    """The subject of the cue verb: the noun phrase right after it when the message comes first
    ("«…», sagte auch Kim") or something else opens its clause ("Am Montag sagte Kim, …"), else
    the one opening the clause ("Kim sagte", "Wie Kim berichtet", "Kim hatte … betont")."""
    lex = lexicon()
    msg = set(q.message)
    verbs = [i for i in q.cue if lex.forms.get(doc.tokens[i].lower())]
    if not verbs:  # a cue verb the lexicon lacks ("kam zu dem Ergebnis")
        verbs = [i for i in q.cue[:1] if doc.tokens[i].isalpha() and doc.tokens[i].islower()]
        verbs = [i for i in verbs if doc.tokens[i] not in _NOT_CUE_VERBS]
    if not verbs:
        return []
    v = q.cue[0] if doc.tokens[q.cue[0]].lower() in _LASSEN else verbs[0]  # "ließ der Verband verlauten"
    sent = doc.sentence_range(doc.sent_of[v])
    after_stop = next(
        (i for i in range(v + 1, sent.stop) if i in msg or doc.tokens[i] in (",", ";", ":")), sent.stop
    )
    if q.message[0] < v:
        return _noun_phrase(doc, v + 1, after_stop, tail=True)
    start = v
    while start > sent.start and doc.tokens[start - 1] not in (",", ";", ":") and start - 1 not in msg:
        start -= 1
    np = _noun_phrase(doc, start, v, tail=True)
    fronted = (
        len(np) == 1
        and np[0] == sent.start
        and doc.tokens[np[0]] not in doc.inner_capitalised
        and doc.tokens[np[0]].lower() not in PRONOUN_SUBJECTS | _DEMONSTRATIVES
    )
    fronted = fronted or bool(np and doc.tokens[np[0]].lower() in _PREPOSITIONS | _OBLIQUE)
    if np and np[-1] == v - 1 and not fronted:
        return np
    if np and np[-1] == v - 1:  # "Besorgt äußerte sich Kim": the subject follows the verb
        after = _noun_phrase(doc, v + 1, after_stop, tail=True)
        return after if after and doc.tokens[after[0]].lower() not in _OBLIQUE else []
    opener = start
    while opener < v and doc.tokens[opener].lower() in _CLAUSE_INTRO:
        opener += 1
    np = _noun_phrase(doc, opener, v, skip=0, tail=True)
    if np and doc.tokens[np[0]].lower() in _NOT_SUBJECT:
        np = []
    if np and np[-1] + 1 < v and doc.tokens[np[-1] + 1] in _PREPOSITIONS and doc.tokens[np[0]][:1].isupper():
        np = []  # "Passend zu …": a fronted word, not a noun phrase
    if np and np[-1] + 1 < v and doc.tokens[np[-1] + 1][:1].islower():
        if any(doc.tokens[i].lower() in _PASSIVE for i in range(np[-1] + 1, v)):
            return []  # "Kim wurde vorgeworfen": Kim is not the speaker
        return np  # "Kim hatte ... betont", "Wie Kim berichtet"
    if not np and doc.tokens[start].lower() == "wie" and 0 < v - opener <= 6:
        return _trim(list(range(opener, v)), doc)  # "Wie t-online.de berichtet"
    if opener < v and not np and doc.tokens[v - 1].lower() not in _PASSIVE | {"und"}:
        after = _noun_phrase(doc, v + 1, after_stop, tail=True)
        if after and doc.tokens[after[0]].lower() not in _OBLIQUE:
            return after  # "Am Montag sagte Kim, …"
        aux = next((i for i in range(opener, v) if doc.tokens[i] in _AUX), None)
        if aux is not None:
            after = _noun_phrase(doc, aux + 1, v, skip=0, tail=True)
            if after and doc.tokens[after[0]].lower() not in _OBLIQUE | {"es"}:  # "war es zu bewerten"
                return after  # "So hatte Kim noch im Mai zugesichert: …"
    return []


_DEMONSTRATIVES = frozenset("dieser diese dieses jener jene jenes".split())
_BACK_POINTERS = frozenset("dieser diese er sie".split())
_CLAUSE_INTRO = frozenset(
    "wie so und zumal doch aber auch denn als da weil indem nachdem während obwohl wenn dass".split()
)
# finite auxiliaries and modals: in "So hatte Kim … zugesichert" the subject follows them
_AUX = frozenset(
    "hat hatte haben hatten habe ist war sind waren sei will wollte wollen soll sollte sollen kann konnte "
    "können muss musste müssen".split()
)
_OBLIQUE = frozenset(
    "dem den einem einen einigen ihm ihn ihnen seinem seinen ihrem ihren vom im zum zur beim ins am".split()
)
_NOT_CUE_VERBS = frozenset("zufolge laut nach so wie demnach wonach darauf es gemäß von".split())
_PASSIVE = frozenset("wird wurde wurden werden worden sei".split())
# words that open a clause capitalised but are no subject ("In seiner Rede sagte …", "Indem sie …")
_NOT_SUBJECT = frozenset(
    "indem als alles sehr es man wer was wie so auch doch aber und denn nun dann da damit deshalb daher zudem "
    "außerdem jedoch allerdings bereits schon noch nur erst zwar viel vieles mehr manche einige alle "
    "nachdem während obwohl weil wenn falls ob dass bis seit sobald".split()
)
_PREPOSITIONS = frozenset(
    "in im an am auf aus bei beim mit nach seit von vom vor zu zum zur für über unter gegen um durch "
    "während wegen trotz nach neben zwischen hinter ohne gemäß laut".split()
)
_NOT_SUBJECT = _NOT_SUBJECT | _PREPOSITIONS | _OBLIQUE


def _orphan_quotes(quotes: list[QuoteSpan], labels: list[str], doc: DocView) -> list[QuoteSpan]:
    """Quoted words the model left alone in a sentence with a speech verb ("Er äusserte die
    Erwartung auf «erfolgreiche und nützliche Gespräche»"): a partial direct quote whose cue is
    that verb and whose source is the verb's subject."""
    covered = {i for q in quotes for i in q.message}
    out = []
    for a, b in doc.marks.spans:
        if doc.sent_of[a] != doc.sent_of[b] or any(i in covered for i in range(a, b + 1)):
            continue
        if b - a - 1 < 2 or not _speechy(a, b, doc):
            continue
        found = _verb_and_subject(doc, labels, a, b, doc.sentence_range(doc.sent_of[a]))
        if found is None:
            continue
        cue, src = found
        out.append(QuoteSpan("Direct", list(range(a, b + 1)), cue=cue, source=src))
    return out


def _nested(q: QuoteSpan, doc: DocView, labels: list[str]) -> list[QuoteSpan]:
    """Partial direct quotes inside a message. One that has its own speech verb inside the message
    ("..., sagte ein Sprecher und kündigte «…» an") gets that verb as cue and its subject as source;
    the others share the cue and source of the message around them."""
    msg = set(q.message)
    out = []
    for a, b in doc.marks.spans:
        if not (a in msg and b in msg and _speechy(a, b, doc)):
            continue
        nested = QuoteSpan(
            "Direct",
            list(range(a, b + 1)),
            cue=list(q.cue),
            source=list(q.source),
            addr=list(q.addr),
            frame=list(q.frame),
            stwr=q.stwr,
            nested=True,
            inherited_source=q.inherited_source,
        )
        s = doc.sent_of[a]
        inner = range(max(q.message[0], doc.offsets[s]), min(q.message[-1], doc.offsets[s + 1] - 1) + 1)
        own = _verb_and_subject(doc, labels, a, b, range(inner.start, a), inside=True)
        if own is not None and own[1]:
            nested.cue, nested.source = own
            nested.frame = []
        out.append(nested)
    return out


def decode(labels: list[str], doc: DocView) -> list[QuoteSpan]:
    """Turn CRF labels into quotations with cue, source, addressee, frame and nested quotes."""
    labels = _split_quotes(_inverted_subjects(_fronted_reports(labels, doc), doc), doc)
    msgs = _merge_split_quotes(_messages(labels, doc), labels, doc)
    quotes: list[QuoteSpan] = []
    spans = set(doc.marks.spans)
    for code, toks in msgs:
        if code != "D" and _is_whole_quote(toks, spans, doc):
            code = "D"
        if code == "D":
            toks = _snap_direct(toks, doc)
        # drop a message that is only punctuation or quote marks
        if not any(doc.tokens[i][:1].isalnum() for i in toks):
            continue
        quotes.append(QuoteSpan(FORM_OF[code], toks))
    # cues go to the nearest message that may have one
    cue_anchor = [_edge_points(q.message) if FORMS[q.form] not in INHERITING | {"R"} else [] for q in quotes]
    for q, cue in zip(quotes, _attach(_runs(labels, {"C"}, doc), cue_anchor, doc, CUE_GAP), strict=True):
        q.cue = sorted(cue)
    # sources and addressees go to the nearest cue (or message, if it has none)
    anchors = []
    for q, a in zip(quotes, cue_anchor, strict=True):
        anchors.append(_edge_points(q.cue) + a if a else [])
    for q, src in zip(quotes, _attach(_runs(labels, {"S"}, doc), anchors, doc, SOURCE_GAP), strict=True):
        q.source = _trim(_subject_parts(src, doc), doc)
    for q, addr in zip(quotes, _attach(_runs(labels, {"A"}, doc), anchors, doc), strict=True):
        q.addr = sorted(addr)
    # a direct quote inside its sentence ("Burkart sprach von «Erpressung»") is introduced there,
    # not by a speech verb of the sentence before, which ended with a full stop
    for q in quotes:
        if q.form == "Direct" and q.cue and _cue_before_sentence(q, doc):
            q.cue, q.addr = [], []
            q.source = [i for i in q.source if doc.sent_of[i] == doc.sent_of[q.message[0]]]
    # a cue with no source labelled: the verb's subject, "..., sagte auch Kim" or "Kim sagte, ..."
    if SUBJECT_FALLBACK:
        for q in quotes:
            if q.cue and not q.source and q.form in ("Direct", "Indirect"):
                q.source = _subject_of_cue(q, doc)
    # a direct quote after "..., sagte er:" shares the cue and source of that sentence
    for q in quotes:
        if q.form != "Direct" or q.cue:
            continue
        s0 = doc.sent_of[q.message[0]]
        if s0 == 0 or q.message[0] > doc.offsets[s0] + 1 or doc.sentences[s0 - 1][-1:] != [":"]:
            continue
        prev = doc.sentence_range(s0 - 1)
        donor = next((p for p in quotes if p.cue and doc.sent_of[p.cue[0]] == s0 - 1), None)
        if donor is not None:
            q.cue, q.source, q.addr = list(donor.cue), list(donor.source), list(donor.addr)
        else:
            q.cue = [i for i in prev if labels[i] == "C"]
            q.source = q.source or [i for i in prev if labels[i] == "S"]
    for q in quotes:
        if q.form == "Direct" and not q.cue and not q.source:
            q.cue, q.source = _colon_cue(q, doc, labels)
    for q in quotes:
        if not q.cue and q.form != "Direct" and q.form != "Reported":
            _trailing_cue(q, doc)
    taken = {i for q in quotes for i in q.message}
    for q in quotes:
        if q.form in ("Direct", "Indirect") and not q.cue and not q.source:
            q.cue, q.source = _verb_cue(q, doc, taken)
    _continue_direct(quotes, doc)
    if ORPHANS:
        quotes.extend(_orphan_quotes(quotes, labels, doc))
        quotes.sort(key=lambda q: q.message[0])
    if not quotes:
        return []
    # reported speech: the source is inside the message; continuations inherit their source
    last: QuoteSpan | None = None
    for q in quotes:
        if q.form == "Reported":
            q.source = [i for i in q.message if labels[i] == "RS"]
        elif FORMS[q.form] in INHERITING and not q.source and (nearer := _speaker_before(q, doc, last)):
            q.source = nearer
        elif FORMS[q.form] in INHERITING and not q.source and last is not None:
            q.source = list(last.source)
            q.inherited_source = True
            q.donor_end = last.message[-1]
        if q.source or q.form == "Reported":
            last = q
    all_messages = {i for q in quotes for i in q.message}
    for q in quotes:
        if q.source:
            q.source = _extend_source(q.source, doc, all_messages)
    meta_stwr = _meta().get("stwr", {})
    lex = lexicon()
    for q in quotes:
        q.frame = _frame(q, doc, all_messages - set(q.message))
        cue_lemmas = [lex.forms.get(doc.tokens[i].lower(), doc.tokens[i].lower()) for i in q.cue]
        votes = Counter(meta_stwr[w] for w in cue_lemmas if w in meta_stwr)
        q.stwr = votes.most_common(1)[0][0] if votes else meta_stwr.get("<" + q.form + ">", "Speech")
    out: list[QuoteSpan] = []
    for q in quotes:
        out.append(q)
        if q.form != "Direct":
            nested = _nested(q, doc, labels)
            q.has_nested = bool(nested)
            out.extend(nested)
    return out


def _cue_before_sentence(q: QuoteSpan, doc: DocView) -> bool:
    """Is a quote's cue all in an earlier sentence that ended with a full stop, while the quote
    sits inside its own sentence (words of that sentence before it)?"""
    s0 = doc.sent_of[q.message[0]]
    if q.message[0] == doc.offsets[s0] or any(doc.sent_of[i] >= s0 for i in q.cue):
        return False
    last = doc.sentences[s0 - 1][-1:] if s0 > 0 else []
    return last in (["."], ["!"], ["?"]) and all(doc.sent_of[i] == s0 - 1 for i in q.cue)


def detect(sentences: list[list[str]], headings: list[bool] | None = None) -> list[QuoteSpan]:
    """Quotations in a document given as sentences of tokens: the core every entry point shares."""
    doc = DocView(sentences, headings)
    if not doc.tokens:
        return []
    return decode(tag(doc), doc)


# ---------------------------------------------------------------------------------------------
# GermEval output


def to_annotations(spans: list[QuoteSpan], doc: DocView) -> list[dict]:
    """QuoteSpans as GermEval 2023 task 2 annotations ("sentence:token" addresses)."""

    def addr(tokens: list[int]) -> list[str]:
        out = []
        for i in sorted(set(tokens)):
            s, t = doc.address(i)
            out.append(f"{s}:{t}")
        return out

    return [
        {
            "Addr": addr(q.addr),
            "Cue": addr(q.cue),
            "Form": q.form,
            "Frame": addr(q.frame),
            "HasNested": q.has_nested,
            "IsNested": q.nested,
            "Message": addr(q.message),
            "STWR": q.stwr,
            "Source": addr(q.source),
        }
        for q in spans
    ]


def annotate(sentences: list[list[str]]) -> list[dict]:
    """GermEval 2023 annotations predicted for a document given as sentences of tokens."""
    doc = DocView(sentences)
    if not doc.tokens:
        return []
    return to_annotations(decode(tag(doc), doc), doc)


def is_quote_mark(token: str) -> bool:
    return len(token) == 1 and token in QUOTE_CHARS


# ---------------------------------------------------------------------------------------------
# Articles


def _heading_flags(article: Article) -> list[bool]:
    flags = []
    headings = [(p.start, p.end) for p in article.paragraphs if p.kind == "heading"]
    for sent in article.sentences:
        flags.append(any(a <= sent.start < b for a, b in headings))
    return flags


def _strip_marks(tokens: list[Token], message: list[int]) -> list[list[int]]:
    """Contiguous parts of a message, without the quote marks at their edges."""
    parts = _contiguous(message)
    out = []
    for part in parts:
        while part and is_quote_mark(tokens[part[0]].text):
            part = part[1:]
        while part and is_quote_mark(tokens[part[-1]].text):
            part = part[:-1]
        if part:
            out.append(part)
    return out


def find_quotes(article: Article, entities: list[Entity] | None = None) -> list[Quote]:
    """The article's quotations, direct and indirect, with cue and speaker; sets ``article.quotes``.

    Uses ``article.sentences`` (split with SoMaJo first if empty) and ``entities`` (default
    ``article.entities``, found first if empty; the pipeline passes the entities component's result,
    so an article without entities is not searched twice). Offsets point into ``article.text``. A direct quote's text is the words inside
    the marks; a quote split by an inserted cue ("«…», sagte er, «…»") is one Quote whose text joins
    the parts with " … " and whose offsets span from the first part to the last. Reported speech
    without its content ("sie sprach von einem Erfolg") is not a quotation here, nor is a quote in
    a heading that no cue introduces (a teaser repeating a quote from the body).
    """
    from pressecho.language.de.quote_speakers import SpeakerResolver, ensure_entities
    from pressecho.language.de.sentences import split_article

    if not article.sentences:
        article.sentences = split_article(article)
    if entities is None:
        entities = ensure_entities(article)
    sentences = [[t.text for t in s.tokens] for s in article.sentences]
    doc = DocView(sentences, _heading_flags(article))
    if not doc.tokens:
        article.quotes = []
        return []
    spans = decode(tag(doc), doc)
    tokens = [t for s in article.sentences for t in s.tokens]
    resolver = SpeakerResolver(article, entities)
    text = article.text
    quotes: list[Quote] = []
    for q in spans:
        if q.form == "Reported":
            continue
        if doc.headings and doc.headings[doc.sent_of[q.message[0]]] and not q.cue:
            continue
        kind: QuoteKind = "direct" if q.form == "Direct" else "indirect"
        parts = _strip_marks(tokens, q.message) if kind == "direct" else [q.message]
        if not parts:
            continue
        words = [text[tokens[p[0]].start : tokens[p[-1]].end] for p in parts]
        quote = Quote(
            text=" … ".join(words),
            kind=kind,
            start=tokens[parts[0][0]].start,
            end=tokens[parts[-1][-1]].end,
        )
        if q.cue:
            quote.cue = " ".join(tokens[i].text for i in q.cue)
            quote.cue_start, quote.cue_end = tokens[q.cue[0]].start, tokens[q.cue[-1]].end
        s0 = doc.sent_of[q.message[0]]
        far = q.donor_end is None or s0 - doc.sent_of[q.donor_end] > 1
        unattributed = not q.source and not q.cue and q.form == "Indirect"
        if unattributed and not any(is_subjunctive(doc.tokens[i], lexicon()) for i in q.message):
            # no cue, no speaker and no subjunctive: a plain report ("Kim traf sich mit Putin"),
            # which no reader would take for anyone's words
            continue
        if unattributed or (FORMS[q.form] in INHERITING and (not q.source or (q.inherited_source and far))):
            # a continuation with no quotation just before it: the person the text is about
            person = resolver.salient_person(quote.start)
            if person is not None:
                quote.speaker, quote.speaker_entity = person.name, person.id
        elif q.source:
            src = _main_part(q.source)
            speaker = resolver.resolve(tokens[src[0]].start, tokens[src[-1]].end)
            quote.speaker, quote.speaker_entity = speaker.name, speaker.entity
            quote.speaker_mention, quote.speaker_start, quote.speaker_end = (
                speaker.mention,
                speaker.start,
                speaker.end,
            )
        quotes.append(quote)
    _labelled_quotes(article, entities, quotes)
    quotes.extend(_interview_answers(article, entities, quotes))
    quotes.sort(key=lambda q: q.start)
    article.quotes = quotes
    return quotes


def _labelled_quotes(article: Article, entities: list[Entity], found: list[Quote]) -> None:
    """A paragraph that is a label, a colon and a quotation ("Polizei Auenfeld: «Bitte meiden Sie den
    Bereich»", a ticker's or a social post's form) is the label's words, whoever the model found
    elsewhere: the speaker is the label (the entity it names, a person or an organisation)."""
    names: dict[str, Entity] = {}
    for e in entities:
        for form in {e.name, *(m.text for m in e.mentions)}:
            names.setdefault(form, e)
    text = article.text
    for p in article.paragraphs:
        if p.kind != "text" or not (match := _ANSWER.match(p.text)):
            continue
        start = p.start + match.end()
        if not (is_quote_mark(text[start]) and p.end - start > 2 and is_quote_mark(text[p.end - 1])):
            continue
        label = match.group(1)
        entity = _named_by_label(label, names)
        for q in found:
            inside = start <= q.start and q.end <= p.end
            if not inside or (q.speaker_start is not None and p.start <= q.speaker_start < p.end):
                continue
            q.speaker = entity.name if entity is not None else label
            q.speaker_entity = entity.id if entity is not None else None
            q.speaker_mention, q.speaker_start, q.speaker_end = label, p.start, p.start + len(label)


def _named_by_label(label: str, names: dict[str, Entity]) -> Entity | None:
    """The entity a paragraph's label ("Label: …") names: the person after a role noun
    ("Verkehrsministerin Anna Muster"), or a body with its place as a whole ("Polizei Auenfeld", not a
    person "Auenfeld")."""
    words = label.split()
    lex = lexicon()
    if lex.is_role_noun(words[0]) and not lex.is_person_role(words[0]):
        return names.get(label)
    return next((names[" ".join(words[k:])] for k in range(len(words)) if " ".join(words[k:]) in names), None)


_ANSWER = re.compile(r"([A-ZÄÖÜ][\w'’.-]+(?: [A-ZÄÖÜ][\w'’.-]+){0,2}): +(?=\S)")


# a turn that only asks: its sentences all end with a question mark
_QUESTION_ONLY = re.compile(r"^\s*(?:[^.!?…]+\?+\s*)+$")


def _interview_answers(article: Article, entities: list[Entity], found: list[Quote]) -> list[Quote]:
    """An interview's answers ("Maillard: Nein. Wir informieren nur ..."): a paragraph opened by a
    person's name (as the article names them, in full or by a part) and a colon is that person's
    words, a direct quotation with no cue. The model sees only sentences and misses them; the
    questions ("NZZ: ...", "Frage: ...") are not a person's and stay out."""
    names: dict[str, Entity] = {}
    for e in entities:
        if e.label != "PER":
            continue
        parts = e.name.split()
        for form in {e.name, parts[-1], *(m.text for m in e.mentions)}:
            names.setdefault(form, e)
    taken = [(q.start, q.end) for q in found]
    out = []
    for p in article.paragraphs:
        if p.kind != "text" or not (match := _ANSWER.match(p.text)):
            continue
        label = match.group(1)
        entity = _named_by_label(label, names)
        start, end = p.start + match.end(), p.end
        text = article.text
        inner = text[start + 1 : end - 1]
        if (
            end - start > 2
            and is_quote_mark(text[start])
            and is_quote_mark(text[end - 1])
            and text[start] not in inner
            and text[end - 1] not in inner
        ):
            start, end = (
                start + 1,
                end - 1,
            )  # "Bundesrätin Meierhans: «Wir bleiben dran»": the words, not the marks
        if entity is None or any(a < end and start < b for a, b in taken):
            continue
        out.append(
            Quote(
                text=article.text[start:end],
                kind="direct",
                start=start,
                end=end,
                speaker=entity.name,
                speaker_entity=entity.id,
                speaker_mention=label,
                speaker_start=p.start,
                speaker_end=p.start + len(label),
            )
        )
    # "Heidekurier: Was muss passieren?": a label that only ever asks is the interviewer's, whatever the
    # name tagger made of it (an answer may be a question too: "Warum nicht?")
    asks_only = {
        q.speaker_mention
        for q in out
        if all(_QUESTION_ONLY.match(o.text) for o in out if o.speaker_mention == q.speaker_mention)
    }
    return [q for q in out if q.speaker_mention not in asks_only]


def _main_part(source: list[int]) -> list[int]:
    """The longest contiguous stretch of a source (a source run split by a stray token)."""
    parts = _contiguous(source)
    return max(parts, key=len)
