"""What the clipping list shows: every id of a view in order (cheap), and its rows on demand.

A view is the sidebar's choice (all, the Trash, a topic, a speaker, an outlet, a story, a saved
search) plus the search box's query and a sort. The window asks for all ids at once (100,000
integers are small) and for rows only as they scroll into sight, like Anki's browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from core import saved
from core.deadline import time_limit
from core.library import Library
from core.query import Query, parse
from core.schema import LIVE
from core.search import BM25, _filters

Scope = Literal["all", "trash", "topic", "speaker", "outlet", "story", "saved"]
SORTS = {
    "date": "c.published",
    "outlet": "c.outlet",
    "headline": "c.title COLLATE NOCASE",
    "topics": "c.topic_names COLLATE NOCASE",
    "speakers": "c.speaker_names COLLATE NOCASE",
    "why": "c.why COLLATE NOCASE",
    "relevance": None,
}


# Copies of a story other than its original, while the original is live (from indexes only).
FOLDED = (
    "SELECT c2.id FROM stories s JOIN clippings c2 ON c2.story_id = s.id "
    f"WHERE c2.id != s.original_id AND s.original_id {LIVE}"
)


@dataclass(frozen=True)
class View:
    scope: Scope = "all"
    value: str | int | None = None
    text: str = ""  # the search box
    sort: str = "date"  # a key of SORTS; "relevance" needs search words
    descending: bool = True
    fold: bool = True  # wire copies folded under their original (a story shows them all)

    def query_text(self, library: Library) -> str:
        """The view as one query in the query language (story and trash are handled apart)."""
        quoted = '"' + str(self.value).replace('"', "") + '"' if self.value is not None else ""
        scope = {
            "topic": f"topic:{quoted}",
            "speaker": f"speaker:{quoted}",
            "outlet": f"outlet:{quoted}",
        }.get(self.scope, "")
        if self.scope == "saved":
            scope = saved.get(library, str(self.value))["query"]
        return f"{scope} {self.text}".strip()


@dataclass
class Listing:
    ids: list[int]
    query: Query
    message: str | None = None  # why it is empty, when it is for a reason


def list_ids(library: Library, view: View) -> Listing:
    """Every id the view shows, in its order. Raises QueryError for unreadable filters."""
    query = parse(view.query_text(library))
    conn = library.db.conn
    if view.scope == "trash":
        direction = "DESC" if view.descending else "ASC"
        rows = conn.execute(
            "SELECT id FROM clippings WHERE deleted_at IS NOT NULL "
            f"ORDER BY deleted_at {direction}, id {direction}"
        ).fetchall()
        return Listing([r[0] for r in rows], query)
    with library.read(), time_limit(conn):
        filters = _filters(conn, query)
        if filters.message:
            return Listing([], query, filters.message)
        match = query.match()
        relevance = match is not None and view.sort == "relevance"
        where, params = filters.where("c.rowid" if relevance else "c.id")
        column = "c.rowid" if relevance else "c.id"
        if view.scope == "story":
            where += f" AND {column} IN (SELECT id FROM clippings WHERE story_id = ?)"
            params.append(int(view.value or 0))
        elif view.fold:
            where += f" AND {column} NOT IN ({FOLDED})"
        if relevance:
            rows = conn.execute(
                f"SELECT c.rowid FROM clippings_fts c WHERE clippings_fts MATCH ?{where} "
                f"ORDER BY {BM25}",
                [match, *params],
            ).fetchall()
        else:
            fts = "SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?"
            if match is not None:
                where += f" AND c.id IN ({fts})"
                params.append(match)
            elif query.excluded_match():
                where += f" AND c.id NOT IN ({fts})"
                params.append(query.excluded_match())
            sort = SORTS.get(view.sort) or SORTS["date"]
            direction = "DESC" if view.descending else "ASC"
            rows = conn.execute(
                f"SELECT c.id FROM clippings c WHERE c.id {LIVE}{where} "
                f"ORDER BY {sort} {direction} NULLS LAST, c.id {direction}",
                params,
            ).fetchall()
    return Listing([r[0] for r in rows], query)


def rows(library: Library, ids: list[int]) -> list[dict[str, Any]]:
    """The list's columns for these ids (no text), in the order given, each with how many
    copies its story has (1 when it has none)."""
    found = library.get_many(ids)
    stories = sorted({row["story_id"] for row in found if row["story_id"]})
    counts: dict[int, int] = {}
    if stories:
        marks = ",".join("?" * len(stories))
        counts = {
            r["story_id"]: r["n"]
            for r in library.execute(
                f"SELECT story_id, count(*) AS n FROM clippings WHERE story_id IN ({marks}) "
                "GROUP BY story_id",
                stories,
            )
        }
    for row in found:
        row["copies"] = counts.get(row["story_id"], 1) if row["story_id"] else 1
    return found


def _outlets(library: Library) -> list[dict[str, Any]]:
    """Outlets with their counts, from the outlet index less what is in the Trash."""
    trashed = {
        r["outlet"]: r["n"]
        for r in library.execute(
            "SELECT outlet, count(*) AS n FROM clippings WHERE id IN "
            "(SELECT id FROM clippings WHERE deleted_at IS NOT NULL) GROUP BY outlet"
        )
    }
    rows = [
        {"name": r["outlet"], "count": r["n"] - trashed.get(r["outlet"], 0), "scope": "outlet"}
        for r in library.execute(
            "SELECT outlet, count(*) AS n FROM clippings WHERE outlet IS NOT NULL GROUP BY outlet"
        )
    ]
    return sorted((r for r in rows if r["count"]), key=lambda r: (-r["count"], r["name"]))


def sidebar(library: Library) -> dict[str, list[dict[str, Any]]]:
    """Every sidebar entry with its count of live clippings."""
    from core.tags import SPEAKERS, TOPICS

    return {
        "library": [
            {"name": "All clippings", "scope": "all", "count": library.count()},
            {"name": "Trash", "scope": "trash", "count": library.count(trashed=True)},
        ],
        "topics": [{**r, "scope": "topic"} for r in TOPICS.counts(library)],
        "speakers": [{**r, "scope": "speaker"} for r in SPEAKERS.counts(library)],
        "outlets": _outlets(library),
        "stories": [
            {**r, "scope": "story"}
            for r in library.execute(
                "SELECT s.id, o.title AS name, count(c.id) AS count FROM stories s "
                "JOIN clippings c ON c.story_id = s.id AND c.deleted_at IS NULL "
                "LEFT JOIN clippings o ON o.id = s.original_id "
                "GROUP BY s.id HAVING count(c.id) > 1 ORDER BY max(c.captured) DESC"
            )
        ],
        "saved": [{**r, "scope": "saved", "count": None} for r in saved.all_saved(library)],
    }
