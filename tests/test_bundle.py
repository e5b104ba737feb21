"""The frozen program as the .deb installs it: unpacked, its launchers and desktop files where
a desktop looks for them, and the program itself adding, searching and drawing the window.

`make bundle` builds the .deb and runs these tests on it (so does .ci/run); `make test` skips
them, since building takes a minute or two. CUTTINGS_DEB names the package to test.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from core import about
from tests.programs import run_program

pytestmark = pytest.mark.slow
# The most the installed package may take. It was 150 (142 MB) until the coverage charts:
# matplotlib and the numpy it needs add 55 MB, 27 of them numpy's OpenBLAS, which numpy links
# whether or not anything multiplies a matrix. A bundle without charts would be a lesser app.
LIMIT_MB = 200


def deb_under_test() -> Path:
    deb = os.environ.get("CUTTINGS_DEB")
    if not deb:
        pytest.skip("no .deb to test: `make bundle` builds one and runs these tests on it")
    return Path(deb)


@pytest.fixture(scope="module")
def deb() -> Path:
    return deb_under_test()


@pytest.fixture(scope="module")
def root(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files, unpacked as dpkg would install them, but under a scratch folder."""
    tree = tmp_path_factory.mktemp("deb")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    return tree


@pytest.fixture
def program(root: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """bin/ with the two launchers pointing into the unpacked /opt, a home, an environment."""
    launchers = tmp_path / "bin"
    launchers.mkdir()
    for command in ("cuttings", "cuttings-gui"):
        target = os.readlink(root / "usr" / "bin" / command)
        (launchers / command).symlink_to(root / target.lstrip("/"))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CUTTINGS_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        CUTTINGS_LOG_DIR=str(home / "logs"),
        QT_QPA_PLATFORM="offscreen",
        PATH=f"{launchers}:/usr/bin:/bin",
    )
    return launchers, home, env


def run(command: list[str | Path], home: Path, env: dict[str, str]) -> str:
    return run_program(*command, cwd=home, env=env)


def control(deb: Path) -> dict[str, str]:
    text = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    return dict(re.findall(r"^(\S+): (.*)$", text, re.MULTILINE))


def test_the_package_installs_the_program_launchers_entry_and_icons(root: Path) -> None:
    assert os.access(root / "opt" / "cuttings" / "cuttings", os.X_OK)
    for command in ("cuttings", "cuttings-gui"):
        assert os.readlink(root / "usr" / "bin" / command) == "/opt/cuttings/cuttings"
    share = root / "usr" / "share"
    assert (share / "applications" / f"{about.APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{about.APP_ID}.metainfo.xml").is_file()
    hicolor = share / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (hicolor / f"{size}x{size}" / "apps" / f"{about.APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{about.APP_ID}.svg").is_file()
    assert (share / "cuttings" / "browser-extension" / "manifest.json").is_file()


def test_appstream_accepts_the_installed_tree(root: Path) -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian package appstream)")
    done = subprocess.run(
        [tool, "validate-tree", "--no-net", "--strict", str(root)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_stays_under_its_size_and_names_what_it_needs(deb: Path) -> None:
    fields = control(deb)
    assert fields["Package"] == "cuttings" and fields["Version"] == about.VERSION
    assert int(fields["Installed-Size"]) * 1024 <= LIMIT_MB * 1_000_000
    depends = {d.strip() for d in fields["Depends"].split(",")}
    # What Qt's X11 plugin and the packs load that the bundle leaves to the system.
    assert {"libxcb-cursor0", "libfontconfig1", "fonts-dejavu-core"} <= depends


def test_the_frozen_program_adds_searches_and_draws_the_window(
    program: tuple[Path, Path, dict[str, str]],
) -> None:
    launchers, home, env = program
    cuttings = launchers / "cuttings"
    assert "usage: cuttings" in run([cuttings, "--help"], home, env)

    # A folder with --jobs 2 goes through the worker processes, which the frozen program must
    # be able to start.
    folder = home / "old clippings"
    folder.mkdir()
    harbours = ("Dover", "Leith", "Falmouth")
    for number, harbour in enumerate(harbours, 1):
        (folder / f"{harbour}.txt").write_text(
            f"date 2026-10-0{number}\nThe {harbour} harbour master said the breakwater "
            f"would be rebuilt by {2027 + number}.\n\nWork at {harbour} starts with the "
            f"{['north', 'south', 'east'][number - 1]} wall, she told the council.\n",
            "utf-8",
        )
    library = home / "library.db"
    added = run([cuttings, "--library", library, "add", folder, "--jobs", "2"], home, env)
    assert "3 added" in added, added
    found = run([cuttings, "--library", library, "search", "breakwater"], home, env)
    assert all(f"The {harbour} harbour master" in found for harbour in harbours), found

    shot = home / "window.png"
    run([cuttings, "--library", library, "--screenshot", shot], home, env)
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1400, 900)


def test_the_frozen_program_exports_packs_and_reads_a_pdf_back(
    program: tuple[Path, Path, dict[str, str]],
) -> None:
    # ReportLab, python-docx, Pillow (the logo) and pdfminer are what the bundle trims around.
    from PIL import Image

    launchers, home, env = program
    cuttings = launchers / "cuttings"
    clipping = home / "ferry.txt"
    clipping.write_text(
        "date 2026-09-14\nThe ferry to the islands will run twice a day from May.\n\n"
        "The harbour board said the second sailing would leave at six in the evening.\n",
        "utf-8",
    )
    library = home / "library.db"
    run([cuttings, "--library", library, "add", clipping], home, env)
    logo = home / "logo.jpg"
    Image.new("RGB", (120, 60), (31, 78, 121)).save(logo, "JPEG")
    for kind in ("pdf", "docx"):
        out = home / f"pack.{kind}"
        said = run(
            [cuttings, "--library", library, "export", "--format", kind, "--out", out,
             "--logo", logo, "--coverage", "ferry"],
            home, env,
        )  # fmt: skip
        assert re.search(r"\(1 clipping[,)]", said) and out.stat().st_size > 1000, said
    assert (home / "pack.pdf").read_bytes().startswith(b"%PDF")
    # The Coverage page's chart is drawn by the bundle's matplotlib (numpy and all).
    from pypdf import PdfReader

    pages = PdfReader(home / "pack.pdf").pages
    charted = [p for p in pages if "Coverage" in p.extract_text() and list(p.images)]
    assert charted, "no page of the PDF pack has the coverage chart"

    # The pack's PDF, clipped back into a new library, is read by pdfminer inside the bundle.
    again = home / "again.db"
    added = run([cuttings, "--library", again, "add", home / "pack.pdf"], home, env)
    assert "1 added" in added, added
    found = run([cuttings, "--library", again, "search", "sailing"], home, env)
    assert "No clippings match" not in found and found.strip(), found


def test_the_slimmed_icu_data_still_collates_and_converts(root: Path) -> None:
    # The bundle's Qt is the test environment's own PySide6, so the test's Python can load it
    # with the bundle's rebuilt libicudata in its place.
    import PySide6

    bundled = root / "opt" / "cuttings" / "_internal" / "PySide6" / "Qt" / "lib"
    ours = Path(PySide6.__file__).parent / "Qt" / "lib"
    if sorted(p.name for p in bundled.glob("libicudata.so.*")) != sorted(
        p.name for p in ours.glob("libicudata.so.*")
    ):
        pytest.skip("the bundle's Qt is not this environment's PySide6")
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QCollator, QLocale, QMimeData, QStringDecoder\n"
        "words = ['Zebra', 'Äpfel', 'apple', 'ost', 'Österreich']\n"
        "print(sorted(words, key=QCollator(QLocale('de_DE')).sortKey))\n"
        "print(QStringDecoder('Shift_JIS').isValid(), QStringDecoder('GB18030').isValid())\n"
        "m = QMimeData()\n"
        "m.setData('text/html', b'<meta charset=gb18030><p>' + '中俄两国'.encode('gb18030'))\n"
        "print(m.html().endswith('中俄两国'))\n"
        "print(any(str(sys.argv[1]) in line and 'libicudata' in line\n"
        "          for line in open('/proc/self/maps')))\n"
    )
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundled))
    done = subprocess.run(
        [sys.executable, "-c", probe, str(bundled)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "['Äpfel', 'apple', 'ost', 'Österreich', 'Zebra']",  # not code-point order: Ä by A
        "True True",
        "True",
        "True",
    ], done.stdout + done.stderr


def test_the_gui_launcher_opens_a_new_library_on_the_bundled_sample(
    program: tuple[Path, Path, dict[str, str]],
) -> None:
    launchers, home, env = program
    env["CUTTINGS_NO_WINDOW"] = "1"  # the overview the window would open on, as text
    shown = run([launchers / "cuttings-gui", "--library", home / "new.db"], home, env)
    assert "1 clipping " in shown
