"""Which clippings a coverage chart counts: the ids a list shows (``listed`` asks
core.listing for them, the same call the window's list makes) or a selection, and the SQL
condition that keeps a count to them.

When the ids are most of a range of ids (a whole library, a wide search) it is the few ids
missing from that range that go to SQLite, since testing 100,000 index entries against a set
of 100,000 cost six times more than against a handful."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

from core import listing, saved
from core.errors import BadInput
from core.library import Library


def listed(
    library: Library, text: str = "", *, saved_search: str | None = None, every_copy: bool = False
) -> list[int]:
    """The ids the list shows for a search (and a saved search), wire copies folded under
    their original as the list folds them unless ``every_copy``."""
    if saved_search:
        text = (saved.get(library, saved_search)["query"] + " " + text).strip()
    # the order does not change the set, and date order needs no ranking
    found = listing.list_ids(library, listing.View(text=text, sort="date", fold=not every_copy))
    if found.message:
        raise BadInput(found.message)
    return found.ids


def view_ids(library: Library, view: listing.View) -> list[int]:
    """The ids a window's view lists (its sidebar scope, search and folding)."""
    return listing.list_ids(library, dataclasses.replace(view, sort="date")).ids


def within(ids: Iterable[int], column: str = "id") -> tuple[str, list[Any]]:
    """The condition that ``column`` is one of ``ids``, with its parameters."""
    chosen = sorted({int(i) for i in ids})
    if not chosen:
        return f"{column} IN (SELECT value FROM json_each('[]'))", []
    low, high = chosen[0], chosen[-1]
    if len(chosen) * 2 > high - low + 1:
        present = set(chosen)
        missing = [i for i in range(low, high + 1) if i not in present]
        return (
            f"{column} BETWEEN ? AND ? AND {column} NOT IN (SELECT value FROM json_each(?))",
            [low, high, json.dumps(missing)],
        )
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(chosen)]


def fetch(library: Library, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with library.read() as conn:
        return conn.execute(sql, params).fetchall()


def date_range(
    library: Library, ids: Iterable[int], among: tuple[str, list[Any]] | None = None
) -> tuple[str | None, str | None]:
    """The first and last date of publication among the clippings (``among``: their
    condition from within(), when the caller has it)."""
    chosen, params = among or within(ids)
    ends = []
    for direction in ("ASC", "DESC"):
        rows = fetch(
            library,
            "SELECT published FROM clippings INDEXED BY clippings_published "
            f"WHERE published IS NOT NULL AND {chosen} ORDER BY published {direction} LIMIT 1",
            params,
        )
        ends.append(rows[0][0][:10] if rows else None)
    return ends[0], ends[1]
