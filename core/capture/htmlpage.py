"""Saved web pages: article text and metadata through trafilatura."""

from __future__ import annotations

from typing import Any

import trafilatura

from core.capture.decode import decode
from core.capture.metadata import enrich
from core.errors import CaptureError

MIN_WORDS = 8


def parse_html(data: bytes, *, url: str | None = None) -> dict[str, Any]:
    html = decode(data)
    # trafilatura returns None rather than raising when it finds no article.
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False
    )
    # A few stray words (a menu, a cookie notice) are not an article.
    if document is None or len((document.text or "").split()) < MIN_WORDS:
        raise CaptureError("the page has no article text")
    found = {
        "title": (document.title or "").strip(),
        "text": document.text.strip(),
        "byline": document.author or None,
        "outlet": document.sitename or None,
        "published": document.date or None,
        "url": url or document.url or None,
        "canonical_url": document.url or url or None,
        "language": document.language or None,
        "lead": document.description or None,
        "original": data,
        "original_type": "text/html",
    }
    return enrich(html, found, url)
