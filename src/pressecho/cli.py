"""The ``pressecho`` command: a thin skin over the Python API, one subcommand per verb."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from pressecho.errors import PresseError
from pressecho.extract import extract
from pressecho.ingest.files import iter_files
from pressecho.model import Article
from pressecho.store.export import WHAT
from pressecho.store.sqlite import FAILURE_STAGES

err = Console(stderr=True)

# control characters as the symbols Unicode has for them ("\x1b" -> "␛"), C1 ones as "�"; newline and
# tab stay. One character for one, so styles set by offsets (passages in ``compare``) still fit.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_SYMBOLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421}
_CONTROL_SYMBOLS |= {c: 0xFFFD for c in range(0x80, 0xA0)}


def printable(text: object) -> str:
    """Untrusted text (a page's, a source field's, an error's) safe to write to a terminal: no
    control character of it reaches the terminal, so no escape sequence in it can act there."""
    s = str(text)
    return s.translate(_CONTROL_SYMBOLS) if _CONTROL.search(s) else s


def plain(text: object, style: str = "") -> Text:
    """Untrusted text for rich output: never read as markup, control characters made visible."""
    return Text(printable(text), style=style)


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "-/s", style="progress.data.speed")


def progress_bar(console: Console | None = None) -> Progress:
    """The one progress bar of the CLI: count, rate and time left."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        console=console or err,
    )


def render_article(article: Article, fmt: str, *, lines: bool = False) -> str:
    """The article as ``--format`` asks: body lines, or JSON (one line per article when ``lines``)."""
    if fmt == "json":
        if lines:
            return json.dumps(article.to_dict(), ensure_ascii=False) + "\n"
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=1)
    return article.body_lines + "\n"


def _out_name(path: Path, suffix: str, used: set[str]) -> str:
    """``<stem><suffix>``, made unique when two inputs share a stem (``a/x.html``, ``b/x.html``)."""
    name = path.stem + suffix
    n = 1
    while name in used:
        n += 1
        name = f"{path.stem}-{n}{suffix}"
    used.add(name)
    return name


def cmd_extract(args: argparse.Namespace) -> int:
    files = list(iter_files(args.paths))
    if not files:
        err.print("[red]no input files found[/red]")
        return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".json" if args.format == "json" else ".txt"
    used: set[str] = set()
    failures: list[tuple[Path, PresseError | OSError]] = []
    show_bar = out_dir is not None and len(files) > 1
    with progress_bar() as bar:
        task = bar.add_task("extract", total=len(files), visible=show_bar)
        for path in files:
            try:
                article = extract(path.read_bytes(), url=None)
                if out_dir:
                    target = out_dir / _out_name(path, suffix, used)
                    target.write_text(render_article(article, args.format), encoding="utf-8")
                else:
                    # JSON on stdout is JSON Lines, so a folder's worth stays parseable
                    sys.stdout.write(render_article(article, args.format, lines=True))
            except BrokenPipeError:  # the reader of standard output left: no file is to blame (see main)
                raise
            except (PresseError, OSError) as exc:
                failures.append((path, exc))
                bar.console.print(plain(f"{path}: {_reason(exc)}: {exc}", style="yellow"), soft_wrap=True)
            bar.advance(task)
    if len(files) > 1 or failures:
        err.print(f"extracted {len(files) - len(failures)} of {len(files)} files, {len(failures)} failed")
    return 1 if failures else 0


def _reason(exc: BaseException) -> str:
    return getattr(exc, "reason", type(exc).__name__)


def cmd_demo(args: argparse.Namespace) -> int:
    """The main job on the bundled example corpus: ingest, analyse, relate, then show the stories.

    The corpus goes into ``--db`` (kept, so ``pressecho story ... --db`` can look further); running
    the demo again adds nothing and shows the same stories. ``--extract-only`` only extracts the
    pages and prints what came out of each.
    """
    from pressecho.corpus import Corpus
    from pressecho.examples import CORPUS_DIR
    from pressecho.relate.show import print_relate_summary, stories_table

    if args.extract_only:
        return _demo_extract(CORPUS_DIR)
    with Corpus.open(args.db) as corpus:
        ingested = corpus.ingest(
            CORPUS_DIR, source_from_folder=True, workers=args.workers, progress=not args.no_progress
        )
        _print_ingest(ingested)
        analysed = _run_analyze(corpus, args, everything=False)
        if isinstance(analysed, int):
            return analysed
        _print_analyze(analysed)
        print_relate_summary(corpus.relate(progress=not args.no_progress))
        stories = corpus.stories()
    Console().print(stories_table(stories, f"pressecho example corpus: {len(stories)} stories in {args.db}"))
    if stories:
        first = stories[0]["articles"]
        err.print(f"next: pressecho story {stories[0]['id']} --db {args.db}", soft_wrap=True, markup=False)
        if len(first) > 1:
            err.print(
                f"      pressecho compare {first[0]['id'][:12]} {first[1]['id'][:12]} --db {args.db}",
                soft_wrap=True,
                markup=False,
            )
        err.print(
            f"      pressecho quotes --story {stories[0]['id']} --db {args.db}", soft_wrap=True, markup=False
        )
        word = next((w.strip("«»„“:,.!?") for w in (stories[0]["title"] or "").split() if len(w) > 4), None)
        if word:
            err.print(f"      pressecho search {word} --db {args.db}", soft_wrap=True, markup=False)
    failed = sum(ingested.failed.values()) + sum(ingested.unreadable.values()) + sum(analysed.failed.values())
    return 1 if failed else 0


def _demo_extract(folder: Path) -> int:
    """Extract every page of a folder and print what came out of each (``pressecho demo --extract-only``)."""
    files = list(iter_files([folder]))
    table = Table(title=f"pressecho example corpus: {len(files)} pages")
    for column in ("file", "format", "title", "published", "credits", "paragraphs", "words"):
        table.add_column(column, overflow="fold")
    failed = 0
    for path in files:
        try:
            a = extract(path.read_bytes())
        except PresseError as exc:
            failed += 1
            table.add_row(plain(path.name), "-", plain(f"{_reason(exc)}: {exc}", style="red"), "", "", "", "")
            continue
        table.add_row(
            plain(path.name),
            a.format or "",
            plain((a.title or "")[:70]),
            plain(a.published or ""),
            plain("/".join(a.credits)),
            str(len(a.paragraphs)),
            str(len(a.text.split())),
        )
    Console().print(table)
    return 1 if failed else 0


# ------------------------------------------------------------------------------ corpus commands


def _open_corpus(args: argparse.Namespace, *, readonly: bool = False):  # type: ignore[no-untyped-def]
    from pressecho.corpus import Corpus

    return Corpus.open(args.db, readonly=readonly)


def _counts_line(counter: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n:,}" for reason, n in sorted(counter.items(), key=lambda kv: -kv[1]))


def cmd_ingest(args: argparse.Namespace) -> int:
    from pressecho.ingest import FetchOptions, ReadOptions

    options = ReadOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
        id_field=args.id_field,
        source_field=args.source_field or None,
        title_field=args.title_field or None,
        date_field=args.date_field or None,
        authors_field=args.authors_field or None,
        language_field=args.language_field or None,
        time_field=args.time_field,
        source=args.source,
        source_from_folder=args.source_from_folder,
        fetch=FetchOptions(
            timeout=args.timeout, delay=args.delay, robots=not args.ignore_robots, user_agent=args.user_agent
        ),
    )
    with _open_corpus(args) as corpus:
        try:
            summary = corpus.ingest(
                *args.sources,
                workers=args.workers,
                progress=not args.no_progress,
                options=options,
                refetch=args.refetch,
                commit_every=args.commit_every,
            )
        except KeyboardInterrupt:
            err.print(
                "interrupted: what was read is stored; the same command again resumes without duplicates"
            )
            return 130
        if not args.json:
            _print_ingest(summary)
        analysis = _run_analyze(corpus, args, everything=False) if args.analyze else None
        if isinstance(analysis, int):
            return analysis
    if args.json:
        data = summary.as_dict()
        if analysis is not None:
            data["analyze"] = analysis.as_dict()
        print(json.dumps(data, ensure_ascii=False))
    elif analysis is not None:
        _print_analyze(analysis)
    # nothing at all could be read (a mistyped path, an unreachable feed): a script must notice
    return 1 if summary.seen == 0 and summary.unreadable and not summary.skipped else 0


def _print_ingest(summary: Any) -> None:
    err.print(
        f"ingested {summary.ingested:,} new documents ({summary.extracted:,} with an article), "
        f"{summary.duplicates:,} duplicates, in {summary.seconds:,.1f} s ({summary.docs_per_second:,.1f}/s)",
        soft_wrap=True,
    )
    if summary.failed:
        err.print(f"  extraction failed: {_counts_line(summary.failed)}")
    if summary.unreadable:
        err.print(f"  unreadable records: {_counts_line(summary.unreadable)}")
    if summary.skipped:
        err.print(f"  skipped: {_counts_line(summary.skipped)}")


def _run_analyze(corpus: Any, args: argparse.Namespace, *, everything: bool) -> Any:
    """The language stage over the corpus; the summary, or 130 when interrupted."""
    try:
        return corpus.analyze(workers=args.workers, progress=not args.no_progress, everything=everything)
    except KeyboardInterrupt:
        err.print("interrupted: what was analysed is stored; the same command again goes on from there")
        return 130


def _print_analyze(summary: Any) -> None:
    err.print(
        f"analysed {summary.analyzed:,} articles ({summary.sentences:,} sentences, {summary.entities:,} "
        f"entities, {summary.quotes:,} quotes), {summary.up_to_date:,} up to date, "
        f"in {summary.seconds:,.1f} s ({summary.docs_per_second:,.1f}/s)",
        soft_wrap=True,
    )
    if summary.copied:
        err.print(f"  copied: {summary.copied:,} (the same text as an analysed article)")
    if summary.skipped:
        err.print(f"  not analysed: {_counts_line(summary.skipped)}")
    if summary.failed:
        err.print(f"  analysis failed: {_counts_line(summary.failed)}")


def cmd_analyze(args: argparse.Namespace) -> int:
    with _open_corpus(args) as corpus:
        summary = _run_analyze(corpus, args, everything=args.all)
    if isinstance(summary, int):
        return summary
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
        return 0
    _print_analyze(summary)
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    with _open_corpus(args) as corpus:
        summary = corpus.reextract(everything=args.all, workers=args.workers, progress=not args.no_progress)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
        return 0
    err.print(
        f"re-extracted {summary.documents:,} documents with extractor {summary.version}: "
        f"{summary.extracted:,} articles ({summary.changed:,} changed), in {summary.seconds:,.1f} s",
        soft_wrap=True,
    )
    if summary.failed:
        err.print(f"  extraction failed: {_counts_line(summary.failed)}")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    """Outlets with their boilerplate templates; ``--learn`` learns them (and re-extracts what changes)."""
    with _open_corpus(args, readonly=not args.learn) as corpus:
        report = None
        if args.learn:
            report = corpus.learn_templates(
                *args.source,
                min_docs=args.min_docs,
                force=args.force,
                workers=args.workers,
                progress=not args.no_progress,
            )
        outlets = corpus.templates()
    if args.source:
        outlets = [o for o in outlets if o["source"] in args.source]
    if args.json:
        print(json.dumps({"learn": report, "outlets": outlets}, ensure_ascii=False))
        return 0
    if report is not None:
        err.print(
            f"learnt {len(report['learned'])} templates, re-extracted {report['reextracted']:,} documents "
            f"({report['changed']:,} changed) in {report['seconds']:,.1f} s"
        )
    table = Table(title="outlet templates")
    for column in ("outlet", "documents", "units", "learnt from", "learnt at"):
        table.add_column(column)
    for o in outlets:
        t = o["template"]
        table.add_row(
            plain(o["source"]),
            f"{o['documents']:,}",
            str(len(t["units"])) if t else "-",
            f"{t['pages']} pages, {t['articles']} articles" if t else "-",
            t["learnt_at"] if t else "-",
        )
    Console().print(table)
    if args.units:
        for o in outlets:
            for unit in (o["template"] or {}).get("units", []):
                print(printable(f"{o['source']}\t{unit}"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with _open_corpus(args, readonly=True) as corpus:
        try:
            rows = corpus.export(args.out, args.format, what=args.what, spreadsheet=not args.plain_csv)
        except ValueError as exc:
            err.print(plain(exc, style="red"))
            return 2
    unit = {"stories": "story articles"}.get(args.what, args.what)  # one row per article of a story
    err.print(f"exported {rows:,} {unit} to {args.out}", markup=False)
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    with _open_corpus(args, readonly=True) as corpus:
        try:
            entries = corpus.said(
                speaker=args.speaker, story=args.story, source=args.source, since=args.since, until=args.until
            )
        except KeyError as exc:
            err.print(plain(exc.args[0], style="red"))
            return 1
        except ValueError as exc:
            err.print(plain(exc, style="red"))
            return 2
    if args.limit:
        entries = entries[: args.limit]
    if args.format == "json":
        print(json.dumps(entries, ensure_ascii=False, indent=1))
        return 0
    if not entries:
        err.print("no quotation matches (`pressecho analyze` finds them)")
        return 0
    table = Table(title=f"who said what: {len(entries)} quotations, in the order first published")
    for column in ("speaker", "words", "carried by"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        words = plain(entry["text"])
        words.append(
            plain(f"  ({entry['kind']}" + (f", {entry['cue']})" if entry["cue"] else ")"), style="dim")
        )
        carriers = ", ".join(
            dict.fromkeys(
                f"{a['source'] or '?'} {(a['published'] or '')[:10]}".strip() for a in entry["articles"]
            )
        )
        stories = {a["story"] for a in entry["articles"] if a["story"]}
        if len(stories) == 1:
            carriers += f"\nstory {next(iter(stories))}"
        table.add_row(plain(entry["speaker"], style="bold"), words, plain(carriers))
    Console().print(table)
    return 0


def _snippet(snippet: str) -> Text:
    """A search snippet with its matched words highlighted (the markers never come from the text)."""
    from pressecho.store.search import MATCH_END, MATCH_START

    out = Text()
    for k, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", snippet)):
        out.append_text(plain(piece, style="bold yellow" if k % 2 else ""))
    return out


def cmd_search(args: argparse.Namespace) -> int:
    from pressecho.store.search import MATCH_END, MATCH_START

    query = " ".join(args.query)
    with _open_corpus(args, readonly=True) as corpus:
        try:
            hits = corpus.search(
                query, limit=args.limit, source=args.source, since=args.since, until=args.until
            )
        except ValueError as exc:
            err.print(plain(exc, style="red"))
            return 2
    if args.format == "json":
        for hit in hits:
            hit["snippet"] = hit["snippet"].replace(MATCH_START, "").replace(MATCH_END, "")
        print(json.dumps(hits, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        err.print(plain(f"no article matches {query!r}"))
        return 0
    table = Table(title=plain(f"{len(hits)} articles matching {query!r}, best first"))
    for column in ("article", "story", "outlet", "published", "title and text"):
        table.add_column(column, overflow="fold", no_wrap=column in ("article", "story"))
    for hit in hits:
        text = plain(hit["title"] or "", style="bold")
        text.append("\n")
        text.append_text(_snippet(hit["snippet"]))
        table.add_row(
            plain(hit["id"][:12]), plain(hit["story"] or "-"), plain(hit["source"] or "-"),
            plain(hit["published"] or "-"), text,
        )  # fmt: skip
    Console().print(table)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    with _open_corpus(args, readonly=True) as corpus:
        info = corpus.info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return 0
    table = Table(title=f"corpus {info['path']}", show_header=False)
    for key in ("documents", "articles", "sources", "runs", "raw_bytes", "stored_bytes", "file_bytes"):
        table.add_row(key.replace("_", " "), f"{info[key]:,}")
    table.add_row("extraction failures", _counts_line(info["extraction_failures"]) or "none")
    table.add_row("unreadable records", _counts_line(info["read_failures"]) or "none")
    table.add_row("extractor versions", _counts_line(info["extractor_versions"]) or "none")
    table.add_row("current extractor", info["current_extractor_version"])
    table.add_row("languages", _counts_line(info["languages"]) or "none")
    language = info.get("language") or {}
    if language:
        table.add_row(
            "analysed",
            f"{language['analyzed']:,} articles: {language['sentences']:,} sentences, "
            f"{language['entities']:,} entities, {language['quotes']:,} quotes",
        )
        waiting = language.get("waiting", 0) + language.get("text_changed", 0)
        table.add_row("to analyse", f"{waiting:,} (pressecho analyze)" if waiting else "none")
        table.add_row("not analysed", _counts_line(language["skipped"]) or "none")
        table.add_row("analysis failures", _counts_line(language["failed"]) or "none")
    related = info["related"]
    if related.get("articles"):
        table.add_row(
            "related",
            f"{related['articles']:,} articles: {related['stories']:,} stories "
            f"({related['multi_article_stories']:,} with several articles), "
            f"{related['near_duplicates']:,} near-duplicates, {related['passages']:,} shared passages",
        )
    else:
        table.add_row("related", "not yet (pressecho relate)")
    Console().print(table)
    return 0


def cmd_failures(args: argparse.Namespace) -> int:
    with _open_corpus(args, readonly=True) as corpus:
        for shown, failure in enumerate(corpus.failures(stage=args.stage, reason=args.reason)):
            if args.limit and shown >= args.limit:
                break
            print(json.dumps(failure, ensure_ascii=False))
    return 0


def _add_corpus_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from pressecho.relate.show import positive_count

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on this day or later")
        p.add_argument("--until", metavar="YYYY-MM-DD", help="only articles published on this day or earlier")

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default="pressecho.db", help="the corpus database (default: pressecho.db)")

    p = sub.add_parser(
        "ingest", help="store documents (files, folders, JSONL, CSV, WARC, URLs, feeds) in a corpus"
    )
    p.add_argument(
        "sources", nargs="+", help="files, folders, .jsonl/.csv/.warc(.gz) files, http(s) URLs or feeds"
    )
    db(p)
    p.add_argument("--workers", type=int, default=None, help="extraction processes (default: one per core)")
    p.add_argument("--text-field", default="text", help="JSONL/CSV field with a text dump (default: text)")
    p.add_argument("--html-field", default="html", help="JSONL/CSV field with HTML (default: html)")
    p.add_argument("--url-field", default="url", help="JSONL/CSV field with the URL (default: url)")
    p.add_argument("--id-field", default="id", help="JSONL/CSV field with a record id (default: id)")
    p.add_argument(
        "--source-field",
        default="source",
        help="JSONL/CSV field naming the outlet (default: source; without it the URL's host)",
    )
    p.add_argument(
        "--title-field",
        default="title",
        help="JSONL/CSV field with the article's title, preferred to the page's ('' to ignore; default: title)",
    )
    p.add_argument(
        "--date-field",
        default="date",
        help="JSONL/CSV field with the publication date (ISO 8601, RFC 2822, Unix seconds), preferred to "
        "the page's ('' to ignore; default: date)",
    )
    p.add_argument(
        "--authors-field",
        default="authors",
        help="JSONL/CSV field with the authors, a list or names separated by ';' ('' to ignore; default: authors)",
    )
    p.add_argument(
        "--language-field",
        default="language",
        help="JSONL/CSV field with the language code ('de', 'de-CH'), preferred to detection ('' to ignore; "
        "default: language)",
    )
    p.add_argument("--time-field", help="JSONL/CSV field with the fetch time")
    p.add_argument("--source", help="the outlet of everything ingested (overrides URL hosts)")
    p.add_argument(
        "--source-from-folder",
        action="store_true",
        help="a file's outlet is the first folder below the folder named (corpus/<outlet>/page.html)",
    )
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server (default: 20)")
    p.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to one host (default: 1)"
    )
    p.add_argument("--ignore-robots", action="store_true", help="fetch what robots.txt disallows")
    p.add_argument(
        "--user-agent",
        help="User-Agent for fetching, e.g. with a contact address (default: pressecho/<version>)",
    )
    p.add_argument("--refetch", action="store_true", help="fetch feed links that are already stored")
    p.add_argument("--commit-every", type=int, default=500, help=argparse.SUPPRESS)
    p.add_argument(
        "--analyze",
        action="store_true",
        help="then run the language stage (as `pressecho analyze`); ingest alone leaves it for later",
    )
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "analyze",
        help="sentences, entities and quotes of the corpus's articles not analysed yet (German; others are noted)",
    )
    db(p)
    p.add_argument("--all", action="store_true", help="all articles, not only new and stale ones")
    p.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("reextract", help="extract stored documents again with this pressecho")
    db(p)
    p.add_argument("--all", action="store_true", help="all documents, not only those of older extractors")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser(
        "templates", help="outlets' boilerplate templates (learnt from their pages): show them, or --learn"
    )
    db(p)
    p.add_argument("--learn", action="store_true", help="learn missing and out-of-date templates now")
    p.add_argument("--force", action="store_true", help="with --learn: learn every outlet's template again")
    p.add_argument("--source", action="append", default=[], help="only this outlet (repeatable)")
    p.add_argument("--min-docs", type=int, default=8, help="documents an outlet needs for a template (8)")
    p.add_argument("--units", action="store_true", help="also print each template's units (outlet TAB text)")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_templates)

    p = sub.add_parser(
        "quotes", help="who said what: quotations by speaker, each with the articles carrying it"
    )
    db(p)
    p.add_argument("--speaker", help="only speakers whose name contains this (case does not matter)")
    p.add_argument(
        "--story", help="only the quotations of one story (its id, a prefix, or one of its articles)"
    )
    p.add_argument("--source", help="only this outlet's articles")
    p.add_argument("--limit", type=positive_count, help="at most this many quotations")
    period(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("search", help="full-text search: the articles that match a query, with their stories")
    p.add_argument(
        "query",
        nargs="+",
        help='words (all required, -word excluded), or SQLite FTS5 syntax: "Kim Jong Un", Putin OR Kim, Bundes*, '
        "title: Gipfel",
    )
    db(p)
    p.add_argument("--limit", type=positive_count, default=20, help="how many articles (default: 20)")
    period(p)
    p.add_argument("--source", help="only this outlet's articles")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "export",
        help="write the corpus's articles, quotes, entities, stories, passages ... (--what) as jsonl, parquet or csv",
    )
    p.add_argument("out", help="output file (- for standard output with jsonl or csv)")
    db(p)
    p.add_argument("--format", choices=["jsonl", "parquet", "csv"], help="default: from the file name")
    p.add_argument(
        "--plain-csv",
        action="store_true",
        help="CSV as written, for programs: no byte order mark, no apostrophe before cells that a "
        "spreadsheet would run as formulas (the default guards Excel and LibreOffice users)",
    )
    p.add_argument(
        "--what",
        choices=list(WHAT),
        default="articles",
        help="articles (with sentences, entities, quotes in jsonl), failures, quotes, entities "
        "(one row each, mentions as a list), mentions (one row each), stories (one row per article "
        "of each story), passages (shared text, offsets on both sides) or links (why articles are one story)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help="what a corpus holds: documents, articles, failures by reason")
    db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("failures", help="list failed and unreadable documents with reasons (JSON lines)")
    db(p)
    p.add_argument("--stage", choices=FAILURE_STAGES)
    p.add_argument("--reason", help="only this reason code")
    p.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")
    p.set_defaults(func=cmd_failures)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressecho", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract clean articles from HTML pages or text dumps")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("--out", help="write one <stem>.txt or .json per input file into this folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "demo", help="ingest, analyse and relate the bundled example corpus, then show its stories"
    )
    p.add_argument(
        "--db", default="pressecho-demo.db", help="the corpus database (default: pressecho-demo.db)"
    )
    p.add_argument("--extract-only", action="store_true", help="only extract the pages and list them")
    p.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=cmd_demo)

    _add_corpus_parsers(sub)
    from pressecho.relate.show import add_parsers as add_story_parsers

    add_story_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # a search's excluded words ("Schulhaus -Thun") look like options to argparse: they are the query's
        if getattr(args, "func", None) is cmd_search and all(re.match(r"-\w", word) for word in extra):
            args.query += extra
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # the reader of standard output left (`pressecho export - | head`): stop quietly as Unix tools do;
        # standard output goes to /dev/null so the interpreter's last flush cannot fail again
        with contextlib.suppress(OSError, ValueError):  # no real file behind sys.stdout (tests capture it)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a process a closed pipe ended
    except PresseError as exc:  # e.g. a database that is not a corpus: say so, no traceback
        err.print(plain(f"{_reason(exc)}: {exc}", style="red"))
        return 2
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        # a read-only command on a corpus an older pressecho made: reading does not upgrade it
        err.print(
            plain(
                f"store-error: the corpus was made by an older pressecho and lacks what this command "
                f"reads ({exc}); a writing command (pressecho analyze, relate or ingest) upgrades it",
                style="red",
            )
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
