"""Throughput of the whole language layer (sentences + entities + quotes) in documents per second per core.

    python bench/language.py [--data DIR] [--limit N] [--batch-size N] [--corpus-workers N]

Runs the German pipeline (SoMaJo sentences and tokens, entities, quotations) on German news
articles in this single process, in batches of ``--batch-size`` as ``pressecho analyze`` does
(``pressecho.language.analyze_many``, default 8; 1 is ``pressecho.analyze`` one article at a
time), and reports documents per CPU-second
(``time.process_time``: a busy shared machine does not distort it; wall time is reported beside),
with each component's milliseconds per document and share of the time. Models are loaded (and
SoMaJo warmed up) before timing starts; their load time is reported apart. BLAS runs one thread.

What ``--data DIR`` holds decides the articles:

- ``*.json`` GermEval 2023 files (the default, ``../shared/data/quotes/train``: 700 WikiNews
  articles): each article's text rebuilt from its tokens (``detokenize`` of ``bench/quotes.py``),
  the first sentence a paragraph of its own, then paragraphs of three sentences;
- ``html/`` (``../shared/data/extraction``): every page extracted by pressecho, the German ones kept;
- ``pairs.jsonl`` (``../shared/data/reuse``): the distinct source articles (10kGNAD, Der Standard).

``--corpus-workers N`` also ingests the articles into a temporary corpus and times
``Corpus.analyze(workers=N)`` end to end (worker start, model loading, storing): wall documents
per second of the stage as a user runs it.

Prints one JSON line: docs, tokens, characters per doc, docs_per_second (CPU, one core),
tokens_per_second, wall_docs_per_second, ms_per_doc and share per component, p50/p95 ms per
doc (a batch's time shared by its articles), model load seconds, peak memory, and whether the
50 docs/s per core target is met.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pressecho  # noqa: E402
from common import DATA, emit, peak_memory_mb  # noqa: E402
from pressecho.model import Article, Paragraph  # noqa: E402

TARGET = 50.0  # documents per second per core


def germeval_articles(folder: Path, limit: int) -> list[Article]:
    from quotes import detokenize

    articles = []
    for path in sorted(folder.glob("*.json"))[:limit]:
        sentences = [s["Tokens"] for s in json.loads(path.read_text(encoding="utf-8"))["Sentences"]]
        groups = [sentences[:1]] + [sentences[i : i + 3] for i in range(1, len(sentences), 3)]
        paragraphs = [Paragraph("text", detokenize([t for s in g for t in s])) for g in groups if g]
        articles.append(Article.from_paragraphs(path.stem, paragraphs, language="de"))
    return articles


def extracted_articles(folder: Path, limit: int) -> list[Article]:
    articles = []
    for path in sorted((folder / "html").iterdir()):
        try:
            article = pressecho.extract(path.read_bytes())
        except pressecho.errors.PresseError:
            continue
        if article.language == "de" and article.text:
            article.raw_id = path.stem
            articles.append(article)
            if len(articles) >= limit:
                break
    return articles


def reuse_articles(folder: Path, limit: int) -> list[Article]:
    articles: list[Article] = []
    seen: set[str] = set()
    for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("source", "") if line.strip() else ""
        if text and text not in seen:
            seen.add(text)
            paragraphs = [Paragraph("text", p) for p in text.split("\n") if p.strip()]
            articles.append(Article.from_paragraphs(f"doc{len(articles)}", paragraphs, language="de"))
            if len(articles) >= limit:
                break
    return articles


def load(folder: Path, limit: int) -> tuple[str, list[Article]]:
    if (folder / "html").is_dir():
        return "extraction split, German pages after extraction", extracted_articles(folder, limit)
    if (folder / "pairs.jsonl").exists():
        return "reuse pairs, distinct source articles", reuse_articles(folder, limit)
    if any(folder.glob("*.json")):
        return "GermEval 2023 articles rebuilt from tokens", germeval_articles(folder, limit)
    raise SystemExit(f"{folder}: no *.json files, html/ folder or pairs.jsonl to read articles from")


def corpus_run(articles: list[Article], workers: int) -> dict:
    """Ingest the article texts into a temporary corpus, then time Corpus.analyze end to end."""
    from pressecho.corpus import Corpus
    from pressecho.model import RawDocument

    docs = [RawDocument(a.text.encode("utf-8"), url=f"https://bench.example/{a.raw_id}") for a in articles]
    with tempfile.TemporaryDirectory() as tmp, Corpus.open(Path(tmp) / "bench.db") as corpus:
        corpus.ingest(docs, workers=workers, progress=False)
        summary = corpus.analyze(workers=workers, progress=False)
    return {
        "corpus_workers": workers,
        "corpus_articles": summary.done,
        "corpus_analyzed": summary.analyzed,
        "corpus_copied": summary.copied,
        "corpus_skipped": dict(summary.skipped),
        "corpus_failed": dict(summary.failed),
        "corpus_seconds": round(summary.seconds, 2),
        "corpus_wall_docs_per_second": round(summary.docs_per_second, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA / "quotes" / "train")
    parser.add_argument("--limit", type=int, default=100_000, help="at most this many articles")
    parser.add_argument("--batch-size", type=int, default=8, help="articles per batch (1: one at a time)")
    parser.add_argument(
        "--corpus-workers", type=int, default=None, help="also time Corpus.analyze with N workers"
    )
    args = parser.parse_args(argv)
    if args.corpus_workers is not None and args.corpus_workers < 1:
        # in this process the caches are warm from the timed pass: the figure would mean nothing
        parser.error("--corpus-workers must be 1 or more (fresh worker processes)")
    if not args.data.exists():
        raise SystemExit(f"{args.data} is not here (../shared is only beside a developer's or CI's checkout)")

    what, articles = load(args.data, args.limit)
    if not articles:
        raise SystemExit(f"no German articles in {args.data}")
    started = time.process_time()
    pressecho.language.warm_up()
    load_seconds = time.process_time() - started

    timings: dict[str, float] = {}
    per_doc: list[float] = []  # a batch's time shared by its articles
    wall = time.perf_counter()
    for i in range(0, len(articles), args.batch_size):
        batch = articles[i : i + args.batch_size]
        before = time.process_time()
        for _ in pressecho.language.analyze_many(batch, batch_size=args.batch_size, timings=timings):
            pass
        per_doc.extend([(time.process_time() - before) / len(batch)] * len(batch))
    wall = time.perf_counter() - wall
    assert all(a.analysis is not None and a.analysis.status == "ok" for a in articles)

    total = sum(per_doc)
    n = len(articles)
    tokens = sum(len(s.tokens) for a in articles for s in a.sentences)
    component_total = sum(timings.values())
    per_second = n / total if total else 0.0
    quantiles = statistics.quantiles([1000 * t for t in per_doc], n=20) if n > 1 else [1000 * total] * 19
    figures = {
        "data": str(args.data),
        "articles": what,
        "docs": n,
        "batch_size": args.batch_size,
        "tokens": tokens,
        "chars_per_doc": round(sum(len(a.text) for a in articles) / n),
        "tokens_per_doc": round(tokens / n),
        "docs_per_second": round(per_second, 1),
        "tokens_per_second": round(tokens / total) if total else None,
        "wall_docs_per_second": round(n / wall, 1) if wall else None,
        "ms_per_doc": {k: round(1000 * v / n, 2) for k, v in timings.items()},
        "share": {k: round(v / component_total, 3) for k, v in timings.items()} if component_total else {},
        "ms_per_doc_total": round(1000 * total / n, 2),
        "p50_ms": round(quantiles[9], 1),
        "p95_ms": round(quantiles[18], 1),
        "sentences": sum(len(a.sentences) for a in articles),
        "entities": sum(len(a.entities) for a in articles),
        "quotes": sum(len(a.quotes) for a in articles),
        "load_seconds": round(load_seconds, 2),
        "version": pressecho.language.stage_version("de"),
        "target_docs_per_second": TARGET,
        "meets_target": per_second >= TARGET,
    }
    if args.corpus_workers is not None:
        figures.update(corpus_run(articles, args.corpus_workers))
    figures["peak_memory_mb"] = peak_memory_mb()
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
