"""Feeds written by the tests and served on 127.0.0.1: RSS, Atom and news sitemaps with
ETag and Last-Modified (answered 304 when unchanged), article pages behind them, and feeds
that misbehave as real ones do."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from tests.pages import article


@dataclass
class Entry:
    title: str
    link: str
    guid: str | None = None
    summary: str = ""
    published: datetime | None = None
    categories: list[str] = field(default_factory=list)


def recent(hours: float = 1) -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours)


def rss(title: str, entries: list[Entry], *, encoding: str = "utf-8") -> bytes:
    items = []
    for e in entries:
        parts = [f"<title>{escape(e.title)}</title>", f"<link>{escape(e.link)}</link>"]
        if e.guid:
            parts.append(f'<guid isPermaLink="false">{escape(e.guid)}</guid>')
        if e.summary:
            parts.append(f"<description>{escape(e.summary)}</description>")
        if e.published:
            parts.append(f"<pubDate>{format_datetime(e.published, usegmt=True)}</pubDate>")
        parts += [f"<category>{escape(c)}</category>" for c in e.categories]
        items.append("<item>" + "".join(parts) + "</item>")
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://courier.example/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    )
    return text.encode("utf-8")


def atom(title: str, entries: list[Entry]) -> bytes:
    items = []
    for e in entries:
        stamp = (e.published or recent()).isoformat().replace("+00:00", "Z")
        items.append(
            f'<entry><title>{escape(e.title)}</title><link href="{escape(e.link)}"/>'
            f"<id>{escape(e.guid or e.link)}</id><updated>{stamp}</updated>"
            f'<summary type="html">{escape(e.summary)}</summary></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:feed:{escape(title)}</id>"
        f"<updated>{recent().isoformat()}</updated>{''.join(items)}</feed>"
    ).encode()


def news_sitemap(outlet: str, entries: list[Entry]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(e.link)}</loc><news:news><news:publication><news:name>"
        f"{escape(outlet)}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{(e.published or recent()).isoformat()}"
        f"</news:publication_date><news:title>{escape(e.title)}</news:title></news:news></url>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
    ).encode()


class FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer.HTTP  # type: ignore[name-defined]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        owner: FeedServer = self.server.owner  # type: ignore[attr-defined]
        path = self.path.split("?")[0]
        owner.requests.append((path, dict(self.headers)))
        if path.startswith("/loop"):
            return self._send(302, {"Location": "/loop" + str(int(path[5:] or 0) + 1)}, b"")
        if path == "/silent":
            time.sleep(owner.silent_seconds)
            return
        route = owner.routes.get(path)
        if route is None:
            return self._send(404, {"Content-Type": "text/html"}, b"<html>not found</html>")
        content_type, body, etag, modified = route
        if etag and self.headers.get("If-None-Match") == etag:
            owner.not_modified.append(path)
            return self._send(304, {"ETag": etag}, b"")
        if modified and not etag and self.headers.get("If-Modified-Since") == modified:
            owner.not_modified.append(path)
            return self._send(304, {"Last-Modified": modified}, b"")
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        if modified:
            headers["Last-Modified"] = modified
        self._send(200, headers, body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes, str | None, str | None]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.not_modified: list[str] = []
        self.silent_seconds = 5.0
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self  # type: ignore[attr-defined]
        self._versions = 0
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def serve(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/rss+xml; charset=utf-8",
        *,
        etag: bool = True,
        modified: bool = False,
    ) -> str:
        """Serve ``body`` at ``path`` (a new ETag each time it changes); returns its URL."""
        self._versions += 1
        tag = f'"v{self._versions}"' if etag else None
        stamp = format_datetime(recent(0) + timedelta(seconds=self._versions), usegmt=True)
        self.routes[path] = (content_type, body, tag, stamp if modified else None)
        return self.url(path)

    def page(self, path: str, title: str, body: str) -> str:
        """An article page, with its canonical address its own."""
        return self.serve(
            path, article(title, body, canonical=self.url(path)), "text/html; charset=utf-8"
        )

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
