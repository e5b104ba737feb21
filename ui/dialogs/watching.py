"""The Inbox's dialogs: a source to watch, a rule, and a rule's preview before it tags the
clippings already in the library."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import save_cancel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AddSourceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a source to watch")
        self.resize(560, 200)
        form = QFormLayout(self)
        self.url = QLineEdit(placeholderText="https://… a feed, a news sitemap, or a site's page")
        self.name = QLineEdit(placeholderText="(the feed's title)")
        self.outlet = QLineEdit(placeholderText="(from the site)")
        self.interval = QSpinBox(minimum=5, maximum=7 * 24 * 60, value=30, suffix=" min")
        form.addRow("Address", self.url)
        form.addRow("Name", self.name)
        form.addRow("Outlet", self.outlet)
        form.addRow("Check every", self.interval)
        buttons = save_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Add")
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "url": self.url.text().strip(),
            "name": self.name.text().strip() or None,
            "outlet": self.outlet.text().strip() or None,
            "interval": self.interval.value(),
        }


class RuleDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, rule: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit rule" if rule else "New rule")
        self.resize(560, 240)
        form = QFormLayout(self)
        self.name = QLineEdit(rule.name if rule else "")
        self.query = QLineEdit(rule.query if rule else "")
        self.query.setPlaceholderText('port OR harbour -sport   speaker:"Ann Doe"   outlet:Herald')
        self.propose = QCheckBox("Propose matching feed items in the Inbox")
        self.propose.setChecked(rule.propose if rule else True)
        self.topics = QLineEdit(", ".join(rule.topics) if rule else "")
        self.topics.setPlaceholderText("topics for the clippings it matches, with commas")
        form.addRow("Name", self.name)
        form.addRow("Matches", self.query)
        form.addRow("", self.propose)
        form.addRow("Tags with", self.topics)
        hint = QLabel(
            "A rule reads each new item's headline, summary and outlet, in the search box's "
            "query language. Its topics go to every new clipping it matches; Preview and apply "
            "gives them to clippings already in the library."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(save_cancel(self))

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "query": self.query.text().strip(),
            "propose": self.propose.isChecked(),
            "topics": [t.strip() for t in self.topics.text().split(",") if t.strip()],
        }


class RulePreviewDialog(QDialog):
    """The clippings a rule would tag, each with a box to leave it out; Apply tags the rest."""

    def __init__(self, preview: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rule = preview.rule
        self.setWindowTitle(f"Preview: {rule.name}")
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        topics = ", ".join(rule.topics) or "no topics"
        self.summary = QLabel(
            f"“{rule.query}” matches {preview.matched} clipping(s) in the library; "
            f"{len(preview.to_tag)} of them would get {topics}. Untick any to leave out."
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        for row in preview.to_tag:
            date = (row.get("published") or "")[:10] or "no date"
            item = QListWidgetItem(f"{row['title']}   —   {row.get('outlet') or ''}, {date}")
            item.setData(ID_ROLE, row["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.accept)
        self.apply_button.setEnabled(bool(preview.to_tag and rule.topics))
        buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(lambda *_: self._count())
        layout.addWidget(buttons)
        self._count()

    def _count(self) -> None:
        self.apply_button.setText(f"Tag {len(self.chosen())} clipping(s)")
        self.apply_button.setEnabled(bool(self.chosen()))

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(ID_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
