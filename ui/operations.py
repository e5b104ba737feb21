"""Writes as operations: a core write (core.operations) runs on the library's serial writer,
and the record of what it changed is handed to the window, whose panes each decide what to
redraw. Nothing in ui/ writes on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.changes import Changes
from core.library import Library
from ui.tasks import Runner

Op = Callable[[Library], Changes]


class Operations(QObject):
    #: every landed write's Changes, on the GUI thread
    changed = Signal(object)
    #: a failed write that has no failure handler of its own, and what it was
    failed = Signal(object, str)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner

    def run(
        self,
        op: Op,
        success: Callable[[Changes], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        *,
        what: str = "",
    ) -> Future[Any]:
        """``what`` names the change for a failure's message ("add the topic 'Energy'")."""

        def landed(changes: Changes) -> None:
            self.changed.emit(changes)
            if success is not None:
                success(changes)

        def refused(error: BaseException) -> None:
            if failure is not None:
                failure(error)
            else:
                self.failed.emit(error, what)

        return self.runner.write(op, landed, refused)
