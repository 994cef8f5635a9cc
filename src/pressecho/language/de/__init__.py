"""German: the pipeline ``sentences`` -> ``entities`` -> ``quotes`` and the resources it reads.

- ``sentences``: sentences and tokens with offsets, by SoMaJo (:mod:`.sentences`);
- ``entities``: named entities with every mention, names and role nouns joined (:mod:`.entities`,
  tagger in :mod:`.ner`);
- ``quotes``: direct and indirect quotations with cue and speaker entity (:mod:`.quotes`).

Each component reads what the one before it filled (the tagger the sentences' tokens, speaker
resolution the entities), so an article is tokenised once. The heavy parts (models, SoMaJo) load
on first use; building the pipeline only hashes files for its version.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from pressecho.language import Component, Pipeline, files_version, module_files
from pressecho.model import Article, Sentence, Token

HERE = Path(__file__).parent
MODELS = HERE / "models"
RESOURCES = HERE / "resources"
CODE_VERSION = "1"  # how the components are combined here


_PARAGRAPHS: dict[str, list[list[tuple[int, int]]]] = {}  # paragraph text -> its sentences' token spans
PARAGRAPH_CACHE = 10_000  # ~30 MB at most


def _sentences(article: Article) -> None:
    """What :func:`.sentences.split_article` gives, with paragraphs seen recently (agency copy in
    several outlets, a boilerplate line) taken from a cache instead of tokenised again."""
    from pressecho.language.de.sentences import split_text

    sentences: list[Sentence] = []
    for para in article.paragraphs:
        spans = _PARAGRAPHS.get(para.text)
        if spans is None:
            spans = [[(t.start, t.end) for t in s.tokens] for s in split_text(para.text)]
            if len(_PARAGRAPHS) >= PARAGRAPH_CACHE:
                _PARAGRAPHS.clear()
            _PARAGRAPHS[para.text] = spans
        text, shift = para.text, para.start
        for token_spans in spans:
            tokens = [Token(text[s:e], s + shift, e + shift) for s, e in token_spans]
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    article.sentences = sentences


def _entities(article: Article) -> None:
    from pressecho.language.de.entities import find_entities

    _cached_tagger()
    find_entities(article)


def _entities_many(articles: list[Article]) -> None:
    """Tag the sentences of all the articles in one pass, then find each article's entities (the
    tags come from the cache): the tagger's matrix products cost less per sentence over many at once."""
    from pressecho.language.de import ner
    from pressecho.language.de.entities import find_entities

    _cached_tagger()
    ner.tag([[t.text for t in s.tokens] for a in articles for s in a.sentences])
    for article in articles:
        find_entities(article)


class SentenceCache:
    """The shipped tagger, keeping the tags of the sentences it tagged last (up to ``size``).

    Tags depend on the sentence alone, so tagging a batch's sentences together and then each
    article's from the cache gives exactly what tagging each article would, and a sentence that
    recurs (agency copy in many outlets) is tagged once. Installed with
    :func:`pressecho.language.de.ner.set_default_tagger`; everything but ``tag_full`` is the
    tagger's own.
    """

    def __init__(self, tagger: Any, size: int = 20_000) -> None:
        self.tagger = tagger
        self.size = size
        self.cache: dict[tuple[str, ...], list[str]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tagger, name)

    def tag_full(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        keys = [tuple(s) for s in sentences]
        missing = [k for k in dict.fromkeys(keys) if k not in self.cache]
        if missing:
            if len(self.cache) + len(missing) > self.size:
                self.cache.clear()
            self.cache.update(zip(missing, self.tagger.tag_full([list(k) for k in missing]), strict=True))
        return [list(self.cache[k]) for k in keys]


def _cached_tagger() -> None:
    from pressecho.language.de import ner

    current = ner.default_tagger()
    if not isinstance(current, SentenceCache):
        ner.set_default_tagger(SentenceCache(current))  # type: ignore[arg-type]


def _quotes(article: Article) -> None:
    from pressecho.language.de.quotes import find_quotes

    find_quotes(article, entities=article.entities)  # the entities component ran before


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def _somajo_version() -> str:
    try:
        return package_version("somajo")
    except PackageNotFoundError:  # pragma: no cover - installed from source without metadata
        return "unknown"


def component_versions() -> dict[str, str]:
    """Each component's version: its modules' source and the model and resource files it reads.

    ``PRESSECHO_NER=fast`` (the tagger's CRF alone, see :func:`.ner.default_tagger`) marks the
    entities version, since it changes what is found. Files are split between entities (``ner*`` models, every resource but the speech lexicons) and
    quotes (the other models, the ``speech_*`` lexicons), so a new file lands in one of them.
    """
    models, resources = _files(MODELS), _files(RESOURCES)
    ner_models = [p for p in models if p.name.startswith("ner")]
    quote_models = [p for p in models if not p.name.startswith("ner")]
    speech = [p for p in resources if p.name.startswith("speech_")]
    word_lists = [p for p in resources if not p.name.startswith("speech_")]
    entities_mode = "+crf-only" if os.environ.get("PRESSECHO_NER", "").strip().lower() == "fast" else ""
    return {
        "sentences": f"somajo-{_somajo_version()}+"
        + files_version(module_files("pressecho.language.de.sentences")),
        "entities": files_version(
            module_files("pressecho.language.de.entities", "pressecho.language.de.ner")
            + ner_models
            + word_lists
        )
        + entities_mode,
        "quotes": files_version(
            module_files(
                "pressecho.language.de.quotes",
                "pressecho.language.de.quote_features",
                "pressecho.language.de.quote_speakers",
            )
            + quote_models
            + speech
        ),
    }


def pipeline() -> Pipeline:
    """The German pipeline (registered for ``de`` in :mod:`pressecho.language`)."""
    versions = component_versions()
    return Pipeline(
        "de",
        [
            Component("sentences", _sentences, versions["sentences"]),
            Component("entities", _entities, versions["entities"], _entities_many),
            Component("quotes", _quotes, versions["quotes"]),
        ],
        code_version=CODE_VERSION,
        # the warm-up article: it loads every model, and simplemma's lexicon through a speaker in the
        # genitive ("des Ministeriums"), so no article pays for loading them
        sample="Kremlchef Wladimir Putin sagte am Donnerstag: «Wir sind bereit.» Die Gespräche seien gut "
        "verlaufen, hieß es nach Angaben des Ministeriums.",
    )
