"""Adding clippings from web addresses, files, folders and standard input, one outcome each.

Reading and extracting (the slow part) runs in worker processes, one per core by default;
saving runs in the calling process (or on the window's serial writer; at one worker, on a
thread beside the next extraction), each clipping with its speaker suggestions and its story
in one transaction, so a clipping is whole or absent whatever stops the import. A failed
source is reported with its reason and the rest go on; a library that can no longer be
written (busy, full, read-only) stops the import, and the outcomes so far are still reported.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from core import logs
from core.capture import stories
from core.capture.fetch import Limits
from core.capture.metadata import canonical
from core.capture.reading import SUFFIXES, expand, is_url, parse_bytes, parse_source
from core.capture.workers import Workers
from core.errors import BadInput, CaptureError, LibraryError
from core.inputs import shown_path
from core.library import Library
from core.speakers.finder import find as find_speakers
from core.speakers.registry import suggest
from core.watch import rules as watch_rules
from core.writer import Direct, Writes

# What a caller of add_sources also reaches for, kept where it was.
__all__ = [
    "SUFFIXES",
    "Batch",
    "Outcome",
    "add_sources",
    "already_in",
    "content_hash",
    "expand",
    "is_url",
    "parse_bytes",
    "parse_source",
    "save",
]

Status = Literal["added", "duplicate", "failed"]


@dataclass
class Outcome:
    source: str  # as a person can read it (a file name that is not UTF-8 is shown with U+FFFD)
    status: Status
    clipping_id: int | None = None
    reason: str | None = None
    story_id: int | None = None  # set when the clipping joined a story of wire copies


@dataclass
class Batch:
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    #: why the import stopped before the end (the library became busy, the disk full), if so
    stopped: str | None = None

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    def summary(self) -> str:
        text = (
            f"{self.count('added')} added, {self.count('duplicate')} duplicates, "
            f"{self.count('failed')} failed"
        )
        return text + (" (stopped early)" if self.interrupted or self.stopped else "")


class _Stop(Exception):
    """The library cannot take more clippings: the import ends, its outcomes stay."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


def _copy_in(library: Library, digest: str, canonical_url: str | None) -> int | None:
    """The clipping already in the library with the same text, or the same address."""
    existing = library.find_by_hash(digest)
    if existing is None and canonical_url:
        existing = library.find_by_url(canonical_url)
    return existing


def _duplicate(source: str, existing: int) -> Outcome:
    return Outcome(source, "duplicate", existing, f"already in the library as {existing}")


def content_hash(text: str) -> str:
    """Identity of an article's text: case and spacing do not make a different article."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()


def already_in(library: Library, source: str, writer: Writes | None = None) -> Outcome | None:
    """A source taken before: the same file, or an address whose article is in. A clipping
    that an older version left unfinished (killed between its saves) is completed now."""
    if source == "-":
        return None
    shown = shown_path(source)
    if is_url(source):
        found = library.find_by_url(canonical(source) or source)
        reason = "this address is already in the library as {}"
    else:
        rows = library.execute(
            "SELECT id, complete FROM clippings WHERE source = ? ORDER BY id LIMIT 1", [shown]
        )
        found = rows[0]["id"] if rows else None
        reason = "this file was imported before, as {}"
        if rows and not rows[0]["complete"]:
            (writer or Direct(library)).run(lambda lib: complete(lib, rows[0]["id"]))
            reason += " (its speakers and story are now complete)"
    if found is None:
        return None
    return Outcome(shown, "duplicate", found, reason.format(found))


def complete(library: Library, clipping_id: int) -> None:
    """Find the speakers and the story of a clipping saved without them."""
    with library.write() as db:
        row = db.conn.execute(
            "SELECT text, story_id FROM clippings WHERE id = ?", [clipping_id]
        ).fetchone()
        if row is None:
            return
        suggest(library, clipping_id, find_speakers(row[0] or ""))
        if row[1] is None:
            original = stories.find_original(library, clipping_id, row[0] or "")
            if original:
                stories.join(library, clipping_id, original)
        db.conn.execute("UPDATE clippings SET complete = 1 WHERE id = ?", [clipping_id])


def save(
    library: Library, clipping: dict[str, Any], source: str, *, digest: str | None = None
) -> Outcome:
    """Save one extracted clipping with its suggestions and its story, in one transaction
    (``digest``: its content_hash, if the caller has it already)."""
    if not (clipping.get("text") or "").strip() and not clipping.get("title"):
        return Outcome(source, "failed", reason="no article text")
    digest = digest or content_hash(clipping.get("text") or clipping.get("title") or "")
    finding = clipping.pop("finding", None)
    clipping = {**clipping, "content_hash": digest, "source": clipping.get("source") or source}
    with library.write():
        # Asked inside the transaction: two programs importing the same file at once must
        # not both find it missing.
        existing = _copy_in(library, digest, clipping.get("canonical_url"))
        if existing is not None:
            return _duplicate(source, existing)
        clipping_id = library.add_clipping(clipping)
        if finding is not None:
            suggest(library, clipping_id, finding)
        original = stories.find_original(library, clipping_id, clipping.get("text") or "")
        story = stories.join(library, clipping_id, original) if original else None
        # The hook for rules that tag (core.watch.rules): every route saves through here.
        watch_rules.tag_new(library, clipping_id)
    return Outcome(source, "added", clipping_id, story_id=story)


# -- the batch ----------------------------------------------------------------------------


def add_sources(
    library: Library,
    sources: Iterable[str],
    *,
    jobs: int | None = None,
    stdin: Any = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    limits: Limits | None = None,
    writer: Writes | None = None,
) -> Batch:
    """Add every source; ``jobs`` worker processes extract (default: one per core). Reads go
    through ``library``; saves through ``writer`` (default: ``library`` itself)."""
    writer = writer or Direct(library)
    paths = list(expand(sources))
    batch = Batch()
    todo: list[tuple[str, bytes | None, Limits | None]] = []

    def record(outcome: Outcome) -> None:
        batch.outcomes.append(outcome)
        if progress:
            progress(len(batch.outcomes), len(paths), outcome)

    try:
        for source, unreadable in paths:
            if unreadable:
                record(Outcome(shown_path(source), "failed", reason=unreadable))
                continue
            known = already_in(library, source, writer)
            if known:
                record(known)
            else:
                data = (stdin or sys.stdin.buffer).read() if source == "-" else None
                todo.append((source, data, limits))
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
        if jobs == 1:
            _serial(library, writer, todo, record, cancelled, batch)
        else:
            _parallel(writer, todo, jobs, record, cancelled, batch)
    except KeyboardInterrupt:
        batch.interrupted = True
    except _Stop as stop:
        record(stop.outcome)
        batch.stopped = str(stop.outcome.reason).removeprefix("not saved: ")
    except LibraryError as error:  # the library could not even be read any more
        batch.stopped = str(error)
    return batch


def _one(
    writer: Writes,
    source: str,
    parse: Callable[[], dict[str, Any]],
    reads: Library | None = None,
) -> Outcome:
    """Extract one source and save it."""
    ready = _prepare(source, parse, reads)
    return ready if isinstance(ready, Outcome) else _save(writer, *ready)


def _prepare(
    source: str, parse: Callable[[], dict[str, Any]], reads: Library | None = None
) -> Outcome | tuple[str, dict[str, Any], str | None]:
    """Extract one source: its outcome if it goes no further, else what saving it takes.
    Given ``reads``, this process finds the clipping's speakers itself, once the library is
    seen not to hold the same article already: a copy costs no run of the finder (save asks
    again, in its transaction, and has the last word)."""
    shown = shown_path(source)
    digest = None
    try:
        clipping = parse()
        if reads is not None and "finding" not in clipping:
            text = clipping.get("text") or ""
            if text.strip() or clipping.get("title"):
                digest = content_hash(text or clipping.get("title") or "")
                existing = _copy_in(reads, digest, clipping.get("canonical_url"))
                if existing is not None:
                    return _duplicate(shown, existing)
            clipping["finding"] = find_speakers(text)
    except (CaptureError, BadInput) as error:
        return Outcome(shown, "failed", reason=str(error))
    except BrokenProcessPool:
        raise
    except LibraryError as error:  # the look for a copy: the library cannot be read
        raise _Stop(Outcome(shown, "failed", reason=f"not saved: {error}")) from error
    except Exception as error:  # noqa: BLE001 - a bug on one page must not end the import
        return Outcome(shown, "failed", reason=logs.bug(error, f"reading {shown}"))
    return shown, clipping, digest


def _save(writer: Writes, shown: str, clipping: dict[str, Any], digest: str | None) -> Outcome:
    try:
        return writer.run(lambda library: save(library, clipping, shown, digest=digest))
    except BadInput as error:  # a date that is no date, say: this one fails, the rest go on
        return Outcome(shown, "failed", reason=str(error))
    except LibraryError as error:
        raise _Stop(Outcome(shown, "failed", reason=f"not saved: {error}")) from error


def _serial(
    library: Library,
    writer: Writes,
    todo: list[tuple[str, bytes | None, Limits | None]],
    record: Callable[[Outcome], None],
    cancelled: Callable[[], bool],
    batch: Batch,
) -> None:
    """Extract in this process, one source at a time, while the one before is saved on a
    thread of its own: the save is mostly SQLite's work, which lets go of the interpreter,
    so it runs beside the next extraction (a seventh of a one-worker import's time)."""
    # The saves' own connection, used by their thread alone and opened for the first save
    # (a read-only library saves nothing: the first save says why, here).
    own: list[Library] = []
    inline = isinstance(writer, Direct) and bool(library.read_only)

    def saving() -> Writes:
        if not isinstance(writer, Direct):
            return writer
        if not own:
            timeout = library.busy_timeout()
            own.append(Library.open(library.path, busy_timeout=timeout, check_same_thread=False))
        return Direct(own[0])

    saves = ThreadPoolExecutor(1, thread_name_prefix="cuttings-save")
    pending: Future[Outcome] | None = None
    try:
        for item in todo:
            if cancelled():
                batch.interrupted = True
                break
            # The original is compressed on the saves' thread (zlib too lets go of the interpreter).
            parse = partial(parse_source, *item, speakers=False, compressed=False)
            ready = _prepare(item[0], parse, library)
            if pending is not None:
                done, pending = pending, None
                record(done.result())
                if cancelled():  # asked while this one was read: it is not saved
                    batch.interrupted = True
                    break
            if isinstance(ready, Outcome):
                record(ready)
            elif inline:
                record(_save(writer, *ready))
            else:
                pending = saves.submit(_save, saving(), *ready)
        if pending is not None:
            done, pending = pending, None
            record(done.result())
    finally:
        saves.shutdown()
        if pending is not None and pending.exception() is None:
            # Interrupted while the one before was being saved: it is in, so it is counted.
            batch.outcomes.append(pending.result())
        for connection in own:
            connection.close()


def _parallel(
    writer: Writes,
    todo: list[tuple[str, bytes | None, Limits | None]],
    jobs: int,
    record: Callable[[Outcome], None],
    cancelled: Callable[[], bool],
    batch: Batch,
) -> None:
    """Extract in worker processes and save in the order given, so ids follow it."""
    workers = Workers(jobs)
    window: deque[tuple[Future[dict[str, Any]], tuple[str, bytes | None, Limits | None]]]
    window = deque()
    queue = iter(todo)
    try:
        while True:
            # A bounded window keeps memory flat on a folder of 100,000 pages.
            while len(window) < jobs * 4:
                item = next(queue, None)
                if item is None:
                    break
                window.append((workers.submit(item), item))
            if cancelled():
                batch.interrupted = True
                break
            if not window:
                break
            future, item = window.popleft()
            try:
                outcome = _one(writer, item[0], future.result)
            except BrokenProcessPool:
                # A worker died (the system ran out of memory, say): this source fails, a new
                # pool takes the rest.
                record(
                    Outcome(
                        shown_path(item[0]),
                        "failed",
                        reason="the process reading it stopped unexpectedly (out of memory?)",
                    )
                )
                workers.close()
                workers = Workers(jobs)
                window = deque((workers.submit(i), i) for _, i in window)
                continue
            record(outcome)
    finally:
        workers.close()
