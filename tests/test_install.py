"""The wheel as a user gets it: built from a copy of the tree, installed into a fresh virtual
environment, and run as `cuttings` from a folder that has no source in it.

The dependencies come from a wheelhouse kept in pytest's cache folder, so after the first run
(which downloads them, mostly out of pip's own cache) the test needs no network.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.programs import run_program

ROOT = Path(__file__).resolve().parent.parent
# What a checkout holds besides the project's own files.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache"
)

pytestmark = pytest.mark.slow


run = run_program


def source_modules() -> set[str]:
    found = {"main.py", "resources/__init__.py"}
    for package in ("core", "ui"):
        found |= {p.relative_to(ROOT).as_posix() for p in (ROOT / package).rglob("*.py")}
    return found


def shipped_resources() -> set[str]:
    folders = {
        "templates": "*.html",
        "samples": "*.txt",
        "icons": "*.png",
        "browser-extension": "*.*",
        "browser-extension/icons": "*.png",
    }
    found = {"resources/icons/org.cuttings.Cuttings.svg"}
    for folder, pattern in folders.items():
        found |= {
            p.relative_to(ROOT).as_posix() for p in (ROOT / "resources" / folder).glob(pattern)
        }
    return found


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A copy, so setuptools' build/ and egg-info never land in the checkout, and a stale
    # build/lib cannot slip a deleted module into the wheel.
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, work / "src", ignore=NOT_SOURCE)
    run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--disable-pip-version-check", "-q", "-w", work / "dist", work / "src",
        cwd=work,
    )  # fmt: skip
    (built,) = (work / "dist").glob("cuttings-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """The bin/ folder of a fresh virtual environment with the wheel installed."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    python = venv / "bin" / "python"
    cache = getattr(request.config, "cache", None)  # none under -p no:cacheprovider
    wheelhouse = Path(cache.mkdir("wheelhouse")) if cache else venv.parent / "wheelhouse"
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    offline = [*pip, "install", "--no-index", "--find-links", wheelhouse, wheel]
    if subprocess.run(offline, capture_output=True).returncode != 0:
        # First run, or a dependency changed: fetch what is missing, then install offline.
        run(*pip, "download", "--dest", wheelhouse, wheel, cwd=venv)
        for copied in wheelhouse.glob("cuttings-*.whl"):
            copied.unlink()
        run(*offline, cwd=venv)
    return venv / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with no source in it, and an environment that points nowhere near the tree."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "CUTTINGS_", "XDG_"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        CUTTINGS_LOG_DIR=str(home / "logs"),
        QT_QPA_PLATFORM="offscreen",
    )
    return home, env


def test_the_wheel_holds_every_module_and_resource_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {n for n in names if n.endswith(".py")}
    assert modules == source_modules(), f"{len(modules)} modules in the wheel"
    resources = {n for n in names if n.startswith("resources/") and not n.endswith(".py")}
    assert resources == shipped_resources()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "cuttings = main:main" in text
    assert "cuttings-gui = main:gui" in text


def test_the_installed_command_adds_searches_and_draws_the_window(
    installed: Path, outside: tuple[Path, dict[str, str]]
) -> None:
    home, env = outside
    cuttings = installed / "cuttings"
    assert "usage: cuttings" in run(cuttings, "--help", cwd=home, env=env)

    # The program runs from site-packages, not from the tree it was built from.
    where = run(
        installed / "python", "-c",
        "import core, main, resources, ui; print(core.__file__, main.__file__, ui.__file__)",
        cwd=home, env=env,
    )  # fmt: skip
    assert str(ROOT) not in where and where.count("site-packages") == 3, where

    clipping = home / "quay.txt"
    clipping.write_text(
        "date 2026-11-30\nThe harbour board approved a new quay for the ferries on Tuesday.\n\n"
        "The chairwoman said the quay would open in the spring, and that the board expected "
        "more travellers than in any year before.\n",
        "utf-8",
    )
    library = home / "clippings.db"
    assert "1 added" in run(cuttings, "--library", library, "add", clipping, cwd=home, env=env)
    found = run(cuttings, "--library", library, "search", "quay", cwd=home, env=env)
    assert "The harbour board approved a new quay" in found

    shot = home / "window.png"
    run(cuttings, "--library", library, "--screenshot", shot, cwd=home, env=env)
    assert png_size(shot) == (1400, 900)


def test_a_new_library_gets_the_shipped_sample_through_the_gui_script(
    installed: Path, outside: tuple[Path, dict[str, str]]
) -> None:
    home, env = outside
    env["CUTTINGS_NO_WINDOW"] = "1"  # the overview the window would open on, as text
    shown = run(installed / "cuttings-gui", "--library", home / "new.db", cwd=home, env=env)
    assert "1 clipping " in shown
