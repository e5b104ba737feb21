"""Bringing clippings in from the window: Ctrl+N, Ctrl+V, dropped links and files, a folder.
Reading and extracting run off the GUI thread; each clipping is saved on the serial writer,
so the window keeps answering and notes or tags typed meanwhile go in between."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit

from core.changes import Changes, ids
from ui.dialogs.add_clipping import AddClippingDialog
from ui.dialogs.progress import progress_dialog
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Capturing:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def capture(self, sources: list[str], data: bytes | None = None, jobs: int | None = 1) -> None:
        window = self.window
        progress = None
        if len(sources) > 1 or (sources and Path(sources[0]).is_dir()):
            progress = progress_dialog(window, "Importing…")

        def work(job: Job) -> Any:
            # trafilatura and its kin load on the first capture, not at start-up.
            from core.capture.sources import add_sources

            return add_sources(
                job.library,
                sources,
                jobs=jobs,
                stdin=io.BytesIO(data) if data is not None else None,
                progress=lambda n, total, o: job.report(n, total, o.source),
                cancelled=job.cancelled.is_set,
                writer=job.writer,
            )

        def step(number: int, total: int, source: str) -> None:
            if progress:
                progress.setMaximum(total)
                progress.setValue(number)
                progress.setLabelText(f"Importing {Path(source).name}…")

        def done(batch: Any) -> None:
            if progress:
                progress.close()
            self._report(batch)

        def failed(error: BaseException) -> None:
            if progress:
                progress.close()
            window.fail(error)

        task = window.runner.read(work, done, failed, step)
        if progress:
            progress.canceled.connect(task.cancel)

    def _report(self, batch: Any) -> None:
        window = self.window
        failures = [o for o in batch.outcomes if o.status == "failed"]
        added = [o.clipping_id for o in batch.outcomes if o.status == "added"]
        if failures and not added and len(batch.outcomes) == 1 and not batch.stopped:
            window.say(f"Could not clip {failures[0].source}: {failures[0].reason}", error=True)
        else:
            text = batch.summary()
            if batch.stopped:
                text += f" — the import stopped: {batch.stopped}"
            if failures:
                text += " — " + "; ".join(
                    f"{Path(o.source).name}: {o.reason}" for o in failures[:3]
                )
            window.say(text, error=bool(failures or batch.stopped))
        duplicate = next((o.clipping_id for o in batch.outcomes if o.status == "duplicate"), None)
        # the list is asked for again below, with the new clipping selected
        window.on_changed(Changes(clippings=ids(added), tags=True, outlets=True))
        window.browsing.refresh_list(select=added[-1] if added else duplicate)

    def add_dialog(self) -> None:
        dialog = AddClippingDialog(self.window)
        if dialog.exec():
            source, data = dialog.source()
            if source == "-" and not (data or b"").strip():
                return
            self.capture([source], data)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of clippings")
        if folder:
            self.capture([folder], jobs=None)

    def paste(self) -> None:
        focus = QGuiApplication.focusObject() if QGuiApplication.instance() else None
        if isinstance(focus, (QLineEdit, QPlainTextEdit)):
            focus.paste()  # typing in a box: an ordinary paste
            return
        self.capture_mime(QGuiApplication.clipboard().mimeData())

    def capture_mime(self, mime: QMimeData) -> None:
        """A URL, HTML (a browser selection keeps its text) or plain text."""
        text = (mime.text() or "").strip() if mime.hasText() else ""
        if mime.hasUrls() and mime.urls():
            self.capture_urls(mime.urls())
        elif text.lower().startswith(("http://", "https://")) and len(text.split()) == 1:
            self.capture([text])
        elif mime.hasHtml():
            self.capture(["-"], mime.html().encode("utf-8"))
        elif text:
            self.capture(["-"], text.encode("utf-8"))
        else:
            self.window.say("The clipboard holds nothing Cuttings can clip.", error=True)

    def capture_urls(self, urls: list[QUrl]) -> None:
        sources = [u.toLocalFile() if u.isLocalFile() else u.toString() for u in urls]
        self.capture([s for s in sources if s], jobs=None)
