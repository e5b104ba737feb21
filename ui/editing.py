"""Changing clippings and tags from the window: details, the Trash and its undo, topics and
speakers on the selection, renaming, merging and deleting tags, saved searches. Every change
is an operation on the serial writer; the window redraws from what it reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from core import operations, tags
from core.changes import Changes

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Editing:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ops = window.ops
        window.tag_editors.tag_requested.connect(self.tag)
        window.table.customContextMenuRequested.connect(self.list_menu)
        window.sidebar.action_requested.connect(self.sidebar_action)

    # -- the selection -------------------------------------------------------------------

    def tag(self, kind: str, name: str) -> None:
        ids = self.window.selected_ids()
        if not ids:
            return
        self.ops.run(
            lambda lib: operations.tag(lib, kind, ids, [name]),
            what=f"add the {kind} {name!r}",
            success=lambda _: self.window.say(
                f"{kind.capitalize()} {name!r} added to {len(ids)} clipping(s)"
            ),
        )

    def untag(self, kind: str, name: str) -> None:
        ids = self.window.selected_ids()
        self.ops.run(
            lambda lib: operations.untag(lib, kind, ids, [name]),
            what=f"remove the {kind} {name!r}",
            success=lambda _: self.window.say(
                f"{kind.capitalize()} {name!r} removed from {len(ids)} clipping(s)"
            ),
        )

    def edit_details(self) -> None:
        from ui.dialogs.edit_details import EditDetailsDialog

        clipping_id = self.window.current_id()
        if clipping_id is None:
            return
        row = self.window.guard(lambda: self.window.library.get(clipping_id))
        if row is None:
            return
        dialog = EditDetailsDialog(row, self.window)
        if dialog.exec():
            values = dialog.values()
            values["title"] = values["title"] or ""
            self.ops.run(
                lambda lib: operations.edit(lib, clipping_id, **values), what="save the details"
            )

    def trash_selection(self) -> None:
        ids = self.window.selected_ids()
        if not ids or self.window.browsing.view.scope == "trash":
            return

        def moved(changes: Changes) -> None:
            moved_ids = list(changes.value)
            if not moved_ids:
                return
            words = f"move {len(moved_ids)} clipping(s) to the Trash"
            self.window.undo.push(
                words,
                lambda lib: operations.restore(lib, moved_ids),
                lambda: self.window.browsing.refresh_list(select=moved_ids[0]),
            )
            self.window.say(
                f"{len(moved_ids)} clipping(s) moved to the Trash — Ctrl+Z brings them back"
            )

        self.ops.run(lambda lib: operations.trash(lib, ids), moved, what="move them to the Trash")

    def restore(self, ids: list[int]) -> None:
        self.ops.run(lambda lib: operations.restore(lib, ids), what="restore them")

    # -- saved searches ------------------------------------------------------------------

    def save_search(self) -> None:
        window = self.window
        query = window.guard(lambda: window.browsing.view.query_text(window.library))
        if not query:
            window.say("Type a search first, then save it.", error=True)
            return
        name, ok = QInputDialog.getText(
            window, "Save search", "Name:", text=window.browsing.view.text
        )
        if ok and name.strip():
            self.ops.run(
                lambda lib: operations.save_search(lib, name, query),
                what=f"save the search {name.strip()!r}",
                success=lambda _: window.say(f"Saved search {name.strip()!r}"),
            )

    # -- menus ---------------------------------------------------------------------------

    def list_menu(self, position: QPoint) -> None:
        ids = self.window.selected_ids()
        if not ids:
            return
        menu = QMenu(self.window)
        menu.addAction("Edit details…", self.edit_details)
        if self.window.browsing.view.scope == "trash":
            menu.addAction("Restore", lambda: self.restore(ids))
        else:
            menu.addAction("Move to Trash", self.trash_selection)
        rows = self.window.guard(lambda: self.window.library.get_many(ids)) or []
        for kind, key in (("topic", "topics"), ("speaker", "speakers")):
            names = sorted({n for row in rows for n in row.get(key, [])})
            if names:
                sub = menu.addMenu(f"Remove {kind}")
                for name in names:
                    sub.addAction(name, lambda k=kind, n=name: self.untag(k, n))
        menu.exec(self.window.table.viewport().mapToGlobal(position))

    def sidebar_action(self, verb: str, scope: str, name: str, count: Any) -> None:
        if scope == "saved" and verb == "delete":
            self.ops.run(
                lambda lib: operations.delete_search(lib, name),
                what=f"delete the saved search {name!r}",
            )
        elif verb == "who":
            self.window.speakers.who_said_what(name)
        elif verb == "edit":
            self.window.speakers.edit_speaker(name)
        elif verb == "rename":
            self.rename_tag(scope, name)
        elif verb == "merge":
            self.merge_tag(scope, name, count)
        elif verb == "delete":
            self.delete_tag(scope, name, count)

    def rename_tag(self, kind: str, name: str) -> None:
        new, ok = QInputDialog.getText(self.window, f"Rename {kind}", "New name:", text=name)
        if ok and new.strip() and new.strip() != name:
            self.ops.run(
                lambda lib: operations.rename_tag(lib, kind, name, new),
                what=f"rename the {kind} {name!r}",
            )

    def merge_tag(self, kind: str, name: str, count: int | None) -> None:
        counts = self.window.guard(lambda: tags.KINDS[kind].counts(self.window.library)) or []
        others = [r["name"] for r in counts if r["name"] != name]
        if not others:
            self.window.say(f"There is no other {kind} to merge into.", error=True)
            return
        target, ok = QInputDialog.getItem(
            self.window,
            f"Merge {kind}",
            f"Merge {name!r} ({count} clippings) into:",
            others,
            0,
            False,
        )
        if ok and self.confirm(f"Merge {name!r} into {target!r}? It touches {count} clipping(s)."):
            self.ops.run(
                lambda lib: operations.merge_tags(lib, kind, name, target),
                what=f"merge {name!r} into {target!r}",
            )

    def delete_tag(self, kind: str, name: str, count: int | None) -> None:
        if self.confirm(f"Delete the {kind} {name!r}? It is on {count} clipping(s)."):
            self.ops.run(
                lambda lib: operations.delete_tag(lib, kind, name),
                what=f"delete the {kind} {name!r}",
            )

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self.window, "Cuttings", text)
        return answer == QMessageBox.StandardButton.Yes
