"""Capture speed: importing a folder of saved news pages through the app's own path, against
bare ``trafilatura.extract`` on the same pages in one process, measured in the same run.

    python bench/capture.py [--pages 200] [--browser-only]

The corpus pages (../shared/corpus) are repeated under new names, each copy with a word of
its own so that none is a duplicate, up to --pages. The app's path includes htmldate's
extensive date search wherever the fast one finds nothing; ``date_fallback_first_s`` is what
its first use costs a fresh process (dateparser's start), paid once per worker.

``browser_clip_ms`` is the browser connector end to end: each corpus page (the samples and
the whole trafilatura development set) posted as the extension posts it (``POST /api/clip``
over HTTP on 127.0.0.1, JSON with the page's HTML) until the answer says it is saved in the
library, p50 and p95, against bare ``trafilatura.extract`` of the same page
(``browser_clip_ratio_p50``). ``browser_clip_5mb_ms`` is a 5 MB page of the heavy kind
(hydration data, an inline image, a long menu, dated in its head); the issue's goal is within
3 s. ``browser_clip_5mb_undated_ms`` is the same page without a date anywhere, the worst case
(htmldate's extensive search reads all of it). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from common import CORPUS, ROOT, last_line, percentile

from core.capture.decode import decode
from core.capture.sources import add_sources
from core.connector import tokens
from core.connector.server import serve
from core.connector.service import Service
from core.library import Library
from core.writer import Readers, Writer


def corpus_pages() -> list[Path]:
    pages = sorted((CORPUS / "scrapinghub-aeb-sample" / "html").glob("*.html"))
    pages += sorted((CORPUS / "trafilatura-eval-sample" / "html").glob("*.html"))
    return pages


def make_folder(folder: Path, count: int) -> list[Path]:
    pages = corpus_pages()
    made = []
    for i in range(count):
        source = pages[i % len(pages)].read_bytes()
        data = source
        if i >= len(pages):
            # A word of its own in each paragraph and no canonical address: the copy is a
            # new article, not a duplicate of the page it was made from.
            data = data.replace(b"</p>", f" copy{i}</p>".encode())
            for marker in (b"canonical", b"og:url", b'"url"'):
                data = data.replace(marker, b"x-" + marker.strip(b'"'))
        path = folder / f"{i:04d}-{pages[i % len(pages)].name}"
        path.write_bytes(data)
        made.append(path)
    return made


def timed_import(folder: Path, jobs: int | None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "capture.db")
        started = time.perf_counter()
        batch = add_sources(library, [str(folder)], jobs=jobs)
        elapsed = time.perf_counter() - started
        library.close()
    return elapsed, batch.count("added")


FIRST_FALLBACK = """
import time
from core.capture.dates import extensive_date
from core.capture.htmlpage import DATES
page = "<html><body><article><div>3 de marzo de 2021</div><p>Text.</p></article></body></html>"
started = time.perf_counter()
assert extensive_date(page, None, DATES) == "2021-03-03"
print(time.perf_counter() - started)
"""


def first_fallback_seconds() -> float:
    """The extensive date search's first use in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FALLBACK], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def fallback_pages(files: list[Path]) -> int:
    """How many of the pages the fast date search leaves undated (the extensive one runs)."""
    from trafilatura import bare_extraction

    from core.capture.htmlpage import DATES

    count = 0
    for path in files[: len(corpus_pages())]:
        document = bare_extraction(
            path.read_bytes(), with_metadata=True, date_extraction_params=DATES
        )
        count += document is not None and not document.date
    return count


def heavy_page(megabytes: int = 5, dated: bool = True) -> str:
    """A page of the heavy kind news sites serve: hydration data, an inline image, a long
    menu, around an article of twenty paragraphs; dated in its head as news pages are (an
    undated one makes htmldate search all 5 MB for a date)."""
    paragraph = (
        "<p>The council voted on Tuesday to close two of the city's public pools for the "
        "winter, a decision clubs said would leave hundreds of children without lessons.</p>"
    )
    image = base64.b64encode(bytes(range(256)) * 6000).decode()
    menu = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(6000))
    items, state = 0, ""
    while len(state) + len(image) + len(menu) < megabytes * 1024 * 1024:
        items += 2000
        state = json.dumps([{"id": i, "teaser": "word " * 40} for i in range(items)])
    date = "<meta property='article:published_time' content='2024-09-12T07:00:00Z'>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Pools to close</title>"
        f"{date if dated else ''}</head>"
        f"<body><script>window.__STATE__ = {state};</script><ul>{menu}</ul>"
        f"<img src='data:image/jpeg;base64,{image}'><article><h1>Pools to close</h1>"
        f"{paragraph * 20}</article></body></html>"
    )


def post_clip(port: int, token: str, url: str, html: str) -> tuple[float, str]:
    body = json.dumps({"url": url, "html": html}).encode()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(
        "POST",
        "/api/clip",
        body,
        {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    answer = json.loads(connection.getresponse().read())
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, answer.get("status", "failed")


def browser_pages() -> list[Path]:
    return corpus_pages() + sorted((CORPUS / "trafilatura-eval-dev" / "html").glob("*.html"))


def browser_clips() -> dict[str, object]:
    """POST /api/clip for every corpus page, end to end into a fresh library."""
    pages = [decode(p.read_bytes(), html=True) for p in browser_pages()]
    bare = []
    for html in pages:
        started = time.perf_counter()
        trafilatura.extract(html, with_metadata=True)
        bare.append((time.perf_counter() - started) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "browser.db"
        with Library.open(path) as library:
            token = tokens.ensure(library)
        readers, writer = Readers(path), Writer(path)
        server = serve(Service(readers.get, writer), 0)
        try:
            started = time.perf_counter()
            server.service.extractor.warm()
            warm_ms = (time.perf_counter() - started) * 1000
            times, statuses = [], []
            for i, html in enumerate(pages):
                elapsed, status = post_clip(
                    server.server_port, token, f"https://bench.example/page/{i}", html
                )
                times.append(elapsed)
                statuses.append(status)
            heavy = heavy_page()
            heavy_ms, heavy_status = post_clip(
                server.server_port, token, "https://bench.example/heavy", heavy
            )
            undated_ms, undated_status = post_clip(
                server.server_port,
                token,
                "https://bench.example/heavy-undated",
                heavy_page(dated=False).replace("winter", "summer"),
            )
        finally:
            server.close()
            writer.close()
            readers.close_all()
    p50 = percentile(times, 50)
    return {
        "browser_clip_ms": {"p50": round(p50, 1), "p95": round(percentile(times, 95), 1)},
        "browser_clip_pages": len(pages),
        "browser_clip_added": statuses.count("added"),
        "browser_clip_duplicates": statuses.count("duplicate"),
        "browser_clip_failed": statuses.count("failed"),
        "bare_extract_with_metadata_ms_p50": round(percentile(bare, 50), 1),
        "browser_clip_ratio_p50": round(p50 / max(percentile(bare, 50), 0.001), 3),
        "browser_worker_start_ms": round(warm_ms, 1),
        "browser_clip_5mb_bytes": len(heavy.encode()),
        "browser_clip_5mb_ms": round(heavy_ms, 1),
        "browser_clip_5mb_status": heavy_status,
        "browser_clip_5mb_within_3s": heavy_ms <= 3000 and heavy_status == "added",
        "browser_clip_5mb_undated_ms": round(undated_ms, 1),
        "browser_clip_5mb_undated_status": undated_status,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument(
        "--browser-only", action="store_true", help="only the browser connector's figures"
    )
    args = parser.parse_args()
    if not corpus_pages():
        sys.exit("the corpus is not beside the project (../shared/corpus)")
    if args.browser_only:
        last_line(browser_clips())
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        files = make_folder(folder, args.pages)
        started = time.perf_counter()
        for path in files:
            trafilatura.extract(path.read_bytes())
        bare_s = time.perf_counter() - started
        # The same with the metadata (headline, byline, date, site) that a clipping needs.
        started = time.perf_counter()
        for path in files:
            trafilatura.extract(path.read_bytes(), with_metadata=True)
        meta_s = time.perf_counter() - started
        one_s, one_added = timed_import(folder, 1)
        many_s, many_added = timed_import(folder, None)
        undated = fallback_pages(files)
    browser = browser_clips()
    pages = len(files)
    bare_rate, one_rate, many_rate = pages / bare_s, pages / one_s, pages / many_s
    last_line(
        {
            "pages": pages,
            "workers_default": os.cpu_count(),
            "bare_pages_per_s": round(bare_rate, 1),
            "bare_with_metadata_pages_per_s": round(pages / meta_s, 1),
            "app_one_worker_pages_per_s": round(one_rate, 1),
            "app_default_workers_pages_per_s": round(many_rate, 1),
            "ratio_one_worker": round(one_rate / bare_rate, 3),
            "speedup_workers": round(many_rate / one_rate, 3),
            "ratio_one_worker_vs_metadata": round(one_rate / (pages / meta_s), 3),
            "added_one_worker": one_added,
            "added_default_workers": many_added,
            "date_fallback_corpus_pages": undated,
            "date_fallback_first_s": round(first_fallback_seconds(), 2),
            **browser,
        }
    )


if __name__ == "__main__":
    main()
