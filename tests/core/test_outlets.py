"""Outlet names as a reader would write them."""

from __future__ import annotations

import pytest

from core.capture.htmlpage import parse_html
from core.capture.outlets import outlet_name

URL = "https://www.harbourtimes.example/news/1"


@pytest.mark.parametrize(
    ("candidates", "segments", "expected"),
    [
        (["harbourtimes"], ["Harbour Times"], "Harbour Times"),
        (["Harbourtimes"], ["The Harbour Times"], "The Harbour Times"),
        (["harbourtimes.example"], ["HARBOUR TIMES"], "Harbour Times"),
        ([None], ["The Harbour Times"], "The Harbour Times"),
        (["Hosted", "Harbour Times"], [], "Harbour Times"),
        (["https://www.facebook.com/harbour", "Harbour Times"], [], "Harbour Times"),
        (["Harbour_Times", None], [], "harbourtimes.example"),
        (["https://www.harbourtimes.example"], [], "harbourtimes.example"),
        (["POLITICO"], [], "Politico"),
        (["HARBOURTIMES", "HarbourTimes"], [], "HarbourTimes"),  # the page's own case
        (["HARBOUR TIMES"], ["Harbour Times"], "Harbour Times"),
        (["CNN"], [], "CNN"),
        ([None], [], "harbourtimes.example"),
    ],
)
def test_outlet_names(candidates, segments, expected) -> None:
    assert outlet_name(candidates, segments, URL) == expected


@pytest.mark.parametrize(
    ("url", "segments", "expected"),
    [
        # an agency's hosting of its copy for member papers names itself only "Hosted"
        ("https://hosted.ap.org/harbourtimes/article/1/ferry", ["Hosted"], "AP"),
        ("https://www.reuters.com/world/ferry-1", [], "Reuters"),
        ("https://amp.harbourtimes.example/news/1", [], "harbourtimes.example"),
        ("https://edition.harbourtimes.example/1", ["The Harbour Times"], "The Harbour Times"),
    ],
)
def test_a_site_named_only_generically_is_named_by_its_owners_address(
    url, segments, expected
) -> None:
    assert outlet_name(["Hosted", None], segments, url) == expected


def test_the_headline_is_not_the_outlet() -> None:
    headline = "Ferry terminal to close after two years"
    assert outlet_name([headline, None], [], URL, avoid=[headline]) == "harbourtimes.example"


def test_an_aggregator_page_names_the_outlet_not_its_headline() -> None:
    body = (
        "<p>The council voted on Tuesday to close the old ferry terminal and move the service "
        "to the new quay by the end of the summer, after two years of delays.</p>"
    )
    html = (
        "<html><head><title>Ferry terminal to close after two years | Harbour Times</title>"
        '<meta property="og:title" content="Ferry terminal to close after two years">'
        '<meta name="application-name" content="Ferry terminal to close after two years">'
        f"</head><body><article><h1>Ferry terminal to close after two years</h1>{body}"
        "</article></body></html>"
    ).encode()
    found = parse_html(html, url=URL)
    assert (found["outlet"], found["title"]) == (
        "Harbour Times",
        "Ferry terminal to close after two years",
    )


def test_an_agency_copy_keeps_the_agency_as_wire_and_the_paper_as_outlet() -> None:
    body = (
        "<p>The council voted on Tuesday to close the old ferry terminal and move the service "
        "to the new quay by the end of the summer, after two years of delays.</p>"
    )
    html = (
        "<html><head><title>Ferry terminal to close</title>"
        '<meta property="og:site_name" content="Hosted">'
        '<meta name="author" content="By JANE ROE, Associated Press">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry '
        'terminal to close", "publisher": {"@type": "Organization", "name": "Harbour Times"}}'
        f"</script></head><body><article><h1>Ferry terminal to close</h1>{body}"
        "</article></body></html>"
    ).encode()
    found = parse_html(html, url=URL)
    assert (found["byline"], found["wire"], found["outlet"]) == ("JANE ROE", "AP", "Harbour Times")


def test_an_aggregators_copy_takes_the_publishers_name_from_its_logo() -> None:
    body = (
        "<p>The council voted on Tuesday to close the old ferry terminal and move the service "
        "to the new quay by the end of the summer, after two years of delays.</p>"
    )
    html = (
        "<html><head><title>Ferry terminal to close after two years</title>"
        '<link rel="canonical" href="https://www.theharbourtimes.example/ferry">'
        '</head><body><img alt="go to navigation" src="a.png">'
        '<img alt="The Harbour Times logo" src="b.png"><img alt="Other Paper - Logo" src="c.png">'
        f"<article><h1>Ferry terminal to close after two years</h1>{body}</article></body></html>"
    ).encode()
    assert parse_html(html)["outlet"] == "The Harbour Times"


def test_a_logo_is_read_only_for_words_that_spell_the_address() -> None:
    phrases = ["Harbour - Magazine", "Read more", "Harbour Times logo"]
    assert outlet_name(["harbourtimes"], [], URL, page_phrases=lambda: phrases) == "Harbour Times"
    assert outlet_name(["harbourtimes"], [], URL, page_phrases=lambda: phrases[:2]) == (
        "harbourtimes"
    )
