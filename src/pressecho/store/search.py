"""Full-text search over the corpus's articles (schema migration 6): SQLite's FTS5 index.

FTS5 rather than a search server: it is part of the SQLite every Python ships with, ranks by BM25,
cuts snippets, and lives in the corpus file, so there is no second store to keep in step. The index
holds no second copy of the text: it is an external-content index over the view ``articles_search``
(title and text of each article by its raw document's integer ``rowid``, which, unlike the
``articles`` table's implicit rowid, VACUUM never renumbers). Triggers on ``articles`` keep it
current whatever writes articles: ingest, re-extraction, an article dropped because a newer extractor
finds none. Raw documents are never deleted, so an article's key always resolves.

Words are Unicode letters and digits with case and diacritics folded ("Zurich" finds "Zürich").
German compounds are single words: "Regierung" does not find "Bundesregierung", the prefix query
"Bundes*" does. A query is FTS5's syntax (``Putin AND Kim``, ``"Kim Jong Un"``, ``NEAR(a b)``,
``title: Gipfel``); one that is not valid there (a stray quote, ``Kim-Jong``, ``Putin -Kreml``) is read
as plain words, each a phrase, all required but those with a minus before them, which are excluded.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from typing import Any

MIGRATION = """
CREATE VIEW articles_search AS
    SELECT r.rowid AS doc, a.title AS title, a.text AS text
    FROM articles a JOIN raw_documents r ON r.id = a.raw_id;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles_search', content_rowid = 'doc', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text)
    VALUES ((SELECT rowid FROM raw_documents WHERE id = new.raw_id), new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', (SELECT rowid FROM raw_documents WHERE id = old.raw_id), old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', (SELECT rowid FROM raw_documents WHERE id = old.raw_id), old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text)
    VALUES ((SELECT rowid FROM raw_documents WHERE id = new.raw_id), new.title, new.text);
END;

INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

# where a snippet's matched words start and end: control characters, which extraction removes from
# every text, so they cannot come from the article itself
MATCH_START, MATCH_END = "\x02", "\x03"
TITLE_WEIGHT = 5.0  # a word in the title counts five times one in the body (BM25 column weights)
_WORD = re.compile(r"\w+", re.UNICODE)
# FTS5 scores and snippets every matching row against every term: 200 words took 4 s over 10,000
# articles, a pasted page of 3,000 words more than ten minutes
MAX_QUERY_WORDS = 64
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain_query(query: str) -> str:
    """Plain words as an FTS5 query: each word a phrase (so "Kim-Jong" is the two words in a row), and a
    word with a minus before it excluded, as in web search ("Putin -Kreml" had found only articles
    *with* Kreml: FTS5 rejects the minus, and the word became one more required phrase)."""
    words = [w.replace('"', "") for w in query.split()]
    wanted = [f'"{word}"' for word in words if not word.startswith("-") and _WORD.search(word)]
    unwanted = [f'"{word[1:]}"' for word in words if word.startswith("-") and _WORD.search(word)]
    if not wanted:
        return ""
    return f"({' '.join(wanted)}) NOT ({' OR '.join(unwanted)})" if unwanted else " ".join(wanted)


def date_bounds(since: str | None, until: str | None) -> tuple[str, list[str]]:
    """SQL conditions on ``a.published`` for a period of days (``YYYY-MM-DD``, both ends included;
    an article with no date is outside any period). Raises ``ValueError`` for another spelling."""
    clauses, params = [], []
    for bound, op, value in (("since", ">=", since), ("until", "<", until)):
        if value is None:
            continue
        try:
            day = date.fromisoformat(value.strip()) if _DAY.fullmatch(value.strip()) else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"--{bound} takes a day as YYYY-MM-DD, not {value!r}")
        if op == "<":  # the whole last day: everything before the next one
            day += timedelta(days=1)
        clauses.append(f" AND a.published {op} ?")
        params.append(day.isoformat())
    return "".join(clauses), params


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """The best-matching articles, best first: id, outlet, date, title, story (once related), a
    snippet of the text with the matched words between :data:`MATCH_START` and :data:`MATCH_END`,
    and the BM25 score (lower is better, as SQLite reports it); of one outlet, published within
    ``since`` .. ``until`` (days, :func:`date_bounds`). Raises ``ValueError`` for a query with no words."""
    period, period_params = date_bounds(since, until)
    if not query.strip():
        raise ValueError("an empty query matches nothing; give some words")
    if (words := len(_WORD.findall(query))) > MAX_QUERY_WORDS:
        raise ValueError(
            f"the query has {words:,} words, more than {MAX_QUERY_WORDS}: search for a few of its rarest "
            "words, or a phrase of them"
        )
    # (a corpus with the search index, schema 6, has the relate tables of schema 4 too)
    sql = (
        "SELECT a.raw_id, a.source, a.published, a.title, "
        "(SELECT story_id FROM relate_articles s WHERE s.raw_id = a.raw_id), "
        f"snippet(articles_fts, 1, ?, ?, '…', 24), bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score "
        "FROM articles_fts JOIN raw_documents r ON r.rowid = articles_fts.rowid "
        "JOIN articles a ON a.raw_id = r.id WHERE articles_fts MATCH ?"
        + (" AND a.source = ?" if source else "")
        + period
        + " ORDER BY score LIMIT ?"
    )

    def run(match: str) -> list[tuple[Any, ...]]:
        params: list[Any] = (
            [MATCH_START, MATCH_END, match] + ([source] if source else []) + period_params + [limit]
        )
        return conn.execute(sql, params).fetchall()

    try:
        rows = run(query)
    except sqlite3.OperationalError:  # not FTS5 syntax ("unterminated string", "no such column: x"): words
        words = plain_query(query)
        if not words:
            raise ValueError(
                f"the query {query!r} has no words to search for (a word with a minus before it only excludes)"
            ) from None
        rows = run(words)  # an error here is not the query's (a locked database): it stands
    return [
        {
            "id": raw_id,
            "source": src,
            "published": published,
            "title": title,
            "story": story_id,
            "snippet": snippet,
            "score": round(score, 3),
        }
        for raw_id, src, published, title, story_id, snippet, score in rows
    ]
