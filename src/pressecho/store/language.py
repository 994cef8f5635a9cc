"""The language stage's tables (schema migration 3): sentences, entities, mentions and quotes.

One ``language_runs`` row per article the stage has seen says what happened to it (``ok``,
``skipped`` for a language no pipeline reads, ``failed`` with a reason) and against what: the
``text_sha`` of the text its offsets point into and the stage ``version`` that made it. The other
tables hang off that row by ``raw_id``, so a row is current when its run's ``text_sha`` equals the
article's and its ``version`` is the pipeline's; re-extraction that changes a text, or a new model,
makes the article stale and ``Corpus.analyze`` redoes it (deleting the old rows first).

Sentences are kept compactly, one blob per article (see :func:`encode_sentences`, about 1.4 bytes a
token): token offsets only, since a token's text is always ``Article.text[start:end]``. Failures
join the ``failures`` view as stage ``analyze``. Readers: :func:`attach` (``Corpus.article`` and
``Corpus.articles``), the record streams behind ``pressecho export --what quotes|entities|mentions``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pressecho.model import Article, Entity, LanguageRun, Mention, Quote, Sentence, Token
from pressecho.store.search import date_bounds

MIGRATION = """
CREATE TABLE language_runs (
    raw_id TEXT PRIMARY KEY REFERENCES raw_documents(id) ON DELETE CASCADE,
    text_sha TEXT NOT NULL,           -- articles.text_sha of the text the offsets point into
    version TEXT NOT NULL,            -- the language stage version that made these rows
    language TEXT,                    -- the language the stage read the text as
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'failed')),
    reason TEXT,                      -- skipped/failed: unsupported-language, too-long, analyzer-error, ...
    message TEXT,
    components TEXT,                  -- JSON list of the components that ran, in order
    seconds REAL,                     -- CPU seconds the stage took on this article
    n_sentences INTEGER NOT NULL DEFAULT 0,
    n_tokens INTEGER NOT NULL DEFAULT 0,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    analyzed_at TEXT NOT NULL,
    sentences BLOB                    -- sentence and token offsets (pressecho.store.language.encode_sentences)
);
CREATE INDEX language_runs_status ON language_runs(status, reason);
CREATE INDEX language_runs_version ON language_runs(version);
CREATE INDEX language_runs_text ON language_runs(text_sha);  -- the same text under another id: copied

CREATE TABLE entities (
    raw_id TEXT NOT NULL REFERENCES language_runs(raw_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,          -- Entity.id, stable within the article ("e3")
    label TEXT NOT NULL,              -- PER | LOC | ORG | OTH
    name TEXT NOT NULL,               -- the fullest name the article uses
    aliases TEXT NOT NULL,            -- JSON list: short forms and role nouns ("Putin", "Kremlchef")
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (raw_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name, label);

CREATE TABLE mentions (
    raw_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,           -- offsets into articles.text, end exclusive
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (raw_id, entity_id, start, end),
    FOREIGN KEY (raw_id, entity_id) REFERENCES entities(raw_id, entity_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes (
    raw_id TEXT NOT NULL REFERENCES language_runs(raw_id) ON DELETE CASCADE,
    n INTEGER NOT NULL,               -- position in the article's list of quotes
    kind TEXT NOT NULL,               -- direct | indirect
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker TEXT,                     -- the speaker entity's name, or the words naming the speaker
    speaker_entity TEXT,              -- entities.entity_id of the speaker
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    PRIMARY KEY (raw_id, n)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker);

-- failures of the language stage join the list `pressecho failures` shows
DROP VIEW failures;
CREATE VIEW failures AS
    SELECT 'extract' AS stage, e.raw_id AS raw_id, r.origin AS origin, r.url AS url, r.source AS source,
           e.reason AS reason, e.message AS message, e.extracted_at AS at
    FROM extractions e JOIN raw_documents r ON r.id = e.raw_id
    WHERE e.status = 'failed'
    UNION ALL
    SELECT 'read', NULL, origin, url, NULL, reason, message, last_seen FROM read_failures
    UNION ALL
    SELECT 'analyze', l.raw_id, r.origin, r.url, r.source, l.reason, l.message, l.analyzed_at
    FROM language_runs l JOIN raw_documents r ON r.id = l.raw_id
    WHERE l.status = 'failed';
"""


_BATCH = 400  # ids per "IN (...)" query
_SENTENCES_FORMAT = b"S1"  # blob header: the layout below, version 1


# ------------------------------------------------------------------------------------ sentences


def encode_sentences(sentences: Sequence[Sentence]) -> bytes:
    """Sentence and token offsets as a small blob: ``S1`` and zlib of signed 32-bit integers: the
    number of sentences, each one's number of tokens, then per token the gap since the previous
    token's end and its length (small numbers, so they compress to ~1 byte a token)."""
    numbers = array("i", [len(sentences)])
    numbers.extend(len(s.tokens) for s in sentences)
    pos = 0
    for sentence in sentences:
        for token in sentence.tokens:
            numbers.append(token.start - pos)
            numbers.append(token.end - token.start)
            pos = token.end
    if sys.byteorder != "little":  # pragma: no cover - the blob is little-endian everywhere
        numbers.byteswap()
    return _SENTENCES_FORMAT + zlib.compress(numbers.tobytes(), 6)


def decode_sentences(blob: bytes | None, text: str) -> list[Sentence]:
    """The inverse of :func:`encode_sentences`; token texts are sliced from ``text``."""
    if not blob:
        return []
    if bytes(blob[:2]) != _SENTENCES_FORMAT:
        raise ValueError("unknown sentence encoding (written by a newer pressecho?)")
    numbers = array("i")
    numbers.frombytes(zlib.decompress(blob[2:]))
    if sys.byteorder != "little":  # pragma: no cover
        numbers.byteswap()
    n = numbers[0]
    counts = numbers[1 : 1 + n]
    i = 1 + n
    pos = 0
    sentences: list[Sentence] = []
    for count in counts:
        tokens: list[Token] = []
        for _ in range(count):
            start = pos + numbers[i]
            pos = start + numbers[i + 1]
            tokens.append(Token(text[start:pos], start, pos))
            i += 2
        if tokens:
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return sentences


# ------------------------------------------------------------------------------------- writing


def text_sha(text: str) -> str:
    """The ``articles.text_sha`` of a text (as :func:`pressecho.store.sqlite.article_row` computes it)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


@dataclass
class LanguageRows:
    """One article's language results as rows, built where the article was analysed (a worker)."""

    raw_id: str
    run: tuple[Any, ...]
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return str(self.run[4])

    @property
    def reason(self) -> str | None:
        return self.run[5]


_RUN_COLUMNS = (
    "raw_id, text_sha, version, language, status, reason, message, components, seconds, n_sentences, "
    "n_tokens, n_entities, n_quotes, analyzed_at, sentences"
)
_QUOTE_COLUMNS = (
    "raw_id, n, kind, start, end, text, cue, cue_start, cue_end, speaker, speaker_entity, speaker_mention, "
    "speaker_start, speaker_end"
)


def rows_of(
    article: Article, *, sha: str | None = None, seconds: float | None = None, at: str | None = None
) -> LanguageRows:
    """The rows that store ``article``'s sentences, entities, quotes and ``analysis`` (pure).

    ``sha``: the ``text_sha`` of the text analysed (computed when not given); ``seconds``: the time
    the stage took; ``at``: when it ran (now when not given).
    """
    from pressecho.ingest.base import now_iso

    run = article.analysis or LanguageRun(
        "failed", reason="not-analyzed", message="the article was not analysed"
    )
    ok = run.status == "ok"
    entities = article.entities if ok else []
    quotes = article.quotes if ok else []
    sentences = article.sentences if ok else []
    rows = LanguageRows(
        article.raw_id,
        (
            article.raw_id,
            sha or text_sha(article.text),
            run.version or "",
            run.language,
            run.status,
            run.reason,
            run.message,
            json.dumps(run.components),
            None if seconds is None else round(seconds, 4),
            len(sentences),
            sum(len(s.tokens) for s in sentences),
            len(entities),
            len(quotes),
            at or now_iso(),
            encode_sentences(sentences) if ok else None,
        ),
    )
    seen_ids: set[str] = set()
    for entity in entities:
        if entity.id in seen_ids:  # ids are unique within an article; never let one break a batch
            continue
        seen_ids.add(entity.id)
        rows.entities.append(
            (
                article.raw_id,
                entity.id,
                entity.label,
                entity.name,
                json.dumps(entity.aliases, ensure_ascii=False),
                len(entity.mentions),
            )
        )
        seen: set[tuple[int, int]] = set()
        for m in entity.mentions:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                rows.mentions.append((article.raw_id, entity.id, m.start, m.end, m.text, m.label))
    for n, q in enumerate(quotes):
        rows.quotes.append(
            (
                article.raw_id,
                n,
                q.kind,
                q.start,
                q.end,
                q.text,
                q.cue,
                q.cue_start,
                q.cue_end,
                q.speaker,
                q.speaker_entity,
                q.speaker_mention,
                q.speaker_start,
                q.speaker_end,
            )
        )
    return rows


def delete(conn: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Forget the language results of these articles (children first: no reliance on cascades)."""
    for table in ("mentions", "quotes", "entities", "language_runs"):
        for chunk in _chunks(ids):
            conn.execute(f"DELETE FROM {table} WHERE raw_id IN ({_marks(len(chunk))})", list(chunk))


def save(conn: sqlite3.Connection, results: Sequence[LanguageRows]) -> None:
    """Replace the stored results of these articles with ``results`` (in the caller's transaction)."""
    delete(conn, [r.raw_id for r in results])
    conn.executemany(
        f"INSERT INTO language_runs ({_RUN_COLUMNS}) VALUES ({_marks(15)})", [r.run for r in results]
    )
    conn.executemany(
        "INSERT INTO entities (raw_id, entity_id, label, name, aliases, n_mentions) VALUES (?, ?, ?, ?, ?, ?)",
        [row for r in results for row in r.entities],
    )
    conn.executemany(
        "INSERT INTO mentions (raw_id, entity_id, start, end, text, label) VALUES (?, ?, ?, ?, ?, ?)",
        [row for r in results for row in r.mentions],
    )
    conn.executemany(
        f"INSERT INTO quotes ({_QUOTE_COLUMNS}) VALUES ({_marks(14)})",
        [row for r in results for row in r.quotes],
    )


def delete_orphans(conn: sqlite3.Connection) -> int:
    """Drop results of articles that no longer exist (re-extraction found no article); returns how many."""
    ids = [
        row[0]
        for row in conn.execute(
            "SELECT l.raw_id FROM language_runs l LEFT JOIN articles a ON a.raw_id = l.raw_id "
            "WHERE a.raw_id IS NULL"
        )
    ]
    delete(conn, ids)
    return len(ids)


# ------------------------------------------------------------------------------------- reading


def has_tables(conn: sqlite3.Connection) -> bool:
    """Does this database have the language tables (a read-only open of an old corpus may not)?"""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'language_runs'").fetchone()
        is not None
    )


def attach(conn: sqlite3.Connection, articles: Sequence[Article]) -> None:
    """Fill the articles' sentences, entities, quotes and ``analysis`` from the store, in place.

    Only results made from the text an article has now are attached (their offsets point into
    it); a result of an older stage version is attached too, with that version in ``analysis``
    (``Corpus.analyze`` will redo it). Articles the stage has not read are left as they are.
    """
    if not articles or not has_tables(conn):
        return
    by_id = {a.raw_id: a for a in articles}
    ids = list(by_id)
    current: set[str] = set()
    for chunk in _chunks(ids):
        for raw_id, sha, version, language, status, reason, message, components, blob in conn.execute(
            "SELECT raw_id, text_sha, version, language, status, reason, message, components, sentences "
            f"FROM language_runs WHERE raw_id IN ({_marks(len(chunk))})",
            list(chunk),
        ):
            article = by_id[raw_id]
            if sha != text_sha(article.text):
                continue
            current.add(raw_id)
            article.analysis = LanguageRun(
                status, language, version, list(json.loads(components or "[]")), reason, message
            )
            article.sentences = decode_sentences(blob, article.text)
            article.entities, article.quotes = [], []
    if not current:
        return
    wanted = [i for i in ids if i in current]
    entities: dict[tuple[str, str], Entity] = {}
    for chunk in _chunks(wanted):
        marks = _marks(len(chunk))
        for raw_id, entity_id, label, name, aliases in conn.execute(
            f"SELECT raw_id, entity_id, label, name, aliases FROM entities WHERE raw_id IN ({marks})",
            list(chunk),
        ):
            entities[(raw_id, entity_id)] = Entity(entity_id, label, name, [], list(json.loads(aliases)))
        for raw_id, entity_id, start, end, text, label in conn.execute(
            "SELECT raw_id, entity_id, start, end, text, label FROM mentions "
            f"WHERE raw_id IN ({marks}) ORDER BY raw_id, start, end",
            list(chunk),
        ):
            entity = entities.get((raw_id, entity_id))
            if entity is not None:
                entity.mentions.append(Mention(start, end, text, label))
        for row in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE raw_id IN ({marks}) ORDER BY raw_id, n", list(chunk)
        ):
            by_id[row[0]].quotes.append(Quote(row[5], row[2], row[3], row[4], *row[6:]))
    # in the order the pipeline gave them: by first mention
    for (raw_id, _), entity in sorted(
        entities.items(), key=lambda kv: (kv[1].mentions[0].start if kv[1].mentions else -1, kv[0][1])
    ):
        by_id[raw_id].entities.append(entity)


def _record_dicts(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(500):
        for row in rows:
            yield dict(zip(names, row, strict=True))


_CURRENT = "JOIN articles a ON a.raw_id = l.raw_id AND a.text_sha = l.text_sha"


def quote_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every current quotation with its article's id, outlet, date, URL and title, in article order."""
    if not has_tables(conn):
        return iter(())
    return _record_dicts(
        conn,
        "SELECT q.raw_id AS id, a.source AS source, a.published AS published, a.url AS url, a.title AS title, "
        "q.n AS n, q.kind AS kind, q.start AS start, q.end AS end, q.text AS text, q.cue AS cue, "
        "q.cue_start AS cue_start, q.cue_end AS cue_end, q.speaker AS speaker, "
        "q.speaker_entity AS speaker_entity, e.label AS speaker_label, q.speaker_mention AS speaker_mention, "
        "q.speaker_start AS speaker_start, q.speaker_end AS speaker_end, l.version AS version "
        f"FROM quotes q JOIN language_runs l ON l.raw_id = q.raw_id {_CURRENT} "
        "LEFT JOIN entities e ON e.raw_id = q.raw_id AND e.entity_id = q.speaker_entity "
        "ORDER BY q.raw_id, q.n",
    )


_PRONOUNS = frozenset("er sie ihm ihr ihn es man wir ich".split())
_QUOTE_EDGES = " \t\n\"'«»„“”‚‘’‹›.,;:!?…–-"


def said(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    story: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Who said what: the current quotations (of speakers whose name contains ``speaker``, in one
    story, from one outlet, published within ``since`` .. ``until``), the same words by the same
    speaker in several articles (agency copy carried by many outlets) as one entry with every article
    that carries them. Entries come in the order they were first published; each article points to
    the quotation's offsets in its text. A quotation with no speaker, or only an unresolved pronoun
    ("er"), tells a reader nothing and is left out."""
    if not has_tables(conn):
        return []
    related = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'relate_articles'").fetchone()
    where, params = [], []
    if speaker:
        # the names that contain the words, matched in Python: SQLite's lower() and LIKE fold only ASCII
        # ("özdemir" missed "Özdemir"), and LIKE read "%" and "_" in a name as wildcards ("%" was everyone)
        wanted = " ".join(speaker.split()).casefold()
        names = [
            name
            for (name,) in conn.execute("SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL")
            if wanted in " ".join(name.split()).casefold()
        ]
        where.append("q.speaker IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(names))
    if source:
        where.append("a.source = ?")
        params.append(source)
    if story:
        if not related:
            return []
        where.append("r.story_id = ?")
        params.append(story)
    period, period_params = date_bounds(since, until)
    sql = (
        "SELECT q.raw_id, a.source, a.published, q.kind, q.text, q.cue, q.speaker, q.start, q.end, "
        + ("r.story_id " if related else "NULL ")
        + f"FROM quotes q JOIN language_runs l ON l.raw_id = q.raw_id {_CURRENT} "
        + ("LEFT JOIN relate_articles r ON r.raw_id = q.raw_id " if related else "")
        + "WHERE 1"
        + "".join(f" AND {clause}" for clause in where)
        + period
        + " ORDER BY a.published IS NULL, a.published, q.raw_id, q.n"
    )
    params += period_params
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for raw_id, src, published, kind, text, cue, who, start, end, story_id in conn.execute(sql, params):
        if not who or who.lower() in _PRONOUNS:
            continue
        key = (who.casefold(), " ".join(text.casefold().split()).strip(_QUOTE_EDGES))
        entry = entries.setdefault(
            key,
            {
                "speaker": who,
                "text": text,
                "kind": kind,
                "cue": cue,
                "first_published": published,
                "articles": [],
            },
        )
        entry["articles"].append(
            {
                "id": raw_id,
                "source": src,
                "published": published,
                "story": story_id,
                "start": start,
                "end": end,
            }
        )
    return _merge_variants(list(entries.items()))


def _merge_variants(entries: list[tuple[tuple[str, str], dict[str, Any]]]) -> list[dict[str, Any]]:
    """Within one story, the same speaker's words that one outlet cut short ("Innerhalb von zehn Minuten
    war alles weiss" inside "Innerhalb von zehn Minuten war alles weiss. So etwas habe ich ... nicht
    erlebt") are one quotation: the shorter joins the longer (looked for per speaker and story only,
    so the cost stays with the size of a story)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for k, ((who, _), entry) in enumerate(entries):
        stories = {a["story"] for a in entry["articles"]}
        if len(stories) == 1 and None not in stories:
            groups.setdefault((who, next(iter(stories))), []).append(k)
    absorbed: set[int] = set()
    for members in groups.values():
        by_length = sorted(members, key=lambda k: -len(entries[k][0][1]))
        for i, longer in enumerate(by_length):
            if longer in absorbed:
                continue
            for shorter in by_length[i + 1 :]:
                if shorter not in absorbed and entries[shorter][0][1] in entries[longer][0][1]:
                    entries[longer][1]["articles"] += entries[shorter][1]["articles"]
                    absorbed.add(shorter)
    out = [entry for k, (_, entry) in enumerate(entries) if k not in absorbed]
    for entry in out:
        entry["articles"].sort(key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
    return out


def entity_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every current entity with its article's id, outlet and date, its first mention's offsets and
    all its mentions (``[[start, end, text], ...]``), in article order."""
    if not has_tables(conn):
        return
    rows = _record_dicts(
        conn,
        "SELECT e.raw_id AS id, a.source AS source, a.published AS published, a.url AS url, "
        "e.entity_id AS entity_id, e.label AS label, e.name AS name, e.aliases AS aliases, "
        "e.n_mentions AS n_mentions, l.version AS version "
        f"FROM entities e JOIN language_runs l ON l.raw_id = e.raw_id {_CURRENT} ORDER BY e.raw_id",
    )
    batch: list[dict[str, Any]] = []
    for row in rows:
        if batch and batch[-1]["id"] != row["id"]:
            yield from _with_mentions(conn, batch)
            batch = []
        batch.append(row)
    if batch:
        yield from _with_mentions(conn, batch)


def _with_mentions(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One article's entity rows, with mentions and first offsets, ordered by first mention."""
    mentions: dict[str, list[list[Any]]] = {}
    for entity_id, start, end, text in conn.execute(
        "SELECT entity_id, start, end, text FROM mentions WHERE raw_id = ? ORDER BY start, end",
        (rows[0]["id"],),
    ):
        mentions.setdefault(entity_id, []).append([start, end, text])
    out = []
    for row in rows:
        found = mentions.get(row["entity_id"], [])
        row["aliases"] = json.loads(row["aliases"])
        row["start"], row["end"] = (found[0][0], found[0][1]) if found else (None, None)
        row["mentions"] = found
        out.append(row)
    out.sort(key=lambda r: (r["start"] is None, r["start"] or 0, r["entity_id"]))
    for row in out:  # columns in a reading order
        yield {k: row[k] for k in ENTITY_COLUMNS}


ENTITY_COLUMNS = (
    "id",
    "source",
    "published",
    "url",
    "entity_id",
    "label",
    "name",
    "aliases",
    "n_mentions",
    "start",
    "end",
    "mentions",
    "version",
)
QUOTE_COLUMNS = (
    "id",
    "source",
    "published",
    "url",
    "title",
    "n",
    "kind",
    "start",
    "end",
    "text",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_entity",
    "speaker_label",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "version",
)
MENTION_COLUMNS = ("id", "source", "published", "entity_id", "label", "name", "start", "end", "text")


def mention_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every current mention, one row each, with its entity's name and its article's id and outlet."""
    if not has_tables(conn):
        return iter(())
    return _record_dicts(
        conn,
        "SELECT m.raw_id AS id, a.source AS source, a.published AS published, m.entity_id AS entity_id, "
        "m.label AS label, e.name AS name, m.start AS start, m.end AS end, m.text AS text "
        "FROM mentions m JOIN entities e ON e.raw_id = m.raw_id AND e.entity_id = m.entity_id "
        f"JOIN language_runs l ON l.raw_id = m.raw_id {_CURRENT} ORDER BY m.raw_id, m.start, m.end",
    )


def counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the language stage holds: articles by status (and reason), and current rows."""
    if not has_tables(conn):
        return {}
    by_status: dict[str, int] = dict(
        conn.execute("SELECT status, count(*) FROM language_runs GROUP BY status").fetchall()
    )
    reasons = lambda status: dict(  # noqa: E731
        conn.execute(
            "SELECT reason, count(*) FROM language_runs WHERE status = ? GROUP BY reason ORDER BY 2 DESC",
            (status,),
        ).fetchall()
    )
    outdated = conn.execute(
        "SELECT count(*) FROM language_runs l JOIN articles a ON a.raw_id = l.raw_id WHERE a.text_sha != l.text_sha"
    ).fetchone()[0]
    # articles with no results at all: new since the last `pressecho analyze` (or never analysed)
    waiting = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM language_runs l WHERE l.raw_id = a.raw_id)"
    ).fetchone()[0]
    return {
        "analyzed": by_status.get("ok", 0),
        "waiting": int(waiting),
        "skipped": reasons("skipped"),
        "failed": reasons("failed"),
        "text_changed": int(outdated),
        "sentences": int(
            conn.execute("SELECT coalesce(sum(n_sentences), 0) FROM language_runs").fetchone()[0]
        ),
        "entities": int(conn.execute("SELECT count(*) FROM entities").fetchone()[0]),
        "quotes": int(conn.execute("SELECT count(*) FROM quotes").fetchone()[0]),
        "versions": dict(
            conn.execute(
                "SELECT version, count(*) FROM language_runs WHERE status = 'ok' GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        ),
    }


# ------------------------------------------------------------------------------------ staleness


@dataclass
class Candidate:
    """An article and what the stage stored for it, for deciding whether to analyse it again."""

    raw_id: str
    language: str | None  # articles.language
    text_sha: str
    run_sha: str | None  # None: never analysed
    run_version: str | None
    run_language: str | None
    analyzed_at: str | None


def candidates(conn: sqlite3.Connection, *, after: str = "", limit: int = 1000) -> list[Candidate]:
    """Articles in id order after ``after``, with their stored run (if any)."""
    return [
        Candidate(*row)
        for row in conn.execute(
            "SELECT a.raw_id, a.language, a.text_sha, l.text_sha, l.version, l.language, l.analyzed_at "
            "FROM articles a LEFT JOIN language_runs l ON l.raw_id = a.raw_id "
            "WHERE a.raw_id > ? ORDER BY a.raw_id LIMIT ?",
            (after, limit),
        )
    ]


def donors(conn: sqlite3.Connection, shas: Sequence[str]) -> list[Candidate]:
    """Articles with these texts that have results for them (whose results another article with the
    same text can copy rather than analyse again: re-fetched pages, re-posted copy)."""
    out: list[Candidate] = []
    for chunk in _chunks(list(dict.fromkeys(shas))):
        out.extend(
            Candidate(*row)
            for row in conn.execute(
                "SELECT a.raw_id, a.language, a.text_sha, l.text_sha, l.version, l.language, l.analyzed_at "
                "FROM language_runs l JOIN articles a ON a.raw_id = l.raw_id AND a.text_sha = l.text_sha "
                f"WHERE l.text_sha IN ({_marks(len(chunk))}) ORDER BY a.raw_id",
                list(chunk),
            )
        )
    return out


def copy_results(conn: sqlite3.Connection, source: str, target: str) -> str | None:
    """Store ``source``'s results as ``target``'s (the same text); returns the copied status."""
    from pressecho.ingest.base import now_iso

    delete(conn, [target])
    conn.execute(
        f"INSERT INTO language_runs ({_RUN_COLUMNS}) SELECT ?, text_sha, version, language, status, reason, "
        "message, components, 0, n_sentences, n_tokens, n_entities, n_quotes, ?, sentences "
        "FROM language_runs WHERE raw_id = ?",
        (target, now_iso(), source),
    )
    conn.execute(
        "INSERT INTO entities (raw_id, entity_id, label, name, aliases, n_mentions) "
        "SELECT ?, entity_id, label, name, aliases, n_mentions FROM entities WHERE raw_id = ?",
        (target, source),
    )
    conn.execute(
        "INSERT INTO mentions (raw_id, entity_id, start, end, text, label) "
        "SELECT ?, entity_id, start, end, text, label FROM mentions WHERE raw_id = ?",
        (target, source),
    )
    conn.execute(
        f"INSERT INTO quotes ({_QUOTE_COLUMNS}) SELECT ?, {_QUOTE_COLUMNS.partition(', ')[2]} "
        "FROM quotes WHERE raw_id = ?",
        (target, source),
    )
    row = conn.execute("SELECT status FROM language_runs WHERE raw_id = ?", (target,)).fetchone()
    return None if row is None else str(row[0])


def articles(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterator[Article]:
    """The stored articles of these ids (as extracted, without language results), in id order."""
    from pressecho.store.sqlite import article_from_row

    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT raw_id, text, data FROM articles WHERE raw_id IN ({_marks(len(chunk))}) ORDER BY raw_id",
            list(chunk),
        ).fetchall()
        for raw_id, text, data in rows:
            yield article_from_row(raw_id, text, data)


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(ids: Sequence[str], size: int = _BATCH) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
