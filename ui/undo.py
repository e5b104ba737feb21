"""Ctrl+Z for the window: each undoable change pushes what takes it back (an operation on the
serial writer) with words for the Edit menu ("Undo accept Ann Lee"); the newest goes first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction

from ui.operations import Op, Operations

LIMIT = 100


@dataclass(frozen=True)
class Step:
    words: str  # "accept Ann Lee", "move 3 clippings to the Trash"
    back: Op  # the operation that takes it back
    after: Callable[[], None] | None = None  # what the window does once it is back


class UndoStack:
    def __init__(self, ops: Operations, say: Callable[[str], None]) -> None:
        self.ops = ops
        self.say = say
        self.steps: list[Step] = []
        self.action: QAction | None = None

    def push(self, words: str, back: Op, after: Callable[[], None] | None = None) -> None:
        self.steps.append(Step(words, back, after))
        del self.steps[:-LIMIT]
        self._show()

    def undo(self) -> None:
        if not self.steps:
            return
        step = self.steps.pop()
        self._show()

        def done(_changes: object) -> None:
            self.say(f"Undone: {step.words}")
            if step.after is not None:
                step.after()

        def refused(error: BaseException) -> None:
            from ui.messages import describe

            self.say(describe(error))

        self.ops.run(step.back, done, refused)

    def clear(self) -> None:
        self.steps.clear()
        self._show()

    def _show(self) -> None:
        if self.action is None:
            return
        self.action.setEnabled(bool(self.steps))
        words = self.steps[-1].words if self.steps else ""
        self.action.setText(f"&Undo {words}" if words else "&Undo")
