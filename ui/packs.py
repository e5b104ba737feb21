"""Briefing packs from the window: export to a file, or print the pack's PDF pages. Both are
made off the GUI thread."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from core.files import is_library_file
from core.words import plural
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Packs:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def ids(self, use_selection: bool) -> list[int]:
        window = self.window
        return window.selected_ids() if use_selection else list(window.model.all_ids())

    def export(self, target: Path | None = None, dialog: Any = None) -> None:
        """Ask what the pack holds and where it goes, then write it off the GUI thread."""
        from core.files import is_sqlite_file
        from core.packs.build import clippings_with_notes
        from core.packs.export import export
        from ui.dialogs.export_pack import ExportPackDialog

        window = self.window

        def noted(scope: str) -> list[str]:
            chosen = self.ids(scope == "selection")
            return [title for _, title in clippings_with_notes(window.library, chosen)]

        dialog = dialog or ExportPackDialog(
            len(window.selected_ids()), len(window.model.all_ids()), window, noted=noted
        )
        if not dialog.exec():
            return
        fmt, options = dialog.fmt(), dialog.options()
        ids = self.ids(dialog.use_selection())
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                window, "Save briefing pack", f"{options.title}.{fmt}", f"*.{fmt}"
            )
            if not name:
                return
            target = Path(name)
        if not is_library_file(target) and is_sqlite_file(target):
            if not window.editing.confirm(
                f"{target.name} is an SQLite database, perhaps another library. Replace it "
                "with the pack?"
            ):
                return
        chosen = target

        def work(job: Job) -> Any:
            return export(job.library, ids, options, fmt, chosen, replace_database=True)

        def done(result: Any) -> None:
            pages = f", {result.pages} pages" if result.pages else ""
            window.say(f"Saved {result.path.name} ({plural(result.clippings, 'clipping')}{pages})")

        window.say("Writing the briefing pack…")
        window.runner.read(work, done, window.fail)

    def print(self, printer: Any = None) -> None:
        """Print the selection (or the list) as the pack's PDF pages: paper shows the layout
        and page numbers of the exported file."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from core.packs.build import PackOptions
        from core.packs.export import export
        from ui.printing import print_pdf

        window = self.window
        ids = window.selected_ids() or list(window.model.all_ids())
        if not ids:
            window.say("There is nothing to print: the list is empty.", error=True)
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, window).exec() != QPrintDialog.DialogCode.Accepted:
                return
        folder = tempfile.TemporaryDirectory(prefix="cuttings-print-")

        def work(job: Job) -> Any:
            return export(job.library, ids, PackOptions(), "pdf", Path(folder.name) / "pack.pdf")

        def done(result: Any) -> None:
            try:
                pages = window.guard(lambda: print_pdf(result.path, printer))
            finally:
                folder.cleanup()
            if pages is not None:
                window.say(f"Sent {result.clippings} clipping(s), {pages} pages, to the printer")

        def failed(error: BaseException) -> None:
            folder.cleanup()
            window.fail(error)

        window.say("Preparing the pages to print…")
        window.runner.read(work, done, failed)
