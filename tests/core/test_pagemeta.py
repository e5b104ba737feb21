"""trafilatura's metadata without its category, tag and licence searches: the same fields as
trafilatura's own extract_metadata, on real pages, and the tree left as it was."""

from __future__ import annotations

import pytest
from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from core.capture.decode import decode
from core.capture.htmlpage import DATES
from core.capture.pagemeta import page_metadata
from tests.conftest import corpus

FIELDS = ("title", "author", "url", "date", "sitename", "description")

MADE_UP = [
    # no metadata at all: the title element, the address given, the site's name from it
    "<html><head><title>Pools to close - The Courier</title></head><body><p>Text.</p></body>"
    "</html>",
    # a one-word author meta tag is a handle; a Twitter handle as the site's name; a date in
    # the head
    "<html><head><meta name='author' content='admin'><meta name='twitter:site' "
    "content='@courier'><meta property='article:published_time' content='2024-05-02'>"
    "</head><body><article><h1>Pools</h1><p class='byline'>By Jane Roe</p><p>Text.</p>"
    "</article></body></html>",
    # JSON-LD over the meta tags
    '<html><head><meta property="og:title" content="Social title"><script type="application'
    '/ld+json">{"@type": "NewsArticle", "headline": "Real headline", "author": {"name": '
    '"Ann Doe"}, "datePublished": "2023-03-04"}</script></head><body><p>Text.</p></body></html>',
]


def _same(html: str, url: str | None) -> None:
    theirs = extract_metadata(load_html(html), url, DATES, False)
    tree = load_html(html)
    before = etree.tostring(tree)
    ours = page_metadata(tree, url, DATES)
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(theirs, f) for f in FIELDS}
    assert etree.tostring(tree) == before


@pytest.mark.parametrize("html", MADE_UP)
@pytest.mark.parametrize("url", [None, "https://www.courier.example/news/2024/05/pools"])
def test_made_up_pages_read_as_trafilatura_reads_them(html: str, url: str | None) -> None:
    _same(html, url)


def test_corpus_pages_read_as_trafilatura_reads_them() -> None:
    pages = sorted((corpus("trafilatura-eval-sample") / "html").glob("*.html"))
    assert pages
    for page in pages:
        _same(decode(page.read_bytes(), html=True), None)
