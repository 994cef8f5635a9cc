"""Story clustering: B-cubed against the example corpus's known events, and a scaling run.

usage: python bench/stories.py [--data DIR] [--sizes 10000,30000,100000] [--no-scaling]

1. *Example corpus*: every page of :mod:`pressecho.examples` is extracted and clustered (the same
   path as ``pressecho relate``); B-cubed precision, recall and F1 of the stories against the
   ``event`` of each page in ``corpus.json``; and the same from the corpus's own clean articles
   (``example_corpus_gold_text``), which separates clustering errors from extraction errors.
2. *Scaling*: for each size N, a child process generates N articles and adds them one by one in
   date order to a :class:`pressecho.relate.stories.StoryClusterer` (features, near-duplicates,
   candidate retrieval, scoring, alignment of n-gram candidates and story pairs). The articles are
   made from the sentences of ``DIR/pairs.jsonl`` (default ``../shared/data/reuse``): events covered
   by two to six outlets over a few hours, each outlet reusing an invented agency copy with edits
   (dropped and replaced words, sentences left out) plus sentences of its own, near-verbatim
   re-posts, and unrelated single articles as background noise, 1,000 a day. Reported per size:
   seconds, articles per second, ms per added article over the last 1,000 (at the full size), the
   share of that time spent aligning, passages found, peak memory of the child, and B-cubed F1
   against the generated events.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, emit, peak_memory_mb  # noqa: E402
from pressecho.model import Article, Paragraph  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
_SYLLABLES = (
    "ber bra dor fen gal hal ken lor man mer nor ost pra ril sen tal var wen zor kro stel mil".split()
)
AGENCIES = ("dpa", "sda", "APA", "AFP", "Reuters")


def b_cubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class)."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(predicted[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        same_pred = by_pred[predicted[item]]
        same_gold = by_gold[gold[item]]
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    n = len(gold)
    p, r = precision / n, recall / n
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
    }


# ------------------------------------------------------------------------------------ example corpus


def example_corpus(from_gold: bool = False) -> dict[str, object]:
    """B-cubed of the example corpus: pages extracted by pressecho, or (``from_gold``) the corpus's own
    clean articles, which tells clustering errors from extraction errors."""
    from pressecho.examples import CORPUS_DIR, INDEX_FILE
    from pressecho.extract import extract
    from pressecho.relate.stories import cluster

    if not INDEX_FILE.exists():
        return {"skipped": f"{INDEX_FILE} is not there yet"}
    index = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    entries = index["documents"] if isinstance(index, dict) else index
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for entry in entries:
        if from_gold:
            paragraphs = [Paragraph(p["kind"], p["text"]) for p in entry["paragraphs"]]
            article = Article.from_paragraphs(
                entry["id"], paragraphs, title=entry.get("title"), credits=list(entry.get("credits") or [])
            )
        else:
            path = CORPUS_DIR / entry["file"]
            article = extract(path.read_bytes(), url=entry.get("url"), source=entry.get("outlet"))
        article.raw_id = entry["id"]
        article.source = entry.get("outlet")
        article.published = entry.get("published") or article.published
        articles.append(article)
        gold[article.raw_id] = entry["event"]
    started = time.perf_counter()
    clusterer = cluster(articles)
    figures: dict[str, object] = b_cubed(clusterer.story_of, gold)
    figures.update(
        articles=len(articles),
        events=len(set(gold.values())),
        stories=len(clusterer.stories),
        seconds=round(time.perf_counter() - started, 2),
    )
    return figures


# ------------------------------------------------------------------------------------------- scaling


def sentence_pool(data: Path) -> list[str]:
    pool: list[str] = []
    with (data / "pairs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            for text in (json.loads(line)["source"],):
                pool.extend(s.strip() for s in _SENTENCE.split(text) if 40 <= len(s.strip()) <= 300)
    return sorted(set(pool))


def _sentence(pool: list[str], rng: random.Random) -> str:
    """A new sentence: the first half of one pool sentence and the second half of another (so two
    events rarely share a whole sentence, as two real stories rarely do)."""
    first, second = rng.choice(pool).split(), rng.choice(pool).split()
    return " ".join(first[: len(first) // 2] + second[len(second) // 2 :])


def _sentences(pool: list[str], rng: random.Random, k: int) -> list[str]:
    return [_sentence(pool, rng) for _ in range(k)]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def _edit(sentence: str, rng: random.Random, rate: float) -> str:
    out = []
    for word in sentence.split():
        r = rng.random()
        if r < rate / 2:
            continue
        out.append(word.upper() if r < rate and word.islower() else word)
    return " ".join(out)


def generate(n: int, pool: list[str], seed: int = 7) -> tuple[list[Article], dict[str, str]]:
    """N articles with their event labels (see the module docstring)."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    days = max(1, n // 1000)
    articles: list[Article] = []
    gold: dict[str, str] = {}
    outlets = [f"outlet-{i:02d}.example" for i in range(40)]
    event = 0
    while len(articles) < n:
        event += 1
        label = f"e{event}"
        t0 = start + timedelta(seconds=rng.uniform(0, days * 86400))
        if rng.random() < 0.25:  # background noise: one article about nothing else in the corpus
            body = _sentences(pool, rng, rng.randint(5, 10))
            title = " ".join(rng.choice(pool).split()[:7])
            paragraphs = [Paragraph("text", " ".join(body[i : i + 3])) for i in range(0, len(body), 3)]
            aid = f"n{len(articles):07d}"
            articles.append(
                Article.from_paragraphs(
                    aid, paragraphs, title=title, published=t0.isoformat(timespec="minutes")
                )
            )
            gold[aid] = label
            continue
        person, place, firm = _name(rng), _name(rng), _name(rng) + " AG"
        agency = rng.choice(AGENCIES)
        copy = [f"In {place} hat {person} am Morgen {rng.choice(pool)[0].lower()}{rng.choice(pool)[1:]}"]
        copy += _sentences(pool, rng, rng.randint(6, 10))
        copy.insert(rng.randint(2, len(copy)), f"Die {firm} wollte sich zu {person} zunächst nicht äussern.")
        headline = f"{place}: {person} " + " ".join(rng.choice(pool).split()[:5])
        for k, outlet in enumerate(rng.sample(outlets, rng.randint(2, 6))):
            when = t0 + timedelta(minutes=rng.uniform(0, 12 * 60))
            if k > 0 and rng.random() < 0.1:  # a near-verbatim re-post of the agency copy
                taken = list(copy)
                own: list[str] = []
            else:
                taken = [copy[0]] + [s for s in copy[1:] if rng.random() < 0.6]
                own = _sentences(pool, rng, rng.randint(0, 3))
            sentences = [_edit(s, rng, 0.06) for s in taken]
            for s in own:
                sentences.insert(rng.randint(1, len(sentences)), s)
            paragraphs = [
                Paragraph("text", " ".join(sentences[i : i + 3])) for i in range(0, len(sentences), 3)
            ]
            paragraphs[-1].text += f" ({agency})"
            title = (
                headline
                if rng.random() < 0.5
                else f"{person} in {place}: " + " ".join(rng.choice(pool).split()[:4])
            )
            aid = f"a{len(articles):07d}"
            articles.append(
                Article.from_paragraphs(
                    aid,
                    paragraphs,
                    title=title,
                    published=when.isoformat(timespec="minutes"),
                    source=outlet,
                    credits=[agency],
                )
            )
            gold[aid] = label
            if len(articles) >= n:
                break
    return articles, gold


def scaling_run(n: int, data: Path) -> dict[str, object]:
    from pressecho.relate import stories as stories_module
    from pressecho.relate.stories import StoryClusterer, order_key

    pool = sentence_pool(data)
    started = time.perf_counter()
    articles, gold = generate(n, pool)
    generated = time.perf_counter() - started
    articles.sort(key=order_key)
    align_seconds = 0.0
    real_align = stories_module.align

    def timed_align(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal align_seconds
        t = time.perf_counter()
        try:
            return real_align(*args, **kwargs)
        finally:
            align_seconds += time.perf_counter() - t

    stories_module.align = timed_align
    clusterer = StoryClusterer()
    started = time.perf_counter()
    tail_started = started
    for i, article in enumerate(articles):
        if i == len(articles) - 1000:
            tail_started = time.perf_counter()
        clusterer.add(article)
    seconds = time.perf_counter() - started
    tail = time.perf_counter() - tail_started
    quality = b_cubed(clusterer.story_of, gold)
    return {
        "articles": n,
        "generate_seconds": round(generated, 1),
        "seconds": round(seconds, 1),
        "articles_per_second": round(n / seconds, 1),
        "ms_per_article_last_1000": round(tail, 2),  # seconds for 1,000 = ms per article
        "align_share": round(align_seconds / seconds, 3),
        "passages": len(clusterer.passages),
        "stories": len(clusterer.stories),
        "events": len(set(gold.values())),
        "b_cubed_f1": quality["f1"],
        "b_cubed_precision": quality["precision"],
        "b_cubed_recall": quality["recall"],
        "peak_memory_mb": peak_memory_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "reuse")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's single scaling run
    args = parser.parse_args()
    if args.one:
        emit(scaling_run(args.one, args.data))
        return
    figures: dict[str, object] = {
        "example_corpus": example_corpus(),
        "example_corpus_gold_text": example_corpus(from_gold=True),
    }
    if not args.no_scaling:
        runs = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            out = subprocess.run(
                [sys.executable, __file__, "--data", str(args.data), "--one", str(size)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
        figures["scaling"] = runs
    emit(figures)


if __name__ == "__main__":
    main()
