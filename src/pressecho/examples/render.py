"""Render the example corpus (pages under ``corpus/`` and the ``corpus.json`` index) and variant pages.

    python -m pressecho.examples.render            # rewrite corpus/ and corpus.json from stories.py
    python -m pressecho.examples.render --check    # exit 1 if the committed files differ from a re-render

Rendering is deterministic (no clock, no unseeded randomness, stable hashing), so the committed files
are exactly what ``render_corpus`` produces and tests can compare bytes. ``render_variants`` makes
any number of further pages for one outlet with its template and text recombined from the corpus's
own paragraphs, for the ingest and template-learning benchmarks.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pressecho.examples import CORPUS_DIR, INDEX_FILE
from pressecho.examples.source import Fig, Outlet, Resolved, resolve
from pressecho.examples.stories import EVENTS, OUTLETS, STORIES, WIRES
from pressecho.examples.templates import Page, Teaser, first_sentence, page_url, render, slugify

EXTENSIONS = {"html": "html", "block": "txt", "wrapped": "txt"}
OUTLETS_BY_ID: dict[str, Outlet] = {o.id: o for o in OUTLETS}
INDEX_DESCRIPTION = (
    "pressecho's bundled example corpus: invented German-language news (outlets, events, people and "
    "quotes are fiction written for the project). One entry per file under corpus/ with its outlet, URL, "
    "publication time, the known event (story) it reports, and the gold an extractor should give: title, "
    "section, authors, agency credits, image captions, body paragraphs, quotations with speakers. "
    "'agency_copy' names the wire story a page reuses (see agency_copies); 'updates' names the page an "
    "updated re-post replaces. Offsets are not given: paragraphs are the gold text itself. Pages may hold "
    "no-break spaces and hard line breaks inside paragraphs that the gold text does not have. "
    "Regenerate with: python -m pressecho.examples.render"
)


@dataclass(frozen=True)
class Variant:
    """One generated page: its file name, its bytes and its gold (the shape of a corpus.json document)."""

    filename: str
    data: bytes
    entry: dict


@cache
def resolved_stories() -> tuple[Resolved, ...]:
    """Every article with its edits and house style applied, in publication order."""
    wires = {w.id: w for w in WIRES}
    items = [resolve(s, OUTLETS_BY_ID[s.outlet], wires) for s in STORIES]
    return tuple(sorted(items, key=lambda r: (r.story.published, r.story.outlet, r.story.id)))


def _file_name(r: Resolved) -> str:
    short = r.story.id.removeprefix(f"{r.outlet.id}-")
    return f"{r.outlet.id}/{r.story.published[:10]}-{short}.{EXTENSIONS[r.outlet.format]}"


def _url(r: Resolved) -> str:
    number = 41000 + sum(ord(c) for c in r.story.id) % 900
    return page_url(r.outlet, list(r.story.section), r.story.slug, r.story.published, number)


def _teasers(r: Resolved, all_items: tuple[Resolved, ...]) -> list[Teaser]:
    """The outlet's other articles, starting after this one: related-story boxes differ from page to page."""
    own = [x for x in all_items if x.outlet.id == r.outlet.id]
    start = own.index(r)
    others = own[start + 1 :] + own[:start]
    return [
        Teaser(x.title, first_sentence(next(t for k, t in x.paragraphs if k == "text")), _url(x))
        for x in others[:3]
    ]


def page_of(r: Resolved) -> Page:
    return Page(
        outlet=r.outlet,
        id=r.story.id,
        url=_url(r),
        title=r.title,
        published=r.story.published,
        paragraphs=r.paragraphs,
        title_alternatives=r.title_alternatives,
        section=[r.outlet.style(s) for s in r.story.section],
        authors=list(r.story.authors),
        figures=r.figures,
        teasers=_teasers(r, resolved_stories()),
        kicker=r.story.kicker and r.outlet.style(r.story.kicker),
    )


def entry_of(r: Resolved, page: Page, file: str) -> dict:
    """The index entry (and gold) of one rendered page."""
    return {
        "id": r.story.id,
        "file": file,
        "outlet": r.outlet.id,
        "url": page.url,
        "published": r.story.published,
        "dateline": None if r.outlet.format == "wrapped" else r.story.published,
        "event": r.story.event,
        "format": r.outlet.format,
        "encoding": r.outlet.encoding,
        "declared_charset": r.outlet.declared_charset,
        "title": r.title,
        "title_alternatives": r.title_alternatives,
        "section": page.section,
        "authors": page.authors,
        "credits": list(r.story.credits),
        "captions": [{"text": f.text, "credit": f.credit} for f in r.figures],
        "paragraphs": [{"kind": kind, "text": text} for kind, text in r.paragraphs],
        "quotes": r.quotes,
        "agency_copy": r.agency_copy,
        "updates": r.story.updates,
        "words": r.words,
    }


def corpus_files() -> dict[str, bytes]:
    """Every page of the corpus by its path relative to ``corpus/``."""
    return {_file_name(r): render(page_of(r)) for r in resolved_stories()}


def index() -> dict:
    """The content of ``corpus.json``."""
    items = resolved_stories()
    documents = [entry_of(r, page_of(r), _file_name(r)) for r in items]
    return {
        "description": INDEX_DESCRIPTION,
        "format_version": 1,
        "outlets": [
            {
                "id": o.id,
                "name": o.name,
                "domain": o.domain,
                "country": o.country,
                "kind": o.kind,
                "format": o.format,
                "encoding": o.encoding,
                "declared_charset": o.declared_charset,
                "quote_style": o.quote_style,
            }
            for o in OUTLETS
        ],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "place": e.place,
                "date": e.date,
                "documents": [d["id"] for d in documents if d["event"] == e.id],
            }
            for e in EVENTS
        ],
        "agency_copies": [
            {
                "id": w.id,
                "agency": w.agency,
                "credits": list(w.credits),
                "event": w.event,
                "published": w.published,
                "title": w.title,
                "paragraphs": [{"kind": p.kind, "text": p.text} for p in w.paragraphs],
                "carried_by": [d["id"] for d in documents if d["agency_copy"] == w.id],
            }
            for w in WIRES
        ],
        "documents": documents,
    }


def index_bytes() -> bytes:
    return (json.dumps(index(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def render_corpus(out_dir: Path = CORPUS_DIR, index_file: Path | None = INDEX_FILE) -> list[Path]:
    """Write every page under ``out_dir`` (removing pages no longer in the source) and the index."""
    files = corpus_files()
    written: list[Path] = []
    for name, data in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for stale in out_dir.rglob("*"):
        if (
            stale.is_file()
            and stale.suffix in (".html", ".txt")
            and stale.relative_to(out_dir).as_posix() not in files
        ):
            stale.unlink()
    if index_file is not None:
        index_file.write_bytes(index_bytes())
    return written


def check_corpus(out_dir: Path = CORPUS_DIR, index_file: Path = INDEX_FILE) -> list[str]:
    """Paths whose committed bytes differ from a fresh render (empty when everything is up to date)."""
    problems = []
    files = corpus_files()
    for name, data in files.items():
        path = out_dir / name
        if not path.exists() or path.read_bytes() != data:
            problems.append(name)
    for path in out_dir.rglob("*"):
        if (
            path.is_file()
            and path.suffix in (".html", ".txt")
            and path.relative_to(out_dir).as_posix() not in files
        ):
            problems.append(f"{path.relative_to(out_dir).as_posix()} (not in the source)")
    if not index_file.exists() or index_file.read_bytes() != index_bytes():
        problems.append(index_file.name)
    return problems


# ------------------------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class _Pool:
    paragraphs: tuple[str, ...]
    headings: tuple[str, ...]
    titles: tuple[str, ...]
    figures: tuple[Fig, ...]
    credit_lines: tuple[tuple[str, tuple[str, ...]], ...]
    sections: tuple[tuple[str, ...], ...]
    authors: tuple[str, ...]
    kickers: tuple[str, ...]


@cache
def _pool(outlet_id: str) -> _Pool:
    """Material for variant pages of one outlet: the whole corpus's text in that outlet's house style,
    and that outlet's own sections, credits and bylines."""
    outlet = OUTLETS_BY_ID[outlet_id]
    items = resolved_stories()
    own = [r for r in items if r.outlet.id == outlet_id]
    # a story's last paragraph may end with its agency credit ("... statt. (APA)"); mid-body that would
    # be an article's end, so the pool has the paragraphs without it (a variant adds its own at the end)
    credits = {f" {r.story.credit_line}" for r in items if r.story.credit_line}

    def uncredited(text: str) -> str:
        return next((text.removesuffix(c) for c in credits if text.endswith(c)), text)

    paragraphs = {
        outlet.style(uncredited(t)): None for r in items for k, t in r.canonical_paragraphs if k == "text"
    }
    return _Pool(
        paragraphs=tuple(paragraphs),
        headings=tuple(
            {outlet.style(t): None for r in items for k, t in r.canonical_paragraphs if k == "heading"}
        ),
        titles=tuple({outlet.style(t): None for s in STORIES for t in (s.title, *s.title_alternatives)}),
        figures=tuple(f for s in STORIES for f in s.figures),
        credit_lines=tuple(
            {(r.story.credit_line, r.story.credits): None for r in own if r.story.credit_line}
        ),
        sections=tuple({r.story.section: None for r in own}),
        authors=tuple({a: None for r in own for a in r.story.authors}),
        kickers=tuple({r.story.kicker: None for r in own if r.story.kicker}),
    )


def iter_variants(outlet: str, n: int, seed: int = 0) -> Iterator[Variant]:
    """``n`` distinct pages in ``outlet``'s template with text recombined from the corpus, and their gold.

    The same (outlet, seed) always gives the same pages, and the first k of n pages do not depend on n.
    The text mixes paragraphs of different events, so a variant has no ``event``; quotes are not tracked.
    """
    if outlet not in OUTLETS_BY_ID:
        raise ValueError(f"unknown outlet {outlet!r}; the outlets are {', '.join(OUTLETS_BY_ID)}")
    o = OUTLETS_BY_ID[outlet]
    pool = _pool(outlet)
    rng = random.Random(f"{outlet}/{seed}")
    ext = EXTENSIONS[o.format]
    for i in range(n):
        vid = f"v{seed}-{i:06d}"
        body: list[tuple[str, str]] = [("text", t) for t in rng.sample(pool.paragraphs, rng.randint(4, 9))]
        for _ in range(rng.randint(0, 2)):
            body.insert(rng.randint(2, len(body) - 1), ("heading", rng.choice(pool.headings)))
        credit_line, credits = (
            rng.choice(pool.credit_lines) if pool.credit_lines and rng.random() < 0.8 else (None, ())
        )
        if credit_line:
            last = max(j for j, (k, _) in enumerate(body) if k == "text")
            body[last] = ("text", f"{body[last][1]} {credit_line}")
        title = rng.choice(pool.titles)
        alternatives = [rng.choice(pool.titles)] if o.id == "tagesrauschen" and rng.random() < 0.5 else []
        published = (
            f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            f"T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}"
        )
        section = list(rng.choice(pool.sections)) if pool.sections else []
        authors = [rng.choice(pool.authors)] if pool.authors and rng.random() < 0.5 else []
        figures: list[Fig] = []
        if o.format != "wrapped" and rng.random() < 0.8:
            f = rng.choice(pool.figures)
            figures.append(
                Fig(
                    o.style(f.text),
                    f.credit,
                    rng.randint(-1, len(body) - 1),
                    o.style(f.title or "Bildstrecke"),
                    rng.randint(2, 20),
                )
            )
        slug = f"{slugify(title)[:70].rstrip('-')}-{vid}"
        url = page_url(o, section, slug, published, 50000 + i)
        teasers = [
            Teaser(t, first_sentence(rng.choice(pool.paragraphs)), url + f"#t{j}")
            for j, t in enumerate(rng.sample(pool.titles, 3))
        ]
        page = Page(
            outlet=o,
            id=f"{outlet}-{vid}",
            url=url,
            title=title,
            published=published,
            paragraphs=body,  # type: ignore[arg-type]
            title_alternatives=alternatives,
            section=[o.style(s) for s in section],
            authors=authors,
            figures=figures,
            teasers=teasers,
            kicker=rng.choice(pool.kickers) if pool.kickers and rng.random() < 0.6 else None,
        )
        filename = f"{outlet}-{vid}.{ext}"
        entry = {
            "id": page.id,
            "file": filename,
            "outlet": outlet,
            "url": url,
            "published": published,
            "dateline": None if o.format == "wrapped" else published,
            "event": None,
            "format": o.format,
            "encoding": o.encoding,
            "declared_charset": o.declared_charset,
            "title": title,
            "title_alternatives": alternatives,
            "section": page.section,
            "authors": authors,
            "credits": list(credits),
            "captions": [{"text": f.text, "credit": f.credit} for f in figures],
            "paragraphs": [{"kind": k, "text": t} for k, t in body],
            "quotes": None,
            "agency_copy": None,
            "updates": None,
            "words": sum(len(t.split()) for _, t in body),
        }
        yield Variant(filename, render(page), entry)


def render_variants(outlet: str, n: int, seed: int = 0) -> list[tuple[str, bytes]]:
    """``n`` variant pages for ``outlet`` as (file name, bytes); see :func:`iter_variants` for their gold."""
    return [(v.filename, v.data) for v in iter_variants(outlet, n, seed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pressecho.examples.render", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--out", type=Path, default=CORPUS_DIR, help="folder for the pages (default: the package's)"
    )
    parser.add_argument("--index", type=Path, default=INDEX_FILE, help="where to write corpus.json")
    parser.add_argument(
        "--check", action="store_true", help="only compare the committed files with a re-render"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check_corpus(args.out, args.index)
        for p in problems:
            print(f"out of date: {p}", file=sys.stderr)
        return 1 if problems else 0
    written = render_corpus(args.out, args.index)
    print(f"wrote {len(written)} pages to {args.out} and the index to {args.index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
