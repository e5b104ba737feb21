"""The connector's HTTP side: a listener on 127.0.0.1 only, a fixed number of connection
slots, each connection bounded in time, and the checks that keep every web page out.

- Host must name the loopback address (127.0.0.1, localhost or [::1], with this port): a
  page on an attacker's domain that rebinds its name to 127.0.0.1 sends its own name, 403.
- A request carrying an Origin that is not a browser extension's (http, https, null,
  file) is refused, 403, and no CORS header ever names a web origin, so no web page can
  write here or read an answer; an extension's own origin is answered as itself.
- Writes need the library's token (``Authorization: Bearer``), else 401.
- A body needs its length, at most ``max_body`` (413 above, said before the body is read);
  what cannot be read is 400 with the reason; nothing is saved until a whole page is read.
- A connection that sends nothing, or trickles, is closed after ``idle_seconds`` without a
  byte or ``request_seconds`` in all; past ``connections`` at once, the next is told 503.
"""

from __future__ import annotations

import errno
import socket
import socketserver
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from core import logs
from core.connector.checks import HOST, Limits
from core.connector.handler import Handler
from core.connector.service import Service
from core.errors import CuttingsError


class PortTaken(CuttingsError):
    """The port cannot be listened on (another program has it, or it is not allowed)."""

    def __init__(self, port: int, why: str) -> None:
        super().__init__(f"port {port} on {HOST} {why}")
        self.port = port


class ConnectorServer(socketserver.TCPServer):
    """Listens on 127.0.0.1:port (0: any free port, for tests) and answers on a fixed pool
    of threads. ``start`` binds (PortTaken when it cannot) and serves in the background."""

    # On Windows SO_REUSEADDR would let two programs share the port; there SO_EXCLUSIVEADDRUSE
    # is asked for instead (see server_bind).
    allow_reuse_address = sys.platform != "win32"
    request_queue_size = 16
    daemon_threads = True

    def __init__(self, service: Service, port: int, limits: Limits | None = None) -> None:
        self.service = service
        self.limits = limits or Limits()
        self._slots = threading.BoundedSemaphore(self.limits.connections)
        self._pool = ThreadPoolExecutor(self.limits.connections, "cuttings-connector")
        self._deadlines: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        try:
            super().__init__((HOST, port), Handler)
        except OSError as error:
            self._pool.shutdown(wait=False)
            if error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise PortTaken(port, "is already in use by another program") from error
            if error.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
                raise PortTaken(port, "may not be used by Cuttings (not allowed)") from error
            raise PortTaken(port, f"cannot be listened on ({error.strerror})") from error

    def server_bind(self) -> None:
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
        if exclusive is not None:
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        super().server_bind()

    @property
    def server_port(self) -> int:
        return int(self.server_address[1])

    @property
    def address(self) -> str:
        return f"http://{HOST}:{self.server_port}"

    # -- life ------------------------------------------------------------------------------

    def start(self) -> ConnectorServer:
        for target, name in ((self.serve_forever, "listener"), (self._reap, "reaper")):
            thread = threading.Thread(target=target, name=f"cuttings-connector-{name}")
            thread.daemon = True
            thread.start()
            self._threads.append(thread)
        return self

    def close(self) -> None:
        """Stop listening, end the connections in hand, stop the extraction worker."""
        self._stopping.set()
        if self._threads:
            self.shutdown()  # waits for serve_forever, which only a started server runs
        self.server_close()
        with self._lock:
            open_ones = list(self._deadlines)
        for connection in open_ones:
            _hang_up(connection)
        self.service.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        for thread in self._threads:
            thread.join(5)

    def serve_forever(self, poll_interval: float = 0.25) -> None:
        super().serve_forever(poll_interval)

    # -- connections -----------------------------------------------------------------------

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            _too_many(request)
            return
        try:
            self._pool.submit(self._work, request, client_address)
        except RuntimeError:  # the pool is shutting down
            self._slots.release()
            self.shutdown_request(request)

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception as error:  # noqa: BLE001 - one connection's fault stays its own
            if not isinstance(error, OSError):
                logs.bug(error, "browser connector")
        finally:
            self.shutdown_request(request)
            self._slots.release()

    def watch(self, connection: socket.socket, seconds: float) -> None:
        with self._lock:
            self._deadlines[connection] = time.monotonic() + seconds

    def unwatch(self, connection: socket.socket) -> None:
        with self._lock:
            self._deadlines.pop(connection, None)

    def _reap(self) -> None:
        """Hang up on connections past their deadline (a trickle of bytes resets the
        per-read time-out for ever; this one does not move)."""
        while not self._stopping.wait(0.2):
            now = time.monotonic()
            with self._lock:
                late = [c for c, due in self._deadlines.items() if due < now]
                for connection in late:
                    del self._deadlines[connection]
            for connection in late:
                _hang_up(connection)


def _hang_up(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _too_many(request: socket.socket) -> None:
    body = b'{"status": "failed", "reason": "Cuttings is busy with other connections; try again"}'
    try:
        request.settimeout(1.0)
        request.sendall(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            b"Connection: close\r\nRetry-After: 2\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\n\r\n"
            + body
        )
    except OSError:
        pass
    finally:
        try:
            request.close()
        except OSError:
            pass


def serve(service: Service, port: int, limits: Limits | None = None) -> ConnectorServer:
    """A started connector on ``port`` (PortTaken when it cannot listen there)."""
    return ConnectorServer(service, port, limits).start()
