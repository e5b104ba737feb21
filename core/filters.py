"""A query's filters (topics, speakers, outlets, dates, what the reader marked) as tests on
clipping ids, each over a covering index: a narrow one becomes a set of ids built once, a wide
one (WIDE ids or more) is looked up per match, so no plan builds a set of most of the library.
The Trash, which the full-text index holds too, is kept out here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from core.highlights.searching import filter_parts as marks_filters
from core.query import Query
from core.tags import SPEAKERS, TOPICS, tag_key

#: A filter that holds this many clippings or more is tested per match, not built as a set.
WIDE = 20_000
#: The index's rowid, named so that a filter's own subquery cannot take it for its own.
FTS_ROWID = "clippings_fts.rowid"
#: A walk keeps to the span of ids its filters allow only when that span is at most this
#: share of the library's ids (see _span_worth_it).
SPAN_WORTH = 0.8


@dataclass
class Part:
    """One filter: the clippings of ``table`` whose ``cond`` holds, as their ``idcol``."""

    keep: bool  # keep those clippings (else keep the others)
    table: str
    idcol: str
    cond: str
    args: list[Any]
    #: it holds WIDE clippings or more (counted no further)
    wide: bool = False
    #: how many clippings it holds, counted up to WIDE
    size: int = 0
    #: the clippings column it tests (published, outlet), if it tests one
    column: str | None = None

    def ids(self, within: str = "") -> str:
        """Its clippings' ids; ``within``, conditions on their dates and outlets they must
        meet too (tested on the index of those, by id)."""
        ids = f"SELECT {self.idcol} FROM {self.table} WHERE {self.cond}"
        if within:
            facets = "SELECT id FROM clippings INDEXED BY clippings_facets"
            return f"{facets} WHERE id IN ({ids}){within}"
        return ids

    def test(self, column: str, per_row: bool) -> str:
        if per_row:
            # One lookup in a covering index per match: a walk that stops after a window of
            # matches never pays for a set of most of the library.
            # ``column`` must name its table: inside, a bare id or rowid is the part's own.
            where = f"p_.{self.idcol} = {column} AND {self.cond}"
            # A clipping's date and outlet from an index by id, not from its row (which
            # holds its text: reading rows made a count of 20,000 take a second).
            index = " INDEXED BY clippings_facets" if self.table == "clippings" else ""
            one = f"EXISTS (SELECT 1 FROM {self.table} AS p_{index} WHERE {where})"
            return one if self.keep else f"NOT {one}"
        return f"+{column} {'IN' if self.keep else 'NOT IN'} ({self.ids()})"


@dataclass
class Filters:
    """A query's filters as tests on clipping ids, each over a covering index, so no
    clipping row is read to decide whether it passes. A narrow one becomes one IN (or NOT IN)
    set that SQLite builds once; an INTERSECT of them cost half as much again."""

    parts: list[Part] = field(default_factory=list)
    message: str | None = None  # a filter names something that does not exist
    #: the index holds the Trash too; when it is not empty its ids are kept out
    trash: bool = False
    #: the lowest and highest id every narrow kept filter allows: a walk of the index's
    #: matches need not leave it (clippings are mostly clipped in the order of their dates)
    span: tuple[int, int] | None = None

    def where(
        self,
        column: str,
        *,
        bounded: bool = False,
        direct: tuple[str, ...] = (),
        skip: Part | None = None,
    ) -> tuple[str, list[Any]]:
        """Conditions on ``column``; the '+' keeps FTS5 from probing its index once per id.
        ``bounded``: the statement stops after a window of rows, so wide filters are tested
        per row instead of built as sets of most of the library. ``direct``: the statement
        walks an index of clippings as ``c`` that holds these columns, so a filter on them
        (dates, outlets) is a plain condition on the walk. ``skip``: a part the statement
        already walks."""
        return self._conditions(column, bounded, direct, skip, self.span)

    def walk(self, conn: sqlite3.Connection) -> Walk:
        """A bounded walk of the full-text index's matches (newest first, stopping after a
        window). A driver's set of JOIN_MAX ids or fewer is joined to it rather than tested
        with IN: SQLite puts a Bloom filter of the set before its index, which turns most of
        a common word's matches away for less than the IN test's lookup ('said' under a
        topic's half year at a million clippings, a million matches walked for 1,134, went
        from 157 to 132 ms). The other tests are then on the joined id, so that SQLite makes
        them only for the matches the join keeps (on the index's rowid, it would make them
        for every match, before the join). A set with dates or outlets folded in is read
        first, to know its size, and its span is then the span of its ids."""
        driver = self._driver(True, ())
        if driver is None:
            where, params = self.where(FTS_ROWID, bounded=True)
            return Walk(where=where, args=params)
        folded = self._folded(FTS_ROWID, True, (), None)
        ids, args = _driver_set(driver, folded)
        size, span = driver.size, self.span
        if folded:
            # as one JSON array made by SQLite (10,000 rows read into Python took 6 ms more)
            found, size, lo, hi = conn.execute(
                f"WITH s(i) AS ({ids}) SELECT json_group_array(i), count(*), min(i), max(i) FROM s",
                args,
            ).fetchone()
            if not size:
                return Walk(where=" AND 0")  # nothing passes
            ids, args = "SELECT value FROM json_each(?)", [found]
            span = (lo, hi) if _span_worth_it(conn, lo, hi) else None
        if size > JOIN_MAX:
            sql, params = self._conditions(FTS_ROWID, True, (), None, span, FTS_ROWID)
            return Walk(where=f" AND +{FTS_ROWID} IN ({ids}){sql}", args=[*args, *params])
        joined = f"{DRIVER}.id"
        sql, params = self._conditions(FTS_ROWID, True, (), None, span, joined)
        return Walk(
            # MATERIALIZED: a set of its own, not a subquery SQLite would flatten into the
            # join (and walk its table's index once per match).
            head=f"WITH {DRIVER}(id) AS MATERIALIZED ({ids}) ",
            head_args=args,
            join=f" CROSS JOIN {DRIVER} ON {joined} = +{FTS_ROWID}",
            where=sql,
            args=params,
            column=joined,
        )

    def _driver(self, bounded: bool, direct: tuple[str, ...]) -> Part | None:
        """The smallest narrow kept filter: in a bounded walk it alone is built as a set (the
        others are looked up only for the rows it keeps)."""
        kept = [p for p in self.parts if p.keep and not p.wide and p.column not in direct]
        return min(kept, key=lambda p: p.size) if kept else None

    def _folded(
        self, column: str, bounded: bool, direct: tuple[str, ...], skip: Part | None
    ) -> list[Part]:
        """The parts tested within the driver's set instead of per match. A walk of the
        full-text index may read most of the library (a common word) and looks each match up
        in the driver's set: the dates and outlets the others would test per match are
        tested once per id of the set instead, which leaves a smaller set to look up in (a
        tenth of a topic's ids for half a year: 15 ms at a million)."""
        driver = self._driver(bounded, direct)
        if column != FTS_ROWID or driver is None or driver is skip:
            return []
        return [
            p
            for p in self.parts
            if p is not driver
            and p is not skip
            and p.column is not None
            and p.column not in direct
            and not _as_set(p, bounded, driver)
        ]

    def _conditions(
        self,
        column: str,
        bounded: bool,
        direct: tuple[str, ...],
        skip: Part | None,
        span: tuple[int, int] | None,
        tested: str | None = None,
    ) -> tuple[str, list[Any]]:
        """where()'s conditions. ``tested``: the walk brings the driver's set itself (joined
        or tested first), and the other tests are made on ``tested``; the span stays on
        ``column``, for FTS5 to keep to."""
        sql, params = "", []
        driver = self._driver(bounded, direct)
        folded = self._folded(column, bounded, direct, skip)
        # Sets go first: SQLite tests in the order written.
        for part in sorted(self.parts, key=lambda p: not _as_set(p, bounded, driver)):
            if part is skip or any(part is p for p in folded):
                continue
            if part is driver:
                if tested is None:
                    ids, args = _driver_set(part, folded)
                    sql += f" AND +{column} IN ({ids})"
                    params.extend(args)
                continue
            if part.column in direct:
                test = f"({part.cond})" if part.keep else f"NOT coalesce(({part.cond}), 0)"
            else:
                test = part.test(tested or column, not _as_set(part, bounded, driver))
            sql += f" AND {test}"
            params.extend(part.args)
        if self.trash:
            sql += f" AND +{tested or column} NOT IN ({TRASHED})"
        if span and column == FTS_ROWID:
            sql += f" AND {column} BETWEEN ? AND ?"
            params.extend(span)
        return sql, params


def _as_set(part: Part, bounded: bool, driver: Part | None) -> bool:
    """Whether a part is built as a set of ids rather than looked up per row."""
    if not bounded:
        return True
    return part is driver or (not part.keep and not part.wide)


def _driver_set(driver: Part, folded: list[Part]) -> tuple[str, list[Any]]:
    """The driver's ids, the folded parts tested within them, and their arguments."""
    within = "".join(
        f" AND ({p.cond})" if p.keep else f" AND NOT coalesce(({p.cond}), 0)" for p in folded
    )
    return driver.ids(within), [*driver.args, *(a for p in folded for a in p.args)]


#: A driver's set of this many ids or fewer is joined to a walk of the index, more are tested
#: with IN: the join's Bloom filter (SQLite's is 80,000 bits) turns fewer matches away as it
#: fills, and from about 6,000 ids at a million clippings the IN test was quicker. An SQLite
#: older than 3.35 has no MATERIALIZED, and always tests with IN.
JOIN_MAX = 5_000 if sqlite3.sqlite_version_info >= (3, 35) else 0
#: The name a walk gives the driver's set it joins (see Filters.walk).
DRIVER = "driver_"


@dataclass(frozen=True)
class Walk:
    """A walk of the full-text index under the filters: ``head`` (a WITH clause) names the
    driver's set, ``join`` joins the index's rows to it, ``where`` tests the others; each
    with its arguments (``head_args`` before the statement's own, ``args`` after MATCH).
    ``column``: the id that conditions added to ``where`` test (the joined one, if any)."""

    head: str = ""
    head_args: list[Any] = field(default_factory=list)
    join: str = ""
    where: str = ""
    args: list[Any] = field(default_factory=list)
    column: str = FTS_ROWID

    def params(self, match: str) -> list[Any]:
        """The arguments of ``{head}SELECT ... FROM clippings_fts{join} WHERE clippings_fts
        MATCH ?{where}``."""
        return [*self.head_args, match, *self.args]


TRASHED = "SELECT id FROM clippings WHERE deleted_at IS NOT NULL"


def has_trash(conn: sqlite3.Connection) -> bool:
    # The Trash has a partial index of its own: this reads nothing else.
    return bool(conn.execute(f"SELECT EXISTS ({TRASHED})").fetchone()[0] == 1)


def _at_least(conn: sqlite3.Connection, part: Part, n: int) -> bool:
    """Whether the part holds ``n`` clippings or more, counting no further (the count is
    kept as its size)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {part.table} WHERE {part.cond} LIMIT ?)"
    part.size = int(conn.execute(sql, [*part.args, n]).fetchone()[0])
    return part.size >= n


def _outside_at_least(conn: sqlite3.Connection, dates: list[str], n: int) -> bool:
    """Whether ``n`` clippings or more lie outside the dates: three ranges of the date index
    counted apart (as one OR, SQLite gathers their ids to merge them first)."""
    found = 0
    for cond, args in (
        ("published < ?", dates[:1]),
        ("published >= ?", dates[1:]),
        ("published IS NULL", []),
    ):
        sql = f"SELECT count(*) FROM (SELECT 1 FROM clippings WHERE {cond} LIMIT ?)"
        found += int(conn.execute(sql, [*args, n - found]).fetchone()[0])
        if found >= n:
            return True
    return False


def build(conn: sqlite3.Connection, query: Query) -> Filters:
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
            part = Part(not negate, kind.link, "clipping_id", f"{kind.fk} = ?", [tag_id])
            part.wide = _at_least(conn, part, WIDE)
            filters.parts.append(part)
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
            cond = f"outlet IN ({','.join('?' * len(outlets))})"
            part = Part(not negate, "clippings", "id", cond, outlets, column="outlet")
            part.wide = _at_least(conn, part, WIDE)
            filters.parts.append(part)
    if query.date_from or query.date_to:
        # Published may carry a time after the date, so "to" compares below the next char.
        dates = [query.date_from or "", (query.date_to or "9999-12-31") + "~"]
        inside = Part(
            True, "clippings", "id", "published >= ? AND published < ?", dates, column="published"
        )
        outside = Part(
            False,
            "clippings",
            "id",
            "(published < ? OR published >= ? OR published IS NULL)",
            dates,
            column="published",
        )
        # Building a set costs per id, so a wide range is applied as the few ids outside it.
        if _at_least(conn, inside, WIDE):
            outside.wide = _outside_at_least(conn, dates, WIDE)
            inside.wide = True
            filters.parts.append(outside if not outside.wide else inside)
        else:
            filters.parts.append(inside)
    # in:highlights, in:comments, has:highlights ...: what the reader marked
    for keep, cond, args in marks_filters(query):
        filters.parts.append(Part(keep, "clippings", "id", cond, args))
    for part in filters.parts:
        if part.keep and not part.wide:
            lo, hi = conn.execute(
                f"SELECT min(i), max(i) FROM (SELECT {part.idcol} AS i FROM {part.table} "
                f"WHERE {part.cond})",
                part.args,
            ).fetchone()
            if lo is None:
                lo, hi = 1, 0  # nothing passes
            if filters.span:
                lo, hi = max(lo, filters.span[0]), min(hi, filters.span[1])
            filters.span = (lo, hi)
    if filters.span and not _span_worth_it(conn, *filters.span):
        filters.span = None
    return filters


def _span_worth_it(conn: sqlite3.Connection, lo: int, hi: int) -> bool:
    """Whether a walk of the index's matches gains by keeping to ids ``lo``..``hi``: FTS5
    tests every match against the bounds it is given (a million matches of 'said' walked in
    80 ms with them, 68 without), so bounds that leave out less than a fifth of the library's
    ids cost more than they save. An empty one (``hi`` below ``lo``: nothing passes) is
    always kept."""
    # Two subqueries: min() and max() together would read the whole table.
    first, last = conn.execute(
        "SELECT (SELECT min(id) FROM clippings), (SELECT max(id) FROM clippings)"
    ).fetchone()
    if first is None:
        return True
    return bool(hi - lo < SPAN_WORTH * (int(last) - int(first) + 1))
