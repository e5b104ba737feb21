"""The window as assembled from its rooms: it redraws what a write says it changed, and its
Help menu tells the query language, the shortcuts and where things are."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from core import logs
from ui.main_window import MainWindow


def test_tagging_redraws_rows_without_asking_for_the_list_again(qtbot, window: MainWindow):
    asked = []
    real = window.browsing.refresh_list
    window.browsing.refresh_list = lambda select=None: (asked.append(select), real(select))[1]
    window.table.select_id(window.model.ids[2])
    chosen = window.current_id()
    window.topic_edit.setText("Harbours")
    window.topic_edit.returnPressed.emit()
    assert asked == []  # rows and sidebar redrawn, the list kept as it is
    assert "Harbours" in window.library.get(chosen)["topics"]
    assert "Harbours" in window.model.data(window.model.index(2, 3)).split(", ")
    assert window.current_id() == chosen
    window.editing.trash_selection()
    assert asked == [None]  # the Trash changes what the list holds
    assert chosen not in window.model.ids


def test_the_help_menu_explains_queries_shortcuts_and_where_things_are(
    qtbot, window: MainWindow
) -> None:
    from ui import help

    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-1] == "&Help"
    queries = help.query_language(window)
    text = queries.findChild(QTextBrowser).toPlainText()
    assert "topic:Trade" in text and "from:2020-12-01" in text
    shortcuts = help.shortcuts(window, window.actions.listed)
    keys = shortcuts.findChild(QTextBrowser).toPlainText()
    assert "Ctrl+N" in keys and "Add clipping" in keys and "Ctrl+Shift+I" in keys
    about = help.about(window)
    facts = about.findChild(QTextBrowser).toPlainText()
    assert str(window.library.path) in facts and str(logs.log_file()) in facts
    for dialog in (queries, shortcuts, about):
        dialog.close()
