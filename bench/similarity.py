"""pressecho's same-story score against human ratings (SemEval-2022 task 8 pairs, German).

usage: python bench/similarity.py [--data DIR] [--fit]

Reads ``DIR/pairs.csv`` (default ``../shared/data/similarity``), scores every pair with
:func:`pressecho.relate.similarity.compare` (the function the story clustering uses) and reports, for
German-German pairs, the Pearson correlation of the score with the human "Overall" rating (sign
flipped so that higher is better: 1 = same story), the accuracy of the same-story decision on pairs
rated <= 1.5 (same) versus >= 3.5 (different), and the same two figures cross-validated (10-fold, 5
repeats: the model is refitted on nine tenths and scored on the rest), which is the honest figure
when ``DIR`` holds the pairs the shipped weights were fitted on. Plain TF-IDF cosine (scikit-learn,
fitted on the pairs themselves) is reported beside it. ``--fit`` prints the weights to ship.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.stats import pearsonr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, emit  # noqa: E402
from pressecho.relate.features import text_features  # noqa: E402
from pressecho.relate.similarity import SAME_STORY, WEIGHTS, compare, model_score, overlap  # noqa: E402


def read_pairs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def evidence_rows(pairs: list[dict[str, str]]) -> np.ndarray:
    """gram cosine, names, numbers of each pair (the inputs of the fitted model)."""
    rows = []
    for pair in pairs:
        # the pair texts start with the title; the features weigh the start of title + lead anyway
        a = text_features("a", None, pair["text1"])
        b = text_features("b", None, pair["text2"])
        ev = compare(a, b)
        rows.append((overlap(ev.cosine, ev.grams), ev.names, ev.numbers))
    return np.array(rows, dtype=float)


def predict(x: np.ndarray, weights: np.ndarray | tuple[float, ...]) -> np.ndarray:
    return np.array([model_score(c, n, m, weights) for c, n, m in x])


def fit(x: np.ndarray, target: np.ndarray, l2: float = 0.0) -> np.ndarray:
    """Logistic model on soft targets (cross-entropy), weights kept >= 0: evidence only adds."""
    design = np.column_stack([np.ones(len(x)), np.sqrt(np.clip(x[:, 0], 0, None)), x[:, 1], x[:, 2]])

    def loss(w: np.ndarray) -> float:
        p = 1 / (1 + np.exp(-np.clip(design @ w, -30, 30)))
        p = np.clip(p, 1e-6, 1 - 1e-6)
        return float(-np.mean(target * np.log(p) + (1 - target) * np.log(1 - p)) + l2 * np.sum(w[1:] ** 2))

    bounds = [(None, None), (0, None), (0, None), (0, None)]
    return minimize(loss, np.array([-3.0, 6.0, 0.5, 0.5]), bounds=bounds, method="L-BFGS-B").x


def accuracy(scores: np.ndarray, overall: np.ndarray) -> tuple[float, int]:
    clear = (overall <= 1.5) | (overall >= 3.5)
    right = (scores[clear] >= SAME_STORY) == (overall[clear] <= 1.5)
    return float(right.mean()), int(clear.sum())


def cross_validate(
    x: np.ndarray, overall: np.ndarray, folds: int = 10, repeats: int = 5
) -> tuple[float, float]:
    target = (4 - overall) / 3
    pearsons, accuracies = [], []
    for repeat in range(repeats):
        order = np.random.default_rng(repeat).permutation(len(x))
        scores = np.zeros(len(x))
        for k in range(folds):
            test = order[k::folds]
            train = np.setdiff1d(order, test)
            scores[test] = predict(x[test], fit(x[train], target[train]))
        pearsons.append(pearsonr(scores, -overall)[0])
        accuracies.append(accuracy(scores, overall)[0])
    return float(np.mean(pearsons)), float(np.mean(accuracies))


def tfidf_baseline(pairs: list[dict[str, str]], overall: np.ndarray) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(lowercase=True).fit(
        [p["text1"] for p in pairs] + [p["text2"] for p in pairs]
    )
    a = vectoriser.transform([p["text1"] for p in pairs])
    b = vectoriser.transform([p["text2"] for p in pairs])
    cos = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return float(pearsonr(cos, -overall)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "similarity")
    parser.add_argument("--fit", action="store_true", help="print the weights fitted on all German pairs")
    args = parser.parse_args()
    pairs = read_pairs(args.data / "pairs.csv")
    german = [p for p in pairs if p["lang1"] == "de" and p["lang2"] == "de"]
    other = [p for p in pairs if not (p["lang1"] == "de" and p["lang2"] == "de")]
    overall = np.array([float(p["Overall"]) for p in german])
    started = time.perf_counter()
    x = evidence_rows(german)
    seconds = time.perf_counter() - started
    scores = predict(x, WEIGHTS)
    acc, n_clear = accuracy(scores, overall)
    cv_pearson, cv_accuracy = cross_validate(x, overall)
    figures = {
        "pairs_de_de": len(german),
        "pearson": round(float(pearsonr(scores, -overall)[0]), 4),
        "accuracy": round(acc, 4),
        "clear_pairs": n_clear,
        "pearson_cv": round(cv_pearson, 4),
        "accuracy_cv": round(cv_accuracy, 4),
        "pearson_plain_tfidf": round(tfidf_baseline(german, overall), 4),
        "ms_per_pair": round(1000 * seconds / max(1, len(german)), 2),
    }
    if other:
        other_overall = np.array([float(p["Overall"]) for p in other])
        other_scores = predict(evidence_rows(other), WEIGHTS)
        figures["pairs_other"] = len(other)
        figures["pearson_other_languages"] = round(float(pearsonr(other_scores, -other_overall)[0]), 4)
    if args.fit:
        weights = fit(x, (4 - overall) / 3)
        print("WEIGHTS =", tuple(round(float(w), 3) for w in weights))
    emit(figures)


if __name__ == "__main__":
    main()
