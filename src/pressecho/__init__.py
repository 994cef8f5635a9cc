"""pressecho: turn piles of scraped news into stories.

The Python API uses the same words as the command line::

    import pressecho
    article = pressecho.extract(open("page.html", "rb").read())
    pressecho.analyze(article)  # sentences, entities, quotes (German)
"""

from __future__ import annotations

from pressecho.extract import extract
from pressecho.language import analyze
from pressecho.model import Article, Caption, Entity, Paragraph, Passage, Quote, RawDocument, Story

__version__ = "0.1.0"

__all__ = [
    "analyze",
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
