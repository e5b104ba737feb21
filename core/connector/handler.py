"""The connector's HTTP requests, one a connection: the checks in the order that says least
to a stranger (Host, Origin, route, token, length), the body read whole before anything is
done, and every answer in JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core import logs
from core.connector import bodies
from core.connector.checks import HOST, bearer, host_allowed, is_extension, origin_allowed
from core.connector.service import Answer, Asker, browser_name, refusal

if TYPE_CHECKING:
    from core.connector.server import ConnectorServer

MAX_PAIRING_BODY = 64 * 1024


class Handler(BaseHTTPRequestHandler):
    server: ConnectorServer
    protocol_version = "HTTP/1.1"
    server_version = "Cuttings"
    sys_version = ""

    def setup(self) -> None:
        # per server, not per class: each library's limits (typeshed calls it a ClassVar)
        self.timeout = self.server.limits.idle_seconds  # type: ignore[misc]
        super().setup()
        self.server.watch(self.connection, self.server.limits.request_seconds)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.unwatch(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass  # requests are not logged: the page addresses are the user's business

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own refusals (a broken request line, an unknown method) in JSON too
        self.close_connection = True
        # A request line it could not read leaves http.server assuming HTTP/0.9, which has no
        # status line or headers: nobody sends that any more, so answer in HTTP/1.1.
        self.request_version = self.protocol_version
        try:
            self._send(refusal(code, message or explain or self.responses.get(code, ("",))[0]))
        except OSError:
            pass

    # -- methods -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's names)
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_OPTIONS(self) -> None:  # noqa: N802
        self._dispatch("OPTIONS")

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        self.close_connection = True  # one request a connection: no slot is held idle
        self._drain = 0
        try:
            answer = self._answer(method)
        except Exception as error:  # noqa: BLE001 - a bug answers 500, the server goes on
            answer = refusal(500, logs.bug(error, "browser connector"))
        if answer is None:
            return  # the client went away mid-request: nobody to answer
        try:
            self._send(answer)
            if self._drain:
                self._discard_body()
        except OSError:
            pass

    # -- deciding ------------------------------------------------------------------------

    def _answer(self, method: str) -> Answer | None:
        port = self.server.server_port
        if not host_allowed(self.headers.get("Host"), port):
            return refusal(403, f"this connector answers only to http://{HOST}:{port}")
        origin = self.headers.get("Origin")
        if not origin_allowed(origin):
            return refusal(
                403, "web pages cannot clip into Cuttings; use the Cuttings browser extension"
            )
        if method == "OPTIONS":
            return Answer(204, {})
        path = urlsplit(self.path).path.rstrip("/") or "/"
        route = ROUTES.get(path)
        if route is None:
            return refusal(404, f"there is no {path} here; see GET /ping")
        wanted, needs_token, handle = route
        if method != wanted:
            return refusal(405, f"{path} takes {wanted}", Allow=wanted)
        service = self.server.service
        presented = bearer(self.headers.get("Authorization"))
        if needs_token and not service.authorized(presented):
            why = "a wrong token" if presented else "no token"
            return refusal(
                401,
                f"{why}: pair the extension with Cuttings, or send the token that "
                "`cuttings token` prints as Authorization: Bearer TOKEN",
                **{"WWW-Authenticate": 'Bearer realm="Cuttings"'},
            )
        body = b""
        if method == "POST":
            cap = self.server.limits.max_body if needs_token else MAX_PAIRING_BODY
            read = self._read_body(cap)
            if read is None or isinstance(read, Answer):
                return read
            body = read
        self.server.unwatch(self.connection)  # read whole: the work has limits of its own
        return handle(self, body)

    def _read_body(self, cap: int) -> bytes | Answer | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return refusal(411, "send the body with a Content-Length, not chunked")
        given = self.headers.get("Content-Length")
        if given is None:
            return refusal(411, "the request has no Content-Length")
        try:
            length = int(given)
            if length < 0:
                raise ValueError
        except ValueError:
            return refusal(400, f"Content-Length is not a length: {given[:40]!r}")
        if length > cap:
            self._drain = length
            return refusal(
                413,
                f"the page is {length / 1_048_576:.1f} MB; Cuttings takes at most "
                f"{cap / 1_048_576:.0f} MB from the browser",
            )
        chunks = []
        left = length
        while left:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _discard_body(self) -> None:
        """Read what a refused body still sends, so the client hears the 413 rather than a
        reset; within a few seconds and a bounded amount."""
        self.server.watch(self.connection, 5.0)
        left = min(self._drain, 2 * self.server.limits.max_body)
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            left -= len(chunk)

    # -- answering -----------------------------------------------------------------------

    def _send(self, answer: Answer) -> None:
        payload = json.dumps(answer.body, ensure_ascii=False).encode() if answer.body else b""
        self.send_response(answer.status)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Length": str(len(payload)),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Connection": "close",
            **answer.headers,
        }
        origin = self.headers.get("Origin") if hasattr(self, "headers") else None
        if is_extension(origin):
            # The extension's own origin may read the answer; a web origin never gets this.
            headers["Access-Control-Allow-Origin"] = origin or ""
            headers["Access-Control-Allow-Methods"] = "GET, POST"
            headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            headers["Vary"] = "Origin"
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    # -- the routes ----------------------------------------------------------------------

    def ping(self, _body: bytes) -> Answer:
        return self.server.service.ping(bearer(self.headers.get("Authorization")))

    def pair(self, body: bytes) -> Answer:
        name = ""
        if body.strip():
            try:
                data = json.loads(body)
            except ValueError:
                return refusal(400, "the body is not JSON")
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                name = data["name"].strip()[:80]
        asker = Asker(
            self.headers.get("Origin") or "",
            browser_name(self.headers.get("User-Agent") or ""),
            name,
        )
        return self.server.service.pair(asker)

    def clip(self, body: bytes) -> Answer:
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            if kind == "multipart/form-data":
                sent = bodies.from_multipart(body, self.headers.get("Content-Type") or "")
            else:
                sent = bodies.from_json(body)
        except bodies.Malformed as error:
            return refusal(400, str(error))
        return self.server.service.clip(sent)


Route = tuple[str, bool, Callable[[Handler, bytes], Answer]]
ROUTES: dict[str, Route] = {
    "/ping": ("GET", False, Handler.ping),
    "/api/pair": ("POST", False, Handler.pair),
    "/api/clip": ("POST", True, Handler.clip),
    # SingleFile's "upload to a REST form API" (multipart); /api/clip takes it too
    "/api/singlefile": ("POST", True, Handler.clip),
}
