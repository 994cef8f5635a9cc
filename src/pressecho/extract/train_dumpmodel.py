"""Train the text-dump block classifier and write ``dumpmodel.py`` beside this file.

    python -m pressecho.extract.train_dumpmodel [--data ../shared/data/extraction] [--out dumpmodel.py]

A development tool, not needed at run time. It reads the extraction development split (web pages as
HTML and as text dumps in two styles, with snippet gold) and learns a logistic regression over
:func:`pressecho.extract.dumpblocks.block_features`.

Labels, per dump block:
- the snippet gold where a block holds a "with" snippet (article) or a "without" snippet (not), weight
  ``--gold-weight``; snippets found more than twice in a page are ambiguous and skipped;
- elsewhere weak labels from the HTML of the same page: a block is article text when trafilatura's
  extraction of the HTML contains it (weight 1).

A fixed quarter of the pages (ids starting 0-3) is held out: it is never trained on, and the figures
printed for it (snippet precision, recall, F1 as ``../shared/eval/extraction_score.py`` computes them,
German pages) are the honest ones. The shipped model is trained on the other three quarters.
The block figures printed here score the classifier alone; the cleaner's structure rules come on top
(``bench/extraction.py`` scores the whole cleaner).

The defaults (gold weight 160, C 0.3, threshold 0.45) were chosen by 4-fold cross-validation of the
whole cleaner on the training quarters, never on the held-out pages. The weak labels matter less than
the gold: trafilatura itself misses part of what the gold calls article text.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import sys
from pathlib import Path

from pressecho.extract.dumpblocks import FEATURES, block_features, reflow, shapes_of
from pressecho.measure import prf

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = (
    Path(os.environ.get("PRESSECHO_SHARED", HERE.parents[2].parent / "shared")) / "data" / "extraction"
)
_WORD = re.compile(r"\w+")


def held_out(doc_id: str) -> bool:
    return doc_id[0] in "0123"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _gold_labels(texts: list[str], item: dict) -> list[int | None]:
    joined = ""
    starts: list[int] = []
    for t in texts:
        starts.append(len(joined))
        joined += t + " "
    labels: list[int | None] = [None] * len(texts)
    for value, snippets in ((1, item["with"]), (0, item["without"])):
        for snippet in snippets:
            matches = list(re.finditer(re.escape(_norm(snippet)), joined))
            if len(matches) > 2:
                continue
            for m in matches:
                a = bisect.bisect_right(starts, m.start()) - 1
                b = bisect.bisect_right(starts, m.end() - 1) - 1
                for i in range(a, b + 1):
                    labels[i] = value if labels[i] in (None, value) else -1
    return labels


def _weak_labels(texts: list[str], extracted: str) -> list[int]:
    lines = {_norm(line) for line in extracted.splitlines() if line.strip()}
    full = _norm(extracted)
    words = set(_WORD.findall(full.lower()))
    flat = " ".join(_WORD.findall(full.lower()))
    out: list[int] = []
    for t in texts:
        if t in lines or (len(t) >= 25 and t in full):
            out.append(1)
            continue
        ws = _WORD.findall(t.lower())
        if len(ws) >= 4 and sum(w in words for w in ws) >= 0.9 * len(ws):
            trigrams = [" ".join(ws[i : i + 3]) for i in range(len(ws) - 2)]
            out.append(1 if sum(x in flat for x in trigrams) >= 0.7 * len(trigrams) else 0)
        else:
            out.append(0)
    return out


def build(data: Path, gold: dict) -> list[dict]:
    import trafilatura

    docs: list[dict] = []
    for n, doc_id in enumerate(sorted(gold)):
        html = (data / "html" / f"{doc_id}.html").read_bytes()
        extracted = trafilatura.extract(html) or ""
        for style in ("block", "wrapped"):
            text = (data / style / f"{doc_id}.txt").read_text(encoding="utf-8")
            blocks = reflow(text)
            shapes = shapes_of([b.text for b in blocks])
            texts = [_norm(b.text) for b in blocks]
            docs.append(
                {
                    "id": doc_id,
                    "style": style,
                    "texts": texts,
                    "features": block_features(blocks, shapes),
                    "gold": _gold_labels(texts, gold[doc_id]),
                    "weak": _weak_labels(texts, extracted),
                }
            )
        if n % 100 == 0:
            print(f"  {n} pages", file=sys.stderr)
    return docs


def score(docs: list[dict], probs: dict, gold: dict, threshold: float) -> dict:
    tp = fp = fn = 0
    for d in docs:
        out = _norm(
            "\n".join(
                t for t, p in zip(d["texts"], probs[(d["id"], d["style"])], strict=True) if p >= threshold
            )
        )
        item = gold[d["id"]]
        t = sum(_norm(w) in out for w in item["with"]) if out else 0
        f = sum(_norm(w) in out for w in item["without"]) if out else 0
        tp, fp, fn = tp + t, fp + f, fn + len(item["with"]) - t
    return prf(tp, fp, fn)


def evaluate_cleaner(data: Path, gold: dict) -> dict:
    """Snippet figures of the whole cleaner (classifier and structure rules), German pages, per part."""
    from pressecho.errors import PresseError
    from pressecho.extract.textdump import extract_textdump

    report: dict[str, dict] = {}
    for part, chosen in (("held_out", True), ("train", False)):
        for style in ("block", "wrapped"):
            tp = fp = fn = 0
            for doc_id in sorted(gold):
                item = gold[doc_id]
                if held_out(doc_id) != chosen or not item["german"]:
                    continue
                text = (data / style / f"{doc_id}.txt").read_text(encoding="utf-8")
                try:
                    out = _norm(extract_textdump(text, raw_id=doc_id).body_lines)
                except PresseError:
                    out = ""
                t = sum(_norm(w) in out for w in item["with"]) if out else 0
                f = sum(_norm(w) in out for w in item["without"]) if out else 0
                tp, fp, fn = tp + t, fp + f, fn + len(item["with"]) - t
            report[f"cleaner_{part}_{style}_german"] = prf(tp, fp, fn)
    return report


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=HERE / "dumpmodel.py")
    parser.add_argument("--gold-weight", type=float, default=160.0)
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--threshold", type=float, default=0.45)
    parser.add_argument(
        "--evaluate",
        action="store_true",
        help="only score the shipped cleaner on the held-out and training pages",
    )
    args = parser.parse_args()

    gold = json.loads((args.data / "gold.json").read_text(encoding="utf-8"))
    if args.evaluate:
        print(json.dumps(evaluate_cleaner(args.data, gold)))
        return
    docs = build(args.data, gold)
    train = [d for d in docs if not held_out(d["id"])]
    rows: list[np.ndarray] = []
    y: list[int] = []
    w: list[float] = []
    for d in train:
        rows.append(d["features"])
        for g, weak in zip(d["gold"], d["weak"], strict=True):
            if g in (0, 1):
                y.append(g)
                w.append(args.gold_weight)
            else:
                y.append(weak)
                w.append(1.0)
    X = np.vstack(rows)
    # the constant "bias" column stands for the intercept, so the model file is one weight per feature
    clf = LogisticRegression(C=args.C, max_iter=5000, fit_intercept=False)
    clf.fit(X, np.array(y), sample_weight=np.array(w))
    probs = {
        (d["id"], d["style"]): list(clf.predict_proba(d["features"])[:, 1]) if len(d["features"]) else []
        for d in docs
    }
    report = {}
    for part, chosen in (("train", False), ("held_out", True)):
        for style in ("block", "wrapped"):
            sel = [
                d
                for d in docs
                if held_out(d["id"]) == chosen and d["style"] == style and gold[d["id"]]["german"]
            ]
            report[f"{part}_{style}_german"] = score(sel, probs, gold, args.threshold)
    print(json.dumps(report))

    weights = dict(zip(FEATURES, (float(v) for v in clf.coef_[0]), strict=True))
    lines = [
        '"""Weights of the text-dump block classifier (generated by train_dumpmodel.py; do not edit).',
        "",
        f"Trained on {len(train)} dumps ({len(y)} blocks) of the extraction development split; held-out",
        f"German snippet F1: block {report['held_out_block_german']['f1']}, "
        f"wrapped {report['held_out_wrapped_german']['f1']}.",
        '"""',
        "",
        f"THRESHOLD = {args.threshold}",
        "",
        "WEIGHTS: dict[str, float] = {",
        *(f"    {json.dumps(name)}: {value:.4f}," for name, value in sorted(weights.items())),
        "}",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    # the whole cleaner with the new weights
    from pressecho.extract import textdump

    textdump._WEIGHT_VECTOR = np.array([weights[name] for name in FEATURES])
    textdump.THRESHOLD = args.threshold
    print(json.dumps(evaluate_cleaner(args.data, gold)))


if __name__ == "__main__":
    main()
