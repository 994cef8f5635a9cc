"""The ``relate``, ``stories``, ``story`` and ``compare`` commands: stories in the terminal or as JSON.

Article text is untrusted: it is only ever put into rich ``Text`` objects (styled by offsets) through
:func:`pressecho.cli.plain`, never into markup strings, so a headline like "[red]..." prints as
written and no control character of a page reaches the terminal.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pressecho.cli import plain
from pressecho.model import Article, Passage

PASSAGE_STYLE = "black on yellow"
SNIPPET_CHARS = 160
ENTITY_ROWS = 15  # entities listed in the terminal (JSON has them all)
QUOTE_ROWS = 20  # quotations listed in a story's "who said what" (the JSON of each article has them all)
ADDITION_ROWS = 2  # an article's longest own additions shown in the terminal (JSON has them all)


def _corpus(args: argparse.Namespace, readonly: bool = True):  # type: ignore[no-untyped-def]
    from pressecho.corpus import Corpus

    return Corpus.open(args.db, readonly=readonly)


def _dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def cmd_relate(args: argparse.Namespace) -> int:
    with _corpus(args, readonly=False) as corpus:
        try:
            summary = corpus.relate(progress=not args.no_progress, rebuild=args.rebuild)
        except KeyboardInterrupt:
            Console(stderr=True).print(
                plain(
                    "interrupted: the articles related so far are stored; the same command goes on from there"
                )
            )
            return 130
    if args.json:
        print(json.dumps(summary))
    else:
        print_relate_summary(summary)
    return 0


def print_relate_summary(summary: dict[str, Any]) -> None:
    """What a relate run did (:meth:`pressecho.corpus.Corpus.relate`'s summary), on standard error."""
    console = Console(stderr=True)
    console.print(
        plain(
            f"related {summary['added']:,} new articles; "
            f"{summary['articles']:,} articles: {summary['stories']:,} stories "
            f"({summary['multi_article_stories']:,} with several articles), "
            f"{summary['near_duplicates']:,} near-duplicates, {summary['passages']:,} shared passages "
            f"in {summary['reuse_clusters']:,} reuse clusters, {summary['seconds']} s"
        )
    )
    if summary["stale"]:
        console.print(
            plain(
                f"{summary['stale']:,} related articles changed since (re-extracted): "
                "`pressecho relate --rebuild` relates them again",
                style="yellow",
            )
        )


def cmd_stories(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        stories = corpus.stories()
    related = bool(stories)
    if args.min_articles > 1:
        stories = [s for s in stories if s["n_articles"] >= args.min_articles]
    if args.format == "json":
        _dump(stories)
        return 0
    if not stories:
        Console(stderr=True).print(
            f"no story has {args.min_articles} or more articles"
            if related
            else "no stories: run `pressecho relate` on this database first"
        )
        return 0
    Console().print(stories_table(stories, f"{len(stories):,} stories"))
    return 0


def stories_table(stories: list[dict[str, Any]], title: str) -> Table:
    """Stories (as :meth:`pressecho.corpus.Corpus.stories` gives them), one row each: id, first
    publication, articles (with near-copies counted), outlets, title."""
    table = Table(title=title)
    for column in ("story", "first published", "articles", "outlets", "title"):
        # an id is for copying into `pressecho story`: never broken over lines
        table.add_column(column, overflow="fold", no_wrap=column == "story")
    for story in stories:
        copies = sum(1 for a in story["articles"] if a["duplicate_of"])
        count = f"{story['n_articles']}" + (
            f" ({copies} {'copy' if copies == 1 else 'copies'})" if copies else ""
        )
        outlets = ", ".join(dict.fromkeys(a["source"] or "?" for a in story["articles"]))
        table.add_row(
            plain(story["id"]),
            plain(story["first_published"] or "-"),
            plain(count),
            plain(outlets),
            plain(story["title"] or ""),
        )
    return table


def cmd_story(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        try:
            story = corpus.story(args.id)
        except KeyError as exc:
            Console(stderr=True).print(plain(str(exc.args[0]), style="red"))
            return 1
        texts = {a["id"]: corpus.article(a["id"]).text for a in story["articles"]}
    if args.format == "json":
        _dump(story)
        return 0
    console = Console()
    console.print(plain(story["title"] or story["id"], style="bold"))
    console.print(
        plain(f"story {story['id']}: {story['n_articles']} articles from {story['n_sources']} outlets")
    )
    table = Table(title="articles")
    for column in ("#", "id", "outlet", "published", "credits", "reused", "title"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")  # ids are for copying
    number = {a["id"]: i + 1 for i, a in enumerate(story["articles"])}
    for a in story["articles"]:
        reuse = a.get("reuse") or {}
        share = f"{100 * reuse.get('reused_share', 0):.0f}%"
        title = (a["title"] or "") + (
            f"  [copy of #{number[a['duplicate_of']]}]" if a["duplicate_of"] else ""
        )
        table.add_row(
            plain(str(number[a["id"]])),
            plain(a["id"][:12]),
            plain(a["source"] or "-"),
            plain(a["published"] or "-"),
            plain("/".join(a["credits"])),
            plain(share),
            plain(title),
        )
    console.print(table)
    if story["links"]:
        links = Table(title="why they are one story")
        for column in ("link", "kind", "score", "hours apart", "shared terms", "shared names", "passages"):
            links.add_column(column, overflow="fold")
        for link in story["links"]:
            gap = link.get("time_gap_hours")
            links.add_row(
                plain(f"#{number.get(link['a'], '?')} - #{number.get(link['b'], '?')}"),
                plain(link["kind"]),
                plain(f"{link['score']:.2f}"),
                plain("-" if gap is None else f"{gap:.1f}"),
                plain(", ".join(link.get("shared_terms", [])[:6])),
                plain(", ".join(link.get("shared_entities", [])[:6])),
                plain(str(link.get("shared_passages", 0))),
            )
        console.print(links)
    found = story.get("entities")
    if found and found["entities"]:
        read = found["articles_read"]
        note = f", from the first {read} articles" if read < story["n_articles"] else ""
        entities = Table(title=f"who and what (merged across articles{note})")
        for column in ("name", "kind", "also named", "articles", "mentions"):
            entities.add_column(column, overflow="fold")
        for entity in found["entities"][:ENTITY_ROWS]:
            entities.add_row(
                plain(entity["name"]),
                plain(entity["label"]),
                plain(", ".join(entity["aliases"])),
                plain(", ".join(f"#{number[a]}" for a in entity["articles"] if a in number)),
                plain(str(entity["mentions"])),
            )
        console.print(entities)
    said = story.get("said")
    if said:
        quotes = Table(title="who said what (quotations with a speaker; the same words once)")
        for column in ("speaker", "kind", "quotation", "articles"):
            quotes.add_column(column, overflow="fold")
        for row in said[:QUOTE_ROWS]:
            carriers = dict.fromkeys(f"#{number[a['id']]}" for a in row["articles"] if a["id"] in number)
            quotes.add_row(
                plain(row["speaker"]),
                plain(row["kind"]),
                plain(_snippet(row["text"])),
                plain(", ".join(carriers)),
            )
        console.print(quotes)
    if story["passages"]:
        passages = Table(title=f"{len(story['passages'])} shared passages")
        for column in ("pair", "cluster", "text (first article)"):
            passages.add_column(column, overflow="fold")
        for p in story["passages"]:
            snippet = _snippet(texts[p["a"]][p["a_start"] : p["a_end"]])
            passages.add_row(
                plain(f"#{number[p['a']]} - #{number[p['b']]}"),
                plain(str(p["cluster"] or "-")),
                plain(snippet),
            )
        console.print(passages)
    for cluster in story["reuse_clusters"]:
        origin = f"#{number[cluster['origin']]}" if cluster["origin"] in number else cluster["origin"][:12]
        agency = f", agency copy: {cluster['origin_agency']}" if cluster["origin_agency"] else ""
        carriers = ", ".join(f"#{number[a]}" if a in number else a[:12] for a in cluster["article_ids"])
        console.print(
            plain(f"reused copy {cluster['id']}: first carried by {origin}{agency}; carried by {carriers}")
        )
    if story["passages"]:
        own = Table(title="what each article adds (text in no shared passage)")
        for column in ("#", "outlet", "own", "longest additions"):
            own.add_column(column, overflow="fold")
        for a in story["articles"]:
            reuse = a.get("reuse") or {}
            spans = sorted(reuse.get("additions", []), key=lambda span: span[0] - span[1])[:ADDITION_ROWS]
            snippets = [_snippet(texts[a["id"]][start:end]) for start, end in sorted(spans)]
            own.add_row(
                plain(f"#{number[a['id']]}"),
                plain(a["source"] or "-"),
                plain(f"{100 * (1 - reuse.get('reused_share', 0)):.0f}%"),
                plain("\n".join(s for s in snippets if s) or "-"),
            )
        console.print(own)
    return 0


def _snippet(text: str) -> str:
    """Text on one line (a paragraph break shown as ¶), cut at ``SNIPPET_CHARS``."""
    text = " ¶ ".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS] + "…"


def _marked(article: Article, spans: list[tuple[int, int]]) -> Text:
    text = plain(article.text)
    for start, end in spans:
        text.stylize(PASSAGE_STYLE, start, end)
    return text


def _heading(article: Article) -> Text:
    parts = [article.title or article.raw_id[:12], article.source or "", article.published or ""]
    return plain(" · ".join(p for p in parts if p), style="bold")


def cmd_compare(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        try:
            result = corpus.compare(args.a, args.b)
        except KeyError as exc:
            Console(stderr=True).print(plain(str(exc.args[0]), style="red"))
            return 1
    a: Article = result["a"]
    if a.raw_id == result["b"].raw_id:
        Console(stderr=True).print(
            plain(f"{args.a!r} and {args.b!r} are the same article", style="red"), soft_wrap=True
        )
        return 1
    b: Article = result["b"]
    passages: list[Passage] = result["passages"]
    if args.format == "json":
        _dump(
            {
                "a": {"id": a.raw_id, "title": a.title, "source": a.source, "published": a.published},
                "b": {"id": b.raw_id, "title": b.title, "source": b.source, "published": b.published},
                "same_story": result["same_story"],
                "evidence": result["evidence"],
                "passages": [asdict(p) for p in passages],
            }
        )
        return 0
    ev = result["evidence"]
    console = Console()
    verdict = "same story" if result["same_story"] else "different stories"
    console.print(
        plain(
            f"{verdict}: score {ev['score']:.2f} (terms {ev['cosine']:.2f}, names {ev['names']:.2f}, "
            f"numbers {ev['numbers']:.2f}), {len(passages)} shared passages, "
            f"{ev['shared_passage_chars']} characters"
        )
    )
    if ev["shared_terms"]:
        console.print(plain("shared terms: " + ", ".join(ev["shared_terms"])))
    table = Table(show_lines=True, expand=True)
    table.add_column(_heading(a), ratio=1, overflow="fold")
    table.add_column(_heading(b), ratio=1, overflow="fold")
    table.add_row(
        _marked(a, [(p.a_start, p.a_end) for p in passages]),
        _marked(b, [(p.b_start, p.b_end) for p in passages]),
    )
    console.print(table)
    return 0


def positive_count(value: str) -> int:
    """A positive whole number for argparse (0 or -3 articles is a typo, not a filter)."""
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return n


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The story commands, added to the ``pressecho`` parser."""

    def db(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default="pressecho.db", help="the corpus database (default: pressecho.db)")

    p = sub.add_parser(
        "relate",
        help="add the articles not related yet to stories, find shared passages and their origins",
    )
    db(p)
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="forget the stored stories and relate every article again, in date order",
    )
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_relate)

    p = sub.add_parser("stories", help="list the corpus's stories (after `pressecho relate`)")
    db(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--min-articles", type=positive_count, default=1, help="only stories with at least this many articles"
    )
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser(
        "story", help="one story: articles, why they belong together, shared passages, origins"
    )
    p.add_argument("id", help="a story id (or prefix), or the id of one of its articles")
    db(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_story)

    p = sub.add_parser("compare", help="two articles side by side with their shared passages marked")
    p.add_argument("a", help="article id (or prefix)")
    p.add_argument("b", help="article id (or prefix)")
    db(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_compare)
