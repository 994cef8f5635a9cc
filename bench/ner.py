"""German NER on GermEval 2014 files, and the throughput of the language layer.

    python bench/ner.py [--data DIR] [--docs FILE.jsonl] [--model FILE]

Tags every ``.tsv`` file in DIR (GermEval 2014 format: index, token, outer tag, inner tag; ``#``
lines are comments) from its tokens alone and scores the outer spans exactly as CoNLL's measure
does: a span counts when its start, end and type all match; micro P/R/F1 over all spans, and per
type. The main figure maps -deriv and -part to O (they are not mentions of the entity itself:
``deutsche``, ``EU-Kommission``), so it scores PER, LOC, ORG, OTH; ``with_deriv_part`` also reports
GermEval's own outer measure, with LOCderiv, ORGpart, ... as classes of their own.

Throughput: documents per second of the language layer on one core (SoMaJo sentences and tokens,
then entities: tagging and normalisation; and with quotations, where that module is present), over news articles from ``--docs`` (default: the source
articles of ``reuse/pairs.jsonl``), and tokens per second of ``ner.tag`` alone. Times are this
process's CPU time (``time.process_time``), so a busy shared machine does not distort them; the
wall time of the whole run is reported beside them.
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
        help="BiLSTM-CRF files to add (default: the shipped ones; none: CRF only)",
    )
    args = parser.parse_args()

    wall0 = time.perf_counter()
    files = sorted(args.data.glob("*.tsv"))
    if not files:
        print(f"no .tsv files in {args.data}", file=sys.stderr)
        return 2
    t0 = time.process_time()
    tagger = ner.Tagger(args.model, neural=args.neural)
    load_s = time.process_time() - t0
    figures: dict = {
        "bench": "ner",
        "model": args.model.name,
        "neural": [f"{n.path.name}*{w}" for n, w in zip(tagger.neural, tagger.neural_weights, strict=True)],
        "model_load_s": round(load_s, 2),
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
        ner.set_default_tagger(tagger)
        split_article(Article.from_paragraphs("warm", [Paragraph("text", "Ein Satz zum Aufwärmen.")]))
        find_entities(Article.from_paragraphs("warm", [Paragraph("text", "Angela Merkel besucht Paris.")]))
        t = time.process_time()
        for doc in docs:
            doc.sentences = split_article(doc)
        split_s = time.process_time() - t
        t = time.process_time()
        n_entities = 0
        for doc in docs:
            n_entities += len(find_entities(doc))
        ent_s = time.process_time() - t
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
        doc_tokens = sum(len(s.tokens) for d in docs for s in d.sentences)
        figures["layer"] = {
            "docs": len(docs),
            "tokens_per_doc": round(doc_tokens / max(len(docs), 1)),
            "entities_per_doc": round(n_entities / max(len(docs), 1), 1),
            "sentences_ms_per_doc": round(split_s / len(docs) * 1000, 2),
            "entities_ms_per_doc": round(ent_s / len(docs) * 1000, 2),
            "docs_per_s_one_core": round(len(docs) / (split_s + ent_s), 1),
        }
        if quotes_s is not None:
            figures["layer"]["quotes_ms_per_doc"] = round(quotes_s / len(docs) * 1000, 2)
            figures["layer"]["docs_per_s_one_core_with_quotes"] = round(
                len(docs) / (split_s + ent_s + quotes_s), 1
            )
    figures["wall_s"] = round(time.perf_counter() - wall0, 1)
    figures["peak_memory_mb"] = peak_memory_mb()
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
