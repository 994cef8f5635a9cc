"""pressecho: turn piles of scraped news into stories.

The Python API uses the same words as the command line::

    import pressecho
    article = pressecho.extract(open("page.html", "rb").read())
    pressecho.analyze(article)  # sentences, entities, quotes (German)

    with pressecho.Corpus.open("news.db") as corpus:  # pressecho ingest/analyze/relate/stories
        corpus.ingest("dumps/")
        corpus.analyze()
        corpus.relate()
        stories = corpus.stories()
"""

from __future__ import annotations

from pressecho.extract import extract
from pressecho.language import analyze
from pressecho.model import Article, Caption, Entity, Paragraph, Passage, Quote, RawDocument, Story

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``pressecho.Corpus``, imported when first used (the store and readers are not needed to extract)."""
    if name == "Corpus":
        from pressecho.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'pressecho' has no attribute {name!r}")


__all__ = [
    "analyze",
    "Corpus",
    "extract",
    "Article",
    "Caption",
    "Entity",
    "Paragraph",
    "Passage",
    "Quote",
    "RawDocument",
    "Story",
    "__version__",
]
