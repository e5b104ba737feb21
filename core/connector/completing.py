"""A teaser made whole: an address clipped before the reader was logged in (or fetched by
Cuttings, which has no cookies) holds the paywall's first paragraphs; the same address sent
from the browser holds the article. Then the clipping keeps its id, notes, tags and edits,
and takes the full text, its speakers, its story and the page as the browser sent it (unless
the user has already reviewed quotes in the old text, whose positions would no longer hold)."""

from __future__ import annotations

from typing import Any

from core.capture import stories
from core.capture.sources import content_hash
from core.inputs import clean_text
from core.library import Library
from core.speakers.registry import suggest
from core.textindex import cjk_index_text

#: the browser's text must be this much longer (and by this many words) to count as whole
LONGER = 1.5
MORE_WORDS = 50


def is_fuller(old_words: int, new_words: int) -> bool:
    return new_words >= old_words * LONGER and new_words - old_words >= MORE_WORDS


def complete(library: Library, clipping_id: int, clipping: dict[str, Any]) -> bool:
    """Give the clipping the sent page's text when it is the fuller one, in one transaction;
    whether it did."""
    text = clean_text(clipping.get("text")) or ""
    words = len(text.split())
    with library.write() as db:
        conn = db.conn
        row = conn.execute(
            "SELECT word_count, title, notes, lead, story_id FROM clippings WHERE id = ?",
            [clipping_id],
        ).fetchone()
        if row is None or not is_fuller(row[0] or 0, words):
            return False
        # Quotes the user accepted or rejected hold positions in the old text: it stays.
        if conn.execute(
            "SELECT 1 FROM quotes WHERE clipping_id = ? AND status != 'suggested' LIMIT 1",
            [clipping_id],
        ).fetchone():
            return False
        old_words, title, notes, lead, story_id = row
        conn.execute(
            "UPDATE clippings SET text = ?, word_count = ?, content_hash = ?, lead = ?, "
            "cjk_text = ? WHERE id = ?",
            [
                text,
                words,
                content_hash(text),
                lead or clipping.get("lead"),
                cjk_index_text(title or "", text, notes or ""),
                clipping_id,
            ],
        )
        if clipping.get("original_z"):
            conn.execute(
                "INSERT INTO originals (clipping_id, content, content_type) VALUES (?, ?, ?) "
                "ON CONFLICT (clipping_id) DO UPDATE SET content = excluded.content, "
                "content_type = excluded.content_type",
                [clipping_id, clipping["original_z"], clipping.get("original_type")],
            )
        suggest(library, clipping_id, clipping.get("finding"))
        if story_id is None:
            original = stories.find_original(library, clipping_id, text)
            if original:
                stories.join(library, clipping_id, original)
    return True
