"""A search with more matches than relevance ranks: the window lists the ranked ones at once
and reads the older matches as the list is scrolled to its end (Qt's fetchMore), and actions on
the whole list see every match."""

from __future__ import annotations

import pytest

from core import listing
from core import search as search_module
from core.library import Library
from tests.ui.conftest import articles
from ui.main_window import MainWindow
from ui.models.clip_list import ClipListModel


@pytest.fixture
def small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "RANK_WINDOW", 40)
    monkeypatch.setattr(listing, "RANK_WINDOW", 40)
    monkeypatch.setattr(listing, "CHUNK", 25)


def test_the_model_reads_older_matches_in_chunks(library: Library, small_window) -> None:
    library.add_clippings(articles(130))
    view = listing.View(text="minister", sort="relevance")
    everything = listing.list_ids(library, view).ids
    found = listing.list_ids(library, view, lazy=True)
    assert found.ids == everything[:40] and found.bounded
    assert found.count().words() == "more than 40 clippings"
    model = ClipListModel(library)
    model.set_ids(found.ids, lambda: found.more(library))
    assert model.rowCount() == 40 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 65
    assert model.all_ids() == everything and not model.canFetchMore()
    assert len(everything) == 130 and found.count().words() == "130 clippings"


def test_the_window_lists_the_ranking_first_and_the_rest_arrives(
    qtbot, window: MainWindow, small_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.library.add_clippings(articles(100))  # 130 with the window's 30
    shown: list[int] = []
    window.model.modelReset.connect(lambda: shown.append(window.model.rowCount()))
    window.search.setText("minister")
    window.search.search_now()
    qtbot.waitUntil(lambda: window.model.rowCount() >= 40, timeout=3000)
    # the status bar says the ranked ones are not all until the rest is read
    assert window.count_label.text() in ("more than 40 clippings", "130 clippings")
    qtbot.waitUntil(lambda: window.model.rowCount() == 130, timeout=3000)
    assert window.count_label.text() == "130 clippings"
    everything = listing.list_ids(window.library, window.browsing.view).ids
    # The list was shown with the ranked 40; the rest was read off the GUI thread, in order.
    assert shown[-1] == 40
    assert window.model.ids == everything and not window.model.canFetchMore()
    assert window.packs.ids(False) == everything


def test_scrolling_to_the_end_before_the_rest_arrives_reads_it(
    qtbot, window: MainWindow, small_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.library.add_clippings(articles(100))
    monkeypatch.setattr(window.runner, "read", _only_the_first(window.runner.read))
    window.search.setText("minister")
    window.search.search_now()
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=3000)
    assert window.model.canFetchMore()
    everything = listing.list_ids(window.library, window.browsing.view).ids
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: window.model.rowCount() > 40, timeout=3000)
    assert window.packs.ids(False) == everything
    assert window.model.rowCount() == 130


def _only_the_first(read):
    """Runner.read that runs the list's own read but never the one for the rest."""
    calls = []

    def first_only(fn, *args, **kw):
        calls.append(fn)
        return read(fn, *args, **kw) if len(calls) % 2 else None

    return first_only


@pytest.mark.parametrize(
    "view",
    [
        listing.View(),
        listing.View(sort="headline", descending=False),
        listing.View(text="minister", sort="date"),
        listing.View(scope="trash"),
    ],
)
def test_a_long_list_comes_in_chunks_in_its_order(
    library: Library, monkeypatch: pytest.MonkeyPatch, view: listing.View
) -> None:
    monkeypatch.setattr(listing, "CHUNK", 30)
    ids = library.add_clippings(articles(100))
    library.trash(ids[:70] if view.scope == "trash" else ids[:3])
    everything = listing.list_ids(library, view).ids
    found = listing.list_ids(library, view, lazy=True)
    assert found.ids == everything[:30] and found.count().words() == "more than 30 clippings"
    model = ClipListModel(library)
    model.set_ids(found.ids, lambda: found.more(library))
    assert model.all_ids() == everything and len(set(everything)) == len(everything) > 60
    assert found.count().words() == f"{len(everything)} clippings"


def test_a_scroll_step_reads_the_next_screen_while_waiting(
    qtbot, library: Library, settings
) -> None:
    from ui.tasks import Runner

    library.add_clippings(articles(600))
    runner = Runner(library, synchronous=True)
    window = MainWindow(library, runner, settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.done)
    table, model = window.table, window.model
    bar = table.verticalScrollBar()
    bar.setValue(bar.value() + 4 * bar.pageStep())
    top = table.rowAt(0)
    screen = table.viewport().height() // table.rowHeight(top)
    below = range(top + screen, top + 2 * screen)
    above = range(top - screen, top)
    # Once the event loop has had its turn, the screens below and above are read: the next
    # step, either way, only paints.
    qtbot.waitUntil(lambda: all(model.ids[r] in model._rows for r in [*below, *above]))
    window.close()
    runner.close()


def test_reading_ahead_keeps_the_rows_on_screen(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.models import clip_list

    monkeypatch.setattr(clip_list, "KEPT", 4)
    library.add_clippings(articles(400))
    model = ClipListModel(library)
    model.set_ids(listing.list_ids(library, listing.View()).ids)
    shown = [model.data(model.index(r, 2)) for r in range(150, 160)]
    # Far more pages read ahead than are kept: the latest stay, and the screen with them.
    for start in range(0, 400, 7):
        model.read_ahead(start, 3)
    model.read_ahead(150, 10)
    assert len(model._rows) <= clip_list.KEPT * clip_list.PAGE
    assert all(model.ids[r] in model._rows for r in range(150, 160))
    assert [model.data(model.index(r, 2)) for r in range(150, 160)] == shown
    model.read_ahead(-40, 30)  # above the top: nothing to read, nothing fails
    model.read_ahead(390, 50)  # past the end likewise
    assert len(model._rows) <= clip_list.KEPT * clip_list.PAGE
