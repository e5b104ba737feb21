"""Where things live: the default library and the bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Cuttings"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = RESOURCES / "samples"


def default_library() -> Path:
    """``CUTTINGS_LIBRARY`` if set, else ``library.db`` in the user's data folder."""
    configured = os.environ.get("CUTTINGS_LIBRARY")
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
