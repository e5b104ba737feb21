"""The desktop entry, the AppStream metainfo and the icon: valid to the freedesktop tools, named
by the one id in core/about.py, and the icon's PNGs drawn from its SVG."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from core import about, paths

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "resources" / "desktop" / f"{about.APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{about.APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; `make test` installs it)")
    return found


def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
        capture_output=True,
        text=True,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "error:" not in said and "warning:" not in said, said


def test_the_metainfo_passes_appstreamcli_validate_strictly() -> None:
    done = subprocess.run(
        [tool("appstreamcli", "appstream"), "validate", "--no-net", "--strict", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_entry_metainfo_and_icon_share_the_id_and_the_version() -> None:
    desktop = entry()
    assert desktop["Icon"] == about.APP_ID
    assert desktop["Exec"].split()[0] == "cuttings-gui"  # the GUI script pyproject.toml installs
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == about.APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("name") == desktop["Name"] == about.APP_NAME
    versions = [r.get("version") for r in component.iter("release")]
    assert versions[0] == about.VERSION, "a new version needs its <release> in the metainfo"
    assert (paths.ICONS / f"{about.APP_ID}.svg").is_file()


def test_the_icon_comes_in_every_size_as_a_square_png() -> None:
    icons = paths.icon_files()
    assert sorted(icons) == list(SIZES)
    for size, path in icons.items():
        header = path.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size), path.name


@pytest.mark.slow
def test_the_pngs_are_the_svg_rendered_now() -> None:
    # A process of its own: the renderer needs a QGuiApplication, the window tests a QApplication.
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
