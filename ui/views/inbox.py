"""The Inbox window's panes: the proposals (filtered by rule, newest first, each with
headline, outlet, date, rules and summary), the sources with their last results, and the
rules. Widgets only: the room (ui.inbox) fills them and answers their signals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAD = 8


def when(row: dict[str, Any]) -> str:
    """'3 Jun 08:15' for an item's date (the feed's, else when it was first seen)."""
    text = row.get("published") or row.get("first_seen") or ""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text[:10]
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the reader's own time
    days = (datetime.now(moment.tzinfo).date() - moment.date()).days
    if days == 0:
        return f"today {moment:%H:%M}"
    if days == 1:
        return f"yesterday {moment:%H:%M}"
    return f"{moment.day} {moment:%b %Y}" if days > 300 else f"{moment.day} {moment:%b %H:%M}"


class ProposalDelegate(QStyledItemDelegate):
    """A proposal as three lines: the headline, then outlet · date · rules, then the summary."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(400, PAD * 2 + line * 4 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) or {}
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        box = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        bold = QFont(option.font)
        bold.setBold(True)
        bold.setPointSizeF(option.font.pointSizeF() * 1.08)
        metrics = QFontMetrics(bold)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        headline = metrics.elidedText(
            row.get("title") or "(no headline)", Qt.TextElideMode.ElideRight, box.width()
        )
        painter.drawText(
            QRect(box.left(), box.top(), box.width(), metrics.height()),
            Qt.AlignmentFlag.AlignLeft,
            headline,
        )
        top = box.top() + metrics.lineSpacing() + 2
        plain = QFontMetrics(option.font)
        painter.setFont(option.font)
        meta = "  ·  ".join(
            x
            for x in (
                row.get("outlet") or row.get("source") or "",
                when(row),
                f"rule: {row['rules']}" if row.get("rules") else "",
                "kept" if row.get("kept") else "",
            )
            if x
        )
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(
            QRect(box.left(), top, box.width(), plain.height()),
            Qt.AlignmentFlag.AlignLeft,
            plain.elidedText(meta, Qt.TextElideMode.ElideRight, box.width()),
        )
        top += plain.lineSpacing() + 2
        painter.setPen(palette.color(text_role))
        summary = row.get("summary") or ""
        if row.get("reason"):
            summary = f"Not clipped last time: {row['reason']}. " + summary
        rect = QRect(box.left(), top, box.width(), plain.lineSpacing() * 2)
        painter.drawText(
            rect,
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop,
            _two_lines(plain, summary, box.width()),
        )
        painter.restore()


def _two_lines(metrics: QFontMetrics, text: str, width: int) -> str:
    """The summary cut to what two lines hold, ending with an ellipsis when cut."""
    if metrics.horizontalAdvance(text) <= width * 1.9:
        return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width * 1.85))


class InboxPane(QWidget):
    """Rules on the left (All, then each with its count), proposals on the right."""

    filter_chosen = Signal(object)  # a rule's name, or None for all
    #: ("accept" | "accept_all" | "dismiss" | "mute" | "keep" | "open" | "check")
    requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.filters = QTreeWidget()
        self.filters.setColumnCount(2)
        self.filters.setHeaderLabels(["Proposed by", ""])
        self.filters.setRootIsDecorated(False)
        self.filters.setMaximumWidth(300)
        self.filters.header().setStretchLastSection(False)
        self.filters.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.filters.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.filters.currentItemChanged.connect(self._filtered)
        self.list = QListWidget()
        self.list.setItemDelegate(ProposalDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.itemDoubleClicked.connect(lambda *_: self.requested.emit("open"))
        self.empty = QLabel("", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.status = QLabel("", wordWrap=True)
        self.status.setObjectName("inbox-status")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for verb, text, tip in (
            ("accept", "&Accept", "Clip the chosen articles in full (Enter)"),
            ("accept_all", "Accept all &shown", "Clip every proposal in this list"),
            ("dismiss", "&Dismiss", "Never propose them again (Delete)"),
            ("mute", "&Mute outlet for this rule", "The rule proposes nothing more from there"),
            ("keep", "&Keep", "Keep past 14 days"),
            ("open", "&Open in browser", "Read the page in your browser first"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda *_, v=verb: self.requested.emit(v))
            self.buttons[verb] = button
            bar.addWidget(button)
        bar.addStretch(1)
        check = QPushButton("Check feeds &now")
        check.clicked.connect(lambda *_: self.requested.emit("check"))
        self.buttons["check"] = check
        bar.addWidget(check)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty, 1)
        column.addLayout(bar)
        column.addWidget(self.status)
        split = QSplitter()
        split.addWidget(self.filters)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._silent = False

    def fill(self, rows: list[dict[str, Any]], counts: dict[str, int], rule: str | None) -> None:
        self._silent = True
        self.filters.clear()
        for name, count in [(None, counts.get("", 0)), *((n, c) for n, c in counts.items() if n)]:
            item = QTreeWidgetItem(
                self.filters, ["All rules" if name is None else name, str(count)]
            )
            item.setData(0, ROW_ROLE, name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            if name is None:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            if name == rule:
                self.filters.setCurrentItem(item)
        if self.filters.currentItem() is None:
            self.filters.setCurrentItem(self.filters.topLevelItem(0))
        chosen = set(self.selected_ids())
        self.list.clear()
        for row in rows:
            item = QListWidgetItem()
            item.setData(ROW_ROLE, row)
            item.setToolTip(row.get("url") or "")
            self.list.addItem(item)
            item.setSelected(row["id"] in chosen)
        if rows and not self.list.selectedItems():
            self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        has = bool(rows)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self.empty.setText(
            "Nothing waiting. New items that match a proposing rule appear here as the feeds "
            "are checked."
            if not counts.get("")
            else "Nothing from this rule is waiting."
        )
        for verb in ("accept", "accept_all", "dismiss", "mute", "keep", "open"):
            self.buttons[verb].setEnabled(has)
        self._silent = False

    def current_rule(self) -> str | None:
        item = self.filters.currentItem()
        return item.data(0, ROW_ROLE) if item else None

    def choose_rule(self, row: int) -> None:
        self.filters.setCurrentItem(self.filters.topLevelItem(row))

    def selected_rows(self) -> list[dict[str, Any]]:
        return [i.data(ROW_ROLE) for i in self.list.selectedItems()]

    def selected_ids(self) -> list[int]:
        return [r["id"] for r in self.selected_rows()]

    def shown_ids(self) -> list[int]:
        return [self.list.item(i).data(ROW_ROLE)["id"] for i in range(self.list.count())]

    def _filtered(self, *_: Any) -> None:
        if not self._silent:
            self.filter_chosen.emit(self.current_rule())


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class RowsPane(QWidget):
    """A table of sources or rules with a row of buttons under it."""

    requested = Signal(str, object)  # verb, the chosen row's name (or None)

    def __init__(self, headers: list[str], verbs: list[tuple[str, str]], stretch: int) -> None:
        super().__init__()
        self.table = _table(headers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.requested.emit("edit", self.current()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        for verb, text in verbs:
            button = QPushButton(text)
            button.clicked.connect(lambda *_, v=verb: self.requested.emit(v, self.current()))
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

    def fill(self, rows: list[list[str]], names: list[str], tips: list[str] | None = None) -> None:
        current = self.current()
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROW_ROLE, names[r])
                item.setToolTip(tips[r] if tips else text)
                self.table.setItem(r, c, item)
            if names[r] == current:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 340))

    def current(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(ROW_ROLE) if items else None


class InboxView(QTabWidget):
    def __init__(self) -> None:
        super().__init__()
        self.inbox = InboxPane()
        self.sources = RowsPane(
            ["Name", "Outlet", "Every", "Last checked", "Last result", "Address"],
            [
                ("add", "&Add source…"),
                ("interval", "Change &interval…"),
                ("remove", "&Remove"),
                ("check", "Check all &now"),
            ],
            4,
        )
        self.rules = RowsPane(
            ["Name", "Query", "Proposes", "Tags with", "Muted outlets"],
            [
                ("add", "&New rule…"),
                ("edit", "&Edit…"),
                ("preview", "&Preview and apply…"),
                ("unmute", "&Unmute an outlet…"),
                ("remove", "&Remove"),
            ],
            1,
        )
        self.addTab(self.inbox, "Inbox")
        self.addTab(self.sources, "Sources")
        self.addTab(self.rules, "Rules")
