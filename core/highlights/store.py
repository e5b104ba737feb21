"""The highlights table and "why it matters": adding, editing and removing highlights, each
returning an undo record, and placing every highlight of a clipping again when its text
changes (core.highlights.anchoring). The search index of what the reader marked follows every
change in the same transaction (core.highlights.searching)."""

from __future__ import annotations

import re
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from core.clippings import now_iso
from core.errors import BadInput, NotFound
from core.highlights import colours, searching
from core.highlights.anchoring import Quote, describe, reanchor
from core.inputs import clean_line, clean_text
from core.library import Library

MAX_PASSAGE = 5_000  # characters a highlight may hold: a passage, not the article
MAX_COMMENT = 2_000
MAX_WHY = 200  # one short line
COLUMNS = (
    'id, uid, clipping_id, exact, prefix, suffix, start, "end", colour, comment, state, '
    "created, modified"
)

Row = dict[str, Any]


@dataclass(frozen=True)
class Undo:
    """What one action changed: highlight rows as they were and are, and the "why it matters"
    line (before, after) when it changed. ``undo(library, record)`` takes it back."""

    action: str  # "highlight", "edit highlight", "remove highlight", "why it matters"
    clipping_id: int
    rows: tuple[tuple[Row | None, Row | None], ...] = ()
    why: tuple[str, str] | None = None


def _rows(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[Row]:
    cursor = conn.execute(f"SELECT {COLUMNS} FROM highlights WHERE {where}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def of_clipping(library: Library, clipping_id: int) -> list[Row]:
    """A clipping's highlights in the order of its text, orphans last, each with its colour's
    name."""
    with library.read() as conn:
        rows = _rows(
            conn,
            "clipping_id = ? ORDER BY state = 'orphan', start, id",
            [clipping_id],
        )
    shown = colours.names(library)
    for row in rows:
        row["colour_name"] = shown.get(row["colour"], row["colour"])
    return rows


def of_clippings(library: Library, ids: list[int]) -> dict[int, list[Row]]:
    """Highlights of many clippings (packs, exports), anchored and orphans alike."""
    found: dict[int, list[Row]] = {}
    shown = colours.names(library)
    with library.read() as conn:
        for chunk in (ids[i : i + 900] for i in range(0, len(ids), 900)):
            marks = ",".join("?" * len(chunk))
            for row in _rows(conn, f"clipping_id IN ({marks}) ORDER BY clipping_id, start", chunk):
                row["colour_name"] = shown.get(row["colour"], row["colour"])
                found.setdefault(row["clipping_id"], []).append(row)
    return found


def get(library: Library, highlight_id: int) -> Row:
    with library.read() as conn:
        rows = _rows(conn, "id = ?", [highlight_id])
    if not rows:
        raise NotFound(f"There is no highlight {highlight_id} in this library.")
    return rows[0]


def _text_of(conn: sqlite3.Connection, clipping_id: int) -> str:
    row = conn.execute("SELECT text FROM clippings WHERE id = ?", [clipping_id]).fetchone()
    if row is None:
        raise NotFound(f"There is no clipping {clipping_id} in this library.")
    return row[0] or ""


def _comment(comment: str | None) -> str:
    text = (clean_text(comment) or "").strip()
    if len(text) > MAX_COMMENT:
        raise BadInput(f"A comment holds at most {MAX_COMMENT:,} characters.")
    return text


def find_passage(text: str, passage: str, occurrence: int | None = None) -> tuple[int, int]:
    """Where ``passage`` stands in ``text`` (spacing and line breaks may differ); several
    places need ``occurrence`` (1 for the first)."""
    words = passage.split()
    if not words:
        raise BadInput("Give the words to highlight: --text cannot be empty.")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        raise BadInput("Those words are not in the clipping's text (they must match exactly).")
    if occurrence is None:
        if len(found) > 1:
            raise BadInput(
                f"Those words stand {len(found)} times in the text; add --occurrence N "
                "(1 for the first) or more words."
            )
        return found[0]
    if not 1 <= occurrence <= len(found):
        raise BadInput(f"Those words stand {len(found)} time(s) in the text, not {occurrence}.")
    return found[occurrence - 1]


def add(
    library: Library,
    clipping_id: int,
    start: int,
    end: int,
    *,
    colour: str | None = None,
    comment: str | None = None,
) -> tuple[int, Undo]:
    """Highlight ``text[start:end]`` of a clipping (spaces at its edges left out); returns
    the new highlight's id and its undo record."""
    key = colours.resolve(library, colour)
    note = _comment(comment)
    with library.write() as db:
        conn = db.conn
        text = _text_of(conn, clipping_id)
        start, end = max(0, start), min(len(text), end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise BadInput("Select some words of the text to highlight them.")
        if end - start > MAX_PASSAGE:
            raise BadInput(
                f"A highlight holds at most {MAX_PASSAGE:,} characters; mark a shorter passage."
            )
        quote = describe(text, start, end)
        stamp = now_iso()
        cursor = conn.execute(
            'INSERT INTO highlights (uid, clipping_id, exact, prefix, suffix, start, "end", '
            "colour, comment, state, created, modified) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'anchored', ?, ?)",
            [
                f"urn:uuid:{uuid.uuid4()}",
                clipping_id,
                quote.exact,
                quote.prefix,
                quote.suffix,
                start,
                end,
                key,
                note,
                stamp,
                stamp,
            ],
        )
        new_id = int(cursor.lastrowid or 0)
        searching.refresh(conn, [clipping_id])
        after = _rows(conn, "id = ?", [new_id])[0]
    return new_id, Undo("highlight", clipping_id, ((None, after),))


def edit(
    library: Library,
    highlight_id: int,
    *,
    colour: str | None = None,
    comment: str | None = None,
) -> Undo:
    """Change a highlight's colour or comment (None leaves it as it is)."""
    fields: dict[str, Any] = {}
    if colour is not None:
        fields["colour"] = colours.resolve(library, colour)
    if comment is not None:
        fields["comment"] = _comment(comment)
    with library.write() as db:
        conn = db.conn
        before = _rows(conn, "id = ?", [highlight_id])
        if not before:
            raise NotFound(f"There is no highlight {highlight_id} in this library.")
        if fields and any(before[0][k] != v for k, v in fields.items()):
            fields["modified"] = now_iso()
            sets = ", ".join(f"{k} = ?" for k in fields)
            conn.execute(
                f"UPDATE highlights SET {sets} WHERE id = ?", [*fields.values(), highlight_id]
            )
            searching.refresh(conn, [before[0]["clipping_id"]])
        after = _rows(conn, "id = ?", [highlight_id])[0]
    return Undo("edit highlight", after["clipping_id"], ((before[0], after),))


def remove(library: Library, highlight_ids: list[int]) -> Undo:
    """Remove highlights (of one clipping or several); the record puts them back."""
    ids = list(dict.fromkeys(int(i) for i in highlight_ids))
    with library.write() as db:
        conn = db.conn
        marks = ",".join("?" * len(ids)) or "NULL"
        before = _rows(conn, f"id IN ({marks})", ids)
        missing = sorted(set(ids) - {r["id"] for r in before})
        if missing:
            raise NotFound(
                "There is no highlight " + ", ".join(map(str, missing)) + " in this library."
            )
        conn.execute(f"DELETE FROM highlights WHERE id IN ({marks})", ids)
        searching.refresh(conn, sorted({r["clipping_id"] for r in before}))
    clipping_id = before[0]["clipping_id"] if before else 0
    return Undo("remove highlight", clipping_id, tuple((r, None) for r in before))


def why(library: Library, clipping_id: int) -> str:
    rows = library.execute("SELECT why FROM clippings WHERE id = ?", [clipping_id])
    if not rows:
        raise NotFound(f"There is no clipping {clipping_id} in this library.")
    return str(rows[0]["why"] or "")


def set_why(library: Library, clipping_id: int, text: str) -> Undo:
    """The clipping's one line on why it matters ("" clears it)."""
    line = clean_line(text) or ""
    if len(line) > MAX_WHY:
        raise BadInput(
            f"“Why it matters” is one short line: at most {MAX_WHY} characters, not {len(line)}."
        )
    with library.write() as db:
        conn = db.conn
        row = conn.execute("SELECT why FROM clippings WHERE id = ?", [clipping_id]).fetchone()
        if row is None:
            raise NotFound(f"There is no clipping {clipping_id} in this library.")
        if row[0] != line:
            conn.execute("UPDATE clippings SET why = ? WHERE id = ?", [line, clipping_id])
            searching.refresh(conn, [clipping_id])
    return Undo("why it matters", clipping_id, why=(row[0] or "", line))


def undo(library: Library, record: Undo) -> None:
    """Put back what an action changed, if nothing has changed it since."""
    with library.write() as db:
        conn = db.conn
        for before, after in record.rows:
            key = (after or before or {}).get("id")
            now = _rows(conn, "id = ?", [key])
            current = now[0] if now else None
            if current != after:
                raise BadInput("That highlight has changed since; there is nothing to undo.")
            if before is None:
                conn.execute("DELETE FROM highlights WHERE id = ?", [key])
            elif after is None:
                names = ", ".join(f'"{k}"' for k in before)
                marks = ", ".join("?" * len(before))
                conn.execute(
                    f"INSERT INTO highlights ({names}) VALUES ({marks})", list(before.values())
                )
            else:
                sets = ", ".join(f'"{k}" = ?' for k in before if k != "id")
                values = [v for k, v in before.items() if k != "id"]
                conn.execute(f"UPDATE highlights SET {sets} WHERE id = ?", [*values, key])
        if record.why is not None:
            was, now_line = record.why
            row = conn.execute(
                "SELECT why FROM clippings WHERE id = ?", [record.clipping_id]
            ).fetchone()
            if row is None or row[0] != now_line:
                raise BadInput("“Why it matters” has changed since; there is nothing to undo.")
            conn.execute("UPDATE clippings SET why = ? WHERE id = ?", [was, record.clipping_id])
        clippings = {r["clipping_id"] for pair in record.rows for r in pair if r}
        searching.refresh(conn, sorted(clippings | {record.clipping_id}))


def _quote(row: Row) -> Quote:
    return Quote(row["exact"], row["prefix"], row["suffix"], row["start"], row["end"])


def place_again(
    conn: sqlite3.Connection, clipping_id: int, old: str | None, new: str
) -> dict[str, int]:
    """Place every highlight of a clipping in its new text (inside the caller's transaction):
    a highlight found takes the words it now stands on, with their context; one not found
    becomes an orphan at its last offsets. Returns how many stayed, moved and were orphaned."""
    rows = _rows(conn, "clipping_id = ?", [clipping_id])
    counts = {"kept": 0, "moved": 0, "orphaned": 0, "found_again": 0}
    stamp = now_iso()
    for row, (quote, placed) in zip(
        rows, reanchor([_quote(r) for r in rows], old, new), strict=True
    ):
        if placed is None:
            if row["state"] != "orphan":
                conn.execute(
                    "UPDATE highlights SET state = 'orphan', modified = ? WHERE id = ?",
                    [stamp, row["id"]],
                )
            counts["orphaned"] += 1
            continue
        fresh = describe(new, placed.start, placed.end)
        same = (fresh.exact, fresh.start) == (quote.exact, quote.start)
        counts["found_again" if row["state"] == "orphan" else "kept" if same else "moved"] += 1
        conn.execute(
            'UPDATE highlights SET exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, '
            "state = 'anchored' WHERE id = ?",
            [fresh.exact, fresh.prefix, fresh.suffix, fresh.start, fresh.end, row["id"]],
        )
    searching.refresh(conn, [clipping_id])
    return counts
