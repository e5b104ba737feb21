"""`search` says how many clippings match, after the page: exact up to 10,000."""

from __future__ import annotations

import pytest

from core import search as search_module
from core.library import Library
from tests.conftest import Cli, clipping

pytestmark = pytest.mark.slow


def test_search_says_how_many_match(cli: Cli, library_path) -> None:
    with Library.open(library_path) as library:
        library.add_clippings(
            [
                clipping(f"Harbour report {i}", f"The harbour board said item {i}.")
                for i in range(23)
            ]
        )
        library.add_clippings([clipping("Budget", "The budget vote was delayed.")])
    lines = cli("search", "harbour", "--limit", "5").stdout.decode().splitlines()
    assert lines[-1] == "23 clippings match; these are 1-5."
    lines = cli("search", "budget").stdout.decode().splitlines()
    assert lines[-1] == "1 clipping matches; these are 1-1."
    out = cli("search", "astronomy").stdout.decode()
    assert out.strip() == "No clippings match."


def test_search_past_ten_thousand_says_more_than(library: Library, capsys, monkeypatch) -> None:
    import argparse

    from ui.cli.searching import cmd_search

    monkeypatch.setattr(search_module, "COUNT_CAP", 20)
    monkeypatch.setattr(search_module, "RANK_WINDOW", 20)
    library.add_clippings([clipping(f"Report {i}", "The harbour board said.") for i in range(30)])
    args = argparse.Namespace(
        query=["harbour"], sort=None, saved=None, limit=10, offset=10, json=False
    )
    assert cmd_search(library, args) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "More than 20 clippings match; these are 11-20, ranked among the newest 20."
