"""Export a briefing pack: what goes in, how it is grouped and ordered, the cover, the format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
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


def notes_sentence(headlines: list[str], shown: int = 3) -> str:
    """Which of the pack's clippings carry notes, in a line the dialog can show."""
    if not headlines:
        return "None of these clippings has notes."
    quoted = ", ".join(f"“{h if len(h) <= 60 else h[:59] + '…'}”" for h in headlines[:shown])
    more = len(headlines) - shown
    if more > 0:
        quoted += f" and {more} more"
    count = "1 clipping has" if len(headlines) == 1 else f"{len(headlines)} clippings have"
    return f"{count} notes: {quoted}."


class ExportPackDialog(QDialog):
    """``noted`` names the clippings with notes for a scope ("selection" or "view"), so the
    dialog can say whose notes would go out."""

    def __init__(
        self,
        selected: int,
        in_view: int,
        parent=None,
        *,
        noted: Callable[[str], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._noted = noted
        self._noted_cache: dict[str, list[str]] = {}
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
        # Notes are internal: they go out only when the user ticks this for this pack.
        self.notes = QCheckBox("Include my notes (they are internal)")
        self.notes.setChecked(False)
        self.notes_about = QLabel()
        self.notes_about.setWordWrap(True)
        self.notes_about.setVisible(noted is not None)
        self.who = QCheckBox("Include “Who said what”")
        self.who.setChecked(True)
        self.all_quotes = QCheckBox("Every quote in “Who said what”, not one line per speaker")
        self.all_quotes.setEnabled(False)
        self.excerpt.toggled.connect(self.all_quotes.setEnabled)
        # Highlights and comments are the reader's own words for the pack: in unless unticked.
        self.highlights = QCheckBox("Include my highlights, comments and Key passages")
        self.highlights.setChecked(True)
        self.highlights_only = QCheckBox("Highlighted passages only (an excerpt of them)")
        self.highlights.toggled.connect(self.highlights_only.setEnabled)
        self.coverage = QCheckBox("Include “Coverage”: charts of when, where and who, with numbers")
        for box in (
            self.excerpt,
            self.highlights_only,
            self.highlights,
            self.notes,
            self.notes_about,
            self.who,
            self.all_quotes,
            self.coverage,
        ):
            form.addRow("", box)
        self.scope.currentIndexChanged.connect(self._say_which_have_notes)
        self._say_which_have_notes()
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        form.addRow("Paper", self.paper)
        self.format = QComboBox()
        for text, value in FORMATS:
            self.format.addItem(text, value)
        form.addRow("Format", self.format)
        form.addRow(save_cancel(self))

    def _say_which_have_notes(self) -> None:
        if self._noted is None:
            return
        scope = str(self.scope.currentData())
        if scope not in self._noted_cache:
            self._noted_cache[scope] = list(self._noted(scope))
        self.notes_about.setText(notes_sentence(self._noted_cache[scope]))

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
            excerpt=self.excerpt.isChecked() or self.highlights_only.isChecked(),
            highlights=self.highlights.isChecked(),
            highlights_only=self.highlights.isChecked() and self.highlights_only.isChecked(),
            notes=self.notes.isChecked(),
            who_said_what=self.who.isChecked(),
            all_quotes=self.all_quotes.isChecked(),
            paper=self.paper.currentText(),
            coverage=self.coverage.isChecked(),
        )

    def fmt(self) -> str:
        return str(self.format.currentData())

    def use_selection(self) -> bool:
        return self.scope.currentData() == "selection"
