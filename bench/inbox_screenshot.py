"""A picture of the Inbox with real feed items: a feed per outlet is written from the corpus
pages' own headlines and descriptions (dated the last few hours, so none has expired),
served on 127.0.0.1 with the pages behind it, watched by a fresh library with three rules,
polled once, and the Inbox window rendered offscreen to a PNG. Nothing of the corpus is kept:
the library and the picture go to a temporary folder unless --out says where.

    python bench/inbox_screenshot.py [--out FILE.png] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import warnings
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import CORPUS, ROOT, last_line  # noqa: E402

sys.path.insert(0, str(ROOT))

from tests.feeds import Entry, FeedServer, recent, rss  # noqa: E402

RULES = (
    (
        "Elections",
        "election OR elects OR elected OR debate OR endorsement OR mayor",
        ["Politics"],
    ),
    ("Health", "coronavirus OR covid OR quarantine OR masks OR isolate* OR hospitals", ["Health"]),
    ("Energy and climate", "emissions OR blackouts OR power OR coal OR telescope", ["Energy"]),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where the PNG goes")
    parser.add_argument("--corpus", type=Path, default=CORPUS / "trafilatura-eval-sample")
    args = parser.parse_args()
    gold = args.corpus / "evaldata.json"
    if not gold.exists():
        print(f"no corpus at {args.corpus}; nothing to show")
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from core.capture.htmlpage import parse_html
    from core.library import Library
    from core.watch import inbox, polling, rules, sources

    scratch = tempfile.TemporaryDirectory(prefix="cuttings-inbox-")
    out = args.out or Path(scratch.name) / "inbox.png"
    server = FeedServer()
    try:
        feeds: dict[str, tuple[str, list[Entry]]] = {}
        for n, (url, record) in enumerate(json.loads(gold.read_text("utf-8")).items()):
            page = (args.corpus / "html" / record["file"]).read_bytes()
            host = url.split("/")[2].removeprefix("www.")
            path = f"/{host}/{record['file']}"
            server.serve(path, page, "text/html")
            try:
                outlet = parse_html(page, url=url).get("outlet") or host
            except Exception:  # noqa: BLE001 - a page that will not parse still has a host
                outlet = host
            summary = html.unescape(html.unescape(record.get("description") or ""))
            title = " ".join(record["title"].split())
            entry = Entry(title, server.url(path), summary=summary, published=recent(n * 0.7))
            feeds.setdefault(host, (outlet, []))[1].append(entry)
        library = Library.open(Path(scratch.name) / "library.db")
        for host, (outlet, entries) in feeds.items():
            url = server.serve(f"/{host}.xml", rss(f"{outlet} - Latest", entries))
            sources.add(library, url, outlet=outlet)
        for name, query, topics in RULES:
            rules.add(library, name, query, propose=True, topics=topics)
        result = polling.poll(library)
        shown = inbox.proposals(library)
        picture(library, out)
        library.close()
        last_line(
            {
                "png": str(out),
                "sources": len(feeds),
                "items": result.new,
                "proposed": len(shown),
                "failed": len(result.failed),
            }
        )
    finally:
        server.close()
        if args.out is None:
            print("(the picture was in a temporary folder, now gone; use --out to keep it)")
            scratch.cleanup()
    return 0


def picture(library: object, out: Path) -> None:
    from PySide6.QtCore import QItemSelectionModel, QSettings

    from ui import app
    from ui.main_window import MainWindow
    from ui.tasks import Runner

    qt = app.application()
    settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
    runner = Runner(library, synchronous=True)  # type: ignore[arg-type]
    window = MainWindow(library, runner, settings)  # type: ignore[arg-type]
    view = window.watching.open(show=True)
    window.watching.frame.resize(1280, 800)  # type: ignore[union-attr]
    for _ in range(10):
        qt.processEvents()
    view.inbox.list.setCurrentRow(1, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    for _ in range(5):
        qt.processEvents()
    frame = window.watching.frame
    frame.grab().save(str(out), "PNG")  # type: ignore[union-attr]
    for tab, name in ((1, "sources"), (2, "rules")):  # beside it, to look at too
        view.setCurrentIndex(tab)
        for _ in range(5):
            qt.processEvents()
        frame.grab().save(str(out.with_name(f"{out.stem}-{name}.png")), "PNG")  # type: ignore[union-attr]
    window.watching.frame.close()  # type: ignore[union-attr]
    window.close()
    runner.close()
    out.with_suffix(".ini").unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
