"""Highlights from the command line, as a user runs it: a separate process, real exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

pytestmark = pytest.mark.slow

TEXT = (
    "The harbour board met on Tuesday to weigh a new tariff on container ships.\n"
    "Its chair said the levy would fund a second breakwater by 2027.\n"
    "Fishing crews warned that the levy would drive small boats away."
)


@pytest.fixture
def clip(cli: Cli, tmp_path: Path) -> Cli:
    source = tmp_path / "harbour.txt"
    source.write_text("Harbour tariff weighed\n\n" + TEXT, "utf-8")
    cli("add", str(source))
    return cli


def test_highlight_list_edit_remove(clip: Cli, tmp_path: Path) -> None:
    out = clip("highlight", "1", "--text", "fund a second\n breakwater", "--comment", "cost?")
    assert "“fund a second breakwater”" in out.stdout.decode()
    clip("highlight", "1", "--text", "the levy would", "--occurrence", "2", "--colour", "Risk")
    rows = clip.json("highlights", "1")
    assert [(r["exact"], r["colour"], r["comment"], r["state"]) for r in rows] == [
        ("fund a second breakwater", "yellow", "cost?", "anchored"),
        ("the levy would", "pink", "", "anchored"),
    ]
    shown = clip.json("show", "1")["text"]
    assert all(shown[r["start"] : r["end"]] == r["exact"] for r in rows)
    assert set(rows[0]) == {
        "id", "exact", "start", "end", "comment", "colour", "state", "colour_name",
    }  # fmt: skip
    clip("edit-highlight", str(rows[0]["id"]), "--colour", "green", "--comment", "")
    assert clip.json("highlights", "1")[0]["colour"] == "green"
    text = clip("highlights", "1").stdout.decode()
    assert "[For the minister]  “fund a second breakwater”" in text
    clip("unhighlight", str(rows[1]["id"]))
    assert len(clip.json("highlights", "1")) == 1
    found = json.loads(clip("search", "in:highlights", "breakwater", "--json").stdout)
    assert [h["id"] for h in found] == [1]


def test_mistakes_get_one_line(clip: Cli) -> None:
    for args, message in (
        (("highlight", "1", "--text", "not in the text"), "not in the clipping's text"),
        (("highlight", "1", "--text", "the levy would"), "stand 2 times"),
        (("highlight", "9", "--text", "x"), "no clipping 9"),
        (("highlight", "1", "--text", "breakwater", "--colour", "mauve"), "no highlight colour"),
        (("unhighlight", "77"), "no highlight 77"),
        (("edit-highlight", "1"), "give --comment or --colour"),
        (("search", "in:nowhere", "x"), "in: takes highlights"),
        (("import-highlights", "/nonexistent.json"), "Cannot read"),
    ):
        proc = clip(*args, check=2)
        err = proc.stderr.decode()
        assert message in err and len(err.strip().splitlines()) == 1, err


def test_why_colours_and_packs(clip: Cli, tmp_path: Path) -> None:
    assert "no line on why" in clip("why", "1").stdout.decode()
    clip("why", "1", "The minister opens the breakwater in May")
    assert clip("why", "1").stdout.decode().strip() == "The minister opens the breakwater in May"
    assert "Why it matters: The minister" in clip("search", "harbour").stdout.decode()
    assert clip.json("show", "1")["why"] == "The minister opens the breakwater in May"
    clip("colour", "pink", "For the minister's desk")
    assert {"colour": "pink", "name": "For the minister's desk"} in clip.json("colours")
    clip("highlight", "1", "--text", "small boats", "--colour", "for the minister's desk")
    pack = tmp_path / "pack.md"
    clip("export", "--ids", "1", "--format", "md", "--out", str(pack), "--highlights-only")
    text = pack.read_text("utf-8")
    body = text.split("## Harbour tariff weighed")[-1]
    assert "==small boats==" in body and "Why it matters:" in body
    assert "met on Tuesday" not in body  # the passages alone
    clip("export", "--ids", "1", "--format", "md", "--out", str(pack), "--no-highlights")
    assert "==" not in pack.read_text("utf-8").replace("\\=", "")


def test_w3c_round_trip_and_new_text(clip: Cli, tmp_path: Path) -> None:
    clip("highlight", "1", "--text", "drive small boats away", "--comment", "fishing lobby")
    clip("why", "1", "Ports bill next week")
    out = tmp_path / "marks.json"
    clip("export-highlights", "1", "--out", str(out))
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    clip("unhighlight", str(clip.json("highlights", "1")[0]["id"]))
    said = clip("import-highlights", str(out), "--into", "1").stdout.decode()
    assert "1 highlight(s) added" in said
    assert clip.json("highlights", "1")[0]["comment"] == "fishing lobby"
    # stdin too, and nothing twice
    again = clip("import-highlights", "-", "--into", "1", input=out.read_bytes()).stdout.decode()
    assert "0 highlight(s) added" in again and "1 already" in again

    new = tmp_path / "new.txt"
    new.write_text("Update at noon.\n" + TEXT.replace("small boats", "the small boats"), "utf-8")
    said = clip("set-text", "1", str(new)).stdout.decode()
    assert "1 moved with their words" in said and "0 not found" in said
    [row] = clip.json("highlights", "1")
    assert row["exact"] == "drive the small boats away" and row["state"] == "anchored"
    new.write_text("Something else entirely.", "utf-8")
    clip("set-text", "1", str(new))
    assert clip.json("highlights", "1")[0]["state"] == "orphan"
    assert "not found in the text any more" in clip("highlights", "1").stdout.decode()
    failed = clip("reextract", "1", check=1).stdout.decode()
    assert "no kept page" in failed
