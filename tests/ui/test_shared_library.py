"""The window and command lines on one library at once, as a user has them: the window holds
its connections (reading on its threads, writing on its one writer) while other processes
add, tag, trash and search, and another program holds the write lock for seconds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core.library import Library
from tests.conftest import ROOT, SEED, Cli
from tests.integrity import assert_library_whole
from ui.main_window import MainWindow
from ui.tasks import Runner

pytestmark = pytest.mark.slow


def story(folder: Path, i: int) -> Path:
    path = folder / f"story{i:02d}.txt"
    path.write_text(
        f"Harbour report {i}\n\nThe harbourmaster{chr(97 + i)} counted {i} trawlers "
        f"sheltering from the gale, and dockers{chr(97 + i)} waited ashore.",
        "utf-8",
    )
    return path


def start(cli: Cli, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    import os

    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(cli.library), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUTF8": "1", **(env or {})},
    )


def open_window(qtbot, path: Path, settings, busy_timeout: float = 5.0) -> MainWindow:
    library = Library.open(path, busy_timeout=busy_timeout)
    window = MainWindow(library, Runner(library), settings)  # real threads, real writer
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.library.close()


def test_window_and_command_lines_share_a_library(qtbot, tmp_path: Path, settings) -> None:
    cli = Cli(tmp_path / "library.db")
    folder = tmp_path / "in"
    folder.mkdir()
    cli("add", str(SEED), str(story(folder, 0)))
    window = open_window(qtbot, cli.library, settings)
    try:
        # The order that damaged the library before: a search from a terminal, then a
        # change in the window.
        cli("search", "china")
        window.table.selectRow(0)
        window.topic_edit.setText("Shipping")
        window.topic_edit.returnPressed.emit()
        qtbot.waitUntil(
            lambda: "Shipping" in cli.json("show", "1")["topics"] + cli.json("show", "2")["topics"],
            timeout=20_000,
        )
        # Several command lines while the window reads and writes.
        for i in range(1, 13):
            story(folder, i)
        running = [
            start(cli, "add", str(folder), "--jobs", "2"),
            start(cli, "tag", "1", "--topic", "Press"),
            start(cli, "search", "harbour"),
        ]
        for _ in range(10):
            window.browsing.refresh_list()
            window.table.selectRow(0)
            window.speaker_edit.setText("Ann Doe")
            window.speaker_edit.returnPressed.emit()
            qtbot.wait(50)
        for proc in running:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        cli("rm", "2")
        window.runner.wait()
        qtbot.waitUntil(lambda: not window.runner._alive, timeout=20_000)
    finally:
        close_window(window)
    counts = assert_library_whole(cli.library)
    assert counts == {"live": 13, "trashed": 1}
    for i in range(1, 13):
        [hit] = cli.json("search", f"harbourmaster{chr(97 + i)}")
        assert hit["title"] == f"Harbour report {i}"
    assert cli.json("search", "harbourmastera") == []  # story 0 is in the Trash


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('holder', 'x')")
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def hold(path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def type_note(qtbot, window: MainWindow, text: str) -> int:
    window.table.selectRow(0)
    clipping_id = window.current_id()
    assert clipping_id is not None
    window.notes.setFocus()
    window.notes.setPlainText(text)
    window.notes.save()
    return clipping_id


def notes_in_library(cli: Cli, clipping_id: int) -> str:
    return cli.json("show", str(clipping_id))["notes"]


def test_a_held_write_lock_makes_the_window_and_a_command_line_wait(
    qtbot, tmp_path: Path, settings
) -> None:
    cli = Cli(tmp_path / "library.db")
    cli("add", str(SEED))
    window = open_window(qtbot, cli.library, settings, busy_timeout=10)
    try:
        holder = hold(cli.library, 3)
        tagging = start(cli, "tag", "1", "--topic", "Waited", env={"CUTTINGS_BUSY_TIMEOUT": "10"})
        clipping_id = type_note(qtbot, window, "Call the harbour office back.")
        qtbot.waitUntil(
            lambda: notes_in_library(cli, clipping_id) == "Call the harbour office back.",
            timeout=30_000,
        )
        _out, err = tagging.communicate(timeout=60)
        assert tagging.returncode == 0, err.decode()
        holder.communicate(timeout=30)
    finally:
        close_window(window)
    assert cli.json("show", "1")["topics"] == ["Waited"]
    assert_library_whole(cli.library)


def test_with_a_short_timeout_both_say_busy_and_lose_nothing(
    qtbot, tmp_path: Path, settings
) -> None:
    cli = Cli(tmp_path / "library.db")
    cli("add", str(SEED), str(story(tmp_path, 1)))
    window = open_window(qtbot, cli.library, settings, busy_timeout=0.3)
    try:
        holder = hold(cli.library, 3)
        tagging = start(cli, "tag", "1", "--topic", "Refused", env={"CUTTINGS_BUSY_TIMEOUT": "0.3"})
        clipping_id = type_note(qtbot, window, "Do not lose this note.")
        qtbot.waitUntil(lambda: "busy" in window.message.text(), timeout=30_000)
        assert "stays in its box" in window.message.text()
        assert window.notes.toPlainText() == "Do not lose this note."
        _out, err = tagging.communicate(timeout=60)
        assert tagging.returncode == 1 and b"busy" in err and err.count(b"\n") == 1
        # Elsewhere and back: the note is still shown, though not yet saved.
        window.table.selectRow(1)
        window.table.selectRow(0)
        assert window.current_id() == clipping_id
        assert window.notes.toPlainText() == "Do not lose this note."
        holder.communicate(timeout=30)
        window.notes.retry()  # the retry timer does this every few seconds
        qtbot.waitUntil(
            lambda: notes_in_library(cli, clipping_id) == "Do not lose this note.",
            timeout=30_000,
        )
        qtbot.waitUntil(lambda: window.notes.unsaved == {}, timeout=30_000)
    finally:
        close_window(window)
    assert cli.json("show", "1")["topics"] == []  # refused, and said so: nothing half-done
    assert_library_whole(cli.library)


def test_a_note_saved_by_another_program_is_not_overwritten_by_the_box(
    qtbot, tmp_path: Path, settings
) -> None:
    cli = Cli(tmp_path / "library.db")
    cli("add", str(SEED), str(story(tmp_path, 1)))
    window = open_window(qtbot, cli.library, settings)
    try:
        window.table.selectRow(0)
        shown = window.current_id()
        assert shown is not None and window.notes.toPlainText() == ""
        with Library.open(cli.library) as other:  # another window, another program
            other.update(shown, notes="Written elsewhere.")
        window.table.selectRow(1)  # leaving the clipping saves what the user typed: nothing
        window.runner.writer.run(lambda _lib: None)  # every write asked before it has landed
        assert notes_in_library(cli, shown) == "Written elsewhere."
        window.table.selectRow(0)
        assert window.notes.toPlainText() == "Written elsewhere."
    finally:
        close_window(window)
