"""Tag names and their tables at the level of one SQLite connection: what makes two names
one tag, finding and creating tags, attaching them to clippings, and resolving names during
a bulk insert. core.library builds on this; core.tags builds whole operations on both."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from core.errors import BadInput, NotFound
from core.inputs import clean_line


def tag_key(name: str) -> str:
    """The identity of a tag name: case, width and spacing do not make a new tag."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_name(name: str) -> str:
    # NUL, escape sequences and control characters are no part of a name (core.inputs)
    cleaned = " ".join(unicodedata.normalize("NFC", clean_line(name) or "").split())
    if not cleaned:
        raise BadInput("A tag name cannot be empty.")
    if len(cleaned) > 200:
        raise BadInput("A tag name can be at most 200 characters long.")
    return cleaned


@dataclass(frozen=True)
class TagTable:
    noun: str  # "topic" / "speaker"
    table: str
    link: str
    fk: str

    # -- lookups ----------------------------------------------------------------------

    def find(self, conn: sqlite3.Connection, name: str) -> int | None:
        key = tag_key(name)
        row = conn.execute(f"SELECT id FROM {self.table} WHERE key = ?", [key]).fetchone()
        if row:
            return int(row[0])
        if self.table == "speakers":
            row = conn.execute(
                "SELECT speaker_id FROM speaker_aliases WHERE key = ?", [key]
            ).fetchone()
            if row:
                return int(row[0])
        return None

    def require(self, conn: sqlite3.Connection, name: str) -> int:
        found = self.find(conn, name)
        if found is None:
            close = self.close_to(conn, name)
            hint = f"; did you mean {close!r}?" if close else "."
            raise NotFound(f"There is no {self.noun} called {name!r} in this library{hint}")
        return found

    def close_to(self, conn: sqlite3.Connection, name: str) -> str | None:
        """The known name (or other name) nearest a misspelt one, if one is near."""
        import difflib  # only for a misspelt name

        names = [r[0] for r in conn.execute(f"SELECT name FROM {self.table}")]
        if self.table == "speakers":
            names += [r[0] for r in conn.execute("SELECT alias FROM speaker_aliases")]
        by_key = {tag_key(n): n for n in names}
        close = difflib.get_close_matches(tag_key(name), list(by_key), n=1, cutoff=0.75)
        return by_key[close[0]] if close else None

    def ensure(self, conn: sqlite3.Connection, name: str) -> int:
        name = clean_name(name)
        found = self.find(conn, name)
        if found is not None:
            return found
        cursor = conn.execute(
            f"INSERT INTO {self.table} (name, key) VALUES (?, ?)", [name, tag_key(name)]
        )
        return int(cursor.lastrowid or 0)

    def index_names(self, conn: sqlite3.Connection, tag_ids: list[int]) -> str:
        """The text the triggers keep in ``topic_names``/``speaker_names`` for these tags."""
        if not tag_ids:
            return ""
        marks = ",".join("?" * len(tag_ids))
        names = {
            r[0]
            for r in conn.execute(f"SELECT name FROM {self.table} WHERE id IN ({marks})", tag_ids)
        }
        if self.table == "speakers":
            names |= {
                r[0]
                for r in conn.execute(
                    f"SELECT alias FROM speaker_aliases WHERE speaker_id IN ({marks})", tag_ids
                )
            }
        return ", ".join(sorted(names))

    # -- writes (callers hold the transaction) ----------------------------------------------

    def attach(self, conn: sqlite3.Connection, clipping_ids: list[int], name: str) -> int:
        tag_id = self.ensure(conn, name)
        conn.executemany(
            f"INSERT OR IGNORE INTO {self.link} (clipping_id, {self.fk}) VALUES (?, ?)",
            [(cid, tag_id) for cid in clipping_ids],
        )
        return tag_id

    def detach(self, conn: sqlite3.Connection, clipping_ids: list[int], name: str) -> int:
        tag_id = self.require(conn, name)
        conn.executemany(
            f"DELETE FROM {self.link} WHERE clipping_id = ? AND {self.fk} = ?",
            [(cid, tag_id) for cid in clipping_ids],
        )
        return tag_id


TOPIC_TABLE = TagTable("topic", "topics", "clipping_topics", "topic_id")
SPEAKER_TABLE = TagTable("speaker", "speakers", "clipping_speakers", "speaker_id")


class Resolver:
    """Tag names to ids during one bulk insert, remembering what it has looked up."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.kinds = {"topics": TOPIC_TABLE, "speakers": SPEAKER_TABLE}
        self.link_sql = {
            name: f"INSERT OR IGNORE INTO {k.link} (clipping_id, {k.fk}) VALUES (?, ?)"
            for name, k in self.kinds.items()
        }
        self._ids: dict[tuple[str, str], int] = {}
        self._names: dict[tuple[str, int], set[str]] = {}

    def resolve(self, kind: str, names: Iterable[str]) -> tuple[list[int], str]:
        """The tag ids for ``names`` (created as needed) and the text the index holds."""
        tags = self.kinds[kind]
        ids: list[int] = []
        index_names: set[str] = set()
        for name in names:
            key = (kind, tag_key(name))
            if key not in self._ids:
                self._ids[key] = tags.ensure(self.conn, name)
            tag_id = self._ids[key]
            if (kind, tag_id) not in self._names:
                self._names[(kind, tag_id)] = set(tags.index_names(self.conn, [tag_id]).split(", "))
            if tag_id not in ids:
                ids.append(tag_id)
                index_names |= self._names[(kind, tag_id)]
        return ids, ", ".join(sorted(index_names))
