"""Fetching a web page: time-outs, a size cap, a redirect limit, and refusal of what is not a
page. Every failure is a CaptureError with a reason a user can read."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
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


_POOL: urllib3.PoolManager | None = None


def _pool() -> urllib3.PoolManager:
    global _POOL
    if _POOL is None:  # one per process: worker processes each make their own
        _POOL = urllib3.PoolManager(num_pools=8, headers={"User-Agent": USER_AGENT})
    return _POOL


def fetch(url: str, limits: Limits | None = None) -> Page:
    limits = limits or Limits()
    if not re.match(r"^https?://[^/\s]+", url, re.I):
        raise CaptureError("not a web address (it must start with http:// or https://)")
    started = time.monotonic()
    try:
        response = _pool().request(
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
            headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
        )
    except MaxRetryError as error:
        raise CaptureError(_reason(error.reason, limits)) from error
    except (HTTPError, OSError) as error:
        raise CaptureError(_reason(error, limits)) from error
    complete = False
    try:
        if response.status >= 400:
            raise CaptureError(
                f"the server answered {response.status} {response.reason or ''}".strip()
            )
        content_type = (response.headers.get("Content-Type") or "").lower()
        mime = content_type.split(";")[0].strip()
        if mime and mime not in PAGE_TYPES + DOCUMENT_TYPES:
            raise CaptureError(f"the address gives {mime}, not a web page")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > limits.max_bytes:
            raise CaptureError(_too_large(int(length), limits))
        chunks, size = [], 0
        for chunk in response.stream(65536):
            size += len(chunk)
            if size > limits.max_bytes:
                raise CaptureError(_too_large(size, limits))
            if time.monotonic() - started > limits.total:
                raise CaptureError(f"the page took longer than {limits.total:.0f} s to arrive")
            chunks.append(chunk)
        data = b"".join(chunks)
        complete = True
    except (TimeoutError, ReadTimeoutError) as error:
        raise CaptureError(f"the server stopped answering for {limits.read:g} s") from error
    except (ProtocolError, HTTPError) as error:
        raise CaptureError(f"the connection broke: {error}") from error
    finally:
        if complete:
            response.release_conn()
        else:  # an unread rest (a huge page, a stalled server) must not go back to the pool
            response.close()
            if response.connection is not None:
                response.connection.close()
    if not data.strip():
        raise CaptureError("the server sent an empty page")
    if data.startswith(_NOT_PAGES):  # servers that call everything text/html
        raise CaptureError("the address gives an image or an archive, not a web page")
    charset_match = _CHARSET.search(content_type)
    final_url = urljoin(url, response.geturl() or url)
    return Page(
        final_url, data, mime or "text/html", charset_match.group(1) if charset_match else None
    )


def _too_large(size: int, limits: Limits) -> str:
    return (
        f"the page is too large ({size / 1_048_576:.0f} MB; at most "
        f"{limits.max_bytes // 1_048_576} MB)"
    )


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
    if "too many redirects" in text.lower():
        return f"the address redirects more than {limits.redirects} times (a redirect loop?)"
    if "SSL" in text or "certificate" in text:
        return "the secure connection failed (certificate problem)"
    return f"the page could not be fetched ({text})"
