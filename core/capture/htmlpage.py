"""Saved and fetched web pages: article text and metadata through trafilatura, cleaned by
core.capture.metadata."""

from __future__ import annotations

from typing import Any

import trafilatura
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from core.capture import dates
from core.capture.decode import decode
from core.capture.metadata import enrich
from core.capture.pagemeta import page_metadata
from core.errors import CaptureError

MIN_WORDS = 8
# The fast date search first: htmldate's extensive one may start dateparser (a second or more
# the first time in a process), so it runs only where the fast one found nothing.
DATES = {**set_date_params(extensive=False)}


def parse_html(
    data: bytes, *, url: str | None = None, declared: str | None = None
) -> dict[str, Any]:
    text = decode(data, declared, html=True)
    # trafilatura's own loader, so the tree is the one it would have built from the bytes.
    tree = load_html(text)
    if tree is None:
        raise CaptureError("the page is not readable HTML")
    # One parse serves both: our metadata is read first, since trafilatura prunes the tree.
    page = enrich(tree, url)
    # trafilatura's metadata without the categories, tags and licence it would search for too
    # (core.capture.pagemeta), then its text alone.
    document = page_metadata(tree, url, DATES)
    body = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, date_extraction_params=DATES
    )
    # A few stray words (a menu, a cookie notice) are not an article.
    # (a dict only when asked for one: as_dict is off)
    if body is None or isinstance(body, dict) or len((body.text or "").split()) < MIN_WORDS:
        raise CaptureError("the page has no article text")
    document.text = body.text
    published = document.date or page.stated_published() or dates.extensive_date(text, url, DATES)
    return page.finish(
        {
            "title": (document.title or "").strip(),
            "text": (document.text or "").strip(),
            "byline": document.author or None,
            "outlet": document.sitename or None,
            "published": published or None,
            "url": url or document.url or None,
            "canonical_url": document.url or url or None,
            "language": document.language or None,
            "lead": document.description or None,
            "original": data,  # compressed where it is saved or sent (core.capture.reading)
            "original_type": "text/html",
        }
    )
