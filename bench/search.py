"""Search speed on a large library, against the naive FTS5 floor measured in the same run.

    python bench/search.py [--clippings 100000] [--runs 50] [--keep PATH]

Builds a library of N clippings of about 600 words each (windows of real article text) through
the app's own write path, then times each query type through ``core.search.search`` (top 50
with snippets) and the same terms as a bare sqlite3 ``MATCH ... ORDER BY rank LIMIT 50`` joined
to the filters in the plain way, and counts each query's matches (``count_matches``: exact up
to 10,000). For each type it also says how many of the plain query's first 50 are on the app's
first page (``same_as_naive_top50``: 50 where the plan ranks exactly; see core/search.py for
the window that bounds ranking). Also searches while another process imports into the file.
The last line is one JSON object: ``p95_ms_by_type`` and ``count_ms_by_type`` for this size.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import ROOT, TextSampler, last_line, summary_ms

from core.library import Library
from core.search import count_matches, search, snippet_sql

OUTLETS = [f"Outlet {name}" for name in "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel".split()]
OUTLETS += ["China Daily", "The Herald", "Daily Courier", "Morning Post", "Evening Standard"]
TOPICS = [f"topic {i:02d}" for i in range(40)]
FIRST = "Anna Boris Chen Dmitri Elena Farid Grace Hiro Ines Jamal Kofi Lena Maria Niu Omar".split()
LAST = "Smith Ivanova Zhou Garcia Okafor Tanaka Muller Rossi Haddad Novak Silva Kim Yibing".split()
START_DAY = 18262  # 2020-01-01 as days since the epoch


def make_clipping(sampler: TextSampler, rng: random.Random) -> dict:
    day = START_DAY + rng.randrange(5 * 365)
    # Skewed topic use, as in real libraries: a few topics are everywhere, most are rare.
    topics = {TOPICS[min(int(rng.paretovariate(1.2)) - 1, len(TOPICS) - 1)] for _ in range(2)}
    speakers = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(0, 3))}
    text = sampler.article()
    return {
        "title": sampler.window(9).strip(" .,;:").capitalize(),
        "text": text,
        "outlet": rng.choice(OUTLETS),
        "published": time.strftime("%Y-%m-%d", time.gmtime(day * 86400)),
        "url": f"https://news.example/{rng.getrandbits(48):x}",
        "topics": sorted(topics),
        "speakers": sorted(speakers),
        "word_count": len(text.split()),
    }


def build(path: Path, count: int, seed: int = 1) -> tuple[float, int]:
    sampler, rng = TextSampler(seed), random.Random(seed)
    library = Library.open(path)
    text_bytes, batch, started = 0, [], time.perf_counter()
    made = 0.0
    for i in range(count):
        t0 = time.perf_counter()
        clipping = make_clipping(sampler, rng)
        made += time.perf_counter() - t0
        text_bytes += len(clipping["title"].encode()) + len(clipping["text"].encode())
        batch.append(clipping)
        if len(batch) == 1000 or i == count - 1:
            library.add_clippings(batch)
            batch = []
    elapsed = time.perf_counter() - started - made  # generating the text is not the app's cost
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    return count / elapsed, text_bytes


def writer(path: Path, seconds: float) -> None:
    """Import clippings into ``path`` in small transactions until time is up."""
    sampler, rng = TextSampler(99), random.Random(99)
    library = Library.open(path)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        library.add_clippings([make_clipping(sampler, rng) for _ in range(10)])
    library.close()


def pick_terms(conn: sqlite3.Connection, sampler: TextSampler, n: int) -> dict[str, str]:
    def df(expr: str) -> int:
        return conn.execute(
            "SELECT count(*) FROM clippings_fts WHERE clippings_fts MATCH ?", [expr]
        ).fetchone()[0]

    counts = Counter(w.lower() for w in sampler.words if w.isalpha() and len(w) >= 6)
    rng = random.Random(3)
    candidates = [w for w, c in counts.items() if 2 <= c <= 6]
    rng.shuffle(candidates)
    rare = next((w for w in candidates[:400] if 0.005 * n <= df(w) <= 0.05 * n), candidates[0])
    mid = [w for w, c in counts.most_common(400)[100:]]
    rng.shuffle(mid)
    pair = [w for w in mid[:200] if 0.05 * n <= df(w) <= 0.3 * n][:2] or mid[:2]
    bigrams = Counter(
        (a.lower(), b.lower())
        for a, b in zip(sampler.words, sampler.words[1:], strict=False)
        if a.isalpha() and b.isalpha() and len(a) >= 4 and len(b) >= 4
    )
    phrase = " ".join(bigrams.most_common(1)[0][0])
    return {
        "rare": rare,
        "common": "said",
        "two_words": " ".join(pair),
        "phrase": f'"{phrase}"',
        "prefix": "pre*",
    }


def naive_sql(filtered: bool) -> str:
    columns = f"c.id, c.title, c.outlet, c.published, f.rank, {snippet_sql()}"
    sql = f"SELECT {columns} FROM clippings_fts f JOIN clippings c ON c.id = f.rowid "
    if filtered:
        sql += (
            "JOIN clipping_topics ct ON ct.clipping_id = c.id JOIN topics t ON t.id = ct.topic_id "
            "WHERE clippings_fts MATCH ? AND t.name = ? AND c.published BETWEEN ? AND ? "
            "AND c.deleted_at IS NULL "
        )
    else:
        sql += "WHERE clippings_fts MATCH ? "
    return sql + "ORDER BY f.rank LIMIT 50"


def fts_expr(text: str) -> str:
    if text.endswith("*"):
        return f'"{text[:-1]}"*'
    if text.startswith('"'):
        return text
    return " AND ".join(f'"{w}"' for w in text.split())


def time_queries(path: Path, cases: dict, runs: int) -> dict:
    library = Library.open(path)
    raw = sqlite3.connect(path)
    results = {}
    for name, case in cases.items():
        app_t, naive_t, count_t = [], [], []
        filtered = "filter" in case
        for _ in range(runs):
            t0 = time.perf_counter()
            found = search(library, case["app"], limit=50)
            app_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            params = [fts_expr(case["words"])] + list(case.get("filter", ()))
            naive = raw.execute(naive_sql(filtered), params).fetchall()
            naive_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            counted = count_matches(library, case["app"])
            count_t.append(time.perf_counter() - t0)
        app, floor = summary_ms(app_t), summary_ms(naive_t)
        # What the user sees first against the plain ranked query: how many of its first 50
        # are on the app's first page (50 where the plan is exact).
        same = len({h.id for h in found.hits} & {r[0] for r in naive})
        results[name] = {
            "query": case["app"],
            "hits_app": len(found.hits),
            "hits_naive": len(naive),
            "app": app,
            "naive": floor,
            "ratio_p95": round(app["p95_ms"] / max(floor["p95_ms"], 0.01), 3),
            "filtered": filtered,
            "plan": found.plan,
            "bounded": found.bounded,
            "same_as_naive_top50": same,
            "count": counted.words(),
            "count_ms": summary_ms(count_t),
        }
    library.close()
    raw.close()
    return results


def under_write(path: Path, query: str, runs: int) -> tuple[float, float]:
    library = Library.open(path)

    def p95(samples: int) -> float:
        times = []
        for _ in range(samples):
            t0 = time.perf_counter()
            search(library, query, limit=50)
            times.append(time.perf_counter() - t0)
        return summary_ms(times)["p95_ms"]

    idle = p95(runs)
    proc = subprocess.Popen(
        [sys.executable, __file__, "--write-into", str(path), "--seconds", "60"],
        cwd=ROOT,
    )
    time.sleep(1.0)  # let the writer get going
    busy = p95(runs)
    proc.terminate()
    proc.wait(timeout=30)
    library.close()
    return idle, busy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clippings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library at this path")
    parser.add_argument("--write-into", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=30, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_into:
        writer(args.write_into, args.seconds)
        return

    tmp = tempfile.TemporaryDirectory(prefix="cuttings-bench-")
    path = args.keep or Path(tmp.name) / "bench.db"
    build_rate, text_bytes = None, None
    if not path.exists():
        build_rate, text_bytes = build(path, args.clippings)
        print(f"built {args.clippings} clippings at {build_rate:.0f}/s", file=sys.stderr)
    raw = sqlite3.connect(path)
    n = raw.execute("SELECT count(*) FROM clippings").fetchone()[0]
    if text_bytes is None:
        text_bytes = raw.execute(
            "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(text AS BLOB))) FROM clippings"
        ).fetchone()[0]
    size = sum(os.path.getsize(p) for p in [path, Path(f"{path}-wal")] if p.exists())
    terms = pick_terms(raw, TextSampler(1), n)
    # Topic sizes: a narrow topic (a few % of the library) and the widest one.
    topic_rows = raw.execute(
        "SELECT t.name, count(*) AS n FROM topics t JOIN clipping_topics ct ON ct.topic_id = t.id "
        "GROUP BY t.id ORDER BY n"
    ).fetchall()
    raw.close()
    narrow_topic = next((t for t, c in topic_rows if c >= 0.01 * n), topic_rows[0][0])
    wide_topic = topic_rows[-1][0]
    word = terms["common"]
    cases = {name: {"app": q, "words": q} for name, q in terms.items()}
    cases["filtered_narrow"] = {
        "app": f'{word} topic:"{narrow_topic}" from:2021-01-01 to:2021-06-30',
        "words": word,
        "filter": (narrow_topic, "2021-01-01", "2021-06-30"),
    }
    cases["filtered_wide"] = {
        "app": f'{word} topic:"{wide_topic}" from:2020-01-01 to:2023-12-31',
        "words": word,
        "filter": (wide_topic, "2020-01-01", "2023-12-31"),
    }
    results = time_queries(path, cases, args.runs)
    for name, r in results.items():
        print(
            f"{name:16} app p50 {r['app']['p50_ms']:7.2f} p95 {r['app']['p95_ms']:7.2f} ms | "
            f"naive p50 {r['naive']['p50_ms']:7.2f} p95 {r['naive']['p95_ms']:7.2f} ms | "
            f"ratio {r['ratio_p95']:.2f} | count p95 {r['count_ms']['p95_ms']:6.2f} ms | "
            f"top50 {r['same_as_naive_top50']:2d}/50 | {r['query']}",
            file=sys.stderr,
        )
    idle, busy = under_write(path, terms["two_words"], args.runs)
    unfiltered = [r["ratio_p95"] for r in results.values() if not r["filtered"]]
    filtered = [r["ratio_p95"] for r in results.values() if r["filtered"]]
    last_line(
        {
            "clippings": n,
            "p95_ms_worst": max(r["app"]["p95_ms"] for r in results.values()),
            "ratio_unfiltered_worst": max(unfiltered),
            "ratio_filtered_worst": max(filtered),
            "build_per_s": round(build_rate, 1) if build_rate else None,
            "size_ratio": round(size / text_bytes, 3),
            "size_mb": round(size / 1_048_576, 1),
            "text_mb": round(text_bytes / 1_048_576, 1),
            "p95_ms_by_type": {name: r["app"]["p95_ms"] for name, r in results.items()},
            "naive_p95_ms_by_type": {name: r["naive"]["p95_ms"] for name, r in results.items()},
            "count_ms": max(r["count_ms"]["p95_ms"] for r in results.values()),
            "count_ms_by_type": {name: r["count_ms"]["p95_ms"] for name, r in results.items()},
            "idle_p95_ms": idle,
            "under_write_p95_ms": busy,
            "ratio_under_write": round(busy / max(idle, 0.01), 3),
            "queries": results,
        }
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
