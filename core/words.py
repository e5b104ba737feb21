"""Counts in words, as every message says them: "1 clipping", "2,104 clippings"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
