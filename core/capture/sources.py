"""Adding clippings from web addresses, files, folders and standard input, one outcome each.

Reading and extracting (the slow part) runs in worker processes, one per core by default;
saving runs in the calling process, each clipping in its own transaction, so a failure, a
Ctrl+C or a kill keeps every clipping saved before it. A failed source is reported with its
reason and the rest go on.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from core.capture import stories
from core.capture.decode import check_size, decode
from core.capture.fetch import Limits, fetch
from core.capture.htmlpage import parse_html
from core.capture.metadata import canonical
from core.capture.pdfdoc import looks_like_pdf, parse_pdf
from core.capture.textfile import parse_text
from core.errors import CaptureError
from core.library import Library
from core.speakers.finder import find as find_speakers
from core.speakers.registry import suggest

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".pdf"}

Status = Literal["added", "duplicate", "failed"]


@dataclass
class Outcome:
    source: str
    status: Status
    clipping_id: int | None = None
    reason: str | None = None
    story_id: int | None = None  # set when the clipping joined a story of wire copies


@dataclass
class Batch:
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    def summary(self) -> str:
        text = (
            f"{self.count('added')} added, {self.count('duplicate')} duplicates, "
            f"{self.count('failed')} failed"
        )
        return text + (" (stopped early)" if self.interrupted else "")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def content_hash(text: str) -> str:
    """Identity of an article's text: case and spacing do not make a different article."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def parse_bytes(data: bytes, name: str, declared: str | None = None) -> dict[str, Any]:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or looks_like_pdf(data):
        return parse_pdf(data)
    if suffix in HTML_SUFFIXES or (suffix not in SUFFIXES and looks_like_html(data)):
        return parse_html(data, declared=declared)
    return parse_text(decode(data, declared), markdown=suffix in MARKDOWN_SUFFIXES)


def read_file(path: Path) -> bytes:
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
            clipping = parse_html(page.data, url=page.url, declared=page.charset)
        clipping["url"] = page.url
        clipping["canonical_url"] = clipping.get("canonical_url") or canonical(page.url)
        return clipping
    clipping = parse_bytes(read_file(Path(source)), source)
    return clipping


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Addresses and files as given; folders walked recursively for the files Cuttings reads."""
    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield str(Path(root) / name)
        else:
            yield source


def already_in(library: Library, source: str) -> Outcome | None:
    """A source taken before: the same file, or an address whose article is in."""
    if source == "-":
        return None
    if is_url(source):
        found = library.find_by_url(canonical(source) or source)
        reason = "this address is already in the library as {}"
    else:
        rows = library.execute(
            "SELECT id FROM clippings WHERE source = ? ORDER BY id LIMIT 1", [source]
        )
        found = rows[0]["id"] if rows else None
        reason = "this file was imported before, as {}"
    if found is None:
        return None
    return Outcome(source, "duplicate", found, reason.format(found))


def save(library: Library, clipping: dict[str, Any], source: str) -> Outcome:
    if not (clipping.get("text") or "").strip() and not clipping.get("title"):
        return Outcome(source, "failed", reason="no article text")
    digest = content_hash(clipping.get("text") or clipping.get("title") or "")
    existing = library.find_by_hash(digest)
    if existing is None and clipping.get("canonical_url"):
        existing = library.find_by_url(clipping["canonical_url"])
    if existing is not None:
        return Outcome(source, "duplicate", existing, f"already in the library as {existing}")
    finding = clipping.pop("finding", None)
    clipping = {**clipping, "content_hash": digest, "source": clipping.get("source") or source}
    clipping_id = library.add_clipping(clipping)
    if finding is not None:
        suggest(library, clipping_id, finding)
    original = stories.find_original(library, clipping_id, clipping.get("text") or "")
    story = stories.join(library, clipping_id, original) if original else None
    return Outcome(source, "added", clipping_id, story_id=story)


def _quiet_worker() -> None:
    # Ctrl+C goes to the whole process group; the parent alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(jobs: int) -> ProcessPoolExecutor:
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["core.capture.sources"])
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker)


def add_sources(
    library: Library,
    sources: Iterable[str],
    *,
    jobs: int | None = None,
    stdin: Any = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    limits: Limits | None = None,
) -> Batch:
    """Add every source; ``jobs`` worker processes extract (default: one per core)."""
    paths = list(expand(sources))
    batch = Batch()
    todo: list[tuple[str, bytes | None, Limits | None]] = []
    for source in paths:
        known = already_in(library, source)
        if known:
            batch.outcomes.append(known)
        else:
            data = (stdin or sys.stdin.buffer).read() if source == "-" else None
            todo.append((source, data, limits))

    def record(outcome: Outcome) -> None:
        batch.outcomes.append(outcome)
        if progress:
            progress(len(batch.outcomes), len(paths), outcome)

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    try:
        if jobs == 1:
            for item in todo:
                if cancelled():
                    batch.interrupted = True
                    break
                record(_one(library, item[0], lambda item=item: parse_source(*item)))
        else:
            _parallel(library, todo, jobs, record, cancelled, batch)
    except KeyboardInterrupt:
        batch.interrupted = True
    return batch


def _one(library: Library, source: str, parse: Callable[[], dict[str, Any]]) -> Outcome:
    try:
        return save(library, parse(), source)
    except CaptureError as error:
        return Outcome(source, "failed", reason=str(error))


def _parallel(
    library: Library,
    todo: list[tuple[str, bytes | None, Limits | None]],
    jobs: int,
    record: Callable[[Outcome], None],
    cancelled: Callable[[], bool],
    batch: Batch,
) -> None:
    """Extract in worker processes and save in the order given, so ids follow it."""
    pool = _pool(jobs)
    window: deque[tuple[Future[dict[str, Any]], str]] = deque()
    queue = iter(todo)
    try:
        while True:
            # A bounded window keeps memory flat on a folder of 100,000 pages.
            while len(window) < jobs * 4:
                item = next(queue, None)
                if item is None:
                    break
                window.append((pool.submit(parse_source, *item), item[0]))
            if cancelled():
                batch.interrupted = True
                break
            if not window:
                break
            future, source = window.popleft()
            record(_one(library, source, future.result))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
