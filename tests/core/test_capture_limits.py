"""Limits that hold whatever the source does: a server that trickles or hangs up, a page too
big to be an article, a folder nobody may list. Each ends in a reason a person can read."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.capture import workers
from core.capture.fetch import Limits, fetch
from core.capture.sources import add_sources
from core.errors import CaptureError
from core.library import Library
from tests.pages import PageServer


@pytest.fixture(scope="module")
def server() -> Iterator[PageServer]:
    running = PageServer()
    yield running
    running.close()


@pytest.mark.slow
@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_a_trickling_server_is_given_up_at_the_total_limit(server: PageServer, path: str) -> None:
    # Every byte comes within the read time-out, so only the total limit can end it; the
    # server would otherwise go on for a minute.
    with pytest.raises(CaptureError, match="took longer than 2 s"):
        fetch(server.url(path), Limits(connect=5, read=20, total=2))


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/incomplete", r"closed the connection before the page was complete \(100 of 5000"),
        ("/hang-up", "closed the connection without answering"),
    ],
)
def test_a_server_that_hangs_up_early_is_said_so(server: PageServer, path: str, said: str) -> None:
    with pytest.raises(CaptureError, match=said) as error:
        fetch(server.url(path))
    assert "IncompleteRead" not in str(error.value) and "(" not in str(error.value)[:20]


def links_page(count: int) -> bytes:
    links = "<a href=#>x</a>" * count
    return f"<html><body><h1>Index</h1><p>{links}</p></body></html>".encode()


def test_a_page_of_a_million_links_is_refused_before_it_is_read(library: Library, tmp_path):
    page = tmp_path / "index.html"
    page.write_bytes(links_page(1_000_000))
    [outcome] = add_sources(library, [str(page)]).outcomes
    assert outcome.status == "failed"
    assert "elements" in outcome.reason and "not an article" in outcome.reason
    assert library.count() == 0


def test_a_worker_gives_up_a_page_past_its_time(monkeypatch: pytest.MonkeyPatch, tmp_path):
    # Below the structure check, but slow to extract: with a one-second allowance the
    # worker's alarm ends it (the default allowance is 30 s).
    page = tmp_path / "index.html"
    page.write_bytes(links_page(100_000))
    monkeypatch.setattr(workers, "WORKER_SECONDS", 1)
    with pytest.raises(CaptureError, match="took longer than 1 s"):
        workers._timed_parse(str(page))


@contextlib.contextmanager
def unlistable_folder() -> Iterator[Path]:
    """A folder this process may not list. Root lists everything, so as root the process
    takes another user's identity (its effective uid) while the folder is walked."""
    base = Path(tempfile.mkdtemp(prefix="cuttings-locked-"))
    base.chmod(0o755)
    locked = base / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Hidden\n\nNobody may read this folder.", "utf-8")
    locked.chmod(0)
    try:
        yield locked
    finally:
        locked.chmod(0o755)
        (locked / "a.txt").unlink()
        locked.rmdir()
        base.rmdir()


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_folder_that_cannot_be_listed_is_an_outcome_not_a_silence(library: Library) -> None:
    with unlistable_folder() as locked:
        with as_nobody():
            batch = add_sources(library, [str(locked), str(locked.parent)])
    assert [o.status for o in batch.outcomes] == ["failed", "failed"]
    assert all("the folder cannot be read (Permission denied)" in o.reason for o in batch.outcomes)
    assert batch.summary() == "0 added, 0 duplicates, 2 failed"
