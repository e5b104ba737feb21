"""The window's browser connector: it listens on the library's port while the window is open
(unless turned off in Preferences), asks "Allow this browser?" when the extension pairs, and
shows what came in like any capture: the status line, the list, and the new clipping
selected when the user is not in the middle of something. Saves go through the window's one
serial writer; the HTTP side is core.connector."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from core.changes import Changes, ids
from core.library import Library

if TYPE_CHECKING:
    # The server and its capture pipeline (trafilatura, the speaker finder: a quarter of a
    # second) load when it starts, after the window is on screen.
    from core.capture.sources import Outcome
    from core.connector.bodies import Sent
    from core.connector.server import ConnectorServer
    from core.connector.service import Asker
    from ui.main_window import MainWindow

T = TypeVar("T")
#: how long a pairing question waits for the user before the browser is told no
PAIRING_SECONDS = 120


def version() -> str:
    from importlib import metadata  # 7 ms of imports, for the connector's first answer

    try:
        return metadata.version("cuttings")
    except metadata.PackageNotFoundError:
        return "0.1.0"


class Question:
    """A browser waiting to be allowed; the server thread waits on ``answered``."""

    def __init__(self, asker: Asker) -> None:
        self.asker = asker
        self.answered = threading.Event()
        self.allowed = False
        self.box: QMessageBox | None = None

    def answer(self, allowed: bool) -> None:
        if not self.answered.is_set():
            self.allowed = allowed
            self.answered.set()


class _Bridge(QObject):
    """Signals made on the GUI thread, so what the server threads emit is queued to it."""

    arrived = Signal(object, object, bool)
    asked = Signal(object)


class _CurrentWriter:
    """The runner's writer as it is now (a library switch makes a new one)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def run(self, job: Callable[[Library], T]) -> T:
        return self.window.runner.writer.run(job)


class BrowserConnector:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.server: ConnectorServer | None = None
        #: why the window is not listening although it should (the port is taken), or None
        self.problem: str | None = None
        self.questions: list[Question] = []
        #: start() was asked for (app.run, Preferences): a library switch listens again
        self._wanted = False
        self._port: int | None = None
        self._bridge = _Bridge()
        self._bridge.arrived.connect(self._arrived)
        self._bridge.asked.connect(self._ask)

    # -- listening ---------------------------------------------------------------------

    @property
    def port(self) -> int | None:
        return self.server.server_port if self.server else None

    def start(self, port: int | None = None) -> None:
        """Listen on the library's port (or ``port``; 0 takes any free one, for tests). A
        port that is taken is said in the message line, and nothing else is tried."""
        from core.connector import tokens

        self.stop()
        self._wanted, self._port = True, port
        library = self.window.library
        if port is None:
            if not tokens.enabled(library) or library.read_only:
                return
            port = tokens.port(library)
        if tokens.current(library) is None:
            self.window.runner.write(tokens.ensure, failed=self.window.fail)
        from core.connector.server import PortTaken, serve
        from core.connector.service import Service

        runner = self.window.runner
        service = Service(
            lambda: runner.readers.get(),
            _CurrentWriter(self.window),
            approve=self._approve,
            arrived=lambda outcome, sent, whole: self._bridge.arrived.emit(outcome, sent, whole),
            version=version(),
        )
        try:
            self.server = serve(service, port)
        except PortTaken as error:
            service.close()
            self.problem = (
                f"Not listening for the browser: {error}. Choose another port in "
                "Edit ▸ Preferences (and the same in the extension's options)."
            )
            self.window.say(self.problem, error=True)
            return
        self.problem = None
        # The extraction worker loads trafilatura once the window has settled, not at the
        # first clip.
        QTimer.singleShot(3000, self._warm)

    def _warm(self) -> None:
        server = self.server
        if server is not None:
            warm = server.service.extractor.warm
            threading.Thread(target=_quietly, args=(warm,), daemon=True).start()

    def resume(self) -> None:
        """After a library switch: listen again if the window listened before."""
        if self._wanted:
            self.start(self._port)

    def stop(self) -> None:
        for question in self.questions:
            question.answer(False)
            if question.box is not None:
                question.box.close()
        self.questions.clear()
        if self.server is not None:
            server, self.server = self.server, None
            server.close()

    def status(self) -> str:
        """Where the window listens, in words, for Preferences."""
        if self.server is not None:
            return f"Listening on {self.server.address}"
        return self.problem or "Not listening (turned off)"

    # -- pairing -------------------------------------------------------------------------

    def _approve(self, asker: Asker) -> bool:
        """On a server thread: ask on the GUI thread and wait for the answer."""
        question = Question(asker)
        self._bridge.asked.emit(question)
        question.answered.wait(PAIRING_SECONDS + 5)
        return question.allowed

    def _ask(self, question: Question) -> None:
        window = self.window
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Allow this browser?",
            f"A browser extension asks to clip pages into {window.library.path.name}:\n\n"
            f"{question.asker.describe()}\n\n"
            "Allow it only if you just asked for this in your browser.",
            QMessageBox.StandardButton.NoButton,
            window,
        )
        allow = box.addButton("Allow", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Don't allow", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(allow)
        box.buttonClicked.connect(lambda button: question.answer(button is allow))
        box.finished.connect(lambda *_: question.answer(False))
        box.finished.connect(lambda *_: self._forget(question))
        question.box = box
        self.questions.append(question)
        QTimer.singleShot(PAIRING_SECONDS * 1000, box, box.reject)
        box.open()
        window.raise_()
        window.activateWindow()

    def _forget(self, question: Question) -> None:
        if question in self.questions:
            self.questions.remove(question)

    # -- what came in --------------------------------------------------------------------

    def _arrived(self, outcome: Outcome, sent: Sent, completed: bool) -> None:
        window = self.window
        if outcome.status == "failed":
            window.say(f"Could not clip {sent.url} from the browser: {outcome.reason}", error=True)
            return
        clipping_id = outcome.clipping_id
        row = window.guard(lambda: window.library.get(clipping_id)) if clipping_id else None
        title = (row or {}).get("title") or sent.url
        shown = "added" if outcome.status == "added" else "already in the library"
        whole = "; it now has the whole article" if completed else ""
        window.say(f"From the browser: {title} — {shown} as #{clipping_id}{whole}")
        if outcome.status == "added" or completed:
            window.on_changed(Changes(clippings=ids([clipping_id]), tags=True, outlets=True))
        select = clipping_id if self._idle() and self._in_view() else None
        window.browsing.refresh_list(select=select)

    def _in_view(self) -> bool:
        """Whether the list shows every clipping (the new one is surely in it)."""
        view = self.window.browsing.view
        return view.scope == "all" and not view.text.strip()

    def _idle(self) -> bool:
        """The user is not typing, not in a dialog and not building a selection: moving the
        selection to the new clipping takes nothing from them."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return False
        if app.activeModalWidget() is not None or app.activePopupWidget() is not None:
            return False
        focus = app.focusWidget()
        if isinstance(focus, (QLineEdit, QPlainTextEdit, QTextEdit)) and not focus.isReadOnly():
            return False
        return len(self.window.selected_ids()) <= 1

    # -- Preferences -----------------------------------------------------------------------

    def preferences(self) -> None:
        from ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(self.window).open()


def _quietly(fn: Callable[[], Any]) -> None:
    try:
        fn()
    except Exception:  # noqa: BLE001 - warming is a courtesy; the first clip says what fails
        pass
