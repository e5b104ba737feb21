"""The main window: it only assembles the panes (the sidebar, the search bar and the list, the
reader with its tag editors and notes) and the rooms that answer the user (browsing,
editing, capture, library files, packs, speaker review), and redraws each pane from what a
write reports it changed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from core import listing
from core.changes import Changes
from core.library import Library
from core.operations import ALL
from ui import actions, theme
from ui.browsing import Browsing
from ui.editing import Editing
from ui.first_paint import AfterFirstPaint, settle
from ui.highlighting import Highlighting
from ui.library_files import LibraryFiles
from ui.messages import describe
from ui.models.clip_list import ClipListModel
from ui.operations import Operations
from ui.rooms import LaterRooms
from ui.tasks import Runner
from ui.undo import UndoStack
from ui.views.clip_table import ClipTable
from ui.views.notes import NotesEditor
from ui.views.reader import Reader
from ui.views.search_bar import SearchBar
from ui.views.sidebar import Sidebar
from ui.views.tag_editors import TagEditors

CHECK_AFTER_MS = 5000
HINT = (
    "Paste a web address or an article (Ctrl+V), drop links or files here, "
    "or use File ▸ Import folder… to bring in old clippings."
)


class MainWindow(LaterRooms, QMainWindow):
    def __init__(self, library: Library, runner: Runner, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.runner = runner
        self.settings = settings
        self.ops = Operations(runner)
        self.ops.changed.connect(self.on_changed)
        self.ops.failed.connect(self.fail)
        self.setWindowTitle(f"Cuttings — {library.path.name}")
        self.setAcceptDrops(True)
        self.undo = UndoStack(self.ops, self.say)
        self._panes()
        self.browsing = Browsing(self)
        self.editing = Editing(self)
        self.files = LibraryFiles(self)
        self.highlighting = Highlighting(self)
        self.actions = actions.build(self)
        self.files.fill_recent()
        self._restore()
        self.browsing.refresh_list()
        # What the first screen does not show (counts, the reader) follows its first paint.
        self.first_paint = AfterFirstPaint(
            self.table.viewport(), lambda: self.browsing.answered, lambda: settle(self)
        )
        QTimer.singleShot(0, self, self.say_if_read_only)
        # once the first lists have been read: the check reads every page of the file
        QTimer.singleShot(CHECK_AFTER_MS, self, self.look_over_library)

    # -- the panes ---------------------------------------------------------------------------

    def _panes(self) -> None:
        self.sidebar = Sidebar(listing.sidebar_outline())  # counted after the first paint
        self.search = SearchBar()
        self.message = QLabel("", objectName="message", wordWrap=True)
        self.message.hide()  # until there is something to say
        self.hint = QLabel(HINT, objectName="hint", wordWrap=True)
        self.hint.setStyleSheet(theme.HINT)
        self.hint.hide()  # until the library is counted (a first start's few clippings)
        self.model = ClipListModel(self.library)
        self.model.failed.connect(self.fail)
        self.table = ClipTable(self.model)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(6, 6, 6, 0)
        for widget in (self.search, self.message, self.hint, self.table):
            column.addWidget(widget)

        self.reader = Reader()
        self.tag_editors = TagEditors()
        self.topic_edit = self.tag_editors.topic_edit
        self.speaker_edit = self.tag_editors.speaker_edit
        self.notes = NotesEditor(self.ops)
        self.notes.problem.connect(lambda text: self.say(text, error=True))
        self.notes.caught_up.connect(self._notes_caught_up)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 6, 6, 6)
        right_column.addWidget(self.reader, 1)
        right_column.addWidget(self.tag_editors)
        right_column.addWidget(self.notes)

        self.splitter = QSplitter()
        for pane in (self.sidebar, middle, right):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([190, 760, 450])
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()  # how many the list holds, always in view
        self.statusBar().addPermanentWidget(self.count_label)

    # -- what changed ------------------------------------------------------------------------

    def on_changed(self, changes: Changes) -> None:
        """Each pane redraws what a write says it touched, and nothing else."""
        if changes.membership:
            self.browsing.refresh_list()
        elif changes.clippings:
            every = ALL <= changes.clippings
            self.model.refresh_rows(None if every else sorted(changes.clippings))
        shown = self.browsing.shown_id
        if shown is not None and (
            ALL <= changes.clippings or shown in changes.clippings or shown in changes.review
        ):
            self.browsing.render(shown)  # the notes box keeps what is being typed
        if changes.sidebar:
            self.refresh_sidebar()

    def refresh_sidebar(self, entries: dict[str, Any] | None = None) -> None:
        """The sidebar's entries and counts: read here, or given (read off the GUI thread)."""
        entries = entries or self.guard(lambda: listing.sidebar(self.library))
        if entries is None:
            return
        self.sidebar.fill(entries)
        self.tag_editors.set_names("topic", [r["name"] for r in entries["topics"]])
        self.tag_editors.set_names("speaker", [r["name"] for r in entries["speakers"]])
        self.hint.setVisible(entries["library"][0]["count"] < 3)

    def say_if_read_only(self) -> None:
        if self.library.read_only:
            self.inform(self.library.read_only)

    def look_over_library(self) -> None:
        """Check the library over in the background, once a day: a damage found there is
        said before the user writes more into it."""
        key = f"checked/{self.library.path}"
        last = self.settings.value(key)
        today = QDate.currentDate().toString(Qt.DateFormat.ISODate)
        if last == today:
            return

        def checked(problems: list[str]) -> None:
            if problems:
                self.say(
                    f"The library {self.library.path.name} is damaged: {problems[0]}. Search and "
                    "export may still work; restore it from a backup (File ▸ Back up first keeps "
                    "a copy of what can be read).",
                    error=True,
                )
            else:
                self.settings.setValue(key, today)

        self.runner.read(lambda job: job.library.check(quick=True), checked, self.fail)

    def set_library(self, library: Library) -> None:
        """Work on another library from now on (File ▸ Open, New, Recent)."""
        old, self.library = self.library, library
        self.notes.forget()
        self.undo.clear()
        self.model.library = library
        self.connector.stop()
        self.runner.switch(library)
        old.close()
        self.setWindowTitle(f"Cuttings — {library.path.name}")
        self.browsing.view = listing.View()
        self.search.clear()
        self.message.hide()
        self.refresh_sidebar()
        self.browsing.refresh_list()
        self.say_if_read_only()
        QTimer.singleShot(CHECK_AFTER_MS, self, self.look_over_library)
        self.connector.resume()  # on the new library's port, with its token

    # -- the selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    # -- messages ------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        """One line for the user: failures in the list's message line, news in the status bar."""
        if error:
            self.message.setText(text)
            self.message.setStyleSheet(theme.error_style("message"))
            self.message.show()
        else:
            self.statusBar().showMessage(text, 6000)

    def _notes_caught_up(self) -> None:
        if "is not saved yet" in self.message.text():
            self.message.hide()
        self.say("Your notes are saved.")

    def inform(self, text: str) -> None:
        """Why the list is as it is (an unknown topic, say): above the list, not red."""
        self.message.setText(text)
        self.message.setStyleSheet("")
        self.message.show()

    def fail(self, error: BaseException, what: str = "") -> None:
        """Any failure, in words (a bug is logged first and named as one); ``what`` says
        which change it was ("add the topic 'Energy'")."""
        self.statusBar().clearMessage()  # "Writing the pack…" is no longer true
        text = describe(error)
        self.say(f"Could not {what}: {text}" if what else text, error=True)

    def guard(self, fn: Callable[[], Any]) -> Any:
        """A read on the GUI thread; its failure is told, not raised."""
        try:
            return fn()
        except Exception as error:  # noqa: BLE001 - every failure becomes words
            self.fail(error)
            return None

    # -- the window's life ---------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        for key, widget in (
            ("window/splitter", self.splitter),
            ("window/list-header", self.table.horizontalHeader()),
        ):
            state = self.settings.value(key)
            if state:
                widget.restoreState(state)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        # An exception escaping an event handler crashes PySide 6.11 outright (in
        # PepException_GetArgs): log it as the bug it is, and close.
        try:
            self._close(event)
        except Exception as error:  # noqa: BLE001
            describe(error, "closing the window")
            super().closeEvent(event)

    def _close(self, event: Any) -> None:
        self.runner.cancel_all()  # imports stop after the clipping in hand; all saved ones stay
        fetching = sys.modules.get("core.capture.fetch")  # only if a capture ever loaded it
        if fetching is not None:
            fetching.abort_all()
        self.runner.wait(10_000)
        if not self.notes.flush(self):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/list-header", self.table.horizontalHeader().saveState())
        self.settings.sync()
        self.connector.stop()  # before the writer it saves through
        self.runner.close()
        super().closeEvent(event)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.capturing.capture_mime(event.mimeData())
        event.acceptProposedAction()
