"""Under the reader: the clipping's highlights, one a row (its colour, the passage, its comment),
orphans last and greyed with why; and above the reader, the one line on why it matters. The
views only show and ask; the room (ui.highlighting) writes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QWidget,
)

from core.highlights.colours import BY_KEY

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_CHARS = 140


def swatch(hex_colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(hex_colour))
    return QIcon(pixmap)


class HighlightsPanel(QListWidget):
    #: the user asks to change a highlight's comment
    edit_requested = Signal(int)
    #: ... its colour (the colour's key)
    colour_requested = Signal(int, str)
    #: ... to remove these highlights
    remove_requested = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("highlights")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setMaximumHeight(130)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(item.data(ID_ROLE)))
        self.names: dict[str, str] = {}
        self.hide()

    def show_highlights(self, rows: list[dict[str, Any]], names: dict[str, str]) -> None:
        """A clipping's highlights (anchored first, in the text's order, then orphans)."""
        self.names = names
        chosen = set(self.selected_ids())
        self.clear()
        for row in rows:
            passage = " ".join(row["exact"].split())
            if len(passage) > SHOWN_CHARS:
                passage = passage[: SHOWN_CHARS - 1] + "…"
            text = f"[{row['colour_name']}]  “{passage}”"
            if row["comment"]:
                text += f"\n      {row['comment']}"
            item = QListWidgetItem(swatch(BY_KEY[row["colour"]].light), text)
            item.setData(ID_ROLE, row["id"])
            tip = row["exact"] + (f"\n\n{row['comment']}" if row["comment"] else "")
            if row["state"] == "orphan":
                item.setText(text + "\n      (not found in the text any more; kept here)")
                item.setForeground(QBrush(QColor("#80868b")))
                tip = "Its words are no longer in the clipping's text.\n\n" + tip
            item.setToolTip(tip)
            self.addItem(item)
            item.setSelected(row["id"] in chosen)
        self.setVisible(bool(rows))

    def selected_ids(self) -> list[int]:
        return [int(item.data(ID_ROLE)) for item in self.selectedItems()]

    def select_highlight(self, highlight_id: int) -> None:
        for index in range(self.count()):
            item = self.item(index)
            if item.data(ID_ROLE) == highlight_id:
                self.setCurrentItem(item)
                self.scrollToItem(item)
                return

    def _removes(self, event: Any) -> bool:
        deleting = event.matches(QKeySequence.StandardKey.Delete)
        return bool(self.selected_ids()) and (deleting or event.key() == Qt.Key.Key_Backspace)

    def event(self, event: Any) -> bool:
        # Delete here removes highlights, not the clipping (the window's Move to Trash key)
        if event.type() == QEvent.Type.ShortcutOverride and self._removes(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if self._removes(event):
            self.remove_requested.emit(self.selected_ids())
            return
        super().keyPressEvent(event)

    def _menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        if item is None:
            return
        highlight_id = int(item.data(ID_ROLE))
        menu = QMenu(self)
        fill_menu(menu, highlight_id, self.names, self)
        menu.exec(self.viewport().mapToGlobal(position))


def fill_menu(
    menu: QMenu, highlight_id: int, names: dict[str, str], panel: HighlightsPanel
) -> None:
    """Edit comment, colour and remove for one highlight (the list's menu and the reader's)."""
    menu.addAction("Edit comment…", lambda: panel.edit_requested.emit(highlight_id))
    colour = menu.addMenu("Colour")
    for key, name in names.items():
        colour.addAction(
            swatch(BY_KEY[key].light),
            name,
            lambda k=key: panel.colour_requested.emit(highlight_id, k),
        )
    ids = panel.selected_ids() if highlight_id in panel.selected_ids() else [highlight_id]
    menu.addAction(
        "Remove highlight" if len(ids) == 1 else f"Remove {len(ids)} highlights",
        lambda: panel.remove_requested.emit(ids),
    )


class WhyEdit(QLineEdit):
    """The clipping's line on why it matters; saved when the user presses Enter or leaves it."""

    #: (clipping id, the line typed)
    save_requested = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("why")
        self.setPlaceholderText("Why it matters — one line for the briefing…")
        self.setMaxLength(200)
        self.clipping_id: int | None = None
        self.shown = ""
        self.editingFinished.connect(self.save)

    def labelled(self) -> QWidget:
        """The box with its label, as it stands above the reader."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 4)
        label = QLabel("Why it matters:")
        label.setBuddy(self)
        layout.addWidget(label)
        layout.addWidget(self, 1)
        return row

    def show_why(self, clipping_id: int | None, line: str) -> None:
        if clipping_id == self.clipping_id and self.isModified():
            return  # what is being typed stays
        self.clipping_id, self.shown = clipping_id, line
        self.setText(line)
        self.setModified(False)
        self.setEnabled(clipping_id is not None)

    def save(self) -> None:
        if self.clipping_id is None or not self.isModified():
            return
        self.setModified(False)
        if self.text() != self.shown:
            self.shown = self.text()
            self.save_requested.emit(self.clipping_id, self.text())
