"""The clippings table: adding clippings (with their tags and index entries, in bulk), reading
them by id, editing what a user may edit, the Trash, and the lookups that find duplicates.
``Library`` (core.library) has all of these; this module holds them so that the file's owner
stays about opening, transactions and failures."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from core.errors import LibraryCorrupt, NotFound
from core.inputs import clean_line, clean_text, valid_date
from core.schema import FTS_COLUMNS
from core.tagnames import Resolver
from core.textindex import cjk_index_text

if TYPE_CHECKING:
    import sqlite_utils

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


#: Fields of one line: line breaks and runs of spaces in them become one space.
LINE_FIELDS = ("title", "byline", "wire", "outlet", "url", "canonical_url", "language", "source")
INDEX_SQL = (
    f"INSERT INTO clippings_fts (rowid, {', '.join(FTS_COLUMNS)}) "
    f"VALUES (?, {', '.join('?' * len(FTS_COLUMNS))})"
)


#: zlib's level for kept pages. On the corpus's 429 news pages level 3 takes 1.05 ms a page
#: against level 6's 2.1 ms, for 11% more bytes (level 4: 1.3 ms, 4.5% more; level 1: 0.9 ms,
#: 17.5% more). Pages kept at any level read back the same way.
ORIGINAL_LEVEL = 3


def compress_original(page: bytes) -> bytes:
    """The kept page, compressed (in capture's worker processes, or at one worker on the
    thread that saves it)."""
    return zlib.compress(page, ORIGINAL_LEVEL)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class ClippingTable:
    """The clipping methods of a Library; it provides ``conn``, ``write``, ``execute`` and
    ``reclaim``."""

    conn: sqlite3.Connection

    def write(self) -> AbstractContextManager[sqlite_utils.Database]:
        raise NotImplementedError

    def execute(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        raise NotImplementedError

    def reclaim(self) -> None:
        raise NotImplementedError

    # -- clippings ---------------------------------------------------------------------

    def add_clippings(self, clippings: Iterable[dict[str, Any]]) -> list[int]:
        """Insert clippings (dicts of CLIPPING_FIELDS, optionally ``original`` bytes or
        ``original_z`` from compress_original, ``original_type``, ``topics`` and ``speakers``)
        in one transaction; return their ids."""
        with self.write() as db:
            conn = db.conn
            resolver = Resolver(conn)
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
        for column in LINE_FIELDS:
            row[column] = clean_line(row[column])
        for column in ("text", "notes", "lead"):
            row[column] = clean_text(row[column])
        row["id"] = clipping_id
        row["title"] = row["title"] or ""
        row["text"] = row["text"] or ""
        row["notes"] = row["notes"] or ""
        row["captured"] = row["captured"] or now_iso()
        if row["word_count"] is None:
            row["word_count"] = len(str(row["text"]).split())
        row["cjk_text"] = cjk_index_text(row["title"], row["text"], row["notes"])
        row["published"] = valid_date(row["published"])
        row["complete"] = 1
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
            "language, lead, notes, word_count, source, deleted_at, story_id, why"
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
        for column, value in fields.items():
            fields[column] = clean_text(value) if column == "notes" else clean_line(value)
        if "published" in fields:
            fields["published"] = valid_date(fields["published"])
        if "title" in fields:
            fields["title"] = fields["title"] or ""
        if "notes" in fields:
            fields["notes"] = fields["notes"] or ""
        with self.write() as db:
            if not db.conn.execute(
                "SELECT 1 FROM clippings WHERE id = ?", [clipping_id]
            ).fetchone():
                raise NotFound(f"There is no clipping {clipping_id} in this library.")
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
        """Rebuild the full-text index from every clipping (the Trash is kept out of results
        by the searches themselves, so this is the same rebuild any FTS5 tool does), first
        putting the index back as it should be if another tool removed or replaced it;
        returns how many live clippings there are."""
        from core import fts_index
        from core.highlights import searching  # what the reader marked has its own index

        damaged = [p for p in self.check(quick=True) if p.startswith("damaged")]
        if damaged:
            raise LibraryCorrupt(
                f"The library is damaged ({damaged[0].removeprefix('damaged: ')}); rebuilding "
                "its index would not mend it. Restore it from a backup."
            )
        with self.write() as db:
            if not fts_index.index_is_whole(db.conn):
                fts_index.remake_index(db.conn)
            db.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('rebuild')")
            db.conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('optimize')")
            searching.rebuild(db.conn)
        self.reclaim()
        return self.count()

    def check(self, *, quick: bool = False) -> list[str]:
        """What is wrong with the library, in words (nothing when it is whole): SQLite's own
        check of every page (``quick`` skips matching indexes to their tables), and the
        full-text index against its table."""
        from core import fts_index

        problems: list[str] = []
        conn = self.conn
        try:
            pragma = "quick_check" if quick else "integrity_check"
            found = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
            if found != ["ok"]:
                problems += [f"damaged: {line}" for line in found]
        except sqlite3.DatabaseError as error:
            problems.append(f"damaged: {error}")
        if not fts_index.index_is_whole(conn):
            problems.append(
                "the full-text index is missing or was changed by another tool "
                "(`cuttings reindex` rebuilds it)"
            )
        elif not problems:
            try:
                conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(
                    f"the full-text index does not match the clippings ({error}; "
                    "`cuttings reindex` rebuilds it)"
                )
        return problems

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
