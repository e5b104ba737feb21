"""Headlines: the visible <h1> over social titles, without kickers, sections or site names."""

from __future__ import annotations

import pytest

from core.capture.headlines import clean_headline
from core.capture.htmlpage import parse_html

BODY = (
    "<p>The council voted on Tuesday to close the old ferry terminal and move the service to "
    "the new quay by the end of the summer, after two years of delays and rising costs.</p>"
    "<p>Residents said the new quay was too far from the town centre for older passengers.</p>"
)


def page(head: str, before: str, h1: str, url_site: str = "Valley Courier") -> bytes:
    return (
        f'<html><head>{head}<meta property="og:site_name" content="{url_site}"></head><body>'
        f"{before}<article>{h1}{BODY}</article></body></html>"
    ).encode()


def headline(head: str, h1: str, before: str = "") -> str:
    return parse_html(page(head, before, h1), url="https://courier.example/news/1")["title"]


def test_the_visible_headline_beats_a_cut_structured_one_and_the_social_one() -> None:
    head = (
        "<title>Ferry terminal to close - Valley Courier</title>"
        '<meta property="og:title" content="You won\'t believe where the ferry goes now">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Council votes to close the old ferry terminal after..."}</script>'
    )
    h1 = "<h1>Council votes to close the old ferry terminal after two years of delays</h1>"
    assert headline(head, h1) == (
        "Council votes to close the old ferry terminal after two years of delays"
    )


@pytest.mark.parametrize(
    "h1",
    [
        '<h1><span class="kicker">Harbour</span> <span>Ferry terminal to close</span></h1>',
        '<h1><a href="/x"><span class="top">Harbour</span><span>Ferry terminal to close</span>'
        "</a></h1>",
    ],
)
def test_a_kicker_set_apart_in_the_h1_is_left_off(h1: str) -> None:
    head = '<title>Harbour: Ferry terminal to close</title><meta property="og:title" ' \
        'content="Harbour: Ferry terminal to close">'  # fmt: skip
    assert headline(head, h1) == "Ferry terminal to close"


def test_a_headline_and_subtitle_in_the_h1_keep_the_headline() -> None:
    head = "<title>Ferry terminal to close - Valley Courier</title>"
    h1 = "<h1><span>Ferry terminal to close</span><span>Residents fear a long walk</span></h1>"
    assert headline(head, h1) == "Ferry terminal to close"


def test_the_sites_name_in_the_page_header_is_not_the_headline() -> None:
    head = "<title>Ferry terminal to close | Harbour Notes</title>"
    before = '<div id="header"><h1 class="site-title">Harbour Notes</h1></div>'
    assert headline(head, "", before) == "Ferry terminal to close"


def test_a_section_heading_before_the_article_is_passed_over() -> None:
    head = '<title>Ferry terminal to close</title><meta property="og:title" ' \
        'content="Ferry terminal to close">'  # fmt: skip
    before = "<h1>News</h1><h1>Navigation and service</h1>"
    assert headline(head, "<h1>Ferry terminal to close</h1>", before) == "Ferry terminal to close"


def test_a_blog_archive_title_without_an_article_h1() -> None:
    head = "<title>Harbour Notes » Blog Archive » Ferry terminal to close</title>"
    before = "<div><h1>Harbour Notes</h1></div>"
    found = parse_html(page(head, before, "", "Harbour Notes"), url="https://notes.example/p/1")
    assert found["title"] == "Ferry terminal to close"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry terminal to close (Valley Courier)", "Ferry terminal to close"),
        ("Ferry terminal to close › Valley Courier", "Ferry terminal to close"),
        ("Valley Courier » Blog Archiv » Ferry terminal to close", "Ferry terminal to close"),
        ("Ferry (terminal) to close", "Ferry (terminal) to close"),
    ],
)
def test_clean_headline_drops_the_site_in_more_shapes(title: str, expected: str) -> None:
    assert clean_headline(title, "Valley Courier", None) == expected
