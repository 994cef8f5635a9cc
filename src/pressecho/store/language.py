"""The language stage's tables (schema migration 3): sentences, entities, mentions and quotes.

One ``language_runs`` row per article the stage has seen says what happened to it (``ok``,
``skipped`` for a language no pipeline reads, ``failed`` with a reason) and against what: the
``text_sha`` of the text its offsets point into and the stage ``version`` that made it. The other
tables hang off that row by ``raw_id``, so a row is current when its run's ``text_sha`` equals the
article's and its ``version`` is the pipeline's; re-extraction that changes a text, or a new model,
makes the article stale and ``Corpus.analyze`` redoes it (deleting the old rows first).

Sentences are kept compactly, one blob per article (see :func:`encode_sentences`): token offsets
only, since a token's text is always ``Article.text[start:end]``.
"""

from __future__ import annotations

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
"""
