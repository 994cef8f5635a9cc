"""German named-entity tagger: a CRF (python-crfsuite) that pressecho trains itself and ships.

Why a CRF and not a neural tagger: there is no pretrained German model we may download, the
labelled data is small (GermEval 2014, 24,000 sentences) and the whole language layer must tag an
article in a few milliseconds on one core. CRFsuite's inference is C, the model is a few MB, and the
semi-supervised part of the knowledge comes in as features: distributional word clusters and
word lists that :mod:`pressecho.language.de.train_ner` derives from German text and packages
reachable at build time (shipped in ``resources/``).

The model predicts GermEval's outer labels including ``-deriv`` (``deutsche`` -> LOCderiv) and
``-part`` (``EU-Kommission`` -> ORGpart). :func:`tag` maps those to ``O``: a derivation or a
compound containing a name is not a mention of the entity itself. :func:`tag_full` keeps them.

Features are computed once per word form (cached) and combined per token, which keeps feature
extraction at about a microsecond or two per token.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from scipy import sparse

MODELS = Path(__file__).with_name("models")
RESOURCES = Path(__file__).with_name("resources")
MODEL_FILE = MODELS / "ner.npz"
CLUSTERS_FILE = RESOURCES / "clusters.tsv"
GAZETTEER_FILE = RESOURCES / "gazetteer.tsv"
LEXICON_FILE = RESOURCES / "lexicon.tsv"

LABELS = ("PER", "LOC", "ORG", "OTH")


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
        self.gazetteer: dict[str, tuple[str, ...]] = _read_table(gazetteer, ",")
        self.lexicon: dict[str, tuple[str, ...]] = _read_table(lexicon, ",")


def _read_table(path: Path | None, sep: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    if path is None or not path.exists():
        return table
    interned: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
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


def word_shape(word: str) -> str:
    """``Wladimir`` -> ``Xx``, ``EU-Kommission`` -> ``X-Xx``, ``2019`` -> ``d``."""
    shape = word.translate(_SHAPE_MAP)
    shape = "".join(
        ("X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch)
        if ch not in "Xxd"
        else ch
        for ch in shape
    )
    return _REPEATS.sub(r"\1", shape)


def _long_shape(word: str) -> str:
    shape = word.translate(_SHAPE_MAP)
    return _REPEATS.sub(lambda m: m.group(1) * min(len(m.group(0)), 3), shape)[:8]


def _normalise(word: str) -> str:
    return unicodedata.normalize("NFC", word)


class Featurizer:
    """Turns token sequences into CRFsuite feature lists; per-word-form parts are cached."""

    NEIGHBOURS = (-2, -1, 1, 2)

    def __init__(self, resources: Resources | None = None) -> None:
        self.res = resources if resources is not None else Resources()
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}

    def _word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
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
        clusters = self.res.clusters.get(word) or self.res.clusters.get(lw)
        ctx_cl: list[str] = []
        if clusters:
            for i, c in enumerate(clusters):
                own.append(f"c{i}={c}")
            ctx_cl = [f"c{i}={c}" for i, c in enumerate(clusters[:2])]
        else:
            own.append("c=none")
        gaz = self.res.gazetteer.get(word)
        if gaz:
            own.extend("g=" + g for g in gaz)
        if word != lw:
            lower_gaz = self.res.gazetteer.get(lw)
            own.append("gl=" + ("".join(lower_gaz) if lower_gaz else "none"))
        if "-" in word:
            tail = word.rpartition("-")[2]
            tail_gaz = self.res.gazetteer.get(tail[:1].upper() + tail[1:])
            if tail_gaz:
                own.extend("gt=" + g for g in tail_gaz)
        lex = self.res.lexicon.get(word)
        if lex:
            own.extend("lx=" + x for x in lex)
        elif self.res.lexicon:
            own.append("lx=none")
        ctx_base = ["w=" + lw, "s=" + shape, *ctx_cl, *("g=" + g for g in gaz or ())]
        if lex:
            ctx_base.extend("lx=" + x for x in lex)
        near = [*ctx_base, "x3=" + lw[-3:]]
        ctx = {
            -2: ["-2" + f for f in ctx_base],
            -1: ["-1" + f for f in near],
            1: ["+1" + f for f in near],
            2: ["+2" + f for f in ctx_base],
        }
        result = (own, ctx)
        with self._lock:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = result
        return result

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

    def dynamic(self, lows: Sequence[str], quoted: Sequence[bool], i: int) -> list[str]:
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
            feats.extend(self.dynamic(lows, quoted, i))
            out.append(feats)
        return out


_QUOTES = frozenset(['"', "„", "“", "”", "«", "»", "‚", "‘", "''", "``"])


class CrfModel:
    """A linear-chain CRF's weights, exported from CRFsuite, decoded with numpy.

    Our own Viterbi instead of CRFsuite's tagger: CRFsuite looks every feature string up anew for
    every token (about 30 µs a token here), while we map a word form's features to weight rows once
    and decode all sentences of an article in one batched pass (a few µs a token).
    """

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.labels: list[str] = bytes(data["labels"]).decode("utf-8").split("\n")
            attributes = bytes(data["attributes"]).decode("utf-8").split("\n")
            self.weights: np.ndarray = data["weights"].astype(np.float32)
            self.transitions: np.ndarray = data["transitions"].astype(np.float32)
        self.index: dict[str, int] = {a: i for i, a in enumerate(attributes)}

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

    def decode(self, flat: list[int], bounds: list[int], lengths: list[int]) -> list[list[str]]:
        """Best label sequence of each sentence.

        ``flat`` holds every token's attribute indices one token after another, ``bounds`` where each
        token's run starts, ``lengths`` how many tokens each sentence has (sentences in order).
        """
        n_labels = len(self.labels)
        n_tokens = len(bounds)
        if n_tokens == 0:
            return [[] for _ in lengths]
        if flat:
            indptr = np.append(np.asarray(bounds, dtype=np.int64), len(flat))
            indices = np.asarray(flat, dtype=np.int64)
            x = sparse.csr_matrix(
                (np.ones(len(flat), dtype=np.float32), indices, indptr),
                shape=(n_tokens, self.weights.shape[0]),
            )
            emissions = np.asarray(x @ self.weights)
        else:
            emissions = np.zeros((n_tokens, n_labels), dtype=np.float32)
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        paths: list[np.ndarray | None] = [None] * len(lengths)
        trans = self.transitions[None]
        # Batches of sentences of similar length, so little padding is decoded.
        k = 0
        while k < len(order):
            group = order[k : k + 128]
            k += 128
            lens = np.asarray([lengths[i] for i in group])
            longest = int(lens.max())
            if longest == 0:
                continue
            emit = np.zeros((len(group), longest, n_labels), dtype=np.float32)
            for row, i in enumerate(group):
                emit[row, : lengths[i]] = emissions[offsets[i] : offsets[i + 1]]
            delta = emit[:, 0]
            back = np.zeros((len(group), longest, n_labels), dtype=np.int64)
            for t in range(1, longest):
                cand = delta[:, :, None] + trans
                best_prev = cand.argmax(axis=1)
                new = np.take_along_axis(cand, best_prev[:, None, :], axis=1)[:, 0] + emit[:, t]
                delta = np.where((t < lens)[:, None], new, delta)
                back[:, t] = best_prev
            cur = delta.argmax(axis=1)
            path = np.zeros((len(group), longest), dtype=np.int64)
            rows_idx = np.arange(len(group))
            path[rows_idx, np.maximum(lens - 1, 0)] = cur
            for t in range(longest - 1, 0, -1):
                prev = back[rows_idx, t, cur]
                cur = np.where(t <= lens - 1, prev, cur)
                path[:, t - 1] = np.where(t <= lens - 1, cur, path[:, t - 1])
            for row, i in enumerate(group):
                paths[i] = path[row, : lengths[i]]
        labels = self.labels
        return [[labels[j] for j in p.tolist()] if p is not None else [] for p in paths]


class Tagger:
    """A loaded model and its featurizer; :func:`tag` uses one shared instance."""

    def __init__(self, model: Path = MODEL_FILE, resources: Resources | None = None) -> None:
        if not model.exists():
            raise FileNotFoundError(
                f"NER model {model} is missing; train it with pressecho.language.de.train_ner"
            )
        self.model = model
        self.featurizer = Featurizer(resources)
        self._crf_path = model if model.suffix == ".crfsuite" else None
        self._local = threading.local()
        self.crf = None if self._crf_path else CrfModel(model)
        self._word_cache: dict[str, tuple[list[int], dict[int, list[int]]]] = {}

    def _crfsuite(self) -> pycrfsuite.Tagger:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            crf = pycrfsuite.Tagger()
            crf.open(str(self._crf_path))
            self._local.crf = crf
        return crf

    def _word_indices(self, word: str) -> tuple[list[int], dict[int, list[int]]]:
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        assert self.crf is not None
        index = self.crf.index
        own, ctx = self.featurizer._word_features(word)
        result = (
            [index[f] for f in own if f in index],
            {d: [index[f] for f in feats if f in index] for d, feats in ctx.items()},
        )
        if len(self._word_cache) > 200_000:
            self._word_cache.clear()
        self._word_cache[word] = result
        return result

    def _add_sentence(self, tokens: Sequence[str], flat: list[int], bounds: list[int]) -> None:
        """Append each token's attribute indices to ``flat`` (and where each starts to ``bounds``)."""
        assert self.crf is not None
        get = self.crf.index.get
        words = [_normalise(t) for t in tokens]
        parts = [self._word_indices(w) for w in words]
        lows = [w.lower() for w in words]
        quoted = Featurizer.quoted(words)
        dynamic = self.featurizer.dynamic
        n = len(words)
        for i in range(n):
            bounds.append(len(flat))
            flat.extend(parts[i][0])
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    flat.extend(parts[j][1][d])
            for f in dynamic(lows, quoted, i):
                k = get(f)
                if k is not None:
                    flat.append(k)

    def tag_full(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        sentences = list(sentences)
        if self.crf is None:
            crf = self._crfsuite()
            return [list(crf.tag(self.featurizer.sentence(toks))) if toks else [] for toks in sentences]
        flat: list[int] = []
        bounds: list[int] = []
        for toks in sentences:
            self._add_sentence(toks, flat, bounds)
        return self.crf.decode(flat, bounds, [len(toks) for toks in sentences])


_default: Tagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> Tagger:
    """The shipped model, loaded once (or the tagger :func:`set_default_tagger` installed)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Tagger()
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
