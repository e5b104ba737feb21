"""Work off the GUI thread, one way for everything.

``Runner.read`` runs a job on a small pool of threads, each keeping one reading connection to
the library from job to job; ``Runner.write`` runs a change on the library's one serial writer
(core.writer), so the GUI thread never writes. Either way the result, or the exception object
itself, comes back to the GUI thread through a signal; ui.messages turns an exception into
words. ``synchronous`` runs reads at once on the calling thread and waits for each write, so
tests are deterministic and still go through the real writer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.library import Library
from core.writer import Readers, Writer

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


@dataclass
class Job:
    """What a read job gets: its thread's library, the writer for the saves it makes, a way to
    report progress, and the flag Cancel sets."""

    library: Library
    writer: Writer
    report: Progress
    cancelled: threading.Event = field(default_factory=threading.Event)


class Task(QRunnable):
    """One read job on the pool."""

    def __init__(self, runner: Runner, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self.runner = runner
        self.fn = fn
        self.signals = _Signals()
        self.cancelled = threading.Event()

    def cancel(self) -> None:
        self.cancelled.set()

    def report(self, number: int, total: int, text: str) -> None:
        self.signals.progress.emit(number, total, text)

    def run(self) -> None:
        try:
            library = self.runner.reader()
            result = self.fn(Job(library, self.runner.writer, self.report, self.cancelled))
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread whole
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class Runner:
    """Reads on a pool of threads with their own connections; writes on the serial writer."""

    def __init__(self, library: Library, *, synchronous: bool = False, threads: int = 2) -> None:
        self.synchronous = synchronous
        self.library = library  # the GUI thread's own reading connection
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.pool.setExpiryTimeout(-1)  # threads (and their connections) live as long as we do
        self._alive: set[Any] = set()
        self._open(library)

    def _open(self, library: Library) -> None:
        timeout = library.conn.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
        self.readers = Readers(library.path, busy_timeout=timeout)
        self.writer = Writer(library.path, busy_timeout=timeout)

    def reader(self) -> Library:
        if self.synchronous or threading.current_thread() is threading.main_thread():
            return self.library
        return self.readers.get()

    # -- reads -------------------------------------------------------------------------

    def read(
        self,
        fn: Callable[[Job], Any],
        done: Done | None = None,
        failed: Failed | None = None,
        progress: Progress | None = None,
    ) -> Task:
        task = Task(self, fn)
        task.setAutoDelete(False)
        for signal, slot in (
            (task.signals.done, done),
            (task.signals.failed, failed),
            (task.signals.progress, progress),
        ):
            if slot is not None:
                signal.connect(slot)
        self._alive.add(task)
        task.signals.done.connect(lambda *_: self._alive.discard(task))
        task.signals.failed.connect(lambda *_: self._alive.discard(task))
        if self.synchronous:
            task.run()
        else:
            self.pool.start(task)
        return task

    # -- writes ------------------------------------------------------------------------

    def write(
        self,
        fn: Callable[[Library], Any],
        done: Done | None = None,
        failed: Failed | None = None,
    ) -> Future[Any]:
        """A change, on the serial writer; ``done`` or ``failed`` follow on the GUI thread."""
        future = self.writer.submit(fn)
        if self.synchronous:
            try:
                result = future.result()
            except BaseException as error:  # noqa: BLE001
                if failed is not None:
                    failed(error)
            else:
                if done is not None:
                    done(result)
            return future
        signals = _Signals()  # made here, so it lives on the GUI thread and queues to it
        if done is not None:
            signals.done.connect(done)
        if failed is not None:
            signals.failed.connect(failed)
        self._alive.add(signals)

        def landed(finished: Future[Any]) -> None:
            error = finished.exception()
            if error is not None:
                signals.failed.emit(error)
            else:
                signals.done.emit(finished.result())

        signals.done.connect(lambda *_: self._alive.discard(signals))
        signals.failed.connect(lambda *_: self._alive.discard(signals))
        future.add_done_callback(landed)
        return future

    def warm_up(self, then: Callable[[], None] = lambda: None) -> None:
        """Open the writer's connection and load what writes need (sqlite-utils) now, while
        the user looks at the first screen, rather than in the first change asked for; then
        ``then`` (on the GUI thread)."""
        self.write(lambda library: library.db, lambda _: then(), lambda _: then())

    # -- life ----------------------------------------------------------------------------

    def cancel_all(self) -> None:
        for item in list(self._alive):
            if isinstance(item, Task):
                item.cancel()

    def wait(self, msecs: int = -1) -> None:
        """Wait for the reads running now (the writer's queue is left to ``close``)."""
        self.pool.waitForDone(msecs)

    def switch(self, library: Library) -> None:
        """Work on another library from now on (the old writer finishes its queue first)."""
        self.close()
        self.library = library
        self._open(library)

    def close(self, timeout: float | None = 30) -> None:
        self.cancel_all()
        # a read that will not stop (a server that trickles) must not hold the window open
        self.pool.waitForDone(int((timeout or 30) * 1000))
        self.writer.close(timeout)
        self.readers.close_all()
