"""Library files from the window: a new one, another one, the recent ones, a backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from core.errors import CuttingsError
from core.files import refuse_target
from core.library import Library
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow

RECENT = 8


class LibraryFiles:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def recent(self) -> list[str]:
        value = self.window.settings.value("libraries/recent") or []
        return [value] if isinstance(value, str) else list(value)

    def remember(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self.recent() if p != str(path)]
        self.window.settings.setValue("libraries/recent", paths[:RECENT])
        self.fill_recent()

    def fill_recent(self) -> None:
        menu = self.window.actions.recent_menu
        menu.clear()
        for path in self.recent():
            menu.addAction(path, lambda p=path: self.switch(Path(p)))

    def new_library(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, "New library", "", "Cuttings library (*.db)"
        )
        if name:
            self.switch(Path(name))

    def open_library(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open library", "", "Cuttings library (*.db)"
        )
        if name:
            self.switch(Path(name))

    def switch(self, path: Path) -> None:
        window = self.window
        opened = window.guard(lambda: Library.open(path))
        if opened is None:
            return
        if not window.notes.flush(window):
            opened.close()
            return
        window.set_library(opened)
        self.remember(opened.path)

    def backup(self) -> None:
        window = self.window
        name, _ = QFileDialog.getSaveFileName(
            window, "Back up library", f"{window.library.path.stem}-backup.db", "SQLite (*.db)"
        )
        if not name:
            return
        target = Path(name)

        def work(job: Job) -> Path:
            backup_library(job.library, target)
            return target

        window.say("Backing up…")
        window.runner.read(work, lambda _: window.say(f"Backed up to {name}"), window.fail)


def backup_library(library: Library, target: Path) -> None:
    """A consistent copy while the app runs (SQLite's online backup), written beside the target
    and moved into place, so a failed backup leaves no half file."""
    # (the save dialog has asked before replacing a file)
    refuse_target(target, "a backup", replace_database=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with sqlite3.connect(partial) as out:
            library.conn.backup(out)
        out.close()
        shutil.move(partial, target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise CuttingsError(f"Could not back up to {target}: {error}") from error
