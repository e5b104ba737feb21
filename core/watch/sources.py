"""The sources a library watches: feeds and news sitemaps, each with a name, an outlet, an
interval and its last result (ok, not modified, or failed and why)."""

from __future__ import annotations

from typing import Any

from core.capture.fetch import Limits
from core.clippings import now_iso
from core.errors import BadInput, NotFound
from core.inputs import clean_line
from core.library import Library
from core.watch.discovery import Found, discover

DEFAULT_INTERVAL = 30  # minutes
MIN_INTERVAL, MAX_INTERVAL = 5, 7 * 24 * 60
COLUMNS = (
    "id, name, url, kind, site, outlet, interval_minutes, last_checked, next_check, "
    "last_status, last_reason, last_new, failures, etag, last_modified"
)


def check_interval(minutes: int | None) -> int:
    if minutes is None:
        return DEFAULT_INTERVAL
    if not MIN_INTERVAL <= minutes <= MAX_INTERVAL:
        raise BadInput(
            f"A source is checked every {MIN_INTERVAL} minutes at most often and once a week at "
            f"least; {minutes} is outside that."
        )
    return minutes


def add(
    library: Library,
    url: str,
    *,
    name: str | None = None,
    interval: int | None = None,
    outlet: str | None = None,
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Find the feed ``url`` is or leads to, and watch it; returns the new source's row with
    ``others``, the other feeds its page links."""
    interval = check_interval(interval)
    found = discover(url.strip(), limits)
    return save(library, found, name=name, interval=interval, outlet=outlet)


def save(
    library: Library,
    found: Found,
    *,
    name: str | None = None,
    interval: int = DEFAULT_INTERVAL,
    outlet: str | None = None,
) -> dict[str, Any]:
    wanted = clean_line(name) if name else None
    outlet = clean_line(outlet) or found.outlet
    with library.write() as db:
        conn = db.conn
        known = conn.execute("SELECT name FROM watch_sources WHERE url = ?", [found.url]).fetchone()
        if known:
            raise BadInput(f"That feed is watched already, as {known[0]!r}.")
        if wanted:
            if conn.execute("SELECT 1 FROM watch_sources WHERE name = ?", [wanted]).fetchone():
                raise BadInput(f"There is a source called {wanted!r} already; choose another name.")
            chosen = wanted
        else:
            base = found.title or outlet or found.url
            chosen, number = base, 1
            while conn.execute("SELECT 1 FROM watch_sources WHERE name = ?", [chosen]).fetchone():
                number += 1
                chosen = f"{base} ({number})"
        conn.execute(
            "INSERT INTO watch_sources (name, url, kind, site, outlet, interval_minutes, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [chosen, found.url, found.kind, found.site, outlet, interval, now_iso()],
        )
    row = get(library, chosen)
    row["others"] = found.others
    row["items"] = found.items
    return row


def all_sources(library: Library) -> list[dict[str, Any]]:
    return library.execute(f"SELECT {COLUMNS} FROM watch_sources ORDER BY name COLLATE NOCASE")


def get(library: Library, name: str) -> dict[str, Any]:
    rows = library.execute(f"SELECT {COLUMNS} FROM watch_sources WHERE name = ?", [name])
    if not rows:
        rows = library.execute(f"SELECT {COLUMNS} FROM watch_sources WHERE url = ?", [name])
    if not rows:
        names = [r["name"] for r in all_sources(library)]
        hint = f" The sources are: {', '.join(names[:10])}." if names else ""
        raise NotFound(f"There is no source called {name!r}.{hint}")
    return rows[0]


def remove(library: Library, name: str) -> dict[str, Any]:
    """Stop watching a source; its proposals still waiting stay in the Inbox."""
    row = get(library, name)
    with library.write() as db:
        db.conn.execute("DELETE FROM watch_sources WHERE id = ?", [row["id"]])
    return row


def set_interval(library: Library, name: str, minutes: int) -> None:
    minutes = check_interval(minutes)
    row = get(library, name)
    with library.write() as db:
        db.conn.execute(
            "UPDATE watch_sources SET interval_minutes = ?, next_check = NULL WHERE id = ?",
            [minutes, row["id"]],
        )


def describe(row: dict[str, Any]) -> str:
    """The last result in words: 'ok, 3 new', 'not modified', 'failed: the server ...'."""
    status = row.get("last_status")
    if status is None:
        return "not checked yet"
    if status == "failed":
        tries = row.get("failures") or 1
        again = f" ({tries} times in a row)" if tries > 1 else ""
        return f"failed{again}: {row.get('last_reason') or 'no reason given'}"
    if status == "not-modified":
        return "not modified"
    text = f"ok, {row.get('last_new') or 0} new"
    if row.get("last_reason"):
        text += f" ({row['last_reason']})"
    return text
