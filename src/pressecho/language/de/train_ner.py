"""Train the German NER model that ships in ``models/`` (and the resources its features use).

    python -m pressecho.language.de.train_ner model --train NER-de-train.bio.txt --dev NER-de-dev.tsv
    python -m pressecho.language.de.train_ner clusters --text DIR_OR_FILE ... (see ``--help``)

The model is a CRF (python-crfsuite, L-BFGS with L1+L2 regularisation) over the features of
:class:`pressecho.language.de.ner.Featurizer`. It is trained on GermEval 2014's training sentences
only; the development file is used for tuning and reporting, never for training.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite

from pressecho.language.de import ner

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
    import numpy as np

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
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "gold": ng, "pred": np_}

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


def build_clusters(
    corpus: Path,
    out: Path,
    *,
    sizes: tuple[int, ...] = (50, 200, 800),
    min_count: int = 2,
    n_context: int = 5000,
    dims: int = 100,
    seed: int = 0,
) -> int:
    """Distributional word clusters: k-means over SVD-reduced PPMI vectors of left/right neighbours.

    Our own few lines instead of word2vec or Brown clustering: the corpus is small (a few million
    tokens), an exact PPMI+SVD is fast at that size and needs only numpy/scipy/scikit-learn, which
    are dependencies already. Contexts are the words at -2, -1, +1, +2 (position kept, lowercased),
    which groups words by how they are used: first names, surnames, places, organisations.
    """
    from collections import Counter

    import numpy as np
    from scipy import sparse
    from scipy.sparse.linalg import svds
    from sklearn.cluster import MiniBatchKMeans

    lines = [line.split() for line in corpus.read_text(encoding="utf-8").splitlines()]
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
        padded = ["<s>", "<s>", *toks, "</s>", "</s>"]
        lows = [t.lower() for t in padded]
        for i in range(2, len(padded) - 2):
            wi = index.get(padded[i])
            if wi is None:
                continue
            for k, d in enumerate(offsets):
                ci = cindex.get(lows[i + d])
                if ci is None:
                    ci = -1 if lows[i + d] not in ("<s>", "</s>") else None
                if ci is None or ci < 0:
                    continue
                rows.append(wi)
                cols.append(k * len(contexts) + ci)
    data = np.ones(len(rows), dtype=np.float64)
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), len(offsets) * len(contexts)))
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=dims, random_state=seed)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
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
    babel), ``D`` any form in Debian's ``wngerman`` word list. A source that is missing is skipped.
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
    with out.open("w", encoding="utf-8") as fh:
        for word in sorted(tags):
            fh.write(word + "\t" + ",".join(sorted(tags[word])) + "\n")
    return len(tags)


_CASES = {"nominativ", "genitiv", "dativ", "akkusativ"}


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
    m.add_argument("--c1", type=float, default=0.05)
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
    g.add_argument("--out", type=Path, default=ner.GAZETTEER_FILE)
    g.add_argument("--nouns", type=Path, default=_package_file("german_nouns", "nouns.csv"))
    g.add_argument("--names", type=Path, default=_package_file("gender_guesser", "data/nam_dict.txt"))
    g.add_argument("--wordlist", type=Path, default=Path("/usr/share/dict/ngerman"))
    x = sub.add_parser("export", help="CRFsuite model -> the .npz the package loads")
    x.add_argument("crfsuite", type=Path)
    x.add_argument("--out", type=Path, default=ner.MODEL_FILE)
    x.add_argument("--dev", type=Path)
    args = parser.parse_args(argv)

    if args.command == "export":
        export_model(args.crfsuite, args.out)
        if args.dev:
            figures = evaluate(ner.Tagger(args.out), read_germeval(args.dev))
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
            figures = evaluate(ner.Tagger(args.out, res), read_germeval(args.dev))
            print(f"dev F1 {figures['f1']} (with -deriv/-part {figures['with_deriv_part']['f1']})")
            for lab, f in figures["per_type"].items():
                print(f"  {lab}: P {f['p']} R {f['r']} F1 {f['f1']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
