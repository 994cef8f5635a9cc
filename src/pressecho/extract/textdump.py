"""Text dumps -> Article (placeholder: keeps sentence-like lines; the real cleaner replaces this)."""

from __future__ import annotations

from pressecho.model import Article, Paragraph


def extract_textdump(text: str, *, raw_id: str, url: str | None = None) -> Article:
    paragraphs = [
        Paragraph("text", line.strip())
        for line in text.splitlines()
        if len(line.split()) >= 8 and line.rstrip()[-1:] in '.!?»“"'
    ]
    return Article.from_paragraphs(raw_id, paragraphs, url=url, format="textdump")
