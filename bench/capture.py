"""Capture speed: importing a folder of saved news pages through the app's own path, against
bare ``trafilatura.extract`` on the same pages in one process, measured in the same run.

    python bench/capture.py [--pages 200]

The corpus pages (../shared/corpus) are repeated under new names, each copy with a word of
its own so that none is a duplicate, up to --pages. The app's path includes htmldate's
extensive date search wherever the fast one finds nothing; ``date_fallback_first_s`` is what
its first use costs a fresh process (dateparser's start), paid once per worker. The last line
is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from common import CORPUS, ROOT, last_line

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
        undated = fallback_pages(files)
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
        }
    )


if __name__ == "__main__":
    main()
