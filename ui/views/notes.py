"""The notes box under the reader. What the user types is saved a moment after they stop, on
the serial writer; until it lands it is kept here, so a busy library loses nothing: the box
keeps the text, says so, and tries again. A note the box only showed is never written back
(another program may have saved a newer one meanwhile)."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from core import operations
from core.errors import NotFound
from ui.messages import describe
from ui.operations import Operations

SAVE_AFTER_MS = 800
RETRY_MS = 5000


class NotesEditor(QPlainTextEdit):
    #: a sentence for the user (a note not yet saved, and why)
    problem = Signal(str)
    #: every note that waited has now been saved: a "not saved yet" message is stale
    caught_up = Signal()

    def __init__(self, ops: Operations) -> None:
        super().__init__()
        self.ops = ops
        self.setPlaceholderText("Your notes on this clipping…")
        self.setMaximumHeight(110)
        self.clipping_id: int | None = None
        #: notes typed but not yet in the library
        self.unsaved: dict[int, str] = {}
        self._loading = False
        self._edited = False
        self._told = False  # a "not saved yet" message is showing
        self._pause = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._pause.timeout.connect(self.save)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.retry)
        self.textChanged.connect(self._typed)

    def show_note(self, clipping_id: int | None, stored: str) -> None:
        """Show a clipping's note: what is waiting to be saved, else what the library holds."""
        self._loading = True
        self.clipping_id = clipping_id
        self._edited = False
        waiting = self.unsaved.get(clipping_id) if clipping_id is not None else None
        self.setPlainText(waiting if waiting is not None else stored)
        self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self._edited = True
            self._pause.start()

    def save(self) -> None:
        """Save what the user typed in the box (nothing, if they typed nothing)."""
        self._pause.stop()
        if self.clipping_id is None or self._loading or not self._edited:
            return
        self._edited = False
        clipping_id, text = self.clipping_id, self.toPlainText()
        if self.unsaved.get(clipping_id) == text:
            return
        self.unsaved[clipping_id] = text
        self._write(clipping_id, text)

    def _write(self, clipping_id: int, text: str) -> Future[Any]:
        def landed(_changes: object) -> None:
            if self.unsaved.get(clipping_id) == text:
                del self.unsaved[clipping_id]
                if self._told and not self.unsaved:
                    self._told = False
                    self.caught_up.emit()

        def refused(error: BaseException) -> None:
            if self.unsaved.get(clipping_id) != text:
                return  # a newer text is on its way
            if isinstance(error, NotFound):
                # deleted for good by another program: nothing to keep the note on, so it
                # goes to the clipboard rather than nowhere
                del self.unsaved[clipping_id]
                QGuiApplication.clipboard().setText(text)
                self.problem.emit(
                    f"Clipping {clipping_id} was deleted by another program before your note on "
                    "it could be saved; the note is on the clipboard."
                )
                return
            self._told = True
            self.problem.emit(
                f"Your note on clipping {clipping_id} is not saved yet: {describe(error)} "
                "It stays in its box and is tried again."
            )
            self._retry.start()

        return self.ops.run(
            lambda lib: operations.set_notes(lib, clipping_id, text), landed, refused
        )

    def retry(self) -> None:
        for clipping_id, text in list(self.unsaved.items()):
            self._write(clipping_id, text)

    def flush(self, parent: Any) -> bool:
        """Before closing or switching libraries: one last wait for the notes not yet
        saved; asks before losing any. Whether it is all right to go on."""
        self.save()
        if not self.unsaved:
            return True
        futures = [self._write(cid, text) for cid, text in list(self.unsaved.items())]
        errors = []
        for future in futures:
            try:
                future.result(timeout=60)
            except Exception as error:  # noqa: BLE001 - told to the user below
                errors.append(error)
        QGuiApplication.processEvents()
        if not self.unsaved:
            return True
        reason = describe(errors[0]) if errors else "the library did not answer"
        answer = QMessageBox.question(
            parent,
            "Cuttings",
            f"{len(self.unsaved)} note(s) could not be saved: {reason}\n\n"
            "Close anyway and lose them?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def forget(self) -> None:
        """Another library: nothing waiting belongs to it."""
        self.unsaved.clear()
        self.show_note(None, "")
