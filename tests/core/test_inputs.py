"""What enters the library is checked where it enters: dates are real dates, text carries no
control characters or escape sequences, and old text leaves for a terminal made harmless."""

from __future__ import annotations

import pytest

from core.errors import BadInput
from core.inputs import clean_line, clean_text, printable, shown_path, valid_date
from core.library import Library
from tests.conftest import clipping


@pytest.mark.parametrize(
    "value", ["2024-05-31", "2024-02-29", "1800-01-01", "2100-12-31", "2024-05-31T08:30:00+02:00"]
)
def test_real_dates_pass(value: str) -> None:
    assert valid_date(value) == value


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-13-45", "not a day of the calendar"),
        ("2023-02-29", "not a day of the calendar"),
        ("9999-99-99", "not a day of the calendar"),
        ("0000-00-00", "not a day of the calendar"),
        ("1799-12-31", "outside 1800-2100"),
        ("2101-01-01", "outside 1800-2100"),
        ("someday", "not a date like"),
        ("2024-05-31T25:00", "time of day"),
    ],
)
def test_dates_that_are_no_dates_are_refused_in_words(value: str, why: str) -> None:
    with pytest.raises(BadInput, match=why) as error:
        valid_date(value)
    assert "\n" not in str(error.value)


def test_the_library_refuses_bad_dates_on_every_way_in(library: Library) -> None:
    with pytest.raises(BadInput, match="real date"):
        library.add_clipping(clipping("Harbour", "The harbour reopened.", published="2024-13-45"))
    [clipping_id] = library.add_clippings([clipping("Harbour", "The harbour reopened.")])
    with pytest.raises(BadInput, match="real date"):
        library.update(clipping_id, published="someday")
    assert library.get(clipping_id)["published"] is None
    library.update(clipping_id, published="2024-05-31")
    assert library.get(clipping_id)["published"] == "2024-05-31"


def test_control_characters_and_escape_sequences_never_reach_the_library(
    library: Library,
) -> None:
    [clipping_id] = library.add_clippings(
        [
            clipping(
                "Budget\x00 talks \x1b[31mresume\x1b[0m\x07",
                "First\x00 paragraph\x0b here.\r\nSecond \x1b]0;owned\x07paragraph\ud800.",
                byline="Ann\tLee\n",
                notes="keep\x08 this",
            )
        ]
    )
    row = library.get(clipping_id)
    assert row["title"] == "Budget talks resume"
    assert row["text"] == "First paragraph here.\nSecond paragraph."
    assert row["byline"] == "Ann Lee" and row["notes"] == "keep this"
    library.update(clipping_id, title="New\x00 \x1b[1mtitle", notes="a\x00b")
    row = library.get(clipping_id)
    assert (row["title"], row["notes"]) == ("New title", "ab")


def test_cleaning_keeps_what_text_is_made_of() -> None:
    text = "Paragraph one.\n\nПараграф два,\tс табуляцией. 第三段。 “Quoted” — dash…"
    assert clean_text(text) == text
    assert clean_line("  one\n two\t three  ") == "one two three"
    assert clean_text(None) is None and clean_line("") == ""


def test_printable_shows_escape_sequences_rather_than_obeying_them() -> None:
    shown = printable("Title \x1b[2J\x1b[31mred\r overwritten\x00")
    assert "\x1b" not in shown and "\r" not in shown and "\x00" not in shown
    assert "^[[2J" in shown and "red" in shown
    assert printable("plain words") == "plain words"


def test_file_names_that_are_not_utf8_are_shown_with_replacement_characters() -> None:
    name = b"bad\xff\xfename.txt".decode("utf-8", "surrogateescape")
    assert shown_path(name) == "bad\ufffd\ufffdname.txt"
    shown_path(name).encode("utf-8")  # printable and storable
