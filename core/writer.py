"""Who writes, and who reads, in a long-lived process such as the window.

Every change goes through one ``Writer``: one connection on one thread, taking jobs in the
order they are asked (as Anki's task manager and Datasette's write thread do). Two writes from
one process can then never wait on each other, and each waits for other programs only in its
own ``BEGIN IMMEDIATE``. Reads run on ``Readers``: one connection per thread, opened on the
thread's first read and kept for the next, rather than a connection opened for each job.

The command line has one connection and no threads; ``Direct`` gives it the same interface.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol, TypeVar

from core.library import Library

T = TypeVar("T")
Job = Callable[[Library], Any]


class Writes(Protocol):
    """What capture and rescans need to save: run a change and return its result."""

    def run(self, job: Callable[[Library], T]) -> T: ...


class Direct:
    """Writes on the caller's own library, at once (the command line)."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def run(self, job: Callable[[Library], T]) -> T:
        return job(self.library)


class Writer:
    """The one thread that changes a library. ``submit`` returns a Future; ``run`` waits."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._jobs: queue.SimpleQueue[tuple[Job, Future[Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="cuttings-writer", daemon=True)
        self._closed = False
        self._thread.start()

    def submit(self, job: Callable[[Library], T]) -> Future[T]:
        future: Future[T] = Future()
        if self._closed:
            future.set_exception(RuntimeError("the library's writer is closed"))
            return future
        self._jobs.put((job, future))
        return future

    def run(self, job: Callable[[Library], T]) -> T:
        if threading.current_thread() is self._thread:
            raise RuntimeError("a write job cannot wait for another write job")
        return self.submit(job).result()

    def close(self, timeout: float | None = None) -> None:
        """Finish the jobs already asked for, then close the connection."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
        self._thread.join(timeout)

    def _loop(self) -> None:
        library: Library | None = None
        opening_error: BaseException | None = None
        try:
            while True:
                item = self._jobs.get()
                if item is None:
                    return
                job, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                if library is None and opening_error is None:
                    try:
                        library = Library.open(self.path, busy_timeout=self.busy_timeout)
                    except BaseException as error:  # noqa: BLE001 - handed to every job
                        opening_error = error
                if library is None:
                    assert opening_error is not None
                    future.set_exception(opening_error)
                    continue
                try:
                    result = job(library)
                except BaseException as error:  # noqa: BLE001 - the caller decides
                    future.set_exception(error)
                else:
                    future.set_result(result)
        finally:
            if library is not None:
                library.close()


class Readers:
    """One reading connection per thread, opened on its first use and reused."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._lock = threading.Lock()
        # By the thread's id, not in a threading.local: a thread Qt's pool runs Python on
        # gets a fresh thread state, and so a fresh local, for every job (each job opened a
        # connection, with a cold cache, and kept the last one open).
        self._open: dict[int, Library] = {}

    def get(self) -> Library:
        thread = threading.get_ident()
        with self._lock:
            library = self._open.get(thread)
        if library is None:
            # check_same_thread off so that close_all() may close it from another thread
            # once no job runs; until then only this thread uses it (a thread that ended
            # leaves it to the next one given its id).
            library = Library.open(
                self.path, busy_timeout=self.busy_timeout, check_same_thread=False
            )
            with self._lock:
                self._open[thread] = library
        return library

    def close_all(self) -> None:
        """Close every connection (when no job runs any more)."""
        with self._lock:
            libraries, self._open = list(self._open.values()), {}
        for library in libraries:
            try:
                library.conn.close()
            except Exception:  # noqa: BLE001 - closing what is already gone
                pass
