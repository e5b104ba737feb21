"""The list's rows (core.listing.shown): the columns of each clipping as text, read in one
statement, the same as the clipping's own record says."""

from __future__ import annotations

from core import listing, operations
from core.library import Library
from tests.conftest import clipping


def add(library: Library, **extra) -> int:
    return library.add_clipping(
        clipping("Harbour fees rise", "The port raised its fees on Monday.", **extra)
    )


def test_each_column_as_the_clipping_says(library: Library) -> None:
    one = add(
        library,
        outlet="The Courier",
        published="2024-03-05T09:30:00+00:00",
        topics=["ports", "Budget", "fees"],
        speakers=["Zoe Marsh", "Adam Pike"],
    )
    operations.tag(library, "topic", [one], ["Arts"])
    [row] = listing.shown(library, [one])
    record = library.get(one)
    assert row.id == one
    assert row.date == "2024-03-05"
    assert row.outlet == "The Courier"
    assert row.title == "Harbour fees rise"
    # Names in the order the clipping's own record gives them.
    assert row.topics == ", ".join(record["topics"]) == "Arts, Budget, fees, ports"
    assert row.speakers == ", ".join(record["speakers"]) == "Adam Pike, Zoe Marsh"
    assert row.why == "" and row.copies == 1


def test_what_a_clipping_lacks_is_empty_text(library: Library) -> None:
    bare = library.add_clipping({"title": "", "text": "A paragraph with no headline at all."})
    [row] = listing.shown(library, [bare])
    assert (row.date, row.outlet, row.title, row.topics, row.speakers) == ("", "", "", "", "")
    # Text, never None: the list shows each as it is.
    assert all(isinstance(v, str) for v in row[1:-1])


def test_rows_follow_the_ids_given_and_skip_what_is_gone(library: Library) -> None:
    ids = [add(library, outlet=f"Outlet {i}") for i in range(5)]
    wanted = [ids[3], 999_999, ids[0], ids[4]]
    assert [r.id for r in listing.shown(library, wanted)] == [ids[3], ids[0], ids[4]]
    assert listing.shown(library, []) == []


def test_a_renamed_speaker_shows_by_the_new_name(library: Library) -> None:
    one = add(library, speakers=["Ann Doe"])
    operations.rename_tag(library, "speaker", "Ann Doe", "Ann Doe-Marsh")
    assert listing.shown(library, [one])[0].speakers == "Ann Doe-Marsh"
