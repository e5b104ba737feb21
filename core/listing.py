"""What the clipping list shows: every id of a view in order (cheap), and its rows on demand.

A view is the sidebar's choice (all, the Trash, a topic, a speaker, an outlet, a story, a saved
search) plus the search box's query and a sort. The window asks for all ids at once (100,000
integers are small) and for rows only as they scroll into sight, like Anki's browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Literal, NamedTuple

from core import saved
from core.deadline import time_limit
from core.filters import FTS_ROWID, Walk
from core.filters import build as _filters
from core.library import Library
from core.query import Query, parse
from core.schema import LIVE
from core.search import COUNT_CAP, RANK_WINDOW, Count, _window_sql

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


#: Older matches past a bounded ranking are read this many at a time when asked for lazily.
CHUNK = 10_000


@dataclass
class Listing:
    ids: list[int]
    query: Query
    message: str | None = None  # why it is empty, when it is for a reason
    #: sorted by relevance, with more than RANK_WINDOW matches: the newest RANK_WINDOW of
    #: them come ranked, the rest follow newest first
    bounded: bool = False
    #: asked for lazily, the ids past these are left for ``more``: the view, and for a
    #: bounded ranking the id its older matches are older than, else how many are listed
    rest: tuple[View, int] | None = None

    def count(self) -> Count:
        """How many clippings the view shows, in the words searches use (exact up to
        COUNT_CAP, "more than" beyond), without asking the library again."""
        n = len(self.ids)
        if n > COUNT_CAP:
            return Count(COUNT_CAP, more=True)
        # Lazily listed, the ranked ones are RANK_WINDOW (COUNT_CAP) and more are known to follow.
        return Count(n, more=self.rest is not None)

    def more(self, library: Library, limit: int | None = None) -> list[int]:
        """The next ``limit`` (CHUNK) ids past those listed, empty when there are no more;
        each call goes on from the last. For a list that shows them as the user scrolls."""
        if self.rest is None:
            return []
        limit = limit or CHUNK
        view, past = self.rest
        found = self._past(library, self.rest, limit)
        if len(found) < limit:
            self.rest = None
        else:
            self.rest = (view, found[-1] if self.bounded else past + len(found))
        self.ids.extend(found)
        return found

    def remaining(self, library: Library, rest: tuple[View, int] | None) -> list[int]:
        """Every id past ``rest`` (a ``rest`` this listing had), leaving the listing as it is:
        for a thread that reads them all while the first ids are shown."""
        return self._past(library, rest, None) if rest is not None else []

    def _past(self, library: Library, rest: tuple[View, int], limit: int | None) -> list[int]:
        view, past = rest
        if self.bounded:
            return _older(library, view, past, -1 if limit is None else limit)
        return list_ids(library, view, offset=past, limit=limit).ids


def list_ids(
    library: Library,
    view: View,
    *,
    lazy: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> Listing:
    """Every id the view shows, in its order. Raises QueryError for unreadable filters.
    ``lazy``: the first CHUNK ids (past a bounded ranking, the ranked ones), ``Listing.more``
    or ``Listing.remaining`` reading the rest: a million ids took most of a second to list
    before the first page. ``offset`` and ``limit`` cut a view that is not ranked."""
    if lazy and limit is None and view.sort != "relevance":
        first = list_ids(library, view, offset=offset, limit=CHUNK + 1)
        if len(first.ids) > CHUNK:
            first.ids.pop()
            first.rest = (view, offset + CHUNK)
        return first
    query = parse(view.query_text(library))
    conn = library.conn
    if view.scope == "trash":
        direction = "DESC" if view.descending else "ASC"
        rows = conn.execute(
            "SELECT id FROM clippings WHERE deleted_at IS NOT NULL "
            f"ORDER BY deleted_at {direction}, id {direction} LIMIT ? OFFSET ?",
            [-1 if limit is None else limit, offset],
        ).fetchall()
        return Listing([r[0] for r in rows], query)
    with library.read(), time_limit(conn):
        match = query.match()
        relevance = match is not None and view.sort == "relevance"
        found = _where(conn, query, view, FTS_ROWID if relevance else "c.id")
        if isinstance(found, str):
            return Listing([], query, found)
        if relevance:
            assert match is not None
            return _by_relevance(conn, query, match, found, view if lazy else None)
        else:
            where, params = found.where, found.args
            fts = "SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?"
            if match is not None:
                where += f" AND c.id IN ({fts})"
                params.append(match)
            elif query.excluded_match():
                where += f" AND c.id NOT IN ({fts})"
                params.append(query.excluded_match())
            sort = SORTS.get(view.sort) or SORTS["date"]
            direction = "DESC" if view.descending else "ASC"
            cut = "" if limit is None and not offset else " LIMIT ? OFFSET ?"
            if cut:
                params += [-1 if limit is None else limit, offset]
            rows = conn.execute(
                f"SELECT c.id FROM clippings c WHERE c.id {LIVE}{where} "
                f"ORDER BY {sort} {direction} NULLS LAST, c.id {direction}{cut}",
                params,
            ).fetchall()
    return Listing([r[0] for r in rows], query)


def _where(conn: Any, query: Query, view: View, column: str) -> Walk | str:
    """The view's conditions on ``column`` (on FTS_ROWID, a walk of the index joined to its
    filters' driver set, as searches walk it), or why nothing can match."""
    filters = _filters(conn, query)
    if filters.message:
        return filters.message
    # Every walk of a list stops early (a window, a chunk) or runs off the GUI thread: wide
    # filters are tested per row rather than built as sets of most of the library.
    if column == FTS_ROWID:
        walk = filters.walk(conn)
    else:
        where, params = filters.where(column, bounded=True)
        walk = Walk(where=where, args=params, column=column)
    if view.scope == "story":
        where = f" AND {walk.column} IN (SELECT id FROM clippings WHERE story_id = ?)"
        return replace(walk, where=walk.where + where, args=[*walk.args, int(view.value or 0)])
    if view.fold:
        return replace(walk, where=f"{walk.where} AND {walk.column} NOT IN ({FOLDED})")
    return walk


def _by_relevance(conn: Any, query: Query, match: str, walk: Walk, lazy: View | None) -> Listing:
    """The newest RANK_WINDOW matches ranked, then any older ones newest first (ranking
    100,000 matches of a common word took a quarter of a second, a million four)."""
    ranked = conn.execute(
        f"{walk.head}SELECT rowid FROM ({_window_sql(walk.where, walk.join)}) "
        "ORDER BY score, rowid",
        walk.params(match),
    ).fetchall()
    ids = [r[0] for r in ranked]
    if len(ids) < RANK_WINDOW:
        return Listing(ids, query)
    if lazy is not None:
        older = conn.execute(f"{_older_sql(walk)} LIMIT 1", _older_args(walk, match, min(ids)))
        rest = (lazy, min(ids)) if older.fetchone() else None
        return Listing(ids, query, bounded=rest is not None, rest=rest)
    found = conn.execute(_older_sql(walk), _older_args(walk, match, min(ids))).fetchall()
    return Listing(ids + [r[0] for r in found], query, bounded=bool(found))


def _older_sql(walk: Walk, limit: str = "") -> str:
    """The walk's matches older than an id, newest first."""
    return (
        f"{walk.head}SELECT {FTS_ROWID} FROM clippings_fts{walk.join} WHERE clippings_fts "
        f"MATCH ? AND {FTS_ROWID} < ?{walk.where} ORDER BY {FTS_ROWID} DESC{limit}"
    )


def _older_args(walk: Walk, match: str, before: int, *more: Any) -> list[Any]:
    return [*walk.head_args, match, before, *walk.args, *more]


def _older(library: Library, view: View, before: int, limit: int) -> list[int]:
    """Up to ``limit`` matches of a relevance view older than id ``before``, newest first."""
    query = parse(view.query_text(library))
    match = query.match()
    if match is None:
        return []
    conn = library.conn
    with library.read(), time_limit(conn):
        found = _where(conn, query, view, FTS_ROWID)
        if isinstance(found, str):
            return []
        rows = conn.execute(
            _older_sql(found, " LIMIT ?"), _older_args(found, match, before, limit)
        ).fetchall()
    return [r[0] for r in rows]


class Shown(NamedTuple):
    """What the list shows of one clipping: its columns as text, and how many copies its
    story has (1 when it has none)."""

    id: int
    date: str
    outlet: str
    title: str
    topics: str
    speakers: str
    why: str
    copies: int


def _names(link: str, table: str, key: str) -> str:
    return (
        f"coalesce((SELECT group_concat(n, ', ') FROM (SELECT t.name AS n FROM {link} l "
        f"JOIN {table} t ON t.id = l.{key} WHERE l.clipping_id = c.id ORDER BY n)), '')"
    )


# One statement for a page of rows: each of get_many's three reads and its dicts cost more
# than the page's rows themselves.
SHOWN_SQL = f"""SELECT c.id, coalesce(substr(c.published, 1, 10), ''), coalesce(c.outlet, ''),
    c.title, {_names("clipping_topics", "topics", "topic_id")},
    {_names("clipping_speakers", "speakers", "speaker_id")}, c.why,
    CASE WHEN c.story_id IS NULL THEN 1
        ELSE (SELECT count(*) FROM clippings s WHERE s.story_id = c.story_id) END
    FROM clippings c WHERE c.id IN (SELECT value FROM json_each(?))"""


def shown(library: Library, ids: list[int]) -> list[Shown]:
    """The list's columns for these ids, in the order given (ids not in the library left
    out)."""
    with library.read() as conn:
        found = {row[0]: Shown(*row) for row in conn.execute(SHOWN_SQL, [json.dumps(ids)])}
    return [found[i] for i in ids if i in found]


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


def sidebar_outline() -> dict[str, list[dict[str, Any]]]:
    """The sidebar before anything is counted: its fixed entries, without counts."""
    return {
        "library": [
            {"name": "All clippings", "scope": "all", "count": None},
            {"name": "Trash", "scope": "trash", "count": None},
        ]
    }


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
