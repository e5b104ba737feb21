"""Helpers the benchmarks share: real article text, percentiles, the JSON last line."""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(ROOT))


def article_texts() -> list[str]:
    """Real news text: the corpus when it is beside the project, else the bundled sample."""
    texts: list[str] = []
    aeb = CORPUS / "scrapinghub-aeb-sample" / "ground-truth.json"
    if aeb.exists():
        texts += [v["articleBody"] for v in json.loads(aeb.read_text("utf-8")).values()]
    polnear = CORPUS / "polnear-sample" / "text"
    if polnear.exists():
        texts += [p.read_text("utf-8") for p in sorted(polnear.glob("*.txt"))]
    if not texts:
        texts += [p.read_text("utf-8") for p in sorted((ROOT / "resources" / "samples").glob("*"))]
    return texts


def words_of(texts: list[str]) -> list[str]:
    return [w for t in texts for w in re.findall(r"[\w’'-]+|[.,;:!?]", t)]


class TextSampler:
    """Articles made of windows of real running text, so word and phrase statistics are real."""

    def __init__(self, seed: int = 7) -> None:
        self.words = words_of(article_texts())
        self.rng = random.Random(seed)

    def window(self, n: int) -> str:
        start = self.rng.randrange(0, max(1, len(self.words) - n))
        return " ".join(self.words[start : start + n]).replace(" .", ".").replace(" ,", ",")

    def article(self, words: int = 600, window: int = 25) -> str:
        paragraphs, count = [], 0
        while count < words:
            paragraph = " ".join(self.window(window) for _ in range(3))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return "\n\n".join(paragraphs)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(values, 50) * 1000, 2),
        "p95_ms": round(percentile(values, 95) * 1000, 2),
        "mean_ms": round(statistics.fmean(values) * 1000, 2) if values else 0.0,
    }


def last_line(data: dict) -> None:
    print(json.dumps(data, ensure_ascii=False))


def run_child(command: list[str], what: str) -> dict:
    """A benchmark's own child process (offscreen, from the project's root), its JSON last
    line; SystemExit with the end of what it said when it fails."""
    out = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode != 0:
        raise SystemExit(f"{what} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
