"""Running a parsed query: planning, ranking, snippets and paging.

Plans, chosen per query:
- words only: FTS5 ranks and cuts to the page itself (``ORDER BY rank LIMIT``), with the
  snippet computed only for the rows returned;
- words and a narrow filter: the filter's few ids first, then FTS5 is asked about those ids;
- words and a wide filter: FTS5 drives, the filter is checked per row, and snippets are made
  afterwards for the page only (the plain join computes one for every match);
- filters only, or nothing: newest first, straight from the clippings table.
Clippings in the Trash are not in the index, so no search can return them.
"""

from __future__ import annotations

import html
import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from core.deadline import time_limit
from core.errors import QueryError
from core.highlights.searching import filter_parts as marks_filters
from core.highlights.searching import snippets as marks_snippets
from core.library import Library
from core.query import Query, parse
from core.schema import FTS_WEIGHTS, LIVE
from core.tags import SPEAKERS, TOPICS, tag_key
from core.textindex import has_cjk, unspace_cjk

Sort = Literal["relevance", "date"]
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "\x02", "\x03", "…"
SNIPPET_TOKENS = 24
# From this many matches on, ranking them all dominates a search (see _common).
COMMON_MATCHES = 5000
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
            page, plan = _plan(conn, query, filters, limit, offset, sort)
            page = marks_snippets(conn, query, page)  # in:highlights shows the passage found
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "match" in str(error).lower():
                raise QueryError(f"Cannot run that search: {error}.") from error
            raise
    hits = _hits(library, page)
    return Results(hits, query, plan)


@dataclass
class Filters:
    """A query's filters as SELECTs of clipping ids, each over a covering index, so no
    clipping row is read to decide whether it passes. Each becomes one IN (or NOT IN) test
    that SQLite builds into a set once; an INTERSECT of them cost half as much again."""

    parts: list[tuple[bool, str, list[Any]]] = field(default_factory=list)  # (keep?, sql, args)
    message: str | None = None  # a filter names something that does not exist
    #: the index holds the Trash too; when it is not empty its ids are kept out
    trash: bool = False

    def where(self, column: str) -> tuple[str, list[Any]]:
        """Conditions on ``column``; the '+' keeps FTS5 from probing its index once per id."""
        sql, params = "", []
        for keep, part, args in self.parts:
            sql += f" AND +{column} {'IN' if keep else 'NOT IN'} ({part})"
            params.extend(args)
        if self.trash:
            sql += f" AND +{column} NOT IN ({TRASHED})"
        return sql, params


TRASHED = "SELECT id FROM clippings WHERE deleted_at IS NOT NULL"


def has_trash(conn: sqlite3.Connection) -> bool:
    # The Trash has a partial index of its own: this reads nothing else.
    return conn.execute(f"SELECT EXISTS ({TRASHED})").fetchone()[0] == 1


def _filters(conn: sqlite3.Connection, query: Query) -> Filters:
    filters = Filters(trash=has_trash(conn))
    for names, negate, kind in (
        (query.topics, False, TOPICS),
        (query.not_topics, True, TOPICS),
        (query.speakers, False, SPEAKERS),
        (query.not_speakers, True, SPEAKERS),
    ):
        for name in names:
            tag_id = kind.find(conn, name)
            if tag_id is None:
                if negate:
                    continue
                return Filters(message=f"There is no {kind.noun} called {name!r}.")
            sql = f"SELECT clipping_id FROM {kind.link} WHERE {kind.fk} = ?"
            filters.parts.append((not negate, sql, [tag_id]))
    for names, negate in ((query.outlets, False), (query.not_outlets, True)):
        if not names:
            continue
        wanted = {tag_key(n) for n in names}
        # Outlets are few: fold case in Python over the distinct names, then use the index.
        outlets = [
            r[0]
            for r in conn.execute("SELECT DISTINCT outlet FROM clippings WHERE outlet IS NOT NULL")
            if tag_key(r[0]) in wanted
        ]
        if not outlets and not negate:
            return Filters(message="There is no outlet called " + ", ".join(map(repr, names)) + ".")
        if outlets:
            sql = f"SELECT id FROM clippings WHERE outlet IN ({','.join('?' * len(outlets))})"
            filters.parts.append((not negate, sql, outlets))
    if query.date_from or query.date_to:
        # Published may carry a time after the date, so "to" compares below the next char.
        dates = [query.date_from or "", (query.date_to or "9999-12-31") + "~"]
        inside = "SELECT id FROM clippings WHERE published >= ? AND published < ?"
        outside = (
            "SELECT id FROM clippings WHERE published < ? OR published >= ? OR published IS NULL"
        )
        # Building a set costs per id, so a wide range is applied as the few ids outside it.
        within = conn.execute(
            "SELECT count(*) FROM clippings WHERE published >= ? AND published < ?", dates
        ).fetchone()[0]
        total = conn.execute("SELECT coalesce(max(id), 0) FROM clippings").fetchone()[0]
        if within * 2 > total:
            filters.parts.append((False, outside, dates))
        else:
            filters.parts.append((True, inside, dates))
    # in:highlights, in:comments, has:highlights ...: what the reader marked, as id sets
    filters.parts += marks_filters(query)
    return filters


def _plan(
    conn: sqlite3.Connection,
    query: Query,
    filters: Filters,
    limit: int,
    offset: int,
    sort: Sort,
) -> tuple[list[tuple[int, float | None, str | None]], str]:
    """(id, bm25, snippet) for one page, and the name of the plan used."""
    match = query.match()
    by_date = "published DESC NULLS LAST, id DESC"
    if match is None:
        where, params = filters.where("id")
        excluded = query.excluded_match()
        if excluded:
            where += " AND id NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)"
            params.append(excluded)
        rows = conn.execute(
            f"SELECT id FROM clippings WHERE id {LIVE}{where} ORDER BY {by_date} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [(r[0], None, None) for r in rows], "browse"

    if sort == "date":
        where, params = filters.where("id")
        rows = conn.execute(
            "SELECT id FROM clippings WHERE id IN "
            f"(SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?){where} "
            f"ORDER BY {by_date} LIMIT ? OFFSET ?",
            [match, *params, limit, offset],
        ).fetchall()
        return _with_snippets(conn, match, [(r[0], None) for r in rows]), "by-date"

    if not filters.parts:
        # FTS5 sorts by rank itself and makes snippets for the returned rows only; for a
        # word in most clippings, bm25() in SQLite's bounded sorter is a third cheaper.
        trash, params = filters.where("rowid")
        if _common(conn, match):
            rows = conn.execute(
                f"SELECT rowid, {BM25} AS score FROM clippings_fts "
                f"WHERE clippings_fts MATCH ?{trash} ORDER BY score LIMIT ? OFFSET ?",
                [match, *params, limit, offset],
            ).fetchall()
            return _with_snippets(conn, match, rows), "fts-bm25"
        rows = conn.execute(
            f"SELECT rowid, rank, {snippet_sql(_tokens(match))} FROM clippings_fts "
            f"WHERE clippings_fts MATCH ?{trash} ORDER BY rank LIMIT ? OFFSET ?",
            [match, *params, limit, offset],
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows], "fts"

    # FTS5 walks its matches, the id set (built once) drops those outside the filter, and
    # bm25() is computed only for the rest: narrow filters cost little, wide ones no more
    # than an unfiltered search.
    where, params = filters.where("rowid")
    rows = conn.execute(
        f"SELECT rowid, {BM25} AS score FROM clippings_fts WHERE clippings_fts MATCH ?{where} "
        "ORDER BY score LIMIT ? OFFSET ?",
        [match, *params, limit, offset],
    ).fetchall()
    return _with_snippets(conn, match, rows), "filtered"


def _common(conn: sqlite3.Connection, match: str) -> bool:
    """Whether the match is in so many clippings that ranking them all is the cost."""
    probe = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM clippings_fts WHERE clippings_fts MATCH ? LIMIT ?)",
        [match, COMMON_MATCHES],
    ).fetchone()[0]
    return bool(probe >= COMMON_MATCHES)


def _tokens(match: str) -> int:
    return CJK_SNIPPET_TOKENS if has_cjk(match) else SNIPPET_TOKENS


def _with_snippets(
    conn: sqlite3.Connection, match: str, page: list[tuple[int, float | None]]
) -> list[tuple[int, float | None, str | None]]:
    """Snippets for one page of ids."""
    if not page:
        return []
    ids = [i for i, _ in page]
    if '"*' in match:
        # Each id looked up alone would expand the prefix into its words again; one pass
        # over the page's range of ids expands it once.
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
    """How many live clippings match (no paging)."""
    query = parse(text) if isinstance(text, str) else text
    with library.read() as conn, time_limit(conn):
        filters = _filters(conn, query)
        if filters.message:
            return 0
        match = query.match()
        if match is None:
            where, params = filters.where("id")
            excluded = query.excluded_match()
            if excluded:
                where += (
                    " AND id NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)"
                )
                params.append(excluded)
            sql = f"SELECT count(*) FROM clippings WHERE id {LIVE}{where}"
            return int(conn.execute(sql, params).fetchone()[0])
        where, params = filters.where("rowid")
        sql = f"SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ?{where}"
        return int(conn.execute(sql, [match, *params]).fetchone()[0])
