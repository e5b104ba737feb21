"""Capture speed: importing a folder of saved news pages through the app's own path, against
bare ``trafilatura.extract`` on the same pages in one process, measured in the same run.

    python bench/capture.py [--pages 200]

The corpus pages (../shared/corpus) are repeated under new names, each copy with a word of
its own so that none is a duplicate, up to --pages. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from common import CORPUS, last_line

from core.capture.sources import add_sources
from core.library import Library


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    if not corpus_pages():
        sys.exit("the corpus is not beside the project (../shared/corpus)")
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
        }
    )


if __name__ == "__main__":
    main()
