"""Every search plan against the plain ranked query on a library of a few thousand clippings:
the same first page where the plan ranks every match, and exactly the documented
approximation (the newest RANK_WINDOW matches ranked, older ones after them newest first)
where it does not; counts exact up to their cap."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from core import filters as filters_module
from core import listing
from core import search as search_module
from core.library import Library
from core.query import parse
from core.search import BM25, count_matches, search

N = 3000
WORDS = (
    "said minister trade talks harbour council budget vote report union strike court ruling "
    "energy prices tariff export market bank rate inflation health hospital school teacher "
    "police river flood storm climate treaty border election campaign party leader press"
).split()
RARE = "voluntary"


def _text(rng: random.Random, n: int) -> str:
    # Zipf-like: the first words are in most clippings, the last in few.
    return " ".join(WORDS[min(int(rng.paretovariate(0.9)) - 1, len(WORDS) - 1)] for _ in range(n))


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Library:
    rng = random.Random(19)
    rows = []
    for i in range(N):
        text = _text(rng, 60)
        if i % 97 == 0:
            text += f" a {RARE} agreement"
        rows.append(
            {
                "title": _text(rng, 6).capitalize(),
                "text": "The minister said " + text,
                "outlet": rng.choice(["Herald", "Courier", "Gazette"]),
                "published": f"{2019 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "topics": ["Wide"] + (["Narrow"] if i % 31 == 0 else []),
                "speakers": ["Ann Doe"] if i % 7 == 0 else [],
            }
        )
    library = Library.open(Path(tmp_path_factory.mktemp("plans")) / "big.db")
    library.add_clippings(rows)
    # A few in the Trash, among the newest: no plan may show them.
    library.trash([N - 1, N - 5, 17])
    yield library
    library.close()


IN_TOPIC = (
    "c.id IN (SELECT clipping_id FROM clipping_topics ct JOIN topics t ON t.id = ct.topic_id "
    "WHERE t.name = '{}')"
)
CASES = {
    RARE: (f'"{RARE}"', "1"),
    "said": ('"said"', "1"),
    "budget vote": ('"budget" AND "vote"', "1"),
    '"minister said"': ('"minister said"', "1"),
    "tra*": ('"tra"*', "1"),
    "harbour OR flood": ('"harbour" OR "flood"', "1"),
    "said -trade": ('"said" NOT "trade"', "1"),
    "said topic:Narrow from:2020 to:2021": (
        '"said"',
        IN_TOPIC.format("Narrow") + " AND c.published >= '2020-01-01' AND c.published < '2022'",
    ),
    "said topic:Wide from:2019 to:2022 -outlet:courier": (
        '"said"',
        IN_TOPIC.format("Wide")
        + " AND c.published >= '2019-01-01' AND c.published < '2023' AND c.outlet != 'Courier'",
    ),
    'speaker:"Ann Doe" trade': ('"trade"', "c.id IN (SELECT clipping_id FROM clipping_speakers)"),
    # a narrow set with a wide date range and a wide outlet left out, tested within the set
    "said topic:Narrow from:2019 to:2022 -outlet:courier": (
        '"said"',
        IN_TOPIC.format("Narrow")
        + " AND c.published >= '2019-01-01' AND c.published < '2023' AND c.outlet != 'Courier'",
    ),
}


def plain(library: Library, match: str, cond: str, newest: int | None = None) -> list[tuple]:
    """The plain ranked query: every match joined to its filters, ordered by bm25(), rowid; or
    that ranking over the ``newest`` matches only."""
    base = (
        f"SELECT f.rowid AS id, {BM25} AS s FROM clippings_fts f "
        "JOIN clippings c ON c.id = f.rowid "
        f"WHERE clippings_fts MATCH ? AND c.deleted_at IS NULL AND {cond}"
    )
    if newest is not None:
        base = f"SELECT id, s FROM ({base} ORDER BY f.rowid DESC LIMIT {newest})"
    sql = f"SELECT id, round(-s, 4) FROM ({base}) ORDER BY s, id"
    return [tuple(r) for r in library.conn.execute(sql, [match]).fetchall()]


def every_match(library: Library, match: str, cond: str) -> list[int]:
    sql = (
        "SELECT c.id FROM clippings_fts f JOIN clippings c ON c.id = f.rowid WHERE "
        f"clippings_fts MATCH ? AND c.deleted_at IS NULL AND {cond} ORDER BY c.id DESC"
    )
    return [r[0] for r in library.conn.execute(sql, [match])]


def page(library: Library, typed: str, **kw) -> list[tuple]:
    return [(h.id, h.score) for h in search(library, typed, **kw).hits]


@pytest.mark.parametrize("typed", list(CASES))
@pytest.mark.parametrize("wide", [1, 500, 1000, 10**9])
@pytest.mark.parametrize("join_max", [0, 10**9])
def test_first_page_is_the_plain_ranking_when_every_match_is_ranked(
    big: Library, monkeypatch: pytest.MonkeyPatch, typed: str, wide: int, join_max: int
) -> None:
    # per match, as sets, (1000) the few dates outside a wide range as a set, or (500) wide
    # dates and outlets within a narrow topic's set; that set tested with IN or joined
    monkeypatch.setattr(filters_module, "WIDE", wide)
    monkeypatch.setattr(filters_module, "JOIN_MAX", join_max)
    match, cond = CASES[typed]
    expected = plain(big, match, cond)
    assert 0 < len(expected) <= search_module.RANK_WINDOW
    results = search(big, typed, limit=50)
    assert not results.bounded
    assert [(h.id, h.score) for h in results.hits] == expected[:50]
    assert page(big, typed, limit=20, offset=40) == expected[40:60]


@pytest.mark.parametrize("typed", ["said", "tra*", '"minister said"', "said topic:Wide"])
def test_past_the_window_the_newest_matches_are_ranked(
    big: Library, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    window = 400
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    match, cond = CASES.get(typed, ('"said"', IN_TOPIC.format("Wide")))
    everything = every_match(big, match, cond)
    assert len(everything) > window
    results = search(big, typed, limit=50)
    assert results.bounded
    # The documented approximation, exactly: the newest 400 matches ranked...
    ranked = plain(big, match, cond, newest=window)
    assert [(h.id, h.score) for h in results.hits] == ranked[:50]
    assert {i for i, _ in ranked} == set(everything[:window])
    # ...then, paging on, the older ones newest first, each match once.
    pages = [
        i
        for o in range(0, len(everything) + 100, 100)
        for i, _ in page(big, typed, limit=100, offset=o)
    ]
    assert pages[:window] == [i for i, _ in ranked]
    assert pages[window:] == everything[window:]


def test_the_exact_ranking_reaches_the_old_best_match_the_window_leaves_out(
    big: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    best = plain(big, '"said"', "1")[0][0]
    monkeypatch.setattr(search_module, "RANK_WINDOW", 100)
    if best in every_match(big, '"said"', "1")[:100]:
        pytest.skip("the best match is among the newest")
    assert best not in [h.id for h in search(big, "said").hits]
    monkeypatch.setattr(search_module, "RANK_WINDOW", 10**6)
    assert search(big, "said").hits[0].id == best


@pytest.mark.parametrize("typed", [*CASES, "", "topic:Narrow", "-said", "from:2021 -topic:Narrow"])
@pytest.mark.parametrize("wide", [1, 1000, 10**9])
def test_counts_are_exact_up_to_the_cap(
    big: Library, monkeypatch: pytest.MonkeyPatch, typed: str, wide: int
) -> None:
    monkeypatch.setattr(filters_module, "WIDE", wide)
    exact = search_module.count(big, typed)
    assert exact == len(
        [
            i
            for o in range(0, N, 1000)
            for i in (h.id for h in search(big, typed, limit=1000, offset=o).hits)
        ]
    )
    found = count_matches(big, typed)
    assert (found.n, found.more) == (exact, False)
    capped = count_matches(big, typed, cap=10)
    assert (capped.n, capped.more) == ((10, True) if exact > 10 else (exact, False))
    if exact > 10:
        assert capped.words() == "more than 10 clippings"


def test_count_words() -> None:
    assert search_module.Count(1).words() == "1 clipping"
    assert search_module.Count(12345).words() == "12,345 clippings"
    assert search_module.Count(10000, more=True).words() == "more than 10,000 clippings"


@pytest.mark.parametrize("window", [10**6, 300])
def test_the_list_ranks_the_window_then_goes_on_newest_first(
    big: Library, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(listing, "RANK_WINDOW", window)
    monkeypatch.setattr(search_module, "RANK_WINDOW", window)
    found = listing.list_ids(big, listing.View(text="said", sort="relevance", fold=False))
    everything = every_match(big, '"said"', "1")
    assert sorted(found.ids) == sorted(everything)
    ranked = [i for i, _ in plain(big, '"said"', "1", newest=min(window, len(everything)))]
    assert found.ids[: len(ranked)] == ranked
    assert found.ids[len(ranked) :] == everything[len(ranked) :]
    assert found.bounded == (window < len(everything))
    # The window's first page and the list agree.
    assert [h.id for h in search(big, "said", limit=50).hits] == found.ids[:50]
    assert found.count().words() == f"{len(everything):,} clippings"


def test_a_walk_of_the_index_tests_wide_dates_and_outlets_within_the_narrow_set(
    big: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each match of a common word is looked up in the set once, rather than in the set and
    # then in the index of dates and outlets; and the set is the smaller for it.
    from core.query import parse

    monkeypatch.setattr(filters_module, "WIDE", 500)
    query = parse("said topic:Narrow from:2019 to:2022 -outlet:courier")
    built = filters_module.build(big.conn, query)
    assert [(p.table, p.wide) for p in built.parts] == [
        ("clipping_topics", False),
        ("clippings", True),
        ("clippings", True),
    ]
    where, params = built.where(filters_module.FTS_ROWID, bounded=True)
    assert "EXISTS" not in where and where.count("IN (SELECT id FROM clippings INDEXED BY") == 1
    assert where.count("?") == len(params)
    # a walk of the clippings themselves tests them on the row, as before
    assert "EXISTS" in built.where("c.id", bounded=True)[0]


def _walked(
    library: Library, typed: str, match: str, cond: str, window: int
) -> tuple[list[tuple], bool]:
    """Every page of ``typed`` (20 a page, past the window too) and its ``bounded``, with what
    the plain query says they must be: the newest ``window`` matches ranked, then the older
    ones newest first; bounded when the window is full."""
    everything = every_match(library, match, cond)
    ranked = plain(library, match, cond, newest=window)
    paged = [
        i
        for o in range(0, len(everything) + 40, 20)
        for i, _ in page(library, typed, limit=20, offset=o)
    ]
    assert paged == [i for i, _ in ranked] + everything[window:]
    return ranked, search(library, typed, limit=50).bounded


# A narrow topic joined to the walk, with dates folded into its set (WIDE 500), or not.
JOINED = {
    "said topic:Narrow": ('"said"', IN_TOPIC.format("Narrow")),
    "said topic:Narrow from:2020 to:2021": (
        '"said"',
        IN_TOPIC.format("Narrow") + " AND c.published >= '2020-01-01' AND c.published < '2022'",
    ),
    f"{RARE} topic:Wide": (f'"{RARE}"', IN_TOPIC.format("Wide")),
}


@pytest.mark.parametrize("typed", list(JOINED))
@pytest.mark.parametrize("wide", [500, 10**9])
@pytest.mark.parametrize("join_max", [0, 10**9])
def test_the_joined_set_ranks_as_the_plain_query_on_either_side_of_a_full_window(
    big: Library, monkeypatch: pytest.MonkeyPatch, typed: str, wide: int, join_max: int
) -> None:
    monkeypatch.setattr(filters_module, "WIDE", wide)
    monkeypatch.setattr(filters_module, "JOIN_MAX", join_max)
    match, cond = JOINED[typed]
    n = len(every_match(big, match, cond))
    assert n > 2
    for window in (n - 1, n, n + 1, 10**6):
        monkeypatch.setattr(search_module, "RANK_WINDOW", window)
        ranked, bounded = _walked(big, typed, match, cond, window)
        # bounded: the window is full (with exactly RANK_WINDOW matches too, as before)
        assert bounded == (n >= window)
        first = page(big, typed, limit=50)
        assert first[: len(ranked)] == ranked[:50]  # ids and scores; older ones after them


def test_a_set_larger_than_the_matches_and_an_empty_one(
    big: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every clipping is in Wide, a narrow set here: far more ids than RARE has matches.
    match, cond = f'"{RARE}"', IN_TOPIC.format("Wide")
    built = filters_module.build(big.conn, parse("x topic:Wide"))
    assert built.walk(big.conn).join and built.parts[0].size == N
    assert page(big, f"{RARE} topic:Wide", limit=50) == plain(big, match, cond)[:50]
    # Every clipping is from one of the three outlets: leaving them all out (a wide filter,
    # with WIDE 500) folds Narrow's set down to nothing, though Narrow has clippings.
    monkeypatch.setattr(filters_module, "WIDE", 500)
    typed = "said topic:Narrow -outlet:Herald -outlet:Courier -outlet:Gazette"
    cond = IN_TOPIC.format("Narrow") + " AND c.outlet NOT IN ('Herald', 'Courier', 'Gazette')"
    assert every_match(big, '"said"', cond) == []
    built = filters_module.build(big.conn, parse(typed))
    assert [(p.keep, p.wide) for p in built.parts] == [(True, False), (False, True)]
    # read first to know its size, the set is found empty: the walk reads nothing
    assert built.walk(big.conn) == filters_module.Walk(where=" AND 0")
    results = search(big, typed)
    assert (results.hits, results.bounded) == ([], False)
    assert search_module.count(big, typed) == 0


def test_the_trash_stays_out_of_a_joined_set(big: Library) -> None:
    # Wide holds the Trash's three (two of them among the newest); Narrow's newest, 2977, is
    # trashed for this test.
    big.trash([2977])
    try:
        for typed, cond in (
            ("said topic:Wide", IN_TOPIC.format("Wide")),
            ("said topic:Narrow", IN_TOPIC.format("Narrow")),
        ):
            shown = [
                h.id for o in (0, 1000, 2000) for h in search(big, typed, limit=1000, offset=o).hits
            ]
            assert not {N - 1, N - 5, 17, 2977} & set(shown)
            expected = plain(big, '"said"', cond)
            assert page(big, typed, limit=50) == expected[:50]
    finally:
        big.restore([2977])


def test_the_walk_joins_the_narrowest_set_with_a_bloom_filter(big: Library) -> None:
    built = filters_module.build(big.conn, parse('said topic:Narrow speaker:"Ann Doe"'))
    walk = built.walk(big.conn)
    narrow = next(p for p in built.parts if p.size == 97)
    # the narrowest set is joined, the other kept one tested per match as a set
    assert walk.head.startswith(f"WITH {filters_module.DRIVER}(id) AS MATERIALIZED")
    assert narrow.cond in walk.head and narrow.cond not in walk.where
    assert walk.where.count("?") == len(walk.args) and walk.head.count("?") == len(walk.head_args)
    sql = f"{walk.head}{search_module._window_sql(walk.where, walk.join)}"
    steps = [r[1] for r in big.conn.execute(f"EXPLAIN {sql}", walk.params('"said"'))]
    if sqlite3.sqlite_version_info >= (3, 38):  # SQLite's Bloom filters came in 3.38
        assert "Filter" in steps
    # without filters there is nothing to join (the Trash is left out as before)
    alone = filters_module.build(big.conn, parse("said")).walk(big.conn)
    assert (alone.head, alone.join, alone.head_args) == ("", "", [])
    assert "NOT IN" in alone.where


@pytest.mark.parametrize("worth", [0.0, 0.8, 1.0])
def test_a_span_is_kept_only_where_it_leaves_out_enough(
    big: Library, monkeypatch: pytest.MonkeyPatch, worth: float
) -> None:
    monkeypatch.setattr(filters_module, "SPAN_WORTH", worth)
    # Narrow's ids run from the first clipping (1) to near the last (2977 of 3000).
    spread = filters_module.build(big.conn, parse("said topic:Narrow"))
    assert spread.span == ((1, 2977) if worth == 1.0 else None)
    assert filters_module._span_worth_it(big.conn, 1, 100) == (worth > 0.0)
    # nothing passes: kept whatever a span is worth, so the walk reads nothing
    assert filters_module.build(big.conn, parse("said from:2030")).span == (1, 0)
    for typed, cond in (
        ("said topic:Narrow", IN_TOPIC.format("Narrow")),
        ('trade speaker:"Ann Doe"', "c.id IN (SELECT clipping_id FROM clipping_speakers)"),
    ):
        match = '"said"' if typed.startswith("said") else '"trade"'
        assert page(big, typed, limit=50) == plain(big, match, cond)[:50]


def test_the_walk_tests_the_rest_on_the_joined_id_or_after_the_set(
    big: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On the index's rowid, SQLite would test them on every match, before the join.
    typed = 'said topic:Narrow -speaker:"Ann Doe" from:2020 to:2022'
    monkeypatch.setattr(filters_module, "WIDE", 500)
    monkeypatch.setattr(filters_module, "SPAN_WORTH", 1.0)
    built = filters_module.build(big.conn, parse(typed))
    joined = built.walk(big.conn)
    assert "json_each" in joined.head and joined.column == f"{filters_module.DRIVER}.id"
    # the Trash and the speaker on the joined id; only the span (of the set read) on the rowid
    assert joined.where.count(filters_module.FTS_ROWID) == 1
    assert joined.where.count(f"+{joined.column} NOT IN") == 2
    monkeypatch.setattr(filters_module, "JOIN_MAX", 10)
    tested = built.walk(big.conn)
    assert (tested.head, tested.join, tested.column) == ("", "", filters_module.FTS_ROWID)
    assert tested.where.startswith(f" AND +{filters_module.FTS_ROWID} IN (SELECT value FROM json")
    cond = (
        IN_TOPIC.format("Narrow")
        + " AND c.id NOT IN (SELECT clipping_id FROM clipping_speakers)"
        + " AND c.published >= '2020-01-01' AND c.published < '2023'"
    )
    for join_max in (10, 10**9):
        monkeypatch.setattr(filters_module, "JOIN_MAX", join_max)
        assert page(big, typed, limit=50) == plain(big, '"said"', cond)[:50]


@pytest.mark.parametrize("join_max", [0, 10**9])
@pytest.mark.parametrize("lazy", [False, True])
def test_the_list_walks_a_filtered_view_as_searches_do(
    big: Library, monkeypatch: pytest.MonkeyPatch, join_max: int, lazy: bool
) -> None:
    monkeypatch.setattr(filters_module, "JOIN_MAX", join_max)
    monkeypatch.setattr(filters_module, "WIDE", 500)
    monkeypatch.setattr(listing, "RANK_WINDOW", 30)
    monkeypatch.setattr(search_module, "RANK_WINDOW", 30)
    monkeypatch.setattr(listing, "CHUNK", 20)
    view = listing.View(text="said topic:Narrow from:2020 to:2022", sort="relevance", fold=False)
    cond = IN_TOPIC.format("Narrow") + " AND c.published >= '2020-01-01' AND c.published < '2023'"
    everything = every_match(big, '"said"', cond)
    assert len(everything) > 30
    found = listing.list_ids(big, view, lazy=lazy)
    while found.more(big):
        pass
    ranked = [i for i, _ in plain(big, '"said"', cond, newest=30)]
    assert found.ids == ranked + everything[30:]
    assert found.bounded
