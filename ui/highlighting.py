"""Highlights from the window: select words in the reader and highlight them (Ctrl+H, or the
reader's right-click menu, in any of the four colours, with or without a comment); the list
under the reader edits, recolours and removes them; the line above the reader says why the
clipping matters; Ctrl+Z takes back the last of these. Every change is an operation on the
serial writer (core.highlights.operations) that returns its undo record.

A selection in the reader is mapped back to offsets in the clipping's text by
ui.views.reader_offsets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu

from core.changes import Changes
from core.errors import BadInput
from core.highlights import colours
from ui.tasks import Job
from ui.views.highlights_panel import HighlightsPanel, WhyEdit, fill_menu, swatch
from ui.views.reader_offsets import offset

if TYPE_CHECKING:
    from core.highlights import store
    from ui.main_window import MainWindow

# The highlights' store and operations (with the fuzzy anchoring they bring) are imported by
# the methods that use them, after the window's first paint.


class Highlighting:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ops = window.ops
        self.panel = HighlightsPanel()
        self.why = WhyEdit()
        self.colour = colours.DEFAULT  # the colour Ctrl+H uses: the one chosen last
        self._scroll: tuple[int, int] | None = None  # (clipping, position) to come back to
        reader = window.reader
        column = reader.parentWidget().layout()
        column.insertWidget(column.indexOf(reader), self.why.labelled())
        column.insertWidget(column.indexOf(reader) + 1, self.panel)
        reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        reader.customContextMenuRequested.connect(self.reader_menu)
        reader.command.connect(self.reader_command)
        reader.textChanged.connect(self.refresh)
        self.panel.edit_requested.connect(self.edit_comment)
        self.panel.colour_requested.connect(self.set_colour)
        self.panel.remove_requested.connect(self.remove)
        self.why.save_requested.connect(self.save_why)

    # -- what is shown ---------------------------------------------------------------------

    def refresh(self) -> None:
        """The reader shows a clipping (or shows it again): its highlights and its line."""
        from core.highlights import store

        clipping_id = self.window.browsing.shown_id
        if clipping_id is None:
            self.panel.show_highlights([], {})
            self.why.show_why(None, "")
            return
        found = self.window.guard(
            lambda: (
                store.of_clipping(self.window.library, clipping_id),
                colours.names(self.window.library),
                store.why(self.window.library, clipping_id),
            )
        )
        if found is None:
            return
        rows, names, line = found
        self.panel.show_highlights(rows, names)
        self.why.show_why(clipping_id, line)
        if self._scroll and self._scroll[0] == clipping_id:
            position = self._scroll[1]
            bar = self.window.reader.verticalScrollBar()
            # after the new layout, not before it: a change does not jump the reader to the top
            QTimer.singleShot(0, lambda: bar.setValue(position))
        self._scroll = None

    def _keep_place(self) -> None:
        shown = self.window.browsing.shown_id
        if shown is not None:
            self._scroll = (shown, self.window.reader.verticalScrollBar().value())

    # -- the selection -----------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The reader's selection as offsets in the shown clipping's text, or None."""
        from core.highlights import store

        cursor = self.window.reader.textCursor()
        clipping_id = self.window.browsing.shown_id
        if not cursor.hasSelection() or clipping_id is None:
            return None
        text = self.window.guard(lambda: self.window.library.get(clipping_id)["text"])
        if text is None:
            return None
        document = self.window.reader.document()
        start = offset(document, text, cursor.selectionStart(), at_end=False)
        end = offset(document, text, cursor.selectionEnd(), at_end=True)
        if start is None or end is None or end <= start:
            return None
        chosen = " ".join(cursor.selectedText().replace("\u2029", "\n").split())
        if " ".join(text[start:end].split()) not in chosen:
            # the mapping disagrees with what is on screen: find the words themselves
            try:
                return store.find_passage(text, chosen)
            except BadInput:
                return None
        return start, end

    def highlight_selection(self, colour: str | None = None, *, ask: bool = False) -> None:
        from core.highlights import operations as hops

        clipping_id = self.window.browsing.shown_id
        span = self.selection()
        if clipping_id is None or span is None:
            self.window.say("Select some words of the article in the reader to highlight them.")
            return
        comment = ""
        if ask:
            comment, ok = QInputDialog.getMultiLineText(
                self.window, "Highlight with comment", "Your comment on the passage:"
            )
            if not ok:
                return
        self.colour = colour or self.colour
        chosen = self.colour
        self._keep_place()
        self._run(
            lambda lib: hops.add(lib, clipping_id, *span, colour=chosen, comment=comment),
            "highlight",
            lambda changes: self.window.reader.textCursor().clearSelection(),
        )

    def highlight_with_comment(self) -> None:
        self.highlight_selection(ask=True)

    # -- changing highlights -----------------------------------------------------------------

    def edit_comment(self, highlight_id: int) -> None:
        from core.highlights import operations as hops
        from core.highlights import store

        row = self.window.guard(lambda: store.get(self.window.library, highlight_id))
        if row is None:
            return
        comment, ok = QInputDialog.getMultiLineText(
            self.window, "Comment", "Your comment on the passage:", row["comment"]
        )
        if ok and comment != row["comment"]:
            self._keep_place()
            self._run(lambda lib: hops.edit(lib, highlight_id, comment=comment), "edit comment")

    def set_colour(self, highlight_id: int, colour: str) -> None:
        from core.highlights import operations as hops

        self.colour = colour
        self._keep_place()
        self._run(lambda lib: hops.edit(lib, highlight_id, colour=colour), "change colour")

    def remove(self, highlight_ids: list[int]) -> None:
        from core.highlights import operations as hops

        if not highlight_ids:
            return
        self._keep_place()
        label = "remove highlight" if len(highlight_ids) == 1 else "remove highlights"
        self._run(lambda lib: hops.remove(lib, highlight_ids), label)

    def save_why(self, clipping_id: int, text: str) -> None:
        from core.highlights import operations as hops

        self._run(lambda lib: hops.set_why(lib, clipping_id, text), "why it matters")

    def _run(self, op: Any, label: str, then: Any = None) -> None:
        """Run a change; what it did goes on the window's Ctrl+Z."""

        def landed(changes: Changes) -> None:
            value = changes.value
            record = value[1] if isinstance(value, tuple) else value
            if record is not None:
                self.window.undo.push(label, lambda lib: self._undo(lib, record))
                self.window.say(f"Done: {label} — Ctrl+Z takes it back")
            if then is not None:
                then(changes)

        self.ops.run(op, landed)

    @staticmethod
    def _undo(library: Any, record: store.Undo) -> Changes:
        from core.highlights import operations as hops

        return hops.undo(library, record)  # on the serial writer, as every change

    # -- the reader's menu and links ---------------------------------------------------------

    def reader_menu(self, position: QPoint) -> None:
        self.build_reader_menu(position).exec(self.window.reader.viewport().mapToGlobal(position))

    def build_reader_menu(self, position: QPoint) -> QMenu:
        """The reader's own menu (copy, select all) with, for a selection, a highlight in each
        colour, and, on a highlight, its comment, colour and removal."""
        reader = self.window.reader
        menu = reader.createStandardContextMenu(position)
        names = self.window.guard(lambda: colours.names(self.window.library)) or {}
        link = reader.anchorAt(position)
        first = menu.actions()[0] if menu.actions() else None
        added = []
        if reader.textCursor().hasSelection():
            for key, name in names.items():
                act = menu.addAction(swatch(colours.BY_KEY[key].light), f"Highlight as {name}")
                act.triggered.connect(lambda _=False, k=key: self.highlight_selection(k))
                added.append(act)
            comment = menu.addAction("Highlight with comment…")
            comment.triggered.connect(lambda _=False: self.highlight_selection(ask=True))
            added.append(comment)
        elif link.startswith("cuttings:highlight/") and link.rsplit("/", 1)[1].isdigit():
            highlight_id = int(link.rsplit("/", 1)[1])
            self.panel.select_highlight(highlight_id)
            sub = QMenu("Highlight", menu)
            fill_menu(sub, highlight_id, names, self.panel)
            added += sub.actions()
        for act in added:  # ours first, the reader's own (copy, select all) after
            menu.removeAction(act)
            menu.insertAction(first, act)
        if added and first is not None:
            menu.insertSeparator(first)
        return menu

    def reader_command(self, verb: str, argument: str) -> None:
        """cuttings:highlight/ID, a click on a highlight: it is chosen in the list."""
        if verb == "highlight" and argument.isdigit():
            self.panel.select_highlight(int(argument))

    # -- the text itself -----------------------------------------------------------------------

    def edit_text(self) -> None:
        """Correct the shown clipping's text by hand; its highlights follow their words."""
        from core.highlights import operations as hops
        from ui.dialogs.edit_text import EditTextDialog

        clipping_id = self.window.browsing.shown_id
        row = (
            self.window.guard(lambda: self.window.library.get(clipping_id)) if clipping_id else None
        )
        if row is None or clipping_id is None:
            return
        count = self.panel.count()
        dialog = EditTextDialog(row["title"] or "", row["text"], count, self.window)
        if dialog.exec() and dialog.text() != row["text"]:
            text = dialog.text()
            self._new_text(clipping_id, lambda lib: hops.replace_text(lib, clipping_id, text))

    def extract_again(self) -> None:
        from core.highlights import operations as hops

        clipping_id = self.window.browsing.shown_id
        if clipping_id is not None:
            self._new_text(clipping_id, lambda lib: hops.extract_again(lib, clipping_id))

    def _new_text(self, clipping_id: int, op: Any) -> None:
        from core.highlights import operations as hops

        def landed(changes: Changes) -> None:
            counts, old = changes.value
            if not counts["changed"]:
                self.window.say("The text is the same; nothing changed.")
                return
            self.window.undo.push(
                "text change", lambda lib: hops.replace_text(lib, clipping_id, old)
            )
            lost = (
                f", {counts['orphaned']} not found (kept in the list)" if counts["orphaned"] else ""
            )
            self.window.say(
                f"New text saved; highlights: {counts['kept']} in place, {counts['moved']} moved "
                f"with their words{lost} — Ctrl+Z brings the old text back"
            )

        self.ops.run(op, landed)

    # -- colours and exchange ----------------------------------------------------------------

    def rename_colours(self) -> None:
        from core.highlights import operations as hops
        from ui.dialogs.highlight_colours import HighlightColoursDialog

        names = self.window.guard(lambda: colours.names(self.window.library))
        if names is None:
            return
        dialog = HighlightColoursDialog(names, self.window)
        if dialog.exec():
            chosen = dialog.names()
            self._keep_place()
            self.ops.run(
                lambda lib: hops.rename_colours(lib, chosen),
                lambda _: self.window.say("Highlight colours renamed"),
            )

    def export_json(self, target: Path | None = None) -> None:
        """The selected clippings' highlights as W3C Web Annotation JSON, written off the GUI
        thread."""
        ids = self.window.selected_ids()
        if not ids:
            self.window.say("Select the clippings whose highlights to export.")
            return
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self.window, "Export highlights", "highlights.json", "W3C annotations (*.json)"
            )
            if not name:
                return
            target = Path(name)

        def work(job: Job) -> int:
            from core.highlights import w3c
            from core.packs.export import check_target

            check_target(target)
            collection = w3c.export(job.library, ids)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_text(w3c.dumps(collection), "utf-8")
            partial.replace(target)
            return int(collection["total"])

        self.window.runner.read(
            work,
            lambda count: self.window.say(f"{count} annotation(s) written to {target}"),
            self.window.fail,
        )

    def import_json(self, source: Path | None = None) -> None:
        from core.highlights import operations as hops

        if source is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window, "Import highlights", "", "W3C annotations (*.json *.jsonld)"
            )
            if not name:
                return
            source = Path(name)
        try:
            data = source.read_bytes()
        except OSError as error:
            self.window.say(f"Cannot read {source}: {error.strerror or error}.", error=True)
            return

        def landed(changes: Changes) -> None:
            result = changes.value
            self.window.say(
                f"{result['added']} highlight(s) imported ({result['orphans']} not found in "
                f"the text), {result['already']} already here, {len(result['skipped'])} skipped"
            )

        self._keep_place()
        self.ops.run(lambda lib: hops.import_file(lib, data), landed)
