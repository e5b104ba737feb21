"""Looking after the library: its settings, the index, the Trash."""

from __future__ import annotations

import argparse

from core.errors import BadInput
from core.library import Library
from core.words import plural
from ui.cli.base import command


def register(commands: argparse._SubParsersAction) -> None:
    config = command(
        commands,
        "config",
        cmd_config,
        "library settings: speakers.auto_accept 1|0",
        writes=lambda args: args.value is not None,
    )
    config.add_argument("key", help="the setting (speakers.auto_accept)")
    config.add_argument("value", nargs="?", help="its new value; without one, it is shown")
    command(
        commands,
        "reindex",
        cmd_reindex,
        "rebuild the full-text index (after editing by hand, or another tool's changes)",
    )
    check = command(
        commands,
        "check",
        cmd_check,
        "check that every page of the library and its full-text index are whole",
        writes=False,
    )
    check.add_argument(
        "--quick", action="store_true", help="SQLite's quick check (skips matching indexes)"
    )
    command(commands, "empty-trash", cmd_empty_trash, "delete the clippings in the Trash for good")


def cmd_config(library: Library, args: argparse.Namespace) -> int:
    from core.speakers import registry

    if args.key != registry.AUTO_ACCEPT:
        raise BadInput(f"Unknown setting {args.key!r}; the one there is: {registry.AUTO_ACCEPT}.")
    if args.value is None:
        print(registry.setting(library, args.key, "0"))
    elif args.value in ("0", "1"):
        registry.set_setting(library, args.key, args.value)
    else:
        raise BadInput(f"{args.key} takes 1 or 0, not {args.value!r}.")
    return 0


def cmd_reindex(library: Library, args: argparse.Namespace) -> int:
    print(f"{plural(library.reindex(), 'clipping')} indexed")
    return 0


def cmd_empty_trash(library: Library, args: argparse.Namespace) -> int:
    print(f"{library.empty_trash()} clipping(s) deleted for good")
    return 0


def cmd_check(library: Library, args: argparse.Namespace) -> int:
    problems = library.check(quick=args.quick)
    if problems:
        for problem in problems:
            print(f"{library.path}: {problem}")
        return 1
    print(f"{library.path}: whole ({plural(library.count(), 'clipping')}, the index matches them)")
    return 0
