"""The Inbox's polling round and a rule's preview, against bare floors measured in the same run.

    python bench/watch.py [--feeds 200] [--items 50] [--clippings 10000]

Writes FEEDS feeds of ITEMS items each (headlines and summaries are windows of real article
text; a tenth of the items repeat another feed's guid, a tenth another item's address with a
tracking tail, and some link articles already in the library), serves them from a separate
process on 127.0.0.1 (Python's http.server, which answers If-Modified-Since with 304), and
times one polling round with 20 proposing rules through the app (8 connections), then a
second round in which every feed answers 304. The floor is the same fetches with bare urllib3
on 8 threads plus feedparser over every feed on one thread. Then a rule's preview over a
library of CLIPPINGS clippings, against a bare read of the same rows. The last line is JSON:
round_s, second_round_s, round_ratio, preview_s, preview_ratio, proposed, duplicates_proposed.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ROOT, TextSampler, last_line

sys.path.insert(0, str(ROOT))

from tests.feeds import Entry, recent, rss  # noqa: E402

RULE_WORDS = (
    "minister", "election", "police", "court", "health", "energy", "trade", "school",
    "climate", "budget", "housing", "border", "union", "strike", "bank", "prices", "army",
    "hospital", "tax", "water",
)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_feeds(folder: Path, base: str, feeds: int, items: int, in_library: list[str]) -> int:
    """The feed files; returns how many distinct articles they list."""
    sampler, rng = TextSampler(3), random.Random(3)
    made: list[Entry] = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            roll = rng.random()
            if made and roll < 0.1:  # the same item in another feed: same guid and address
                twin = rng.choice(made)
                entries.append(
                    Entry(twin.title, twin.link, twin.guid, twin.summary, twin.published)
                )
                continue
            if made and roll < 0.2:  # the same article under a tracking tail, another guid
                twin = rng.choice(made)
                entries.append(
                    Entry(
                        twin.title + " (updated)",
                        twin.link + "?utm_source=rss",
                        f"urn:feed{f}:{i}",
                        twin.summary,
                        twin.published,
                    )
                )
                continue
            if roll < 0.22 and in_library:
                link = rng.choice(in_library)
            else:
                link = f"https://news{f % 40}.example/{f}/{i}"
            entry = Entry(
                sampler.window(10).strip(" .,;:").capitalize(),
                link,
                f"urn:feed{f}:{i}",
                sampler.window(40),
                recent(rng.uniform(0, 48)),
            )
            made.append(entry)
            entries.append(entry)
        (folder / f"feed{f}.xml").write_bytes(rss(f"Outlet {f % 40} - Section {f}", entries))
    return len({e.link for e in made})


def floor(urls: list[str]) -> float:
    """Bare urllib3 on 8 threads, then feedparser on one: what a round cannot beat."""
    import feedparser
    import urllib3

    started = time.perf_counter()
    manager = urllib3.PoolManager(maxsize=8)
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda u: manager.request("GET", u).data, urls))
    for body in bodies:
        feedparser.parse(body)
    return time.perf_counter() - started


def library_of(path: Path, count: int) -> tuple[object, list[str]]:
    from core.library import Library

    sampler, rng = TextSampler(5), random.Random(5)
    library = Library.open(path)
    urls = []
    batch = []
    for n in range(count):
        url = f"https://kept.example/{n}"
        if n < 200:
            urls.append(url)
        batch.append(
            {
                "title": sampler.window(10).strip(" .,;:").capitalize(),
                "lead": sampler.window(30) if rng.random() < 0.7 else None,
                "text": sampler.article(words=150),
                "outlet": f"Outlet {rng.randrange(40)}",
                "published": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "url": url,
                "canonical_url": url,
            }
        )
        if len(batch) == 1000:
            library.add_clippings(batch)
            batch = []
    if batch:
        library.add_clippings(batch)
    return library, urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--clippings", type=int, default=10_000)
    args = parser.parse_args()

    from core.watch import polling, rules, sources
    from core.watch.discovery import Found

    scratch = tempfile.TemporaryDirectory(prefix="cuttings-watch-")
    folder = Path(scratch.name)
    (folder / "feeds").mkdir()
    library, kept = library_of(folder / "library.db", args.clippings)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    distinct = write_feeds(folder / "feeds", base, args.feeds, args.items, kept)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder / "feeds"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        urls = [f"{base}/feed{f}.xml" for f in range(args.feeds)]
        raw = floor(urls)
        for f, url in enumerate(urls):
            sources.save(
                library,
                Found(url, "feed", f"Section {f}", f"Outlet {f % 40}"),  # type: ignore[arg-type]
                name=f"feed {f}",
            )
        for word in RULE_WORDS:
            rules.add(library, word, word, propose=True)  # type: ignore[arg-type]
        started = time.perf_counter()
        first = polling.poll(library)  # type: ignore[arg-type]
        round_s = time.perf_counter() - started
        started = time.perf_counter()
        second = polling.poll(library, every=True)  # type: ignore[arg-type]
        second_s = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    proposed = library.execute(  # type: ignore[attr-defined]
        "SELECT canonical_url FROM inbox_items WHERE state = 'proposed'"
    )
    addresses = [r["canonical_url"] for r in proposed]
    in_library = {
        r["canonical_url"]
        for r in library.execute(  # type: ignore[attr-defined]
            "SELECT canonical_url FROM clippings"
        )
    }
    duplicates = len(addresses) - len(set(addresses)) + sum(a in in_library for a in addresses)

    rules.add(library, "preview", 'minister OR "prime minister" -sport', topics=["Politics"])  # type: ignore[arg-type]
    times = []
    for _ in range(3):
        started = time.perf_counter()
        shown = rules.preview(library, "preview")  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
    preview_s = min(times)
    started = time.perf_counter()
    list(
        library.conn.execute(  # type: ignore[attr-defined]
            "SELECT id, title, coalesce(lead, substr(text, 1, 600)), outlet FROM clippings"
        )
    )
    raw_preview = time.perf_counter() - started
    library.close()  # type: ignore[attr-defined]
    scratch.cleanup()
    last_line(
        {
            "feeds": args.feeds,
            "items": args.feeds * args.items,
            "distinct_articles": distinct,
            "round_s": round(round_s, 2),
            "floor_s": round(raw, 2),
            "round_ratio": round(round_s / raw, 2),
            "second_round_s": round(second_s, 2),
            "not_modified": second.not_modified,
            "failed": len(first.failed),
            "new": first.new,
            "proposed": len(addresses),
            "duplicates_proposed": duplicates,
            "preview_clippings": args.clippings,
            "preview_s": round(preview_s, 3),
            "preview_read_s": round(raw_preview, 3),
            "preview_ratio": round(preview_s / raw_preview, 1),
            "preview_matched": shown.matched,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
