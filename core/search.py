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

from core.errors import QueryError
from core.library import Library
from core.query import Query, parse
from core.schema import FTS_WEIGHTS
from core.tags import SPEAKERS, TOPICS, tag_key
from core.textindex import has_cjk, unspace_cjk

Sort = Literal["relevance", "date"]
MARK_OPEN, MARK_CLOSE, ELLIPSIS = "\x02", "\x03", "…"
SNIPPET_TOKENS = 24
# Up to this many filtered ids, asking FTS5 about each id beats letting FTS5 drive.
NARROW_FILTER = 3000
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
    with library.read() as conn:
        try:
            where, params, message = _filters(conn, query)
            if message:
                return Results([], query, "none", message)
            page, plan = _plan(library, query, where, params, limit, offset, sort)
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "match" in str(error).lower():
                raise QueryError(f"Cannot run that search: {error}.") from error
            raise
    hits = _hits(library, page)
    return Results(hits, query, plan)


def _filters(conn: sqlite3.Connection, query: Query) -> tuple[list[str], list[Any], str | None]:
    """SQL conditions on ``c`` (clippings) for the query's filters. A filter naming a tag
    that does not exist yields a message instead: nothing can match it."""
    where: list[str] = ["c.deleted_at IS NULL"]
    params: list[Any] = []
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
                return where, params, f"There is no {kind.noun} called {name!r}."
            op = "NOT IN" if negate else "IN"
            where.append(f"c.id {op} (SELECT clipping_id FROM {kind.link} WHERE {kind.fk} = ?)")
            params.append(tag_id)
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
            return where, params, "There is no outlet called " + ", ".join(map(repr, names)) + "."
        if outlets:
            op = "NOT IN" if negate else "IN"
            where.append(f"coalesce(c.outlet, '') {op} ({','.join('?' * len(outlets))})")
            params.extend(outlets)
    if query.date_from:
        where.append("c.published >= ?")
        params.append(query.date_from)
    if query.date_to:
        # Published may carry a time after the date; compare on the date part.
        where.append("c.published < ?")
        params.append(query.date_to + "~")
    return where, params, None


def _plan(
    library: Library,
    query: Query,
    where: list[str],
    params: list[Any],
    limit: int,
    offset: int,
    sort: Sort,
) -> tuple[list[tuple[int, float | None, str | None]], str]:
    """(id, rank, snippet) for one page, and the name of the plan used."""
    conn = library.db.conn
    match = query.match()
    cond = " AND ".join(where)
    by_date = "c.published DESC NULLS LAST, c.id DESC"
    if match is None:
        excluded = query.excluded_match()
        if excluded:
            cond += " AND c.id NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)"
            params = [*params, excluded]
        rows = conn.execute(
            f"SELECT c.id FROM clippings c WHERE {cond} ORDER BY {by_date} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [(r[0], None, None) for r in rows], "browse"

    filtered = len(where) > 1
    if sort == "date":
        rows = conn.execute(
            f"SELECT c.id FROM clippings c WHERE {cond} AND c.id IN "
            "(SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?) "
            f"ORDER BY {by_date} LIMIT ? OFFSET ?",
            [*params, match, limit, offset],
        ).fetchall()
        return _with_snippets(conn, match, [r[0] for r in rows]), "by-date"

    if filtered:
        count = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM clippings c WHERE {cond} LIMIT ?)",
            [*params, NARROW_FILTER + 1],
        ).fetchone()[0]
        if count <= NARROW_FILTER:
            ids = [r[0] for r in conn.execute(f"SELECT c.id FROM clippings c WHERE {cond}", params)]
            rows = conn.execute(
                f"SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ? "
                f"AND rowid IN (SELECT value FROM json_each(?)) ORDER BY {BM25} LIMIT ? OFFSET ?",
                [match, json.dumps(ids), limit, offset],
            ).fetchall()
            return _with_snippets(conn, match, [r[0] for r in rows]), "filter-first"
    ranked = _ranked(library, match, cond if filtered else "", params, limit + offset)
    page = [clipping_id for clipping_id, _ in ranked[offset : offset + limit]]
    return _with_snippets(conn, match, page), "fts-first" if filtered else "fts"


def _ranked(
    library: Library, match: str, cond: str, params: list[Any], k: int
) -> list[tuple[int, float]]:
    """The k best (id, bm25) for ``match`` and the filter ``cond``, with FTS5 driving.

    Ranking every match is the cost of a common word; it is split into rowid ranges ranked
    on separate connections at once (SQLite releases the GIL), and the tops merged. BM25
    uses whole-index statistics, so scores from different ranges compare exactly.
    """
    sql = f"SELECT f.rowid, {BM25} AS score FROM clippings_fts f"
    if cond:
        # FTS5 must drive: the planner would otherwise walk clippings and probe FTS5 per row.
        sql += f" CROSS JOIN clippings c ON c.id = f.rowid WHERE clippings_fts MATCH ? AND {cond}"
    else:
        sql += " WHERE clippings_fts MATCH ?"
    sql += " AND f.rowid BETWEEN ? AND ? ORDER BY score LIMIT ?"
    ranges = library.partitions()
    args = [[match, *(params if cond else []), lo, hi, k] for lo, hi in ranges]
    if len(ranges) == 1:
        rows = library.db.conn.execute(sql, args[0]).fetchall()
    else:
        rows = [row for part in library.run_parallel(sql, args) for row in part]
        rows.sort(key=lambda r: (r[1], r[0]))
    return [(r[0], r[1]) for r in rows[:k]]


def _with_snippets(
    conn: sqlite3.Connection, match: str, page: list[int]
) -> list[tuple[int, float | None, str | None]]:
    if not page:
        return []
    tokens = CJK_SNIPPET_TOKENS if has_cjk(match) else SNIPPET_TOKENS
    found = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT rowid, {BM25}, {snippet_sql(tokens)} FROM clippings_fts "
            "WHERE clippings_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
            [match, json.dumps(page)],
        )
    }
    return [(i, *found.get(i, (None, None))) for i in page]


def _hits(library: Library, page: list[tuple[int, float | None, str | None]]) -> list[Hit]:
    rows = {r["id"]: r for r in library.get_many([i for i, _, _ in page])}
    hits = []
    for clipping_id, rank, snippet in page:
        row = rows.get(clipping_id)
        if row is None:
            continue
        if snippet is None:
            snippet = _lead(library, clipping_id, row)
        hits.append(
            Hit(
                id=clipping_id,
                title=row["title"],
                outlet=row["outlet"],
                published=(row["published"] or None) and row["published"][:10],
                url=row["url"],
                topics=row["topics"],
                speakers=row["speakers"],
                snippet=unspace_cjk(snippet),
                score=round(-rank, 4) if rank is not None else None,
            )
        )
    return hits


def _lead(library: Library, clipping_id: int, row: dict[str, Any]) -> str:
    if row.get("lead"):
        words = row["lead"].split()
    else:
        text = library.execute(
            "SELECT substr(text, 1, 400) AS t FROM clippings WHERE id = ?", [clipping_id]
        )[0]["t"]
        words = text.split()
    cut = words[:SNIPPET_TOKENS]
    return " ".join(cut) + (ELLIPSIS if len(words) > len(cut) else "")


def count(library: Library, text: str | Query) -> int:
    """How many live clippings match (no paging)."""
    query = parse(text) if isinstance(text, str) else text
    with library.read() as conn:
        where, params, message = _filters(conn, query)
        if message:
            return 0
        cond = " AND ".join(where)
        match = query.match()
        if match is None:
            excluded = query.excluded_match()
            if excluded:
                cond += (
                    " AND c.id NOT IN (SELECT rowid FROM clippings_fts WHERE clippings_fts MATCH ?)"
                )
                params = [*params, excluded]
            return conn.execute(
                f"SELECT count(*) FROM clippings c WHERE {cond}", params
            ).fetchone()[0]
        return conn.execute(
            "SELECT count(*) FROM clippings_fts f JOIN clippings c ON c.id = f.rowid "
            f"WHERE clippings_fts MATCH ? AND {cond}",
            [match, *params],
        ).fetchone()[0]
