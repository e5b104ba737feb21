"""Where things live: the default library and the bundled resources."""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

import platformdirs

APP_NAME = "Cuttings"


def _resources() -> Path:
    # `resources` is a package so that one lookup finds it wherever the program runs: the source
    # tree, an installed wheel (site-packages/resources) or the PyInstaller bundle (_internal/).
    # All three are folders on disk, which Jinja2's file loader needs; a zipped install is not.
    found = importlib.resources.files("resources")
    if not isinstance(found, Path):
        raise RuntimeError(f"Cuttings' resources must be files on disk, not {found!r}")
    return found


RESOURCES = _resources()
SAMPLES = RESOURCES / "samples"
TEMPLATES = RESOURCES / "templates"
ICONS = RESOURCES / "icons"


def default_library() -> Path:
    """``CUTTINGS_LIBRARY`` if set, else ``library.db`` in the user's data folder."""
    configured = os.environ.get("CUTTINGS_LIBRARY")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


def icon_files() -> dict[int, Path]:
    """The application icon's PNGs by size in pixels (16 to 512)."""
    return {int(p.stem.rsplit("-", 1)[1]): p for p in ICONS.glob("cuttings-*.png")}
