"""Export a briefing pack: what goes in, how it is grouped and ordered, the cover, the format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.packs.build import PackOptions
from ui.dialogs.buttons import save_cancel

FORMATS = (
    ("PDF (print-ready)", "pdf"),
    ("Word document", "docx"),
    ("E-mail-ready HTML", "html"),
    ("Markdown", "md"),
)


class ExportPackDialog(QDialog):
    def __init__(self, selected: int, in_view: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export briefing pack")
        self.resize(520, 460)
        form = QFormLayout(self)
        self.scope = QComboBox()
        self.scope.addItem(f"The {selected} selected clipping(s)", "selection")
        self.scope.addItem(f"All {in_view} clippings in the list", "view")
        if not selected:
            self.scope.setCurrentIndex(1)
        form.addRow("Clippings", self.scope)
        self.title = QLineEdit("Briefing pack")
        self.subtitle = QLineEdit()
        self.prepared_by = QLineEdit()
        self.organisation = QLineEdit()
        for label, edit in (
            ("Title", self.title),
            ("Subtitle", self.subtitle),
            ("Prepared by", self.prepared_by),
            ("Organisation", self.organisation),
        ):
            form.addRow(label, edit)
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("optional PNG or JPEG")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_logo)
        row = QHBoxLayout()
        row.addWidget(self.logo)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow("Logo", holder)
        self.group_by = QComboBox()
        for text, value in (
            ("No sections", "none"),
            ("By topic", "topic"),
            ("By speaker", "speaker"),
            ("By outlet", "outlet"),
            ("By day", "day"),
        ):
            self.group_by.addItem(text, value)
        form.addRow("Sections", self.group_by)
        self.order = QComboBox()
        for text, value in (
            ("Newest first", "date"),
            ("By outlet", "outlet"),
            ("As in the list", "manual"),
        ):
            self.order.addItem(text, value)
        form.addRow("Order", self.order)
        self.excerpt = QCheckBox("Excerpts only (first paragraphs and the link)")
        self.notes = QCheckBox("Include my notes")
        self.notes.setChecked(True)
        self.who = QCheckBox("Include “Who said what”")
        self.who.setChecked(True)
        for box in (self.excerpt, self.notes, self.who):
            form.addRow("", box)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        form.addRow("Paper", self.paper)
        self.format = QComboBox()
        for text, value in FORMATS:
            self.format.addItem(text, value)
        form.addRow("Format", self.format)
        form.addRow(save_cancel(self))

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Logo", "", "Images (*.png *.jpg *.jpeg *.gif)")
        if name:
            self.logo.setText(name)

    def options(self) -> PackOptions:
        return PackOptions(
            title=self.title.text().strip() or "Briefing pack",
            subtitle=self.subtitle.text().strip(),
            prepared_by=self.prepared_by.text().strip(),
            organisation=self.organisation.text().strip(),
            logo=Path(self.logo.text()) if self.logo.text().strip() else None,
            group_by=self.group_by.currentData(),
            order=self.order.currentData(),
            excerpt=self.excerpt.isChecked(),
            notes=self.notes.isChecked(),
            who_said_what=self.who.isChecked(),
            paper=self.paper.currentText(),
        )

    def fmt(self) -> str:
        return str(self.format.currentData())

    def use_selection(self) -> bool:
        return self.scope.currentData() == "selection"
