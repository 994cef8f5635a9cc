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
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from pressecho.language import Component, Pipeline, files_version, module_files
from pressecho.model import Article

HERE = Path(__file__).parent
MODELS = HERE / "models"
RESOURCES = HERE / "resources"
CODE_VERSION = "1"  # how the components are combined here


def _sentences(article: Article) -> None:
    from pressecho.language.de.sentences import split_article

    article.sentences = split_article(article)


def _entities(article: Article) -> None:
    from pressecho.language.de.entities import find_entities

    find_entities(article)


def _quotes(article: Article) -> None:
    from pressecho.language.de.quotes import find_quotes

    find_quotes(article)


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
            Component("entities", _entities, versions["entities"]),
            Component("quotes", _quotes, versions["quotes"]),
        ],
        code_version=CODE_VERSION,
        sample="Kremlchef Wladimir Putin sagte am Donnerstag: «Wir sind bereit.»",
    )
