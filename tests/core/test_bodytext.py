"""Article text: advertisements, a repeated headline, datelines and empty table cells."""

from __future__ import annotations

import pytest

from core.capture.bodytext import (
    clean_text,
    with_datelines_joined,
    without_app_promotions,
    without_empty_cells,
    without_repeated_headline,
)
from core.capture.htmlpage import parse_html
from core.capture.textfile import headline_end, parse_text

STORY = "The council voted on Tuesday to close the old ferry terminal after two years of delays."


@pytest.mark.parametrize(
    "ad",
    [
        "Download the Harbour News app for the latest headlines",
        "Get our free app: news as it happens.",
        "Laden Sie die Hafen-App herunter",
    ],
)
def test_an_app_advertisement_goes(ad: str) -> None:
    assert without_app_promotions([STORY, ad]) == [STORY]


def test_a_paragraph_about_an_app_stays() -> None:
    long = "Download figures for the council's parking app " + "rose sharply in May, " * 8
    assert without_app_promotions([long]) == [long]


def test_the_headline_printed_again_as_the_first_paragraph_goes() -> None:
    assert without_repeated_headline(["Ferry terminal closes", STORY], "Ferry Terminal Closes") == [
        STORY
    ]
    assert without_repeated_headline(["Ferry terminal closes"], "Ferry terminal closes") == [
        "Ferry terminal closes"
    ]


@pytest.mark.parametrize(
    "dateline", ["WASHINGTON —", "BERLIN (dpa) -", "LONDON, May 2 (Reuters) -"]
)
def test_a_dateline_opens_its_paragraph(dateline: str) -> None:
    assert with_datelines_joined([dateline, STORY]) == [f"{dateline} {STORY}"]


def test_a_short_heading_is_not_a_dateline() -> None:
    assert with_datelines_joined(["What happens next", STORY]) == ["What happens next", STORY]


def test_empty_table_cells_go() -> None:
    assert without_empty_cells(["| | Ferry times |", "| | |", STORY]) == ["Ferry times", STORY]


def test_a_page_gets_all_of_it() -> None:
    raw = f"Ferry terminal closes\nWASHINGTON —\n{STORY}\nDownload the X News app"
    text = clean_text(raw, "Ferry terminal closes")
    assert text == f"WASHINGTON — {STORY}"
    html = (
        "<html><head><title>Ferry terminal closes</title></head><body><article>"
        f"<h1>Ferry terminal closes</h1><p>WASHINGTON —</p><p>{STORY} Residents were not "
        "pleased and said so at a meeting on Wednesday evening.</p>"
        "<p>Download the Harbour News app</p></article></body></html>"
    ).encode()
    assert parse_html(html)["text"].startswith("WASHINGTON — The council voted")


@pytest.mark.parametrize(
    ("first_line", "headline"),
    [
        ("Ferry terminal to close;", "Ferry terminal to close"),
        ("Ferry terminal to close.", "Ferry terminal to close"),
        ("Talks resume in the U.S.", "Talks resume in the U.S."),
        ("Will the ferry run?", "Will the ferry run?"),
        ("And then...", "And then..."),
    ],
)
def test_a_text_files_headline_loses_its_full_stop(first_line: str, headline: str) -> None:
    assert headline_end(first_line) == headline
    assert parse_text(f"{first_line}\n\n{STORY}")["title"] == headline
