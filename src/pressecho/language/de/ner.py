"""German named-entity tagger that pressecho trains itself and ships (no model downloads).

An ensemble of models trained by :mod:`pressecho.language.de.train_ner` on GermEval 2014's training
sentences and run here with numpy alone; their label scores are added (weights tuned on the
development file) and decoded together by one Viterbi pass:

- a linear-chain CRF (trained with python-crfsuite) over word-form features: the word, its shape,
  affixes, neighbours, distributional word clusters learned from unlabeled German text, word lists
  (common nouns, first names, surnames, places, countries, regions, cities) derived from packages
  reachable at build time, and a lexicon of the labels words carry in the training data;
- small convolutional taggers (``models/ner_conv*.npz``, trained with torch, exported to numpy)
  over PPMI+SVD word vectors, a character CNN and the same word lists: a first convolution over
  those inputs, then residual dilated depthwise-separable convolutions (after Strubell et al.'s
  iterated dilated CNNs, 2017). The character CNN helps most with names the training data never
  showed.

Why this shape: there is no pretrained German model we may download, the labelled data is small
(24,000 sentences), and the whole language layer must handle an article in a few milliseconds on
one core. Everything that depends on the word form alone is computed once per word form and kept
in a bounded table: the CRF's scores for the word and for its neighbours, and each network's first
convolution (its input vectors times every tap of the filter). Tagging an article is then a
handful of gathers and matrix products over all its tokens at once, not a Python loop per token
or a recurrent network's step per token (the BiLSTMs this replaced cost eight times as much).

The models predict GermEval's outer labels including ``-deriv`` (``deutsche`` -> LOCderiv) and
``-part`` (``EU-Kommission`` -> ORGpart). :func:`tag` maps those to ``O``: a derivation or a
compound containing a name is not a mention of the entity itself. :func:`tag_full` keeps them.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import os
import re
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

MODELS = Path(__file__).with_name("models")
RESOURCES = Path(__file__).with_name("resources")
MODEL_FILE = MODELS / "ner.npz"
CLUSTERS_FILE = RESOURCES / "clusters.tsv"
GAZETTEER_FILE = RESOURCES / "gazetteer.npz"
LEXICON_FILE = RESOURCES / "lexicon.tsv"
CONV_MODEL_GLOB = "ner_conv*.npz"

LABELS = ("PER", "LOC", "ORG", "OTH")
GAZ_TAGS = "NTVFEGCSRD"


def _word_key(word: str) -> int:
    """A word's 64-bit key in the compact word lists: CRC-32 and Adler-32 side by side (stable,
    unlike Python's salted ``hash``, and four times faster than a cryptographic digest)."""
    data = word.encode("utf-8", "surrogatepass")
    return zlib.crc32(data) | zlib.adler32(data) << 32


class Gazetteer:
    """Word form -> word-list tags (``GAZ_TAGS`` letters), held compactly.

    About 680,000 word forms: as a dict of strings that took a second to load and over 100 MB.
    Here each form is a 64-bit key (:func:`_word_key`) in a sorted array beside a bitmask of its tags
    (6.8 MB, loaded in milliseconds); a lookup is a binary search. A word that is not in the lists
    matches one that is only if both checksums agree, about once in a hundred million lookups
    (measured on the lists themselves: no two of their forms share a key), which a feature can
    live with.
    """

    def __init__(self, keys: np.ndarray | None = None, masks: np.ndarray | None = None) -> None:
        self.keys = keys if keys is not None else np.zeros(0, np.uint64)
        self.masks = masks if masks is not None else np.zeros(0, np.uint16)
        self._memo: dict[str, int] = {}
        self._tags = [
            tuple(sorted(t for k, t in enumerate(GAZ_TAGS) if m >> k & 1)) for m in range(1 << len(GAZ_TAGS))
        ]  # alphabetical, as the word lists were written

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["keys"], data["masks"])

    @classmethod
    def from_table(cls, table: dict[str, Iterable[str]]) -> Gazetteer:
        """Build from word -> tags (tags outside ``GAZ_TAGS`` are dropped)."""
        merged: dict[int, int] = {}
        for word, tags in table.items():
            mask = 0
            for tag in tags:
                k = GAZ_TAGS.find(tag)
                if k >= 0:
                    mask |= 1 << k
            if mask:
                key = _word_key(word)
                merged[key] = merged.get(key, 0) | mask
        keys = np.asarray(sorted(merged), dtype=np.uint64)
        masks = np.asarray([merged[int(k)] for k in keys], dtype=np.uint16)
        return cls(keys, masks)

    def save(self, path: Path) -> None:
        np.savez(path, keys=self.keys, masks=self.masks)  # uncompressed: hashes do not compress

    def __len__(self) -> int:
        return len(self.keys)

    def __bool__(self) -> bool:
        return len(self.keys) > 0

    def prefetch(self, words: Iterable[str]) -> None:
        """Look many words up at once (one binary search for all); :meth:`get` then finds them."""
        words = [w for w in dict.fromkeys(words) if w not in self._memo]
        if not words or not len(self.keys):
            return
        keys = np.asarray([_word_key(w) for w in words], dtype=np.uint64)
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        masks = np.where(self.keys[at] == keys, self.masks[at], 0).tolist()
        if len(self._memo) > 100_000:
            self._memo.clear()
        self._memo.update(zip(words, masks, strict=True))

    def mask(self, word: str) -> int:
        m = self._memo.get(word)
        if m is not None:
            return m
        if not len(self.keys):
            return 0
        key = _word_key(word)
        i = int(np.searchsorted(self.keys, np.uint64(key)))
        return int(self.masks[i]) if i < len(self.keys) and int(self.keys[i]) == key else 0

    def get(self, word: str, default: tuple[str, ...] | None = None) -> tuple[str, ...] | None:
        """The word's tags (as a dict's ``get`` would give them), or ``default``."""
        m = self.mask(word)
        return self._tags[m] if m else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.mask(word) != 0


class Resources:
    """Word clusters and word lists the features look up (empty when the files are absent).

    ``clusters``: word -> distributional cluster ids at several granularities; ``gazetteer``: word ->
    list tags (common noun, first name, toponym, ...); ``lexicon``: word -> the entity labels it
    carries in the training data (built on other folds while training, so it is not a give-away).
    """

    def __init__(
        self,
        clusters: Path | None = CLUSTERS_FILE,
        gazetteer: Path | None = GAZETTEER_FILE,
        lexicon: Path | None = LEXICON_FILE,
    ) -> None:
        self.clusters: dict[str, tuple[str, ...]] = _read_table(clusters, "\t")
        self.gazetteer: Gazetteer = (
            Gazetteer.load(gazetteer) if gazetteer is not None and gazetteer.exists() else Gazetteer()
        )
        self.lexicon: dict[str, tuple[str, ...]] = _read_table(lexicon, ",")


def _read_table(path: Path | None, sep: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    if path is not None and not path.exists() and path.with_name(path.name + ".gz").exists():
        path = path.with_name(path.name + ".gz")
    if path is None or not path.exists():
        return table
    interned: dict[str, tuple[str, ...]] = {}
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    for line in raw.decode("utf-8").splitlines():
        word, _, rest = line.partition("\t")
        if rest:
            table[word] = interned.setdefault(rest, tuple(rest.split(sep)))
    return table


_SHAPE_MAP = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüß"},
        **{c: "d" for c in "0123456789"},
    }
)
_REPEATS = re.compile(r"(.)\1+")
_LONG_REPEATS = re.compile(r"(.)\1{3,}")
_UNMAPPED = re.compile(r"[^\W_Xxd]")


_SHAPES: dict[str, str] = {}  # letter map applied -> shape (few distinct: most words are Xxxx or xxxx)
_LONG_SHAPES: dict[str, str] = {}


def word_shape(word: str) -> str:
    """``Wladimir`` -> ``Xx``, ``EU-Kommission`` -> ``X-Xx``, ``2019`` -> ``d``."""
    mapped = word.translate(_SHAPE_MAP)
    shape = _SHAPES.get(mapped)
    if shape is None:
        shape = mapped
        if _UNMAPPED.search(shape):  # letters or digits beyond the map (é, ł, ½, ...)
            shape = "".join(
                ("X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch)
                if ch not in "Xxd"
                else ch
                for ch in shape
            )
        shape = _REPEATS.sub(r"\1", shape)
        if len(_SHAPES) > 50_000:
            _SHAPES.clear()
        _SHAPES[mapped] = shape
    return shape


def _long_shape(word: str) -> str:
    mapped = word.translate(_SHAPE_MAP)
    shape = _LONG_SHAPES.get(mapped)
    if shape is None:
        shape = _LONG_REPEATS.sub(r"\1\1\1", mapped)[:8]
        if len(_LONG_SHAPES) > 50_000:
            _LONG_SHAPES.clear()
        _LONG_SHAPES[mapped] = shape
    return shape


def _normalise(word: str) -> str:
    return unicodedata.normalize("NFC", word)


class Featurizer:
    """Turns token sequences into CRFsuite feature lists; per-word-form parts are cached."""

    NEIGHBOURS = (-2, -1, 1, 2)

    def __init__(self, resources: Resources | None = None) -> None:
        self.res = resources if resources is not None else Resources()
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}
        # feature strings made once per cluster, word-list mask and lexicon entry (faster to look up)
        tags = [
            tuple(sorted(t for k, t in enumerate(GAZ_TAGS) if m >> k & 1)) for m in range(1 << len(GAZ_TAGS))
        ]
        self._gaz_feats = [tuple("g=" + t for t in ts) for ts in tags]
        self._gaz_tail = [tuple("gt=" + t for t in ts) for ts in tags]
        self._gaz_lower = ["gl=" + ("".join(ts) if ts else "none") for ts in tags]
        self._index_resources()

    def _index_resources(self) -> None:
        """Feature strings of the clusters and the lexicon (again if training swapped them)."""
        interned: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._cluster_feats = {
            w: interned.setdefault(cs, tuple(f"c{i}={c}" for i, c in enumerate(cs)))
            for w, cs in self.res.clusters.items()
        }
        self._lex_feats = {
            w: interned.setdefault(("lx",) + xs, tuple("lx=" + x for x in xs))
            for w, xs in self.res.lexicon.items()
        }
        self._clusters_seen = self.res.clusters
        self._lexicon_seen = self.res.lexicon

    def _word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self.word_features(word)
        with self._lock:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = result
        return result

    def word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """The features of a word form: its own, and what it tells the tokens at -2, -1, +1, +2."""
        own, ctx_base, suffix = self.word_feature_parts(word)
        near = [*ctx_base, suffix]
        ctx = {
            -2: ["-2" + f for f in ctx_base],
            -1: ["-1" + f for f in near],
            1: ["+1" + f for f in near],
            2: ["+2" + f for f in ctx_base],
        }
        return own, ctx

    def word_feature_parts(self, word: str) -> tuple[list[str], list[str], str]:
        """Own features; those it also gives the tokens at -2, -1, +1, +2 (prefixed there); and the
        suffix feature it gives only the tokens next to it."""
        lw = word.lower()
        shape = word_shape(word)
        own = ["b", "w=" + lw, "s=" + shape, "S=" + _long_shape(word)]
        for n in (1, 2, 3, 4):
            if len(lw) > n:
                own.append(f"p{n}={lw[:n]}")
                own.append(f"x{n}={lw[-n:]}")
        if len(lw) > 5:
            own.append("x5=" + lw[-5:])
        if word[:1].isupper():
            own.append("title")
        if word.isupper() and len(word) > 1:
            own.append("upper")
        if "-" in word and len(word) > 1:
            head, _, tail = word.rpartition("-")
            own.append("hy_tail=" + tail.lower())
            own.append("hy_head=" + head.lower())
        own.append("len=" + str(min(len(word), 12)))
        res = self.res
        if res.clusters is not self._clusters_seen or res.lexicon is not self._lexicon_seen:
            self._index_resources()  # the resources were swapped (training does, per fold)
        clusters = self._cluster_feats.get(word) or self._cluster_feats.get(lw)
        if clusters:
            own.extend(clusters)
        else:
            own.append("c=none")
        mask = res.gazetteer.mask
        gaz = self._gaz_feats[mask(word)]
        own.extend(gaz)
        if word != lw:
            own.append(self._gaz_lower[mask(lw)])
        if "-" in word:
            tail = word.rpartition("-")[2]
            own.extend(self._gaz_tail[mask(tail[:1].upper() + tail[1:])])
        lex = self._lex_feats.get(word)
        if lex:
            own.extend(lex)
        elif res.lexicon:
            own.append("lx=none")
        ctx_base = ["w=" + lw, "s=" + shape, *(clusters[:2] if clusters else ()), *gaz]
        if lex:
            ctx_base.extend(lex)
        return own, ctx_base, "x3=" + lw[-3:]

    @staticmethod
    def quoted(words: Sequence[str]) -> list[bool]:
        """Which tokens stand between quotation marks (titles of works and events often do)."""
        inside = False
        flags: list[bool] = []
        for w in words:
            if w in _QUOTES:
                inside = not inside
                flags.append(False)
            else:
                flags.append(inside)
        return flags

    def dynamic(self, words: Sequence[str], lows: Sequence[str], quoted: Sequence[bool], i: int) -> list[str]:
        """Features of a token that depend on its place in the sentence, not on its word form alone."""
        n = len(lows)
        feats: list[str] = []
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for d in self.NEIGHBOURS:
            if not 0 <= i + d < n:
                feats.append(f"{d:+d}pad")
        prev = lows[i - 1] if i > 0 else "<s>"
        nxt = lows[i + 1] if i + 1 < n else "</s>"
        feats.append("bg-=" + prev + "|" + lows[i])
        feats.append("bg+=" + lows[i] + "|" + nxt)
        if quoted[i]:
            feats.append("inq")
        if i > 0 and words[i][:1].isupper():
            feats.append("title_mid")
            if not (i > 1 and words[i - 1][:1].isupper()) and words[i - 1] not in ".:!?":
                feats.append("title_mid_first")
        return feats

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        words = [_normalise(t) for t in tokens]
        parts = [self._word_features(w) for w in words]
        lows = [w.lower() for w in words]
        quoted = self.quoted(words)
        n = len(words)
        out: list[list[str]] = []
        for i in range(n):
            feats = list(parts[i][0])
            for d in self.NEIGHBOURS:
                j = i + d
                if 0 <= j < n:
                    feats.extend(parts[j][1][d])
            feats.extend(self.dynamic(words, lows, quoted, i))
            out.append(feats)
        return out


_QUOTES = frozenset(['"', "„", "“", "”", "«", "»", "‚", "‘", "''", "``"])


_SENTENCE_PUNCT = frozenset(".:!?")
_CONTEXT = (0, -2, -1, 1, 2)  # the CRF's per-word-form slots: own, then what it tells each neighbour


class CrfModel:
    """A linear-chain CRF's weights, exported from CRFsuite, scored with numpy.

    Our own scoring and Viterbi instead of CRFsuite's tagger: CRFsuite looks every feature string
    up anew for every token (about 30 µs a token here). Here a word form's features are summed into
    five score vectors once (its own, and what it adds to the tokens two and one before and after
    it); the features that depend on the place in the sentence (sentence ends, bigrams, quotes,
    capitals mid-sentence) are looked up for all tokens at once with numpy. The sum is the score
    CRFsuite computes, exactly.
    """

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.labels: list[str] = bytes(data["labels"]).decode("utf-8").split("\n")
            attributes = bytes(data["attributes"]).decode("utf-8").split("\n")
            self.weights: np.ndarray = data["weights"].astype(np.float32)
            self.transitions: np.ndarray = data["transitions"].astype(np.float32)
        self.index: dict[str, int] = {a: i for i, a in enumerate(attributes)}
        n_labels = len(self.labels)
        # base feature -> its attribute in each slot of _CONTEXT ("w=x", "-2w=x", "-1w=x", ...)
        prefixes = {"-2": 1, "-1": 2, "+1": 3, "+2": 4}
        self.slot_of: dict[str, int] = {}
        slot_rows: list[list[int]] = []
        for attr, i in self.index.items():
            slot = prefixes.get(attr[:2], 0)
            base = attr[2:] if slot else attr
            row = self.slot_of.get(base)
            if row is None:
                row = self.slot_of[base] = len(slot_rows)
                slot_rows.append([-1] * len(_CONTEXT))
            slot_rows[row][slot] = i
        self.slot_attrs = np.asarray(slot_rows, dtype=np.int64).reshape(-1, len(_CONTEXT))
        self._weights0 = np.vstack([self.weights, np.zeros((1, n_labels), np.float32)])
        self._slot_attrs0 = np.vstack([self.slot_attrs, np.full((1, len(_CONTEXT)), -1, np.int64)])

        def row(attr: str) -> np.ndarray:
            i = self.index.get(attr)
            return self.weights[i] if i is not None else np.zeros(n_labels, np.float32)

        self.position_rows = {
            name: row(name)
            for name in (
                "BOS",
                "EOS",
                "-2pad",
                "-1pad",
                "+1pad",
                "+2pad",
                "inq",
                "title_mid",
                "title_mid_first",
            )
        }
        # bigram features "bg-=prev|word" (of word) and "bg+=word|next" (of word), by word-pair key
        self.bigram_words: dict[str, int] = {}
        found: dict[str, list[tuple[int, int]]] = {"bg-=": [], "bg+=": []}
        pair_ids: list[tuple[str, int, int, int]] = []
        for attr, i in self.index.items():
            head = attr[:4]
            if head in found and attr.count("|") == 1:  # a word with "|" in it: skipped, rare
                left, right = attr[4:].split("|")
                a = self.bigram_words.setdefault(left, len(self.bigram_words))
                b = self.bigram_words.setdefault(right, len(self.bigram_words))
                pair_ids.append((head, a, b, i))
        self.bigram_base = max(len(self.bigram_words), 1)
        for head, a, b, i in pair_ids:
            found[head].append((a * self.bigram_base + b, i))
        self.bigrams: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for head, items in found.items():
            items.sort()
            self.bigrams[head] = (
                np.asarray([k for k, _ in items], dtype=np.int64),
                np.asarray([i for _, i in items], dtype=np.int64),
            )
        self.bos_word = self.bigram_words.get("<s>", -1)
        self.eos_word = self.bigram_words.get("</s>", -1)

    @staticmethod
    def save(
        path: Path, labels: list[str], attributes: list[str], weights: np.ndarray, transitions: np.ndarray
    ) -> None:
        np.savez_compressed(
            path,
            labels=np.frombuffer("\n".join(labels).encode("utf-8"), dtype=np.uint8),
            attributes=np.frombuffer("\n".join(attributes).encode("utf-8"), dtype=np.uint8),
            weights=weights.astype(np.float16),
            transitions=transitions.astype(np.float32),
        )

    def type_rows(self, words: Sequence[str], featurizer: Featurizer) -> np.ndarray:
        """Score vectors of word forms, (len(words), 5, labels): slots in ``_CONTEXT``'s order."""
        get = self.slot_of.get
        missing = itertools.repeat(-1)
        gaz = featurizer.res.gazetteer
        gaz.prefetch(
            f
            for w in words
            for f in (w, w.lower(), w.rpartition("-")[2][:1].upper() + w.rpartition("-")[2][1:])
        )
        own_rows: list[int] = []
        ctx_rows: list[int] = []
        suffix_rows: list[int] = []
        own_counts: list[int] = []
        ctx_counts: list[int] = []
        for word in words:
            own, ctx_base, suffix = featurizer.word_feature_parts(word)
            own_rows.extend(map(get, own, missing))
            ctx_rows.extend(map(get, ctx_base, missing))
            suffix_rows.append(get(suffix, -1))
            own_counts.append(len(own))
            ctx_counts.append(len(ctx_base))
        # attribute of each feature in each slot; -1 (no such attribute) picks the zero row of _weights0
        slot_attrs = self._slot_attrs0
        weights = self._weights0
        out = np.empty((len(words), len(_CONTEXT), weights.shape[1]), np.float32)
        own_starts = np.concatenate(([0], np.cumsum(own_counts)[:-1]))
        out[:, 0] = np.add.reduceat(weights[slot_attrs[own_rows, 0]], own_starts, axis=0)
        ctx_starts = np.concatenate(([0], np.cumsum(ctx_counts)[:-1]))
        ctx_attrs = slot_attrs[ctx_rows]
        suffix_attrs = slot_attrs[suffix_rows]
        for slot in range(1, len(_CONTEXT)):
            out[:, slot] = np.add.reduceat(weights[ctx_attrs[:, slot]], ctx_starts, axis=0)
            if _CONTEXT[slot] in (-1, 1):
                out[:, slot] += weights[suffix_attrs[:, slot]]
        return out

    def type_flags(self, words: Sequence[str]) -> np.ndarray:
        """Per word form: its bigram-word id (or -1), capitalised, quote mark, sentence punctuation."""
        out = np.empty((len(words), 4), np.int64)
        bw = self.bigram_words
        for i, w in enumerate(words):
            out[i] = (bw.get(w.lower(), -1), w[:1].isupper(), w in _QUOTES, w in _SENTENCE_PUNCT)
        return out


def viterbi(emissions: np.ndarray, lengths: Sequence[int], transitions: np.ndarray) -> list[list[int]]:
    """Best label index sequence of each sentence (``emissions``: all tokens, sentence after sentence).

    All sentences are decoded together, longest first and time step by time step; at step ``t`` only
    the sentences longer than ``t`` take part, so the work follows the number of tokens, and the
    number of numpy calls the length of the longest sentence.
    """
    n = len(lengths)
    if n == 0:
        return []
    lengths_arr = np.asarray(lengths, dtype=np.int64)
    order = np.argsort(-lengths_arr, kind="stable")
    lens = lengths_arr[order]
    longest = int(lens[0])
    if longest == 0:
        return [[] for _ in range(n)]
    firsts = np.concatenate(([0], np.cumsum(lengths_arr)[:-1]))[order]
    active = np.searchsorted(-lens, -np.arange(longest), side="left")  # sentences longer than t
    step_start = np.concatenate(([0], np.cumsum(active)))
    total = int(step_start[-1])
    step_of = np.repeat(np.arange(longest), active)
    source = firsts[np.arange(total) - step_start[step_of]] + step_of  # time-major -> flat token
    emit = np.ascontiguousarray(emissions[source], dtype=np.float32)
    trans = np.ascontiguousarray(transitions, dtype=np.float32)
    trans_3d = trans[:, None, :]
    # Forward: best score of each label at each step. The maximum runs over the first axis of a
    # (from, sentence, to) array, which numpy vectorises well (a maximum over a short last axis is
    # several times slower); back pointers are not kept but recomputed for the chosen labels only.
    delta = emit  # delta[step_start[t] : step_start[t] + active[t]] is step t, written in place
    for t in range(1, longest):
        a = int(active[t])
        lo, prev = int(step_start[t]), int(step_start[t - 1])
        cand = delta[prev : prev + a].T[:, :, None] + trans_3d
        delta[lo : lo + a] += cand.max(axis=0)
    labels = np.empty(total, np.int64)
    cur = delta[step_start[lens[lens > 0] - 1] + np.flatnonzero(lens > 0)].argmax(axis=1)  # last steps
    trans_t = np.ascontiguousarray(trans.T)
    for t in range(longest - 1, 0, -1):
        a = int(active[t])
        lo, prev = int(step_start[t]), int(step_start[t - 1])
        labels[lo : lo + a] = cur[:a]
        cur[:a] = (delta[prev : prev + a] + trans_t[cur[:a]]).argmax(axis=1)
    labels[: int(active[0])] = cur[: int(active[0])]
    flat = np.empty(total, np.int64)
    flat[source] = labels
    flat_list = flat.tolist()
    bounds = np.concatenate(([0], np.cumsum(lengths_arr))).tolist()
    return [flat_list[bounds[i] : bounds[i + 1]] for i in range(n)]


# --- inputs of the convolutional taggers ----------------------------------------------------------

LEX_LABELS = tuple(f"{k}{s}" for k in ("PER", "LOC", "ORG", "OTH") for s in ("", "deriv", "part")) + ("O",)
LEX_TAGS = tuple(x + m for x in LEX_LABELS for m in ("", "~"))
MAX_CHARS = 24
N_DENSE = 8 + len(GAZ_TAGS) * 2 + 2 + len(LEX_TAGS)


def case_class(word: str) -> int:
    if word.isalpha():
        if word.islower():
            return 0
        if word.isupper():
            return 2 if len(word) > 1 else 1
        return 1 if word[0].isupper() and word[1:].islower() else 3
    if word.isdigit():
        return 4
    if any(ch.isdigit() for ch in word):
        return 5
    if not any(ch.isalnum() for ch in word):
        return 6
    return 7 if word[:1].isupper() else 3


def dense_features(word: str, res: Resources) -> np.ndarray:
    """Case class, word-list tags (of the word, and of a compound's last part), lexicon labels."""
    v = np.zeros(N_DENSE, dtype=np.float32)
    v[case_class(word)] = 1.0
    base = 8
    for tag in res.gazetteer.get(word, ()):
        k = GAZ_TAGS.find(tag)
        if k >= 0:
            v[base + k] = 1.0
    base += len(GAZ_TAGS)
    if "-" in word.strip("-"):
        tail = word.rpartition("-")[2]
        for tag in res.gazetteer.get(tail[:1].upper() + tail[1:], ()):
            k = GAZ_TAGS.find(tag)
            if k >= 0:
                v[base + k] = 1.0
        v[base + len(GAZ_TAGS)] = 1.0
    base += len(GAZ_TAGS) + 1
    lw = word.lower()
    if lw != word and "D" in res.gazetteer.get(lw, ()):
        v[base] = 1.0
    base += 1
    for tag in res.lexicon.get(word, ()):
        if tag in _LEX_INDEX:
            v[base + _LEX_INDEX[tag]] = 1.0
    return v


_LEX_INDEX = {t: i for i, t in enumerate(LEX_TAGS)}
_GAZ_BITS = np.asarray([1 << k for k in range(len(GAZ_TAGS))], dtype=np.int64)
_D_BIT = 1 << GAZ_TAGS.index("D")


def dense_features_many(words: Sequence[str], res: Resources) -> np.ndarray:
    """:func:`dense_features` of many words at once (the same values; word lists looked up together)."""
    gaz = res.gazetteer
    tails = [
        (w.rpartition("-")[2][:1].upper() + w.rpartition("-")[2][1:]) if "-" in w.strip("-") else None
        for w in words
    ]
    lows = [w.lower() for w in words]
    gaz.prefetch([*words, *(t for t in tails if t is not None), *lows])
    mask = gaz.mask
    word_masks = np.asarray([mask(w) for w in words], dtype=np.int64)
    tail_masks = np.asarray([mask(t) if t is not None else 0 for t in tails], dtype=np.int64)
    out = np.zeros((len(words), N_DENSE), dtype=np.float32)
    rows = np.arange(len(words))
    out[rows, [case_class(w) for w in words]] = 1.0
    base = 8
    out[:, base : base + len(GAZ_TAGS)] = (word_masks[:, None] & _GAZ_BITS) > 0
    base += len(GAZ_TAGS)
    out[:, base : base + len(GAZ_TAGS)] = (tail_masks[:, None] & _GAZ_BITS) > 0
    out[:, base + len(GAZ_TAGS)] = [t is not None for t in tails]
    base += len(GAZ_TAGS) + 1
    out[:, base] = [lw != w and bool(mask(lw) & _D_BIT) for w, lw in zip(words, lows, strict=True)]
    base += 1
    lexicon = res.lexicon
    if lexicon:
        for i, w in enumerate(words):
            for tag in lexicon.get(w, ()):
                k = _LEX_INDEX.get(tag)
                if k is not None:
                    out[i, base + k] = 1.0
    return out


def char_ids(word: str, index: dict[str, int]) -> list[int]:
    """The word's characters (with ``^``/``$`` ends) as ids, the first and last 12 if it is longer."""
    chars = "^" + word + "$"
    if len(chars) > MAX_CHARS:
        chars = chars[: MAX_CHARS // 2] + chars[-MAX_CHARS // 2 :]
    ids = [index.get(ch, 1) for ch in chars]
    return ids + [0] * (MAX_CHARS - len(ids))


class ConvModel:
    """An exported convolutional tagger (see :func:`train_ner.train_conv`), run with numpy.

    :meth:`type_taps` turns word forms into their first-layer contributions (input vector times each
    tap of the first convolution), which the tagger keeps per word form; :meth:`hidden` runs the
    rest over an article's tokens laid out sentence after sentence with zero gaps between them.
    """

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        text = lambda k: bytes(arrays.pop(k)).decode("utf-8")  # noqa: E731
        arrays.pop("kind", None)
        self.probe: tuple[list[str], list[int], np.ndarray] | None = None
        if "probe_words" in arrays:  # a few sentences and the scores torch gave them (for tests)
            self.probe = (
                text("probe_words").split("\n"),
                [int(n) for n in arrays.pop("probe_lengths")],
                arrays.pop("probe_scores"),
            )
        self.path = path
        self.labels = text("labels").split("\n")
        self.char_index = {ch: i + 2 for i, ch in enumerate(text("chars"))}
        known = sorted((ord(ch), i) for ch, i in self.char_index.items() if ch != "\0")
        self._points = np.asarray([p for p, _ in known], dtype=np.int64)
        self._point_ids = np.asarray([i for _, i in known], dtype=np.int64)
        self.word_index = {w: i + 1 for i, w in enumerate(text("words").split("\n"))}
        self.weight = float(arrays.pop("weight", 1.0))
        self.dilations = [int(d) for d in arrays.pop("dilations")]
        w = {k: v.astype(np.float32) for k, v in arrays.items()}
        if "word_table" in w:  # row 0: the vector of unknown words
            self.word_vecs = w["word_table"]
        else:
            self.word_vecs = np.vstack([np.zeros((1, w["word_vecs"].shape[1]), np.float32), w["word_vecs"]])
        # row 0 of the character table is padding: zeros, so its projections are zeros too
        self.char_proj = [w["char_emb"] @ w["char_conv_w"][:, :, j].T for j in range(3)]
        self.char_b = w["char_conv_b"]
        first = w["first_w"]  # (H, D, K)
        self.width = first.shape[2]
        self.first_flat = np.ascontiguousarray(
            first.transpose(1, 2, 0).reshape(first.shape[1], -1)
        )  # (D, K*H)
        self.first_b = w["first_b"]
        # Taps are kept per word form as int16 (half the memory of float32, and gathered as fast):
        # one scale per output unit, from a bound on |input| x |weight| over every input the model
        # can see (word vectors as trained, a tanh in [-1, 1], 0/1 features).
        n_word = self.word_vecs.shape[1]
        x_max = np.ones(first.shape[1], np.float32)
        x_max[:n_word] = np.abs(self.word_vecs).max(axis=0)
        bound = np.einsum("d,hdk->kh", x_max, np.abs(first)).max(axis=0)  # (H,)
        self.tap_scale = (np.maximum(bound, 1e-6) / 32000.0).astype(np.float32)
        self.hidden_size = first.shape[0]
        self.blocks = [
            (w[f"dw_w{k}"], w[f"dw_b{k}"], np.ascontiguousarray(w[f"pw_w{k}"].T), w[f"pw_b{k}"], d)
            for k, d in enumerate(self.dilations)
        ]
        self.out_w = np.ascontiguousarray(w["out_w"].T)  # (H, labels)
        self.out_b = w["out_b"]
        self.transitions = w["trans"]

    def char_ids_many(self, words: Sequence[str]) -> np.ndarray:
        """:func:`char_ids` of many words at once: code points mapped through one sorted table."""
        half = MAX_CHARS // 2
        framed = [("^" + w + "$") for w in words]
        framed = [c if len(c) <= MAX_CHARS else c[:half] + c[-half:] for c in framed]
        text = "".join(c.ljust(MAX_CHARS, "\0") for c in framed)
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        at = np.minimum(np.searchsorted(self._points, points), len(self._points) - 1)
        ids = np.where(self._points[at] == points, self._point_ids[at], 1).reshape(len(words), MAX_CHARS)
        lengths = np.asarray([len(c) for c in framed])
        ids[np.arange(MAX_CHARS)[None, :] >= lengths[:, None]] = 0
        return ids

    @property
    def reach(self) -> int:
        """How far a token's context reaches in one direction at any layer (the gap sentences need)."""
        return max([self.width // 2, *self.dilations])

    def type_taps(self, words: Sequence[str], dense: np.ndarray) -> np.ndarray:
        """(K, len(words), H): each word form's input vector times each tap of the first convolution,
        in units of :attr:`tap_scale`."""
        ids = np.zeros((len(words), MAX_CHARS + 2), np.int64)  # a padding position at either end
        ids[:, 1:-1] = self.char_ids_many(words)
        # the convolution as sums of per-character projections (a character's embedding times a tap)
        conv = self.char_proj[0][ids[:, :-2]]
        conv += self.char_proj[1][ids[:, 1:-1]]
        conv += self.char_proj[2][ids[:, 2:]]
        char_vec = np.tanh(conv.max(axis=1) + self.char_b)  # tanh is monotonic: max first
        word_vec = self.word_vecs[[self.word_index.get(w.lower(), 0) for w in words]]
        x = np.concatenate([word_vec, char_vec, dense], axis=1)
        taps = (x @ self.first_flat).reshape(len(words), self.width, self.hidden_size).transpose(1, 0, 2)
        return np.rint(taps / self.tap_scale).astype(np.int16)

    def hidden(self, taps: np.ndarray, ty_pad: np.ndarray, tok_pos: np.ndarray) -> np.ndarray:
        """Last hidden layer at the tokens: ``taps`` (K, types, H) as kept by the tagger, ``ty_pad``
        the type row of every position (0: a gap), ``tok_pos`` the positions of the tokens."""
        pad = self.width // 2
        acc = taps[0][ty_pad[tok_pos - pad]].astype(np.int32)
        for k in range(1, self.width):
            acc += taps[k][ty_pad[tok_pos + (k - pad)]]
        h = acc.astype(np.float32)
        h *= self.tap_scale
        h += self.first_b
        np.maximum(h, 0.0, out=h)
        laid_out = np.zeros((len(ty_pad), self.hidden_size), np.float32)  # zeros in the gaps
        for dw_w, dw_b, pw_w, pw_b, d in self.blocks:
            laid_out[tok_pos] = h
            y = laid_out[tok_pos - d]
            y *= dw_w[:, 0]
            after = laid_out[tok_pos + d]
            after *= dw_w[:, 2]
            y += after
            np.multiply(h, dw_w[:, 1], out=after)
            y += after
            y += dw_b
            z = y @ pw_w
            z += pw_b
            h += np.maximum(z, 0.0, out=z)
        return h


_blas_controller = None


def _one_blas_thread() -> contextlib.AbstractContextManager:
    """BLAS on one thread while we tag: our matrices are small, and a multi-threaded BLAS spends
    ten times the work on waking and syncing its threads (on a busy machine far more)."""
    global _blas_controller
    try:
        if _blas_controller is None:
            from threadpoolctl import ThreadpoolController

            _blas_controller = ThreadpoolController()
        return _blas_controller.limit(limits=1, user_api="blas")
    except Exception:  # threadpoolctl missing or unable to see the BLAS: tag all the same
        return contextlib.nullcontext()


class Tagger:
    """The CRF and the convolutional taggers, with the per-word-form table they share.

    :func:`tag` uses one shared instance. The table keeps, per word form, the CRF's five score
    vectors, its bigram id and flags, and each network's first-layer taps; it holds at most
    ``max_types`` word forms and, when full, keeps the half most recently used.
    """

    def __init__(
        self,
        model: Path = MODEL_FILE,
        resources: Resources | None = None,
        neural: Sequence[Path] | Path | None = None,
        neural_weights: Sequence[float] | None = None,
        max_types: int = 30_000,
        crf_weight: float = 1.0,
    ) -> None:
        """``neural``: the convolutional taggers to add (default: the shipped ``models/ner_conv*.npz``;
        ``[]`` for the CRF alone); ``neural_weights``: their weights (default: the ones stored in them)."""
        if not model.exists():
            raise FileNotFoundError(
                f"NER model {model} is missing; train it with pressecho.language.de.train_ner"
            )
        self.model = model
        self.featurizer = Featurizer(resources)
        if neural is None:
            neural = sorted(MODELS.glob(CONV_MODEL_GLOB)) if model.parent == MODELS else []
        elif isinstance(neural, Path):
            neural = [neural]
        if model.suffix == ".crfsuite":
            neural = []
        self._crf_path = model if model.suffix == ".crfsuite" else None
        self._local = threading.local()
        self.crf = None if self._crf_path else CrfModel(model)
        self.neural = [ConvModel(p) for p in neural if p.exists()]
        self.max_types = max_types
        self.crf_weight = crf_weight
        self._lock = threading.Lock()
        self.set_weights(neural_weights if neural_weights is not None else [n.weight for n in self.neural])

    def set_weights(self, weights: Sequence[float]) -> None:
        """The weight of each network's scores against the CRF's; networks at 0 are not run."""
        self.neural_weights = [float(x) for x in weights]
        if self.crf is None:
            return
        labels = self.crf.labels
        self._active: list[tuple[ConvModel, np.ndarray, np.ndarray]] = []
        self._transitions = self.crf_weight * self.crf.transitions
        for net, weight in zip(self.neural, self.neural_weights, strict=True):
            if weight <= 0:
                continue
            index = {lab: i for i, lab in enumerate(net.labels)}
            cols = np.asarray([index.get(lab, -1) for lab in labels])
            known = cols >= 0
            out_w = np.zeros((net.hidden_size, len(labels)), np.float32)
            out_w[:, known] = weight * net.out_w[:, cols[known]]
            out_b = np.zeros(len(labels), np.float32)
            out_b[known] = weight * net.out_b[cols[known]]
            self._transitions[np.ix_(known, known)] += (
                weight * net.transitions[np.ix_(cols[known], cols[known])]
            )
            self._active.append((net, out_w, out_b))
        self._gap = max([2, *(net.reach for net, _, _ in self._active)])
        self._reset_table()

    # --- the per-word-form table ---------------------------------------------------------------
    def _reset_table(self, capacity: int | None = None) -> None:
        """An empty table for ``max_types`` forms (zeros from calloc: memory is taken as rows fill)."""
        assert self.crf is not None
        capacity = capacity or self.max_types + 1
        self._rows: dict[str, int] = {}
        self._words: list[str] = [""]  # row 0: the gaps between sentences, all zeros
        self._clock = 0
        n_labels = len(self.crf.labels)
        self._crf_rows = np.zeros((len(_CONTEXT), capacity, n_labels), np.float32)
        self._flags = np.zeros((capacity, 4), np.int64)
        self._flags[0, 0] = -1
        self._taps = [
            np.zeros((net.width, capacity, net.hidden_size), np.int16) for net, _, _ in self._active
        ]
        self._used = np.zeros(capacity, np.int64)

    def _resize(self, capacity: int, keep: np.ndarray | None = None) -> None:
        """Grow the arrays to ``capacity`` rows, or keep only the rows ``keep`` (in that order)."""
        n = len(self._words)
        rows = keep if keep is not None else np.arange(n)

        def moved(a: np.ndarray, axis: int) -> np.ndarray:
            shape = list(a.shape)
            shape[axis] = capacity
            b = np.zeros(shape, a.dtype)
            if axis == 0:
                b[: len(rows)] = a[rows]
            else:
                b[:, : len(rows)] = a[:, rows]
            return b

        self._crf_rows = moved(self._crf_rows, 1)
        self._flags = moved(self._flags, 0)
        self._taps = [moved(t, 1) for t in self._taps]
        self._used = moved(self._used, 0)
        if keep is not None:
            self._words = [self._words[int(r)] for r in keep]
            self._rows = {w: i for i, w in enumerate(self._words) if i}

    def _add_types(self, words: list[str]) -> None:
        assert self.crf is not None
        n = len(self._words)
        if n + len(words) > self.max_types and n > 1:
            # keep the half most recently used, and all the current text uses (row 0, the gap, always)
            recent = np.argsort(-self._used[1:n], kind="stable")[: self.max_types // 2] + 1
            current = np.flatnonzero(self._used[:n] == self._clock)
            keep = np.union1d(np.union1d(recent, current), [0])
            self._resize(self._crf_rows.shape[1], keep)
            n = len(self._words)
        need = n + len(words)
        if need > self._crf_rows.shape[1]:
            self._resize(max(need, min(2 * self._crf_rows.shape[1], max(self.max_types, need))))
        normal = [_normalise(w) for w in words]
        self._crf_rows[:, n:need] = self.crf.type_rows(normal, self.featurizer).transpose(1, 0, 2)
        self._flags[n:need] = self.crf.type_flags(normal)
        if self._active:
            res = self.featurizer.res
            dense = dense_features_many(normal, res)
            for taps, (net, _, _) in zip(self._taps, self._active, strict=True):
                taps[:, n:need] = net.type_taps(normal, dense)
        for i, w in enumerate(words):
            self._rows[w] = n + i
        self._words.extend(words)
        self._used[n:need] = self._clock

    def _type_ids(self, words: list[str]) -> np.ndarray:
        get = self._rows.get
        ids = [get(w) for w in words]
        self._clock += 1
        self._used[[i for i in ids if i is not None]] = self._clock
        if None in ids:  # (rows stamped with the current clock survive compacting)
            self._add_types(list(dict.fromkeys(w for w, i in zip(words, ids, strict=True) if i is None)))
            get = self._rows.get  # compacting makes a new dict and moves rows
            ids = [get(w) for w in words]
        return np.asarray(ids, dtype=np.int64)

    # --- scoring and decoding ------------------------------------------------------------------
    def scores(self, sentences: list[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Emissions of every token (sentence after sentence) and transitions, in the CRF's label order."""
        assert self.crf is not None
        crf = self.crf
        lengths = np.asarray([len(s) for s in sentences], dtype=np.int64)
        n_tok = int(lengths.sum())
        if not n_tok:
            return np.zeros((0, len(crf.labels)), np.float32), self._transitions
        ty = self._type_ids([t for s in sentences for t in s])
        sent_of = np.repeat(np.arange(len(sentences)), lengths)
        first = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        i_in = np.arange(n_tok) - first[sent_of]
        n_of = lengths[sent_of]
        gap = self._gap
        tok_pos = np.arange(n_tok) + gap * (sent_of + 1)
        ty_pad = np.zeros(n_tok + gap * (len(sentences) + 1), np.int64)
        ty_pad[tok_pos] = ty

        rows = self._crf_rows
        em = rows[0][ty]  # a copy
        for slot, d in enumerate(_CONTEXT[1:], start=1):
            em += rows[slot][ty_pad[tok_pos + d]]
        # features of the place in the sentence
        flags = self._flags[ty]
        prev_flags = self._flags[ty_pad[tok_pos - 1]]
        quote = flags[:, 2]
        seen = np.cumsum(quote) - quote
        inside = (quote == 0) & ((seen - seen[first][sent_of]) % 2 == 1)
        title_mid = (i_in > 0) & (flags[:, 1] == 1)
        title_first = title_mid & ~((i_in > 1) & (prev_flags[:, 1] == 1)) & (prev_flags[:, 3] == 0)
        at = np.stack(
            [i_in == 0, i_in == n_of - 1, i_in < 2, i_in < 1, i_in + 1 >= n_of, i_in + 2 >= n_of]
            + [inside, title_mid, title_first],
            axis=1,
        ).astype(np.float32)
        em += at @ np.stack(list(crf.position_rows.values()))
        word = flags[:, 0]
        prev = np.where(i_in == 0, crf.bos_word, prev_flags[:, 0])
        nxt = np.where(i_in == n_of - 1, crf.eos_word, self._flags[ty_pad[tok_pos + 1], 0])
        for head, left, right in (("bg-=", prev, word), ("bg+=", word, nxt)):
            keys, attr_rows = crf.bigrams[head]
            if not len(keys):
                continue
            key = np.where((left >= 0) & (right >= 0), left * crf.bigram_base + right, -1)
            at_key = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            hit = np.flatnonzero(keys[at_key] == key)
            if len(hit):
                em[hit] += crf.weights[attr_rows[at_key[hit]]]
        if self.crf_weight != 1.0:
            em *= self.crf_weight

        for taps, (net, out_w, out_b) in zip(self._taps, self._active, strict=True):
            em += net.hidden(taps, ty_pad, tok_pos) @ out_w + out_b
        return em, self._transitions

    def _crfsuite(self) -> pycrfsuite.Tagger:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            crf = pycrfsuite.Tagger()
            crf.open(str(self._crf_path))
            self._local.crf = crf
        return crf

    def tag_full(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """BIO tags with GermEval's outer labels (-deriv/-part included) for each sentence."""
        sentences = [list(s) for s in sentences]
        if self.crf is None:
            crf = self._crfsuite()
            return [list(crf.tag(self.featurizer.sentence(toks))) if toks else [] for toks in sentences]
        result: list[list[str]] = []
        chunk = 400  # sentences decoded together: an article at once, a corpus in bounded memory
        labels = self.crf.labels
        with _one_blas_thread(), self._lock:
            for k in range(0, len(sentences), chunk):
                part = sentences[k : k + chunk]
                em, trans = self.scores(part)
                paths = viterbi(em, [len(s) for s in part], trans)
                result.extend([labels[j] for j in p] for p in paths)
        return result


_default: Tagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> Tagger:
    """The shipped models, loaded once (or the tagger :func:`set_default_tagger` installed).

    ``PRESSECHO_NER=fast`` in the environment uses the CRF alone: faster, a few points of F1 lower
    (see ``bench/ner.py``).
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                fast = os.environ.get("PRESSECHO_NER", "").strip().lower() == "fast"
                _default = Tagger(neural=[] if fast else None)
    return _default


def set_default_tagger(tagger: Tagger | None) -> None:
    """Use another model everywhere (a benchmark's ``--model``); None goes back to the shipped one."""
    global _default
    _default = tagger


def outer_only(tags: Sequence[str]) -> list[str]:
    """Map -deriv/-part labels to O and repair BIO so every span starts with B-."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t == "O" or t.endswith(("deriv", "part")) or t[2:] not in LABELS:
            out.append("O")
            prev = "O"
            continue
        kind = t[2:]
        if t.startswith("I-") and prev[2:] != kind:
            t = "B-" + kind
        out.append(t)
        prev = t
    return out


def tag_full(sentences: Iterable[Sequence[str]]) -> list[list[str]]:
    """BIO tags with GermEval's outer labels, -deriv and -part included."""
    return default_tagger().tag_full(sentences)


def tag(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags (B-PER, I-LOC, ..., O) for each token of each sentence.

    Sentences are lists of token strings (SoMaJo's tokens, or any tokenisation close to it).
    """
    return [outer_only(tags) for tags in tag_full(sentences)]


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of BIO tags, end exclusive, read as conlleval reads them.

    An ``I-X`` after anything but ``B-X``/``I-X`` starts a new span (conlleval's rule).
    """
    found: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, t in enumerate([*tags, "O"]):
        kind = t[2:] if t != "O" else ""
        begins = t.startswith("B-") or (t.startswith("I-") and kind != label)
        if start >= 0 and (t == "O" or begins):
            found.append((start, i, label))
            start, label = -1, ""
        if begins:
            start, label = i, kind
    return found
