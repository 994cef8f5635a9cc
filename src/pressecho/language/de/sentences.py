"""German sentences and tokens with character offsets, by SoMaJo (made for German web text).

Each paragraph of the article is tokenised on its own (a sentence never crosses a paragraph
break), and SoMaJo's paragraph-relative offsets are shifted to offsets into ``Article.text``.

Two shortcuts keep SoMaJo's output exactly as it is in well under half the time on news text (the
language layer's throughput target; see ``bench/language.py``):

- SoMaJo looks for emoji grapheme by grapheme with patterns it compiles anew on every call; a
  token without a single emoji character cannot be split there, so one compiled search per
  token rules that out first;
- SoMaJo's character offsets build four per-character maps of every paragraph; for a paragraph
  already in NFC (nearly all) we find the tokens in the text the way that alignment does, and
  let SoMaJo align any other paragraph itself.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

import regex
from somajo import SoMaJo

from pressecho.model import Article, Sentence, Token

_EMOJI_CHAR = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")
_SPACE = regex.compile(r"\s")  # SoMaJo's alignment uses the regex module's \s too


@lru_cache(maxsize=2)
def _tokenizer(offsets: bool = False) -> SoMaJo:
    """SoMaJo for German; with ``offsets``, it computes character offsets itself (the slow way)."""
    somajo = SoMaJo("de_CMC", split_camel_case=True, character_offsets=offsets)
    tokenizer = somajo._tokenizer
    split_emojis = getattr(tokenizer, "_split_emojis", None)
    if split_emojis is not None:

        def _split_emojis(node: Any, token_class: str = "emoticon") -> None:
            if _EMOJI_CHAR.search(node.value.text) is not None:
                split_emojis(node, token_class)

        tokenizer._split_emojis = _split_emojis
    return somajo


def _find_tokens(tokens: list[Any], text: str) -> list[tuple[int, int]] | None:
    """Where SoMaJo's tokens are in an NFC ``text``, found as its alignment finds them; None when
    that needs more (a text not in NFC, characters SoMaJo dropped between tokens)."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    spaced = _SPACE.sub(" ", text)
    out: list[tuple[int, int]] = []
    pos = 0
    for token in tokens:
        word = token.text if token.original_spelling is None else token.original_spelling
        if not word.isprintable():  # \s other than " " is never printable
            word = _SPACE.sub(" ", word)
        if spaced.startswith(word, pos):
            start = pos
        elif spaced.startswith(" " + word, pos):
            start = pos + 1
        else:
            return None
        pos = start + len(word)
        out.append((start, pos))
    return out


def split_text(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences and tokens of one paragraph; offsets are shifted by ``offset``."""
    sentences = list(_tokenizer().tokenize_text([text]))
    spans = _find_tokens([t for tokens in sentences for t in tokens], text)
    if spans is None:
        sentences = list(_tokenizer(offsets=True).tokenize_text([text]))
        spans = [t.character_offset for tokens in sentences for t in tokens]
    found = iter(spans)
    out: list[Sentence] = []
    for tokens in sentences:
        toks = [Token(text[s:e], s + offset, e + offset) for s, e in (next(found) for _ in tokens)]
        if toks:
            out.append(Sentence(toks[0].start, toks[-1].end, toks))
    return out


def split_article(article: Article) -> list[Sentence]:
    """Sentences and tokens of every paragraph of the article (headings are sentences too)."""
    sentences: list[Sentence] = []
    for para in article.paragraphs:
        sentences.extend(split_text(para.text, para.start))
    return sentences
