"""The command line as a user runs it, in its own process, on a real library file."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, Cli

pytestmark = pytest.mark.slow


@pytest.fixture
def seeded(cli: Cli, tmp_path: Path) -> Cli:
    other = tmp_path / "budget.txt"
    other.write_text(
        "date 2021-03-01 The budget vote was delayed again, officials said.\n\n"
        "Members negotiated late into the night over trade tariffs.",
        "utf-8",
    )
    out = cli("add", str(SEED), str(other)).stdout.decode()
    assert out.splitlines()[-1] == "2 added, 0 duplicates, 0 failed"
    return cli


def test_search_json_shape(seeded: Cli) -> None:
    seeded("tag", "1", "--topic", "Media", "--speaker", "Zhou Shuchun")
    [hit] = seeded.json("search", "negotiate")
    assert hit["id"] == 2 and hit["published"] == "2021-03-01"
    assert set(hit) >= {"id", "title", "outlet", "published", "url", "topics", "speakers"}
    assert "<mark>negotiated</mark>" in hit["snippet"] and hit["score"] is not None
    [hit] = seeded.json("search", 'speaker:"Zhou Shuchun"', "trade")
    assert (hit["id"], hit["topics"], hit["speakers"]) == (1, ["Media"], ["Zhou Shuchun"])
    assert seeded.json("search", "--sort", "date", "--limit", "1")[0]["id"] == 2


def test_show_json_and_text(seeded: Cli) -> None:
    data = seeded.json("show", "1")
    assert data["published"] == "2020-12-20" and data["text"].startswith("Niu Yibing")
    assert set(data) >= {"id", "title", "outlet", "published", "url", "topics", "speakers", "text"}
    out = seeded("show", "2").stdout.decode()
    assert out.startswith("The budget vote was delayed again, officials said.\n")


def test_tags_lists_and_management(seeded: Cli) -> None:
    seeded("tag", "1", "2", "--topic", "Economy", "--topic", "Media")
    seeded("tag", "2", "--topic", "Media", "--remove")
    assert {t["name"]: t["count"] for t in seeded.json("topics")} == {"Economy": 2, "Media": 1}
    seeded("topic", "rename", "economy", "Economics")
    seeded("topic", "merge", "Media", "Economics")
    assert {t["name"]: t["count"] for t in seeded.json("topics")} == {"Economics": 2}
    seeded("tag", "1", "--speaker", "Bella Cherkesova")
    seeded("tag", "2", "--speaker", "B. Cherkesova")
    seeded("speaker", "merge", "B. Cherkesova", "Bella Cherkesova")
    [speaker] = seeded.json("speakers")
    assert (speaker["name"], speaker["count"], speaker["aliases"]) == (
        "Bella Cherkesova",
        2,
        ["B. Cherkesova"],
    )
    assert seeded("topic", "delete", "Economics").stdout.decode().strip().endswith("2 clipping(s)")


def test_trash_and_restore(seeded: Cli) -> None:
    seeded("rm", "2")
    assert seeded.json("search", "negotiate") == []
    seeded("restore", "2")
    assert [h["id"] for h in seeded.json("search", "negotiate")] == [2]


def test_empty_trash_and_reindex(seeded: Cli) -> None:
    seeded("rm", "2")
    assert seeded("empty-trash").stdout == b"1 clipping(s) deleted for good\n"
    conn = sqlite3.connect(seeded.library)
    conn.execute("DELETE FROM clippings_fts")  # an index damaged by another tool
    conn.commit()
    conn.close()
    assert seeded.json("search", "Cherkesova") == []
    assert seeded("reindex").stdout == b"1 clipping indexed\n"
    assert [h["id"] for h in seeded.json("search", "Cherkesova")] == [1]


def test_saved_search(seeded: Cli) -> None:
    seeded("save-search", "Tariffs", "tariffs", "--sort", "date")
    assert [h["id"] for h in seeded.json("search", "--saved", "Tariffs")] == [2]
    assert seeded.json("searches")[0]["name"] == "Tariffs"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("search", "from:someday"), 2, "from: needs a date"),
        (("show", "99"), 2, "no clipping 99"),
        (("tag", "1"), 2, "--topic NAME"),
        (("tag", "abc", "--topic", "x"), 2, "invalid int value"),
        (("nonsense",), 2, "there is no 'nonsense' (one of add, show,"),
        (("serach", "x"), 2, "there is no 'serach'; did you mean 'search'?"),
        (("topic", "rename", "nope", "x"), 2, "no topic called 'nope'"),
        (("topic", "merge", "Mediaa", "x"), 2, "did you mean 'Media'?"),
        (("quotes", "Zhou Shuchn"), 2, "did you mean 'Zhou Shuchun'?"),
        (("search", "--sort", "relevence", "x"), 2, "search: there is no 'relevence'; did you"),
    ],
)
def test_errors_are_one_line_with_status(seeded: Cli, args, code: int, words: str) -> None:
    seeded("tag", "1", "--topic", "Media", "--speaker", "Zhou Shuchun")
    proc = seeded(*args, check=code)
    err = proc.stderr.decode()
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_unbalanced_and_hostile_queries_from_the_command_line(seeded: Cli) -> None:
    for typed in ['"unbalanced', "-", "NEAR(", "*", "'; DROP TABLE clippings; --"]:
        proc = seeded("search", typed, "--json")
        assert isinstance(json.loads(proc.stdout), list)
    assert len(seeded.json("search", "")) == 2


def test_add_from_stdin(cli: Cli) -> None:
    out = cli("add", "-", input=b"Pasted\n\nA pasted paragraph about ports.").stdout
    assert b"1 added" in out
    assert cli.json("show", "1")["title"] == "Pasted"


def test_sqlite_utils_reads_and_searches_the_library(seeded: Cli) -> None:
    tool = Path(sys.executable).with_name("sqlite-utils")
    tables = subprocess.run(
        [tool, "tables", str(seeded.library)], capture_output=True, check=True
    ).stdout
    assert {"clippings", "topics", "speakers", "quotes"} <= {t["table"] for t in json.loads(tables)}
    found = subprocess.run(
        [tool, "search", str(seeded.library), "clippings", "tariffs"],
        capture_output=True,
        check=True,
    ).stdout
    assert [row["id"] for row in json.loads(found)] == [2]


def test_not_a_library_is_left_untouched(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "thesis.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    before = path.read_bytes()
    proc = Cli(path)("search", "x", check=1)
    assert b"not a Cuttings library" in proc.stderr
    assert path.read_bytes() == before


def test_locked_library_waits_then_says_so(seeded: Cli, tmp_path: Path) -> None:
    holder = sqlite3.connect(seeded.library)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
    try:
        extra = tmp_path / "extra.txt"
        extra.write_text("Extra\n\nSomething more to add.", "utf-8")
        proc = seeded("add", str(extra), check=1, env={"CUTTINGS_BUSY_TIMEOUT": "0.5"})
        assert b"busy: another program is writing to it" in proc.stderr
        assert len(seeded.json("search", "")) == 2  # reading still works meanwhile
    finally:
        holder.rollback()
        holder.close()
    seeded("add", str(extra))
    assert len(seeded.json("search", "")) == 3


@contextlib.contextmanager
def read_only(folder: Path):
    """A folder nobody may write to. Root ignores permission bits, so as root the folder is
    made immutable instead (chattr +i), which root cannot write through either."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "755", str(folder)]
    try:
        yield folder
    finally:
        subprocess.run(undo, check=True)


def test_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    Cli(folder / "library.db")("add", str(SEED))
    before = (folder / "library.db").read_bytes()
    with read_only(folder):
        proc = Cli(folder / "new.db")("search", "x", check=1)
        assert b"read-only" in proc.stderr and proc.stderr.count(b"\n") == 1
        assert not (folder / "new.db").exists()
        proc = Cli(folder / "library.db")("add", str(tmp_path / "x.txt"), check=1)
        assert b"read-only" in proc.stderr and proc.stderr.count(b"\n") == 1
    assert (folder / "library.db").read_bytes() == before


def test_full_disk_keeps_what_was_saved_and_nothing_half_written(seeded: Cli, tmp_path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        words = " ".join(f"w{i}x{j}" for j in range(3000))
        (folder / f"{i:03d}.txt").write_text(f"Story {i}\n\n{words}.", "utf-8")
    limit = seeded.library.stat().st_size + 400_000

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = seeded("add", str(folder), check=1, preexec_fn=small_disk)
    err, out = proc.stderr.decode(), proc.stdout.decode().splitlines()
    assert "the import stopped" in err and "disk" in err and err.count("\n") == 1
    added = [line for line in out if line.startswith("added")]
    # The summary is true: what it says was added is in the library, whole.
    assert out[-1] == f"{len(added)} added, 0 duplicates, 1 failed (stopped early)"
    conn = sqlite3.connect(seeded.library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
    rows = conn.execute("SELECT title, text FROM clippings WHERE title LIKE 'Story %'").fetchall()
    conn.close()
    assert 0 < len(rows) == len(added) < 60
    for title, text in rows:  # every saved clipping is whole
        i = int(title.split()[1])
        assert text == " ".join(f"w{i}x{j}" for j in range(3000)) + "."


def test_first_start_loads_the_sample(tmp_path: Path) -> None:
    env = {**os.environ, "CUTTINGS_LIBRARY": str(tmp_path / "fresh" / "library.db")}
    env["CUTTINGS_NO_WINDOW"] = "1"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], capture_output=True, env=env, check=True
    )
    assert b"1 clipping " in proc.stdout
    again = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], capture_output=True, env=env, check=True
    )
    assert b"1 clipping " in again.stdout  # loaded once, not on every start


def test_speakers_of_a_clipping_and_who_said_what(cli: Cli) -> None:
    cli("add", str(SEED))
    found = cli.json("review", "1")
    assert [s["name"] for s in found] == ["Niu Yibing", "Bella Cherkesova", "Zhou Shuchun"]
    quote = found[2]["quotes"][-1]
    assert set(quote) == {"id", "text", "start", "end", "kind", "status"}
    assert (quote["kind"], quote["status"]) == ("direct", "suggested")
    assert (found[0]["role"], found[0]["organisation"]) == (
        "deputy head",
        "Office of the Central Cyberspace Affairs Commission",
    )
    cli("review", "1", "--accept", "Zhou Shuchun")
    said = cli.json("quotes", "Zhou Shuchun")
    assert [q["kind"] for q in said] == ["reported", "direct"] and said[0]["clipping_id"] == 1
    assert [h["id"] for h in cli.json("search", 'speaker:"Zhou Shuchun"', "trade")] == [1]
    # Quotes are searchable by their own words, not only by the article's.
    upheld = cli.json("quotes", "Zhou Shuchun", "--words", "multilateral*")
    assert [q["kind"] for q in upheld] == ["direct"] and "multilateralism" in upheld[0]["text"]
    assert cli.json("quotes", "Zhou Shuchun", "--words", '"profound impact" world')[0]["kind"] == (
        "reported"
    )
    assert cli.json("quotes", "Zhou Shuchun", "--words", "bananas") == []
    assert cli.json("quotes", "Zhou Shuchun", "--words", '"unbalanced') == []
    # The registry: other names, and a role that can be cleared.
    cli("speaker", "alias", "Zhou Shuchun", "Mr Zhou")
    cli("speaker", "set", "Zhou Shuchun", "--role", "")
    shown = cli.json("speaker", "show", "Mr Zhou")
    assert shown == {
        "name": "Zhou Shuchun",
        "role": None,
        "organisation": "China Daily",
        "aliases": ["Mr Zhou"],
    }
    cli("speaker", "unalias", "Mr Zhou")
    assert cli.json("speaker", "show", "Zhou Shuchun")["aliases"] == []
    assert b"No speaker has the other name" in cli("speaker", "unalias", "Mr Zhou", check=2).stderr
    # After an update of the finder, speakers are found again; decided ones stay decided.
    out = cli("rescan-speakers").stdout.decode()
    assert out == "1 clipping(s) looked at; 2 speaker suggestion(s) wait for review\n"
    assert b"no clipping" in cli("rescan-speakers", "77", check=2).stderr.lower()
    cli("config", "speakers.auto_accept", "1")
    assert cli("config", "speakers.auto_accept").stdout == b"1\n"
    cli("config", "nonsense", "1", check=2)


def test_each_quote_of_a_clipping_is_listed_with_its_kind_and_status(cli: Cli) -> None:
    cli("add", str(SEED))
    listed = cli("review", "1").stdout.decode()
    assert "Zhou Shuchun" in listed
    lines = [line.split(maxsplit=3) for line in listed.splitlines() if line.startswith("    #")]
    assert {(kind, status) for _, kind, status, _ in lines} == {
        ("direct", "suggested"),
        ("reported", "suggested"),
    }
    # direct words in quotation marks, reported ones never
    assert all(words.startswith("“") == (kind == "direct") for _, kind, _, words in lines)
    cli("review", "1", "--accept", "Zhou Shuchun")
    zhou = next(s for s in cli.json("review", "1") if s["name"] == "Zhou Shuchun")
    reported = next(q for q in zhou["quotes"] if q["kind"] == "reported")
    assert {q["status"] for q in zhou["quotes"]} == {"accepted"}
    shown = cli("quotes", "Zhou Shuchun").stdout.decode()
    assert f"(reported) {reported['text']}" in shown
    cli("review", "1", "--reject-quote", str(reported["id"]))
    assert [q["kind"] for q in cli.json("quotes", "Zhou Shuchun")] == ["direct"]
    assert "(reported)" not in cli("quotes", "Zhou Shuchun").stdout.decode()
    again = next(s for s in cli.json("review", "1") if s["name"] == "Zhou Shuchun")
    assert [q["status"] for q in again["quotes"] if q["id"] == reported["id"]] == ["rejected"]
    cli("review", "1", "--accept-quote", str(reported["id"]))
    assert [q["kind"] for q in cli.json("quotes", "Zhou Shuchun")] == ["reported", "direct"]
    # a number that is not one of this clipping's quotes is refused in one line
    refused = cli("review", "1", "--reject-quote", "999", check=2).stderr.decode()
    assert "no quote #999" in refused and len(refused.strip().splitlines()) == 1
