"""Topics and speakers as tags: attach to many clippings at once, rename, merge, delete, count.

Both kinds share one mechanism (``TagKind``); speakers add aliases, a role and an organisation.
Every operation that touches several rows runs in one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from core.errors import BadInput, NotFound
from core.library import Library
from core.tagnames import Resolver, TagTable, clean_name, tag_key

__all__ = ["KINDS", "SPEAKERS", "TOPICS", "Resolver", "TagKind", "clean_name", "tag_key"]


@dataclass(frozen=True)
class TagKind(TagTable):
    """A kind of tag with its whole operations, each in one transaction."""

    # -- whole operations ------------------------------------------------------------------

    def add(self, library: Library, clipping_ids: list[int], names: list[str]) -> None:
        ids = library.require(clipping_ids)
        with library.write() as db:
            for name in names:
                self.attach(db.conn, ids, name)

    def remove(self, library: Library, clipping_ids: list[int], names: list[str]) -> None:
        ids = library.require(clipping_ids)
        with library.write() as db:
            for name in names:
                self.detach(db.conn, ids, name)

    def rename(self, library: Library, old: str, new: str) -> None:
        new = clean_name(new)
        with library.write() as db:
            tag_id = self.require(db.conn, old)
            other = self.find(db.conn, new)
            if other is not None and other != tag_id:
                raise BadInput(
                    f"There is already a {self.noun} called {new!r}; merge the two instead."
                )
            if self.table == "speakers":
                db.conn.execute("DELETE FROM speaker_aliases WHERE key = ?", [tag_key(new)])
            db.conn.execute(
                f"UPDATE {self.table} SET name = ?, key = ? WHERE id = ?",
                [new, tag_key(new), tag_id],
            )

    def merge(self, library: Library, source: str, target: str) -> int:
        """Fold ``source`` into ``target``; returns how many clippings gained ``target``."""
        with library.write() as db:
            conn = db.conn
            source_id = self.require(conn, source)
            target_id = self.require(conn, target)
            if source_id == target_id:
                raise BadInput(f"{source!r} and {target!r} are already the same {self.noun}.")
            gained = conn.execute(
                f"INSERT OR IGNORE INTO {self.link} (clipping_id, {self.fk}) "
                f"SELECT clipping_id, ? FROM {self.link} WHERE {self.fk} = ?",
                [target_id, source_id],
            ).rowcount
            if self.table == "speakers":
                self._fold_speaker(conn, source_id, target_id)
            conn.execute(f"DELETE FROM {self.table} WHERE id = ?", [source_id])
            return gained

    @staticmethod
    def _fold_speaker(conn: sqlite3.Connection, source_id: int, target_id: int) -> None:
        name, role, organisation = conn.execute(
            "SELECT name, role, organisation FROM speakers WHERE id = ?", [source_id]
        ).fetchone()
        conn.execute(
            "UPDATE speakers SET role = coalesce(role, ?), organisation = coalesce(organisation, ?)"
            " WHERE id = ?",
            [role, organisation, target_id],
        )
        conn.execute(
            "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", [target_id, source_id]
        )
        aliases = [name] + [
            r[0]
            for r in conn.execute(
                "SELECT alias FROM speaker_aliases WHERE speaker_id = ?", [source_id]
            )
        ]
        conn.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", [source_id])
        conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key) VALUES (?, ?, ?)",
            [(target_id, alias, tag_key(alias)) for alias in aliases],
        )

    def delete(self, library: Library, name: str) -> int:
        """Delete a tag; returns how many clippings lost it."""
        with library.write() as db:
            tag_id = self.require(db.conn, name)
            count = db.conn.execute(
                f"SELECT count(*) FROM {self.link} WHERE {self.fk} = ?", [tag_id]
            ).fetchone()[0]
            db.conn.execute(f"DELETE FROM {self.table} WHERE id = ?", [tag_id])
            return int(count)

    def counts(self, library: Library) -> list[dict[str, Any]]:
        """Every tag with the number of live clippings it is on, most used first. Counted
        from the link index less the Trash's links, so no article row is read."""
        trashed = {
            r["tag"]: r["n"]
            for r in library.execute(
                f"SELECT {self.fk} AS tag, count(*) AS n FROM {self.link} WHERE clipping_id IN "
                f"(SELECT id FROM clippings WHERE deleted_at IS NOT NULL) GROUP BY {self.fk}"
            )
        }
        extra = ", t.role, t.organisation" if self.table == "speakers" else ""
        rows = library.execute(
            f"SELECT t.id, t.name{extra}, count(l.clipping_id) AS count FROM {self.table} t "
            f"LEFT JOIN {self.link} l ON l.{self.fk} = t.id GROUP BY t.id"
        )
        for row in rows:
            row["count"] -= trashed.get(row["id"], 0)
        rows.sort(key=lambda r: (-r["count"], r["name"]))
        if self.table == "speakers":
            aliases: dict[int, list[str]] = {}
            for row in library.execute(
                "SELECT speaker_id, alias FROM speaker_aliases ORDER BY alias"
            ):
                aliases.setdefault(row["speaker_id"], []).append(row["alias"])
            for row in rows:
                row["aliases"] = aliases.get(row["id"], [])
        return rows


TOPICS = TagKind("topic", "topics", "clipping_topics", "topic_id")
SPEAKERS = TagKind("speaker", "speakers", "clipping_speakers", "speaker_id")
KINDS = {"topic": TOPICS, "speaker": SPEAKERS}


def set_speaker_details(
    library: Library, name: str, *, role: str | None = None, organisation: str | None = None
) -> None:
    """Set a speaker's role and organisation; None leaves one as it is, "" clears it."""
    with library.write() as db:
        speaker_id = SPEAKERS.require(db.conn, name)
        for column, value in (("role", role), ("organisation", organisation)):
            if value is not None:
                value = " ".join(value.split())
                db.conn.execute(
                    f"UPDATE speakers SET {column} = ? WHERE id = ?", [value or None, speaker_id]
                )


def speaker_details(library: Library, name: str) -> dict[str, Any]:
    """One speaker as the registry keeps it: name, role, organisation and other names."""
    conn = library.conn
    speaker_id = SPEAKERS.require(conn, name)
    row = conn.execute(
        "SELECT name, role, organisation FROM speakers WHERE id = ?", [speaker_id]
    ).fetchone()
    aliases = [
        r[0]
        for r in conn.execute(
            "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [speaker_id]
        )
    ]
    return {"name": row[0], "role": row[1], "organisation": row[2], "aliases": aliases}


def remove_alias(library: Library, alias: str) -> None:
    with library.write() as db:
        gone = db.conn.execute(
            "DELETE FROM speaker_aliases WHERE key = ?", [tag_key(alias)]
        ).rowcount
        if not gone:
            raise NotFound(f"No speaker has the other name {alias!r}.")


def add_alias(library: Library, name: str, alias: str) -> None:
    alias = clean_name(alias)
    with library.write() as db:
        speaker_id = SPEAKERS.require(db.conn, name)
        other = SPEAKERS.find(db.conn, alias)
        if other is not None and other != speaker_id:
            raise BadInput(f"{alias!r} already names another speaker; merge the two instead.")
        if other is None:
            db.conn.execute(
                "INSERT INTO speaker_aliases (speaker_id, alias, key) VALUES (?, ?, ?)",
                [speaker_id, alias, tag_key(alias)],
            )
