"""The window's speed on a large library, against a bare PySide6 window with a lazy table over
the same file, measured in the same run.

    python bench/window.py [--clippings 100000] [--keep PATH] [--warm 5] [--scroll-steps N]
                           [--first-paint-only] [--bytecode]

(``--scroll-steps`` stops each scroll after N steps, for a million clippings;
``--first-paint-only`` times only the first paint of the two windows on the big library, in
seconds rather than minutes, and reports ``first_paint_s``, ``first_paint_cold_s``,
``first_paint_bare_s``, ``first_paint_ratio`` and ``first_paint_rows``; ``--bytecode`` lets the
windows keep their compiled bytecode from run to run, in a folder of their own, as an installed
program does, where PYTHONDONTWRITEBYTECODE would have every run compile the source again.)

Each window runs in a process of its own, six times (the first cold, the median of the other
five reported as warm): time from process start to the first painted list, peak memory; for
the app also the time from a typed two-word query (after the debounce) to its first page
painted (``query_ms``), the same for a series of typed queries of every type bench/search.py
times (``query_ms_p95``, ``query_ms_max``, each query three times), and the slowest step and
the 99th percentile when scrolling the whole list a page at a time. The last line is one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import run_child

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUERY = "minister said"
# What a user types, one after another: every query type of bench/search.py.
TYPED = [
    "voluntary",
    "said",
    "thomas information",
    '"more than"',
    "pre*",
    'said topic:"topic 10" from:2021-01-01 to:2021-06-30',
    'said topic:"topic 00" from:2020-01-01 to:2023-12-31',
]
WARM = 5


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(
    kind: str, library: Path, started: float, scroll_steps: int = 0, paint_only: bool = False
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    result: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint_s" not in result:
                result["first_paint_s"] = time.time() - started
                # whether that paint showed the list's first page or an empty table
                result["first_paint_rows"] = table.model().rowCount()
            if (
                event.type() == QEvent.Type.Paint
                and "rows_paint_s" not in result
                and table.model().rowCount() > 0
            ):
                result["rows_paint_s"] = time.time() - started
            return False

    if kind == "bare":
        window, table = bare_window(library)
    else:
        from PySide6.QtCore import QSettings

        from core.library import Library
        from ui.app import main_window

        ini = Path(tempfile.mkdtemp()) / "settings.ini"
        window = main_window(Library.open(library), QSettings(str(ini), QSettings.Format.IniFormat))
        table = window.table
    paint_watch = FirstPaint()
    table.viewport().installEventFilter(paint_watch)
    window.resize(1400, 900)
    window.show()

    def until(condition, timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while not condition() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.001)

    until(lambda: "first_paint_s" in result and table.model().rowCount() > 0)
    if paint_only:
        until(lambda: "rows_paint_s" in result)
        result["rows"] = table.model().rowCount()
        print(json.dumps(result))
        QTimer.singleShot(0, app.quit)
        return
    if kind == "app":
        # A typed query: the debounce has fired; time to its first page painted (the list
        # is reset with it; a long one's rest may still be arriving).
        resets: list[int] = []
        table.model().modelReset.connect(lambda: resets.append(1))
        window.search.setText(QUERY)
        start = time.perf_counter()
        window.search.search_now()
        until(lambda: bool(resets))
        table.viewport().repaint()
        result["query_ms"] = round((time.perf_counter() - start) * 1000, 1)
        result["query_rows"] = table.model().rowCount()
        typed = []
        for text in TYPED * 3:
            resets.clear()
            window.search.setText(text)
            start = time.perf_counter()
            window.search.search_now()
            until(lambda: bool(resets))
            table.viewport().repaint()
            typed.append(time.perf_counter() - start)
        ordered = sorted(typed)
        result["query_ms_p95"] = round(ordered[round(0.95 * (len(ordered) - 1))] * 1000, 1)
        result["query_ms_max"] = round(ordered[-1] * 1000, 1)
        resets.clear()
        window.search.setText("")
        window.search.search_now()
        until(lambda: bool(resets))
    # The whole list, however it arrives (a long one's rest is read while the first is shown).
    until(lambda: not table.model().canFetchMore(QModelIndex()), timeout=60)
    total = table.model().rowCount()
    bar = table.verticalScrollBar()
    bar.setValue(0)  # from the top, whatever the last search left selected
    table.viewport().repaint()
    steps = []
    while bar.value() < bar.maximum() and not (scroll_steps and len(steps) >= scroll_steps):
        start = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        table.viewport().repaint()
        steps.append(time.perf_counter() - start)
    result["scroll_steps"] = len(steps)
    result["rows_per_step"] = bar.pageStep()
    result["viewport_px"] = table.viewport().height()
    result["scroll_step_ms_max"] = round(max(steps) * 1000, 2) if steps else 0.0
    result["scroll_step_ms_p99"] = round(sorted(steps)[int(len(steps) * 0.99)] * 1000, 2)
    result["rows"] = total
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
    QTimer.singleShot(0, app.quit)


def bare_window(library: Path):
    """The floor: a plain QTableView over a lazy model reading the same file with sqlite3."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    conn = sqlite3.connect(library)
    ids = [r[0] for r in conn.execute("SELECT id FROM clippings ORDER BY id DESC")]

    class Model(QAbstractTableModel):
        cache: dict[int, tuple] = {}

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return len(ids)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 3

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            row = index.row()
            if row not in self.cache:
                page = ids[row - row % 100 : row - row % 100 + 100]
                marks = ",".join("?" * len(page))
                found = {
                    r[0]: r
                    for r in conn.execute(
                        f"SELECT id, published, outlet, title FROM clippings WHERE id IN ({marks})",
                        page,
                    )
                }
                for i, clipping_id in enumerate(page):
                    self.cache[row - row % 100 + i] = found.get(clipping_id, (0, "", "", ""))
            return self.cache[row][index.column() + 1] or ""

    window = QMainWindow()
    table = QTableView()
    table.setModel(Model())
    window.setCentralWidget(table)
    return window, table


def run_window(kind: str, library: Path, scroll_steps: int = 0, paint_only: bool = False) -> dict:
    started = time.time()
    command = [sys.executable, __file__, "--child", kind, "--library", str(library)]
    command += ["--started", repr(started), "--scroll-steps", str(scroll_steps)]
    command += ["--first-paint-only"] if paint_only else []
    return run_child(command, f"{kind} window")


def median_run(results: list[dict]) -> dict:
    return sorted(results, key=lambda r: r["first_paint_s"])[len(results) // 2]


def ensure_library(path: Path, count: int) -> None:
    if path.exists():
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from search import build

    rate, _ = build(path, count)
    print(f"built {count} clippings at {rate:.0f}/s", file=sys.stderr)


def first_paint_only(big: Path, warm: int) -> None:
    # Bare and app in turn, so a spell of load elsewhere on the machine falls on both.
    runs: dict[str, list[dict]] = {"bare": [], "app": []}
    for _ in range(1 + warm):
        for kind in runs:
            runs[kind].append(run_window(kind, big, paint_only=True))
    for kind, results in runs.items():
        for i, r in enumerate(results):
            print(f"{kind} run {i + 1}: {r}", file=sys.stderr)
    bare, app = median_run(runs["bare"][1:]), median_run(runs["app"][1:])
    print(
        json.dumps(
            {
                **paint_figures(runs, bare, app),
                "first_paint_rows": app["first_paint_rows"],
                "rows_paint_s": round(app["rows_paint_s"], 3),
                "rows_paint_bare_s": round(bare["rows_paint_s"], 3),
                "rows_paint_ratio": round(app["rows_paint_s"] / bare["rows_paint_s"], 3),
            }
        )
    )


def paint_figures(runs: dict[str, list[dict]], bare: dict, app: dict) -> dict:
    """The first paint's keys, the same in the whole bench and in --first-paint-only."""
    return {
        "clippings": app["rows"],
        "first_paint_s": round(app["first_paint_s"], 3),
        "first_paint_cold_s": round(runs["app"][0]["first_paint_s"], 3),
        "first_paint_bare_s": round(bare["first_paint_s"], 3),
        "first_paint_ratio": round(app["first_paint_s"] / bare["first_paint_s"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clippings", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", choices=("bare", "app"), help=argparse.SUPPRESS)
    parser.add_argument("--library", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=int, default=WARM)
    parser.add_argument("--scroll-steps", type=int, default=0)
    parser.add_argument("--first-paint-only", action="store_true")
    parser.add_argument("--bytecode", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.library, args.started, args.scroll_steps, args.first_paint_only)
        return
    tmp = tempfile.TemporaryDirectory(prefix="cuttings-window-")
    if args.bytecode:  # the children's environment: the cold run compiles, the warm ones read
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp.name) / "bytecode")
    big = args.keep or Path(tmp.name) / "big.db"
    small = Path(tmp.name) / "small.db"
    ensure_library(big, args.clippings)
    if args.first_paint_only:
        first_paint_only(big, args.warm)
        return
    ensure_library(small, 1000)
    # The first run of each is cold; of the warm ones the median (one run swings by 20 ms).
    warm, steps = args.warm, args.scroll_steps
    runs = {k: [run_window(k, big, steps) for _ in range(1 + warm)] for k in ("bare", "app")}
    small_app = median_run([run_window("app", small, steps) for _ in range(1 + warm)][1:])
    bare, app = median_run(runs["bare"][1:]), median_run(runs["app"][1:])
    for kind, results in runs.items():
        for i, r in enumerate(results):
            print(f"{kind} run {i + 1}: {r}", file=sys.stderr)
    print(
        json.dumps(
            {
                **paint_figures(runs, bare, app),
                "first_paint_small_library_s": round(small_app["first_paint_s"], 3),
                "query_ms": app["query_ms"],
                "query_rows": app["query_rows"],
                "query_ms_p95": app["query_ms_p95"],
                "query_ms_max": app["query_ms_max"],
                "scroll_step_ms_max": app["scroll_step_ms_max"],
                "scroll_step_ms_p99": app["scroll_step_ms_p99"],
                "scroll_step_ms_max_bare": bare["scroll_step_ms_max"],
                "peak_mb": app["peak_mb"],
                "peak_mb_bare": bare["peak_mb"],
            }
        )
    )


if __name__ == "__main__":
    main()
