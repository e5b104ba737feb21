"""Wire copies: the same story run by several outlets, recognised as one.

A new clipping's text is probed against the index with a few runs of eight words from its
body (wire copies share long verbatim passages; separately written articles rarely do), and
each candidate is confirmed by how much of the shorter text's word sequences the longer one
contains. Headlines, first paragraphs, boilerplate and trims differ between copies; the rest
stays.
"""

from __future__ import annotations

import re
import sqlite3

from core.clippings import now_iso
from core.library import Library
from core.query import Term
from core.search import BM25

SHINGLE = 5
PROBE_WORDS = 8
PROBES = 4
CANDIDATES = 20
#: share of the shorter text's 5-word sequences found in the other: copies score 0.8 and up
#: (an edited word breaks five sequences), separately written reports of one event under 0.2.
SAME_STORY = 0.7
MIN_WORDS = 60  # a brief is too short to tell a copy from a coincidence

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def shingles(tokens: list[str]) -> set[int]:
    # Python's own hash: both sides are hashed in the same process, and it is 5 times faster.
    return {hash(shingle) for shingle in zip(*(tokens[i:] for i in range(SHINGLE)), strict=False)}


def containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def probes(text: str) -> list[str]:
    """Runs of words from the body, past the first paragraph (where copies differ most)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    body = " ".join(paragraphs[1:]) if len(paragraphs) > 2 else text
    tokens = body.split()  # the runs of white space that \s+ splits at, without empty ends
    if len(tokens) < PROBE_WORDS * 2:
        return []
    runs = []
    for k in range(1, PROBES + 1):
        start = (len(tokens) - PROBE_WORDS) * k // (PROBES + 1)
        runs.append(" ".join(tokens[start : start + PROBE_WORDS]))
    return runs


def find_original(library: Library, clipping_id: int, text: str) -> int | None:
    """The clipping this one is a copy of, if any."""
    tokens = words(text)
    runs = probes(text)
    if len(tokens) < MIN_WORDS or not runs:
        return None
    match = " OR ".join(Term(run).fts() for run in runs)
    conn = library.conn
    try:
        # bm25() itself rather than the configured rank, which FTS5 serves by preparing a
        # statement of its own at every query (a third of its time); the order is
        # the same, equal scores oldest first as they came.
        rows = conn.execute(
            f"SELECT c.id, c.text FROM (SELECT rowid, {BM25} AS score FROM clippings_fts "
            "WHERE clippings_fts MATCH ? ORDER BY score, rowid LIMIT ?) AS f "
            "JOIN clippings c ON c.id = f.rowid WHERE c.id != ? AND c.deleted_at IS NULL "
            "ORDER BY f.score, f.rowid",
            [match, CANDIDATES, clipping_id],
        ).fetchall()
    except sqlite3.OperationalError:
        return None  # a probe FTS5 cannot parse finds nothing rather than failing the capture
    if not rows:
        return None
    mine = shingles(tokens)
    # Best ranked first: the first copy found is the story (copies of one story share it), so
    # a story run by twenty outlets costs one comparison, not twenty.
    for other_id, other_text in rows:
        if containment(mine, shingles(words(other_text))) >= SAME_STORY:
            return int(other_id)
    return None


def join(library: Library, clipping_id: int, other_id: int) -> int:
    """Put two clippings in one story (the other's, or a new one); returns the story id."""
    with library.write() as db:
        conn = db.conn
        story = conn.execute("SELECT story_id FROM clippings WHERE id = ?", [other_id]).fetchone()[
            0
        ]
        if story is None:
            story = conn.execute(
                "INSERT INTO stories (original_id, created) VALUES (?, ?)", [other_id, now_iso()]
            ).lastrowid
            conn.execute("UPDATE clippings SET story_id = ? WHERE id = ?", [story, other_id])
        conn.execute("UPDATE clippings SET story_id = ? WHERE id = ?", [story, clipping_id])
        # The original is the earliest published copy; undated copies count by capture time.
        conn.execute(
            "UPDATE stories SET original_id = (SELECT id FROM clippings WHERE story_id = ? "
            "ORDER BY coalesce(published, captured), id LIMIT 1) WHERE id = ?",
            [story, story],
        )
        return int(story)


def story_of(library: Library, clipping_id: int) -> list[dict[str, object]]:
    """Every copy in the clipping's story, the original first; empty when it has none."""
    return library.execute(
        "SELECT c.id, c.outlet, c.published, c.title, c.id = s.original_id AS original "
        "FROM clippings c JOIN stories s ON s.id = c.story_id "
        "WHERE c.story_id = (SELECT story_id FROM clippings WHERE id = ?) "
        "ORDER BY c.id = s.original_id DESC, coalesce(c.published, c.captured), c.id",
        [clipping_id],
    )
