"""A clipping's text changed: the user edited it, or the kept page was extracted again (after an
update of Cuttings, say). The new text is saved with everything that follows from it (word
count, the Chinese index copy, the identity hash) and, in the same transaction, every
highlight and every kept speaker quote is placed again in it (core.highlights.anchoring), so
none is lost and none ends up on the wrong sentence."""

from __future__ import annotations

import sqlite3
from typing import Any

from core.errors import BadInput, NotFound
from core.highlights.anchoring import describe, reanchor
from core.highlights.store import place_again
from core.inputs import clean_text
from core.library import Library
from core.textindex import cjk_index_text

MAX_TEXT = 20_000_000


def replace_text(library: Library, clipping_id: int, text: str) -> dict[str, Any]:
    """Save ``text`` as the clipping's text and place its highlights and quotes again.
    Returns counts: highlights kept, moved, orphaned, found again; quotes placed, lost;
    and whether the text changed at all."""
    from core.capture.sources import content_hash

    new = clean_text(text) or ""
    if not new.strip():
        raise BadInput("A clipping's text cannot be empty; nothing was changed.")
    if len(new) > MAX_TEXT:
        raise BadInput("That text is too long for one clipping; nothing was changed.")
    with library.write() as db:
        conn = db.conn
        row = conn.execute(
            "SELECT title, text, notes FROM clippings WHERE id = ?", [clipping_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no clipping {clipping_id} in this library.")
        title, old, notes = row[0], row[1] or "", row[2]
        if old == new:
            return {"changed": False, "kept": 0, "moved": 0, "orphaned": 0, "found_again": 0}
        conn.execute(
            "UPDATE clippings SET text = ?, word_count = ?, content_hash = ?, cjk_text = ? "
            "WHERE id = ?",
            [
                new,
                len(new.split()),
                content_hash(new),
                cjk_index_text(title, new, notes),
                clipping_id,
            ],
        )
        counts: dict[str, Any] = {"changed": True, **place_again(conn, clipping_id, old, new)}
        counts.update(_quotes_again(conn, clipping_id, old, new))
    return counts


def _quotes_again(conn: sqlite3.Connection, clipping_id: int, old: str, new: str) -> dict[str, int]:
    """Kept quotes keep their words: each is placed again like a highlight, and one whose words
    are gone marks nothing (an empty span) rather than other words."""
    rows = conn.execute(
        'SELECT id, start, "end", text FROM quotes WHERE clipping_id = ?', [clipping_id]
    ).fetchall()
    quotes, ids = [], []
    for quote_id, start, end, _words in rows:
        if 0 <= start < end <= len(old):
            quotes.append(describe(old, start, end))
            ids.append(quote_id)
    placed = lost = 0
    for quote_id, (_quote, where) in zip(ids, reanchor(quotes, old, new), strict=True):
        if where is None:
            conn.execute('UPDATE quotes SET start = 0, "end" = 0 WHERE id = ?', [quote_id])
            lost += 1
        else:
            conn.execute(
                'UPDATE quotes SET start = ?, "end" = ? WHERE id = ?',
                [where.start, where.end, quote_id],
            )
            placed += 1
    return {"quotes_placed": placed, "quotes_lost": lost}


def extract_again(library: Library, clipping_id: int) -> dict[str, Any]:
    """Extract the clipping's kept page again and take its text (the page as it was fetched:
    nothing is downloaded)."""
    from core.capture.pdfdoc import looks_like_pdf, parse_pdf
    from core.capture.reading import looks_like_html, parse_bytes

    page = library.original(clipping_id)
    if page is None:
        library.require([clipping_id])
        raise BadInput(f"Clipping {clipping_id} has no kept page to extract again.")
    url = library.execute("SELECT url FROM clippings WHERE id = ?", [clipping_id])[0]["url"]
    if looks_like_pdf(page):
        extracted = parse_pdf(page, url=url)
    elif looks_like_html(page):
        from core.capture.htmlpage import parse_html

        extracted = parse_html(page, url=url)
    else:
        extracted = parse_bytes(page, "original.txt")
    return replace_text(library, clipping_id, extracted.get("text") or "")
