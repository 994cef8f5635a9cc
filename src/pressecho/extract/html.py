"""HTML -> Article (placeholder: plain trafilatura; the news-specific clean-up replaces this)."""

from __future__ import annotations

import trafilatura

from pressecho.model import Article, Paragraph


def extract_html(text: str, *, raw_id: str, url: str | None = None) -> Article:
    body = trafilatura.extract(text, url=url, include_comments=False) or ""
    paragraphs = [Paragraph("text", line) for line in body.splitlines() if line.strip()]
    return Article.from_paragraphs(raw_id, paragraphs, url=url, format="html")
