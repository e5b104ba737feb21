"""The main window: assembles the sidebar, the list, the reader and the editors, and turns
user actions into calls on core. Slow work goes through ui.tasks; known failures become one
line in the status bar."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStringListModel, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import listing, reader, saved, tags
from core.errors import CuttingsError, NotFound
from core.library import Library, is_library_file, refuse_library_file
from ui.dialogs.add_clipping import AddClippingDialog
from ui.dialogs.edit_details import EditDetailsDialog
from ui.messages import describe
from ui.models.clip_list import COLUMNS, ClipListModel
from ui.tasks import Job, Runner, Task
from ui.views.reader import Reader
from ui.views.sidebar import Sidebar

DEBOUNCE_MS = 180
#: A long list's rest is read this long after its first part is shown (see refresh_list).
REST_AFTER_MS = 250
NOTES_RETRY_MS = 5000
HINT = (
    "Paste a web address or an article (Ctrl+V), drop links or files here, "
    "or use File ▸ Import folder… to bring in old clippings."
)


class MainWindow(QMainWindow):
    def __init__(self, library: Library, runner: Runner, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.runner = runner
        self.settings = settings
        self.view = listing.View()
        self._generation = 0
        self._trashed: list[list[int]] = []
        self._shown_id: int | None = None
        #: notes typed but not yet in the library (busy, say): shown and tried again
        self._unsaved_notes: dict[int, str] = {}
        self._user_sorted = False  # a header click wins over "relevance when searching"
        self.setWindowTitle(f"Cuttings — {library.path.name}")
        self.setAcceptDrops(True)
        self._build()
        self._actions()
        self._restore()
        self.refresh_list()
        # Counting every topic, speaker and outlet waits until the window has painted once.
        QTimer.singleShot(0, self, self.refresh_sidebar)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.sidebar = Sidebar()
        self.sidebar.chosen.connect(self._scope_chosen)
        self.sidebar.customContextMenuRequested.connect(self._sidebar_menu)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            'Search: words, "phrases", prefix*, -exclude, topic:, speaker:, outlet:, from:, to:'
        )
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)

        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.hint.setStyleSheet("#hint { color: palette(mid); padding: 4px 2px; }")

        self.model = ClipListModel(self.library)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._sort_clicked)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 88), (1, 120), (3, 110), (4, 130)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._list_menu)

        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.search)
        column.addWidget(self.message)
        column.addWidget(self.hint)
        column.addWidget(self.table)

        self.reader = Reader()
        self.reader.command.connect(self._reader_command)
        self.topic_edit = QLineEdit()
        self.topic_edit.setPlaceholderText("Add topic to selection…")
        self.speaker_edit = QLineEdit()
        self.speaker_edit.setPlaceholderText("Add speaker to selection…")
        self.topic_edit.returnPressed.connect(lambda: self._tag_from(self.topic_edit, tags.TOPICS))
        self.speaker_edit.returnPressed.connect(
            lambda: self._tag_from(self.speaker_edit, tags.SPEAKERS)
        )
        self._completions = {"topic": QStringListModel(), "speaker": QStringListModel()}
        for edit, key in ((self.topic_edit, "topic"), (self.speaker_edit, "speaker")):
            completer = QCompleter(self._completions[key], edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.topic_edit)
        tag_row.addWidget(self.speaker_edit)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes on this clipping…")
        self.notes.setMaximumHeight(110)
        self._notes_timer = QTimer(self, singleShot=True, interval=800)
        self._notes_timer.timeout.connect(self._save_notes)
        self.notes.textChanged.connect(self._notes_changed)
        self._loading_notes = False
        self._notes_retry = QTimer(self, singleShot=True, interval=NOTES_RETRY_MS)
        self._notes_retry.timeout.connect(self._retry_notes)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 6, 6, 6)
        right_column.addWidget(self.reader, 1)
        right_column.addLayout(tag_row)
        right_column.addWidget(self.notes)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([210, 700, 490])
        self.setCentralWidget(self.splitter)
        self.statusBar()

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], Any], shortcut: Any = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        self.add_action = self._action(file, "&Add clipping…", self.add_dialog, "Ctrl+N")
        self.import_action = self._action(
            file, "&Import folder…", self.import_folder, "Ctrl+Shift+I"
        )
        file.addSeparator()
        self._action(file, "&New library…", self.new_library, "Ctrl+Shift+N")
        self._action(file, "&Open library…", self.open_library, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &recent")
        self._action(file, "&Back up library…", self.backup, "Ctrl+Shift+B")
        file.addSeparator()
        self.export_action = self._action(
            file, "&Export briefing pack…", self.export_pack, "Ctrl+E"
        )
        self._action(file, "&Print briefing pack…", self.print_pack, QKeySequence.StandardKey.Print)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = menu.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo move to Trash", self.undo, "Ctrl+Z")
        self.undo_action.setEnabled(False)
        self._action(edit, "&Paste as clipping", self.paste, QKeySequence.StandardKey.Paste)
        self._action(edit, "Edit &details…", self.edit_details, "F2")
        self.trash_action = self._action(
            edit, "Move to &Trash", self.trash_selection, QKeySequence.StandardKey.Delete
        )
        self._action(edit, "Add &topic…", lambda: self.topic_edit.setFocus(), "Ctrl+T")
        self._action(edit, "Add s&peaker…", lambda: self.speaker_edit.setFocus(), "Ctrl+Shift+T")
        edit.addSeparator()
        self._action(edit, "Find speakers &again in the selection", self.rescan_speakers)

        view = menu.addMenu("&View")
        self.fold_action = self._action(
            view, "&Fold wire copies under their original", self._toggle_fold, "Ctrl+Shift+F"
        )
        self.fold_action.setCheckable(True)
        self.fold_action.setChecked(True)

        find = menu.addMenu("&Search")
        self._action(find, "&Find", self._focus_search, QKeySequence.StandardKey.Find)
        self._action(find, "&Save search…", self.save_search, "Ctrl+S")

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.add_action)
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.export_action)
        toolbar.addSeparator()
        toolbar.addAction(self.trash_action)
        toolbar.addAction(self.undo_action)
        self._fill_recent()

    # -- state -------------------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = self.settings.value("window/splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        header = self.settings.value("window/list-header")
        if header:
            self.table.horizontalHeader().restoreState(header)

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
        self.runner.wait(10_000)
        self._save_notes()
        if self._unsaved_notes and not self._flush_notes():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/list-header", self.table.horizontalHeader().saveState())
        self.settings.sync()
        self.runner.close()
        super().closeEvent(event)

    # -- messages ----------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        """One line for the user: failures in the list's message line, news in the status bar."""
        if error:
            self.message.setText(text)
            self.message.setStyleSheet("#message { color: #b3261e; }")
            self.message.show()
        else:
            self.statusBar().showMessage(text, 6000)

    def fail(self, error: BaseException) -> None:
        """Any failure, in words (a bug is logged first and named as one)."""
        self.say(describe(error), error=True)

    def _guard(self, fn: Callable[[], Any]) -> Any:
        """A read on the GUI thread; its failure is told, not raised."""
        try:
            return fn()
        except Exception as error:  # noqa: BLE001 - every failure becomes words
            self.fail(error)
            return None

    # -- the list ----------------------------------------------------------------------------

    def refresh_sidebar(self) -> None:
        entries = listing.sidebar(self.library)
        self.sidebar.fill(entries)
        self._completions["topic"].setStringList([r["name"] for r in entries["topics"]])
        self._completions["speaker"].setStringList([r["name"] for r in entries["speakers"]])
        self.hint.setVisible(entries["library"][0]["count"] < 3)

    def refresh_list(self, select: int | None = None) -> None:
        """Ask core for the view's ids off the GUI thread; an answer to an older question
        (the user kept typing) is dropped."""
        self._generation += 1
        generation, view = self._generation, self.view

        first = generation == 1

        def work(job: Job) -> listing.Listing:
            found = listing.list_ids(job.library, view, lazy=True)
            if first:
                reader.prepare()
            return found

        def done(result: listing.Listing) -> None:
            if generation != self._generation:
                return
            if result.message:  # why the list is empty (an unknown topic, say)
                self.message.setText(result.message)
                self.message.setStyleSheet("")
                self.message.show()
            rest, shown = result.rest, len(result.ids)
            more = (lambda: result.more(self.library)) if rest else None
            self._show_ids(result.ids, select, more)
            if rest:
                # The rest of a long list is read off the GUI thread once the user has
                # stopped typing: scrolling never waits for it unless it reaches the end
                # first (fetchMore), and the first page is painted without it.
                def rest_read(ids: list[int]) -> None:
                    if generation == self._generation and self.model._more is not None:
                        self.model.append_ids(ids[len(self.model.ids) - shown :])

                def read_rest() -> None:
                    if generation == self._generation and self.model._more is not None:
                        self.runner.read(
                            lambda job: result.remaining(job.library, rest),
                            rest_read,
                            self._list_failed(generation),
                        )

                QTimer.singleShot(REST_AFTER_MS, self, read_rest)

        self.runner.read(work, done, self._list_failed(generation))

    def _list_failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.fail(error)

        return failed

    def _show_ids(self, ids: list[int], select: int | None, more: Any = None) -> None:
        keep = select if select is not None else self.current_id()
        self.model.set_ids(ids, more)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and ids:
            row = 0
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._show_clipping(None)

    def _search_now(self) -> None:
        self._debounce.stop()
        self.message.hide()  # a new question: the last answer's message goes
        text = self.search.text().strip()
        sort = self.view.sort
        if text and self.view.sort == "date" and not self._user_sorted:
            sort = "relevance"
        elif not text and sort == "relevance":
            sort = "date"
        self._set_view(text=text, sort=sort)

    def _set_view(self, **changes: Any) -> None:
        self.view = listing.View(**{**self.view.__dict__, **changes})
        self.refresh_list()

    def _scope_chosen(self, scope: str, value: Any) -> None:
        self.message.hide()
        self._set_view(scope=scope, value=value)

    def _sort_clicked(self, column: int) -> None:
        key = COLUMNS[column][0]
        descending = not (self.view.sort == key and self.view.descending)
        self._user_sorted = True
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self._set_view(sort=key, descending=descending)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.clipping_id(r) for r in rows]

    def current_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def _selection_changed(self) -> None:
        self._save_notes()
        self._show_clipping(self.current_id())

    def _show_clipping(self, clipping_id: int | None, whole: bool = False) -> None:
        self._shown_id = clipping_id
        self._loading_notes = True
        if clipping_id is None:
            self.reader.setHtml("")
            self.notes.setPlainText("")
        else:
            # The system's scheme, or a dark palette a desktop theme sets without naming one
            dark = (
                QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
                or self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            )
            html = self._guard(lambda: self._render(clipping_id, dark, whole))
            self.reader.setHtml(html or "")
            row = self._guard(lambda: self.library.get(clipping_id))
            unsaved = self._unsaved_notes.get(clipping_id)
            self.notes.setPlainText(
                unsaved if unsaved is not None else (row or {}).get("notes") or ""
            )
        self._loading_notes = False

    def _render(self, clipping_id: int, dark: bool, whole: bool = False) -> str:
        try:
            return reader.render(
                self.library,
                clipping_id,
                query_text=self.view.text,
                dark=dark,
                limit=None if whole else reader.SHOWN,
            )
        except CuttingsError:
            raise
        except Exception as error:  # a fault in the layout must not leave another article up
            logged = describe(error, "reader")
            self.say(f"The reader could not lay this clipping out; plain text shown. {logged}")
            row = self.library.get(clipping_id)
            return "".join(
                f"<p>{escape(part)}</p>" for part in [row["title"] or "", *row["text"].split("\n")]
            )

    # -- editing -----------------------------------------------------------------------------

    def _reader_command(self, verb: str, number: int) -> None:
        """A cuttings: link in the reader: cuttings:whole/ID, or a review of suggestion ID."""
        if verb == "whole":
            self._show_clipping(number, whole=True)
        else:
            self._review(verb, number)

    def _review(self, verb: str, suggestion_id: int) -> None:
        """Accept, correct or reject a speaker the finder suggested, from the reader."""
        from core.speakers import registry

        change: Callable[[Library], Any]
        if verb == "accept":
            change = lambda lib: registry.accept(lib, suggestion_id)  # noqa: E731
        elif verb == "reject":
            change = lambda lib: registry.reject(lib, suggestion_id)  # noqa: E731
        elif verb == "rename":
            known = [r["name"] for r in tags.SPEAKERS.counts(self.library)]
            name, ok = QInputDialog.getItem(
                self,
                "Accept speaker as",
                "Name (or an existing speaker to merge into):",
                known,
                -1,
                True,
            )
            if not ok or not name.strip():
                return
            if name in known:
                change = lambda lib: registry.accept(lib, suggestion_id, merge_into=name)  # noqa: E731
            else:
                change = lambda lib: registry.accept(lib, suggestion_id, name=name)  # noqa: E731
        else:
            return
        shown = self._shown_id

        def landed(_result: Any) -> None:
            self.model.refresh_rows([shown] if shown else None)
            self.refresh_sidebar()
            self._show_clipping(self._shown_id)

        self.runner.write(change, landed, self.fail)

    def _notes_changed(self) -> None:
        if not self._loading_notes:
            self._notes_timer.start()

    def _save_notes(self) -> None:
        self._notes_timer.stop()
        if self._shown_id is None or self._loading_notes:
            return
        clipping_id, text = self._shown_id, self.notes.toPlainText()
        stored = self._unsaved_notes.get(clipping_id)
        if stored is None:
            current = self._guard(
                lambda: self.library.execute(
                    "SELECT notes FROM clippings WHERE id = ?", [clipping_id]
                )
            )
            if not current or current[0]["notes"] == text:
                return
        elif stored == text:
            return
        self._unsaved_notes[clipping_id] = text
        self._write_note(clipping_id, text)

    def _write_note(self, clipping_id: int, text: str) -> Future[Any]:
        """Save a note on the writer; until it lands it stays in ``_unsaved_notes``, so a busy
        library loses nothing: the box keeps it and it is tried again."""

        def change(library: Library) -> None:
            current = library.execute("SELECT notes FROM clippings WHERE id = ?", [clipping_id])
            if current and current[0]["notes"] != text:
                library.update(clipping_id, notes=text)

        def landed(_result: Any) -> None:
            if self._unsaved_notes.get(clipping_id) == text:
                del self._unsaved_notes[clipping_id]

        def refused(error: BaseException) -> None:
            if self._unsaved_notes.get(clipping_id) != text:
                return  # a newer text is on its way
            if isinstance(error, NotFound):  # the clipping is gone: nothing to keep it on
                del self._unsaved_notes[clipping_id]
                return
            self.say(
                f"Your note on clipping {clipping_id} is not saved yet: {describe(error)} "
                "It stays in its box and is tried again.",
                error=True,
            )
            self._notes_retry.start()

        return self.runner.write(change, landed, refused)

    def _retry_notes(self) -> None:
        for clipping_id, text in list(self._unsaved_notes.items()):
            self._write_note(clipping_id, text)

    def _flush_notes(self) -> bool:
        """On closing: one last wait for the notes not yet saved; asks before losing any."""
        futures = [self._write_note(cid, text) for cid, text in list(self._unsaved_notes.items())]
        errors = []
        for future in futures:
            try:
                future.result(timeout=60)
            except Exception as error:  # noqa: BLE001 - told to the user below
                errors.append(error)
        QGuiApplication.processEvents()
        if not self._unsaved_notes:
            return True
        reason = describe(errors[0]) if errors else "the library did not answer"
        answer = QMessageBox.question(
            self,
            "Cuttings",
            f"{len(self._unsaved_notes)} note(s) could not be saved: {reason}\n\n"
            "Close anyway and lose them?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def write(
        self, change: Callable[[Library], Any], done: Callable[[Any], None], ids: list[int] | None
    ) -> None:
        """A change to the library, on its serial writer (tagging 30,000 clippings rewrites
        30,000 index rows); the list, the sidebar and the reader follow when it lands."""

        def landed(result: Any) -> None:
            self.model.refresh_rows(ids)
            self.refresh_sidebar()
            self._show_clipping(self.current_id())
            done(result)

        self.runner.write(change, landed, self.fail)

    def _tag_from(self, edit: QLineEdit, kind: tags.TagKind) -> None:
        name, ids = edit.text().strip(), self.selected_ids()
        if not name or not ids:
            return
        edit.clear()
        self.write(
            lambda lib: kind.add(lib, ids, [name]),
            lambda _: self.say(
                f"{kind.noun.capitalize()} {name!r} added to {len(ids)} clipping(s)"
            ),
            ids,
        )

    def remove_tag(self, kind: tags.TagKind, name: str) -> None:
        ids = self.selected_ids()
        self.write(
            lambda lib: kind.remove(lib, ids, [name]),
            lambda _: self.say(
                f"{kind.noun.capitalize()} {name!r} removed from {len(ids)} clipping(s)"
            ),
            ids,
        )

    def edit_details(self) -> None:
        clipping_id = self.current_id()
        if clipping_id is None:
            return
        row = self._guard(lambda: self.library.get(clipping_id))
        if row is None:
            return
        dialog = EditDetailsDialog(row, self)
        if dialog.exec():
            values = dialog.values()
            values["title"] = values["title"] or ""

            def landed(_result: Any) -> None:
                self.model.refresh_rows([clipping_id])
                self.refresh_sidebar()
                self._show_clipping(clipping_id)

            self.runner.write(lambda lib: lib.update(clipping_id, **values), landed, self.fail)

    def trash_selection(self) -> None:
        ids = self.selected_ids()
        if not ids or self.view.scope == "trash":
            return

        def moved(done: list[int]) -> None:
            self._trashed.append(done)
            self.undo_action.setEnabled(True)
            self.say(f"{len(done)} clipping(s) moved to the Trash — Ctrl+Z brings them back")
            self.refresh_list()

        self.write(lambda lib: lib.trash(ids), moved, ids)

    def undo(self) -> None:
        if not self._trashed:
            return
        ids = self._trashed.pop()
        self.undo_action.setEnabled(bool(self._trashed))

        def restored(done: list[int]) -> None:
            self.say(f"{len(done)} clipping(s) restored")
            self.refresh_list(select=ids[0])

        self.write(lambda lib: lib.restore(ids), restored, ids)

    def save_search(self) -> None:
        query = self.view.query_text(self.library)
        if not query:
            self.say("Type a search first, then save it.", error=True)
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name:", text=self.view.text)
        if ok and name.strip():

            def landed(_result: Any) -> None:
                self.refresh_sidebar()
                self.say(f"Saved search {name.strip()!r}")

            self.runner.write(lambda lib: saved.save(lib, name, query), landed, self.fail)

    def _toggle_fold(self) -> None:
        self._set_view(fold=self.fold_action.isChecked())

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- menus ---------------------------------------------------------------------------------

    def _list_menu(self, position: Any) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.addAction("Edit details…", self.edit_details)
        if self.view.scope == "trash":
            menu.addAction("Restore", lambda: self._restore_ids(ids))
        else:
            menu.addAction("Move to Trash", self.trash_selection)
        rows = [self.model._row(self.model.row_of(i) or 0) for i in ids]
        for kind, key in ((tags.TOPICS, "topics"), (tags.SPEAKERS, "speakers")):
            names = sorted({n for row in rows for n in row.get(key, [])})
            if names:
                sub = menu.addMenu(f"Remove {kind.noun}")
                for name in names:
                    sub.addAction(name, lambda k=kind, n=name: self.remove_tag(k, n))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _restore_ids(self, ids: list[int]) -> None:
        def landed(_result: Any) -> None:
            self.refresh_sidebar()
            self.refresh_list()

        self.runner.write(lambda lib: lib.restore(ids), landed, self.fail)

    def _sidebar_menu(self, position: Any) -> None:
        item = self.sidebar.itemAt(position)
        data = item.data(0, Qt.ItemDataRole.UserRole + 1) if item else None
        if not data or data[0] not in ("topic", "speaker", "saved"):
            return
        scope, name, count = data
        menu = QMenu(self)
        if scope == "saved":
            menu.addAction("Delete saved search", lambda: self._delete_saved(name))
        else:
            kind = tags.KINDS[scope]
            if scope == "speaker":
                menu.addAction("Who said what…", lambda: self.who_said_what(name))
                menu.addAction("Edit speaker…", lambda: self.edit_speaker(name))
            menu.addAction("Rename…", lambda: self.rename_tag(kind, name))
            menu.addAction("Merge into…", lambda: self.merge_tag(kind, name, count))
            menu.addAction("Delete…", lambda: self.delete_tag(kind, name, count))
        menu.exec(self.sidebar.viewport().mapToGlobal(position))

    def who_said_what(self, speaker: str, show: bool = True) -> Any:
        from ui.dialogs.who_said_what import WhoSaidWhatDialog

        dialog = WhoSaidWhatDialog(self.library, speaker, self._open_clipping, self)
        if show:
            dialog.exec()
        return dialog

    def edit_speaker(self, name: str, show: bool = True) -> Any:
        from ui.dialogs.edit_speaker import EditSpeakerDialog

        dialog = self._guard(lambda: EditSpeakerDialog(self.library, self.runner, name, self))
        if dialog is not None and show and dialog.exec():
            self._show_clipping(self.current_id())
        return dialog

    def _open_clipping(self, clipping_id: int) -> None:
        self.sidebar.select("all")
        self.search.clear()
        self.view = listing.View()
        self.refresh_list(select=clipping_id)

    def rename_tag(self, kind: tags.TagKind, name: str) -> None:
        new, ok = QInputDialog.getText(self, f"Rename {kind.noun}", "New name:", text=name)
        if ok and new.strip() and new.strip() != name:
            self.write(lambda lib: kind.rename(lib, name, new), self._after_tag_change, None)

    def merge_tag(self, kind: tags.TagKind, name: str, count: int | None) -> None:
        others = [r["name"] for r in kind.counts(self.library) if r["name"] != name]
        if not others:
            self.say(f"There is no other {kind.noun} to merge into.", error=True)
            return
        target, ok = QInputDialog.getItem(
            self,
            f"Merge {kind.noun}",
            f"Merge {name!r} ({count} clippings) into:",
            others,
            0,
            False,
        )
        if ok and self._confirm(f"Merge {name!r} into {target!r}? It touches {count} clipping(s)."):
            self.write(lambda lib: kind.merge(lib, name, target), self._after_tag_change, None)

    def delete_tag(self, kind: tags.TagKind, name: str, count: int | None) -> None:
        if self._confirm(f"Delete the {kind.noun} {name!r}? It is on {count} clipping(s)."):
            self.write(lambda lib: kind.delete(lib, name), self._after_tag_change, None)

    def _delete_saved(self, name: str) -> None:
        self.runner.write(
            lambda lib: saved.delete(lib, name), lambda _: self.refresh_sidebar(), self.fail
        )

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Cuttings", text)
        return answer == QMessageBox.StandardButton.Yes

    def _after_tag_change(self, _result: Any = None) -> None:
        self.refresh_list()

    # -- adding ----------------------------------------------------------------------------

    def _progress(self, label: str, maximum: int, task: Task | None = None) -> QProgressDialog:
        progress = QProgressDialog(label, "Cancel", 0, maximum, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        if task is not None:
            progress.canceled.connect(task.cancel)
        return progress

    def capture(self, sources: list[str], data: bytes | None = None, jobs: int | None = 1) -> None:
        """Clip sources off the GUI thread; each clipping is saved on the serial writer, so
        the window keeps answering, and notes and tags typed meanwhile go in between."""
        progress: QProgressDialog | None = None
        if len(sources) > 1 or (sources and Path(sources[0]).is_dir()):
            progress = self._progress("Importing…", 0)

        def work(job: Job) -> Any:
            import io

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
            failures = [o for o in batch.outcomes if o.status == "failed"]
            added = [o.clipping_id for o in batch.outcomes if o.status == "added"]
            if failures and not added and len(batch.outcomes) == 1 and not batch.stopped:
                self.say(f"Could not clip {failures[0].source}: {failures[0].reason}", error=True)
            else:
                text = batch.summary()
                if batch.stopped:
                    text += f" — the import stopped: {batch.stopped}"
                if failures:
                    text += " — " + "; ".join(
                        f"{Path(o.source).name}: {o.reason}" for o in failures[:3]
                    )
                self.say(text, error=bool(failures or batch.stopped))
            self.refresh_sidebar()
            duplicate = next(
                (o.clipping_id for o in batch.outcomes if o.status == "duplicate"), None
            )
            self.refresh_list(select=added[-1] if added else duplicate)

        def failed(error: BaseException) -> None:
            if progress:
                progress.close()
            self.fail(error)

        task = self.runner.read(work, done, failed, step)
        if progress:
            progress.canceled.connect(task.cancel)

    def rescan_speakers(self) -> None:
        """Run the speaker finder again over the selected clippings, off the GUI thread, with
        progress and cancel; what the user already accepted or rejected stays so."""
        ids = self.selected_ids()
        if not ids:
            self.say("Select the clippings to look at again (Ctrl+A for the whole list).")
            return
        progress = self._progress("Finding speakers…", len(ids))

        def work(job: Job) -> Any:
            from core.speakers import registry

            return registry.rescan(
                job.library,
                ids,
                progress=lambda n, total: job.report(n, total, ""),
                cancelled=job.cancelled.is_set,
                writer=job.writer,
            )

        def done(result: tuple[int, int]) -> None:
            progress.close()
            looked, waiting = result
            self.say(f"{looked} clipping(s) looked at; {waiting} speaker suggestion(s) to review")
            self._show_clipping(self.current_id())

        def failed(error: BaseException) -> None:
            progress.close()
            self.fail(error)

        task = self.runner.read(work, done, failed, lambda n, _t, _s: progress.setValue(n))
        progress.canceled.connect(task.cancel)

    def add_dialog(self) -> None:
        dialog = AddClippingDialog(self)
        if dialog.exec():
            source, data = dialog.source()
            if source == "-" and not (data or b"").strip():
                return
            self.capture([source], data)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of clippings")
        if folder:
            self.capture([folder], jobs=None)

    def paste(self) -> None:
        focus = QGuiApplication.focusObject() if QGuiApplication.instance() else None
        if isinstance(focus, (QLineEdit, QPlainTextEdit)):
            focus.paste()  # typing in a box: an ordinary paste
            return
        mime = QGuiApplication.clipboard().mimeData()
        self.capture_mime(mime)

    def capture_mime(self, mime: Any) -> None:
        """A URL, HTML (a browser selection keeps its text) or plain text from the clipboard."""
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
            self.say("The clipboard holds nothing Cuttings can clip.", error=True)

    def capture_urls(self, urls: list[QUrl]) -> None:
        sources = [u.toLocalFile() if u.isLocalFile() else u.toString() for u in urls]
        self.capture([s for s in sources if s], jobs=None)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.capture_mime(event.mimeData())
        event.acceptProposedAction()

    # -- libraries ---------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent():
            self.recent_menu.addAction(path, lambda p=path: self.switch_library(Path(p)))

    def recent(self) -> list[str]:
        value = self.settings.value("libraries/recent") or []
        return [value] if isinstance(value, str) else list(value)

    def remember(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self.recent() if p != str(path)]
        self.settings.setValue("libraries/recent", paths[:8])
        self._fill_recent()

    def new_library(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New library", "", "Cuttings library (*.db)")
        if name:
            self.switch_library(Path(name))

    def open_library(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open library", "", "Cuttings library (*.db)")
        if name:
            self.switch_library(Path(name))

    def switch_library(self, path: Path) -> None:
        opened = self._guard(lambda: Library.open(path))
        if opened is None:
            return
        self._save_notes()
        if self._unsaved_notes and not self._flush_notes():
            opened.close()
            return
        self._unsaved_notes.clear()
        old, self.library = self.library, opened
        self.model.library = opened
        self.runner.switch(opened)
        self.remember(self.library.path)
        old.close()
        self.setWindowTitle(f"Cuttings — {path.name}")
        self.view = listing.View()
        self.search.clear()
        self.refresh_sidebar()
        self.refresh_list()

    # -- briefing packs ----------------------------------------------------------------------

    def export_pack(self, target: Path | None = None, dialog: Any = None) -> None:
        """Ask what the pack holds and where it goes, then write it off the GUI thread."""
        from core.packs.build import clippings_with_notes
        from ui.dialogs.export_pack import ExportPackDialog

        def noted(scope: str) -> list[str]:
            ids = pack_ids(self, scope == "selection")
            return [title for _, title in clippings_with_notes(self.library, ids)]

        dialog = dialog or ExportPackDialog(
            len(self.selected_ids()), len(self.model.all_ids()), self, noted=noted
        )
        if not dialog.exec():
            return
        fmt, options = dialog.fmt(), dialog.options()
        ids = pack_ids(self, dialog.use_selection())
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Save briefing pack", f"{options.title}.{fmt}", f"*.{fmt}"
            )
            if not name:
                return
            target = Path(name)
        from core.packs.export import export, is_sqlite_file

        if not is_library_file(target) and is_sqlite_file(target):
            if not self._confirm(
                f"{target.name} is an SQLite database, perhaps another library. Replace it "
                "with the pack?"
            ):
                return

        def work(job: Job) -> Any:
            return export(job.library, ids, options, fmt, target, replace_database=True)

        def done(result: Any) -> None:
            pages = f", {result.pages} pages" if result.pages else ""
            self.say(f"Saved {result.path.name} ({result.clippings} clippings{pages})")

        self.say("Writing the briefing pack…")
        self.runner.read(work, done, self.fail)

    def print_pack(self, printer: Any = None) -> None:
        """Print the selection (or the list) as the pack's PDF pages: paper shows the layout
        and page numbers of the exported file. The PDF is made off the GUI thread."""
        import tempfile

        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from core.packs.build import PackOptions
        from core.packs.export import export
        from ui.printing import print_pdf

        ids = self.selected_ids() or list(self.model.all_ids())
        if not ids:
            self.say("There is nothing to print: the list is empty.", error=True)
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return
        folder = tempfile.TemporaryDirectory(prefix="cuttings-print-")

        def work(job: Job) -> Any:
            return export(job.library, ids, PackOptions(), "pdf", Path(folder.name) / "pack.pdf")

        def done(result: Any) -> None:
            try:
                pages = self._guard(lambda: print_pdf(result.path, printer))
            finally:
                folder.cleanup()
            if pages is not None:
                self.say(f"Sent {result.clippings} clipping(s), {pages} pages, to the printer")

        def failed(error: BaseException) -> None:
            folder.cleanup()
            self.fail(error)

        self.say("Preparing the pages to print…")
        self.runner.read(work, done, failed)

    def backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Back up library", f"{self.library.path.stem}-backup.db", "SQLite (*.db)"
        )
        if not name:
            return
        target = Path(name)

        def work(job: Job) -> Path:
            backup_library(job.library, target)
            return target

        self.say("Backing up…")
        self.runner.read(work, lambda _: self.say(f"Backed up to {name}"), self.fail)


def pack_ids(window: MainWindow, use_selection: bool) -> list[int]:
    return window.selected_ids() if use_selection else list(window.model.all_ids())


def backup_library(library: Library, target: Path) -> None:
    """A consistent copy while the app runs (SQLite's online backup), written beside the target
    and moved into place, so a failed backup leaves no half file."""
    refuse_library_file(target, "the file of a backup")
    partial = target.with_name(target.name + ".partial")
    try:
        with sqlite3.connect(partial) as out:
            library.db.conn.backup(out)
        out.close()
        shutil.move(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise CuttingsError(f"Could not back up to {target}: {error}") from error
