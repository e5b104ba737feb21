"""Speaker finding scored against human attributions: ../shared/corpus/polnear-sample.

    python bench/speakers.py [--corpus DIR] [--show]

Per article, predicted speaker names against gold ``speakers`` (a prediction is right when it
names the same person: the same surname and no conflicting first name, case and accents aside,
as the gold merges names), as precision, recall and F1 averaged over articles; and of the gold
direct quotes that have a speaker, the share whose text a predicted direct quote overlaps with
the right speaker. ``fragment_quotes`` counts kept quotes under four words whose sentence names
no speaker (nothing a press officer could check them against); ``ms_per_page`` is the finder's
mean time an article of the corpus. Also the finder's time against capturing the same
articles. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from bisect import bisect_right
from pathlib import Path

from common import CORPUS, ROOT, last_line

from core.capture.textfile import parse_text
from core.speakers.finder import Finding, find
from core.speakers.segments import sentence_spans

_PRONOUNS = re.compile(r"\b(?:he|she|they|him|her|I|we)\b", re.IGNORECASE)


def norm(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1 or w.isalpha()]


def same_person(a: str, b: str) -> bool:
    wa, wb = norm(a), norm(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    return (
        len(wa) == 1
        or len(wb) == 1
        or wa[0] == wb[0]
        or wa[0][0] == wb[0][0]
        and (len(wa[0]) <= 2 or len(wb[0]) <= 2)
    )


def score_article(found: Finding, gold: dict) -> tuple[float | None, float, int, int, float | None]:
    names = [s.name for s in found.speakers]
    right = [n for n in names if any(same_person(n, g) for g in gold["speakers"])]
    recalled = [g for g in gold["speakers"] if any(same_person(n, g) for n in names)]
    # With nothing predicted precision is undefined: the article counts for recall only.
    precision = len(right) / len(names) if names else None
    strict = gold.get("speakers_strict", [])
    recall_strict = (
        sum(any(same_person(n, g) for n in names) for g in strict) / len(strict) if strict else None
    )
    recall = len(recalled) / len(gold["speakers"]) if gold["speakers"] else 1.0
    quotes = [q for q in gold["direct_quotes"] if q["speaker"]]
    correct = 0
    for quote in quotes:
        for speaker in found.speakers:
            if any(
                q.kind == "direct" and q.start < quote["end"] and quote["start"] < q.end
                for q in speaker.quotes
            ) and same_person(speaker.name, quote["speaker"]):
                correct += 1
                break
    return precision, recall, correct, len(quotes), recall_strict


def fragment_quotes(found: Finding, text: str) -> int:
    """Kept quotes under four words whose sentence, outside the quote, names no speaker: neither
    a word of the speaker's name nor a pronoun standing for one."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    count = 0
    for speaker in found.speakers:
        words = {w for w in norm(speaker.name) if len(w) > 2}
        for quote in speaker.quotes:
            if len(quote.text.split()) >= 4:
                continue
            i = max(0, bisect_right(starts, quote.start) - 1)
            s, e = spans[i] if spans else (0, len(text))
            outside = text[s : quote.start] + " " + text[quote.end : max(e, quote.end)]
            if not (words & set(norm(outside))) and not _PRONOUNS.search(outside):
                count += 1
    return count


def content_spans(corpus: Path, name: str) -> list[tuple[int, int]] | None:
    """The annotated Content spans of an article (what was said, directly or not), from its
    brat file under ``attributions/``; None when the corpus has no such file."""
    files = sorted((corpus / "attributions").glob(f"{name}_*.ann"))
    if not files:
        return None
    spans = []
    for line in files[0].read_text("utf-8").splitlines():
        match = re.match(r"T\d+\tContent\d* ([\d; ]+)\t", line)
        if match:
            for piece in match.group(1).split(";"):
                start, end = piece.split()
                spans.append((int(start), int(end)))
    return spans


def reported_hits(found: Finding, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Of the finder's reported quotes, how many lie mostly (at least half) inside what the
    annotators marked as said."""
    hits = total = 0
    for speaker in found.speakers:
        for quote in speaker.quotes:
            if quote.kind != "reported":
                continue
            total += 1
            covered = sum(max(0, min(quote.end, e) - max(quote.start, s)) for s, e in spans)
            hits += covered * 2 >= quote.end - quote.start
    return hits, total


def capture_share() -> dict:
    """The finder's time as a share of capturing the same saved news pages (the AEB sample)."""
    pages = sorted((CORPUS / "scrapinghub-aeb-sample" / "html").glob("*.html"))
    if not pages:
        return {}
    from core.capture.reading import _extract

    extract_s = find_s = 0.0
    for page in pages:
        started = time.perf_counter()
        clipping = _extract(str(page), None, None)
        extract_s += time.perf_counter() - started
        started = time.perf_counter()
        find(clipping["text"])
        find_s += time.perf_counter() - started
    return {
        "html_capture_ms_per_page": round(extract_s / len(pages) * 1000, 1),
        "finder_ms_per_page": round(find_s / len(pages) * 1000, 2),
        "finder_share_of_capture": round(find_s / extract_s, 3),
    }


def pathological() -> dict:
    """The finder's worst time on hostile text (runs of commas, names, labels, dashes), against
    its time on two megabytes of the seed clipping: tests bound the work, this shows the time."""
    seed = next((ROOT / "resources" / "samples").glob("*.txt")).read_text("utf-8")
    texts = [
        "“" + "Alpha, " * 20_000 + "” said Jane Roe.",
        ", ".join(["Alpha Beta Gamma"] * 2_000) + " said.",
        " and ".join(["Alpha Beta"] * 3_000) + " said.",
        "He said. " * 250_000,
        " ".join(["Alpha’s proposal"] * 20_000),
        "ALPHA: beta.\n" * 50_000,
        "“Gamma delta epsilon.” ― Alpha Beta\n" * 20_000,
    ]
    started = time.perf_counter()
    find((seed + "\n\n") * (2_000_000 // len(seed)))
    seed_s = time.perf_counter() - started
    worst = 0.0
    for text in texts:
        started = time.perf_counter()
        find(text)
        worst = max(worst, time.perf_counter() - started)
    return {
        "pathological_ms_max": round(worst * 1000, 1),
        "pathological_vs_seed_2mb": round(worst / seed_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS / "polnear-sample")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    gold_path = args.corpus / "gold.json"
    if not gold_path.exists():
        sys.exit(f"no gold.json in {args.corpus}")
    gold = {
        k: v for k, v in json.loads(gold_path.read_text("utf-8")).items() if not k.startswith("_")
    }
    precisions, recalls, correct, total, find_s, capture_s = [], [], 0, 0, 0.0, 0.0
    stricts: list[float] = []
    fragments = 0
    reported_right = reported_total = 0
    for name, record in sorted(gold.items()):
        text = (args.corpus / "text" / f"{name}.txt").read_text("utf-8")
        started = time.perf_counter()
        parse_text(text)
        capture_s += time.perf_counter() - started
        started = time.perf_counter()
        found = find(text)
        elapsed = time.perf_counter() - started
        p, r, c, t, rs = score_article(found, record)
        if rs is not None:
            stricts.append(rs)
        spans = content_spans(args.corpus, name)
        if spans is not None:
            right, seen = reported_hits(found, spans)
            reported_right += right
            reported_total += seen
        find_s += elapsed
        fragments += fragment_quotes(found, text)
        if p is not None:
            precisions.append(p)
        recalls.append(r)
        correct += c
        total += t
        if args.show:
            names = [s.name for s in found.speakers]
            print(
                f"{name[:40]:40} P {p} R {r:.2f} Q {c}/{t}  found {names}  "
                f"gold {record['speakers']}",
                file=sys.stderr,
            )
    share = capture_share() | pathological()
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls)
    last_line(
        {
            "articles": len(recalls),
            "articles_with_predictions": len(precisions),
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(2 * precision * recall / (precision + recall), 3)
            if precision + recall
            else 0,
            # recall on speech only (PolNeAR also attributes beliefs, votes and positions)
            "recall_speech": round(sum(stricts) / len(stricts), 3) if stricts else None,
            "direct_quote_accuracy": round(correct / total, 3) if total else None,
            "direct_quotes": total,
            "fragment_quotes": fragments,
            "ms_per_page": round(find_s / len(recalls) * 1000, 2),
            # reported speech the finder kept that annotators also marked as said
            "reported_precision": round(reported_right / reported_total, 3)
            if reported_total
            else None,
            "reported_quotes": reported_total,
            "finder_ms_per_article": round(find_s / len(recalls) * 1000, 2),
            "text_capture_ms_per_article": round(capture_s / len(recalls) * 1000, 2),
            **share,
        }
    )


if __name__ == "__main__":
    main()
