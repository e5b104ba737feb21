"""Briefing pack speed: a pack of N clippings (full text, grouped by topic, with contents and
"who said what") in each format, timed, with the PDF's pages per second and peak memory. The
PDF is also timed against a bare ReportLab document of the same text (each clipping's headline
and paragraphs in the same fonts, a page each, one build), made in the same run: ``pdf_ratio``
is the pack's time over the bare one's, the median of ``--pdf-runs`` pairs.

    python bench/packs.py [--clippings 200] [--pdf-runs 3]

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from common import TextSampler, last_line

from core.library import Library
from core.packs.build import PackOptions
from core.packs.export import export

TOPICS = ["Economy", "Politics", "Health", "Media", "Energy", "Defence"]
SPEAKERS = ["Anna Smith", "Chen Wei", "Maria Garcia", "Omar Haddad", "Lena Novak"]


def make_library(path: Path, count: int) -> list[int]:
    sampler, rng = TextSampler(5), random.Random(5)
    library = Library.open(path)
    rows = []
    for i in range(count):
        text = sampler.article(words=600)
        rows.append(
            {
                "title": sampler.window(10).strip(" .,").capitalize(),
                "text": text,
                "outlet": rng.choice(["Herald", "Courier", "Gazette", "Post", "Times"]),
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "url": f"https://news.example/{i}",
                "topics": [rng.choice(TOPICS)],
                "speakers": [rng.choice(SPEAKERS)],
            }
        )
    ids = library.add_clippings(rows)
    # Two kept quotes per clipping, so "who said what" has something to say.
    with library.write() as db:
        speakers = {r[1]: r[0] for r in db.conn.execute("SELECT id, name FROM speakers")}
        for clipping_id, row in zip(ids, rows, strict=True):
            speaker = speakers[row["speakers"][0]]
            for start in (0, 400):
                end = min(len(row["text"]), start + 160)
                db.conn.execute(
                    'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
                    "VALUES (?, ?, ?, ?, ?, 'direct')",
                    [clipping_id, speaker, row["text"][start:end], start, end],
                )
    library.close()
    return ids


def bare_pdf(library: Library, ids: list[int], path: Path) -> float:
    """Seconds for the floor: the same text as plain ReportLab paragraphs, one build."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from core.packs.pdf import fonts

    names = fonts()
    body = ParagraphStyle("body", fontName=names["serif"], fontSize=10.5, leading=15, spaceAfter=7)
    head = ParagraphStyle("head", fontName=names["serif-bold"], fontSize=15.5, leading=20)
    rows = library.get_many(ids, with_text=True)
    gc.collect()  # the pack's garbage is not the floor's cost
    started = time.perf_counter()
    story: list = []
    for row in rows:
        story.append(Paragraph(escape(row["title"]), head))
        story += [Paragraph(escape(p), body) for p in row["text"].split("\n\n") if p.strip()]
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clippings", type=int, default=200)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cuttings-packs-") as tmp:
        path = Path(tmp) / "packs.db"
        ids = make_library(path, args.clippings)
        library = Library.open(path)
        options = PackOptions(title="Bench pack", group_by="topic", who_said_what=True)
        result: dict[str, float | int] = {"clippings": len(ids)}
        pdf_times, bare_times = [], []
        for fmt in ("md", "html", "docx", "pdf"):
            started = time.perf_counter()
            exported = export(library, ids, options, fmt, Path(tmp) / f"pack.{fmt}")
            elapsed = time.perf_counter() - started
            if fmt == "pdf":
                # Pairs, pack then floor, so both see the same load on a shared machine.
                pdf_times.append(elapsed)
                bare_times.append(bare_pdf(library, ids, Path(tmp) / "bare.pdf"))
                for _ in range(args.pdf_runs - 1):
                    gc.collect()
                    started = time.perf_counter()
                    export(library, ids, options, fmt, Path(tmp) / f"pack.{fmt}")
                    pdf_times.append(time.perf_counter() - started)
                    bare_times.append(bare_pdf(library, ids, Path(tmp) / "bare.pdf"))
                elapsed = statistics.median(pdf_times)
                result["pdf_bare_s"] = round(statistics.median(bare_times), 2)
                ratios = [a / b for a, b in zip(pdf_times, bare_times, strict=True)]
                result["pdf_ratio"] = round(statistics.median(ratios), 3)
                result["pdf_runs_s"] = [round(t, 2) for t in pdf_times]
                result["pdf_bare_runs_s"] = [round(t, 2) for t in bare_times]
            result[f"{fmt}_s"] = round(elapsed, 2)
            result[f"{fmt}_mb"] = round((Path(tmp) / f"pack.{fmt}").stat().st_size / 1_048_576, 2)
            if fmt == "pdf":
                result["pdf_pages"] = exported.pages or 0
                result["pdf_pages_per_s"] = round((exported.pages or 0) / elapsed, 1)
            print(f"{fmt}: {elapsed:.2f} s", file=sys.stderr)
        result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        library.close()
    last_line(result)


if __name__ == "__main__":
    main()
