"""Hostile and broken input at the command line: each case says what went wrong in one line,
goes on with the rest, and leaves the library whole."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, Cli
from tests.integrity import assert_library_whole
from tests.test_cli import read_only

pytestmark = pytest.mark.slow


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_seed_files_with_dates_that_are_no_dates_fail_alone(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    write(folder / "a.txt", "date 9999-99-99 The harbour reopened on Monday after repairs.")
    write(folder / "b.txt", "date 0000-00-00 The ferry timetable changes next week.")
    write(folder / "c.txt", "date 2023-02-29 The council met to discuss bus lanes.")
    write(folder / "d.txt", "date 2024-02-29 The mayor opened the new library branch.")
    proc = cli("add", str(folder))
    out = proc.stdout.decode().splitlines()
    assert out[-1] == "1 added, 0 duplicates, 3 failed"
    failed = [line for line in out if line.startswith("failed")]
    assert len(failed) == 3 and all("not a day of the calendar" in f for f in failed)
    assert "date 9999-99-99" in failed[0]
    [hit] = cli.json("search", "")
    assert hit["published"] == "2024-02-29"


def test_nul_and_control_characters_in_a_text_file_do_not_break_packs(
    cli: Cli, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    dirty = tmp_path / "dirty.txt"
    dirty.write_bytes(
        b"Tariff\x07 talks\x1b[31m resume\n\nNegotiators\x0c met again on Tuesday to discuss "
        b"the tariff schedule, officials said.\x1b]0;title\x07"
    )
    cli("add", str(dirty))
    out = tmp_path / "pack.docx"
    cli("export", "--format", "docx", "--out", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Tariff talks resume" in text and "Negotiators met again" in text
    shown = cli("search", "tariff").stdout.decode()
    assert "\x1b" not in shown and "\x07" not in shown and "Tariff talks resume" in shown


def test_escape_sequences_already_in_a_library_are_not_obeyed_by_the_terminal(
    cli: Cli,
) -> None:
    cli("add", str(SEED))
    conn = sqlite3.connect(cli.library)  # as an older version, or another tool, left it
    conn.execute("UPDATE clippings SET title = 'Ouch \x1b[2J\x1b]0;x\x07 cleared' WHERE id = 1")
    conn.commit()
    conn.close()
    for args in (("search", ""), ("show", "1")):
        shown = cli(*args).stdout.decode()
        assert "\x1b" not in shown and "\x07" not in shown and "^[[2J" in shown


@pytest.mark.parametrize("typed", ["x" * 1001, "from:2024-02-30"])
def test_a_query_that_cannot_be_a_search_is_bad_input(cli: Cli, typed: str) -> None:
    # (a NUL cannot pass through a command line; tests/core/test_search.py gives it one)
    cli("add", str(SEED))
    proc = cli("search", typed, check=2)
    assert proc.stderr.count(b"\n") == 1 and b"Traceback" not in proc.stderr


def test_file_names_that_are_not_utf8_are_imported_and_shown(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    for i in range(4):
        write(folder / f"good{i}.txt", f"Good story {i}\n\nThe fishermen of cove {i} sailed.")
    bad = os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt")
    with open(bad, "wb") as handle:
        handle.write(b"Odd name\n\nThe lighthouse keeper retired after forty years.")
    proc = cli("add", str(folder))
    out = proc.stdout.decode("utf-8")
    assert out.splitlines()[-1] == "5 added, 0 duplicates, 0 failed"
    assert "bad\ufffd\ufffdname.txt" in out
    outcomes = cli.json("add", str(folder))
    assert {o["status"] for o in outcomes} == {"duplicate"} and len(outcomes) == 5


def test_other_kinds_of_address_are_named(cli: Cli, tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", "From a file address\n\nThe tide came in early today.")
    proc = cli(
        "add",
        "ftp://example.org/a.html",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        page.as_uri(),
    )
    lines = proc.stdout.decode().splitlines()
    assert "ftp:// addresses are not supported" in lines[0]
    assert "javascript: link is not the address" in lines[1]
    assert "data: link is not the address" in lines[2]
    assert lines[3].startswith("added")
    assert lines[-1] == "1 added, 0 duplicates, 3 failed"


def test_utf16_text_without_a_byte_order_mark_is_read(cli: Cli, tmp_path: Path) -> None:
    text = "Windows notes\n\nThe committee approved the harbour budget on Friday."
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(text.replace("Friday", "Monday").encode("utf-16-be"))
    cli("add", str(tmp_path / "le.txt"), str(tmp_path / "be.txt"))
    assert len(cli.json("search", "harbour")) == 2


def test_the_library_itself_is_no_clipping_and_no_export_target(cli: Cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    before = cli.library.read_bytes()
    proc = cli("add", str(cli.library), check=1)
    assert b"library file itself" in proc.stdout
    for fmt in ("md", "pdf", "html", "docx"):
        proc = cli("export", "--format", fmt, "--out", str(cli.library), check=2)
        assert b"is the library itself" in proc.stderr and proc.stderr.count(b"\n") == 1
    # the working files too, and a link to the library
    link = tmp_path / "link.db"
    link.symlink_to(cli.library)
    cli("export", "--format", "md", "--out", str(link), check=2)
    assert cli.library.read_bytes() == before
    assert_library_whole(cli.library)


def test_an_export_does_not_replace_another_database_unless_asked(cli: Cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE precious (x)").connection.commit()
    before = other.read_bytes()
    proc = cli("export", "--format", "md", "--out", str(other), check=2)
    assert b"SQLite database" in proc.stderr and other.read_bytes() == before
    cli("export", "--format", "md", "--out", str(other), "--force")
    assert other.read_text("utf-8").startswith("# Briefing pack")


def test_a_read_only_library_is_searched_shown_and_exported(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    cli = Cli(folder / "library.db")
    cli("add", str(SEED))
    before = (folder / "library.db").read_bytes()
    out = tmp_path / "pack.md"
    with read_only(folder):
        assert len(cli.json("search", "")) == 1
        assert cli.json("show", "1")["id"] == 1
        cli("export", "--format", "md", "--out", str(out))
        for args in (("tag", "1", "--topic", "X"), ("rm", "1"), ("add", str(SEED))):
            proc = cli(*args, check=1)
            assert b"read-only" in proc.stderr and b"searched, shown and exported" in proc.stderr
    assert out.read_text("utf-8").count("Niu Yibing") >= 1
    assert (folder / "library.db").read_bytes() == before


def test_an_outside_fts_rebuild_brings_no_trashed_clipping_back(cli: Cli, tmp_path: Path) -> None:
    tool = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("the sqlite-utils command is not installed beside this Python")
    gone = write(tmp_path / "gone.txt", "Trashed story\n\nThe abandoned quarry flooded overnight.")
    kept = write(tmp_path / "kept.txt", "Kept story\n\nThe quarry museum opened its doors.")
    cli("add", str(gone), str(kept))
    cli("rm", "1")
    subprocess.run([tool, "rebuild-fts", str(cli.library), "clippings"], check=True)
    assert [h["id"] for h in cli.json("search", "quarry")] == [2]
    cli("restore", "1")
    assert sorted(h["id"] for h in cli.json("search", "quarry")) == [1, 2]
    assert assert_library_whole(cli.library) == {"live": 2, "trashed": 0}


def test_a_folder_that_cannot_be_listed_is_an_outcome(cli: Cli, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root lists every folder; tests/core/test_capture_limits.py covers it")
    locked = tmp_path / "locked"
    locked.mkdir()
    write(locked / "a.txt", "Hidden\n\nNobody can read this folder.")
    locked.chmod(0)
    try:
        proc = cli("add", str(locked), check=1)
    finally:
        locked.chmod(0o755)
    assert b"the folder cannot be read" in proc.stdout
    assert proc.stdout.splitlines()[-1] == b"0 added, 0 duplicates, 1 failed"


def test_a_bug_is_one_line_naming_the_log_that_holds_its_traceback(
    cli: Cli, tmp_path: Path, _own_log: Path
) -> None:
    # A library whose clippings table another tool dropped: an SQLite error Cuttings does
    # not know, so it is a bug, not "the library could not be used".
    cli("add", str(SEED))
    conn = sqlite3.connect(cli.library)
    conn.execute("DROP TABLE clippings")
    conn.commit()
    conn.close()
    proc = cli("show", "1", check=1)
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "a bug" in err and str(_own_log / "cuttings.log") in err
    logged = (_own_log / "cuttings.log").read_text("utf-8")
    assert "Traceback (most recent call last)" in logged and "no such table" in logged


def test_json_outcomes_are_json_even_for_odd_sources(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    proc = cli("add", str(empty), str(binary), "--json", check=1)
    outcomes = json.loads(proc.stdout)
    assert [o["status"] for o in outcomes] == ["failed", "failed"]
    assert "empty" in outcomes[0]["reason"] and "binary" in outcomes[1]["reason"]


def test_main_is_run_from_anywhere(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--library", str(tmp_path / "l.db"), "topics"],
        capture_output=True,
        cwd=tmp_path,
        check=True,
    )
    assert b"No topics yet." in proc.stdout


def test_no_pack_is_written_over_any_databases_working_files(cli: Cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE precious (x)")
    conn.execute("INSERT INTO precious VALUES (1)")
    conn.commit()
    wal = tmp_path / "other.db-wal"
    assert wal.exists()  # the connection is still open: what it saved is in the log
    before = wal.read_bytes()
    for target in (wal, tmp_path / "other.db-shm", tmp_path / "other.db-journal"):
        proc = cli("export", "--format", "md", "--out", str(target), "--force", check=2)
        assert b"working file of the database other.db" in proc.stderr
    assert wal.read_bytes() == before
    conn.close()


def test_a_screenshot_goes_nowhere_it_should_not(cli: Cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE precious (x)").connection.commit()
    before = other.read_bytes()
    env = {"QT_QPA_PLATFORM": "offscreen"}
    proc = cli("--screenshot", str(other), check=2, env=env)
    assert b"SQLite database" in proc.stderr and other.read_bytes() == before
    proc = cli("--screenshot", str(tmp_path / "missing" / "x.png"), check=1, env=env)
    assert b"Could not save the screenshot" in proc.stderr and b"saved" not in proc.stdout


def test_one_unreadable_name_fails_alone(cli: Cli, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good story\n\nThe tide came in early today.")
    long_name = str(tmp_path / ("a" * 300 + ".txt"))
    proc = cli("add", str(good), long_name, check=0)
    lines = proc.stdout.decode().splitlines()
    assert any(line.startswith("added") and "good.txt" in line for line in lines)
    assert any("cannot be read (File name too long)" in line for line in lines)
    assert lines[-1] == "1 added, 0 duplicates, 1 failed"


def test_reindex_mends_an_index_another_tool_removed_or_replaced(cli: Cli) -> None:
    tool = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("the sqlite-utils command is not installed beside this Python")
    cli("add", str(SEED))
    for change in (
        ["disable-fts"],
        ["enable-fts", "title", "text", "--create-triggers", "--replace"],
    ):
        subprocess.run([tool, change[0], str(cli.library), "clippings", *change[1:]], check=True)
        proc = cli("check", check=1)
        assert b"full-text index is missing or was changed by another tool" in proc.stdout
        proc = cli("add", str(ROOT / "README.md"), check=1)
        assert b"run `cuttings reindex`" in proc.stderr.replace(b"Run", b"run")
        assert b"a bug" not in proc.stderr
        cli("reindex")
        assert b"whole" in cli("check").stdout
        assert [h["id"] for h in cli.json("search", "Cherkesova")] == [1]
    assert_library_whole(cli.library)


def test_a_damaged_library_is_said_so_by_check_and_reindex(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        write(folder / f"{i}.txt", f"Story {i}\n\n" + " ".join(f"w{i}x{j}" for j in range(2000)))
    cli("add", str(folder))
    with open(cli.library, "r+b") as handle:  # damage some pages in the middle of the file
        handle.seek(32768 * 20)
        handle.write(os.urandom(32768 * 3))
    proc = cli("check", check=1)
    assert b"damaged" in proc.stdout
    proc = cli("reindex", check=1)
    assert b"damaged" in proc.stderr and b"Restore it from a backup" in proc.stderr


def test_a_stray_nul_is_removed_and_broken_utf8_stays_utf8(cli: Cli, tmp_path: Path) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"Stray byte\n\nThe harbour\x00 reopened after the storm.")
    broken = tmp_path / "broken.md"
    broken.write_bytes(
        "# Café society\n\nThe café on the quay — ‘Chez Hélène’ — reopened.".encode() + b"\xff\xfe"
    )
    cli("add", str(nul), str(broken))
    texts = {h["title"]: cli.json("show", str(h["id"]))["text"] for h in cli.json("search", "")}
    assert texts["Stray byte"] == "The harbour reopened after the storm."
    assert "Chez Hélène" in texts["Café society"]


def test_names_carry_no_control_characters(cli: Cli) -> None:
    cli("add", str(SEED))
    cli("tag", "1", "--topic", "\x1b[31mRed\x1b]0;pwned\x07 tide\x01")
    assert [t["name"] for t in cli.json("topics")] == ["Red tide"]
    assert [h["id"] for h in cli.json("search", 'topic:"Red tide"')] == [1]


@pytest.mark.parametrize("value", ["1e9", "inf", "nan", "-1"])
def test_a_busy_timeout_that_is_no_number_of_seconds_is_refused(cli: Cli, value: str) -> None:
    proc = cli("topics", check=2, env={"CUTTINGS_BUSY_TIMEOUT": value})
    assert b"CUTTINGS_BUSY_TIMEOUT must be" in proc.stderr and proc.stderr.count(b"\n") == 1


def test_a_logo_that_is_no_whole_image_is_said_so(cli: Cli, tmp_path: Path) -> None:
    from PIL import Image

    cli("add", str(SEED))
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "ok.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "ok.png").read_bytes()[:60])
    Image.new("1", (8_000, 6_000)).save(tmp_path / "huge.png")
    Image.new("1", (20_000, 20_000)).save(tmp_path / "bomb.png")
    for name, said in (
        ("cut.png", "not a whole image"),
        ("huge.png", "8000 x 6000 pixels"),
        ("bomb.png", "more than 170 million pixels"),
    ):
        for fmt in ("pdf", "docx", "html", "md"):
            out = tmp_path / f"pack.{fmt}"
            proc = cli(
                "export",
                "--format",
                fmt,
                "--out",
                str(out),
                "--logo",
                str(tmp_path / name),
                check=2,
            )
            assert said.encode() in proc.stderr and proc.stderr.count(b"\n") == 1
            assert not out.exists()
    cli(
        "export",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "pack.pdf"),
        "--logo",
        str(tmp_path / "ok.png"),
    )


def test_a_log_that_cannot_be_written_is_said_in_one_line(cli: Cli, tmp_path: Path) -> None:
    cli("add", str(SEED))
    conn = sqlite3.connect(cli.library)
    conn.execute("DROP TABLE clippings")  # a bug-provoking library: no clippings table at all
    conn.commit()
    conn.close()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log folder should be")
    proc = cli("show", "1", check=1, env={"CUTTINGS_LOG_DIR": str(blocked)})
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "could not be logged" in err and "Traceback" not in err
