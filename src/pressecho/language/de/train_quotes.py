"""Train the quotation models shipped in ``models/quotes.npz``, ``models/quotes_stage2.npz`` (and
``models/quotes_meta.json``): two CRFsuite models, exported to the numpy form ``quotes.QuoteCRF`` reads.

    python -m pressecho.language.de.train_quotes [--data DIR] [--dev --out DIR]

Data: the annotated German WikiNews articles of GermEval 2023 (SpkAtt task 2), one JSON file per
article, in ``../shared/data/quotes/train`` by default. The split is fixed by sorted file name:
every 5th file (positions 4, 9, 14, ... counted from 0) is the held-out test part that
``bench/quotes.py`` scores by default and that training and tuning never read; the rest trains.
With ``--dev`` the files at positions 3, 8, 13, ... are also kept out, and the models go to
``--out`` (not into the package); ``python bench/quotes.py --split dev --models DIR`` then scores
them. That is how the features and settings were tuned.

Training is deterministic (L-BFGS on fixed data), so running the script again rebuilds the same
model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pycrfsuite

from pressecho.language.de.quote_features import (
    DocView,
    doc_feature_parts,
    lexicon,
    stack_features,
    stacked_blocks,
)
from pressecho.language.de.quotes import FORMS, META_FILE, MODEL2_FILE, MODEL_FILE, labels_from_annotations

DEFAULT_DATA = (
    Path(os.environ.get("PRESSECHO_SHARED", Path(__file__).resolve().parents[4].parent / "shared"))
    / "data"
    / "quotes"
    / "train"
)
HELDOUT_EVERY = 5
HELDOUT_AT = 4
DEV_AT = 3
PARAMS = {"c1": 0.03, "c2": 0.1, "max_iterations": 200, "feature.possible_transitions": True}
FOLDS = 4  # first-pass models trained on 3/4 of the data label the other 1/4 for the second pass
PRUNE = 0.0  # state weights at most this large (in magnitude) are not exported
FEATURE_VERSION = 5  # bump when quote_features changes, so cached first-pass labels are not reused


def split_files(folder: Path) -> dict[str, list[Path]]:
    """The fixed split of a GermEval folder: ``heldout`` (every 5th by sorted name), ``dev`` (the
    positions just before those) and ``train`` (the rest, which includes dev unless it is held out)."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.name)
    parts: dict[str, list[Path]] = {"heldout": [], "dev": [], "train": [], "train_nodev": []}
    for k, path in enumerate(files):
        if k % HELDOUT_EVERY == HELDOUT_AT:
            parts["heldout"].append(path)
            continue
        parts["train"].append(path)
        if k % HELDOUT_EVERY == DEV_AT:
            parts["dev"].append(path)
        else:
            parts["train_nodev"].append(path)
    return parts


def load(path: Path) -> tuple[list[list[str]], list[dict]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [s["Tokens"] for s in data["Sentences"]], data.get("Annotations", [])


def stwr_table(files: list[Path]) -> dict[str, str]:
    """Most frequent STWR (speech, thought, writing, ...) per cue lemma and per form."""
    lex = lexicon()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for path in files:
        sentences, annotations = load(path)
        for a in annotations:
            votes["<" + a["Form"] + ">"][a["STWR"]] += 1
            for addr in a["Cue"]:
                s, t = map(int, addr.split(":"))
                w = sentences[s][t].lower()
                votes[lex.forms.get(w, w)][a["STWR"]] += 1
    return {w: c.most_common(1)[0][0] for w, c in votes.items() if sum(c.values()) >= 2 or w.startswith("<")}


def export(crfsuite_model: Path, out: Path, prune: float = PRUNE) -> None:
    """Write a CRFsuite model in the form :class:`~pressecho.language.de.quotes.QuoteCRF` reads:
    labels, attribute strings, each attribute's weights (label, value; CSR) and the transitions.
    State weights smaller than ``prune`` in magnitude are left out (see ``PRUNE``)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_model))
    info = tagger.info()
    tagger.close()
    labels = sorted(info.labels, key=info.labels.get)
    label_id = {label: k for k, label in enumerate(labels)}
    by_attr: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for (attr, label), weight in info.state_features.items():
        if abs(weight) > prune and "\n" not in attr:
            by_attr[attr].append((label_id[label], weight))
    attributes = sorted(by_attr)
    indptr = np.zeros(len(attributes) + 1, np.int64)
    indptr[1:] = np.cumsum([len(by_attr[a]) for a in attributes])
    pairs = [p for a in attributes for p in sorted(by_attr[a])]
    transitions = np.zeros((len(labels), len(labels)))
    for (a, b), weight in info.transitions.items():
        transitions[label_id[a], label_id[b]] = weight
    with open(out, "wb") as f:
        np.savez_compressed(
            f,
            labels=np.frombuffer("\n".join(labels).encode("utf-8"), np.uint8),
            attributes=np.frombuffer("\n".join(attributes).encode("utf-8"), np.uint8),
            indptr=indptr.astype(np.int32),
            label_ids=np.array([k for k, _ in pairs], np.uint8),
            weights=np.array([w for _, w in pairs], np.float32),
            transitions=transitions,
        )


def _trainer(params: dict | None, verbose: bool) -> pycrfsuite.Trainer:
    trainer = pycrfsuite.Trainer(verbose=verbose)
    trainer.set_params({**PARAMS, **(params or {})})
    return trainer


def jackknife(
    docs: list[DocView], feats: list[list[list[str]]], gold: list[list[str]], folds: int, params: dict | None
) -> list[list[str]]:
    """First-pass labels for every training document from a model that did not see it, so the
    second pass learns from first-pass mistakes as they happen at run time."""
    out: list[list[str]] = [[] for _ in docs]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            trainer = _trainer(params, False)
            for i in range(len(docs)):
                if i % folds != k:
                    trainer.append(feats[i], gold[i])
            path = str(Path(tmp) / f"fold{k}.crfsuite")
            trainer.train(path)
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            for i in range(len(docs)):
                if i % folds == k:
                    out[i] = list(tagger.tag(feats[i]))
            tagger.close()
    return out


def train(
    files: list[Path],
    model: Path,
    model2: Path,
    meta: Path,
    params: dict | None = None,
    params2: dict | None = None,
    folds: int = FOLDS,
    cache: Path | None = None,
    verbose: bool = False,
) -> None:
    """Train both passes on ``files`` and write the two models and the meta file."""
    docs: list[DocView] = []
    gold: list[list[str]] = []
    for path in files:
        sentences, annotations = load(path)
        doc = DocView(sentences)
        if doc.tokens:
            docs.append(doc)
            gold.append(labels_from_annotations(doc, annotations))
    parts = [doc_feature_parts(doc) for doc in docs]
    feats = [p[0] for p in parts]
    local = [p[1] for p in parts]
    model.parent.mkdir(parents=True, exist_ok=True)
    # second-pass training data: jackknifed first-pass labels (cached between runs when asked)
    key = hashlib.sha256(
        json.dumps([[p.name for p in files], {**PARAMS, **(params or {})}, folds, FEATURE_VERSION]).encode()
    ).hexdigest()[:16]
    first: list[list[str]] | None = None
    if cache is not None and (cache / f"jackknife-{key}.json").exists():
        first = json.loads((cache / f"jackknife-{key}.json").read_text())
    if first is None:
        first = jackknife(docs, feats, gold, folds, params)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            (cache / f"jackknife-{key}.json").write_text(json.dumps(first))
    with tempfile.TemporaryDirectory() as tmp:
        crf1, crf2 = Path(tmp) / "stage1.crfsuite", Path(tmp) / "stage2.crfsuite"
        if cache is None or not (cache / f"stage1-{key}.crfsuite").exists():
            trainer = _trainer(params, verbose)
            for f, g in zip(feats, gold, strict=True):
                trainer.append(f, g)
            trainer.train(str(crf1))
            if cache is not None:
                shutil.copy(crf1, cache / f"stage1-{key}.crfsuite")
        else:
            shutil.copy(cache / f"stage1-{key}.crfsuite", crf1)
        trainer2 = _trainer(params2 if params2 is not None else params, verbose)
        for doc, loc, g, fp in zip(docs, local, gold, first, strict=True):
            blocks = stacked_blocks(doc, fp)
            stack = stack_features(doc, fp, [s for block in blocks for s in block])
            for block in blocks:
                a, b = doc.offsets[block.start], doc.offsets[block.stop]
                trainer2.append([loc[i] + stack[i] for i in range(a, b)], g[a:b])
        trainer2.train(str(crf2))
        # the package reads numpy exports of the two CRFsuite models (see quotes.QuoteCRF)
        export(crf1, model)
        export(crf2, model2)
    info = {
        "trained_on": len(files),
        "split": f"sorted file names, every {HELDOUT_EVERY}th (position % {HELDOUT_EVERY} == {HELDOUT_AT}) held out",
        "params": {**PARAMS, **(params or {})},
        "params2": {**PARAMS, **(params2 if params2 is not None else params or {})},
        "folds": folds,
        "feature_version": FEATURE_VERSION,
        "forms": FORMS,
        "stwr": stwr_table(files),
    }
    meta.write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--dev", action="store_true", help="also keep the dev part out and score it")
    ap.add_argument("--model", type=Path, default=MODEL_FILE)
    ap.add_argument("--model2", type=Path, default=MODEL2_FILE)
    ap.add_argument("--meta", type=Path, default=META_FILE)
    ap.add_argument("--param", action="append", default=[], help="CRFsuite parameter, e.g. c1=0.1")
    ap.add_argument("--param2", action="append", default=[], help="parameter for the second pass only")
    ap.add_argument("--cache", type=Path, default=None, help="keep first-pass results here between runs")
    ap.add_argument("--out", type=Path, default=None, help="write the three model files to this folder")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no training data at {args.data}", file=sys.stderr)
        return 2
    if args.out is not None:
        args.model, args.model2, args.meta = (args.out / p.name for p in (MODEL_FILE, MODEL2_FILE, META_FILE))
    elif args.dev and (args.model, args.model2) == (MODEL_FILE, MODEL2_FILE):
        print("--dev models do not belong in the package: give --out DIR", file=sys.stderr)
        return 2
    parts = split_files(args.data)
    files = parts["train_nodev"] if args.dev else parts["train"]
    params = _params(args.param)
    params2 = {**params, **_params(args.param2)} if args.param2 else None
    start = time.perf_counter()
    train(files, args.model, args.model2, args.meta, params, params2, cache=args.cache)
    print(
        f"trained on {len(files)} files in {time.perf_counter() - start:.1f}s -> {args.model}",
        file=sys.stderr,
    )
    return 0


def _params(items: list[str]) -> dict:
    params: dict = {}
    for p in items:
        k, _, v = p.partition("=")
        params[k] = float(v) if k in ("c1", "c2") else int(v) if v.isdigit() else v
    return params


if __name__ == "__main__":
    sys.exit(main())
