"""Every command and every option of the command line is in the README, as sqlite-utils checks
its own documentation: a table row that names the command holds each of its options."""

from __future__ import annotations

import argparse
import re

import pytest

from tests.conftest import ROOT
from ui.cli import build_parser

README = (ROOT / "README.md").read_text("utf-8")


def commands() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for name, sub in action.choices.items():
                options = [
                    option
                    for a in sub._actions
                    if a.help != argparse.SUPPRESS
                    for option in a.option_strings
                    if option.startswith("--") and option != "--help"
                ]
                nested = any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
                if not nested:
                    found.append((prefix + name, options))
                walk(sub, prefix + name + " ")

    walk(build_parser(), "")
    return found


@pytest.mark.parametrize(("name", "options"), commands(), ids=lambda x: str(x))
def test_every_command_and_option_is_in_the_readme(name: str, options: list[str]) -> None:
    rows = [line for line in README.splitlines() if re.search(rf"`{re.escape(name)}[ `]", line)]
    assert rows, f"`{name}` is not in the README"
    missing = [o for o in options if not any(o in row for row in rows)]
    assert missing == [], f"the README's line for `{name}` lacks {missing}"


def test_every_option_has_help() -> None:
    bare = []

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, prefix + name + " ")
            elif not action.help and not isinstance(action, argparse._HelpAction):
                bare.append(f"{prefix}{action.dest}")

    walk(build_parser(), "")
    assert bare == []
