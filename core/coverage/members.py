"""The clippings behind one bar or slice of a chart, in the order the list gave them: a click
on the chart shows exactly the clippings its number counts.

A bar is named by picks, the same keys the counts were grouped by: ("bucket", "2024-05")
(None for the clippings without a date), ("topic", id), ("speaker", id), ("outlet", name) (None
for no outlet), ("other_outlets", the named ones), ("quoted", speaker id), ("story", id)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.coverage import periods
from core.coverage.chart import Chart
from core.coverage.periods import By, bucket_sql
from core.coverage.scope import within
from core.errors import BadInput
from core.library import Library

Pick = tuple[str, Any]


def picks(chart: Chart, category: int, series: int | None = None) -> list[Pick]:
    """What a click on one category of a chart (and on one of its series) stands for."""
    if not 0 <= category < len(chart.keys):
        raise BadInput(f"The chart has no bar {category}.")
    chosen = [chart.keys[category]]
    if series is not None and chart.series[series].pick is not None:
        chosen.append(chart.series[series].pick)
    return chosen


def members(
    library: Library, ids: Iterable[int], chosen: list[Pick], *, by: By = "month"
) -> list[int]:
    """The clippings among ``ids`` that every pick holds, in the order of ``ids``. A story
    pick gives every live copy of the story, as the chart of copies counts them."""
    ids = list(dict.fromkeys(ids))
    stories = [value for kind, value in chosen if kind == "story"]
    if stories:
        rows = library.execute(
            "SELECT id FROM clippings WHERE story_id = ? AND deleted_at IS NULL "
            "ORDER BY published, id",
            [stories[0]],
        )
        return [r["id"] for r in rows]
    where: list[str] = []
    params: list[Any] = []
    for kind, value in chosen:
        sql, args = _condition(kind, value, by)
        where.append(sql)
        params += args
    among, among_params = within(ids)
    conditions = " AND ".join([among, *where])
    found = {
        r["id"]
        for r in library.execute(
            f"SELECT id FROM clippings WHERE {conditions}", [*among_params, *params]
        )
    }
    return [i for i in ids if i in found]


def _condition(kind: str, value: Any, by: By) -> tuple[str, list[Any]]:
    if kind == "bucket":
        if value is None:
            return f"{bucket_sql(by)} IS NULL", []
        first, last = periods.span(by, value)
        # the range reads the date index; the period's own expression decides, as it counted
        return f"published >= ? AND published < ? AND {bucket_sql(by)} = ?", [
            first,
            last + "~",
            value,
        ]
    if kind == "topic":
        return "id IN (SELECT clipping_id FROM clipping_topics WHERE topic_id = ?)", [value]
    if kind == "speaker":
        return "id IN (SELECT clipping_id FROM clipping_speakers WHERE speaker_id = ?)", [value]
    if kind == "outlet":
        return ("outlet IS NULL", []) if value is None else ("outlet = ?", [value])
    if kind == "other_outlets":
        marks = ",".join("?" * len(value))
        return f"outlet IS NOT NULL AND outlet NOT IN ({marks or 'NULL'})", list(value)
    if kind == "quoted":
        return (
            "id IN (SELECT clipping_id FROM quotes WHERE speaker_id = ? AND status = 'accepted')",
            [value],
        )
    raise BadInput(f"A chart has no bar of kind {kind!r}.")


def describe(chart: Chart, chosen: list[Pick]) -> str:
    """The words for what a click chose: 'May 2024 · Herald'."""
    parts = []
    for kind, value in chosen:
        if kind == "bucket":
            by: By = chart.by or "month"
            parts.append(periods.label(by, value) if value else "no date")
        elif kind in ("topic", "speaker", "outlet", "quoted", "story", "other_outlets"):
            parts.append(_name(chart, (kind, value)))
    return " · ".join(p for p in parts if p)


def _name(chart: Chart, pick: Pick) -> str:
    for label, key in zip(chart.labels, chart.keys, strict=False):
        if key == pick:
            return label
    for series in chart.series:
        if series.pick == pick:
            return series.name
    return ""
