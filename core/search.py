"""Running a parsed query: planning, ranking, snippets, paging and counting.

Every plan costs what its first page needs, not what the library holds:
- words: FTS5 walks the matches newest first (by when they were clipped) and bm25() ranks
  the first RANK_WINDOW of them; the page is cut from that ranking, and snippets are made for
  its rows only. A search with at most RANK_WINDOW matches is therefore ranked exactly; one
  with more ranks its RANK_WINDOW newest matches (``Results.bounded``) and pages on past them
  newest first. Ranking all 100,000 matches of 'said' took 250 ms; 10,000 of them take 10.
- words and filters: the same walk, each filter a test per match: a narrow one as a set of
  ids built once (the narrowest, when it holds JOIN_MAX ids or fewer, joined to the walk,
  whose Bloom filter turns most matches away cheaply), a wide one (WIDE ids or more) looked
  up per match in its covering index, so the walk never builds a set of most of the library
  (wide dates and outlets beside a narrow filter are tested within its set, once per id,
  leaving a smaller set to look up);
- filters only, or nothing: newest first, straight from the clippings table.
The index holds the Trash too; ``Filters.trash`` keeps it out of every result.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from core.deadline import time_limit
from core.errors import QueryError
from core.filters import FTS_ROWID, Filters, Walk
from core.filters import build as _filters
from core.highlights.searching import snippets as marks_snippets
from core.library import Library
from core.query import Query, parse
from core.schema import FTS_WEIGHTS, LIVE
from core.textindex import has_cjk, unspace_cjk

Sort = Literal["relevance", "date"]
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "\x02", "\x03", "…"
SNIPPET_TOKENS = 24
#: Relevance ranks at most this many matches, the newest: beyond it the cost of bm25() for
#: every match, not the page, was the search (see the module's docstring).
RANK_WINDOW = 10_000
#: Counts are exact up to this many matches; beyond, they say "more than".
COUNT_CAP = 10_000
# bm25() itself rather than the configured rank: SQLite's sorter then bounds itself by LIMIT.
BM25 = f"bm25(clippings_fts, {', '.join(map(str, FTS_WEIGHTS))})"
# In Chinese each character is a token, so a snippet needs more of them to say anything.
CJK_SNIPPET_TOKENS = 64


def snippet_sql(tokens: int = SNIPPET_TOKENS) -> str:
    return f"snippet(clippings_fts, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '{ELLIPSIS}', {tokens})"


@dataclass
class Hit:
    id: int
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    topics: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    snippet: str = ""  # plain text; hits between MARK_OPEN and MARK_CLOSE
    score: float | None = None
    why: str = ""  # the reader's line on why it matters, shown with the snippet

    def snippet_html(self) -> str:
        return (
            html.escape(self.snippet, quote=False)
            .replace(MARK_OPEN, "<mark>")
            .replace(MARK_CLOSE, "</mark>")
        )

    def snippet_plain(self, open_: str = "[", close: str = "]") -> str:
        return self.snippet.replace(MARK_OPEN, open_).replace(MARK_CLOSE, close)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["snippet"] = self.snippet_html()
        return data


@dataclass
class Results:
    hits: list[Hit]
    query: Query
    plan: str
    message: str | None = None  # why there can be no results (an unknown topic, say)
    #: more than RANK_WINDOW matches: relevance ranked the newest RANK_WINDOW of them
    bounded: bool = False


def search(
    library: Library,
    text: str | Query,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: Sort = "relevance",
) -> Results:
    if sort not in ("relevance", "date"):
        raise QueryError(f"Sort by relevance or date, not {sort!r}.")
    if limit < 1 or offset < 0:
        raise QueryError("The limit must be at least 1 and the offset not negative.")
    query = parse(text) if isinstance(text, str) else text
    with library.read() as conn, time_limit(conn):
        try:
            filters = _filters(conn, query)
            if filters.message:
                return Results([], query, "none", filters.message)
            page, plan, bounded = _plan(conn, query, filters, limit, offset, sort)
            page = marks_snippets(conn, query, page)  # in:highlights shows the passage found
        except sqlite3.OperationalError as error:
            _fts_error(error)
            raise
    hits = _hits(library, page)
    return Results(hits, query, plan, bounded=bounded)


def _fts_error(error: sqlite3.OperationalError) -> None:
    if "fts5" in str(error).lower() or "match" in str(error).lower():
        raise QueryError(f"Cannot run that search: {error}.") from error


MATCHING = "SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?"


def _plan(
    conn: sqlite3.Connection,
    query: Query,
    filters: Filters,
    limit: int,
    offset: int,
    sort: Sort,
) -> tuple[list[tuple[int, float | None, str | None]], str, bool]:
    """(id, bm25, snippet) for one page, the name of the plan used, and whether relevance
    ranked only the newest RANK_WINDOW matches."""
    match = query.match()
    by_date = "published DESC NULLS LAST, id DESC"
    if match is None:
        # Newest first down the date index, each filter tested as it goes (dates on the index
        # itself): the page is found without building a set of a wide filter's ids.
        where, params = filters.where("c.id", bounded=True, direct=("published",))
        excluded = query.excluded_match()
        if excluded:
            where += f" AND c.id NOT IN ({MATCHING})"
            params.append(excluded)
        rows = conn.execute(
            f"SELECT c.id FROM clippings c WHERE c.id {LIVE}{where} "
            f"ORDER BY {by_date} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [(r[0], None, None) for r in rows], "browse", False

    if sort == "date":
        where, params = filters.where("id")
        rows = conn.execute(
            "SELECT id FROM clippings WHERE id IN "
            f"(SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?){where} "
            f"ORDER BY {by_date} LIMIT ? OFFSET ?",
            [match, *params, limit, offset],
        ).fetchall()
        return _with_snippets(conn, match, [(r[0], None) for r in rows]), "by-date", False

    page, bounded = ranked_page(conn, match, filters, limit, offset)
    return _with_snippets(conn, match, page), "filtered" if filters.parts else "ranked", bounded


def _window_sql(where: str, join: str = "") -> str:
    """The newest RANK_WINDOW matches with their bm25(), walked newest first: FTS5 reads
    its lists backwards and stops there, and bm25() is computed for those rows only.
    ``join``: the walk joined to a set of ids (Filters.walk), whose WITH clause comes first."""
    return (
        f"SELECT {FTS_ROWID} AS rowid, {BM25} AS score FROM clippings_fts{join} "
        f"WHERE clippings_fts MATCH ?{where} ORDER BY {FTS_ROWID} DESC LIMIT {RANK_WINDOW}"
    )


def ranked_page(
    conn: sqlite3.Connection, match: str, filters: Filters, limit: int, offset: int
) -> tuple[list[tuple[int, float | None]], bool]:
    """One page of (id, bm25) in relevance order, and whether the ranking was bounded to the
    newest RANK_WINDOW matches (past them, the page goes on newest first)."""
    walk = filters.walk(conn)
    rows = conn.execute(
        f"{walk.head}SELECT rowid, score, count(*) OVER () FROM "
        f"({_window_sql(walk.where, walk.join)}) ORDER BY score, rowid LIMIT ? OFFSET ?",
        [*walk.params(match), limit, offset],
    ).fetchall()
    page: list[tuple[int, float | None]] = [(r[0], r[1]) for r in rows]
    bounded = bool(rows) and rows[0][2] >= RANK_WINDOW
    if not rows and offset >= RANK_WINDOW:
        # Whether the window is full, to know if anything lies past it.
        bounded = _window_full(conn, match, walk)
    if bounded and len(page) < limit:
        past = _past_window(conn, match, walk, limit - len(page), max(0, offset - RANK_WINDOW))
        page += past
    return page, bounded


def _window_full(conn: sqlite3.Connection, match: str, walk: Walk) -> bool:
    sql = f"{walk.head}SELECT count(*) FROM ({_window_sql(walk.where, walk.join)})"
    return int(conn.execute(sql, walk.params(match)).fetchone()[0]) >= RANK_WINDOW


def _past_window(
    conn: sqlite3.Connection, match: str, walk: Walk, limit: int, offset: int
) -> list[tuple[int, float | None]]:
    """Matches older than the ranked window, newest first."""
    rows = conn.execute(
        f"{walk.head}SELECT {FTS_ROWID}, {BM25} FROM clippings_fts{walk.join} "
        f"WHERE clippings_fts MATCH ?{walk.where} ORDER BY {FTS_ROWID} DESC LIMIT ? OFFSET ?",
        [*walk.params(match), limit, offset + RANK_WINDOW],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _tokens(match: str) -> int:
    return CJK_SNIPPET_TOKENS if has_cjk(match) else SNIPPET_TOKENS


_PHRASE = re.compile(r'"[^"]*\s[^"]*"')


def _with_snippets(
    conn: sqlite3.Connection, match: str, page: list[tuple[int, float | None]]
) -> list[tuple[int, float | None, str | None]]:
    """Snippets for one page of ids."""
    if not page:
        return []
    ids = [i for i, _ in page]
    if '"*' in match or _PHRASE.search(match):
        # Each id looked up alone would expand the prefix into its words again, or walk a
        # phrase's words to the id; one pass over the page's range of ids does it once (a
        # ranked page lies within the RANK_WINDOW newest matches).
        where = "rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))"
        args = [match, min(ids), max(ids), json.dumps(ids)]
    else:
        where = "rowid IN (SELECT value FROM json_each(?))"
        args = [match, json.dumps(ids)]
    snippets = dict(
        conn.execute(
            f"SELECT rowid, {snippet_sql(_tokens(match))} FROM clippings_fts "
            f"WHERE clippings_fts MATCH ? AND {where}",
            args,
        ).fetchall()
    )
    return [(i, score, snippets.get(i)) for i, score in page]


def _hits(library: Library, page: list[tuple[int, float | None, str | None]]) -> list[Hit]:
    rows = {r["id"]: r for r in library.get_many([i for i, _, _ in page])}
    leads = _leads(library, [i for i, _, snippet in page if snippet is None and i in rows], rows)
    hits = []
    for clipping_id, rank, snippet in page:
        row = rows.get(clipping_id)
        if row is None:
            continue
        hits.append(
            Hit(
                id=clipping_id,
                title=row["title"],
                outlet=row["outlet"],
                published=(row["published"] or None) and row["published"][:10],
                url=row["url"],
                topics=row["topics"],
                speakers=row["speakers"],
                snippet=unspace_cjk(snippet if snippet is not None else leads[clipping_id]),
                score=round(-rank, 4) if rank is not None else None,
                why=row.get("why") or "",
            )
        )
    return hits


def _leads(library: Library, ids: list[int], rows: dict[int, dict[str, Any]]) -> dict[int, str]:
    """The opening words of each clipping, for results that have no hit to show (one query)."""
    starts = {i: rows[i]["lead"] for i in ids if rows[i].get("lead")}
    missing = [i for i in ids if i not in starts]
    if missing:
        marks = ",".join("?" * len(missing))
        for r in library.execute(
            f"SELECT id, substr(text, 1, 400) AS t FROM clippings WHERE id IN ({marks})", missing
        ):
            starts[r["id"]] = r["t"]
    leads = {}
    for clipping_id in ids:
        words = (starts.get(clipping_id) or "").split()
        cut = words[:SNIPPET_TOKENS]
        leads[clipping_id] = " ".join(cut) + (ELLIPSIS if len(words) > len(cut) else "")
    return leads


def count(library: Library, text: str | Query) -> int:
    """How many live clippings match (no paging), however many."""
    found = count_matches(library, text, cap=None)
    return found.n


def _browse_count(query: Query, filters: Filters, limit: str) -> tuple[str, list[Any]]:
    """The clippings that pass filters alone, from indexes only: walked from a narrow tag
    filter's own index when there is one, else along the index of dates and outlets."""
    drive = next(
        (p for p in filters.parts if p.keep and not p.wide and p.table != "clippings"), None
    )
    if drive is not None:
        where, params = filters.where("d.i", bounded=True, skip=drive)
        params = [*drive.args, *params]
        walk = f"SELECT {drive.idcol} AS i FROM {drive.table} WHERE {drive.cond}"
        head, column = f"SELECT 1 FROM ({walk}) AS d WHERE 1", "d.i"
    else:
        where, params = filters.where("c.id", bounded=True, direct=("published", "outlet"))
        head, column = "SELECT 1 FROM clippings c INDEXED BY clippings_facets WHERE 1", "c.id"
    excluded = query.excluded_match()
    if excluded:
        where += f" AND {column} NOT IN ({MATCHING})"
        params.append(excluded)
    return f"{head}{where}{limit}", params


@dataclass(frozen=True)
class Count:
    """How many clippings match: ``n`` exactly, or more than ``n`` when ``more``."""

    n: int
    more: bool = False

    def words(self) -> str:
        if self.more:
            return f"more than {self.n:,} clippings"
        return f"{self.n:,} clipping{'' if self.n == 1 else 's'}"


def count_matches(library: Library, text: str | Query, cap: int | None = -1) -> Count:
    """How many live clippings match, counted up to ``cap`` (COUNT_CAP unless given; None:
    all of them). The count stops at ``cap`` + 1, so a word in every clipping costs no more
    than a rare one; it is a statement of its own, asked for after the first page."""
    cap = COUNT_CAP if cap == -1 else cap
    query = parse(text) if isinstance(text, str) else text
    limit = "" if cap is None else f" LIMIT {int(cap) + 1}"
    with library.read() as conn, time_limit(conn):
        filters = _filters(conn, query)
        if filters.message:
            return Count(0)
        match = query.match()
        try:
            head = ""
            if match is None:
                inner, params = _browse_count(query, filters, limit)
            else:
                if cap is None:  # every match counted: each filter a set, built once
                    where, params = filters.where(FTS_ROWID)
                    walk = Walk(where=where, args=params)
                else:  # a walk that stops at the cap, as a ranking walks
                    walk = filters.walk(conn)
                head, params = walk.head, walk.params(match)
                inner = (
                    f"SELECT 1 FROM clippings_fts{walk.join} "
                    f"WHERE clippings_fts MATCH ?{walk.where}{limit}"
                )
            n = int(conn.execute(f"{head}SELECT count(*) FROM ({inner})", params).fetchone()[0])
        except sqlite3.OperationalError as error:
            _fts_error(error)
            raise
    if cap is not None and n > cap:
        return Count(cap, more=True)
    return Count(n)
