"""Fixtures: a fresh library file per test, the command line run in-process or as a process,
and the shared corpus when it stands beside the project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.library import Library

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = next(iter(sorted((ROOT / "resources" / "samples").glob("*.txt"))))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/ui needs Qt; mark it so the rest can run without it.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _own_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bugs a test provokes are logged in its own folder (child processes inherit it)."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("CUTTINGS_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def library(library_path: Path):
    lib = Library.open(library_path)
    yield lib
    lib.close()


def corpus(name: str) -> Path:
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/{name} is not beside the project")
    return path


class Cli:
    """The command line as a user runs it: a separate process, real exit codes and streams."""

    def __init__(self, library: Path) -> None:
        self.library = library

    def __call__(
        self, *args: str, input: bytes | None = None, check: int | None = 0, **kw
    ) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONUTF8": "1", **kw.pop("env", {})}
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--library", str(self.library), *args],
            input=input,
            capture_output=True,
            env=env,
            cwd=kw.pop("cwd", ROOT),
            timeout=kw.pop("timeout", 120),
            **kw,
        )
        if check is not None and proc.returncode != check:
            raise AssertionError(
                f"exit {proc.returncode}, wanted {check}\nstdout: {proc.stdout.decode()}\n"
                f"stderr: {proc.stderr.decode()}"
            )
        return proc

    def json(self, *args: str):
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def cli(library_path: Path) -> Cli:
    return Cli(library_path)


def clipping(title: str, text: str, **extra) -> dict:
    return {"title": title, "text": text, **extra}
