"""The counts behind every coverage chart, in SQL, over exactly the clippings given: the ids a
list shows (``listed`` asks core.listing for them, the same call the window's list makes) or a
selection. Dates are of publication, never of capture; clippings without one are counted
apart and the chart says how many.

Each count reads a covering index (the date index, the outlet index, the tag links) and tests
each entry against the chosen ids, so no clipping's row (with its text) is read. The ids go to
SQLite as one JSON array that it builds into a set once per statement; when they are most of
a range of ids (a whole library, a wide search) it is the few ids missing from that range that
go, since testing 100,000 entries against a set of 100,000 cost six times more than against a
handful. Counting per date first, in the date index's own order, spares a sort of 100,000
rows: the periods are then made from the few thousand distinct dates."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any, Literal

from core import listing, saved
from core.coverage import periods
from core.coverage.chart import KINDS, Chart, Series, plural
from core.coverage.periods import By, bucket_sql
from core.errors import BadInput
from core.library import Library
from core.tags import SPEAKERS, TOPICS

Split = Literal["none", "topic", "speaker", "outlet"]
SPLITS: tuple[Split, ...] = ("none", "topic", "speaker", "outlet")
Among = Literal["speaker", "topic"]
NO_OUTLET = "No outlet named"
OTHER_OUTLETS = "Other outlets"
_TAGS = {"topic": TOPICS, "speaker": SPEAKERS}


def listed(
    library: Library, text: str = "", *, saved_search: str | None = None, every_copy: bool = False
) -> list[int]:
    """The ids the list shows for a search (and a saved search), wire copies folded under
    their original as the list folds them unless ``every_copy``."""
    if saved_search:
        text = (saved.get(library, saved_search)["query"] + " " + text).strip()
    # the order does not change the set, and date order needs no ranking
    found = listing.list_ids(library, listing.View(text=text, sort="date", fold=not every_copy))
    if found.message:
        raise BadInput(found.message)
    return found.ids


def view_ids(library: Library, view: listing.View) -> list[int]:
    """The ids a window's view lists (its sidebar scope, search and folding)."""
    return listing.list_ids(library, dataclasses.replace(view, sort="date")).ids


def within(ids: Iterable[int], column: str = "id") -> tuple[str, list[Any]]:
    """The condition that ``column`` is one of ``ids``, with its parameters."""
    chosen = sorted({int(i) for i in ids})
    if not chosen:
        return f"{column} IN (SELECT value FROM json_each('[]'))", []
    low, high = chosen[0], chosen[-1]
    if len(chosen) * 2 > high - low + 1:
        present = set(chosen)
        missing = [i for i in range(low, high + 1) if i not in present]
        return (
            f"{column} BETWEEN ? AND ? AND {column} NOT IN (SELECT value FROM json_each(?))",
            [low, high, json.dumps(missing)],
        )
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(chosen)]


def _rows(library: Library, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with library.read() as conn:
        return conn.execute(sql, params).fetchall()


def date_range(library: Library, ids: Iterable[int]) -> tuple[str | None, str | None]:
    """The first and last date of publication among the clippings."""
    chosen, params = within(ids)
    ends = []
    for direction in ("ASC", "DESC"):
        rows = _rows(
            library,
            "SELECT published FROM clippings INDEXED BY clippings_published "
            f"WHERE published IS NOT NULL AND {chosen} ORDER BY published {direction} LIMIT 1",
            params,
        )
        ends.append(rows[0][0][:10] if rows else None)
    return ends[0], ends[1]


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
    if by == "auto":
        by = periods.choose(*date_range(library, ids))
    if by not in periods.BYS:
        raise BadInput(f"Count by day, week or month, not {by!r}.")
    if split not in SPLITS:
        raise BadInput(f"Split by topic, speaker or outlet, not {split!r}.")
    chosen, params = within(ids)
    totals: dict[str | None, int] = {
        key: int(n)
        for key, n in _rows(
            library,
            f"SELECT {bucket_sql(by, 'p')}, sum(n) FROM (SELECT published AS p, "
            f"count(*) AS n FROM clippings INDEXED BY clippings_published WHERE {chosen} "
            "GROUP BY published) GROUP BY 1",
            params,
        )
    }
    undated = totals.pop(None, 0)
    keys = periods.axis(by, sorted(totals))
    total = sum(totals.values()) + undated
    series = [Series("All clippings", [totals.get(k, 0) for k in keys])]
    undated_of: dict[str, int] = {}
    notes = []
    if split != "none":
        split_series, undated_of = _split(library, ids, by, split, keys, top)
        if split == "outlet":
            series = split_series  # the outlets' stacks add up to the whole
        else:
            series += split_series
            notes.append(f"A clipping with two {split}s counts under each.")
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
    library: Library, ids: list[int], by: By, split: Split, keys: list[str], top: int
) -> tuple[list[Series], dict[str, int]]:
    """The series of a split chart, and each one's clippings without a date."""
    chosen, params = within(ids)
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
        kind = _TAGS[split]
        sql = (
            dated + f"SELECT d.b, l.{kind.fk}, t.name, count(*) FROM dated d "
            f"JOIN {kind.link} l ON l.clipping_id = d.id JOIN {kind.table} t ON t.id = l.{kind.fk} "
            "GROUP BY 1, 2"
        )
    counts: dict[Any, dict[str | None, int]] = {}
    names: dict[Any, str] = {}
    for bucket, key, name, n in _rows(library, sql, params):
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
    style = "stack" if split == "outlet" else "line"
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


def top_outlets(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    chosen, params = within(ids)
    rows = _rows(
        library,
        f"SELECT outlet, count(*) FROM clippings INDEXED BY clippings_outlet WHERE {chosen} "
        "GROUP BY outlet",
        params,
    )
    counted = sorted(
        ((name, int(n)) for name, n in rows if name is not None),
        key=lambda r: (-r[1], r[0].casefold()),
    )
    nameless = sum(int(n) for name, n in rows if name is None)
    total = sum(n for _, n in counted) + nameless
    shown = counted[:top]
    labels = [name for name, _ in shown]
    keys: list[Any] = [("outlet", name) for name, _ in shown]
    values = [n for _, n in shown]
    rest = counted[top:]
    if rest:
        labels.append(f"{OTHER_OUTLETS} ({len(rest)})")
        keys.append(("other_outlets", tuple(labels[: len(shown)])))
        values.append(sum(n for _, n in rest))
    if nameless:
        labels.append(NO_OUTLET)
        keys.append(("outlet", None))
        values.append(nameless)
    return Chart(
        kind="outlets",
        title=KINDS["outlets"],
        subtitle=f"{plural(total, 'clipping')} in {plural(len(counted), 'outlet')}",
        labels=labels,
        keys=keys,
        series=[Series("Clippings", values)],
        columns=["Outlet", "Clippings", "Share"],
        rows=[[name, n, _percent(n, total)] for name, n in zip(labels, values, strict=True)],
        total=total,
        extra={"outlets": len(counted)},
    )


def share_of_voice(
    library: Library,
    ids: Iterable[int],
    *,
    among: Among = "speaker",
    names: list[str] | None = None,
    top: int = 5,
) -> Chart:
    """How the clippings that name any of these speakers (or topics) share out between
    them: the ``top`` most named, or those chosen by name."""
    if among not in _TAGS:
        raise BadInput(f"Share of voice is among speakers or topics, not {among!r}.")
    kind = _TAGS[among]
    ids = list(dict.fromkeys(ids))
    chosen, params = within(ids, "l.clipping_id")
    wanted: list[int] = []
    if names:
        with library.read() as conn:
            wanted = list(dict.fromkeys(kind.require(conn, name) for name in names))
    only = f" AND l.{kind.fk} IN ({','.join('?' * len(wanted))})" if wanted else ""
    rows = _rows(
        library,
        f"SELECT l.{kind.fk}, t.name, count(*) FROM {kind.link} l "
        f"JOIN {kind.table} t ON t.id = l.{kind.fk} WHERE {chosen}{only} GROUP BY 1",
        [*params, *wanted],
    )
    counted = sorted(((k, name, int(n)) for k, name, n in rows), key=lambda r: (-r[2], r[1]))
    if not wanted:
        counted = counted[:top]
    else:  # the chosen ones that no clipping names still take their place, at nought
        found = {k for k, _, _ in counted}
        with library.read() as conn:
            for k in wanted:
                if k not in found:
                    name = conn.execute(f"SELECT name FROM {kind.table} WHERE id = ?", [k])
                    counted.append((k, name.fetchone()[0], 0))
    keys = [k for k, _, _ in counted]
    voices = sum(n for _, _, n in counted)
    none = 0
    if keys:
        marks = ",".join("?" * len(keys))
        named = _rows(
            library,
            f"SELECT count(DISTINCT l.clipping_id) FROM {kind.link} l "
            f"WHERE {chosen} AND l.{kind.fk} IN ({marks})",
            [*params, *keys],
        )[0][0]
        none = len(ids) - int(named)
    noun = kind.noun
    note = f"A clipping that names two of these {noun}s counts for each."
    if none:
        note = f"{plural(none, 'clipping')} name{'s' if none == 1 else ''} none of them. " + note
    labels = [name for _, name, _ in counted]
    values = [n for _, _, n in counted]
    return Chart(
        kind="voice",
        title=KINDS["voice"],
        subtitle=f"{plural(voices, 'mention')} of {plural(len(keys), noun)} in "
        f"{plural(len(ids), 'clipping')}",
        labels=labels,
        keys=[(among, k) for k in keys],
        series=[Series("Clippings", values, style="slice")],
        columns=[noun.capitalize(), "Clippings", "Share of voice"],
        rows=[[name, n, _percent(n, voices)] for name, n in zip(labels, values, strict=True)],
        note=note,
        total=voices,
        extra={"among": among, "none_of_them": none},
    )


def quotes_per_speaker(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    """Accepted quotes of accepted speakers, the same ones packs show (a suggested quote has
    no speaker yet, a rejected one is never shown: core/speakers/registry.py)."""
    chosen, params = within(ids, "q.clipping_id")
    rows = _rows(
        library,
        "SELECT q.speaker_id, s.name, count(*), count(DISTINCT q.clipping_id) "
        "FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
        f"WHERE {chosen} AND q.status = 'accepted' GROUP BY q.speaker_id",
        params,
    )
    counted = sorted(rows, key=lambda r: (-r[2], r[1].casefold()))
    quotes = sum(int(r[2]) for r in counted)
    shown = counted[:top]
    more = f"; the {top} most quoted shown" if len(counted) > top else ""
    return Chart(
        kind="quotes",
        title=KINDS["quotes"],
        subtitle=f"{plural(quotes, 'accepted quote')} from {plural(len(counted), 'speaker')}"
        + more,
        labels=[r[1] for r in shown],
        keys=[("quoted", r[0]) for r in shown],
        series=[Series("Quotes", [int(r[2]) for r in shown])],
        columns=["Speaker", "Quotes", "Clippings"],
        rows=[[r[1], int(r[2]), int(r[3])] for r in shown],
        note="Only quotes accepted in review are counted.",
        total=quotes,
        extra={"speakers": len(counted)},
    )


def copies_per_story(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    """How far each story among the clippings ran: every live copy the library holds, in how
    many outlets, whatever the search (a story's copies are what a wire story is)."""
    chosen, params = within(ids)
    rows = _rows(
        library,
        "WITH storied AS (SELECT DISTINCT story_id FROM clippings INDEXED BY "
        f"clippings_story WHERE story_id IS NOT NULL AND {chosen}) "
        "SELECT c.story_id, count(*), count(DISTINCT lower(trim(c.outlet))), "
        "min(substr(c.published, 1, 10)) FROM clippings c "
        "WHERE c.story_id IN storied AND c.deleted_at IS NULL "
        "GROUP BY c.story_id HAVING count(*) > 1",
        params,
    )
    counted = sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))
    shown = counted[:top]
    titles = _story_titles(library, [r[0] for r in shown])
    more = f"; the {top} that ran most shown" if len(counted) > top else ""
    return Chart(
        kind="stories",
        title=KINDS["stories"],
        subtitle=f"{plural(len(counted), 'story', 'stories')} ran more than once" + more,
        labels=[titles.get(r[0], f"Story {r[0]}") for r in shown],
        keys=[("story", r[0]) for r in shown],
        series=[Series("Copies", [int(r[1]) for r in shown])],
        columns=["Story", "Copies", "Outlets", "First ran"],
        rows=[
            [
                titles.get(r[0], f"Story {r[0]}"),
                int(r[1]),
                int(r[2]),
                periods.label("day", r[3]) if r[3] else "",
            ]
            for r in shown
        ],
        note="Every copy the library holds is counted, whatever the search.",
        total=sum(int(r[1]) for r in counted),
        extra={"stories": len(counted)},
    )


def _story_titles(library: Library, stories: list[int]) -> dict[int, str]:
    """Each story's headline: its original's, else its earliest live copy's."""
    if not stories:
        return {}
    marks = ",".join("?" * len(stories))
    titles: dict[int, str] = {}
    for story, title in _rows(
        library,
        f"SELECT c.story_id, c.title FROM clippings c LEFT JOIN stories s ON s.id = c.story_id "
        f"WHERE c.story_id IN ({marks}) AND c.deleted_at IS NULL "
        "ORDER BY c.story_id, c.id = s.original_id DESC, c.published, c.id",
        stories,
    ):
        titles.setdefault(story, " ".join((title or "").split()) or f"Story {story}")
    return titles


def _percent(n: int, whole: int) -> str:
    return f"{100 * n / whole:.1f}%" if whole else "0.0%"


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
