"""Highlights in the window, driven as a user would: select words in the reader, Ctrl+H, the
list under the reader, Delete, Ctrl+Z, the line on why it matters, the search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from core.highlights import retext, store
from ui.main_window import MainWindow
from ui.models.clip_list import COL_WHY


def select_words(window: MainWindow, words: str, until: str | None = None) -> None:
    """Select ``words`` in the reader (or from them to the end of ``until``, across
    paragraphs) as a user dragging over them would."""
    found = window.reader.document().find(words)
    assert not found.isNull(), words
    if until is not None:
        last = window.reader.document().find(until, found.selectionStart())
        assert not last.isNull(), until
        found.setPosition(found.selectionStart())
        found.setPosition(last.selectionEnd(), found.MoveMode.KeepAnchor)
    window.reader.setTextCursor(found)


def press(qtbot, window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.ControlModifier):
    qtbot.keyClick(window, key, modifiers)
    # QTest leaves Ctrl held for the application after a click with it; a later test's
    # selectRow would then toggle the row off
    qtbot.keyRelease(window, Qt.Key.Key_Control)


def marks(window: MainWindow) -> list[dict]:
    return store.of_clipping(window.library, window.current_id())


def test_select_and_highlight_then_edit_remove_and_undo(qtbot, window: MainWindow, monkeypatch):
    clip = window.current_id()
    text = window.library.get(clip)["text"]
    select_words(window, "talks on energy prices")
    press(qtbot, window, Qt.Key.Key_H)
    [row] = marks(window)
    assert text[row["start"] : row["end"]] == row["exact"] == "talks on energy prices"
    assert row["colour"] == "yellow"
    assert "#fff176" in window.reader.toHtml()  # shown in its colour
    assert window.highlighting.panel.count() == 1
    assert "talks on energy prices" in window.highlighting.panel.item(0).text()

    # a comment, through the list's double-click
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Ask the minister's office", True)
    )
    panel = window.highlighting.panel
    panel.itemDoubleClicked.emit(panel.item(0))
    assert marks(window)[0]["comment"] == "Ask the minister's office"
    assert "Ask the minister's office" in panel.item(0).text()
    window.highlighting.set_colour(row["id"], "pink")
    assert marks(window)[0]["colour"] == "pink"
    assert "#f8bbd0" in window.reader.toHtml()

    # Delete in the list removes it; Ctrl+Z brings it back, then undoes the colour
    panel.setFocus()
    panel.item(0).setSelected(True)
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    assert marks(window) == [] and panel.count() == 0
    assert window.actions.undo.text() == "&Undo remove highlight"
    press(qtbot, window, Qt.Key.Key_Z)
    assert [m["exact"] for m in marks(window)] == ["talks on energy prices"]
    press(qtbot, window, Qt.Key.Key_Z)
    assert marks(window)[0]["colour"] == "yellow"
    press(qtbot, window, Qt.Key.Key_Z)
    assert marks(window)[0]["comment"] == ""
    press(qtbot, window, Qt.Key.Key_Z)
    assert marks(window) == []
    assert not window.actions.undo.isEnabled()


def test_highlight_with_a_comment_in_a_chosen_colour(qtbot, window: MainWindow, monkeypatch):
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("For the minister's box", True)
    )
    select_words(window, "would go on")
    window.highlighting.highlight_selection("green", ask=True)
    [row] = marks(window)
    assert (row["exact"], row["colour"], row["comment"]) == (
        "would go on",
        "green",
        "For the minister's box",
    )
    # Ctrl+H uses the colour chosen last
    select_words(window, "Paragraph one")
    press(qtbot, window, Qt.Key.Key_H)
    assert [m["colour"] for m in marks(window)] == ["green", "green"]


def test_nothing_selected_says_what_to_do(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_H)
    assert marks(window) == []
    assert "Select some words" in window.statusBar().currentMessage()


def test_a_selection_maps_to_the_text_through_spacing_and_paragraphs(qtbot, window: MainWindow):
    text = "  Opening  words,   spaced\tout.\n\n   The second   paragraph ends here.\nLast one."
    clip = window.library.add_clipping({"title": "Spacing", "text": text})
    window.browsing.open_clipping(clip)
    assert window.current_id() == clip
    select_words(window, "spaced out.", "The second paragraph")  # Qt shows spaces collapsed
    window.highlighting.highlight_selection()
    [row] = marks(window)
    assert row["exact"] == text[text.index("spaced") : text.index("paragraph") + 9]
    assert text[row["start"] : row["end"]] == row["exact"]
    # a selection reaching into the headline starts at the text
    cursor = window.reader.document().find("Spacing")
    cursor.setPosition(cursor.selectionStart())
    end = window.reader.document().find("Opening")
    cursor.setPosition(end.selectionEnd(), cursor.MoveMode.KeepAnchor)
    window.reader.setTextCursor(cursor)
    assert window.highlighting.selection() == (text.index("Opening"), text.index("Opening") + 7)


def test_why_it_matters_from_the_reader_to_the_list(qtbot, window: MainWindow) -> None:
    clip = window.current_id()
    why = window.highlighting.why
    why.setFocus()
    qtbot.keyClicks(why, "Minister speaks on energy at 9")
    qtbot.keyClick(why, Qt.Key.Key_Return)
    assert store.why(window.library, clip) == "Minister speaks on energy at 9"
    row = window.model.row_of(clip)
    assert window.model.data(window.model.index(row, COL_WHY)) == "Minister speaks on energy at 9"
    # showing another clipping and coming back writes nothing back
    window.table.select_id(window.model.ids[1])
    window.table.select_id(clip)
    assert why.text() == "Minister speaks on energy at 9"
    press(qtbot, window, Qt.Key.Key_Z)
    assert store.why(window.library, clip) == ""
    assert why.text() == ""


def test_search_by_highlight_and_comment_in_the_window(qtbot, window: MainWindow) -> None:
    first = window.current_id()
    select_words(window, "Paragraph one")
    window.highlighting.highlight_selection()
    hid = marks(window)[0]["id"]
    store.edit(window.library, hid, comment="check with the regulator")
    for typed, expected in (
        ("in:highlights paragraph", [first]),
        ("in:comments regulator", [first]),
        ("in:comments paragraph", []),
        ("has:highlights", [first]),
    ):
        window.search.setText(typed)
        window.search.search_now()
        qtbot.waitUntil(lambda e=expected: window.model.ids == e, timeout=3000)
    window.search.setText("-has:highlights")
    window.search.search_now()
    qtbot.waitUntil(lambda: len(window.model.ids) == 29, timeout=3000)


def test_orphans_are_listed_and_a_click_on_a_highlight_chooses_it(qtbot, window: MainWindow):
    clip = window.current_id()
    text = window.library.get(clip)["text"]
    for words in ("Paragraph one", "would go on"):
        select_words(window, words)
        window.highlighting.highlight_selection()
    retext.replace_text(window.library, clip, text.replace("would go on", "had ended"))
    window.browsing.render(clip)
    panel = window.highlighting.panel
    assert panel.count() == 2
    assert "not found in the text any more" in panel.item(1).text()
    kept = marks(window)[0]["id"]
    window.reader.command.emit("highlight", str(kept))
    assert panel.selected_ids() == [kept]


@pytest.mark.parametrize("colour", ["Key", "Risk"])
def test_the_reader_menu_offers_each_colour(qtbot, window: MainWindow, colour) -> None:
    select_words(window, "Paragraph one")
    menu = window.highlighting.build_reader_menu(window.reader.rect().center())
    texts = [a.text() for a in menu.actions()]
    assert f"Highlight as {colour}" in texts and "Highlight with comment…" in texts
    # the reader's own entries stay, after ours
    assert texts.index("Highlight with comment…") < len(texts) - 1
    [act] = [a for a in menu.actions() if a.text() == f"Highlight as {colour}"]
    act.trigger()
    assert marks(window)[0]["colour_name"] == colour


def test_the_export_dialog_takes_highlights_by_default(qtbot) -> None:
    from ui.dialogs.export_pack import ExportPackDialog

    dialog = ExportPackDialog(1, 3)
    qtbot.addWidget(dialog)
    options = dialog.options()
    assert options.highlights and not options.highlights_only and not options.excerpt
    dialog.highlights_only.setChecked(True)
    options = dialog.options()
    assert options.highlights_only and options.excerpt  # laid out as an excerpt pack
    dialog.highlights.setChecked(False)
    assert not dialog.highlights_only.isEnabled()
    options = dialog.options()
    assert not options.highlights and not options.highlights_only


def test_editing_the_text_keeps_the_highlights_and_undoes(qtbot, window: MainWindow, monkeypatch):
    from ui.dialogs.edit_text import EditTextDialog

    clip = window.current_id()
    old = window.library.get(clip)["text"]
    select_words(window, "would go on")
    window.highlighting.highlight_selection()
    new = "A correction was added.\n" + old.replace("The minister said", "The minister told MPs")
    monkeypatch.setattr(EditTextDialog, "exec", lambda self: True)
    monkeypatch.setattr(EditTextDialog, "text", lambda self: new)
    window.highlighting.edit_text()
    assert window.library.get(clip)["text"] == new
    [row] = marks(window)
    assert new[row["start"] : row["end"]] == "would go on" and row["state"] == "anchored"
    assert "1 moved with their words" in window.statusBar().currentMessage()
    assert "A correction was added." in window.reader.toPlainText()
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.library.get(clip)["text"] == old
    assert old[marks(window)[0]["start"] :].startswith("would go on")
