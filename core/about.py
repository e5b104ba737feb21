"""What the program says about itself: its name, version and desktop id, and where it keeps the
library and its logs, for an About box. The wheel takes its version from here, and
tests/test_desktop.py holds the .desktop file, the AppStream metainfo and the icons to the id."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Cuttings"
# The wheel's version is read from this line (pyproject.toml: tool.setuptools.dynamic).
VERSION = "0.1.0"
# Reverse-DNS id: the .desktop file, the metainfo and the icons are named by it, and the window
# tells the desktop it with QGuiApplication.setDesktopFileName so the two are matched.
APP_ID = "org.cuttings.Cuttings"
SUMMARY = "Clip news articles, tag them by topic and speaker, search and send briefing packs"


@dataclass(frozen=True)
class About:
    name: str
    version: str
    app_id: str
    library: Path
    log_folder: Path
    python: str
    frozen: bool  # the PyInstaller bundle rather than a Python install


def about(library: Path | None = None) -> About:
    """The facts an About box shows, for ``library`` (else the default library)."""
    import platform

    from core import logs, paths  # only for the box: the version alone needs none of them

    return About(
        name=APP_NAME,
        version=VERSION,
        app_id=APP_ID,
        library=library if library is not None else paths.default_library(),
        log_folder=logs.log_file().parent,
        python=platform.python_version(),
        frozen=bool(getattr(sys, "frozen", False)),
    )
