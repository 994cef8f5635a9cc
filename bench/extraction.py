"""Extraction quality and speed on the development split of the trafilatura evaluation set, and the
gain of per-source templates on pages of the example corpus's invented outlets.

For each input style (``html``, ``block`` and ``wrapped`` text dumps) every page is extracted with
``pressecho.extract`` and its body written as text, one paragraph per line; plain trafilatura runs
on the same HTML as the reference. Each output folder is scored with
``../shared/eval/extraction_score.py`` over all documents and over the German ones. Imports are
warmed up first and the dump cleaner's cache of short lines is emptied before each style, so ms/doc
is the cost of a page the process has not seen in another style.

Templates: for each of the six outlets, ``--templates N`` pages are rendered with
``pressecho.examples.render.iter_variants`` (the outlet's template, text recombined from the corpus),
a template is learnt from them (as a corpus learns it from its documents) and every page is extracted
without and with it. The single-page extractor was developed on these outlets, so it leaves little
for a template to do; the second run (``templates_house_paragraphs``) plays a site it has never
seen: the same pages with two recurring in-body house paragraphs (prose, not in the gold). Paragraphs are scored against the pages' gold (a paragraph counts when its text
and kind are right; precision, recall, F1 over all pages), with the share of pages whose body is exact.

    python bench/extraction.py [--data DIR] [--styles html,block,wrapped] [--keep OUT] [--templates 40]

Prints one JSON line: per style precision/recall/F1 (all, german), ms per document, failures; under
``templates`` per outlet and overall the figures without and with the template and the F1 gain.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pressecho  # noqa: E402
from common import DATA, emit, run_scorer  # noqa: E402
from pressecho.errors import PresseError  # noqa: E402
from pressecho.extract import dumpblocks  # noqa: E402
from pressecho.measure import prf  # noqa: E402

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


def _warm_up() -> None:
    """Import both extraction paths and run each once, so no page pays for a module import."""
    import pressecho.extract.html  # noqa: F401
    import pressecho.extract.textdump  # noqa: F401

    pressecho.extract(b"<html><body><p>" + b"Ein Satz mit einigen Worten. " * 20 + b"</p></body></html>")
    pressecho.extract(("Ein Satz mit einigen Worten. " * 20).encode())


def _paragraph_scores(pages: list[tuple[list[tuple[str, str]], list[tuple[str, str]]]]) -> dict[str, Any]:
    """Precision, recall, F1 of (kind, text) paragraphs over (got, want) pairs, and the share of exact pages."""
    tp = fp = fn = exact = 0
    for got, want in pages:
        g, w = Counter(got), Counter(want)
        hit = sum((g & w).values())
        tp, fp, fn = tp + hit, fp + sum(g.values()) - hit, fn + sum(w.values()) - hit
        exact += got == want
    return prf(tp, fp, fn) | {"exact_pages": round(exact / max(1, len(pages)), 4)}


# Recurring in-body house paragraphs of a site pressecho has never seen: prose, so a single page
# cannot tell them from the article; across an outlet's pages they recur, so a template can.
HOUSE_PARAGRAPHS = (
    "Diese Meldung wird von unserer Redaktion fortlaufend aktualisiert, sobald neue Erkenntnisse vorliegen.",
    "Sie wissen mehr zu diesem Thema? Unsere Reporterinnen und Reporter freuen sich über jeden Hinweis aus der Region.",
)


def _with_house_paragraphs(data: bytes, entry: dict[str, Any]) -> bytes | None:
    """The page with ``HOUSE_PARAGRAPHS`` before its last text paragraph, in the page's own markup
    (HTML paragraph, dump block or wrapped paragraph); None where that paragraph is not found."""
    import re

    encoding = entry.get("encoding") or "utf-8"
    text = data.decode(encoding)
    last = [p["text"] for p in entry["paragraphs"] if p["kind"] == "text"][-1]
    start = re.search(r"\s+".join(map(re.escape, last.split()[:4])), text)
    if start is None:
        return None
    if entry["format"] == "html":
        at = text.rfind("<p", 0, start.start())
        insert = "".join(f"<p>{p}</p>\n" for p in HOUSE_PARAGRAPHS)
    else:
        at = text.rfind("\n", 0, start.start()) + 1
        insert = "".join(f"{p}\n\n" for p in HOUSE_PARAGRAPHS)
    if at < 0:
        return None
    return (text[:at] + insert + text[at:]).encode(encoding)


def run_templates(pages_per_outlet: int, seed: int = 0, house: bool = False) -> dict[str, Any]:
    """Paragraph scores per outlet without and with a template learnt from the outlet's pages (with
    ``house``: pages carrying ``HOUSE_PARAGRAPHS``, which the gold does not have)."""
    from pressecho.examples.render import OUTLETS_BY_ID, Variant, iter_variants
    from pressecho.extract import templates
    from pressecho.extract.decode import decode

    report: dict[str, Any] = {"pages_per_outlet": pages_per_outlet, "seed": seed, "outlets": {}}
    overall: dict[str, list] = {"without": [], "with": []}
    for outlet in OUTLETS_BY_ID:
        variants = list(iter_variants(outlet, pages_per_outlet, seed))
        if house:
            changed = [(v, _with_house_paragraphs(v.data, v.entry)) for v in variants]
            variants = [Variant(v.filename, data, v.entry) for v, data in changed if data is not None]
        started = time.perf_counter()
        template = templates.learn([templates.units(decode(v.data).text) for v in variants], source=outlet)
        learn_seconds = time.perf_counter() - started
        figures: dict[str, Any] = {"units": len(template), "articles": template.articles}
        for name, used in (("without", None), ("with", template)):
            pairs = []
            elapsed = 0.0
            for v in variants:
                start = time.perf_counter()
                try:
                    article = pressecho.extract(v.data, url=v.entry["url"], template=used)
                    got = [(p.kind, p.text) for p in article.paragraphs]
                except PresseError:
                    got = []
                elapsed += time.perf_counter() - start
                pairs.append((got, [(p["kind"], p["text"]) for p in v.entry["paragraphs"]]))
            figures[name] = _paragraph_scores(pairs) | {
                "ms_per_doc": round(1000 * elapsed / max(1, len(variants)), 3)
            }
            overall[name] += pairs
        figures["f1_gain"] = round(figures["with"]["f1"] - figures["without"]["f1"], 4)
        figures["learn_ms_per_page"] = round(1000 * learn_seconds / max(1, len(variants)), 3)
        report["outlets"][outlet] = figures
        print(
            f"templates{' (house)' if house else ''} {outlet:17s} F1 {figures['without']['f1']:.4f} -> {figures['with']['f1']:.4f}  "
            f"precision {figures['without']['precision']:.4f} -> {figures['with']['precision']:.4f}  "
            f"{len(template)} units",
            file=sys.stderr,
        )
    report["all"] = {name: _paragraph_scores(pairs) for name, pairs in overall.items()}
    report["all"]["f1_gain"] = round(report["all"]["with"]["f1"] - report["all"]["without"]["f1"], 4)
    return report


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
    parser.add_argument(
        "--templates",
        type=int,
        default=40,
        help="pages per invented outlet for the template figures (0: none)",
    )
    args = parser.parse_args()
    _warm_up()

    gold_path = args.data / "gold.json"
    ids = sorted(json.loads(gold_path.read_text(encoding="utf-8")))
    work = args.keep or Path(tempfile.mkdtemp(prefix="pressecho-bench-"))
    figures: dict[str, Any] = {}
    runs = [s for s in args.styles.split(",") if s]
    if not args.no_reference:
        runs.append("trafilatura")
    for style in runs:
        out = work / style
        dumpblocks._SHAPE_CACHE.clear()  # no style profits from the lines of another style's pages
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
    if args.templates > 0:
        figures["templates"] = run_templates(args.templates)
        figures["templates_house_paragraphs"] = run_templates(args.templates, house=True)
    emit(figures)


if __name__ == "__main__":
    main()
