"""What the reader marked, for the search: ``in:highlights``, ``in:comments`` and ``in:why``
look for the query's words in a clipping's highlighted passages, its comments or its line on
why it matters; ``has:highlights``, ``has:comments`` and ``has:why`` (and ``-has:...``) keep
the clippings that have (or lack) them.

The words go to ``marks_fts``, an FTS5 table of one row per clipping (rowid = clipping id),
rewritten here in the transaction of every change to a clipping's highlights or its line. Each
of these becomes one more id set among the query's filters (core.search.Filters), so the
plans that run the rest of the query do not change."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from core.query import Query
from core.textindex import has_cjk, space_cjk

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # as core.search marks hits in snippets
#: the ``in:`` places and the marks_fts column each one searches
PLACES = {"highlights": "highlights", "comments": "comments", "why": "why"}
#: the ``has:`` kinds and the ids that have each one
HAVING = {
    "highlights": "SELECT clipping_id FROM highlights",
    "comments": "SELECT clipping_id FROM highlights WHERE comment != ''",
    "why": "SELECT id FROM clippings WHERE why != ''",
    "orphans": "SELECT clipping_id FROM highlights WHERE state = 'orphan'",
}


def _indexed(text: str) -> str:
    return space_cjk(text) if has_cjk(text) else text


def refresh(conn: sqlite3.Connection, clipping_ids: list[int]) -> None:
    """Rewrite the index rows of these clippings from their highlights and their line."""
    for clipping_id in clipping_ids:
        conn.execute("DELETE FROM marks_fts WHERE rowid = ?", [clipping_id])
        row = conn.execute("SELECT why FROM clippings WHERE id = ?", [clipping_id]).fetchone()
        if row is None:
            continue
        marks = conn.execute(
            "SELECT exact, comment FROM highlights WHERE clipping_id = ? ORDER BY start",
            [clipping_id],
        ).fetchall()
        passages = "\n".join(m[0] for m in marks)
        comments = "\n".join(m[1] for m in marks if m[1])
        if passages or comments or row[0]:
            conn.execute(
                "INSERT INTO marks_fts (rowid, highlights, comments, why) VALUES (?, ?, ?, ?)",
                [clipping_id, _indexed(passages), _indexed(comments), _indexed(row[0] or "")],
            )


def rebuild(conn: sqlite3.Connection) -> int:
    """The whole index again from the tables (after a tool wrote rows by hand)."""
    conn.execute("DELETE FROM marks_fts")
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT clipping_id FROM highlights UNION SELECT id FROM clippings WHERE why != ''"
        )
    ]
    refresh(conn, ids)
    return len(ids)


def snippets(
    conn: sqlite3.Connection, query: Query, page: list[tuple[int, float | None, str | None]]
) -> list[tuple[int, float | None, str | None]]:
    """For a search with ``in:``, each result's snippet from what matched: the highlighted
    passage, the comment or the line, with the words marked as the search marks hits."""
    words = query.words_match()
    if not query.within or words is None or not page:
        return page
    columns = " ".join(PLACES[p] for p in dict.fromkeys(query.within))
    found = dict(
        conn.execute(
            "SELECT rowid, snippet(marks_fts, -1, ?, ?, ?, 24) FROM marks_fts "
            "WHERE marks_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
            [
                HIT_OPEN,
                HIT_CLOSE,
                "…",
                f"{{{columns}}} : ({words})",
                json.dumps([p[0] for p in page]),
            ],
        ).fetchall()
    )
    return [(i, score, found.get(i, snippet)) for i, score, snippet in page]


def filter_parts(query: Query) -> list[tuple[bool, str, list[Any]]]:
    """The query's ``in:`` and ``has:`` as (keep?, SELECT of clipping ids, parameters), in the
    form core.search.Filters holds."""
    parts: list[tuple[bool, str, list[Any]]] = []
    words = query.words_match()
    if query.within and words is not None:
        columns = " ".join(PLACES[p] for p in dict.fromkeys(query.within))
        parts.append(
            (
                True,
                "SELECT rowid FROM marks_fts WHERE marks_fts MATCH ?",
                [f"{{{columns}}} : ({words})"],
            )
        )
    elif query.within and query.excluded:
        # only words to leave out: clippings whose marks do not hold them
        columns = " ".join(PLACES[p] for p in dict.fromkeys(query.within))
        excluded = " OR ".join(t.fts() for t in query.excluded)
        parts.append(
            (
                False,
                "SELECT rowid FROM marks_fts WHERE marks_fts MATCH ?",
                [f"{{{columns}}} : ({excluded})"],
            )
        )
    for kind in query.has:
        parts.append((True, HAVING[kind], []))
    for kind in query.not_has:
        parts.append((False, HAVING[kind], []))
    return parts
