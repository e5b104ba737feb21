"""The one owner of the library file: opening, migrations, transactions and error translation.

A library is a plain SQLite file (WAL mode, foreign keys on) that any SQLite tool can read;
``sqlite-utils search LIBRARY clippings QUERY`` works on it because the full-text index is an
external-content FTS5 table over ``clippings`` kept in step by triggers.
"""

from __future__ import annotations

import os
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from core import schema
from core.errors import (
    BadInput,
    CuttingsError,
    DiskFull,
    LibraryBusy,
    LibraryCorrupt,
    LibraryError,
    LibraryReadOnly,
    LibraryTooNew,
    NotALibrary,
    NotFound,
)
from core.schema import FTS_COLUMNS
from core.textindex import cjk_index_text

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 32768

#: Columns a caller may set on a clipping; everything else is derived or kept by triggers.
CLIPPING_FIELDS = (
    "url",
    "canonical_url",
    "title",
    "byline",
    "wire",
    "outlet",
    "published",
    "captured",
    "language",
    "text",
    "lead",
    "notes",
    "content_hash",
    "word_count",
    "source",
)
EDITABLE_FIELDS = ("title", "byline", "outlet", "published", "notes", "url", "language")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+Z-]*)?$")
INDEX_SQL = (
    f"INSERT INTO clippings_fts (rowid, {', '.join(FTS_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' * len(FTS_COLUMNS))})"
)


def compress_original(page: bytes) -> bytes:
    """The kept page, compressed (capture does this in its worker processes)."""
    return zlib.compress(page, 6)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def translate(error: sqlite3.Error, path: Path | str = "the library") -> CuttingsError:
    """Turn an SQLite failure into a known failure with a sentence for the user."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return LibraryBusy(
            f"The library {path} is busy: another program is writing to it. "
            "Try again when it has finished."
        )
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFull(
            f"The disk holding {path} is full; nothing was saved. Free some space and try again."
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return LibraryReadOnly(
            f"Cannot write to {path}: the file or its folder is read-only; nothing was saved."
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return LibraryCorrupt(
            f"The library {path} is damaged ({text}). It was left as it is; "
            "restore it from a backup."
        )
    if primary == sqlite3.SQLITE_IOERR:
        return LibraryError(
            f"Could not write to {path} ({text}): the disk may be full or failing; "
            "nothing was saved."
        )
    return LibraryError(f"The library {path} could not be used: {text}")


class Library:
    """An open library. Belongs to the thread that opened it, like its sqlite3 connection."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, busy_timeout: float = 5.0) -> Library:
        """Open or create the library at ``path``; refuse, untouched, what is not one."""
        path = Path(path).expanduser()
        _check_file(path)
        try:
            conn = sqlite3.connect(str(path), timeout=busy_timeout)
        except sqlite3.Error as error:
            raise translate(error, path) from error
        try:
            db = sqlite_utils.Database(conn, execute_plugins=False)
            library = cls(db, path)
            library._prepare()
        except sqlite3.Error as error:
            conn.close()
            raise translate(error, path) from error
        except CuttingsError:
            conn.close()
            raise
        return library

    def _prepare(self) -> None:
        conn = self.db.conn
        # Read before writing anything: a foreign or newer file must stay byte-for-byte as it is.
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and schema.MIGRATIONS.migrations_table not in tables:
            raise NotALibrary(
                f"{self.path} is an SQLite file but not a Cuttings library; it was left untouched."
            )
        applied = {m.name for m in schema.MIGRATIONS.applied(self.db)}
        known = {m.name for m in schema.MIGRATIONS.pending(sqlite_utils.Database(memory=True))}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if applied - known or version > len(known):
            raise LibraryTooNew(
                f"{self.path} was written by a newer version of Cuttings (library version "
                f"{version}, this one reads up to {len(known)}); update Cuttings to open it. "
                "The file was left untouched."
            )
        if not tables:
            # Articles of a few kilobytes fill 4 KiB pages badly (overflow chains) and 16 KiB
            # pages only to 84%; 32 KiB pages hold seven.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            # The full-text index rewrites its segments as it merges them, which leaves free
            # pages behind a bulk import; incremental vacuum hands them back to the disk.
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # Durable enough in WAL: a power cut may lose the last commit, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        if schema.MIGRATIONS.pending(self.db):
            schema.MIGRATIONS.apply(self.db)
            conn.execute(f"PRAGMA user_version = {len(known)}")

    def close(self) -> None:
        self.reclaim()
        self.db.close()

    def reclaim(self) -> None:
        """Give free pages back to the disk when they are more than 1% of the file. Best
        effort: a library another program holds busy, or a read-only one, keeps them."""
        conn = self.db.conn
        try:
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            if free > max(16, pages // 100) and not conn.in_transaction:
                # executescript steps the pragma to its end; execute() frees one page a step
                conn.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error:
            pass

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction: everything inside lands together or not at all."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self.db.conn
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    def execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self.read() as conn:
            cursor = conn.execute(sql, params)
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # -- clippings ---------------------------------------------------------------------

    def add_clippings(self, clippings: Iterable[dict[str, Any]]) -> list[int]:
        """Insert clippings (dicts of CLIPPING_FIELDS, optionally ``original`` bytes or
        ``original_z`` from compress_original, ``original_type``, ``topics`` and ``speakers``)
        in one transaction; return their ids."""
        from core import tags  # tags builds on this module

        with self.write() as db:
            conn = db.conn
            resolver = tags.Resolver(conn)
            next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM clippings").fetchone()[0])
            rows = []
            # Tag links first, rows and index entries after (the links' foreign key is
            # deferred): a statement that fires triggers makes FTS5 flush its buffer, so
            # interleaving them wrote the index in tiny pieces, 2.6 times slower. The names are
            # copied onto each row here, so the link triggers find nothing to change.
            for clipping in clippings:
                next_id += 1
                row = self._row(clipping, next_id)
                for column, kind in (("topic_names", "topics"), ("speaker_names", "speakers")):
                    tag_ids, row[column] = resolver.resolve(kind, clipping.get(kind) or ())
                    conn.executemany(resolver.link_sql[kind], [(next_id, t) for t in tag_ids])
                original = clipping.get("original_z")
                if original is None and clipping.get("original"):
                    original = compress_original(clipping["original"])
                rows.append((row, original, clipping.get("original_type")))
            for row, original, original_type in rows:
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                conn.execute(
                    f"INSERT INTO clippings ({columns}) VALUES ({marks})", list(row.values())
                )
                conn.execute(INDEX_SQL, [row["id"], *(row[c] for c in FTS_COLUMNS)])
                if original:
                    conn.execute(
                        "INSERT INTO originals (clipping_id, content, content_type) "
                        "VALUES (?, ?, ?)",
                        (row["id"], original, original_type),
                    )
        return [row["id"] for row, _, _ in rows]

    def add_clipping(self, clipping: dict[str, Any]) -> int:
        return self.add_clippings([clipping])[0]

    @staticmethod
    def _row(clipping: dict[str, Any], clipping_id: int) -> dict[str, Any]:
        row = {k: clipping.get(k) for k in CLIPPING_FIELDS}
        row["id"] = clipping_id
        row["title"] = row["title"] or ""
        row["text"] = row["text"] or ""
        row["notes"] = row["notes"] or ""
        row["captured"] = row["captured"] or now_iso()
        if row["word_count"] is None:
            row["word_count"] = len(row["text"].split())
        row["cjk_text"] = cjk_index_text(row["title"], row["text"], row["notes"])
        if row["published"] is not None and not _ISO_DATE.match(str(row["published"])):
            raise BadInput(f"A published date must look like 2024-05-31, not {row['published']!r}.")
        return row

    def get(self, clipping_id: int) -> dict[str, Any]:
        rows = self.get_many([clipping_id], with_text=True)
        if not rows:
            raise NotFound(f"There is no clipping {clipping_id} in this library.")
        return rows[0]

    def get_many(self, ids: list[int], *, with_text: bool = False) -> list[dict[str, Any]]:
        """Clippings by id, in the order given, each with its topics and speakers."""
        if not ids:
            return []
        columns = (
            "id, url, canonical_url, title, byline, wire, outlet, published, captured, "
            "language, lead, notes, word_count, source, deleted_at, story_id"
        )
        if with_text:
            columns += ", text"
        marks = ",".join("?" * len(ids))
        rows = self.execute(f"SELECT {columns} FROM clippings WHERE id IN ({marks})", ids)
        by_id = {row["id"]: row for row in rows}
        for row in rows:
            row["topics"], row["speakers"] = [], []
        for kind, table, link, key in (
            ("topics", "topics", "clipping_topics", "topic_id"),
            ("speakers", "speakers", "clipping_speakers", "speaker_id"),
        ):
            for link_row in self.execute(
                f"SELECT l.clipping_id, t.name FROM {link} l JOIN {table} t ON t.id = l.{key} "
                f"WHERE l.clipping_id IN ({marks}) ORDER BY t.name",
                ids,
            ):
                by_id[link_row["clipping_id"]][kind].append(link_row["name"])
        return [by_id[i] for i in ids if i in by_id]

    def original(self, clipping_id: int) -> bytes | None:
        rows = self.execute("SELECT content FROM originals WHERE clipping_id = ?", [clipping_id])
        return zlib.decompress(rows[0]["content"]) if rows else None

    def update(self, clipping_id: int, **fields: Any) -> None:
        """Edit the fields a user may edit; the index follows through the triggers."""
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        self.get(clipping_id)
        with self.write() as db:
            if fields:
                sets = ", ".join(f"{k} = ?" for k in fields)
                db.conn.execute(
                    f"UPDATE clippings SET {sets} WHERE id = ?", [*fields.values(), clipping_id]
                )
            title, text, notes = db.conn.execute(
                "SELECT title, text, notes FROM clippings WHERE id = ?", [clipping_id]
            ).fetchone()
            cjk = cjk_index_text(title, text, notes)
            db.conn.execute(
                "UPDATE clippings SET cjk_text = ? WHERE id = ? AND cjk_text IS NOT ?",
                [cjk, clipping_id, cjk],
            )

    def existing_ids(self, ids: Iterable[int], *, trashed: bool | None = None) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        if not ids:
            return []
        where = ""
        if trashed is True:
            where = " AND deleted_at IS NOT NULL"
        elif trashed is False:
            where = " AND deleted_at IS NULL"
        marks = ",".join("?" * len(ids))
        found = {
            r["id"]
            for r in self.execute(f"SELECT id FROM clippings WHERE id IN ({marks}){where}", ids)
        }
        return [i for i in ids if i in found]

    def require(self, ids: Iterable[int]) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        missing = sorted(set(ids) - set(self.existing_ids(ids)))
        if missing:
            raise NotFound(
                "No clipping with id " + ", ".join(map(str, missing)) + " in this library."
            )
        return ids

    def trash(self, ids: Iterable[int]) -> list[int]:
        """Move clippings to the Trash; returns the ids that moved."""
        ids = self.existing_ids(self.require(ids), trashed=False)
        with self.write() as db:
            stamp = now_iso()
            db.conn.executemany(
                "UPDATE clippings SET deleted_at = ? WHERE id = ?", [(stamp, i) for i in ids]
            )
        return ids

    def restore(self, ids: Iterable[int]) -> list[int]:
        ids = self.existing_ids(self.require(ids), trashed=True)
        with self.write() as db:
            db.conn.executemany(
                "UPDATE clippings SET deleted_at = NULL WHERE id = ?", [(i,) for i in ids]
            )
        return ids

    def reindex(self) -> int:
        """Rebuild the full-text index from the live clippings; returns how many it holds."""
        columns = ", ".join(FTS_COLUMNS)
        with self.write() as db:
            db.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('delete-all')")
            db.conn.execute(
                f"INSERT INTO clippings_fts (rowid, {columns}) "
                f"SELECT id, {columns} FROM clippings WHERE deleted_at IS NULL"
            )
            db.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('optimize')")
        self.reclaim()
        return self.count()

    def empty_trash(self) -> int:
        with self.write() as db:
            gone = db.conn.execute("DELETE FROM clippings WHERE deleted_at IS NOT NULL").rowcount
        self.reclaim()
        return gone

    def count(self, *, trashed: bool = False) -> int:
        # From indexes only: a WHERE on the rows would read every article.
        in_trash = self.execute("SELECT count(*) AS n FROM clippings WHERE deleted_at IS NOT NULL")[
            0
        ]["n"]
        if trashed:
            return int(in_trash)
        return int(self.execute("SELECT count(*) AS n FROM clippings")[0]["n"]) - int(in_trash)

    def find_by_hash(self, content_hash: str) -> int | None:
        rows = self.execute(
            "SELECT id FROM clippings WHERE content_hash = ? ORDER BY id LIMIT 1", [content_hash]
        )
        return rows[0]["id"] if rows else None

    def find_by_url(self, url: str) -> int | None:
        rows = self.execute(
            "SELECT id FROM clippings WHERE canonical_url = ? ORDER BY id LIMIT 1", [url]
        )
        return rows[0]["id"] if rows else None


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise NotALibrary(f"{path} is a folder, not a library file.")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise LibraryReadOnly(f"Cannot read {path}: {error.strerror}.") from error
        if head and head != SQLITE_HEADER:
            raise NotALibrary(
                f"{path} is not a Cuttings library (not an SQLite file); it was left untouched."
            )
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryReadOnly(
            f"Cannot create the library folder {path.parent}: {error.strerror}."
        ) from error
    if not os.access(path.parent, os.W_OK):
        raise LibraryReadOnly(f"Cannot create {path}: the folder {path.parent} is read-only.")
