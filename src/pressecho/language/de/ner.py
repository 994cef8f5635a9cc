"""German named-entity tagger that pressecho trains itself and ships (no model downloads).

Two models, both trained by :mod:`pressecho.language.de.train_ner` on GermEval 2014's training
sentences and run here with numpy alone:

- a linear-chain CRF (trained with python-crfsuite) over word-form features: the word, its shape,
  affixes, neighbours, distributional word clusters learned from unlabeled German text, word lists
  (common nouns, first names, surnames, places, countries, regions, cities) derived from packages
  reachable at build time, and a lexicon of the labels words carry in the training data;
- optionally, small BiLSTM-CRFs (``models/ner_nn*.npz``, trained with torch, exported to numpy) over
  PPMI+SVD word vectors, a character CNN and the same word lists. Their scores are added to the
  CRF's with weights tuned on the development file; the character CNN helps most with names the
  training data never showed.

Why not a larger neural model: there is no pretrained German model we may download, the labelled
data is small (24,000 sentences), and the whole language layer must tag an article in a few
milliseconds on one core. Word-form features and the network's input vectors are computed once per
word form and cached; all sentences of an article are decoded together.

The models predict GermEval's outer labels including ``-deriv`` (``deutsche`` -> LOCderiv) and
``-part`` (``EU-Kommission`` -> ORGpart). :func:`tag` maps those to ``O``: a derivation or a
compound containing a name is not a mention of the entity itself. :func:`tag_full` keeps them.
"""

from __future__ import annotations

import contextlib
import gzip
import os
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
NN_MODEL_FILE = MODELS / "ner_nn.npz"
NN_MODEL_GLOB = "ner_nn*.npz"

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

    def emissions(self, flat: list[int], bounds: list[int]) -> np.ndarray:
        """Label scores of every token: ``flat`` holds each token's attribute indices one token after
        another, ``bounds`` where each token's run starts."""
        n_tokens = len(bounds)
        if not flat:
            return np.zeros((n_tokens, len(self.labels)), dtype=np.float32)
        indptr = np.append(np.asarray(bounds, dtype=np.int64), len(flat))
        indices = np.asarray(flat, dtype=np.int64)
        x = sparse.csr_matrix(
            (np.ones(len(flat), dtype=np.float32), indices, indptr), shape=(n_tokens, self.weights.shape[0])
        )
        return np.asarray(x @ self.weights)


def viterbi(emissions: np.ndarray, lengths: list[int], transitions: np.ndarray) -> list[list[int]]:
    """Best label index sequence of each sentence (``emissions``: all tokens, sentence after sentence).

    Sentences of similar length are decoded together in one numpy pass, so little padding is decoded.
    """
    n_labels = transitions.shape[0]
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    paths: list[list[int]] = [[] for _ in lengths]
    trans = transitions[None]
    for k in range(0, len(order), 128):
        group = order[k : k + 128]
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
            paths[i] = path[row, : lengths[i]].tolist()
    return paths


# --- the neural tagger -------------------------------------------------------------------------
# A small BiLSTM-CRF over word vectors (PPMI+SVD, learned from unlabeled text), a character CNN
# and word-list features, trained with torch by train_ner.py and run here with numpy alone. Its
# scores are added to the CRF's (a product of the two models), which helps most on names the
# training data never showed: the character CNN sees their shape and endings.

GAZ_TAGS = "NTVFEGCSRD"
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


def char_ids(word: str, index: dict[str, int]) -> list[int]:
    """The word's characters (with ``^``/``$`` ends) as ids, the first and last 12 if it is longer."""
    chars = "^" + word + "$"
    if len(chars) > MAX_CHARS:
        chars = chars[: MAX_CHARS // 2] + chars[-MAX_CHARS // 2 :]
    ids = [index.get(ch, 1) for ch in chars]
    return ids + [0] * (MAX_CHARS - len(ids))


class NeuralModel:
    """The exported BiLSTM-CRF; every word form's input vector is computed once and cached."""

    def __init__(self, path: Path, resources: Resources) -> None:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        text = lambda k: bytes(arrays.pop(k)).decode("utf-8")  # noqa: E731
        self.labels = text("labels").split("\n")
        self.char_index = {ch: i + 2 for i, ch in enumerate(text("chars"))}
        words = text("words").split("\n")
        self.word_index = {w: i + 1 for i, w in enumerate(words)}
        w = {k: v.astype(np.float32) for k, v in arrays.items()}
        self.char_emb, self.conv_w, self.conv_b = w["char_emb"], w["conv_w"], w["conv_b"]
        self.word_vecs = np.vstack([np.zeros((1, w["word_vecs"].shape[1]), np.float32), w["word_vecs"]])
        self._prepare_lstm([(w[f"w_ih{d}"], w[f"w_hh{d}"], w[f"b{d}"]) for d in ("", "_rev")])
        self.out_w, self.out_b, self.transitions = w["out_w"], w["out_b"], w["trans"]
        self.res = resources
        self.path = path
        self._cache: dict[str, np.ndarray] = {}

    def _word_inputs(self, words: list[str]) -> np.ndarray:
        missing = [w for w in dict.fromkeys(words) if w not in self._cache]
        if missing:
            ids = np.asarray([char_ids(w, self.char_index) for w in missing])
            emb = self.char_emb[ids]  # (n, MAX_CHARS, C)
            padded = np.pad(emb, ((0, 0), (1, 1), (0, 0)))
            k = self.conv_w.shape[2]
            conv = sum(padded[:, j : j + MAX_CHARS] @ self.conv_w[:, :, j].T for j in range(k)) + self.conv_b
            char_vec = np.tanh(conv).max(axis=1)
            for i, word in enumerate(missing):
                wv = self.word_vecs[self.word_index.get(word.lower(), 0)]
                self._cache[word] = np.concatenate([wv, char_vec[i], dense_features(word, self.res)])
            if len(self._cache) > 200_000:
                self._cache.clear()
        return np.stack([self._cache[w] for w in words]) if words else np.zeros((0, 0), np.float32)

    def _prepare_lstm(self, directions: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        """Reorder torch's gates (``i, f, g, o``) to ``i, f, o, g`` and stack the two directions."""
        hidden = directions[0][1].shape[1]
        order = np.concatenate([np.arange(k * hidden, (k + 1) * hidden) for k in (0, 1, 3, 2)])
        self.hidden = hidden
        # logistic(x) = tanh(x/2)/2 + 1/2: one tanh call for all four gates
        scale = np.concatenate([np.full(3 * hidden, 0.5), np.ones(hidden)]).astype(np.float32)
        self.w_in = np.stack([w_ih[order].T * scale for w_ih, _, _ in directions])  # (2, D, 4H)
        self.b_in = np.stack([b[order] * scale for _, _, b in directions])  # (2, 4H)
        self.w_rec = np.stack([w_hh[order].T * scale for _, w_hh, _ in directions])  # (2, H, 4H)

    def projections(self, words: list[str]) -> np.ndarray:
        """Input-to-gate projections of every token for both directions: (2, tokens, 4H)."""
        inputs = self._word_inputs(words)
        return np.matmul(inputs[None], self.w_in) + self.b_in[:, None, :]

    def scores_in_order(
        self, sentences: list[list[str]], labels: list[str], em: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Emissions and transitions with columns in ``labels``' order (zeros for labels it lacks)."""
        index = {lab: i for i, lab in enumerate(self.labels)}
        cols = np.asarray([index.get(lab, -1) for lab in labels])
        known = cols >= 0
        if em is None:
            em = self.emissions(sentences)
        out_em = np.zeros((em.shape[0], len(labels)), np.float32)
        out_em[:, known] = em[:, cols[known]]
        out_tr = np.zeros((len(labels), len(labels)), np.float32)
        out_tr[np.ix_(known, known)] = self.transitions[np.ix_(cols[known], cols[known])]
        return out_em, out_tr

    def emissions(self, sentences: list[list[str]]) -> np.ndarray:
        """Label scores of every token, sentence after sentence, in this model's label order."""
        words = [_normalise(t) for toks in sentences for t in toks]
        if not words:
            return np.zeros((0, len(self.labels)), np.float32)
        states = run_bilstms([self.projections(words)], [self.w_rec], [len(t) for t in sentences])[0]
        return states @ self.out_w.T + self.out_b


def run_bilstms(
    projections: list[np.ndarray], recurrent: list[np.ndarray], lengths: list[int]
) -> list[np.ndarray]:
    """Hidden states ``[forward, backward]`` of every token for several BiLSTMs at once.

    ``projections[m]``: model m's input projections (2, tokens, 4H), gates ``i, f, o, g`` with the
    logistic gates pre-scaled by 1/2; ``recurrent[m]``: its (2, H, 4H) recurrent weights, scaled
    alike. Sentences run side by side, longest first, and at step ``t`` only those longer than
    ``t`` are computed, so the work follows the number of tokens, not sentences x longest; all
    models and both directions share one batched matrix product per step (numpy's per-call
    overhead is a large part of a step at this size).
    """
    n_models = len(projections)
    hid = recurrent[0].shape[1]
    n_tok = projections[0].shape[1]
    proj_fwd = np.stack([p[0] for p in projections])  # (M, tokens, 4H)
    proj_bwd = np.stack([p[1] for p in projections])
    rec = np.concatenate(recurrent)  # (2M, H, 4H): forward, backward, forward, ...
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    lens = np.asarray([lengths[i] for i in order], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)[order]
    longest = int(lens[0]) if len(lens) else 0
    out = np.zeros((2 * n_models, n_tok, hid), np.float32)
    h = np.zeros((2 * n_models, len(order), hid), np.float32)
    c = np.zeros_like(h)
    fwd_rows = np.arange(0, 2 * n_models, 2)
    bwd_rows = fwd_rows + 1
    active = len(order)
    for t in range(longest):
        while active and lens[active - 1] <= t:
            active -= 1
        fwd_idx = starts[:active] + t
        bwd_idx = starts[:active] + lens[:active] - 1 - t
        pre = np.empty((2 * n_models, active, 4 * hid), np.float32)
        pre[fwd_rows] = proj_fwd[:, fwd_idx]
        pre[bwd_rows] = proj_bwd[:, bwd_idx]
        pre += np.matmul(h[:, :active], rec)
        g = np.tanh(pre, out=pre)
        ifo = g[:, :, : 3 * hid]
        ifo += 1.0
        ifo *= 0.5
        c_new = ifo[:, :, hid : 2 * hid] * c[:, :active] + ifo[:, :, :hid] * g[:, :, 3 * hid :]
        h_new = ifo[:, :, 2 * hid :] * np.tanh(c_new)
        c[:, :active] = c_new
        h[:, :active] = h_new
        out[fwd_rows[:, None], fwd_idx[None, :]] = h_new[fwd_rows]
        out[bwd_rows[:, None], bwd_idx[None, :]] = h_new[bwd_rows]
    return [np.concatenate([out[2 * m], out[2 * m + 1]], axis=1) for m in range(n_models)]


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
    """A loaded model and its featurizer; :func:`tag` uses one shared instance."""

    def __init__(
        self,
        model: Path = MODEL_FILE,
        resources: Resources | None = None,
        neural: Sequence[Path] | Path | None = None,
        neural_weights: Sequence[float] | None = None,
    ) -> None:
        """``neural``: the BiLSTM-CRF files to add (default: the shipped ``models/ner_nn*.npz``; ``[]``
        for the CRF alone); ``neural_weights``: their weights (default: the ones stored in them)."""
        if not model.exists():
            raise FileNotFoundError(
                f"NER model {model} is missing; train it with pressecho.language.de.train_ner"
            )
        self.model = model
        self.featurizer = Featurizer(resources)
        if neural is None:
            neural = sorted(MODELS.glob(NN_MODEL_GLOB)) if model.parent == MODELS else []
        elif isinstance(neural, Path):
            neural = [neural]
        if model.suffix == ".crfsuite":
            neural = []
        self.neural = [NeuralModel(p, self.featurizer.res) for p in neural if p.exists()]
        self.neural_weights = (
            list(neural_weights)
            if neural_weights is not None
            else [_neural_weight(n.path) for n in self.neural]
        )
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
            for f in dynamic(words, lows, quoted, i):
                k = get(f)
                if k is not None:
                    flat.append(k)

    def tag_full(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """BIO tags with GermEval's outer labels (-deriv/-part included) for each sentence."""
        sentences = list(sentences)
        if self.crf is None:
            crf = self._crfsuite()
            return [list(crf.tag(self.featurizer.sentence(toks))) if toks else [] for toks in sentences]
        result: list[list[str]] = []
        chunk = 400  # sentences decoded together: an article at once, a corpus in bounded memory
        with _one_blas_thread():
            for k in range(0, len(sentences), chunk):
                result.extend(self._tag_chunk(sentences[k : k + chunk]))
        return result

    def _tag_chunk(self, sentences: list[Sequence[str]]) -> list[list[str]]:
        assert self.crf is not None
        flat: list[int] = []
        bounds: list[int] = []
        for toks in sentences:
            self._add_sentence(toks, flat, bounds)
        lengths = [len(toks) for toks in sentences]
        emissions = self.crf.emissions(flat, bounds)
        transitions = self.crf.transitions
        nets = [(n, w) for n, w in zip(self.neural, self.neural_weights, strict=True) if w > 0]
        if nets and emissions.shape[0]:
            words = [_normalise(t) for toks in sentences for t in toks]
            states = run_bilstms([n.projections(words) for n, _ in nets], [n.w_rec for n, _ in nets], lengths)
            for (net, weight), st in zip(nets, states, strict=True):
                raw = st @ net.out_w.T + net.out_b
                nn_em, nn_tr = net.scores_in_order(sentences, self.crf.labels, raw)
                emissions = emissions + weight * nn_em
                transitions = transitions + weight * nn_tr
        labels = self.crf.labels
        return [[labels[j] for j in path] for path in viterbi(emissions, lengths, transitions)]


def _neural_weight(path: Path) -> float:
    """The weight of the neural scores, tuned on the development file and stored beside the model."""
    with np.load(path, allow_pickle=False) as data:
        return float(data["weight"]) if "weight" in data.files else 1.0


_default: Tagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> Tagger:
    """The shipped models, loaded once (or the tagger :func:`set_default_tagger` installed).

    ``PRESSECHO_NER=fast`` in the environment uses the CRF alone: about four times faster, about
    three points of F1 lower (see ``bench/ner.py``).
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
