"""The counts behind every coverage chart, in SQL, over exactly the clippings given: the ids a
list shows (``listed`` asks core.listing for them, the same call the window's list makes) or a
selection. Dates are of publication, never of capture; clippings without one are counted
apart and the chart says how many.

Each count reads a covering index (the date index, the outlet index, the tag links) and tests
each entry against the chosen ids, so no clipping's row (with its text) is read. The ids go to
SQLite as one JSON array that it builds into a set once per statement (core/coverage/scope).
Counting per date first, in the date index's own order, spares a sort of 100,000
rows: the periods are then made from the few thousand distinct dates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from core.coverage import periods
from core.coverage.chart import KINDS, Chart, Series, plural
from core.coverage.periods import By, bucket_sql
from core.coverage.rankings import (
    NO_OUTLET,
    OTHER_OUTLETS,
    TAGS,
    Among,
    copies_per_story,
    quotes_per_speaker,
    share_of_voice,
    top_outlets,
)
from core.coverage.scope import date_range, fetch, listed, view_ids, within
from core.errors import BadInput
from core.library import Library

__all__ = [
    "NO_OUTLET",
    "OTHER_OUTLETS",
    "chart",
    "copies_per_story",
    "date_range",
    "listed",
    "over_time",
    "quotes_per_speaker",
    "share_of_voice",
    "top_outlets",
    "view_ids",
    "within",
]

Split = Literal["none", "topic", "speaker", "outlet"]
SPLITS: tuple[Split, ...] = ("none", "topic", "speaker", "outlet")


def over_time(
    library: Library,
    ids: Iterable[int],
    *,
    by: By | Literal["auto"] = "auto",
    split: Split = "none",
    top: int = 6,
) -> Chart:
    """Clippings per day, week or month of publication, split by topic or speaker (a line
    for each of the ``top`` most frequent) or by outlet (stacked: they add up)."""
    ids = list(dict.fromkeys(ids))
    chosen, params = among = within(ids)  # once: sorting 100,000 ids is 15 ms
    if by == "auto":
        by = periods.choose(*date_range(library, ids, among))
    if by not in periods.BYS:
        raise BadInput(f"Count by day, week or month, not {by!r}.")
    if split not in SPLITS:
        raise BadInput(f"Split by topic, speaker or outlet, not {split!r}.")
    totals: dict[str | None, int] = {
        key: int(n)
        for key, n in fetch(
            library,
            f"SELECT {bucket_sql(by, 'p')}, sum(n) FROM (SELECT published AS p, "
            f"count(*) AS n FROM clippings INDEXED BY clippings_published WHERE {chosen} "
            "GROUP BY published) GROUP BY 1",
            params,
        )
    }
    undated = totals.pop(None, 0)
    found = sorted(k for k in totals if k is not None)
    keys = periods.axis(by, found)
    gaps = len(found) > 1 and periods.between(by, found[0], found[-1]) > len(keys)
    total = sum(totals.values()) + undated
    series = [Series("All clippings", [totals.get(k, 0) for k in keys])]
    undated_of: dict[str, int] = {}
    notes = []
    if split != "none":
        split_series, undated_of = _split(library, among, by, split, keys, top)
        if split == "outlet":
            series = split_series  # the outlets' stacks add up to the whole
        else:
            series += split_series
            notes.append(f"A clipping with two {split}s counts under each.")
    if gaps:
        notes.insert(
            0,
            f"The dates run over {periods.between(by, found[0], found[-1]):,} {by}s: only the "
            f"{by}s with clippings are shown. A narrower range (from:, to:) shows every {by}.",
        )
    if undated:
        notes.insert(
            0,
            f"{plural(undated, 'clipping')} without a date of publication "
            f"{'is' if undated == 1 else 'are'} counted apart, not on the time axis.",
        )
    columns = [periods.heading(by), "Clippings"]
    shown = [s for s in series if s.name != "All clippings"]
    columns += [s.name for s in shown]
    rows: list[list[Any]] = [
        [periods.label(by, k), totals.get(k, 0), *(s.values[i] for s in shown)]
        for i, k in enumerate(keys)
    ]
    if undated:
        rows.append(["No date", undated, *(undated_of.get(s.name, 0) for s in shown)])
    dated = [k for k in keys if totals.get(k)]
    when = ""
    if dated:
        first, last = periods.label(by, dated[0]), periods.label(by, dated[-1])
        when = f", {first}" + (f" to {last}" if last != first else "")
    split_words = f", split by {split}" if split != "none" else ""
    return Chart(
        kind="time",
        title=KINDS["time"],
        subtitle=f"{plural(total, 'clipping')} by {by} of publication{when}{split_words}",
        labels=[periods.label(by, k, short=by != "month") for k in keys],
        keys=[("bucket", k) for k in keys],
        series=series,
        columns=columns,
        rows=rows,
        note=" ".join(notes),
        total=total,
        by=by,
        extra={"undated": undated, "keys": keys, "split": split},
    )


def _split(
    library: Library,
    among: tuple[str, list[Any]],
    by: By,
    split: Split,
    keys: list[str],
    top: int,
) -> tuple[list[Series], dict[str, int]]:
    """The series of a split chart, and each one's clippings without a date."""
    chosen, params = among
    # Each clipping's period comes from the date index, joined on the id to the outlet index
    # or to the tag links (SQLite indexes the smaller side for the join).
    dated = (
        f"WITH dated(id, b) AS MATERIALIZED (SELECT id, {bucket_sql(by)} FROM clippings "
        f"INDEXED BY clippings_published WHERE {chosen}) "
    )
    if split == "outlet":
        sql = (
            dated + "SELECT d.b, c.outlet, c.outlet, count(*) FROM clippings c "
            "INDEXED BY clippings_outlet JOIN dated d ON d.id = c.id GROUP BY 1, 2"
        )
    else:
        kind = TAGS[split]
        sql = (
            dated + f"SELECT g.b, g.k, t.name, g.n FROM (SELECT d.b AS b, l.{kind.fk} AS k, "
            f"count(*) AS n FROM dated d JOIN {kind.link} l ON l.clipping_id = d.id "
            f"GROUP BY 1, 2) g JOIN {kind.table} t ON t.id = g.k"
        )
    counts: dict[Any, dict[str | None, int]] = {}
    names: dict[Any, str] = {}
    for bucket, key, name, n in fetch(library, sql, params):
        counts.setdefault(key, {})[bucket] = int(n)
        names[key] = name if name is not None else NO_OUTLET
    by_size = sorted(counts, key=lambda k: (-sum(counts[k].values()), names[k].casefold()))
    if split == "outlet":
        named = [k for k in by_size if k is not None]
        chosen_keys = named[:top]
        rest = named[top:]
    else:
        chosen_keys, rest = by_size[:top], []
    pick = "outlet" if split == "outlet" else split
    style: Literal["stack", "line"] = "stack" if split == "outlet" else "line"
    series = [
        Series(names[k], [counts[k].get(b, 0) for b in keys], (pick, k), style) for k in chosen_keys
    ]
    undated = {names[k]: counts[k].get(None, 0) for k in chosen_keys}
    if rest:
        merged = [sum(counts[k].get(b, 0) for k in rest) for b in keys]
        series.append(Series(OTHER_OUTLETS, merged, ("other_outlets", tuple(chosen_keys)), style))
        undated[OTHER_OUTLETS] = sum(counts[k].get(None, 0) for k in rest)
    if split == "outlet" and None in counts:
        series.append(
            Series(NO_OUTLET, [counts[None].get(b, 0) for b in keys], ("outlet", None), style)
        )
        undated[NO_OUTLET] = counts[None].get(None, 0)
    return series, undated


def chart(
    library: Library,
    ids: Iterable[int],
    kind: str,
    *,
    by: By | Literal["auto"] = "auto",
    split: Split = "none",
    among: Among = "speaker",
    names: list[str] | None = None,
    top: int | None = None,
) -> Chart:
    """One chart of any kind, by its name in KINDS."""
    sized = {} if top is None else {"top": top}
    if kind == "time":
        return over_time(library, ids, by=by, split=split, **sized)
    if kind == "voice":
        return share_of_voice(library, ids, among=among, names=names, **sized)
    if kind == "outlets":
        return top_outlets(library, ids, **sized)
    if kind == "quotes":
        return quotes_per_speaker(library, ids, **sized)
    if kind == "stories":
        return copies_per_story(library, ids, **sized)
    raise BadInput(f"There is no chart {kind!r}; one of {', '.join(KINDS)}.")
