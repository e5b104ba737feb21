"""Coverage counts are what the list shows: for a set of searches, filters and date ranges,
every bar of every chart holds as many clippings as the list holds for the same question, and
a click on it gives those very clippings. Clippings without a date are counted apart."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from core import listing, saved
from core.coverage import counts, periods
from core.coverage.members import members, picks
from core.errors import BadInput, NotFound
from core.library import Library
from core.query import parse
from core.speakers import registry
from tests.core.coverage_library import SPEAKERS, TOPICS, press_office

QUERIES = [
    "",
    "tariffs",
    "minister said",
    "grid OR hospital",
    "topic:Energy",
    'speaker:"Ana Lima"',
    'outlet:"The Herald"',
    "-topic:Trade",
    "from:2024-03 to:2024-03",
    "rail from:2024-02-15 to:2024-04-10",
    'topic:Health -outlet:"Morning Post"',
    "-tariffs",
]


def listed(library: Library, view: listing.View, extra: str = "") -> list[int]:
    return listing.list_ids(library, dataclasses.replace(view, text=f"{view.text} {extra}")).ids


def narrowed(view: listing.View, first: str, last: str) -> str:
    """from:/to: for a period, inside the search's own dates (the last from: typed wins)."""
    query = parse(view.text)
    first = max(first, query.date_from or first)
    last = min(last, query.date_to or last)
    return f"from:{first} to:{last}"


def quoted(name: str) -> str:
    return '"' + name + '"'


@pytest.fixture
def office(library: Library):
    return press_office(library)


@pytest.mark.parametrize("fold", [True, False], ids=["folded", "every-copy"])
@pytest.mark.parametrize("text", QUERIES)
def test_each_period_holds_what_the_list_holds_for_that_period(
    library: Library, office, text: str, fold: bool
) -> None:
    view = listing.View(text=text, fold=fold)
    ids = listing.list_ids(library, view).ids
    assert ids, "every search here finds something"
    dated = listed(library, view, narrowed(view, "1800-01-01", "2100-12-31"))
    for by in periods.BYS:
        chart = counts.over_time(library, ids, by=by)
        assert chart.total == len(ids)
        assert chart.extra["undated"] == len(ids) - len(dated)
        assert sum(chart.series[0].values) == len(dated)
        for key, value in zip(chart.extra["keys"], chart.series[0].values, strict=True):
            first, last = periods.span(by, key)
            expected = listed(library, view, narrowed(view, first, last))
            assert value == len(expected), (by, key)
            # a click on the bar shows exactly those clippings, in the list's order
            assert members(library, ids, [("bucket", key)], by=by) == expected


@pytest.mark.parametrize("text", ["", "minister", "from:2024-03-01 to:2024-03-20", "topic:Trade"])
def test_split_by_outlet_stacks_are_each_outlets_list(library: Library, office, text: str) -> None:
    view = listing.View(text=text)
    ids = listing.list_ids(library, view).ids
    chart = counts.over_time(library, ids, by="week", split="outlet", top=3)
    named = [s for s in chart.series if s.pick and s.pick[0] == "outlet" and s.pick[1]]
    assert len(named) == 3
    rows = {r["id"]: r for r in library.get_many(ids)}
    for index, key in enumerate(chart.extra["keys"]):
        first, last = periods.span("week", key)
        # the stacks add up to the whole bar
        assert sum(s.values[index] for s in chart.series) == len(
            listed(library, view, narrowed(view, first, last))
        )
        for series in named:
            query = f"{narrowed(view, first, last)} outlet:{quoted(series.name)}"
            assert series.values[index] == len(listed(library, view, query))
        for series in chart.series:
            chosen = picks(chart, index, chart.series.index(series))
            shown = members(library, ids, chosen, by="week")
            assert len(shown) == series.values[index]
            if series.name == counts.NO_OUTLET:
                assert all(rows[i]["outlet"] is None for i in shown)
            if series.name == counts.OTHER_OUTLETS:
                assert {rows[i]["outlet"] for i in shown}.isdisjoint(s.name for s in named)


@pytest.mark.parametrize("split", ["topic", "speaker"])
def test_split_by_tag_lines_are_each_tags_list(library: Library, office, split: str) -> None:
    view = listing.View(text="minister")
    ids = listing.list_ids(library, view).ids
    chart = counts.over_time(library, ids, by="month", split=split, top=10)
    lines = [s for s in chart.series if s.style == "line"]
    assert {s.name for s in lines} <= set(TOPICS if split == "topic" else SPEAKERS)
    assert len(lines) >= 3
    assert "counts under each" in chart.note
    for index, key in enumerate(chart.extra["keys"]):
        first, last = periods.span("month", key)
        for series in lines:
            query = f"from:{first} to:{last} {split}:{quoted(series.name)}"
            assert series.values[index] == len(listed(library, view, query))


@pytest.mark.parametrize("text", ["", "minister", "from:2024-02 to:2024-02", "-topic:Energy"])
def test_top_outlets_are_each_outlets_list(library: Library, office, text: str) -> None:
    view = listing.View(text=text)
    ids = listing.list_ids(library, view).ids
    chart = counts.top_outlets(library, ids, top=3)
    assert sum(r[1] for r in chart.rows) == len(ids) == chart.total
    for (kind, value), count in zip(chart.keys, chart.series[0].values, strict=True):
        if kind == "outlet" and value:
            assert count == len(listed(library, view, f"outlet:{quoted(value)}"))
    nameless = [r["id"] for r in library.get_many(ids) if r["outlet"] is None]
    assert chart.series[0].values[chart.labels.index(counts.NO_OUTLET)] == len(nameless)
    assert members(library, ids, [("outlet", None)]) == [i for i in ids if i in set(nameless)]
    assert chart.labels[3].startswith(counts.OTHER_OUTLETS)


@pytest.mark.parametrize("among", ["speaker", "topic"])
def test_share_of_voice_is_each_names_list(library: Library, office, among: str) -> None:
    view = listing.View(text="from:2024-02-10 to:2024-03-31")
    ids = listing.list_ids(library, view).ids
    chart = counts.share_of_voice(library, ids, among=among, top=3)
    assert len(chart.labels) == 3
    union: set[int] = set()
    for name, count in zip(chart.labels, chart.series[0].values, strict=True):
        shown = listed(library, view, f"{among}:{quoted(name)}")
        assert count == len(shown)
        union |= set(shown)
    assert chart.extra["none_of_them"] == len(ids) - len(union)
    shares = [float(r[2].rstrip("%")) for r in chart.rows]
    assert sum(shares) == pytest.approx(100, abs=0.2)


def test_share_of_voice_among_chosen_names(library: Library, office) -> None:
    ids = listing.list_ids(library, listing.View()).ids
    chart = counts.share_of_voice(library, ids, names=["dana fox", "Ana Lima"])
    assert chart.labels[0] in ("Ana Lima", "Dana Fox") and len(chart.labels) == 2
    with pytest.raises(NotFound, match="no speaker called 'Nobody'"):
        counts.share_of_voice(library, ids, names=["Nobody"])


def test_quotes_per_speaker_count_accepted_quotes_only(library: Library, office) -> None:
    view = listing.View(text="minister")
    ids = listing.list_ids(library, view).ids
    chart = counts.quotes_per_speaker(library, ids)
    chosen = set(ids)
    expected: dict[str, int] = {}
    for clipping_id, name, status in office["quotes"]:
        if status == "accepted" and clipping_id in chosen:
            expected[name] = expected.get(name, 0) + 1
    assert dict(zip(chart.labels, chart.series[0].values, strict=True)) == expected
    assert {s for *_, s in office["quotes"]} == {"accepted", "suggested", "rejected"}
    for name, quotes in expected.items():
        kept = [q for q in registry.who_said_what(library, name) if q["clipping_id"] in chosen]
        assert quotes == len(kept)
        clipped = members(library, ids, [("quoted", chart.keys[chart.labels.index(name)][1])])
        assert set(clipped) == {q["clipping_id"] for q in kept}


def test_copies_per_story_are_the_storys_list(library: Library, office) -> None:
    ids = listing.list_ids(library, listing.View()).ids  # copies folded under originals
    chart = counts.copies_per_story(library, ids)
    assert len(chart.labels) == 3
    for (_, story), copies in zip(chart.keys, chart.series[0].values, strict=True):
        story_list = listing.list_ids(library, listing.View(scope="story", value=story)).ids
        assert copies == len(story_list)
        assert sorted(members(library, ids, [("story", story)])) == sorted(story_list)
    # the trashed copy of the first story is not counted
    assert chart.series[0].values == [4, 3, 2]


def test_undated_clippings_are_counted_apart_and_said_so(library: Library, office) -> None:
    ids = listing.list_ids(library, listing.View()).ids
    chart = counts.over_time(library, ids, by="month")
    undated = [i for i in office["undated"] if i in set(ids)]  # a folded copy is not listed
    assert chart.extra["undated"] == len(undated) > 0
    assert f"{len(undated)} clippings without a date of publication" in chart.note
    assert chart.rows[-1] == ["No date", len(undated)]
    assert sorted(members(library, ids, [("bucket", None)], by="month")) == sorted(undated)
    # a search limited to dates leaves them out, as the list does
    dated = counts.over_time(library, counts.listed(library, "from:2024"), by="month")
    assert dated.extra["undated"] == 0 and "without a date" not in dated.note


def test_a_selection_counts_what_it_holds(library: Library, office) -> None:
    chosen = office["ids"][5:40:3]
    rows = library.get_many(chosen)
    chart = counts.top_outlets(library, chosen, top=10)
    expected: dict[str, int] = {}
    for row in rows:
        name = row["outlet"] or counts.NO_OUTLET
        expected[name] = expected.get(name, 0) + 1
    assert dict(zip(chart.labels, chart.series[0].values, strict=True)) == expected
    months = counts.over_time(library, chosen, by="month")
    assert months.total == len(chosen)


def test_weeks_run_monday_to_sunday(library: Library) -> None:
    library.add_clippings(
        [
            {"title": "Sunday", "text": "a", "published": "2024-03-10"},
            {"title": "Monday", "text": "b", "published": "2024-03-11"},
            {"title": "Sunday after", "text": "c", "published": "2024-03-17T09:30:00"},
            {"title": "Leap day", "text": "d", "published": "2024-02-29"},
        ]
    )
    ids = listing.list_ids(library, listing.View()).ids
    chart = counts.over_time(library, ids, by="week")
    values = dict(zip(chart.extra["keys"], chart.series[0].values, strict=True))
    assert values == {"2024-02-26": 1, "2024-03-04": 1, "2024-03-11": 2}
    assert chart.labels == ["w/c 26 Feb", "w/c 4 Mar", "w/c 11 Mar"]
    by_day = counts.over_time(library, ids, by="day")
    assert len(by_day.extra["keys"]) == 18  # every day from 29 Feb to 17 Mar, empty ones too


def test_a_span_too_long_to_fill_says_its_empty_periods_are_left_out(library: Library) -> None:
    library.add_clippings(
        [
            {"title": "Typed wrong", "text": "a", "published": "1801-05-02"},
            {"title": "Today", "text": "b", "published": "2024-03-11"},
        ]
    )
    ids = listing.list_ids(library, listing.View()).ids
    by_day = counts.over_time(library, ids, by="day")
    assert by_day.extra["keys"] == ["1801-05-02", "2024-03-11"]
    assert "only the days with clippings are shown" in by_day.note
    assert f"{periods.between('day', '1801-05-02', '2024-03-11'):,} days" in by_day.note
    by_month = counts.over_time(library, ids, by="month")  # 2,675 months: every one shown
    assert len(by_month.extra["keys"]) == periods.between("month", "1801-05", "2024-03")
    assert "only the" not in by_month.note


def test_the_period_is_chosen_from_the_span(library: Library, office) -> None:
    assert counts.over_time(library, counts.listed(library, "from:2024-03 to:2024-03")).by == "day"
    assert counts.over_time(library, counts.listed(library)).by == "week"


def test_a_saved_search_counts_as_the_list_shows_it(library: Library, office) -> None:
    saved.save(library, "Energy news", "topic:Energy")
    ids = counts.listed(library, "minister", saved_search="Energy news")
    scoped = listing.list_ids(
        library, listing.View(scope="saved", value="Energy news", text="minister")
    ).ids
    assert sorted(ids) == sorted(scoped)
    assert counts.over_time(library, ids).total == len(scoped)


def test_nothing_to_count(library: Library) -> None:
    for kind in ("time", "voice", "outlets", "quotes", "stories"):
        chart = counts.chart(library, [], kind)
        assert chart.empty and chart.total == 0


def test_bad_choices_are_refused_in_words(library: Library, office) -> None:
    with pytest.raises(BadInput, match="day, week or month"):
        counts.over_time(library, [1], by="year")  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="topic, speaker or outlet"):
        counts.over_time(library, [1], split="byline")  # type: ignore[arg-type]
    with pytest.raises(BadInput, match="no chart 'pie'"):
        counts.chart(library, [1], "pie")
    with pytest.raises(BadInput, match="no topic called"):
        counts.listed(library, "topic:Nowhere")


def test_the_table_is_copied_as_cells_and_saved_as_csv(library: Library) -> None:
    library.add_clippings(
        [
            {"title": "a", "text": "x", "outlet": "=HYPERLINK(evil)", "published": "2024-01-02"},
            {"title": "b", "text": "y", "outlet": "Plain, with comma", "published": "2024-01-03"},
            {"title": "c", "text": "z", "outlet": "Plain, with comma", "published": "2024-01-03"},
        ]
    )
    chart = counts.top_outlets(library, listing.list_ids(library, listing.View()).ids)
    table = list(csv.reader(io.StringIO(chart.csv())))
    assert table[0] == ["Outlet", "Clippings", "Share"]
    assert table[1] == ["Plain, with comma", "2", "66.7%"]
    assert table[2] == ["'=HYPERLINK(evil)", "1", "33.3%"]  # a spreadsheet keeps it as text
    assert chart.tsv().splitlines()[1] == "Plain, with comma\t2\t66.7%"
    assert "Plain, with comma          2  66.7%" in chart.text()
