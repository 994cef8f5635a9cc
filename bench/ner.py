"""German NER on GermEval 2014 files, and the throughput of the language layer.

    python bench/ner.py [--data DIR] [--docs FILE.jsonl] [--model FILE] [--neural [FILE ...]]

Runs the shipped ensemble (the CRF ``models/ner.npz`` and the convolutional taggers
``models/ner_conv*.npz`` with their stored weights) unless told otherwise: ``--neural`` with files
adds those networks instead, ``--neural`` alone runs the CRF by itself (what ``PRESSECHO_NER=fast``
does in the package).

Tags every ``.tsv`` file in DIR (GermEval 2014 format: index, token, outer tag, inner tag; ``#``
lines are comments) from its tokens alone and scores the outer spans exactly as CoNLL's measure
does: a span counts when its start, end and type all match; micro P/R/F1 over all spans, and per
type. The main figure maps -deriv and -part to O (they are not mentions of the entity itself:
``deutsche``, ``EU-Kommission``), so it scores PER, LOC, ORG, OTH; ``with_deriv_part`` also reports
GermEval's own outer measure, with LOCderiv, ORGpart, ... as classes of their own.

Speed, in this process's CPU time (``time.process_time``, so a busy shared machine distorts it
less; the wall time of the whole run is reported beside it), over news articles from ``--docs``
(default: the source articles of ``reuse/pairs.jsonl``), split into sentences by SoMaJo first:

- ``entities_ms_per_doc``: :func:`find_entities` (tagging and normalisation) per article, starting
  with a freshly loaded tagger, so every word form the articles bring is new to its table once;
- ``tag_ms_per_doc`` / ``tag_ms_per_doc_warm``: ``ner.tag`` alone per article, on a fresh tagger and
  then again with every word form known; ``*_per_568`` scales them to a 568-token article;
- ``docs_per_s_one_core``: sentences + entities (+ quotations, where that module is present);
- ``tag_tokens_per_s``: tagging the GermEval file; ``model_load_s`` and ``model_load_mb`` (resident
  memory the loaded tagger adds).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, emit, peak_memory_mb  # noqa: E402
from pressecho.language.de import ner  # noqa: E402
from pressecho.language.de.entities import find_entities  # noqa: E402
from pressecho.language.de.sentences import split_article  # noqa: E402
from pressecho.language.de.train_ner import conll_score, read_germeval  # noqa: E402
from pressecho.model import Article, Paragraph  # noqa: E402


def _rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def load_docs(path: Path, limit: int) -> list[Article]:
    docs: list[Article] = []
    seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text = json.loads(line).get("source", "")
        if not text or text in seen:
            continue
        seen.add(text)
        paragraphs = [Paragraph("text", p) for p in text.split("\n") if p.strip()]
        docs.append(Article.from_paragraphs(f"doc{len(docs)}", paragraphs))
        if len(docs) >= limit:
            break
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA / "ner")
    parser.add_argument("--docs", type=Path, default=DATA / "reuse" / "pairs.jsonl")
    parser.add_argument("--max-docs", type=int, default=300)
    parser.add_argument("--model", type=Path, default=ner.MODEL_FILE)
    parser.add_argument(
        "--neural",
        type=Path,
        nargs="*",
        help="convolutional taggers to add (default: the shipped ones; none: the CRF alone)",
    )
    args = parser.parse_args()

    wall0 = time.perf_counter()
    files = sorted(args.data.glob("*.tsv"))
    if not files:
        print(f"no .tsv files in {args.data}", file=sys.stderr)
        return 2
    rss0 = _rss_mb()
    t0 = time.process_time()
    tagger = ner.Tagger(args.model, neural=args.neural)
    load_s = time.process_time() - t0
    figures: dict = {
        "bench": "ner",
        "model": args.model.name,
        "neural": [f"{n.path.name}*{w}" for n, w in zip(tagger.neural, tagger.neural_weights, strict=True)],
        "model_load_s": round(load_s, 2),
        "model_load_mb": round(_rss_mb() - rss0, 1),
    }
    gold_all: list[list[str]] = []
    pred_all: list[list[str]] = []
    n_tokens = 0
    tag_s = 0.0
    for path in files:
        sentences = read_germeval(path)
        tokens = [toks for toks, _, _ in sentences]
        t = time.process_time()
        pred = tagger.tag_full(tokens)
        tag_s += time.process_time() - t
        n_tokens += sum(len(x) for x in tokens)
        gold_all.extend(outer for _, outer, _ in sentences)
        pred_all.extend(pred)
        main_score = conll_score(
            [ner.outer_only(g) for g in gold_all[-len(pred) :]], [ner.outer_only(p) for p in pred]
        )
        print(f"{path.name}: F1 {main_score['f1']} over {len(sentences)} sentences", file=sys.stderr)
    main_score = conll_score([ner.outer_only(g) for g in gold_all], [ner.outer_only(p) for p in pred_all])
    full_score = conll_score(gold_all, pred_all)
    figures.update(
        {
            "files": [f.name for f in files],
            "sentences": len(gold_all),
            "tokens": n_tokens,
            "p": main_score["p"],
            "r": main_score["r"],
            "f1": main_score["f1"],
            "per_type": {k: {m: v[m] for m in ("p", "r", "f1")} for k, v in main_score["per_type"].items()},
            "with_deriv_part": {
                "f1": full_score["f1"],
                "per_type": {k: v["f1"] for k, v in full_score["per_type"].items()},
            },
            "tag_tokens_per_s": round(n_tokens / tag_s),
        }
    )
    for label, f in main_score["per_type"].items():
        print(f"  {label}: P {f['p']} R {f['r']} F1 {f['f1']}", file=sys.stderr)

    if args.docs.exists():
        docs = load_docs(args.docs, args.max_docs)
        split_article(Article.from_paragraphs("warm", [Paragraph("text", "Ein Satz zum Aufwärmen.")]))
        t = time.process_time()
        for doc in docs:
            doc.sentences = split_article(doc)
        split_s = time.process_time() - t
        doc_tokens = sum(len(s.tokens) for d in docs for s in d.sentences)
        per_568 = 568 / (doc_tokens / len(docs))
        sentences = [[[t.text for t in s.tokens] for s in d.sentences] for d in docs]
        # entities, with a fresh tagger: every word form of the articles is new to it once
        ner.set_default_tagger(ner.Tagger(args.model, neural=args.neural))
        find_entities(Article.from_paragraphs("warm", [Paragraph("text", "Angela Merkel besucht Paris.")]))
        t = time.process_time()
        n_entities = sum(len(find_entities(doc)) for doc in docs)
        ent_s = time.process_time() - t
        # tagging alone, fresh and then warm
        fresh = ner.Tagger(args.model, neural=args.neural)
        fresh.tag_full([["Ein", "Satz", "."]])
        t = time.process_time()
        for sents in sentences:
            fresh.tag_full(sents)
        tag_cold_s = time.process_time() - t
        t = time.process_time()
        for sents in sentences:
            fresh.tag_full(sents)
        tag_warm_s = time.process_time() - t
        quotes_s = None
        try:  # the quotation layer, another module, is timed too where it is present
            from pressecho.language.de.quotes import find_quotes
        except ImportError:
            find_quotes = None  # type: ignore[assignment]
        if find_quotes is not None:
            find_quotes(docs[0])
            t = time.process_time()
            for doc in docs:
                find_quotes(doc)
            quotes_s = time.process_time() - t
        ms = lambda seconds: round(seconds / len(docs) * 1000, 2)  # noqa: E731
        figures["layer"] = {
            "docs": len(docs),
            "tokens_per_doc": round(doc_tokens / max(len(docs), 1)),
            "entities_per_doc": round(n_entities / max(len(docs), 1), 1),
            "sentences_ms_per_doc": ms(split_s),
            "entities_ms_per_doc": ms(ent_s),
            "entities_ms_per_568": round(ms(ent_s) * per_568, 2),
            "tag_ms_per_doc": ms(tag_cold_s),
            "tag_ms_per_568": round(ms(tag_cold_s) * per_568, 2),
            "tag_ms_per_doc_warm": ms(tag_warm_s),
            "tag_ms_per_568_warm": round(ms(tag_warm_s) * per_568, 2),
            "tag_tokens_per_s_articles": round(doc_tokens / tag_cold_s),
            "tag_tokens_per_s_articles_warm": round(doc_tokens / tag_warm_s),
            "word_forms": len(fresh._words) - 1,
            "docs_per_s_one_core": round(len(docs) / (split_s + ent_s), 1),
        }
        if quotes_s is not None:
            figures["layer"]["quotes_ms_per_doc"] = ms(quotes_s)
            figures["layer"]["docs_per_s_one_core_with_quotes"] = round(
                len(docs) / (split_s + ent_s + quotes_s), 1
            )
    figures["wall_s"] = round(time.perf_counter() - wall0, 1)
    figures["peak_memory_mb"] = peak_memory_mb()
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
