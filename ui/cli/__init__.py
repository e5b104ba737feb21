"""The command line: ``cuttings [--library PATH] COMMAND ...`` (the same as ``python main.py``).

Each module here holds a group of commands, each command's parser beside its handler
(``set_defaults(handler=...)``); this one assembles them and draws the line every failure
becomes words at. Nothing here imports Qt: the window is ui/'s other face.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import LibraryReadOnly
from core.inputs import printable
from ui.cli import (
    clippings,
    coverage,
    highlights,
    maintenance,
    packs,
    searching,
    serving,
    speakers,
    tagging,
    watching,
)
from ui.cli.base import Parser, open_library

GROUPS = (
    clippings,
    searching,
    tagging,
    speakers,
    highlights,
    packs,
    coverage,
    maintenance,
    watching,
    serving,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="cuttings",
        description="Clip, tag, search and pack news articles. Without a command: the window.",
    )
    parser.add_argument(
        "--library", type=Path, help="library file (default: $CUTTINGS_LIBRARY or the data folder)"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="render the window offscreen at 1400x900 with a clipping open, save it, and exit",
    )
    commands = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    for group in GROUPS:
        group.register(commands)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed command on the library it names."""
    library = open_library(args)
    try:
        if library.read_only and args.writes(args):
            raise LibraryReadOnly(library.read_only)
        return int(args.handler(library, args))
    finally:
        library.close()


def main(argv: Sequence[str] | None = None, *, window: object = None) -> int:
    """The whole command line. ``window(args)`` opens the window when no command is given."""
    # A title that is not UTF-8-clean must not end a listing half-way.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            if window is None:
                build_parser().print_help()
                return 0
            return int(window(args))  # type: ignore[operator]
        return run(args)
    except KeyboardInterrupt:
        print("cuttings: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the one place every failure becomes words
        from core import logs  # logging's handlers and the data folder, for a failure only

        known = logs.known(error)
        message = str(known) if known is not None else logs.bug(error, "command line")
        print(f"cuttings: {printable(message)}", file=sys.stderr)
        return known.exit_code if known is not None else 1
