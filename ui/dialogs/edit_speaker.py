"""Edit one speaker in the registry: role, organisation and the other names the person goes by
("Mr Zhou", a maiden name, a transliteration). Renaming and merging stay in the sidebar menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from core import operations, tags
from core.changes import Changes
from core.library import Library
from ui.dialogs.buttons import save_cancel
from ui.messages import describe
from ui.operations import Operations


class EditSpeakerDialog(QDialog):
    """Reads on the GUI thread's library; every change is an operation on the serial writer
    and the dialog follows when it lands."""

    def __init__(self, library: Library, ops: Operations, name: str, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.ops = ops
        details = tags.speaker_details(library, name)
        self.name = details["name"]
        self.setWindowTitle(f"Speaker — {self.name}")
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.role = QLineEdit(details["role"] or "", placeholderText="e.g. deputy head")
        self.organisation = QLineEdit(
            details["organisation"] or "", placeholderText="e.g. Ministry of Digital Development"
        )
        for edit in (self.role, self.organisation):
            edit.setCursorPosition(0)  # a long organisation reads from its start
        form.addRow("Role", self.role)
        form.addRow("Organisation", self.organisation)
        layout.addLayout(form)
        layout.addWidget(QLabel("Also known as (searches and suggestions find these too):"))
        self.aliases = QListWidget()
        self.aliases.addItems(details["aliases"])
        layout.addWidget(self.aliases)
        row = QHBoxLayout()
        self.new_alias = QLineEdit(placeholderText="another name")
        self.new_alias.returnPressed.connect(self.add_alias)
        add = QPushButton("Add")
        add.clicked.connect(self.add_alias)
        remove = QPushButton("Remove")
        remove.clicked.connect(self.remove_alias)
        for widget in (self.new_alias, add, remove):
            row.addWidget(widget)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel(self, self.save))

    def add_alias(self) -> None:
        alias = self.new_alias.text().strip()
        if not alias:
            return

        def added(_result: object) -> None:
            self.aliases.addItem(tags.clean_name(alias))
            self.new_alias.clear()

        self._write(lambda lib: operations.add_alias(lib, self.name, alias), added)

    def remove_alias(self) -> None:
        item = self.aliases.currentItem()
        if item is None:
            return
        text = item.text()
        self._write(
            lambda lib: operations.remove_alias(lib, text),
            lambda _: self.aliases.takeItem(self.aliases.row(item)),
        )

    def save(self) -> None:
        role, organisation = self.role.text(), self.organisation.text()
        self._write(
            lambda lib: operations.set_speaker_details(
                lib, self.name, role=role, organisation=organisation
            ),
            lambda _: self.accept(),
        )

    def _write(
        self, change: Callable[[Library], Changes], landed: Callable[[Changes], None]
    ) -> None:
        def done(result: Changes) -> None:
            self.message.setText("")
            landed(result)

        self.ops.run(change, done, lambda error: self.message.setText(describe(error)))
