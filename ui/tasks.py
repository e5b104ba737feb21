"""Work off the GUI thread: run a function on the thread pool and get its result (or its known
error) back on the GUI thread through a signal. Tests make it run at once."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import CuttingsError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)


class Task(QRunnable):
    """One piece of background work. ``fn(report)`` gets a progress function of its own."""

    def __init__(self, fn: Callable[[Callable[[int, int, str], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = False

    def report(self, number: int, total: int, text: str) -> None:
        self.signals.progress.emit(number, total, text)

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except CuttingsError as error:  # a known failure: a sentence for the user
            self.signals.failed.emit(str(error))
        except Exception:  # a bug: say so plainly, keep the details for the log
            traceback.print_exc()
            self.signals.failed.emit("Something went wrong inside Cuttings (details in the log).")
        else:
            self.signals.done.emit(result)


class Runner:
    """Starts tasks; ``synchronous`` runs them at once on the calling thread (for tests)."""

    def __init__(self, synchronous: bool = False) -> None:
        self.synchronous = synchronous
        self.pool = QThreadPool.globalInstance()
        self._alive: set[Task] = set()

    def start(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> Task:
        task = Task(fn)
        task.setAutoDelete(False)
        if done:
            task.signals.done.connect(done)
        if failed:
            task.signals.failed.connect(failed)
        if progress:
            task.signals.progress.connect(progress)
        self._alive.add(task)
        task.signals.done.connect(lambda *_: self._alive.discard(task))
        task.signals.failed.connect(lambda *_: self._alive.discard(task))
        if self.synchronous:
            task.run()
        else:
            self.pool.start(task)
        return task

    def wait(self) -> None:
        self.pool.waitForDone()
