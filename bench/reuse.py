"""Shared-passage alignment on the reuse pairs, and the rare-n-gram candidate index at scale.

Quality: every pair of ``DIR/pairs.jsonl`` (a source, the agency copy, and a target with edited runs
of it spliced in) is aligned with ``pressecho.relate.align.align``; the detections are written in
the scorer's format and scored with ``../shared/eval/reuse_score.py`` (PAN measures: recall,
precision, granularity, plagdet), with milliseconds per pair. ``--folds 2`` also scores the even
and the odd pairs apart (the thresholds were tuned on all of them: similar figures on both halves
mean they are not fitted to a few pairs).

Scale (``--scale 10000,30000,100000``): a synthetic corpus of that many articles is made from the
pairs' sentences, where some articles copy runs of sentences (with small edits) from others; the
:class:`pressecho.relate.ngrams.NgramIndex` finds candidate pairs in batch and incrementally, and
the candidates are aligned. Time, peak memory and how many planted copies were found are reported.

    python bench/reuse.py [--data DIR] [--out FILE] [--folds 2] [--scale N,N,...] [--align-sample K]

Prints one JSON line: the scorer's figures, ms per pair, and the scale runs if asked for.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, emit, peak_memory_mb, run_scorer  # noqa: E402
from pressecho.relate.align import align  # noqa: E402
from pressecho.relate.ngrams import NgramIndex, fingerprints, words  # noqa: E402

REUSE = DATA / "reuse"


def detections(pairs: list[dict]) -> tuple[list[dict], float]:
    """Align every pair; the detections in the scorer's format, and ms per pair."""
    out: list[dict] = []
    start = time.perf_counter()
    for pair in pairs:
        found = [
            {
                "source_offset": al.a_start,
                "source_length": al.a_end - al.a_start,
                "target_offset": al.b_start,
                "target_length": al.b_end - al.b_start,
            }
            for al in align(pair["source"], pair["target"])
        ]
        out.append({"pair_id": pair["pair_id"], "detections": found})
    ms = 1000 * (time.perf_counter() - start) / max(1, len(pairs))
    return out, ms


def score(pairs: list[dict], dets: list[dict], tmp: Path, name: str) -> dict:
    gold_path, det_path = tmp / f"{name}.gold.jsonl", tmp / f"{name}.det.jsonl"
    gold_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    det_path.write_text("".join(json.dumps(d) + "\n" for d in dets), encoding="utf-8")
    return run_scorer("reuse_score.py", gold_path, det_path)


# ---------------------------------------------------------------------------------------------
# a synthetic corpus for the scale runs

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„])")
_FILLERS = ["laut Angaben", "demnach", "zudem", "nun", "auch", "dort", "allerdings"]


def _edit(sentence: str, rng: random.Random) -> str:
    """A light copy edit: a word dropped, a filler inserted, or ß written ss."""
    toks = sentence.split(" ")
    r = rng.random()
    if r < 0.3 and len(toks) > 6:
        del toks[rng.randrange(1, len(toks) - 1)]
    elif r < 0.6:
        toks.insert(rng.randrange(1, len(toks)), rng.choice(_FILLERS))
    elif r < 0.8:
        return sentence.replace("ß", "ss")
    return " ".join(toks)


def synthetic_corpus(
    n: int, data: Path = REUSE, seed: int = 1, copy_rate: float = 0.3
) -> tuple[list[tuple[int, str]], set[tuple[int, int]]]:
    """``n`` distinct articles, and the planted (source, copy) pairs among them.

    An article is 8-25 sentences of the reuse pairs' texts with half of their words swapped for
    words drawn from the same texts (so that articles do not share sentences by chance, yet keep the
    words' frequencies); about a third of the articles end with a credit line from a small set
    (boilerplate the index must ignore), and about ``copy_rate`` of them carry an edited run of 3-8
    sentences of an article from the few thousand before.
    """
    rng = random.Random(seed)
    sentences: list[str] = []
    with (data / "pairs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            pair = json.loads(line)
            for text in (pair["source"], pair["target"]):
                sentences.extend(s for s in _SPLIT.split(text) if len(s) > 30)
    sentences = sorted(set(sentences))
    vocabulary = [w for s in sentences for w in s.split()]
    credits = [
        f"(APA, {d}.{m}.2015) Mehr zum Thema lesen Sie im Dossier." for d in (3, 14, 27) for m in range(1, 7)
    ]

    def fresh() -> str:
        return " ".join(
            w if rng.random() < 0.5 else vocabulary[rng.randrange(len(vocabulary))]
            for w in sentences[rng.randrange(len(sentences))].split()
        )

    docs: list[tuple[int, str]] = []
    bodies: list[list[str]] = []
    planted: set[tuple[int, int]] = set()
    for k in range(n):
        body = [fresh() for _ in range(rng.randint(8, 25))]
        if k > 10 and rng.random() < copy_rate:
            src = rng.randrange(max(0, k - 5000), k)  # agency copy from the last few thousand articles
            run = bodies[src]
            a = rng.randrange(0, max(1, len(run) - 3))
            piece = [_edit(s, rng) for s in run[a : a + rng.randint(3, 8)]]
            at = rng.randrange(0, len(body) + 1)
            body[at:at] = piece
            planted.add((src, k))
        bodies.append(body)
        credit = [rng.choice(credits)] if rng.random() < 0.3 else []
        docs.append((k, " ".join(body + credit)))
    return docs, planted


def scale_run(n: int, data: Path, align_sample: int) -> dict:
    """Split and fingerprint ``n`` synthetic articles, find candidate pairs (batch and incremental),
    align a sample of them; times are wall-clock seconds."""
    docs, planted = synthetic_corpus(n, data)
    texts = dict(docs)
    t0 = time.perf_counter()
    fps = [(k, fingerprints(words(text))) for k, text in docs]
    t_words = time.perf_counter() - t0

    t0 = time.perf_counter()
    index = NgramIndex()
    index.extend(fps)
    pairs = [(c.a, c.b) for c in index.pairs()]
    t_batch = time.perf_counter() - t0
    index_mb = index.nbytes / 2**20
    del index

    t0 = time.perf_counter()
    incremental = NgramIndex()
    n_inc = 0
    for k, fp in fps:
        n_inc += len(incremental.add(k, fp))
    t_inc = time.perf_counter() - t0
    del incremental, fps

    found = set(pairs)
    recall = len(planted & found) / max(1, len(planted))
    sample = pairs if align_sample <= 0 else random.Random(2).sample(pairs, min(align_sample, len(pairs)))
    split = {k: words(texts[k]) for pair in sample for k in pair}  # split once, as a story stage does
    t0 = time.perf_counter()
    with_passage = 0
    for a, b in sample:
        if align(split[a], split[b]):
            with_passage += 1
    t_align = time.perf_counter() - t0
    ms_pair = 1000 * t_align / max(1, len(sample))
    return {
        "articles": n,
        "planted_pairs": len(planted),
        "candidate_pairs": len(pairs),
        "planted_found": round(recall, 4),
        "words_fingerprints_s": round(t_words, 1),
        "index_batch_s": round(t_batch, 1),
        "index_incremental_s": round(t_inc, 1),
        "incremental_candidates": n_inc,
        "index_mb": round(index_mb, 1),
        "align_ms_per_pair": round(ms_pair, 3),
        "align_all_candidates_s": round(ms_pair * len(pairs) / 1000, 1),
        "aligned_with_passage": round(with_passage / max(1, len(sample)), 4),
        "peak_mb": peak_memory_mb(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REUSE, help="folder with pairs.jsonl")
    ap.add_argument("--out", type=Path, help="write the detections JSONL here")
    ap.add_argument("--folds", type=int, default=1, help="2: also score even and odd pairs apart")
    ap.add_argument("--scale", default="", help="comma-separated corpus sizes for the index scale runs")
    ap.add_argument("--align-sample", type=int, default=5000, help="candidate pairs aligned per scale run")
    args = ap.parse_args()

    pairs = [json.loads(line) for line in (args.data / "pairs.jsonl").open(encoding="utf-8")]
    dets, ms = detections(pairs)
    if args.out:
        args.out.write_text("".join(json.dumps(d) + "\n" for d in dets), encoding="utf-8")
    figures: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        figures.update(score(pairs, dets, Path(tmp), "all"))
        if args.folds == 2:
            for name, rest in (("even", 0), ("odd", 1)):
                part = [k for k in range(len(pairs)) if k % 2 == rest]
                figures[name] = score([pairs[k] for k in part], [dets[k] for k in part], Path(tmp), name)
    figures["pairs"] = len(pairs)
    figures["ms_per_pair"] = round(ms, 3)
    if args.scale:
        figures["scale"] = []
        for n in (int(x) for x in args.scale.split(",") if x):
            run = scale_run(n, args.data, args.align_sample)
            print(json.dumps(run), file=sys.stderr, flush=True)
            figures["scale"].append(run)
    emit(figures)


if __name__ == "__main__":
    main()
