"""Adding clippings from web addresses, files, folders and standard input, one outcome each.

Reading and extracting (the slow part) runs in worker processes, one per core by default;
saving runs in the calling process (or on the window's serial writer), each clipping with its
speaker suggestions and its story in one transaction, so a clipping is whole or absent
whatever stops the import. A failed source is reported with its reason and the rest go on; a
library that can no longer be written (busy, full, read-only) stops the import, and the
outcomes so far are still reported.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from core import logs
from core.capture import stories
from core.capture.decode import check_size, decode
from core.capture.fetch import Limits, fetch
from core.capture.htmlpage import parse_html
from core.capture.metadata import canonical
from core.capture.pdfdoc import looks_like_pdf, parse_pdf
from core.capture.textfile import parse_text
from core.errors import BadInput, CaptureError, LibraryError
from core.inputs import shown_path
from core.library import Library, is_library_file
from core.speakers.finder import find as find_speakers
from core.speakers.registry import suggest
from core.watch import rules as watch_rules
from core.writer import Direct, Writes

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".pdf"}

Status = Literal["added", "duplicate", "failed"]
#: a page whose extraction would take minutes: a directory or a dump, not an article
MAX_ELEMENTS = 150_000
#: how long one worker may spend on one source, and how much memory it may take
WORKER_SECONDS = 30
WORKER_MEMORY = 500 * 1024 * 1024


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


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{1,15}):")


def local_path(source: str) -> Path:
    """The file a source names: a path, or a file:// address. Other schemes are refused."""
    scheme = _SCHEME.match(source)
    if scheme and scheme.group(1).lower() == "file":
        parts = urlsplit(source)
        if parts.netloc not in ("", "localhost"):
            raise CaptureError(f"file://{parts.netloc}/ is on another computer; copy it here")
        return Path(unquote(parts.path))
    if scheme and not Path(source).exists():
        name = scheme.group(1).lower()
        if name in ("javascript", "data", "mailto", "about", "blob"):
            raise CaptureError(f"a {name}: link is not the address of a page that can be fetched")
        raise CaptureError(
            f"{name}:// addresses are not supported; Cuttings clips http:// and https:// "
            "addresses, files and folders"
        )
    return Path(source)


def content_hash(text: str) -> str:
    """Identity of an article's text: case and spacing do not make a different article."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def check_structure(data: bytes) -> None:
    """Refuse, before parsing, a page with so many elements that reading it would take
    minutes (trafilatura's cost grows faster than the page: 200,000 links took 39 s)."""
    tags = data.count(b"<") - data.count(b"</")
    if tags > MAX_ELEMENTS:
        raise CaptureError(
            f"the page has about {tags:,} elements (at most {MAX_ELEMENTS:,}): "
            "it is a directory or an archive, not an article"
        )


def parse_bytes(data: bytes, name: str, declared: str | None = None) -> dict[str, Any]:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or looks_like_pdf(data):
        return parse_pdf(data)
    if suffix in HTML_SUFFIXES or (suffix not in SUFFIXES and looks_like_html(data)):
        check_structure(data)
        return parse_html(data, declared=declared)
    return parse_text(decode(data, declared), markdown=suffix in MARKDOWN_SUFFIXES)


def read_file(path: Path) -> bytes:
    if is_library_file(path):
        raise CaptureError("that is the library file itself, not a clipping")
    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError as error:
        raise CaptureError("the file does not exist (or vanished while importing)") from error
    except IsADirectoryError as error:
        raise CaptureError("that is a folder") from error
    except PermissionError as error:
        raise CaptureError("permission denied") from error
    except OSError as error:
        raise CaptureError(error.strerror or str(error)) from error


def parse_source(
    source: str, data: bytes | None = None, limits: Limits | None = None
) -> dict[str, Any]:
    """Read and extract one source, and find who it quotes; raises CaptureError. Runs in
    worker processes."""
    clipping = _extract(source, data, limits)
    clipping["finding"] = find_speakers(clipping.get("text") or "")
    return clipping


def _extract(source: str, data: bytes | None, limits: Limits | None) -> dict[str, Any]:
    if data is not None:  # standard input, read by the caller
        check_size(len(data))
        clipping = parse_bytes(data, "stdin")
        clipping["source"] = "stdin"
        return clipping
    if is_url(source):
        page = fetch(source, limits)
        if page.content_type == "application/pdf" or looks_like_pdf(page.data):
            clipping = parse_pdf(page.data, url=page.url)
        elif page.content_type == "text/plain":
            clipping = parse_text(decode(page.data, page.charset))
        else:
            check_structure(page.data)
            clipping = parse_html(page.data, url=page.url, declared=page.charset)
        clipping["url"] = page.url
        clipping["canonical_url"] = clipping.get("canonical_url") or canonical(page.url)
        return clipping
    path = local_path(source)
    return parse_bytes(read_file(path), str(path))


def expand(sources: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Each source with why it cannot be read (None when it can): addresses and files as
    given, folders walked recursively for the files Cuttings reads. A folder that cannot be
    listed is an outcome of its own, not a silence."""
    for source in sources:
        try:
            path = local_path(source) if source != "-" and not is_url(source) else None
        except CaptureError as error:
            yield source, str(error)
            continue
        if path is None or not path.is_dir():
            yield source, None
            continue
        unreadable: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=unreadable.append):
            dirs.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() in SUFFIXES:
                    yield str(Path(root) / name), None
            while unreadable:
                error = unreadable.pop(0)
                yield str(error.filename or root), f"the folder cannot be read ({error.strerror})"
        while unreadable:
            error = unreadable.pop(0)
            yield str(error.filename or path), f"the folder cannot be read ({error.strerror})"


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


def save(library: Library, clipping: dict[str, Any], source: str) -> Outcome:
    """Save one extracted clipping with its suggestions and its story, in one transaction."""
    if not (clipping.get("text") or "").strip() and not clipping.get("title"):
        return Outcome(source, "failed", reason="no article text")
    digest = content_hash(clipping.get("text") or clipping.get("title") or "")
    finding = clipping.pop("finding", None)
    clipping = {**clipping, "content_hash": digest, "source": clipping.get("source") or source}
    with library.write():
        # Asked inside the transaction: two programs importing the same file at once must
        # not both find it missing.
        existing = library.find_by_hash(digest)
        if existing is None and clipping.get("canonical_url"):
            existing = library.find_by_url(clipping["canonical_url"])
        if existing is not None:
            return Outcome(source, "duplicate", existing, f"already in the library as {existing}")
        clipping_id = library.add_clipping(clipping)
        if finding is not None:
            suggest(library, clipping_id, finding)
        original = stories.find_original(library, clipping_id, clipping.get("text") or "")
        story = stories.join(library, clipping_id, original) if original else None
        # The hook for rules that tag (core.watch.rules): every route saves through here.
        watch_rules.tag_new(library, clipping_id)
    return Outcome(source, "added", clipping_id, story_id=story)


# -- worker processes -------------------------------------------------------------------


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


class _Workers:
    """A pool of worker processes tied to this process's life by a pipe."""

    def __init__(self, jobs: int) -> None:
        method = "forkserver" if sys.platform.startswith("linux") else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["core.capture.sources"])
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
            for item in todo:
                if cancelled():
                    batch.interrupted = True
                    break
                record(_one(writer, item[0], lambda item=item: parse_source(*item)))
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


def _one(writer: Writes, source: str, parse: Callable[[], dict[str, Any]]) -> Outcome:
    shown = shown_path(source)
    try:
        clipping = parse()
    except (CaptureError, BadInput) as error:
        return Outcome(shown, "failed", reason=str(error))
    except BrokenProcessPool:
        raise
    except Exception as error:  # noqa: BLE001 - a bug on one page must not end the import
        return Outcome(shown, "failed", reason=logs.bug(error, f"reading {shown}"))
    try:
        return writer.run(lambda library: save(library, clipping, shown))
    except BadInput as error:  # a date that is no date, say: this one fails, the rest go on
        return Outcome(shown, "failed", reason=str(error))
    except LibraryError as error:
        raise _Stop(Outcome(shown, "failed", reason=f"not saved: {error}")) from error


def _parallel(
    writer: Writes,
    todo: list[tuple[str, bytes | None, Limits | None]],
    jobs: int,
    record: Callable[[Outcome], None],
    cancelled: Callable[[], bool],
    batch: Batch,
) -> None:
    """Extract in worker processes and save in the order given, so ids follow it."""
    workers = _Workers(jobs)
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
                workers = _Workers(jobs)
                window = deque((workers.submit(i), i) for _, i in window)
                continue
            record(outcome)
    finally:
        workers.close()
