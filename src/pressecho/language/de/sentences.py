"""German sentences and tokens with character offsets, by SoMaJo (made for German web text).

Each paragraph of the article is tokenised on its own (a sentence never crosses a paragraph
break), and SoMaJo's paragraph-relative offsets are shifted to offsets into ``Article.text``.
"""

from __future__ import annotations

from functools import lru_cache

from somajo import SoMaJo

from pressecho.model import Article, Sentence, Token


@lru_cache(maxsize=1)
def _tokenizer() -> SoMaJo:
    return SoMaJo("de_CMC", split_camel_case=True, character_offsets=True)


def split_text(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences and tokens of one paragraph; offsets are shifted by ``offset``."""
    sentences: list[Sentence] = []
    for tokens in _tokenizer().tokenize_text([text]):
        toks = [Token(text[s:e], s + offset, e + offset) for s, e in (t.character_offset for t in tokens)]
        if toks:
            sentences.append(Sentence(toks[0].start, toks[-1].end, toks))
    return sentences


def split_article(article: Article) -> list[Sentence]:
    """Sentences and tokens of every paragraph of the article (headings are sentences too)."""
    sentences: list[Sentence] = []
    for para in article.paragraphs:
        sentences.extend(split_text(para.text, para.start))
    return sentences
