"""Story clustering: B-cubed against the example corpus's known events, and a scaling run through the store.

usage: python bench/stories.py [--data DIR] [--sizes 10000,30000,100000] [--no-scaling]

1. *Example corpus*: every page of :mod:`pressecho.examples` is extracted and clustered (the same
   path as ``pressecho relate``); B-cubed precision, recall and F1 of the stories against the
   ``event`` of each page in ``corpus.json``; and the same from the corpus's own clean articles
   (``example_corpus_gold_text``), which separates clustering errors from extraction errors.
2. *Scaling*: for each size N, N articles are generated and stored in a fresh corpus database (raw
   document and article rows, no extraction), then related the way ``pressecho relate`` does it:
   a child process runs :meth:`pressecho.corpus.Corpus.relate` on the first N - 1,000 (the batch:
   features, near-duplicates, candidates read from the SQLite index, scoring, alignment, storage),
   then stores the last 1,000 (all later) and relates them incrementally: ``ms_per_add_at_end`` is
   the time per article of that second run, with N - 1,000 to N articles related before (a new
   process state: features and words of earlier articles are read back from the store). Then one
   more article is stored and ``pressecho relate --db`` is run on it as a command
   (``cli_one_add_seconds``: wall time, Python start-up and loading the word lists included;
   ``cli_relate_seconds``: what the command reports for the relate step itself). Reported per
   size: seconds of both runs, articles per second, CPU seconds of the relating process (the
   machine is shared: wall time depends on what else runs), the share of the time spent aligning,
   passages, stories, peak memory of the relating process (``peak_memory_mb``) and of it with the
   worker that prepares articles (``peak_tree_rss_mb``, ``peak_tree_pss_mb``: shared pages
   counted once), database size, and B-cubed F1 against the generated events. Article ids are
   64 hex digits, as a corpus's are. The articles are made from the sentences of ``DIR/pairs.jsonl`` (default
   ``../shared/data/reuse``): events covered by two to six outlets over a few hours, each outlet
   reusing an invented agency copy with edits (dropped and replaced words, sentences left out) plus
   sentences of its own, near-verbatim re-posts, and unrelated single articles as background noise,
   1,000 a day.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import hashlib
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
from ingest import _memory_kb, _tree  # noqa: E402  (bench/ingest.py's process-tree memory sampling)
from pressecho.measure import f1  # noqa: E402
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
        "f1": round(f1(p, r), 4),
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
        stories=len(clusterer.story_list()),
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


def _piece(pool: list[str], rng: random.Random) -> list[str]:
    """Three or four consecutive words of a pool sentence."""
    words = rng.choice(pool).split()
    n = rng.randint(3, 4)
    start = rng.randrange(max(1, len(words) - n + 1))
    return words[start : start + n]


def _phrase(pool: list[str], rng: random.Random, n_words: int) -> str:
    words: list[str] = []
    while len(words) < n_words:
        words += _piece(pool, rng)
    return " ".join(words[:n_words])


def _sentence(pool: list[str], rng: random.Random) -> str:
    """A new sentence spliced from pieces of three or four words of pool sentences: German words with
    their real frequencies, but no run of five words that an unrelated article shares other than by
    chance (whole pool sentences or halves of them would be shared by hundreds of the generated
    articles at 100,000, as unrelated real stories are not)."""
    text = _phrase(pool, rng, rng.randint(10, 20))
    return text[0].upper() + text[1:].rstrip(".,;:") + "."


def _sentences(pool: list[str], rng: random.Random, k: int) -> list[str]:
    return [_sentence(pool, rng) for _ in range(k)]


def _name(rng: random.Random) -> str:
    """An invented name of four or five syllables (with fewer, two events of one week would often share
    a name by chance, which real events rarely do)."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(4, 5))).capitalize()


def _edit(sentence: str, rng: random.Random, rate: float) -> str:
    out = []
    for word in sentence.split():
        r = rng.random()
        if r < rate / 2:
            continue
        out.append(word.upper() if r < rate and word.islower() else word)
    return " ".join(out)


def _article_id(number: int) -> str:
    """An id like a corpus's (the SHA-256 of the raw bytes, 64 hex digits): the tables store them."""
    return hashlib.sha256(f"generated article {number}".encode()).hexdigest()


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
            title = _phrase(pool, rng, 7)
            paragraphs = [Paragraph("text", " ".join(body[i : i + 3])) for i in range(0, len(body), 3)]
            aid = _article_id(len(articles))
            articles.append(
                Article.from_paragraphs(
                    aid, paragraphs, title=title, published=t0.isoformat(timespec="minutes")
                )
            )
            gold[aid] = label
            continue
        person, place, firm = _name(rng), _name(rng), _name(rng) + " AG"
        agency = rng.choice(AGENCIES)
        opening = _sentence(pool, rng)
        copy = [f"In {place} hat {person} am Morgen {opening[0].lower()}{opening[1:]}"]
        copy += _sentences(pool, rng, rng.randint(6, 10))
        copy.insert(rng.randint(2, len(copy)), f"Die {firm} wollte sich zu {person} zunächst nicht äussern.")
        headline = f"{place}: {person} " + _phrase(pool, rng, 5)
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
            title = headline if rng.random() < 0.5 else f"{person} in {place}: " + _phrase(pool, rng, 4)
            aid = _article_id(len(articles))
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


TAIL = 1000  # articles related incrementally at the end of a scaling run


def _store_articles(db: Path, articles: list[Article]) -> None:
    """Store articles as if ingested: a raw document (the text) and its article row, no extraction."""
    from pressecho.corpus import extractor_version
    from pressecho.model import RawDocument
    from pressecho.store.sqlite import Extraction, Store, article_row, pack_raw

    store = Store.open(db)
    version = extractor_version()
    try:
        for start in range(0, len(articles), 1000):
            store.begin()
            rows = []
            for article in articles[start : start + 1000]:
                raw = RawDocument(article.text.encode(), source=article.source)
                rows.append(
                    (
                        pack_raw(raw, article.raw_id),
                        Extraction(article.raw_id, version, "ok", article=article_row(article)),
                    )
                )
            store.add_documents(rows, None)
            store.commit()
    finally:
        store.close()


def build(n: int, data: Path, db: Path) -> None:
    """Child: generate N + 1 articles, store the first N - TAIL in ``db``, keep the rest for later."""
    from pressecho.relate.stories import order_key

    articles, gold = generate(n + 1, sentence_pool(data))
    articles.sort(key=order_key)
    _store_articles(db, articles[: n - TAIL])
    with Path(f"{db}.later.jsonl").open("w", encoding="utf-8") as handle:
        for article in articles[n - TAIL :]:
            handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    Path(f"{db}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def _later(db: Path) -> list[Article]:
    with Path(f"{db}.later.jsonl").open(encoding="utf-8") as handle:
        return [Article.from_dict(json.loads(line)) for line in handle]


def relate_run(n: int, db: Path) -> dict[str, object]:
    """Child: relate the stored articles (batch), store the last TAIL and relate them (incremental)."""
    from pressecho.corpus import Corpus
    from pressecho.relate import stories as stories_module

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
    later = _later(db)
    cpu_started = time.process_time()
    with Corpus.open(db) as corpus:
        started = time.perf_counter()
        first = corpus.relate()
        batch_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    _store_articles(db, later[:TAIL])
    cpu_started = time.process_time()
    with Corpus.open(db) as corpus:
        started = time.perf_counter()
        second = corpus.relate()
        tail_seconds = time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
        story_of = dict(corpus.store.conn.execute("SELECT raw_id, story_id FROM relate_articles"))
    gold = json.loads(Path(f"{db}.gold.json").read_text(encoding="utf-8"))
    quality = b_cubed(story_of, {k: v for k, v in gold.items() if k in story_of})
    seconds = batch_seconds + tail_seconds
    return {
        "articles": n,
        "seconds": round(seconds, 1),
        "batch_articles": first["added"],
        "batch_seconds": round(batch_seconds, 1),
        "articles_per_second": round(n / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),  # of the relating process (the machine is shared)
        "ms_per_add_at_end": round(1000 * tail_seconds / max(1, second["added"]), 2),
        "align_share": round(align_seconds / seconds, 3),
        "passages": second["passages"],
        "stories": second["stories"],
        "events": len(set(gold.values())),
        "b_cubed_f1": quality["f1"],
        "b_cubed_precision": quality["precision"],
        "b_cubed_recall": quality["recall"],
        "peak_memory_mb": peak_memory_mb(),
    }


def scaling_run(n: int, data: Path) -> dict[str, object]:
    """One size: build, relate (batch, then incremental) and one more article through the CLI."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pressecho-stories-"))
    db = folder / "corpus.db"
    me = [sys.executable, __file__, "--data", str(data), "--db", str(db)]
    try:
        subprocess.run([*me, "--build", str(n)], check=True)
        process = subprocess.Popen([*me, "--relate", str(n)], stdout=subprocess.PIPE, text=True)
        peak_rss = peak_pss = 0
        while process.poll() is None:  # the relating process and its worker, sampled
            rss, pss = _memory_kb(_tree(process.pid))
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.5)
        out, _ = process.communicate()
        if process.returncode:
            raise SystemExit(f"the relate run failed ({process.returncode})")
        figures = json.loads(out.strip().splitlines()[-1])
        figures["peak_tree_rss_mb"] = round(peak_rss / 1024, 1)
        figures["peak_tree_pss_mb"] = round(peak_pss / 1024, 1)
        _store_articles(db, _later(db)[TAIL:])
        started = time.perf_counter()
        out = subprocess.run(
            [
                str(Path(sys.executable).with_name("pressecho")),
                "relate",
                "--db",
                str(db),
                "--no-progress",
                "--json",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        wall = time.perf_counter() - started
        summary = json.loads(out.strip().splitlines()[-1])
        figures["cli_one_add_seconds"] = round(wall, 2)
        figures["cli_relate_seconds"] = summary["seconds"]
        figures["db_mb"] = round(sum(p.stat().st_size for p in folder.glob("corpus.db*")) / 1e6, 1)
        return figures
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "reuse")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)  # a child's database
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)  # child: generate and store
    parser.add_argument("--relate", type=int, help=argparse.SUPPRESS)  # child: relate
    args = parser.parse_args()
    if args.build:
        build(args.build, args.data, args.db)
        return
    if args.relate:
        emit(relate_run(args.relate, args.db))
        return
    figures: dict[str, object] = {
        "example_corpus": example_corpus(),
        "example_corpus_gold_text": example_corpus(from_gold=True),
    }
    if not args.no_scaling:
        runs = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            runs.append(scaling_run(size, args.data))
            print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
        figures["scaling"] = runs
    emit(figures)


if __name__ == "__main__":
    main()
