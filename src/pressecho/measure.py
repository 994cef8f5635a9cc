"""Precision, recall and F1: the one formula the benchmarks and the training scripts share."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    """Their harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: float, fp: float, fn: float, digits: int = 4) -> dict[str, float]:
    """Precision, recall and F1 from true positives, false positives and false negatives (0 where
    undefined), rounded to ``digits``."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, digits), "recall": round(r, digits), "f1": round(f1(p, r), digits)}
