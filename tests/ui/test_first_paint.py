"""The window's first paint: the list with its first page, and nothing the first screen does
not show (the sidebar's counts, the Inbox's count, the reader's template engine, sqlite-utils
for writes), which follow once it has been painted (ui.first_paint)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from core.library import Library
from tests.conftest import ROOT
from tests.ui.conftest import articles
from ui.main_window import MainWindow
from ui.tasks import Runner

#: what the first paint must not wait for
LATER = [
    "sqlite_utils",
    "jinja2",
    "rapidfuzz",
    "urllib3",
    "core.reader",
    "core.watch.sources",
    "core.capture.fetch",
    "matplotlib",
]


def sidebar_sections(window: MainWindow) -> list[str]:
    tree = window.sidebar
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_the_first_paint_shows_the_list_and_loads_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as library:
        library.add_clippings(articles(30))
    code = f"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
from core.library import Library
from ui.app import main_window
app = QApplication([])
window = main_window(Library.open({str(path)!r}),
                     QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
seen = {{}}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and window.model.rowCount() and not seen:
            sidebar = window.sidebar
            seen.update(
                rows=window.model.rowCount(),
                selected=window.current_id() is not None,
                reader=window.reader.toPlainText().strip(),
                sections=[sidebar.topLevelItem(i).text(0)
                          for i in range(sidebar.topLevelItemCount())],
                loaded=[m for m in {LATER!r} if m in sys.modules],
            )
        return False
watch = Watch()
window.table.viewport().installEventFilter(watch)
window.show()
# a bound on attempts, not on the clock: a busy machine only takes more of them
for _ in range(20_000):
    if seen and window.first_paint.done and window.reader.toPlainText().strip():
        break
    app.processEvents()
    time.sleep(0.005)
else:
    raise SystemExit(f"the window did not settle: {{seen}}")
window.runner.wait()
app.processEvents()
print(json.dumps([seen, window.reader.toPlainText(),
                  window.sidebar.topLevelItem(0).child(0).text(1)]))
window.close()
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    first, reader_then, count_then = json.loads(out.stdout.strip().splitlines()[-1])
    assert first == {
        "rows": 30,
        "selected": True,  # the first row chosen, as before
        "reader": "",  # its article follows the paint
        "sections": ["Library"],  # All clippings and the Trash, not yet counted
        "loaded": [],
    }
    assert "Story " in reader_then and "The minister said" in reader_then
    assert count_then == "30"


def test_a_window_never_painted_settles_all_the_same(qtbot, library: Library, tmp_path) -> None:
    library.add_clippings(articles(4))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = Runner(library, synchronous=True)
    window = MainWindow(library, runner, settings)
    qtbot.addWidget(window)
    assert sidebar_sections(window) == ["Library"]
    assert window.model.rowCount() == 4 and window.reader.toPlainText() == ""
    qtbot.waitUntil(lambda: window.first_paint.done, timeout=10_000)  # never shown
    assert sidebar_sections(window) == ["Library", "Topics", "Outlets"]
    assert "Story 003 about energy" in window.reader.toPlainText()
    assert window.sidebar.topLevelItem(0).child(0).text(1) == "4"
    window.close()
    runner.close()


def test_a_note_typed_before_the_reader_is_laid_out_is_kept(qtbot, library: Library, tmp_path):
    library.add_clippings(articles(3))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = Runner(library, synchronous=True)
    window = MainWindow(library, runner, settings)
    qtbot.addWidget(window)
    clipping_id = window.current_id()
    assert clipping_id is not None and window.reader.toPlainText() == ""
    window.notes.setPlainText("Call the minister's office back.")
    window.notes.save()
    assert library.get(clipping_id)["notes"] == "Call the minister's office back."
    qtbot.waitUntil(lambda: window.first_paint.done, timeout=10_000)
    assert window.notes.toPlainText() == "Call the minister's office back."
    assert library.get(clipping_id)["title"] in window.reader.toPlainText()
    window.close()
    runner.close()


def test_what_follows_the_first_paint_waits_for_a_search_typed_meanwhile(
    qtbot, library: Library, tmp_path, monkeypatch
):
    import threading

    from core import listing

    library.add_clippings(articles(6))
    release = threading.Event()
    real = listing.list_ids

    def held_for_energy(lib, view, **kw):
        if view.text == "energy":
            release.wait(30)
        return real(lib, view, **kw)

    monkeypatch.setattr(listing, "list_ids", held_for_energy)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = Runner(library)  # real threads
    window = MainWindow(library, runner, settings)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.browsing.answered)
        window.search.setText("energy")
        window.search.search_now()
        window.first_paint.run()  # as if the list had just been painted
        qtbot.wait(200)
        assert sidebar_sections(window) == ["Library"]  # the counts wait their turn
        assert window.reader.toPlainText() == ""
        release.set()
        qtbot.waitUntil(lambda: sidebar_sections(window) == ["Library", "Topics", "Outlets"])
        assert window.model.rowCount() == 3  # the search's answer came first
        assert "energy" in window.reader.toPlainText()
    finally:
        release.set()
        window.close()
        runner.close()
