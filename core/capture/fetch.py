"""Fetching a web page: time-outs, a size cap, a redirect limit, and refusal of what is not a
page. Every failure is a CaptureError with a reason a user can read.

The total time limit holds against a server that trickles its answer (headers included) a
byte at a time, which per-read time-outs never catch: a timer shuts the fetch's sockets down
when the limit passes.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    IncompleteRead,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

from core.capture.decode import MAX_BYTES
from core.errors import CaptureError

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Cuttings/0.1 (press clipping; +offline)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 45.0
MAX_REDIRECTS = 8
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
DOCUMENT_TYPES = ("application/pdf",)  # read by core.capture.pdfdoc
_NOT_PAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


@dataclass
class Page:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


@dataclass
class Limits:
    connect: float = CONNECT_TIMEOUT
    read: float = READ_TIMEOUT
    total: float = TOTAL_TIMEOUT
    max_bytes: int = MAX_BYTES
    redirects: int = MAX_REDIRECTS


_OPENED = threading.local()  # the sockets the current thread's fetch opened
_RUNNING: set[Any] = set()  # the fetches under way in this process
_RUNNING_LOCK = threading.Lock()


def abort_all() -> None:
    """Stop every fetch under way in this process (the window is closing): each fails at
    once with "stopped" instead of running to its time limit."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for deadline in running:
        deadline.abort()


def _track(sock: socket.socket) -> socket.socket:
    opened = getattr(_OPENED, "sockets", None)
    if opened is not None:
        opened.append(sock)
    return sock


class _Connection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _track(super()._new_conn())


class _SecureConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _track(super()._new_conn())


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _SecurePool(HTTPSConnectionPool):
    ConnectionCls = _SecureConnection


def _manager() -> urllib3.PoolManager:
    # One per fetch: a connection kept alive from an earlier fetch would escape the timer.
    manager = urllib3.PoolManager(num_pools=4, headers={"User-Agent": USER_AGENT})
    manager.pool_classes_by_scheme = {"http": _Pool, "https": _SecurePool}
    return manager


class _Deadline:
    """Shuts down the sockets of one fetch when its total time is up, or when the program
    stops fetching (abort_all)."""

    def __init__(self, seconds: float) -> None:
        self.passed = threading.Event()
        self.aborted = threading.Event()
        self.sockets: list[Any] = []
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _OPENED.sockets = self.sockets
        with _RUNNING_LOCK:
            _RUNNING.add(self)
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with _RUNNING_LOCK:
            _RUNNING.discard(self)
        _OPENED.sockets = None

    def abort(self) -> None:
        self.aborted.set()
        self._cut()

    def _cut(self) -> None:
        self.passed.set()
        for sock in list(self.sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def fetch(url: str, limits: Limits | None = None) -> Page:
    limits = limits or Limits()
    if not re.match(r"^https?://[^/\s]+", url, re.I):
        raise CaptureError("not a web address (it must start with http:// or https://)")
    with _manager() as manager, _Deadline(limits.total) as deadline:
        try:
            page = _fetch(manager, url, limits, deadline)
        except CaptureError as error:
            if deadline.passed.is_set():
                raise CaptureError(_stopped(deadline, limits)) from error
            raise
        # A socket shut down at the deadline may end the body as if the server had finished.
        if deadline.passed.is_set():
            raise CaptureError(_stopped(deadline, limits))
        return page


def _stopped(deadline: _Deadline, limits: Limits) -> str:
    return "stopped before the page arrived" if deadline.aborted.is_set() else _too_slow(limits)


def _too_slow(limits: Limits) -> str:
    return f"the page took longer than {limits.total:.0f} s to arrive; given up"


def _fetch(manager: urllib3.PoolManager, url: str, limits: Limits, deadline: _Deadline) -> Page:
    started = time.monotonic()
    response = request(
        manager, url, limits, {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}
    )
    try:
        if response.status >= 400:
            raise CaptureError(
                f"the server answered {response.status} {response.reason or ''}".strip()
            )
        content_type = (response.headers.get("Content-Type") or "").lower()
        mime = content_type.split(";")[0].strip()
        if mime and mime not in PAGE_TYPES + DOCUMENT_TYPES:
            raise CaptureError(f"the address gives {mime}, not a web page")
    except CaptureError:
        discard(response)
        raise
    data = read_body(response, limits, started, "page")
    if not data.strip():
        raise CaptureError("the server sent an empty page")
    if data.startswith(_NOT_PAGES):  # servers that call everything text/html
        raise CaptureError("the address gives an image or an archive, not a web page")
    charset_match = _CHARSET.search(content_type)
    final_url = urljoin(url, response.geturl() or url)
    return Page(
        final_url, data, mime or "text/html", charset_match.group(1) if charset_match else None
    )


def request(manager: urllib3.PoolManager, url: str, limits: Limits, headers: dict[str, str]) -> Any:
    """GET with the limits' timeouts and redirects, the body left unread; CaptureError with a
    reason a user can read when no answer comes. The capture and the Inbox's feeds share it."""
    try:
        return manager.request(
            "GET",
            url,
            preload_content=False,
            timeout=urllib3.Timeout(connect=limits.connect, read=limits.read),
            retries=urllib3.Retry(
                total=None,
                connect=0,
                read=0,
                redirect=limits.redirects,
                status=0,
                raise_on_redirect=True,
            ),
            headers=headers,
        )
    except MaxRetryError as error:
        raise CaptureError(_reason(error.reason, limits)) from error
    except (HTTPError, OSError) as error:
        raise CaptureError(_reason(error, limits)) from error


def read_body(response: Any, limits: Limits, started: float, what: str) -> bytes:
    """The whole body within the limits' size and time (``what`` names it in the reasons);
    the connection goes back to the pool only when the body was read to its end."""
    complete = False
    size = 0
    try:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > limits.max_bytes:
            raise CaptureError(_too_large(int(length), limits))
        chunks = []
        for chunk in response.stream(65536):
            size += len(chunk)
            if size > limits.max_bytes:
                raise CaptureError(_too_large(size, limits))
            if time.monotonic() - started > limits.total:
                raise CaptureError(_too_slow(limits))
            chunks.append(chunk)
        complete = True
        return b"".join(chunks)
    except (TimeoutError, ReadTimeoutError) as error:
        raise CaptureError(f"the server stopped answering for {limits.read:g} s") from error
    except (ProtocolError, HTTPError, OSError) as error:
        if "IncompleteRead" in str(error) or isinstance(error, IncompleteRead):
            expected = response.headers.get("Content-Length")
            of = f" of {expected}" if expected and expected.isdigit() else ""
            partial = re.search(r"IncompleteRead\((\d+) bytes read", str(error))
            size += int(partial.group(1)) if partial else 0
            raise CaptureError(
                f"the server closed the connection before the {what} was complete "
                f"({size}{of} bytes arrived)"
            ) from error
        raise CaptureError(f"the connection broke before the {what} was complete") from error
    finally:
        if complete:
            response.release_conn()
        else:
            discard(response)


def discard(response: Any) -> None:
    """An answer not read to its end (a huge page, a stalled server) never goes back to the
    pool."""
    response.close()
    if response.connection is not None:
        response.connection.close()


def _too_large(size: int, limits: Limits) -> str:
    limit = limits.max_bytes // 1_048_576
    # while it streams in, the size so far only says it passed the cap
    shown = f"{size / 1_048_576:.0f} MB" if size >= limits.max_bytes + 1_048_576 else None
    return f"the page is too large ({shown or f'more than {limit} MB'}; at most {limit} MB)"


def _reason(error: BaseException | None, limits: Limits) -> str:
    text = str(error)
    # NewConnectionError is a ConnectTimeoutError in urllib3 2, so it is asked about first.
    if isinstance(error, NewConnectionError):
        if "refused" in text:
            return "the server refused the connection"
        if "resolve" in text.lower() or "not known" in text or "getaddrinfo" in text:
            return "the server's name could not be found (offline, or a mistyped address?)"
        return "could not connect to the server"
    if isinstance(error, ReadTimeoutError):
        return f"the server stopped answering for {limits.read:g} s"
    if isinstance(error, ConnectTimeoutError):
        return f"the server did not answer within {limits.connect:g} s"
    if isinstance(error, ProtocolError):
        return "the server closed the connection without answering"
    if "scheme" in text.lower() or "no host specified" in text.lower():
        return "the address redirects to one that is not http:// or https://, which is not followed"
    if "too many redirects" in text.lower():
        return f"the address redirects more than {limits.redirects} times (a redirect loop?)"
    if "SSL" in text or "certificate" in text:
        return "the secure connection failed (certificate problem)"
    return f"the page could not be fetched ({text})"
