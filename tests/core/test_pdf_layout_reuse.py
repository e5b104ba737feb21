"""The quicker PDF is the same PDF: remembered line breaks and splits, contents with their
entries from the first pass, and a first pass that only measures give, byte for byte, the file
ReportLab's plain multiBuild makes (three passes, every paragraph broken anew each time)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate

from core.library import Library
from core.packs import pdf
from core.packs.build import PackOptions
from core.packs.export import export

WORDS = "the minister said budget harbour council vote report strike court energy prices".split()


@pytest.fixture
def pack_ids(library: Library) -> list[int]:
    rng = random.Random(7)
    speakers = ["Ann Doe", "Lee Moe", "Kim Roe"]
    rows = []
    for i in range(24):
        # Long paragraphs, so that many of them split at a page's foot.
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 400))) + "."]
        paragraphs *= rng.randint(1, 4)
        rows.append(
            {
                "title": f"Story {i}: " + " ".join(rng.choice(WORDS) for _ in range(6)),
                "text": "\n\n".join(paragraphs),
                "outlet": rng.choice(["Herald", "Courier"]),
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "url": f"https://news.example/{i}",
                "topics": [rng.choice(["Economy", "Politics", "Health"])],
                "speakers": [speakers[i % 3]],
                "notes": "Call back" if i % 5 == 0 else "",
            }
        )
    ids = library.add_clippings(rows)
    with library.write() as db:
        known = {r[1]: r[0] for r in db.conn.execute("SELECT id, name FROM speakers")}
        for clipping_id, row in zip(ids, rows, strict=True):
            end = min(len(row["text"]), 120)
            db.conn.execute(
                'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
                "VALUES (?, ?, ?, 0, ?, 'direct')",
                [clipping_id, known[row["speakers"][0]], row["text"][:end], end],
            )
    return ids


def _plain_reportlab(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf._Para, "_again", lambda self, memo, key, call, *args: call(*args))
    monkeypatch.setattr(pdf._Doc, "_makeCanvas", BaseDocTemplate._makeCanvas)
    monkeypatch.setattr(pdf._Doc, "_allSatisfied", BaseDocTemplate._allSatisfied)
    monkeypatch.setattr(pdf, "_entries", lambda story: iter(()))


OPTIONS = {
    "by topic": PackOptions(title="Pack", group_by="topic", date="2024-05-01"),
    "excerpts by speaker": PackOptions(
        title="Pack", group_by="speaker", excerpt=True, date="2024-05-01"
    ),
    "Letter, notes, every quote": PackOptions(
        title="Pack", paper="Letter", notes=True, all_quotes=True, excerpt=True, date="2024-05-01"
    ),
}


@pytest.mark.parametrize("name", list(OPTIONS))
def test_the_quick_pdf_is_byte_for_byte_the_plain_one(
    library: Library,
    pack_ids: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    passes: list[int] = []
    build = pdf._Doc.build

    def counted(self, flowables, **kw):
        passes.append(1)
        build(self, flowables, **kw)

    monkeypatch.setattr(pdf._Doc, "build", counted)
    quick = export(library, pack_ids, OPTIONS[name], "pdf", tmp_path / "quick.pdf")
    quick_passes = len(passes)
    with monkeypatch.context() as plain:
        _plain_reportlab(plain)
        passes.clear()
        slow = export(library, pack_ids, OPTIONS[name], "pdf", tmp_path / "plain.pdf")
    assert quick.pages == slow.pages and quick.pages > 30
    assert (tmp_path / "quick.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()
    # The contents were known from the first pass, so the second was the last.
    assert quick_passes == 2 <= len(passes)
