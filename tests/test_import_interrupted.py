"""A folder import that is interrupted (Ctrl+C) or killed keeps every clipping saved before it,
each whole (its speakers' suggestions and its story with it), leaves the library and its index
consistent and no process behind, and a second run adds only the rest."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli
from tests.integrity import assert_library_whole

pytestmark = pytest.mark.slow
FILES = 300


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "old-clippings"
    folder.mkdir()
    for i in range(FILES):
        words = " ".join(f"item{i}word{j}" for j in range(500))
        quote = f'"We will rebuild harbour {i}," said Mayor Ann Doe{chr(97 + i % 26)}.'
        (folder / f"{i:04d}.txt").write_text(
            f"date 2021-02-03 Story number {i}.\n\n{words}.\n\n{quote}", "utf-8"
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
    while saved(library) < 20:  # the import ends by itself: its end is the bound
        assert proc.poll() is None, "the import finished before it could be interrupted"
        time.sleep(0.02)


def assert_consistent(library: Path) -> int:
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
    rows = conn.execute("SELECT id, title, text FROM clippings").fetchall()
    suggested = {r[0] for r in conn.execute("SELECT DISTINCT clipping_id FROM suggestions")}
    conn.close()
    for clipping_id, title, text in rows:  # every saved clipping is whole
        i = int(title.split()[2].rstrip("."))
        assert text.startswith(" ".join(f"item{i}word{j}" for j in range(500)) + ".")
        assert clipping_id in suggested, f"clipping {clipping_id} was saved without its speakers"
    assert_library_whole(library)
    return len(rows)


def alive_in_group(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def assert_nothing_left(pgid: int) -> None:
    """Workers, the fork server and the resource tracker all end with the import."""
    for _ in range(600):  # a bound on attempts, not on the clock: a busy machine is slower
        if not alive_in_group(pgid):
            break
        time.sleep(0.05)
    left = subprocess.run(["ps", "-o", "pid,args", "-g", str(pgid)], capture_output=True, text=True)
    assert not alive_in_group(pgid), f"left running after the import ended:\n{left.stdout}"


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
    assert_nothing_left(proc.pid)
    kept = assert_consistent(library)
    assert 20 <= kept < FILES
    # Running it again skips what is in and adds the rest.
    again = Cli(library)("add", str(folder), "--jobs", "2").stdout.decode().splitlines()
    assert again[-1] == f"{FILES - kept} added, {kept} duplicates, 0 failed"
    assert assert_consistent(library) == FILES


def test_kill_at_random_moments_then_run_again(tmp_path: Path) -> None:
    """Killed at three random moments of one import, each time the library stays whole and
    nothing is left running; the last run completes everything."""
    library = tmp_path / "library.db"
    folder = make_folder(tmp_path)
    rng = random.Random(os.getpid())
    kept = 0
    for _ in range(3):
        proc = start_import(library, folder)
        target = kept + rng.randrange(1, 40)
        while saved(library) < target and proc.poll() is None:
            time.sleep(0.005)
        time.sleep(rng.random() * 0.05)  # somewhere inside a save, or between two
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        assert_nothing_left(proc.pid)
        kept = assert_consistent(library)
    again = Cli(library)("add", str(folder), "--jobs", "2").stdout.decode().splitlines()
    assert again[-1] == f"{FILES - kept} added, {kept} duplicates, 0 failed"
    assert assert_consistent(library) == FILES
