"""Fetching a feed: the capture's limits (core.capture.fetch: time-outs, the total time a
trickling server gets, the size cap, the redirect limit) with a conditional GET, so a feed
that has not changed answers 304 with no body and costs nothing more.

The capture's fetch refuses what is not a page; feeds come as RSS, Atom and XML types, and a
304 is an answer here, not an empty page.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import HTTPError, IncompleteRead, MaxRetryError, ProtocolError

# The capture's own machinery: one PoolManager per fetch whose sockets a timer can cut.
from core.capture.fetch import (
    _CHARSET,
    _NOT_PAGES,
    Limits,
    _Deadline,
    _manager,
    _reason,
    _too_large,
    _too_slow,
)
from core.errors import CaptureError

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)
#: types a feed, a sitemap or the page that names them may come as
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "application/x-atom+xml",
    "text/rss+xml",
    "text/atom+xml",
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/octet-stream",  # servers that do not know what a feed is
    "binary/octet-stream",
)


@dataclass
class Answer:
    url: str  # after redirects
    status: int  # 200, or 304 when the feed has not changed
    data: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    seconds: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch_feed(
    url: str,
    limits: Limits | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Answer:
    """GET ``url`` with If-None-Match / If-Modified-Since from the last answer; raises
    CaptureError with a reason a user can read."""
    limits = limits or Limits()
    if not re.match(r"^https?://[^/\s]+", url, re.I):
        raise CaptureError("not a web address (it must start with http:// or https://)")
    headers = {"Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    with _manager() as manager, _Deadline(limits.total) as deadline:
        try:
            answer = _get(manager, url, limits, headers)
        except CaptureError as error:
            if deadline.passed.is_set():
                raise CaptureError(_too_slow(limits)) from error
            raise
    answer.seconds = time.monotonic() - started
    return answer


def _get(manager: urllib3.PoolManager, url: str, limits: Limits, headers: dict[str, str]) -> Answer:
    started = time.monotonic()
    try:
        response = manager.request(
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
    complete = False
    try:
        final = urljoin(url, response.geturl() or url)
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if response.status == 304:
            complete = True
            return Answer(final, 304, b"", "", None, etag, modified, 0.0)
        if response.status >= 400:
            raise CaptureError(
                f"the server answered {response.status} {response.reason or ''}".strip()
            )
        content_type = (response.headers.get("Content-Type") or "").lower()
        mime = content_type.split(";")[0].strip()
        if mime and mime not in FEED_TYPES:
            raise CaptureError(f"the address gives {mime}, not a feed")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > limits.max_bytes:
            raise CaptureError(_too_large(int(length), limits))
        chunks, size = [], 0
        for chunk in response.stream(65536):
            size += len(chunk)
            if size > limits.max_bytes:
                raise CaptureError(_too_large(size, limits))
            if time.monotonic() - started > limits.total:
                raise CaptureError(_too_slow(limits))
            chunks.append(chunk)
        data = b"".join(chunks)
        complete = True
    except (TimeoutError, urllib3.exceptions.ReadTimeoutError) as error:
        raise CaptureError(f"the server stopped answering for {limits.read:g} s") from error
    except (ProtocolError, HTTPError, OSError) as error:
        if isinstance(error, IncompleteRead) or "IncompleteRead" in str(error):
            raise CaptureError(
                "the server closed the connection before the feed was complete"
            ) from error
        raise CaptureError("the connection broke before the feed was complete") from error
    finally:
        if complete:
            response.release_conn()
        else:  # an unread rest must not go back to the pool
            response.close()
            if response.connection is not None:
                response.connection.close()
    if not data.strip():
        raise CaptureError("the server sent an empty answer")
    if data.startswith(_NOT_PAGES):
        raise CaptureError("the address gives an image or an archive, not a feed")
    charset = _CHARSET.search(content_type)
    return Answer(
        final,
        200,
        data,
        mime or "application/xml",
        charset.group(1) if charset else None,
        etag,
        modified,
        0.0,
    )
