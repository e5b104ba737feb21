"""The checks every concurrency and interruption test ends with: SQLite's own integrity check,
FTS5's check of the index against the table, and the index as a user meets it: every live
clipping is found by its own words, and no trashed one is."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from core import listing
from core.library import Library

_TOKEN = re.compile(r"[^\W_]+")


def own_words(title: str, text: str) -> list[str]:
    """A few words of a clipping that the index must know it by."""
    tokens = _TOKEN.findall(f"{title} {text}".lower())  # as FTS5's unicode61 splits them
    words = list(dict.fromkeys(t for t in tokens if len(t) >= 5 and t.isalpha()))
    return words[:3]


def assert_library_whole(path: Path) -> dict[str, int]:
    """Raise AssertionError unless the library and its index are consistent; returns counts."""
    conn = sqlite3.connect(path, timeout=30)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
        rows = conn.execute("SELECT id, title, text, deleted_at FROM clippings").fetchall()
        for clipping_id, title, text, _deleted in rows:
            for word in own_words(title, text):
                found = conn.execute(
                    "SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ? AND rowid = ?",
                    [f'"{word}"', clipping_id],
                ).fetchone()[0]
                assert found == 1, f"clipping {clipping_id} is not found by its word {word!r}"
    finally:
        conn.close()
    library = Library.open(path, busy_timeout=30)
    try:
        for clipping_id, title, text, deleted in rows:
            if deleted is None:
                continue
            for word in own_words(title, text):
                shown = listing.list_ids(library, listing.View(text=word, sort="relevance")).ids
                assert clipping_id not in shown, f"trashed {clipping_id} is found by {word!r}"
    finally:
        library.close()
    return {
        "live": sum(r[3] is None for r in rows),
        "trashed": sum(r[3] is not None for r in rows),
    }
