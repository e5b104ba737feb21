"""Soak: the window and three command lines on one library for a while, then the reckoning.

    python bench/soak.py [--seconds 120] [--library PATH]

One process runs the real window offscreen (its reading threads and its serial writer) and
keeps changing the library: topics on clippings, notes, the list and the reader refreshed.
Two command-line loops add files and tag, trash and restore; a third searches. Every change a
process reports done is recorded. At the end each recorded change must be in the library
(`lost` counts those that are not), every live clipping must be found by its own words
(`index_missing`), SQLite's and FTS5's checks must pass (`integrity`), and no process any of
them started may be left (`leftover_processes`). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, TextSampler, last_line

MAIN = str(ROOT / "main.py")
_TOKEN = re.compile(r"[^\W_]+")


def run_cli(library: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MAIN, "--library", str(library), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUTF8": "1"},
        timeout=300,
    )


# -- the roles, each its own process --------------------------------------------------------


def role_writer(library: Path, until: float, log: Path, name: str) -> None:
    """Adds a file, tags a clipping, trashes and restores one, in a loop; logs what it did."""
    rng = random.Random(name)
    sampler = TextSampler(hash(name) & 0xFFFF)
    folder = Path(tempfile.mkdtemp(prefix=f"soak-{name}-"))
    done = []
    n = 0
    while time.time() < until:
        n += 1
        marker = f"soak{name}{n}x"
        path = folder / f"{marker}.txt"
        path.write_text(f"{marker.capitalize()} report\n\n{marker} {sampler.article()}", "utf-8")
        proc = run_cli(library, "add", str(path))
        record = {"kind": "add", "marker": marker, "ok": proc.returncode == 0}
        if proc.returncode == 0:
            line = next((x for x in proc.stdout.splitlines() if x.startswith("added")), "")
            record["id"] = int(line.split()[1]) if line else None
        done.append(record)
        ids = [r["id"] for r in done if r.get("ok") and r.get("id")]
        if ids:
            target = rng.choice(ids)
            topic = f"{name}-topic-{n}"
            proc = run_cli(library, "tag", str(target), "--topic", topic)
            done.append({"kind": "tag", "id": target, "topic": topic, "ok": proc.returncode == 0})
            if n % 3 == 0:
                victim = rng.choice(ids)
                ok = run_cli(library, "rm", str(victim)).returncode == 0
                ok = ok and run_cli(library, "restore", str(victim)).returncode == 0
                done.append({"kind": "rm-restore", "id": victim, "ok": ok})
    log.write_text(json.dumps(done), "utf-8")


def role_searcher(library: Path, until: float, log: Path) -> None:
    words = ["said", "minister", "harbour", "pre*", '"more than"', "trade -tariffs"]
    done = []
    while time.time() < until:
        word = random.choice(words)
        proc = run_cli(library, "search", word, "--limit", "5")
        done.append({"kind": "search", "ok": proc.returncode == 0, "err": proc.stderr[-200:]})
    log.write_text(json.dumps(done), "utf-8")


def role_window(library: Path, until: float, log: Path) -> None:
    """The real window, offscreen, making changes through its own writer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from core.library import Library
    from ui.main_window import MainWindow
    from ui.tasks import Runner

    app = QApplication.instance() or QApplication([])
    scratch = Path(tempfile.mkdtemp(prefix="soak-window-"))
    settings = QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat)
    lib = Library.open(library)
    window = MainWindow(lib, Runner(lib), settings)
    window.show()
    done: list[dict] = []
    n = 0
    while time.time() < until:
        n += 1
        app.processEvents()
        ids = list(window.model.ids)
        if not ids:
            window.browsing.refresh_list()
            time.sleep(0.05)
            continue
        target = random.choice(ids)
        topic = f"window-topic-{n}"
        record = {"kind": "tag", "id": target, "topic": topic, "ok": None}
        done.append(record)

        def tagged(_result: object, record: dict = record) -> None:
            record["ok"] = True

        def refused(_error: BaseException, record: dict = record) -> None:
            record["ok"] = False

        from core import tags

        window.runner.write(
            lambda lib, t=target, name=topic: tags.TOPICS.add(lib, [t], [name]), tagged, refused
        )
        note = f"window note {n}"
        record = {"kind": "note", "id": target, "text": note, "ok": None}
        done.append(record)

        def noted(_result: object, record: dict = record) -> None:
            record["ok"] = True

        def not_noted(_error: BaseException, record: dict = record) -> None:
            record["ok"] = False

        window.runner.write(lambda lib, t=target, x=note: lib.update(t, notes=x), noted, not_noted)
        if n % 5 == 0:
            window.browsing.refresh_list()
            window.refresh_sidebar()
        deadline = time.time() + 0.2
        while time.time() < deadline:
            app.processEvents()
            time.sleep(0.01)
    window.runner.close()
    app.processEvents()
    window.close()
    lib.close()
    # a note overwritten by a later one is not lost: only the last per clipping must hold
    last_note: dict[int, dict] = {}
    for record in done:
        if record["kind"] == "note" and record["ok"]:
            last_note[record["id"]] = record
    for record in done:
        if record["kind"] == "note":
            record["last"] = last_note.get(record["id"]) is record
    log.write_text(json.dumps(done), "utf-8")


# -- the reckoning -------------------------------------------------------------------------


def reckon(library: Path, logs: list[Path]) -> dict:
    conn = sqlite3.connect(library, timeout=60)
    records = [r for log in logs if log.exists() for r in json.loads(log.read_text("utf-8"))]
    writes = [r for r in records if r["kind"] != "search"]
    failed = [r for r in records if r.get("ok") is False]
    lost = 0
    missed: list[dict] = []
    for r in writes:
        before = lost
        if not r.get("ok"):
            continue
        if r["kind"] == "add":
            row = conn.execute(
                "SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ?", [r["marker"]]
            ).fetchone()[0]
            lost += row == 0
        elif r["kind"] == "tag":
            row = conn.execute(
                "SELECT count(*) FROM clipping_topics ct JOIN topics t ON t.id = ct.topic_id "
                "WHERE ct.clipping_id = ? AND t.name = ?",
                [r["id"], r["topic"]],
            ).fetchone()[0]
            lost += row == 0
        elif r["kind"] == "note" and r.get("last"):
            row = conn.execute("SELECT notes FROM clippings WHERE id = ?", [r["id"]]).fetchone()
            lost += not row or row[0] != r["text"]
        elif r["kind"] == "rm-restore":
            row = conn.execute(
                "SELECT deleted_at IS NULL FROM clippings WHERE id = ?", [r["id"]]
            ).fetchone()
            lost += not row or not row[0]
        if lost != before:
            missed.append(r)
    for r in missed[:5]:
        print("lost:", r, file=sys.stderr)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    try:
        conn.execute("INSERT INTO clippings_fts (clippings_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as error:
        integrity = f"fts: {error}"
    missing = 0
    for clipping_id, title, text in conn.execute(
        "SELECT id, title, text FROM clippings WHERE deleted_at IS NULL"
    ).fetchall():
        tokens = _TOKEN.findall(f"{title} {text}".lower())  # as FTS5's unicode61 splits them
        for word in list(dict.fromkeys(t for t in tokens if len(t) >= 5 and t.isalpha()))[:3]:
            found = conn.execute(
                "SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ? AND rowid = ?",
                [f'"{word}"', clipping_id],
            ).fetchone()[0]
            if not found:
                missing += 1
                break
    conn.close()
    return {
        "writes": len(writes),
        "writes_failed": sum(r["kind"] != "search" for r in failed),
        "searches": sum(r["kind"] == "search" for r in records),
        "searches_failed": sum(r["kind"] == "search" for r in failed),
        "lost": lost,
        "index_missing": missing,
        "integrity": integrity,
    }


def leftovers(groups: list[int]) -> int:
    alive = 0
    for group in groups:
        try:
            os.killpg(group, 0)
            alive += 1
        except ProcessLookupError:
            pass
    return alive


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--library", type=Path)
    parser.add_argument("--role", choices=("window", "writer", "searcher"), help=argparse.SUPPRESS)
    parser.add_argument("--until", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--name", default="a", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "window":
        return role_window(args.library, args.until, args.log)
    if args.role == "writer":
        return role_writer(args.library, args.until, args.log, args.name)
    if args.role == "searcher":
        return role_searcher(args.library, args.until, args.log)

    work = Path(tempfile.mkdtemp(prefix="cuttings-soak-"))
    library = args.library or work / "library.db"
    seed = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    run_cli(library, "add", *map(str, seed))
    until = time.time() + args.seconds
    roles = [("window", "w"), ("writer", "a"), ("writer", "b"), ("searcher", "s")]
    procs, logs = [], []
    for role, name in roles:
        log = work / f"{role}-{name}.json"
        logs.append(log)
        procs.append(
            subprocess.Popen(
                [sys.executable, __file__, "--role", role, "--library", str(library)]
                + ["--until", str(until), "--log", str(log), "--name", name],
                start_new_session=True,
            )
        )
    for proc in procs:
        proc.wait(timeout=args.seconds + 600)
    groups = [proc.pid for proc in procs]
    time.sleep(1)
    left = leftovers(groups)
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
    figures = reckon(library, logs)
    figures |= {"seconds": args.seconds, "leftover_processes": left}
    figures["exit_codes"] = [proc.returncode for proc in procs]
    print(
        f"{figures['writes']} writes ({figures['writes_failed']} refused), "
        f"{figures['searches']} searches, lost {figures['lost']}, "
        f"index missing {figures['index_missing']}, integrity {figures['integrity']}"
    )
    last_line(figures)


if __name__ == "__main__":
    main()
