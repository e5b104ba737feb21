"""The Inbox window over feeds served on 127.0.0.1: sources and rules added from it, a round
run off the GUI thread, proposals accepted (as full captures), dismissed and muted, and a
rule previewed before it tags the clippings already in the library."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings

from core.library import Library
from core.watch import inbox, polling, rules, sources
from tests.feeds import Entry, FeedServer, recent, rss
from ui.main_window import MainWindow
from ui.tasks import Runner

BODY = (
    "The lock gates on the canal will be replaced over the winter, the waterways trust said, "
    "closing the route to boats for eight weeks.\n\n"
    '"The old gates have done their job for ninety years," the trust\'s engineer said.'
)


@pytest.fixture
def server():
    feed_server = FeedServer()
    yield feed_server
    feed_server.close()


def feed(server: FeedServer) -> str:
    entries = []
    for i, (title, outlet) in enumerate(
        (
            ("Canal lock gates to be replaced", "Canal"),
            ("Canal closed to boats for eight weeks", "Canal"),
            ("Towpath cycling ban considered", "Canal"),
        )
    ):
        slug = f"/news/{i}"
        server.page(slug, title, BODY)
        entries.append(
            Entry(title, server.url(slug), summary=f"{outlet} news {i}.", published=recent(i + 1))
        )
    return server.serve("/canal.xml", rss("Waterways Weekly - Canals", entries))


def test_the_inbox_from_the_window(qtbot, window: MainWindow, server: FeedServer) -> None:
    room = window.watching
    room.add_source({"url": feed(server), "name": None, "interval": 60, "outlet": None})
    room.edit_rule(
        None, {"name": "canal", "query": "canal", "propose": True, "topics": ["Waterways"]}
    )
    room.edit_rule(
        None, {"name": "towpath", "query": "towpath OR lock", "propose": True, "topics": []}
    )
    room.poll()
    view = room.open(show=False)
    pane = view.inbox
    assert pane.list.count() == 3
    rows = [pane.list.item(i).data(257) for i in range(pane.list.count())]
    assert [r["title"] for r in rows] == [
        "Canal lock gates to be replaced",
        "Canal closed to boats for eight weeks",
        "Towpath cycling ban considered",
    ]
    assert rows[0]["outlet"] == "Waterways Weekly" and rows[0]["rules"] == "canal, towpath"
    assert window.actions.inbox.text() == "Inbox (3)"
    # filter by rule
    pane.choose_rule(2)  # All, canal, towpath
    assert room.rule == "towpath" and pane.list.count() == 2
    pane.choose_rule(0)
    # accept the first: clipped in full, through the normal pipeline, with the rule's topic
    pane.list.setCurrentRow(0)
    pane.requested.emit("accept")
    (clipping_id,) = window.library.execute(
        "SELECT id FROM clippings WHERE title LIKE 'Canal lock%'"
    )[0].values()
    clipping = window.library.get(clipping_id)
    assert "ninety years" in clipping["text"] and clipping["topics"] == ["Waterways"]
    assert clipping_id in window.model.ids  # the main list shows it
    assert pane.list.count() == 2
    # dismiss the second: gone, and stays gone after another round
    pane.list.setCurrentRow(0)
    pane.requested.emit("dismiss")
    assert [pane.list.item(i).data(257)["title"] for i in range(pane.list.count())] == [
        "Towpath cycling ban considered"
    ]
    room.poll(every=True)
    assert pane.list.count() == 1
    # mute the outlet for the rule shown
    pane.choose_rule(2)
    pane.list.setCurrentRow(0)
    pane.requested.emit("mute")
    assert rules.get(window.library, "towpath").muted == ["Waterways Weekly"]
    assert pane.list.count() == 0 and pane.empty.isVisibleTo(view)
    # the sources and rules panes
    assert view.sources.table.rowCount() == 1
    assert view.sources.table.item(0, 4).text().startswith("not modified")
    assert view.rules.table.item(1, 4).text() == "Waterways Weekly"


def test_a_rule_is_previewed_then_applied(qtbot, window: MainWindow) -> None:
    room = window.watching
    room.edit_rule(
        None, {"name": "energy", "query": "energy", "propose": False, "topics": ["Power"]}
    )
    room.preview("energy", show=False)
    dialog = room.last_preview
    assert dialog.list.count() == 15  # the window fixture's odd stories are about energy
    assert "matches 15" in dialog.summary.text()
    dialog.list.item(0).setCheckState(dialog.list.item(0).checkState().Unchecked)
    assert dialog.apply_button.text() == "Tag 14 clipping(s)"
    room.apply("energy", dialog.chosen())
    assert len(rules.preview(window.library, "energy").to_tag) == 1
    dialog.close()


def test_polling_runs_off_the_gui_thread(qtbot, library: Library, tmp_path, server, monkeypatch):
    sources.add(library, feed(server))
    threads = []
    real = polling.poll
    monkeypatch.setattr(
        polling,
        "poll",
        lambda *a, **k: (threads.append(threading.current_thread()), real(*a, **k))[1],
    )
    runner = Runner(library)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(library, runner, settings)
    qtbot.addWidget(win)
    try:
        win.watching.poll()
        qtbot.waitUntil(lambda: win.watching.last_round is not None, timeout=30_000)
        assert threads and threads[0] is not threading.main_thread()
        assert win.watching.last_round.new == 3
        # the round's saves went through the writer, not the reading connection
        assert library.execute("SELECT count(*) AS n FROM inbox_items")[0]["n"] == 3
        assert inbox.counts(library)[""] == 0  # no rule, nothing proposed
    finally:
        win.close()
        runner.close()
