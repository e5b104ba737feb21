"""A real HTTP server on 127.0.0.1 for capture tests: good pages, the corpus pages when
../shared is present, and endpoints that misbehave the ways real servers do."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE = """<html><head><meta charset="utf-8"><title>{title} | The Courier</title>
<meta property="og:site_name" content="The Courier">
<link rel="canonical" href="{canonical}">
<meta name="author" content="By Ana Lima">
<meta property="article:published_time" content="2024-05-31T08:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article>
<h1>{title}</h1>
{paragraphs}
</article><footer>Copyright The Courier. All rights reserved.</footer></body></html>"""


def article(title: str, body: str, canonical: str = "https://courier.example/story") -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return ARTICLE.format(title=title, canonical=canonical, paragraphs=paragraphs).encode()


GOOD_BODY = (
    "Dockers returned to work on Friday after a three-day strike over pay and shift patterns "
    "that had halted container traffic through the port.\n\n"
    '"We have an agreement our members can accept," the union\'s regional secretary said.\n\n'
    "The port authority said ships would be cleared by Monday."
)


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    corpus: Path | None = None

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path in self.routes:
            self.send(*self.routes[path])
        elif path == "/slow":
            time.sleep(30)  # never answers within the client's read time-out
        elif path.startswith("/loop"):
            n = int(path.removeprefix("/loop") or 0)
            self.send(302, {"Location": f"/loop{n + 1}"}, b"")
        elif path == "/redirect":
            self.send(301, {"Location": "/good?utm_source=newsletter&fbclid=x"}, b"")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(2000):  # 128 MB if nobody stops reading
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/trickle-headers":  # a byte a second, never done with its headers
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            try:
                for byte in b"X-Slow: " + b"z" * 60:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/trickle-body":  # headers at once, then a byte a second
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for byte in b"<html><body><p>" + b"y" * 60:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/incomplete":  # promises 5,000 bytes, sends 100, hangs up
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"z" * 88)
            self.wfile.flush()
            self.close_connection = True
        elif path == "/hang-up":  # reads the request, closes without a word
            self.close_connection = True
        elif path.startswith("/corpus/") and self.corpus:
            file = self.corpus / path.removeprefix("/corpus/")
            if file.is_file():
                self.send(200, {"Content-Type": "text/html"}, file.read_bytes())
            else:
                self.send(404, {"Content-Type": "text/plain"}, b"not found")
        else:
            self.send(404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")


def default_routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    cyrillic = article(
        "Черкесова о сотрудничестве",
        "Белла Черкесова заявила, что российские и китайские СМИ играют важную роль.\n\n"
        "По её словам, сотрудничество между редакциями будет расширяться и дальше.",
    ).replace(b'<meta charset="utf-8">', b"")
    return {
        "/good": (200, html, article("Port strike ends", GOOD_BODY)),
        "/cp1251": (200, {"Content-Type": "text/html"}, cyrillic.decode().encode("cp1251")),
        "/notfound": (404, html, b"<html><body>gone</body></html>"),
        "/error": (500, html, b"<html><body>oops</body></html>"),
        "/paper.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n" + b"0" * 500),
        "/disguised": (200, html, b"%PDF-1.4\n" + b"0" * 500),
        "/photo": (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff" + b"0" * 500),
        "/empty": (200, html, b""),
        "/menu-only": (200, html, b"<html><body><nav><a href=/>Home</a></nav></body></html>"),
    }


class PageServer:
    def __init__(self, corpus: Path | None = None) -> None:
        handler = type("BoundHandler", (Handler,), {"routes": default_routes(), "corpus": corpus})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.routes = handler.routes
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
