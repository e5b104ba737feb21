"""The window's menus, shortcuts and toolbar, declared apart from what they do (as Picard's
actions are): each entry names its menu, its words, its keys and the room that answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Keys = QKeySequence.StandardKey | str | None


@dataclass
class Actions:
    add: QAction
    import_: QAction
    export: QAction
    trash: QAction
    undo: QAction
    fold: QAction
    recent_menu: QMenu
    #: (menu, words, keys) of every action, for Help ▸ Keyboard shortcuts
    listed: list[tuple[str, str, str]] = field(default_factory=list)
    inbox: QAction | None = None


def build(window: MainWindow) -> Actions:
    listed: list[tuple[str, str, str]] = []
    bar = window.menuBar()

    def action(menu: QMenu, text: str, slot: Callable[[], Any], keys: Keys = None) -> QAction:
        made = QAction(text, window)
        if keys is not None:
            made.setShortcut(QKeySequence(keys))
        made.triggered.connect(lambda *_: slot())
        menu.addAction(made)
        window.addAction(made)
        shown = made.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        listed.append((menu.title().replace("&", ""), text.replace("&", ""), shown))
        return made

    rooms = window
    file = bar.addMenu("&File")
    add = action(file, "&Add clipping…", lambda: rooms.capturing.add_dialog(), "Ctrl+N")
    import_ = action(
        file, "&Import folder…", lambda: rooms.capturing.import_folder(), "Ctrl+Shift+I"
    )
    file.addSeparator()
    action(file, "&New library…", rooms.files.new_library, "Ctrl+Shift+N")
    action(file, "&Open library…", rooms.files.open_library, QKeySequence.StandardKey.Open)
    recent_menu = file.addMenu("Open &recent")
    action(file, "&Back up library…", rooms.files.backup, "Ctrl+Shift+B")
    file.addSeparator()
    export = action(file, "&Export briefing pack…", lambda: rooms.packs.export(), "Ctrl+E")
    action(
        file, "&Print briefing pack…", lambda: rooms.packs.print(), QKeySequence.StandardKey.Print
    )
    action(file, "Export &highlights (W3C JSON)…", rooms.highlighting.export_json)
    action(file, "Import highlights (W3C JSON)…", rooms.highlighting.import_json)
    file.addSeparator()
    action(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    undo = action(edit, "&Undo", rooms.undo.undo, "Ctrl+Z")
    rooms.undo.action = undo
    undo.setEnabled(False)
    action(
        edit, "&Paste as clipping", lambda: rooms.capturing.paste(), QKeySequence.StandardKey.Paste
    )
    action(edit, "Edit &details…", rooms.editing.edit_details, "F2")
    trash = action(
        edit, "Move to &Trash", rooms.editing.trash_selection, QKeySequence.StandardKey.Delete
    )
    action(edit, "Add &topic…", lambda: window.tag_editors.topic_edit.setFocus(), "Ctrl+T")
    action(
        edit, "Add s&peaker…", lambda: window.tag_editors.speaker_edit.setFocus(), "Ctrl+Shift+T"
    )
    edit.addSeparator()
    action(edit, "&Highlight the selected words", rooms.highlighting.highlight_selection, "Ctrl+H")
    action(
        edit,
        "Highlight with a &comment…",
        rooms.highlighting.highlight_with_comment,
        "Ctrl+Shift+H",
    )
    action(edit, "Highlight c&olours…", rooms.highlighting.rename_colours)
    action(edit, "Edit the clipping's te&xt…", rooms.highlighting.edit_text)
    action(edit, "E&xtract the text again from the kept page", rooms.highlighting.extract_again)
    edit.addSeparator()
    action(edit, "Find speakers &again in the selection", lambda: rooms.speakers.rescan())
    edit.addSeparator()
    action(edit, "Pre&ferences…", lambda: rooms.connector.preferences(), "Ctrl+,")

    view = bar.addMenu("&View")
    fold = action(
        view,
        "&Fold wire copies under their original",
        lambda: rooms.browsing.set_view(fold=fold.isChecked()),
        "Ctrl+Shift+F",
    )
    fold.setCheckable(True)
    fold.setChecked(True)
    view.addSeparator()
    inbox = action(view, "&Inbox", lambda: rooms.watching.open(), "Ctrl+I")
    action(view, "&Check feeds now", lambda: rooms.watching.poll(every=True), "Ctrl+Shift+R")
    analysis = action(
        view, "&Analysis: coverage charts…", lambda: rooms.analysis.open(), "Ctrl+Shift+A"
    )
    analysis.setIconText("Analysis")

    find = bar.addMenu("&Search")
    action(find, "&Find", window.search.focus, QKeySequence.StandardKey.Find)
    action(find, "&Save search…", rooms.editing.save_search, "Ctrl+S")

    helps = bar.addMenu("&Help")
    action(helps, "&Query language", lambda: _help().query_language(window))
    action(helps, "&Keyboard shortcuts", lambda: _help().shortcuts(window, listed))
    action(helps, "&About Cuttings", lambda: _help().about(window))

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    for item in (add, import_, export, analysis, None, trash, undo, None, inbox):
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(item)
    return Actions(add, import_, export, trash, undo, fold, recent_menu, listed, inbox)


def _help() -> ModuleType:
    from ui import help  # its dialogs' classes load when Help is first asked for

    return help
