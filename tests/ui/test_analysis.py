"""The Analysis window over the list or the selection: its counts are the list's, a click on
a bar (a real mouse click on the chart) shows those clippings in the list, the table is copied
and saved, and matplotlib is not loaded until Analysis is opened."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core import listing
from core.coverage import counts
from tests.conftest import ROOT
from ui.main_window import MainWindow


def opened(window: MainWindow):
    window.analysis.open()
    panel = window.analysis.panel
    assert panel is not None and panel.chart is not None
    return panel


def click_bar(panel, gid: str) -> None:
    """Press the mouse on the middle of the bar drawn with this gid, as a user would."""
    panel.canvas.draw()
    [bar] = [a for a in panel.figure.axes[0].get_children() if a.get_gid() == gid]
    box = bar.get_window_extent()
    ratio = panel.canvas.device_pixel_ratio
    x, y = (box.x0 + box.x1) / 2 / ratio, (box.y0 + box.y1) / 2 / ratio
    QTest.mouseClick(
        panel.canvas,
        Qt.MouseButton.LeftButton,
        pos=QPoint(round(x), round(panel.canvas.height() - y)),
    )


def test_the_counts_are_the_lists_and_a_click_shows_a_bars_clippings(qtbot, window) -> None:
    window.search.setText("energy")
    window.search.search_now()
    listed = list(window.model.ids)
    panel = opened(window)
    assert panel.chart.kind == "time" and panel.chart.total == len(listed) == 15
    assert "search “energy”: 15 clippings, wire copies counted once" in panel.scope.text()
    panel.by.setCurrentIndex(panel.by.findData("month"))
    chart = panel.chart
    assert chart.by == "month" and panel.table.rowCount() == len(chart.rows)
    month = next(i for i, v in enumerate(chart.series[0].values) if v)
    click_bar(panel, f"{month}:-1")
    key = chart.extra["keys"][month]
    view = dataclasses.replace(window.browsing.view, text=f"energy from:{key} to:{key}")
    expected = listing.list_ids(window.library, view).ids  # in the list's order, by relevance
    assert window.model.ids == expected and len(expected) == chart.series[0].values[month]
    assert f"the {len(expected)} clipping" in window.message.text()
    assert window.message.isVisible()
    # counting again takes what the list's view lists, not the clippings of the click
    panel.refresh.emit()
    assert panel.chart.total == len(listed)


def test_each_tab_is_its_chart_and_an_outlet_bar_shows_that_outlet(qtbot, window) -> None:
    panel = opened(window)
    kinds = []
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        kinds.append(panel.chart.kind)
    assert kinds == ["time", "voice", "outlets", "quotes", "stories"]
    panel.tabs.setCurrentIndex(2)
    chart = panel.chart
    assert chart.labels == ["Courier", "Gazette", "Herald"]  # ten each, then by name
    click_bar(panel, "1:-1")
    assert (
        window.model.ids
        == listing.list_ids(window.library, listing.View(scope="outlet", value="Gazette")).ids
    )


def test_the_selection_and_the_table_out(qtbot, window, tmp_path: Path) -> None:
    window.table.selectAll()
    chosen = window.selected_ids()[:7]
    window.table.clearSelection()
    for clipping_id in chosen:
        index = window.model.index(window.model.row_of(clipping_id), 0)
        window.table.selectionModel().select(
            index,
            window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows,
        )
    panel = opened(window)
    panel.source.setCurrentIndex(panel.source.findData("selection"))
    assert panel.chart.total == 7 and "The selection: 7 clippings" in panel.scope.text()
    panel.tabs.setCurrentIndex(2)
    panel.copy_table()
    assert QApplication.clipboard().text() == panel.chart.tsv()
    assert QApplication.clipboard().mimeData().hasHtml()
    target = tmp_path / "outlets.csv"
    panel.save_csv(target)
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert rows[0] == ["Outlet", "Clippings", "Share"]
    assert sum(int(r[1]) for r in rows[1:]) == 7
    panel.save_chart(tmp_path / "outlets.svg")
    saved = (tmp_path / "outlets.svg").read_text("utf-8")
    # a picture pasted into a slide says what it counts
    assert "<svg" in saved and panel.chart.title in saved
    assert html.escape(panel.chart.subtitle, quote=False) in saved
    failures = []
    panel.failed.connect(failures.append)
    panel.save_csv(window.library.path)  # never over the library
    assert "is the library itself" in str(failures[0])


def test_a_double_click_on_a_row_and_the_undated(qtbot, window) -> None:
    window.library.update(window.model.ids[0], published=None)
    window.browsing.refresh_list()
    panel = opened(window)
    assert "without a date" in panel.note.text()
    panel.table.cellDoubleClicked.emit(panel.table.rowCount() - 1, 0)  # the "No date" row
    assert len(window.model.ids) == 1
    assert window.library.get(window.model.ids[0])["published"] is None
    assert counts.over_time(window.library, window.model.ids).extra["undated"] == 1


def test_the_window_paints_without_matplotlib(tmp_path: Path) -> None:
    code = f"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from core.library import Library
from ui.app import main_window
app = QApplication([])
library = Library.open({str(tmp_path / "lib.db")!r})
library.add_clippings([{{"title": "One", "text": "Some words.", "published": "2024-05-01"}}])
window = main_window(library, QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
window.show()
app.processEvents()
before = "matplotlib" in sys.modules or "numpy" in sys.modules
window.analysis.open()
import time
for _ in range(6_000):  # the counts come from a pool thread: attempts, not the clock
    if window.analysis.panel.chart is not None:
        break
    app.processEvents()
    time.sleep(0.01)
print(json.dumps([before, "matplotlib" in sys.modules, window.analysis.panel.chart.total]))
window.close()
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [False, True, 1]


def test_the_export_dialog_offers_the_coverage_section(qtbot, window, tmp_path: Path) -> None:
    from ui.dialogs.export_pack import ExportPackDialog

    dialog = ExportPackDialog(0, len(window.model.ids), window)
    qtbot.addWidget(dialog)
    assert dialog.options().coverage is False  # off unless asked for
    dialog.coverage.setChecked(True)
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    window.packs.export(tmp_path / "pack.html", dialog=_Accepting(dialog))
    page = (tmp_path / "pack.html").read_text("utf-8")
    assert 'id="coverage"' in page and page.count("data:image/png;base64,") >= 2


class _Accepting:
    """The dialog as the user leaves it, accepted."""

    def __init__(self, dialog) -> None:
        self.dialog = dialog

    def exec(self) -> bool:
        return True

    def __getattr__(self, name: str):
        return getattr(self.dialog, name)
