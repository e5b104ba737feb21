"""A one-worker import reads each source while the one before is saved on a thread of its
own: outcomes and ids still follow the sources, a copy still being saved is still a copy, and
whatever stops the import leaves only whole clippings that its outcomes count."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from core.capture import sources
from core.capture.sources import add_sources
from core.errors import CaptureError
from core.library import Library
from tests.integrity import assert_library_whole
from tests.test_cli import read_only


def write_stories(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    made = []
    for i in range(count):
        path = folder / f"{i:02d}.txt"
        path.write_text(
            f"Ferry timetable {i}\n\nThe harbour board moved sailing {i} to the evening. "
            f"Crews were told on day {i}.",
            "utf-8",
        )
        made.append(path)
    return made


def parse_failing_at(monkeypatch: pytest.MonkeyPatch, name: str, error: BaseException) -> None:
    """Reading the source whose name ends so raises ``error``; the others read as ever."""
    real = sources.parse_source

    def parse(source: str, *args, **kwargs):
        if source.endswith(name):
            raise error
        return real(source, *args, **kwargs)

    monkeypatch.setattr(sources, "parse_source", parse)


def titles_in_id_order(library: Library) -> list[str]:
    rows = library.execute("SELECT title FROM clippings ORDER BY id")
    return [r["title"] for r in rows]


def test_outcomes_and_ids_follow_the_sources(library: Library, tmp_path: Path) -> None:
    write_stories(tmp_path / "in", 12)
    threads = []
    batch = add_sources(
        library,
        [str(tmp_path / "in")],
        jobs=1,
        progress=lambda n, total, o: threads.append(threading.current_thread()),
    )
    assert [o.status for o in batch.outcomes] == ["added"] * 12
    assert [o.source for o in batch.outcomes] == [
        f"{tmp_path / 'in'}/{i:02d}.txt" for i in range(12)
    ]
    ids = [o.clipping_id for o in batch.outcomes]
    assert ids == sorted(ids)
    assert titles_in_id_order(library) == [f"Ferry timetable {i}" for i in range(12)]
    # Progress is told on the caller's thread, as the window's job expects.
    assert set(threads) == {threading.current_thread()}


def test_a_copy_of_the_source_just_before_is_a_duplicate(library: Library, tmp_path: Path) -> None:
    # The second is read while the first may still be saving: save's own look, inside its
    # transaction, must catch it.
    folder = tmp_path / "in"
    folder.mkdir()
    body = "Rail fares\n\nFares rise in March, the operator said on Monday morning."
    (folder / "a.txt").write_text(body, "utf-8")
    (folder / "b.txt").write_text(body.replace("Monday", "MONDAY  "), "utf-8")
    (folder / "c.txt").write_text(body.replace("March", "April"), "utf-8")
    batch = add_sources(library, [str(folder)], jobs=1)
    assert [o.status for o in batch.outcomes] == ["added", "duplicate", "added"]
    assert batch.outcomes[1].clipping_id == batch.outcomes[0].clipping_id
    assert library.count() == 2


def test_a_failed_source_between_saves_is_told_in_its_place(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 4)
    (folder / "01.txt").write_bytes(b"")
    batch = add_sources(library, [str(folder)], jobs=1)
    assert [o.status for o in batch.outcomes] == ["added", "failed", "added", "added"]
    assert titles_in_id_order(library) == [
        "Ferry timetable 0",
        "Ferry timetable 2",
        "Ferry timetable 3",
    ]


def test_interrupted_while_reading_counts_the_clipping_saved_meanwhile(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 6)
    parse_failing_at(monkeypatch, "03.txt", KeyboardInterrupt())
    batch = add_sources(library, [str(folder)], jobs=1)
    assert batch.interrupted
    # The third was being saved when the fourth was read: it is in, and the batch says so.
    assert [o.status for o in batch.outcomes] == ["added"] * 3
    assert library.count() == 3
    assert {o.clipping_id for o in batch.outcomes} == {
        r["id"] for r in library.execute("SELECT id FROM clippings")
    }
    assert_library_whole(library.path)


def test_cancelled_while_reading_does_not_save_what_was_read(
    library: Library, tmp_path: Path
) -> None:
    write_stories(tmp_path / "in", 8)
    seen = []
    batch = add_sources(
        library,
        [str(tmp_path / "in")],
        jobs=1,
        progress=lambda n, total, o: seen.append(o),
        cancelled=lambda: len(seen) >= 2,
    )
    assert batch.interrupted
    assert library.count() == len(batch.outcomes) == 2


def test_a_library_that_cannot_take_more_stops_with_what_was_saved(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 6)
    real = sources.save

    def full_at_the_fourth(lib: Library, clipping: dict, source: str, **kwargs):
        if source.endswith("03.txt"):
            from core.errors import LibraryError

            raise LibraryError("the disk is full")
        return real(lib, clipping, source, **kwargs)

    monkeypatch.setattr(sources, "save", full_at_the_fourth)
    batch = add_sources(library, [str(folder)], jobs=1)
    assert batch.stopped == "the disk is full"
    assert [o.status for o in batch.outcomes] == ["added"] * 3 + ["failed"]
    assert library.count() == 3
    assert_library_whole(library.path)


def test_a_read_only_library_says_so_once(tmp_path: Path) -> None:
    place = tmp_path / "ro"
    place.mkdir()
    Library.open(place / "library.db").close()
    folder = tmp_path / "in"
    write_stories(folder, 3)
    with read_only(place):
        library = Library.open(place / "library.db")
        assert library.read_only
        batch = add_sources(library, [str(folder)], jobs=1)
        library.close()
    assert batch.stopped and "read-only" in batch.stopped
    assert [o.status for o in batch.outcomes] == ["failed"]


def test_a_bug_in_reading_one_source_costs_that_source_only(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write_stories(folder, 3)
    parse_failing_at(monkeypatch, "01.txt", CaptureError("the file is not a story"))
    batch = add_sources(library, [str(folder)], jobs=1)
    assert [(o.status, o.reason) for o in batch.outcomes][1] == (
        "failed",
        "the file is not a story",
    )
    assert library.count() == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_page_is_kept_as_it_was_read(library: Library, tmp_path: Path, jobs: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pages = {}
    for i in range(3):
        page = (
            f"<html><head><title>Bridge {i} reopens</title></head><body><article>"
            f"<h1>Bridge {i} reopens</h1><p>The river bridge number {i} reopened to traffic "
            "on Friday after two years of repairs, the county engineer said.</p>"
            "<p>Buses will use it again from Monday, with the old timetable.</p>"
            "</article></body></html>"
        ).encode()
        (folder / f"{i}.html").write_bytes(page)
        pages[f"Bridge {i} reopens"] = page
    batch = add_sources(library, [str(folder)], jobs=jobs)
    assert [o.status for o in batch.outcomes] == ["added"] * 3
    for outcome in batch.outcomes:
        title = library.execute("SELECT title FROM clippings WHERE id = ?", [outcome.clipping_id])
        assert library.original(outcome.clipping_id) == pages[title[0]["title"]]
