"""Worker processes for a folder import: each reads and extracts sources (core.capture.reading)
within a time and memory allowance, and ends when the process that started it ends, however
it ends (a pipe only the parent can write is their lifeline)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from core.capture.fetch import Limits
from core.capture.reading import parse_source
from core.errors import CaptureError

#: how long one worker may spend on one source, and how much memory it may take
WORKER_SECONDS = 30
WORKER_MEMORY = 500 * 1024 * 1024


def _worker_start(lifeline: Any) -> None:
    # Ctrl+C goes to the whole process group; the parent alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent holds the only write end of the lifeline: when it dies, killed or not,
    # reading it ends, and so does this worker (and with the last one the fork server and
    # the resource tracker, which live as long as a worker does).
    threading.Thread(target=_watch, args=(lifeline,), name="lifeline", daemon=True).start()
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = _address_space() + WORKER_MEMORY
        if hard == resource.RLIM_INFINITY or wanted < hard:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        pass  # no limits on this system; the structure check still bounds the work


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _watch(lifeline: Any) -> None:
    try:
        lifeline.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(1)


def _timed_parse(
    source: str, data: bytes | None = None, limits: Limits | None = None
) -> dict[str, Any]:
    """parse_source in a worker, given up after WORKER_SECONDS and past WORKER_MEMORY."""

    def too_long(_signum: int, _frame: Any) -> None:
        raise CaptureError(f"reading it took longer than {WORKER_SECONDS} s; given up")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(WORKER_SECONDS)
    try:
        return parse_source(source, data, limits)
    except MemoryError as error:
        raise CaptureError(
            f"reading it needed more than {WORKER_MEMORY // 1_048_576} MB of memory; given up"
        ) from error
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Workers:
    """A pool of worker processes tied to this process's life by a pipe."""

    def __init__(self, jobs: int) -> None:
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["core.capture.workers"])
        self._lifeline, self._keep = context.Pipe(duplex=False)
        self.timed = hasattr(signal, "SIGALRM")
        self.pool = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_worker_start, initargs=(self._lifeline,)
        )

    def submit(self, item: tuple[str, bytes | None, Limits | None]) -> Future[dict[str, Any]]:
        return self.pool.submit(_timed_parse if self.timed else parse_source, *item)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self._keep.close()
        self._lifeline.close()
