"""The one owner of the library file: opening, migrations, transactions and error translation.

A library is a plain SQLite file (WAL mode, foreign keys on) that any SQLite tool can read;
``sqlite-utils search LIBRARY clippings QUERY`` works on it because the full-text index is an
external-content FTS5 table over ``clippings`` kept in step by triggers.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import database, files, schema
from core.clippings import ClippingTable
from core.errors import (
    CuttingsError,
    DiskFull,
    IndexDamaged,
    LibraryBusy,
    LibraryCorrupt,
    LibraryError,
    LibraryReadOnly,
    LibraryTooNew,
    NotALibrary,
    QueryError,
)

if TYPE_CHECKING:
    import sqlite_utils

PAGE_SIZE = 32768


def translate(error: sqlite3.Error, path: Path | str = "the library") -> CuttingsError | None:
    """The known failure an SQLite error stands for, with a sentence for the user; None when
    it is not one of those (a syntax error, a missing column: a bug, to be logged as one)."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PROTOCOL):
        return LibraryBusy(
            f"The library {path} is busy: another program is writing to it. "
            "Nothing was changed; try again when it has finished."
        )
    if primary == sqlite3.SQLITE_FULL:
        return DiskFull(
            f"The disk holding {path} is full; the last change was not saved. "
            "Free some space and try again."
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        return LibraryReadOnly(
            f"Cannot write to {path}: the file or its folder is read-only; nothing was changed."
        )
    if primary == sqlite3.SQLITE_NOTADB:
        return LibraryCorrupt(
            f"The library {path} is damaged (its first page is not an SQLite header). "
            "It was left as it is; restore it from a backup."
        )
    if primary == sqlite3.SQLITE_CORRUPT:
        return LibraryCorrupt(
            f"The library {path} is damaged ({text}). It was left as it is; "
            "restore it from a backup."
        )
    if primary == sqlite3.SQLITE_IOERR:
        return LibraryError(
            f"Could not read or write {path} ({text}): the file may have been made read-only, "
            "or the disk is full, failing or gone; the last change was not saved."
        )
    if primary == sqlite3.SQLITE_NOMEM:
        return LibraryError("There was not enough memory for that; nothing was changed.")
    if "clippings_fts" in text and ("no such table" in text or "no column named" in text):
        return IndexDamaged(
            f"The full-text index of {path} is missing or was changed by another tool; "
            "nothing was changed. Run `cuttings reindex` to rebuild it."
        )
    if primary == sqlite3.SQLITE_INTERRUPT:
        return QueryError("That search was stopped before it finished; nothing was changed.")
    return None


def _known(error: sqlite3.Error, path: Path | str) -> BaseException:
    """What to raise for an SQLite error: its known failure, or the error itself (a bug)."""
    found = translate(error, path)
    if found is None:
        return error
    found.__cause__ = error
    return found


class Library(ClippingTable):
    """An open library: one SQLite connection. It belongs to the thread that opened it (the
    window keeps one per thread and one more on its serial writer, see core.writer)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: str | None = None) -> None:
        self.conn = conn
        self.path = path
        #: why nothing can be written (a read-only folder or medium), or None
        self.read_only = read_only
        self._depth = 0  # savepoints open inside the current transaction (see write)
        files.keep_track(self.path)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, for writes: made (and sqlite-utils imported) the
        first time one is asked for, as reads use the connection alone."""
        return database.wrap(self.conn)

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 5.0,
        check_same_thread: bool = True,
    ) -> Library:
        """Open or create the library at ``path``; refuse, untouched, what is not one.

        Nothing but SQLite opens the file: on Linux and macOS, closing any other descriptor
        of it would drop the locks SQLite holds through this process's connections, and
        another program could then delete the write-ahead log under them. A library that
        cannot be written (a read-only folder or medium) is opened for reading, and says why
        when a write is asked of it.
        """
        path = Path(path).expanduser()
        _check_place(path)
        exists = path.exists()
        try:
            return cls._connect(path, busy_timeout, check_same_thread, None)
        except LibraryReadOnly as refusal:
            if not exists:
                raise
            reason = (
                f"The library {path} is read-only (its file, folder or disk cannot be "
                "written): it can be searched, shown and exported, but not changed."
            )
            for mode in ("mode=ro", "immutable=1"):
                try:
                    return cls._connect(path, busy_timeout, check_same_thread, (mode, reason))
                except LibraryReadOnly:
                    continue
                except CuttingsError:
                    raise
            raise refusal

    @classmethod
    def _connect(
        cls,
        path: Path,
        busy_timeout: float,
        check_same_thread: bool,
        read_only: tuple[str, str] | None,
    ) -> Library:
        target = str(path)
        if read_only:
            from urllib.request import pathname2url  # 12 ms of imports, for this case only

            target = f"file:{pathname2url(str(path.resolve()))}?{read_only[0]}"
        try:
            # isolation_level=None: no transaction opens behind our back; write() opens each.
            conn = sqlite3.connect(
                target,
                timeout=busy_timeout,
                isolation_level=None,
                check_same_thread=check_same_thread,
                uri=bool(read_only),
            )
        except sqlite3.Error as error:
            raise _known_at_open(error, path) from error
        try:
            library = cls(conn, path, read_only[1] if read_only else None)
            library._prepare()
        except sqlite3.Error as error:
            conn.close()
            raise _known_at_open(error, path) from error
        except BaseException:
            conn.close()
            raise
        return library

    def _prepare(self) -> None:
        conn = self.conn
        # Read before writing anything: a foreign or newer file must stay byte-for-byte as it is.
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and schema.MIGRATIONS_TABLE not in tables:
            raise NotALibrary(
                f"{self.path} is an SQLite file but not a Cuttings library; it was left untouched."
            )
        applied = set(schema.applied_names(conn))
        known = set(schema.migration_names())
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(known):
            raise LibraryTooNew(
                f"{self.path} was written by a newer version of Cuttings (library version "
                f"{version}, this one reads up to {len(known)}); update Cuttings to open it. "
                "The file was left untouched."
            )
        if applied - known:  # a version no newer, but changes this one never made
            raise LibraryTooNew(
                f"{self.path} holds changes this version of Cuttings does not know "
                f"({', '.join(sorted(applied - known))}): it was written by a newer or another "
                "build of Cuttings; open it with that one. The file was left untouched."
            )
        conn.execute("PRAGMA foreign_keys = ON")
        pending = known - applied
        if self.read_only:
            if not tables or pending:
                raise LibraryReadOnly(
                    f"The library {self.path} cannot be written, and it needs "
                    f"{'setting up' if not tables else 'an update of its format'} before this "
                    "version of Cuttings can read it. Copy it somewhere writable first."
                )
            return
        if not tables:
            # Articles of a few kilobytes fill 4 KiB pages badly (overflow chains) and 16 KiB
            # pages only to 84%; 32 KiB pages hold seven.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            # The full-text index rewrites its segments as it merges them, which leaves free
            # pages behind a bulk import; incremental vacuum hands them back to the disk.
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # Durable enough in WAL: a power cut may lose the last commit, never corrupt the file.
        conn.execute("PRAGMA synchronous = NORMAL")
        if pending:
            with self.write():
                # Another process may have migrated while this one waited for the lock.
                if known - set(schema.applied_names(conn)):
                    schema.migrations().apply(self.db)
                    conn.execute(f"PRAGMA user_version = {len(known)}")

    def busy_timeout(self) -> float:
        """How long, in seconds, this connection waits for another program's write."""
        return float(self.conn.execute("PRAGMA busy_timeout").fetchone()[0]) / 1000

    def close(self) -> None:
        if not self.read_only:
            self.reclaim()
        self.conn.close()

    def reclaim(self) -> None:
        """Give free pages back to the disk when they are more than 1% of the file. Best
        effort: a library another program holds busy, or a read-only one, keeps them."""
        conn = self.conn
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
        """One transaction: everything inside lands together or not at all. It starts with
        BEGIN IMMEDIATE, so waiting for another program's write happens here, up to the busy
        timeout, rather than failing at once half-way through. Nested, it is a savepoint."""
        if self.read_only:
            raise LibraryReadOnly(self.read_only)
        conn = self.conn
        if conn.in_transaction:
            # Named by depth, not by a count of all savepoints: the few statements are then
            # prepared once and kept in the connection's cache of statements, where a new name
            # for each one pushed out the inserts of a capture (the cache holds 128).
            self._depth += 1
            name = f"cuttings_{self._depth}"
            try:
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.db
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                else:
                    conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _known(error, self.path) from error
        try:
            yield self.db
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            raise _known(error, self.path) from error
        except BaseException:
            _rollback(conn)
            raise

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self.conn
        except sqlite3.Error as error:
            raise _known(error, self.path) from error

    def execute(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        with self.read() as conn:
            cursor = conn.execute(sql, params)
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _check_place(path: Path) -> None:
    """Refuse a folder, and a new library where it cannot be created. Only stat() looks at an
    existing file here: whether it is an SQLite file is for SQLite to say (see open)."""
    if path.is_dir():
        raise NotALibrary(f"{path} is a folder, not a library file.")
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryReadOnly(
            f"Cannot create the library folder {path.parent}: {error.strerror}."
        ) from error
    if not os.access(path.parent, os.W_OK):
        raise LibraryReadOnly(f"Cannot create {path}: the folder {path.parent} is read-only.")


def _known_at_open(error: sqlite3.Error, path: Path) -> BaseException:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_NOTADB:
        return NotALibrary(
            f"{path} is not a Cuttings library (not an SQLite file); it was left untouched."
        )
    return _known(error, path)


def _rollback(conn: sqlite3.Connection) -> None:
    # An error such as a full disk may have ended the transaction already.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
