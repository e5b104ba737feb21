"""Highlights kept through changes of the text: ../shared/corpus/polnear-train (every article).

    python bench/highlights.py [--corpus DIR] [--per-article 20] [--seed 17]

Each article is read as a text file is captured (core.capture.textfile), and 20 passages are
highlighted in it as a reader would mark them: a few words, part of a sentence, a whole
sentence. Then

(a) the file is extracted again, unchanged, and every highlight placed anew;
(b) 2% of the words are edited (a word replaced, dropped or added, spread over the text) and a
    new first paragraph (another article's) is put before the text; every highlight is placed
    in the new version, where the truth is known from the edits themselves.

A placement is right when it covers the true span (intersection over union >= 0.8), misplaced
when less than half of it lies inside the true span (another passage), loose otherwise (the
right place, edges off); a highlight not placed is an orphan. The figures come for the app's
way (the old text is at hand and its difference from the new one maps positions) and for
selectors alone (an imported annotation: exact text, context and position, no old text).
``ms_per_highlight`` is the app's time per highlight in (b); ``raw_find_ms`` is the time
str.find takes for every exact text in the same run, the floor any anchoring pays, and
``ratio_to_find`` the one over the other.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from common import CORPUS, last_line

from core.capture.textfile import parse_text
from core.highlights.anchoring import Placement, anchor, describe, reanchor

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[”\"’']?")


def passages(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Spans a reader might mark: 30% a few words, 45% part of a sentence, 25% a sentence."""
    words = [m.span() for m in _WORD.finditer(text)]
    sentences = [m.span() for m in _SENTENCE.finditer(text) if len(m.group().split()) >= 4]
    spans: list[tuple[int, int]] = []
    for attempt in range(count * 40):
        roll = rng.random()
        if roll < 0.25 and sentences:
            start, end = rng.choice(sentences)
            while text[start].isspace():
                start += 1
        else:
            size = rng.randint(2, 5) if roll < 0.55 else rng.randint(6, 25)
            if len(words) <= size:
                continue
            first = rng.randrange(0, len(words) - size)
            start, end = words[first][0], words[first + size - 1][1]
        overlaps = any(start < e and s < end for s, e in spans)
        if overlaps and attempt < count * 30:
            continue  # a reader rarely marks the same words twice; short articles must
        spans.append((start, end))
        if len(spans) == count:
            break
    return spans


def edit(text: str, share: float, rng: random.Random, vocabulary: list[str]):
    """``text`` with ``share`` of its words edited; returns it with maps from old offsets to
    new ones for a passage's start and for its end."""
    words = [m.span() for m in _WORD.finditer(text)]
    chosen = sorted(rng.sample(range(len(words)), max(1, round(len(words) * share))))
    pieces: list[str] = []
    start_map = [0] * (len(text) + 1)
    end_map = [0] * (len(text) + 1)
    at, out = 0, 0

    def keep(upto: int) -> None:
        nonlocal at, out
        for i in range(at, upto):
            start_map[i] = out + (i - at)
            end_map[i + 1] = out + (i - at) + 1
        out += upto - at
        pieces.append(text[at:upto])
        at = upto

    for index in chosen:
        a, b = words[index]
        keep(a)
        kind = rng.random()
        if kind < 0.6:  # replaced
            new = rng.choice(vocabulary)
            while new == text[a:b]:
                new = rng.choice(vocabulary)
            for i in range(a, b):
                start_map[i] = out
                end_map[i + 1] = out + len(new)
            pieces.append(new)
            out += len(new)
            at = b
        elif kind < 0.8:  # dropped, with the space after it
            b2 = b + 1 if b < len(text) and text[b] == " " else b
            for i in range(a, b2):
                start_map[i] = out
                end_map[i + 1] = out
            at = b2
        else:  # a word added before it
            new = rng.choice(vocabulary) + " "
            pieces.append(new)
            out += len(new)
    keep(len(text))
    start_map[len(text)] = out
    end_map[0] = 0
    return "".join(pieces), start_map, end_map


def grade(truth: tuple[int, int], placed: Placement | None) -> str:
    if placed is None:
        return "orphan"
    inter = max(0, min(truth[1], placed.end) - max(truth[0], placed.start))
    union = max(truth[1], placed.end) - min(truth[0], placed.start)
    if union and inter / union >= 0.8:
        return "right"
    # mostly outside the true span: another passage, not the right one cut short
    return "misplaced" if inter < 0.5 * (placed.end - placed.start) else "loose"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS / "polnear-train" / "text")
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no articles in {args.corpus}; the corpus is not beside the project")
        last_line({"skipped": True})
        return 0
    rng = random.Random(args.seed)
    texts = [parse_text(f.read_text("utf-8"))["text"] for f in files]
    vocabulary = sorted({w for t in texts[:50] for w in _WORD.findall(t) if len(w) > 2})
    counts = {k: {"right": 0, "loose": 0, "misplaced": 0, "orphan": 0} for k in "aAbB"}
    total = {"a": 0, "b": 0}
    app_seconds = find_seconds = 0.0
    for number, (path, text) in enumerate(zip(files, texts, strict=True)):
        spans = passages(text, args.per_article, rng)
        quotes = [describe(text, s, e) for s, e in spans]
        # (a) the same file extracted again
        again = parse_text(path.read_text("utf-8"))["text"]
        for quote, placed in reanchor(quotes, text, again):
            counts["a"][grade((quote.start, quote.end), placed)] += 1
        for quote in quotes:
            counts["A"][grade((quote.start, quote.end), anchor(quote, again))] += 1
        total["a"] += len(quotes)
        # (b) 2% of the words edited, a new first paragraph
        edited, start_map, end_map = edit(text, 0.02, rng, vocabulary)
        lede = texts[(number + 1) % len(texts)].split("\n")[0].strip() + "\n"
        edited = lede + edited
        truths = [(len(lede) + start_map[q.start], len(lede) + end_map[q.end]) for q in quotes]
        began = time.perf_counter()
        placed = reanchor(quotes, text, edited)
        app_seconds += time.perf_counter() - began
        for truth, (_quote, place) in zip(truths, placed, strict=True):
            counts["b"][grade(truth, place)] += 1
        for truth, quote in zip(truths, quotes, strict=True):
            counts["B"][grade(truth, anchor(quote, edited))] += 1
        began = time.perf_counter()
        for quote in quotes:
            edited.find(quote.exact)
        find_seconds += time.perf_counter() - began
        total["b"] += len(quotes)

    def share(key: str, what: str, whole: str) -> float:
        return round(counts[key][what] / max(total[whole], 1), 4)

    ms = app_seconds * 1000 / max(total["b"], 1)
    raw = find_seconds * 1000 / max(total["b"], 1)
    for label, key in (
        ("(a) unchanged, app", "a"),
        ("(a) unchanged, selectors only", "A"),
        ("(b) edited, app", "b"),
        ("(b) edited, selectors only", "B"),
    ):
        print(f"{label:32} {counts[key]}", file=sys.stderr)
    last_line(
        {
            "articles": len(files),
            "highlights": total["b"],
            "anchored_unchanged": share("a", "right", "a"),
            "anchored_unchanged_selectors_only": share("A", "right", "a"),
            "anchored_edited": share("b", "right", "b"),
            "loose_edited": share("b", "loose", "b"),
            "orphans_edited": share("b", "orphan", "b"),
            "misplaced": counts["a"]["misplaced"] + counts["b"]["misplaced"],
            "anchored_edited_selectors_only": share("B", "right", "b"),
            "misplaced_selectors_only": counts["A"]["misplaced"] + counts["B"]["misplaced"],
            "ms_per_highlight": round(ms, 4),
            "raw_find_ms": round(raw, 5),
            "ratio_to_find": round(ms / raw, 1) if raw else None,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
