"""A clipping's date: published rather than last changed; the extensive search where the fast
one finds nothing, without dateparser at the window's start."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core.capture.dates import day, prefer_published, stated_dates
from core.capture.htmlpage import parse_html
from core.capture.metadata import json_ld
from tests.conftest import ROOT

BODY = (
    "<p>The council voted on Tuesday to close the old ferry terminal and move the service to "
    "the new quay by the end of the summer, after two years of delays and rising costs.</p>"
)


def page(head: str = "", top: str = "") -> bytes:
    return (
        f"<html><head><title>Ferry terminal closes</title>{head}</head><body><article>"
        f"<h1>Ferry terminal closes</h1>{top}{BODY}</article></body></html>"
    ).encode()


LD_PUBLISHED = (
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry terminal '
    'closes", "datePublished": "2024-05-02T08:00:00Z"}</script>'
)


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:modified_time" content="2024-06-20T10:00:00Z">' + LD_PUBLISHED,
        '<meta property="og:updated_time" content="2024-06-20T10:00:00Z">'
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z">',
        '<meta name="last-modified" content="2024-06-20">'
        '<meta itemprop="datePublished" content="2024-05-02">',
    ],
    ids=["meta-modified+ld-published", "og-updated+meta-published", "last-modified+itemprop"],
)
def test_the_published_date_wins_over_the_last_change(head: str) -> None:
    assert parse_html(page(head))["published"] == "2024-05-02"


def test_a_day_apart_is_a_time_zone_not_a_change() -> None:
    # published late in the evening in UTC-3, given in UTC: the found day stays
    assert prefer_published("2022-05-03", ["2022-05-04"], ["2022-05-03"]) == "2022-05-03"
    assert prefer_published("2022-06-20", ["2022-05-04"], ["2022-06-20"]) == "2022-05-04"
    assert prefer_published(None, ["2022-05-04"], []) == "2022-05-04"
    assert prefer_published(None, [], []) is None


def test_stated_dates_read_structured_data_and_meta_tags() -> None:
    from trafilatura.utils import load_html

    tree = load_html(page('<meta property="article:modified_time" content="2024-06-20">'
                          + LD_PUBLISHED).decode())  # fmt: skip
    assert stated_dates(tree, json_ld(tree)) == (["2024-05-02"], ["2024-06-20"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-02T08:00:00Z", "2024-05-02"), ("2024-02-30", None), ("May 2", None), (3, None)],
)
def test_day(value, expected) -> None:
    assert day(value) == expected


def test_a_date_only_in_words_is_found_by_the_extensive_search() -> None:
    # "3 de marzo de 2021" is beyond the fast search's patterns
    found = parse_html(page(top="<div class='fecha'>3 de marzo de 2021</div>"))
    assert found["published"] == "2021-03-03"


@pytest.mark.slow
def test_the_window_and_a_dated_capture_do_not_load_dateparser() -> None:
    code = (
        "import sys\n"
        "import ui.app, core.capture.sources\n"
        "from core.capture.htmlpage import parse_html\n"
        f"parse_html({page(LD_PUBLISHED)!r})\n"
        "print('dateparser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
