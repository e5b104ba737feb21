"""`cuttings coverage` as a user runs it: the counts of the list for a search, as a table, CSV
or JSON, each chart kind, and bad choices refused in one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from core import listing
from core.library import Library
from tests.core.coverage_library import press_office


@pytest.fixture
def office(library_path: Path) -> dict:
    with Library.open(library_path) as library:
        made = press_office(library)
        made["listed"] = {
            text: listing.list_ids(library, listing.View(text=text)).ids
            for text in ("", "tariffs", "from:2024-03 to:2024-03")
        }
    return made


@pytest.mark.slow
def test_the_counts_over_time_are_the_lists(cli, office) -> None:
    for text, ids in office["listed"].items():
        data = cli.json("coverage", *text.split(), "--by", "month")
        assert data["total"] == len(ids)
        assert sum(row[1] for row in data["rows"]) == len(ids)
        assert data["by"] == "month"
    whole = cli.json("coverage", "--by", "week", "--split", "outlet")
    assert whole["columns"][:2] == ["Week beginning", "Clippings"]
    assert whole["undated"] > 0 and whole["rows"][-1][0] == "No date"
    for row in whole["rows"]:
        assert sum(row[2:]) == row[1]  # the outlets' columns add up to the whole


@pytest.mark.slow
def test_a_table_for_people_and_csv_for_spreadsheets(cli, office) -> None:
    text = cli("coverage", "tariffs", "--chart", "outlets", "--top", "2").stdout.decode()
    lines = text.splitlines()
    assert lines[0].startswith("Top outlets: ")
    assert lines[1].split() == ["Outlet", "Clippings", "Share"]
    assert any(line.startswith("Other outlets (") for line in lines)
    out = cli("coverage", "--csv", "--by", "month")
    table = list(csv.reader(io.StringIO(out.stdout.decode())))
    assert table[0] == ["Month", "Clippings"]
    assert sum(int(r[1]) for r in table[1:]) == len(office["listed"][""])
    assert "without a date of publication" in out.stderr.decode()


@pytest.mark.slow
def test_every_chart_at_once_and_chosen_clippings(cli, office) -> None:
    charts = cli.json("coverage", "--chart", "all", "--name", "Ana Lima", "--name", "Ben Okoro")
    assert [c["kind"] for c in charts] == ["time", "voice", "outlets", "quotes", "stories"]
    voice = charts[1]
    assert [r[0] for r in voice["rows"]] in (["Ana Lima", "Ben Okoro"], ["Ben Okoro", "Ana Lima"])
    chosen = office["ids"][:10]
    picked = cli.json("coverage", "--ids", ",".join(map(str, chosen)), "--chart", "outlets")
    assert picked["total"] == 10
    every = cli.json("coverage", "--every-copy", "--chart", "outlets")
    assert every["total"] > len(office["listed"][""])  # the wire copies the list folds


@pytest.mark.slow
def test_bad_choices_get_one_line(cli, office) -> None:
    for args, words in (
        (("--by", "year"), "there is no 'year'"),
        (("--csv", "--chart", "all"), "--csv prints one table"),
        (("--ids", "1,x"), "--ids takes numbers"),
        (("--ids", "99999"), "No clipping with id 99999"),
        (("topic:Nowhere",), "There is no topic called 'Nowhere'"),
        (("--chart", "voice", "--name", "Nobody"), "no speaker called 'Nobody'"),
        (("--top", "0"), "--top needs at least 1"),
    ):
        out = cli("coverage", *args, check=2)
        err = out.stderr.decode()
        assert words in err and len(err.strip().splitlines()) == 1, err
    assert json.loads(cli("coverage", "--json", "from:1999 to:1999").stdout)["total"] == 0
