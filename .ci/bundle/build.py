"""`make bundle`: the one-folder program (PyInstaller) and a .deb that installs it.

    python .ci/bundle/build.py

Writes dist/cuttings/ (the folder: run dist/cuttings/cuttings) and dist/cuttings_VERSION_ARCH.deb,
which puts the folder in /opt/cuttings, `cuttings` and `cuttings-gui` in /usr/bin, and the
desktop entry, AppStream metainfo and icons under /usr/share. The .deb depends on the Debian
packages that hold the system libraries the bundle links (found with ldd and dpkg -S), so it is
for the Debian release it was built on. Qt's ICU data is rebuilt without the parts Qt never reads
(slim_icu: 32 -> 20 MB). The last line printed is one JSON object: sizes in MB and times in
seconds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from core import about  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "bundle"
FOLDER = DIST / "cuttings"
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "desktop"
# What the packs and the window need that no library links: the packs' DejaVu faces, and a
# font with Chinese glyphs for a CJK headline.
FONTS = "fonts-dejavu-core, fonts-dejavu-extra"
SUGGESTS = "fonts-wqy-microhei, cups"


def megabytes(path: Path) -> float:
    total = sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())
    return round(total / 1_000_000, 1)


def pyinstaller() -> None:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"),
        str(ROOT / ".ci" / "bundle" / "cuttings.spec"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    # Its banner, and its Windows- and macOS-only ctypes look-ups, are noise here.
    noise = re.compile(r"^\d+ INFO: |Library \S+ required via ctypes not found")
    said = [line for line in done.stderr.splitlines() if not noise.search(line)]
    if said:
        print("\n".join(said), file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"PyInstaller failed ({done.returncode})")


# Parts of ICU's data (the 32 MB libicudata Qt links) that Qt never reads: unit, currency,
# language and region names, transliteration and number spell-out. Qt's locales are its own;
# it asks ICU for collation (QCollator), codecs (QStringDecoder) and time-zone names, kept.
ICU_UNUSED = ("unit/", "curr/", "lang/", "region/", "translit/", "rbnf/")
ICU_TOOLS = ("icupkg", "genccode", "gcc")


def unstrip_vendored(folder: Path) -> int:
    """Put back the libraries wheels vendor in ``NAME.libs/`` as the wheel has them.
    auditwheel rewrites their ELF headers with patchelf, and strip then leaves numpy's
    OpenBLAS unloadable ("ELF load command address/offset not page-aligned"); they come
    stripped already."""
    put_back = 0
    for bundled in folder.glob("_internal/*.libs/*"):
        spec = importlib.util.find_spec(bundled.parent.name.removesuffix(".libs"))
        if spec is None or spec.origin is None:
            continue
        original = Path(spec.origin).parent.parent / bundled.parent.name / bundled.name
        if original.is_file() and not bundled.is_symlink():
            shutil.copy2(original, bundled)
            put_back += 1
    return put_back


def slim_icu(folder: Path) -> str:
    """Rebuild the bundle's libicudata without ICU_UNUSED; says what it did."""
    [library] = folder.glob("_internal/PySide6/Qt/lib/libicudata.so.*")
    missing = [tool for tool in ICU_TOOLS if shutil.which(tool) is None]
    if missing:
        return f"ICU data left whole ({', '.join(missing)} missing: Debian icu-devtools, gcc)"
    symbols = subprocess.run(["objdump", "-T", str(library)], capture_output=True, text=True)
    found = re.search(r"^([0-9a-f]+)\s.*\s([0-9a-f]+)\s+(icudt\d+)_dat$", symbols.stdout, re.M)
    if found is None or sys.byteorder != "little":
        return "ICU data left whole (no icudtNN_dat in libicudata)"
    address, size, entry = int(found[1], 16), int(found[2], 16), found[3]
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True)
    offset = None
    for line in sections.stdout.splitlines():
        cells = line.replace("[ ", "[").split()
        if len(cells) > 5 and cells[1].startswith(".") and cells[2] == "PROGBITS":
            start, where, length = int(cells[3], 16), int(cells[4], 16), int(cells[5], 16)
            if start <= address < start + length:
                offset = where + address - start
    if offset is None:
        return "ICU data left whole (its section not found)"
    work = WORK / "icu"
    shutil.rmtree(work, ignore_errors=True)
    (work / "slim").mkdir(parents=True)
    whole = work / f"{entry}l.dat"  # the package's name: ICU looks items up by it
    with library.open("rb") as stream:
        stream.seek(offset)
        whole.write_bytes(stream.read(size))
    items = subprocess.run(
        ["icupkg", "-l", str(whole)], capture_output=True, text=True, check=True
    ).stdout.split()
    unused = [item for item in items if item.startswith(ICU_UNUSED)]
    (work / "unused.txt").write_text("\n".join(unused) + "\n", "utf-8")
    slim = work / "slim" / whole.name
    subprocess.run(["icupkg", "-r", str(work / "unused.txt"), str(whole), str(slim)], check=True)
    subprocess.run(
        ["genccode", "-q", "-a", "gcc", "-e", entry, "-d", str(work), str(slim)], check=True
    )
    soname = library.name
    built = work / soname
    subprocess.run(
        ["gcc", "-c", "-o", str(work / "data.o"), str(work / f"{slim.stem}_dat.S")], check=True
    )
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-Wl,-z,noexecstack",
         "-o", str(built), str(work / "data.o")],
        check=True,
    )  # fmt: skip
    subprocess.run(["strip", str(built)], check=True)
    before = library.stat().st_size
    shutil.copyfile(built, library)
    return (
        f"ICU data {before / 1e6:.1f} -> {library.stat().st_size / 1e6:.1f} MB "
        f"({len(unused)} of {len(items)} items left out)"
    )


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as stream:
                if stream.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(folder: Path) -> set[str]:
    """The libraries outside the bundle that its programs and libraries link directly (what
    those link in turn, their own packages' dependencies bring)."""
    elves = elf_files(folder)
    inside = {p.name for p in elves} | {p.name for p in folder.rglob("*") if p.is_symlink()}
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(sorted({str(p.parent) for p in elves})))
    outside: set[str] = set()
    listed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    cache: dict[str, str] = {}
    for name, path in re.findall(r"^\s*(\S+) \(libc6[^)]*\) => (/\S+)", listed, re.M):
        cache.setdefault(name, path)
    for elf in elves:
        dynamic = subprocess.run(["objdump", "-p", str(elf)], capture_output=True, text=True)
        needed = set(re.findall(r"^\s*NEEDED\s+(\S+)", dynamic.stdout, re.MULTILINE)) - inside
        if not needed:
            continue
        resolved = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env)
        where = dict(re.findall(r"^\s*(\S+) => (/\S+)", resolved.stdout, re.MULTILINE))
        for path in re.findall(r"^\s*(/\S+) \(", resolved.stdout, re.MULTILINE):
            where[Path(path).name] = path  # the dynamic loader, named by its path
        for name in sorted(needed):
            # ldd refuses some wheels' patched libraries ("not a dynamic executable", numpy's
            # OpenBLAS): the loader's cache answers for those.
            where.setdefault(name, cache.get(name, ""))
            if not where[name]:
                raise SystemExit(f"{elf.relative_to(folder)} links {name}, found nowhere here")
            outside.add(os.path.realpath(where[name]))
    return outside


def debian_packages(libraries: set[str]) -> list[str]:
    packages = set()
    for library in sorted(libraries):
        owner = subprocess.run(["dpkg", "-S", library], capture_output=True, text=True)
        if owner.returncode != 0:
            # usrmerge: the file is known to dpkg under /lib, found by ldd under /usr/lib.
            alias = re.sub(r"^/usr/lib/", "/lib/", library)
            owner = subprocess.run(["dpkg", "-S", alias], capture_output=True, text=True)
        if owner.returncode != 0:
            raise SystemExit(f"no Debian package holds {library}: the .deb cannot depend on it")
        packages.add(owner.stdout.split(":", 1)[0].split(",")[0].strip())
    return sorted(packages)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def package_tree(depends: list[str]) -> Path:
    tree = WORK / "deb"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(FOLDER, tree / "opt" / "cuttings", symlinks=True)
    (tree / "usr" / "bin").mkdir(parents=True)
    for command in ("cuttings", "cuttings-gui"):
        (tree / "usr" / "bin" / command).symlink_to("/opt/cuttings/cuttings")
    share = tree / "usr" / "share"
    for name, folder in ((".desktop", "applications"), (".metainfo.xml", "metainfo")):
        (share / folder).mkdir(parents=True)
        shutil.copy2(DESKTOP / f"{about.APP_ID}{name}", share / folder)
    hicolor = share / "icons" / "hicolor"
    for png in sorted(ICONS.glob("cuttings-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        (hicolor / f"{size}x{size}" / "apps").mkdir(parents=True)
        shutil.copy2(png, hicolor / f"{size}x{size}" / "apps" / f"{about.APP_ID}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ICONS / f"{about.APP_ID}.svg", hicolor / "scalable" / "apps")
    # The browser extension, to load unpacked from a path that says what it is.
    shutil.copytree(
        ROOT / "resources" / "browser-extension", share / "cuttings" / "browser-extension"
    )
    docs = share / "doc" / "cuttings"
    docs.mkdir(parents=True)
    shutil.copy2(ROOT / "README.md", docs)

    installed_kb = sum(p.lstat().st_size for p in tree.rglob("*") if not p.is_dir()) // 1024
    control = tree / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: cuttings\n"
        f"Version: {about.VERSION}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: Cuttings developers <cuttings@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {', '.join(depends)}, {FONTS}\n"
        f"Suggests: {SUGGESTS}\n"
        f"Section: misc\n"
        f"Priority: optional\n"
        f"Description: {about.SUMMARY.lower()[0]}{about.SUMMARY[1:]}\n"
        f" Cuttings is a desktop press-clipping manager: clip news articles, tag them by\n"
        f" topic and by speaker, search what you saved, and send briefing packs (PDF,\n"
        f" Word, HTML, Markdown). Everything lives offline in one SQLite file.\n"
        f" .\n"
        f" This package holds the program frozen with its Python and Qt in /opt/cuttings.\n",
        "utf-8",
    )
    return tree


def main() -> int:
    started = time.monotonic()
    shutil.rmtree(FOLDER, ignore_errors=True)
    for old in DIST.glob("cuttings_*.deb"):  # `make bundle` tests the one .deb in dist/
        old.unlink()
    pyinstaller()
    print(f"{unstrip_vendored(FOLDER)} vendored libraries put back unstripped")
    print(slim_icu(FOLDER))
    frozen = time.monotonic()

    depends = debian_packages(system_libraries(FOLDER))
    tree = package_tree(depends)
    deb = DIST / f"cuttings_{about.VERSION}_{architecture()}.deb"
    subprocess.run(
        # zstd: a tenth of xz's time for a fifth more bytes; dpkg reads it from Debian 12 on.
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "-z9", "--build", str(tree), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    finished = time.monotonic()
    print(f"built {FOLDER.relative_to(ROOT)}/ and {deb.relative_to(ROOT)}")
    print(f"depends: {', '.join(depends)}")
    print(
        json.dumps(
            {
                "folder_mb": megabytes(FOLDER),
                "installed_mb": round(megabytes(tree) - megabytes(tree / "DEBIAN"), 1),
                "deb_mb": round(deb.stat().st_size / 1_000_000, 1),
                "freeze_s": round(frozen - started, 1),  # PyInstaller and the ICU data
                "package_s": round(finished - frozen, 1),
                "total_s": round(finished - started, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
