"""Ingest throughput, peak memory and database size at growing corpus sizes.

Generates N distinct documents (text dumps, and a share of HTML pages) by recombining the lines of
the development text dumps (``--data``, default ``../shared/data/extraction``) and of the bundled
example corpus where it has pages: each document takes the navigation lines of one dump, a title,
a body of paragraphs drawn from all of them and a line that makes it unique. They are written
into folders of 1,000 files; each size ingests the first N of them with ``pressecho ingest`` in a
fresh database, in a subprocess whose whole process tree (ingest and workers) is sampled for
memory. Cost should grow linearly with N.

    python bench/ingest.py [--data DIR] [--sizes 10000,30000,100000] [--html-share 0.1] [--workers N]

Prints one JSON line: per size documents per second (end to end, start-up included), seconds,
peak memory of the process tree (sum of RSS, and of PSS which counts shared pages once), database
size, and the ingest's own summary counts.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, emit  # noqa: E402

PER_FOLDER = 1000


def _pool(data: Path) -> tuple[list[list[str]], list[str]]:
    """Navigation blocks (the short lines before the body of each dump) and body paragraphs."""
    dumps = sorted((data / "block").glob("*.txt")) if (data / "block").is_dir() else []
    try:
        from pressecho.examples import CORPUS_DIR
        from pressecho.ingest import iter_files

        dumps += [p for p in iter_files([CORPUS_DIR]) if p.suffix == ".txt"]
    except ImportError:
        pass
    if not dumps:
        raise SystemExit(f"no text dumps under {data / 'block'}: give --data")
    navigation: list[list[str]] = []
    paragraphs: list[str] = []
    for path in dumps:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
        lines = [line for line in lines if line]
        body = [line for line in lines if len(line.split()) >= 12]
        head = []
        for line in lines:
            if len(line.split()) >= 12:
                break
            head.append(line)
        navigation.append(head[:40])
        paragraphs.extend(body)
    return navigation, paragraphs


def _document(i: int, navigation: list[list[str]], paragraphs: list[str], as_html: bool) -> str:
    rng = random.Random(i)
    nav = rng.choice(navigation)
    body = rng.sample(paragraphs, rng.randint(4, 12))
    title = " ".join(rng.choice(paragraphs).split()[:8])
    unique = (
        f"Meldung {i}: Stand {2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}, Nummer {rng.random():.12f}."
    )
    if not as_html:
        return "\n".join([*nav, title, *body, unique, "Artikel teilen", "Kommentare"]) + "\n"
    esc = html.escape
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title></head><body>"
        f"<nav>{''.join(f'<a href=#>{esc(x)}</a>' for x in nav)}</nav><article><h1>{esc(title)}</h1>"
        f"{''.join(f'<p>{esc(p)}</p>' for p in body)}<p>{esc(unique)}</p></article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    )


def generate(out: Path, n: int, data: Path, html_share: float) -> list[Path]:
    """Write n documents into folders of PER_FOLDER files; returns the folders."""
    navigation, paragraphs = _pool(data)
    folders = []
    for start in range(0, n, PER_FOLDER):
        folder = out / f"{start // PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(start, min(n, start + PER_FOLDER)):
            as_html = random.Random(-i - 1).random() < html_share
            text = _document(i, navigation, paragraphs, as_html)
            (folder / f"{i:07d}.{'html' if as_html else 'txt'}").write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def _memory_kb(pids: list[int]) -> tuple[int, int]:
    """Sum of RSS and of PSS (kB) over the processes."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def run_ingest(folders: list[Path], db: Path, workers: int | None) -> dict:
    command = [sys.executable, "-m", "pressecho.cli", "ingest", *map(str, folders), "--db", str(db)]
    command += ["--no-progress", "--json"] + (["--workers", str(workers)] if workers is not None else [])
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    while process.poll() is None:
        rss, pss = _memory_kb(_tree(process.pid))
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}):\n{err[-3000:]}")
    summary = json.loads(out.strip().splitlines()[-1])
    db_bytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {
        "documents": summary["seen"],
        "seconds": round(seconds, 2),
        "docs_per_s": round(summary["seen"] / seconds, 1),
        "peak_rss_mb": round(peak_rss / 1024, 1),
        "peak_pss_mb": round(peak_pss / 1024, 1),
        "db_mb": round(db_bytes / 2**20, 1),
        "ingested": summary["ingested"],
        "extracted": summary["extracted"],
        "failed": summary["failed"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "extraction")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--html-share", type=float, default=0.1, help="share of HTML pages (default 0.1)")
    parser.add_argument(
        "--workers", type=int, default=None, help="extraction processes (default: one per core)"
    )
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()

    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pressecho-ingest-bench-"))
    try:
        started = time.perf_counter()
        folders = generate(work / "docs", sizes[-1], args.data, args.html_share)
        generated = time.perf_counter() - started
        print(f"generated {sizes[-1]:,} documents in {generated:.0f} s", file=sys.stderr)
        results = {}
        for n in sizes:
            db = work / f"corpus-{n}.db"
            results[str(n)] = run_ingest(folders[: -(-n // PER_FOLDER)], db, args.workers)
            print(f"{n:,}: {json.dumps(results[str(n)])}", file=sys.stderr)
            for path in work.glob(db.name + "*"):
                path.unlink()
        per_doc = {n: r["seconds"] / r["documents"] for n, r in results.items()}
        emit(
            {
                "benchmark": "ingest",
                "html_share": args.html_share,
                "workers": args.workers or os.cpu_count(),
                "sizes": results,
                "seconds_per_doc_ratio_largest_to_smallest": round(
                    per_doc[str(sizes[-1])] / per_doc[str(sizes[0])], 2
                ),
            }
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
