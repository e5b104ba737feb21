"""A time limit for searches: whatever fits in the search box answers within a second or is
refused in words, never left running (64 one-letter prefixes joined by OR took 20 s at
10,000 clippings, and 69 s at 100,000).

SQLite stops a running statement when ``interrupt()`` is called on its connection, FTS5's
own merging included; between two statements there is nothing to stop, so once the time is
up the watchdog keeps interrupting until the search gives up.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import QueryError


def search_seconds() -> float:
    """The limit: one second, or ``$CUTTINGS_SEARCH_SECONDS`` (0 for none)."""
    try:
        return float(os.environ.get("CUTTINGS_SEARCH_SECONDS", "1.0"))
    except ValueError:
        return 1.0


TOO_LONG = (
    "That search takes longer than {seconds:g} s in this library, so it was stopped. "
    "Narrow it: longer prefixes (pre* rather than p*), fewer words joined by OR."
)


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float | None = None) -> Iterator[None]:
    """Run the statements inside on ``conn`` for at most ``seconds`` (a QueryError after)."""
    limit = search_seconds() if seconds is None else seconds
    if limit <= 0 or limit == float("inf"):
        yield
        return
    finished = threading.Event()
    expired = threading.Event()

    def watch() -> None:
        if finished.wait(limit):
            return
        expired.set()
        while not finished.is_set():
            conn.interrupt()
            finished.wait(0.02)

    watchdog = threading.Thread(target=watch, name="search-deadline", daemon=True)
    watchdog.start()
    try:
        yield
    except sqlite3.OperationalError as error:
        if expired.is_set() and "interrupt" in str(error).lower():
            raise QueryError(TOO_LONG.format(seconds=limit)) from error
        raise
    except QueryError as error:
        if expired.is_set() and isinstance(error.__cause__, sqlite3.OperationalError):
            raise QueryError(TOO_LONG.format(seconds=limit)) from error
        raise
    finally:
        finished.set()
        watchdog.join()
