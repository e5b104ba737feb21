"""The full-text index as Cuttings keeps it, checked and put back: another tool
(``sqlite-utils disable-fts``, ``enable-fts --replace``) may have removed it or replaced it with
one of different columns and triggers; ``reindex`` then makes it again before rebuilding."""

from __future__ import annotations

import sqlite3

from core.schema import FTS_COLUMNS, FTS_PREFIXES, FTS_WEIGHTS, _run_script

#: the triggers that keep the index in step, as the migrations above leave them
INDEX_TRIGGERS = ("clippings_fts_delete", "clippings_fts_update")


def index_is_whole(conn: sqlite3.Connection) -> bool:
    """Whether the full-text index is the one the migrations made: the table with these
    columns over ``clippings``, its triggers, and no trigger of another tool writing into it."""
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'clippings_fts'"
    ).fetchone()
    if row is None or 'content="clippings"' not in row[0].replace("'", '"'):
        return False
    columns = [r[1] for r in conn.execute("PRAGMA table_info(clippings_fts)")]
    if tuple(columns) != FTS_COLUMNS:
        return False
    triggers = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%clippings_fts%'"
        )
    }
    return triggers == set(INDEX_TRIGGERS)


def remake_index(conn: sqlite3.Connection) -> None:
    """Put back the full-text index another tool removed or replaced (sqlite-utils
    disable-fts, enable-fts --replace): the table, its ranking and its triggers, empty; the
    caller rebuilds it. Runs inside the caller's transaction."""
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%clippings_fts%'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("DROP TABLE IF EXISTS clippings_fts")
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    weights = ", ".join(str(w) for w in FTS_WEIGHTS)
    _run_script(
        conn,
        f"""
        CREATE VIRTUAL TABLE clippings_fts USING fts5(
            {cols},
            content="clippings", content_rowid="id",
            tokenize="porter unicode61 remove_diacritics 2",
            prefix="{FTS_PREFIXES}"
        );
        INSERT INTO clippings_fts (clippings_fts, rank) VALUES ('rank', 'bm25({weights})');
        CREATE TRIGGER clippings_fts_delete AFTER DELETE ON clippings BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                VALUES ('delete', old.id, {old});
        END;
        CREATE TRIGGER clippings_fts_update AFTER UPDATE OF {cols} ON clippings BEGIN
            INSERT INTO clippings_fts (clippings_fts, rowid, {cols})
                VALUES ('delete', old.id, {old});
            INSERT INTO clippings_fts (rowid, {cols}) VALUES (new.id, {new});
        END;
        """,
    )
