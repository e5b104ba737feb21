"""What every command shares: a parser that says "did you mean", the library it works on,
JSON out, lines a terminal shows as text, and one progress bar for long commands."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from core import paths
from core.errors import BadInput
from core.inputs import printable
from core.library import Library

Handler = Callable[[Library, argparse.Namespace], int]
_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")


class Parser(argparse.ArgumentParser):
    """Errors are BadInput (one line, exit status 2), with a suggestion for a misspelt word."""

    def error(self, message: str) -> NoReturn:
        # "cuttings: " comes from the one place errors are printed; a command names itself.
        where = self.prog.removeprefix("cuttings").strip()
        where = f"{where}: " if where else ""
        wrong = _INVALID_CHOICE.search(message)
        if wrong:
            choices = [c.strip(" '") for c in wrong.group(2).split(",")]
            close = difflib.get_close_matches(wrong.group(1), choices, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else f" (one of {', '.join(choices)})"
            raise BadInput(f"{where}there is no {wrong.group(1)!r}{hint}")
        if message.startswith("unrecognized arguments: -"):
            message += " (a search that starts with - goes after --: cuttings search -- -word)"
        raise BadInput(f"{where}{message}")


def command(
    commands: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    help: str,
    *,
    writes: bool | Callable[[argparse.Namespace], bool] = True,
    **kw: Any,
) -> argparse.ArgumentParser:
    """A command's parser, tied to its handler and to whether it changes the library (a
    read-only library refuses those at once)."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help, description=help, **kw)
    decides = writes if callable(writes) else (lambda _args, fixed=writes: fixed)
    parser.set_defaults(handler=handler, writes=decides)
    return parser


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=None))


def say(text: str) -> None:
    """A line for a terminal: escape sequences in old headlines are shown, never obeyed."""
    print(printable(text))


def open_library(args: argparse.Namespace) -> Library:
    # CUTTINGS_BUSY_TIMEOUT: seconds to wait for another program's write (default 5).
    try:
        timeout = float(os.environ.get("CUTTINGS_BUSY_TIMEOUT", "5"))
    except ValueError as error:
        raise BadInput("CUTTINGS_BUSY_TIMEOUT must be a number of seconds.") from error
    # SQLite takes milliseconds in an int: beyond an hour a value wraps into no wait at all
    if not 0 <= timeout <= 3600:
        raise BadInput(
            f"CUTTINGS_BUSY_TIMEOUT must be between 0 and 3600 seconds, not {timeout:g}."
        )
    return Library.open(args.library or paths.default_library(), busy_timeout=timeout)


Step = Callable[[int, int, str], None]


@contextmanager
def progress(what: str, *, quiet: bool = False) -> Iterator[Step]:
    """A bar on standard error while a long command runs (only when it is a terminal);
    ``step(number, total, text)`` moves it."""
    if quiet or not sys.stderr.isatty():
        yield lambda _number, _total, _text: None
        return
    from tqdm import tqdm

    bar = tqdm(unit=what, file=sys.stderr, leave=False, dynamic_ncols=True)

    def step(number: int, total: int, text: str) -> None:
        bar.total = total
        bar.n = number
        bar.set_postfix_str(printable(text)[-30:], refresh=False)
        bar.refresh()

    try:
        yield step
    finally:
        bar.close()
