"""A folder import that is interrupted (Ctrl+C) or killed keeps every clipping saved before it,
leaves the library consistent, and a second run adds only the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

pytestmark = pytest.mark.slow
FILES = 300


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "old-clippings"
    folder.mkdir()
    for i in range(FILES):
        words = " ".join(f"item{i}word{j}" for j in range(500))
        (folder / f"{i:04d}.txt").write_text(
            f"date 2021-02-03 Story number {i}.\n\n{words}.", "utf-8"
        )
    return folder


def start_import(library: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--library",
            str(library),
            "add",
            str(folder),
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal gives it
    )


def saved(library: Path) -> int:
    if not library.exists():
        return 0
    try:
        with sqlite3.connect(library, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM clippings").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def wait_for_some(library: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while saved(library) < 20:
        assert proc.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def assert_consistent(library: Path) -> int:
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
    rows = conn.execute("SELECT title, text FROM clippings").fetchall()
    conn.close()
    for title, text in rows:  # every saved clipping is whole
        i = int(title.split()[2].rstrip("."))
        assert text == " ".join(f"item{i}word{j}" for j in range(500)) + "."
    return len(rows)


@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_interrupted_import_keeps_what_was_saved(tmp_path: Path, how: str) -> None:
    library = tmp_path / "library.db"
    folder = make_folder(tmp_path)
    proc = start_import(library, folder)
    wait_for_some(library, proc)
    os.killpg(proc.pid, signal.SIGINT if how == "ctrl-c" else signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    if how == "ctrl-c":
        assert proc.returncode == 130
        assert b"every clipping saved so far is kept" in err
        assert b"(stopped early)" in out.splitlines()[-1]
    else:
        assert proc.returncode == -signal.SIGKILL
    kept = assert_consistent(library)
    assert 20 <= kept < FILES
    # Running it again skips what is in and adds the rest.
    again = Cli(library)("add", str(folder), "--jobs", "2").stdout.decode().splitlines()
    assert again[-1] == f"{FILES - kept} added, {kept} duplicates, 0 failed"
    assert assert_consistent(library) == FILES
