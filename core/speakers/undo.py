"""Undo for review actions: each action records the rows it changed, as they were before and
after, and ``undo`` puts the before back, provided nothing has changed them since.

A record is a value (the window keeps a stack of them for Ctrl+Z); nothing is stored in the
library, so undo lasts as long as the window that holds the record.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from core.errors import BadInput
from core.library import Library

# Parents before children: rows are put back in this order and taken away in the reverse.
KEYS: dict[str, tuple[str, ...]] = {
    "speakers": ("id",),
    "speaker_aliases": ("id",),
    "suggestions": ("id",),
    "clipping_speakers": ("clipping_id", "speaker_id"),
    "quotes": ("id",),
}

Row = dict[str, Any]


@dataclass(frozen=True)
class Change:
    table: str
    key: tuple[Any, ...]
    before: Row | None  # None: the action made the row
    after: Row | None  # None: the action removed the row


@dataclass(frozen=True)
class Undo:
    """What one review action changed; ``undo(library, record)`` takes it back."""

    action: str  # "accept speaker", "reject quote", ... for the window's "Undo ..." label
    clipping_id: int
    changes: tuple[Change, ...]
    speaker_id: int | None = None  # the speaker the action gave quotes to, if any


def _row(conn: sqlite3.Connection, table: str, key: tuple[Any, ...]) -> Row | None:
    where = " AND ".join(f'"{c}" = ?' for c in KEYS[table])
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {where}", key)
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([d[0] for d in cursor.description], found, strict=True))


class Recorder:
    """Notes the rows an action is about to change; ``finish`` compares them afterwards."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._before: dict[tuple[str, tuple[Any, ...]], Row | None] = {}

    def touch(self, table: str, *key: Any) -> None:
        if (table, key) not in self._before:
            self._before[(table, key)] = _row(self.conn, table, key)

    def touch_where(self, table: str, where: str, params: list[Any]) -> None:
        columns = ", ".join(f'"{c}"' for c in KEYS[table])
        for key in self.conn.execute(f"SELECT {columns} FROM {table} WHERE {where}", params):
            self.touch(table, *key)

    def created(self, table: str, *key: Any) -> None:
        """A row the action has just made (its key was not known before)."""
        self._before.setdefault((table, key), None)

    def finish(self, action: str, clipping_id: int, speaker_id: int | None = None) -> Undo:
        changes = []
        for (table, key), before in self._before.items():
            after = _row(self.conn, table, key)
            if before != after:
                changes.append(Change(table, key, before, after))
        return Undo(action, clipping_id, tuple(changes), speaker_id)


def undo(library: Library, record: Undo) -> None:
    """Put back what a review action changed. Refused, with nothing changed, when one of its
    rows has changed since (undo the later action first)."""
    order = list(KEYS)
    with library.write() as db:
        conn = db.conn
        for change in record.changes:
            if _row(conn, change.table, change.key) != change.after:
                raise BadInput(
                    f"Cannot undo “{record.action}”: the clipping's speakers have changed since."
                )
        made = sorted(
            (c for c in record.changes if c.before is None),
            key=lambda c: -order.index(c.table),
        )
        for change in made:
            where = " AND ".join(f'"{c}" = ?' for c in KEYS[change.table])
            conn.execute(f"DELETE FROM {change.table} WHERE {where}", change.key)
        kept = sorted(
            (c for c in record.changes if c.before is not None),
            key=lambda c: order.index(c.table),
        )
        for change in kept:
            row = change.before or {}
            columns = list(row)
            marks = ", ".join("?" * len(columns))
            names = ", ".join(f'"{c}"' for c in columns)
            if _row(conn, change.table, change.key) is None:
                conn.execute(
                    f"INSERT INTO {change.table} ({names}) VALUES ({marks})", list(row.values())
                )
            else:
                sets = ", ".join(f'"{c}" = ?' for c in columns)
                where = " AND ".join(f'"{c}" = ?' for c in KEYS[change.table])
                conn.execute(
                    f"UPDATE {change.table} SET {sets} WHERE {where}",
                    [*row.values(), *change.key],
                )
