"""The ``pressecho`` command: a thin skin over the Python API, one subcommand per verb."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

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

err = Console(stderr=True)


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


def render_article(article: Article, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=1)
    return article.body_lines + "\n"


def cmd_extract(args: argparse.Namespace) -> int:
    files = list(iter_files(args.paths))
    if not files:
        err.print("[red]no input files found[/red]")
        return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[tuple[Path, PresseError | OSError]] = []
    show_bar = out_dir is not None and len(files) > 1
    with progress_bar() as bar:
        task = bar.add_task("extract", total=len(files), visible=show_bar)
        for path in files:
            try:
                article = extract(path.read_bytes(), url=None)
            except (PresseError, OSError) as exc:
                failures.append((path, exc))
                bar.console.print(f"[yellow]{path}: {_reason(exc)}: {exc}[/yellow]")
            else:
                rendered = render_article(article, args.format)
                if out_dir:
                    suffix = ".json" if args.format == "json" else ".txt"
                    (out_dir / (path.stem + suffix)).write_text(rendered, encoding="utf-8")
                else:
                    sys.stdout.write(rendered)
            bar.advance(task)
    if len(files) > 1 or failures:
        err.print(f"extracted {len(files) - len(failures)} of {len(files)} files, {len(failures)} failed")
    return 1 if failures else 0


def _reason(exc: BaseException) -> str:
    return getattr(exc, "reason", type(exc).__name__)


def cmd_demo(args: argparse.Namespace) -> int:
    """Extract the bundled example corpus and print what came out of each page."""
    from pressecho.examples import CORPUS_DIR

    files = list(iter_files([CORPUS_DIR]))
    table = Table(title=f"pressecho example corpus: {len(files)} pages")
    for column in ("file", "format", "title", "published", "credits", "paragraphs", "words"):
        table.add_column(column, overflow="fold")
    failed = 0
    for path in files:
        try:
            a = extract(path.read_bytes())
        except PresseError as exc:
            failed += 1
            table.add_row(path.name, "-", f"[red]{_reason(exc)}: {exc}[/red]", "", "", "", "")
            continue
        table.add_row(
            path.name,
            a.format or "",
            (a.title or "")[:70],
            a.published or "",
            "/".join(a.credits),
            str(len(a.paragraphs)),
            str(len(a.text.split())),
        )
    Console().print(table)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressecho", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract clean articles from HTML pages or text dumps")
    p.add_argument("paths", nargs="+", help="files or folders")
    p.add_argument("--out", help="write one <stem>.txt or .json per input file into this folder")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("demo", help="run pressecho on the bundled example corpus")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
