"""Saved searches: a name for a query and its sort order, kept in the library."""

from __future__ import annotations

from typing import Any

from core.clippings import now_iso
from core.errors import BadInput, NotFound
from core.library import Library
from core.query import parse


def save(library: Library, name: str, query: str, sort: str = "relevance") -> int:
    name = " ".join(name.split())
    if not name:
        raise BadInput("A saved search needs a name.")
    if sort not in ("relevance", "date"):
        raise BadInput(f"Sort by relevance or date, not {sort!r}.")
    parse(query)  # refuse to save what could never run
    with library.write() as db:
        cursor = db.conn.execute(
            "INSERT INTO saved_searches (name, query, sort, created) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET query = excluded.query, sort = excluded.sort",
            [name, query, sort, now_iso()],
        )
        return int(cursor.lastrowid or 0)


def all_saved(library: Library) -> list[dict[str, Any]]:
    return library.execute("SELECT id, name, query, sort FROM saved_searches ORDER BY name")


def get(library: Library, name: str) -> dict[str, Any]:
    rows = library.execute(
        "SELECT id, name, query, sort FROM saved_searches WHERE name = ?", [name]
    )
    if not rows:
        raise NotFound(f"There is no saved search called {name!r}.")
    return rows[0]


def delete(library: Library, name: str) -> None:
    get(library, name)
    with library.write() as db:
        db.conn.execute("DELETE FROM saved_searches WHERE name = ?", [name])
