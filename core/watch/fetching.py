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

# The capture's own machinery: one PoolManager per fetch whose sockets a timer can cut.
from core.capture.fetch import (
    _CHARSET,
    _NOT_PAGES,
    Limits,
    _Deadline,
    _manager,
    _too_slow,
    discard,
    read_body,
    request,
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
    response = request(manager, url, limits, headers)
    try:
        final = urljoin(url, response.geturl() or url)
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if response.status == 304:
            response.release_conn()
            return Answer(final, 304, b"", "", None, etag, modified, 0.0)
        if response.status >= 400:
            raise CaptureError(
                f"the server answered {response.status} {response.reason or ''}".strip()
            )
        content_type = (response.headers.get("Content-Type") or "").lower()
        mime = content_type.split(";")[0].strip()
        if mime and mime not in FEED_TYPES:
            raise CaptureError(f"the address gives {mime}, not a feed")
    except CaptureError:
        discard(response)
        raise
    data = read_body(response, limits, started, "feed")
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
