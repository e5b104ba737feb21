"""The Analysis window's face: which chart and how, the chart itself on matplotlib's Qt canvas
(imported with this module, which the window loads only when Analysis is first opened), what
was counted, the table behind the chart, and buttons to copy or save it. A click on a bar,
a slice or a row of the table asks for its clippings (``picked``)."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import database  # noqa: E402

os.environ.setdefault("QT_API", "PySide6")  # matplotlib draws with the binding the window has
database.load()  # sqlite-utils first, while numpy (which matplotlib brings) can be kept out

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from core.coverage import draw  # noqa: E402
from core.coverage.chart import KINDS, Chart  # noqa: E402
from core.coverage.members import picks  # noqa: E402
from core.errors import CuttingsError  # noqa: E402
from core.files import refuse_target  # noqa: E402

TABS = ("time", "voice", "outlets", "quotes", "stories")
TAB_NAMES = ("Over time", "Share of voice", "Top outlets", "Quotes per speaker", "Copies per story")
MUTED = "color: palette(mid);"


def _combo(items: tuple[tuple[str, str], ...]) -> QComboBox:
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for text, value in items:
        box.addItem(text, value)
    return box


class AnalysisView(QWidget):
    #: the chart's kind or options changed: count again
    changed = Signal()
    #: a bar, slice or row was chosen: its picks (core.coverage.members)
    picked = Signal(object)
    #: count the list (or the selection) as it is now
    refresh = Signal()
    #: a failure to tell (saving a file)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Analysis — Cuttings")
        self.resize(1000, 760)
        self.chart: Chart | None = None
        self._last_click: Any = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.scope = QLabel("", wordWrap=True)
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        self.source = _combo((("Clippings in the list", "list"), ("The selection", "selection")))
        self.source.currentIndexChanged.connect(lambda *_: self.refresh.emit())
        recount = QPushButton("Count again")
        recount.setToolTip("Count the list or the selection as it is now (F5)")
        recount.setShortcut("F5")
        recount.clicked.connect(lambda *_: self.refresh.emit())
        top.addWidget(self.scope, 1)
        top.addWidget(self.source)
        top.addWidget(recount)
        layout.addLayout(top)

        self.tabs = QTabBar()
        for name in TAB_NAMES:
            self.tabs.addTab(name)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs)

        options = QHBoxLayout()
        self.by = _combo(
            (("Auto", "auto"), ("By day", "day"), ("By week", "week"), ("By month", "month"))
        )
        self.split = _combo(
            (
                ("No split", "none"),
                ("Split by topic", "topic"),
                ("Split by speaker", "speaker"),
                ("Split by outlet", "outlet"),
            )
        )
        self.among = _combo((("Among speakers", "speaker"), ("Among topics", "topic")))
        self.names = QLineEdit()
        self.names.setPlaceholderText("names, separated by commas (empty: the most named)")
        self.top = QSpinBox(minimum=1, maximum=50, value=6, prefix="Top ")
        for widget in (self.by, self.split, self.among):
            widget.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.split.currentIndexChanged.connect(
            lambda *_: self.top.setVisible(self.split.currentData() != "none")
        )
        self.names.editingFinished.connect(self.changed.emit)
        self.top.valueChanged.connect(lambda *_: self.changed.emit())
        for widget in (self.by, self.split, self.among, self.names, self.top):
            options.addWidget(widget)
        options.addStretch(1)
        layout.addLayout(options)

        self.subtitle = QLabel("")
        self.subtitle.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.subtitle)
        self.figure = Figure(figsize=(8, 3.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(260)
        self.canvas.mpl_connect("pick_event", self._pick)
        self.canvas.setToolTip("Click a bar or a slice to show its clippings in the list")
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setAlternatingRowColors(True)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._row_chosen(row))
        self.table.setToolTip("Double-click a row to show its clippings in the list")
        # the numbers beside the chart, as a report sets a small table by its figure
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.canvas)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([720, 340])
        layout.addWidget(split, 1)

        self.note = QLabel("", wordWrap=True)  # what is counted apart: in the text's own colour
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(lambda *_: self._undated())
        layout.addWidget(self.note)

        buttons = QHBoxLayout()
        hint = QLabel("Click a bar or slice (or double-click a row) to show those clippings.")
        hint.setStyleSheet(MUTED)
        buttons.addWidget(hint, 1)
        for text, slot in (
            ("Copy table", self.copy_table),
            ("Save table as CSV…", self.save_csv),
            ("Save chart…", self.save_chart),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda *_, s=slot: s())
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._tab_changed(0)

    # -- what to count ---------------------------------------------------------------------

    def kind(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def options(self) -> dict[str, Any]:
        names = [n.strip() for n in self.names.text().split(",") if n.strip()]
        return {
            "kind": self.kind(),
            "by": self.by.currentData(),
            "split": self.split.currentData(),
            "among": self.among.currentData(),
            "names": names or None,
            "top": self.top.value(),
        }

    def use_selection(self) -> bool:
        return self.source.currentData() == "selection"

    def _tab_changed(self, index: int) -> None:
        kind = TABS[index]
        self.by.setVisible(kind == "time")
        self.split.setVisible(kind == "time")
        self.top.setVisible(kind != "time" or self.split.currentData() != "none")
        self.among.setVisible(kind == "voice")
        self.names.setVisible(kind == "voice")
        self.top.blockSignals(True)
        self.top.setValue({"time": 6, "voice": 5}.get(kind, 10))
        self.top.blockSignals(False)
        self.top.setToolTip("lines or stacks" if kind == "time" else "bars or slices")
        self.changed.emit()

    # -- showing a chart --------------------------------------------------------------------

    def set_scope(self, words: str) -> None:
        self.scope.setText(words)

    def counting(self) -> None:
        self.subtitle.setText("Counting…")

    def show_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.subtitle.setText(f"{chart.title}: {chart.subtitle}")
        draw.draw(self.figure, chart)
        self.canvas.draw_idle()
        note = escape(chart.note)
        if chart.kind == "time" and chart.extra.get("undated"):
            note += ' <a href="undated">Show the clippings without a date</a>'
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.table.clear()
        self.table.setColumnCount(len(chart.columns))
        self.table.setRowCount(len(chart.rows))
        self.table.setHorizontalHeaderLabels(chart.columns)
        for r, row in enumerate(chart.rows):
            for c, value in enumerate(row):
                shown = f"{value:,}" if isinstance(value, int) else str(value)
                item = QTableWidgetItem(shown)
                if c and (isinstance(value, int) or shown.endswith("%")):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(chart.kind == "time" and len(chart.columns) == 2)
        if chart.by:  # "Auto" says which period it chose
            self.by.setItemText(0, f"Auto (by {chart.by})")

    # -- clicks ----------------------------------------------------------------------------

    def _pick(self, event: Any) -> None:
        if self.chart is None or event.mouseevent is self._last_click:
            return  # a line over a bar: one click, one answer
        gid = event.artist.get_gid() or ""
        if gid.startswith("line:"):
            series, category = int(gid[5:]), int(event.ind[0])
        elif ":" in gid:
            category, series = (int(x) for x in gid.split(":"))
        else:
            return
        self._last_click = event.mouseevent
        self.choose(category, series if series >= 0 else None)

    def choose(self, category: int, series: int | None = None) -> None:
        """Ask for the clippings of one category of the chart (and of one of its series)."""
        if self.chart is not None:
            self.picked.emit(picks(self.chart, category, series))

    def _row_chosen(self, row: int) -> None:
        if self.chart is None:
            return
        if row < len(self.chart.keys):
            self.choose(row)
        elif self.chart.kind == "time":
            self._undated()

    def _undated(self) -> None:
        self.picked.emit([("bucket", None)])

    # -- the table and the picture, out ------------------------------------------------------

    def copy_table(self) -> None:
        if self.chart is None:
            return
        data = QMimeData()
        data.setText(self.chart.tsv())  # a spreadsheet pastes it as cells
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
            for row in self.chart.table()
        )
        data.setHtml(f"<table>{rows}</table>")  # and a word processor as a table
        QApplication.clipboard().setMimeData(data)

    def save_csv(self, target: Path | None = None) -> None:
        if self.chart is None:
            return
        name = f"{KINDS[self.chart.kind]}.csv"
        target = target or self._ask(name, "CSV (*.csv)")
        if target:
            # with a BOM, Excel reads the names in UTF-8 rather than in the local code page
            self._write(target, self.chart.csv().encode("utf-8-sig"))

    def save_chart(self, target: Path | None = None) -> None:
        if self.chart is None:
            return
        target = target or self._ask(f"{KINDS[self.chart.kind]}.png", "PNG (*.png);;SVG (*.svg)")
        if target:
            if target.suffix.lower() == ".svg":
                data = draw.svg(self.chart, 8.0, titled=True).encode("utf-8")
            else:
                data = draw.png(self.chart, 8.0, 200, titled=True)
            self._write(target, data)

    def _ask(self, name: str, kinds: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save", name, kinds)
        return Path(chosen) if chosen else None

    def _write(self, target: Path, data: bytes) -> None:
        try:
            refuse_target(target, "a table or a chart", replace_database=False)
            target.write_bytes(data)
        except OSError as error:
            words = f"Could not write {target}: {error.strerror or error}."
            self.failed.emit(CuttingsError(words))
        except CuttingsError as error:
            self.failed.emit(error)
