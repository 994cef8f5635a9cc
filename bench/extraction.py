"""Extraction quality and speed on the development split of the trafilatura evaluation set.

For each input style (``html``, ``block`` and ``wrapped`` text dumps) every page is extracted with
``pressecho.extract`` and its body written as text, one paragraph per line; plain trafilatura runs
on the same HTML as the reference. Each output folder is scored with
``../shared/eval/extraction_score.py`` over all documents and over the German ones.

    python bench/extraction.py [--data DIR] [--styles html,block,wrapped] [--keep OUT]

Prints one JSON line: per style precision/recall/F1 (all, german), ms per document, failures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pressecho  # noqa: E402
from common import DATA, emit, run_scorer  # noqa: E402
from pressecho.errors import PresseError  # noqa: E402

STYLES = {"html": ".html", "block": ".txt", "wrapped": ".txt"}


def run_style(data: Path, style: str, ids: list[str], out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    failures: Counter[str] = Counter()
    elapsed = 0.0
    for doc_id in ids:
        path = data / style / (doc_id + STYLES[style])
        if not path.exists():
            failures["missing"] += 1
            continue
        raw = path.read_bytes()
        start = time.perf_counter()
        try:
            text = pressecho.extract(raw).body_lines
        except PresseError as exc:
            failures[exc.reason] += 1
            text = ""
        elapsed += time.perf_counter() - start
        (out / (doc_id + ".txt")).write_text(text, encoding="utf-8")
    return {"ms_per_doc": round(1000 * elapsed / max(1, len(ids)), 3), "failures": dict(failures)}


def run_trafilatura(data: Path, ids: list[str], out: Path) -> dict:
    import trafilatura

    out.mkdir(parents=True, exist_ok=True)
    elapsed = 0.0
    for doc_id in ids:
        html = (data / "html" / (doc_id + ".html")).read_bytes()
        start = time.perf_counter()
        text = trafilatura.extract(html) or ""
        elapsed += time.perf_counter() - start
        (out / (doc_id + ".txt")).write_text(text, encoding="utf-8")
    return {"ms_per_doc": round(1000 * elapsed / max(1, len(ids)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "extraction")
    parser.add_argument("--styles", default="html,block,wrapped")
    parser.add_argument("--no-reference", action="store_true", help="skip plain trafilatura")
    parser.add_argument("--keep", type=Path, help="keep the extracted texts in this folder")
    args = parser.parse_args()

    gold_path = args.data / "gold.json"
    ids = sorted(json.loads(gold_path.read_text(encoding="utf-8")))
    work = args.keep or Path(tempfile.mkdtemp(prefix="pressecho-bench-"))
    figures: dict[str, dict] = {}
    runs = [s for s in args.styles.split(",") if s]
    if not args.no_reference:
        runs.append("trafilatura")
    for style in runs:
        out = work / style
        stats = (
            run_trafilatura(args.data, ids, out)
            if style == "trafilatura"
            else run_style(args.data, style, ids, out)
        )
        stats["all"] = run_scorer("extraction_score.py", gold_path, out)
        stats["german"] = run_scorer("extraction_score.py", gold_path, out, "--german")
        figures[style] = stats
        print(
            f"{style:12s} F1 all {stats['all']['f1']:.4f}  german {stats['german']['f1']:.4f}  "
            f"{stats['ms_per_doc']:.2f} ms/doc",
            file=sys.stderr,
        )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    emit(figures)


if __name__ == "__main__":
    main()
