"""The browser connector without a window: ``cuttings serve`` listens on 127.0.0.1 for the
extension and SingleFile until Ctrl+C, and ``cuttings token`` prints (or renews) the token
a browser must present."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING

from core.connector import tokens
from core.errors import CuttingsError
from core.library import Library
from ui.cli.base import command, say

if TYPE_CHECKING:
    # The capture pipeline (trafilatura, the speaker finder) loads when a server starts, not
    # whenever the command line is read: the window starts through it too.
    from core.capture.sources import Outcome
    from core.connector.bodies import Sent
    from core.connector.service import Asker


def register(commands: argparse._SubParsersAction) -> None:
    served = command(
        commands,
        "serve",
        cmd_serve,
        "listen on 127.0.0.1 for clippings from the browser extension or SingleFile "
        "(until Ctrl+C)",
    )
    served.add_argument(
        "--port",
        type=tokens.check_port,
        metavar="P",
        help=f"the port (default: the library's, as set in Preferences; {tokens.DEFAULT_PORT})",
    )
    token = command(
        commands,
        "token",
        cmd_token,
        "print the token a browser needs to clip into this library",
        writes=lambda args: args.renew,
    )
    token.add_argument(
        "--renew", action="store_true", help="make a new token (paired browsers must pair again)"
    )


def version() -> str:
    from importlib import metadata  # 7 ms of imports, for `serve` alone

    try:
        return metadata.version("cuttings")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def cmd_token(library: Library, args: argparse.Namespace) -> int:
    print(tokens.renew(library) if args.renew else tokens.ensure(library))
    return 0


def cmd_serve(library: Library, args: argparse.Namespace) -> int:
    from core.connector.server import PortTaken, serve
    from core.connector.service import Service
    from core.writer import Readers, Writer

    port = args.port or tokens.port(library)
    tokens.ensure(library)
    timeout = library.conn.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
    readers = Readers(library.path, busy_timeout=timeout)
    writer = Writer(library.path, busy_timeout=timeout)
    terminal = threading.Lock()

    def arrived(outcome: Outcome, sent: Sent, completed: bool) -> None:
        with terminal:
            if outcome.status == "failed":
                say(f"failed     {sent.url}: {outcome.reason}")
            else:
                word = "completed" if completed else outcome.status
                say(f"{word:<10} #{outcome.clipping_id}  {sent.url}")
            sys.stdout.flush()

    def ask(asker: Asker) -> bool:
        with terminal:
            print(f"A browser asks to clip into {library.path.name}: {asker.describe()}")
            print("Allow this browser? [y/N] ", end="", flush=True)
            answer = sys.stdin.readline().strip().lower()
        return answer in ("y", "yes")

    service = Service(
        readers.get,
        writer,
        approve=ask if sys.stdin.isatty() else None,
        arrived=arrived,
        version=version(),
    )
    try:
        server = serve(service, port)
    except PortTaken as error:
        service.close()
        writer.close()
        readers.close_all()
        raise CuttingsError(
            f"Cannot listen for the browser: {error}. Stop the program that holds it "
            "(another Cuttings?) or choose another port with --port P."
        ) from error
    stop = threading.Event()

    def stopping(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, stopping)
    print(
        f"Listening for the browser on {server.address} (library {library.path}); "
        "the token: cuttings token. Ctrl+C stops.",
        flush=True,
    )
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
        writer.close()
        readers.close_all()
    print("stopped", flush=True)
    return 0
