"""The export dialog: notes stay out unless ticked, and it says which clippings have notes."""

from __future__ import annotations

from core.library import Library
from core.packs.build import clippings_with_notes
from ui.dialogs.export_pack import ExportPackDialog, notes_sentence


def test_notes_are_off_and_the_dialog_names_the_clippings_that_have_them(
    qtbot, library: Library
) -> None:
    ids = library.add_clippings(
        [
            {"title": "Port deal signed", "text": "a", "notes": "Call the harbour master"},
            {"title": "Budget vote", "text": "b"},
            {"title": "Shipyard visit", "text": "c", "notes": "Internal only"},
        ]
    )
    selected = ids[1:2]

    def noted(scope: str) -> list[str]:
        chosen = selected if scope == "selection" else ids
        return [title for _, title in clippings_with_notes(library, chosen)]

    dialog = ExportPackDialog(len(selected), len(ids), noted=noted)
    qtbot.addWidget(dialog)
    assert not dialog.notes.isChecked() and dialog.options().notes is False
    assert dialog.notes_about.text() == "None of these clippings has notes."
    dialog.scope.setCurrentIndex(dialog.scope.findData("view"))
    assert dialog.notes_about.text() == (
        "2 clippings have notes: “Port deal signed”, “Shipyard visit”."
    )
    dialog.notes.setChecked(True)
    assert dialog.options().notes is True


def test_every_quote_is_offered_only_for_excerpt_packs(qtbot) -> None:
    dialog = ExportPackDialog(1, 5)
    qtbot.addWidget(dialog)
    assert not dialog.notes_about.isVisibleTo(dialog)  # nothing to say without a library
    assert not dialog.all_quotes.isEnabled()
    dialog.excerpt.setChecked(True)
    dialog.all_quotes.setChecked(True)
    options = dialog.options()
    assert options.excerpt and options.all_quotes


def test_the_sentence_about_notes_stays_short() -> None:
    many = [f"Headline {n}" for n in range(7)]
    assert notes_sentence(many) == (
        "7 clippings have notes: “Headline 0”, “Headline 1”, “Headline 2” and 4 more."
    )
    assert notes_sentence(["One"]) == "1 clipping has notes: “One”."
