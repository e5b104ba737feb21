"""A page the browser sent, into a clipping: the same extraction as a fetched page (text,
metadata, speakers), run in a worker process with the import's time and memory limits, and
the page kept as it was sent."""

from __future__ import annotations

import multiprocessing
import re
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from core.capture.headlines import clean_headline
from core.capture.htmlpage import parse_html
from core.capture.metadata import canonical
from core.capture.reading import check_structure
from core.capture.workers import WORKER_MEMORY, WORKER_SECONDS, _worker_start
from core.clippings import compress_original
from core.connector.bodies import Sent
from core.errors import CaptureError
from core.speakers.finder import find as find_speakers

# SingleFile inlines every image, font and style sheet as data: URIs; the text does not need
# them and they can be most of 30 MB, so the extraction reads the page without them (the
# page kept as the original still has them).
_INLINE_DATA = re.compile(
    rb"data:[\w.+/-]{1,100}(?:;[\w=.+-]{1,60})*;base64,[A-Za-z0-9+/=\s]{200,}"
)


def without_inline_data(html: bytes) -> bytes:
    return _INLINE_DATA.sub(b"data:,", html) if b";base64," in html else html


def extract(sent: Sent) -> dict[str, Any]:
    """The clipping a sent page makes (raises CaptureError). With a selection, the selected
    text is the clipping's text and the page gives its headline, outlet, byline and date."""
    readable = without_inline_data(sent.html)
    try:
        check_structure(readable)
        clipping = parse_html(readable, url=sent.url, declared=sent.charset)
    except CaptureError:
        if not sent.selection:
            raise
        # A selection on a page without an article (a search result, a feed) still clips.
        clipping = {"title": "", "text": ""}
    clipping["url"] = sent.url
    clipping.pop("original", None)  # the page as sent is kept, not the part read
    clipping["original_z"] = compress_original(sent.html)
    clipping["original_type"] = "text/html"
    clipping["source"] = sent.url
    if not clipping.get("title") and sent.title:
        clipping["title"] = clean_headline(sent.title, clipping.get("outlet"), sent.url)
    if sent.selection:
        clipping["text"] = sent.selection
        clipping["lead"] = None
        # A passage is not the article: it neither stands for the address nor is refused
        # because the whole article is in (the same passage twice is still one clipping).
        clipping["canonical_url"] = None
    else:
        clipping["canonical_url"] = clipping.get("canonical_url") or canonical(sent.url)
    if not clipping.get("title"):
        first = (clipping.get("text") or "").strip().split("\n", 1)[0]
        clipping["title"] = first[:120]
    clipping["finding"] = find_speakers(clipping.get("text") or "")
    return clipping


def _timed_extract(sent: Sent) -> dict[str, Any]:
    """extract in the worker, given up after WORKER_SECONDS and past WORKER_MEMORY."""

    def too_long(_signum: int, _frame: Any) -> None:
        raise CaptureError(f"reading the page took longer than {WORKER_SECONDS} s; given up")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(WORKER_SECONDS)
    try:
        return extract(sent)
    except MemoryError as error:
        raise CaptureError(
            f"reading the page needed more than {WORKER_MEMORY // 1_048_576} MB of memory; given up"
        ) from error
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _ready() -> bool:
    return True


class Extractor:
    """One worker process, started on first use and kept: a page that takes too long or
    too much memory fails alone, and a worker that dies is replaced for the next page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._keep: Any = None
        self._lifeline: Any = None
        self._closed = False
        self.timed = hasattr(signal, "SIGALRM")

    def _start(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise CaptureError("Cuttings is closing; the page was not clipped")
            if self._pool is None:
                method = "forkserver" if sys.platform.startswith("linux") else "spawn"
                context = multiprocessing.get_context(method)
                if method == "forkserver":
                    context.set_forkserver_preload(["core.connector.pages"])
                # The worker ends when this process does, killed or not (see capture.workers).
                self._lifeline, self._keep = context.Pipe(duplex=False)
                self._pool = ProcessPoolExecutor(
                    1, mp_context=context, initializer=_worker_start, initargs=(self._lifeline,)
                )
            return self._pool

    def warm(self) -> None:
        """Start the worker now (it loads trafilatura), so the first clip does not wait."""
        self._start().submit(_ready).result()

    def extract(self, sent: Sent) -> dict[str, Any]:
        pool = self._start()
        try:
            return pool.submit(_timed_extract if self.timed else extract, sent).result()
        except BrokenProcessPool as error:
            self._discard(pool)
            raise CaptureError(
                "the process reading the page stopped unexpectedly (out of memory?)"
            ) from error

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
                self._close_pipes()
        pool.shutdown(wait=False, cancel_futures=True)

    def _close_pipes(self) -> None:
        for end in (self._keep, self._lifeline):
            if end is not None:
                end.close()
        self._keep = self._lifeline = None

    def close(self) -> None:
        """Stop the worker now, a page in hand or not (closing the lifeline ends it), so a
        window that closes does not wait for an extraction."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
            self._close_pipes()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
