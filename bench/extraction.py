"""Extraction quality: the app's capture path against bare ``trafilatura.extract`` on the same
pages, scored against gold.

    python bench/extraction.py [--aeb DIR] [--trafilatura DIR] [--show]

Headline, byline and date are scored on ../shared/corpus/trafilatura-eval-sample (the share
right after normalising both sides the same way: case, spacing, punctuation, and the separator
between several names); body text by token F1 on ../shared/corpus/scrapinghub-aeb-sample.
The last line is ``{"app": {...}, "bare": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import trafilatura
from common import CORPUS, last_line

from core.capture.htmlpage import parse_html


def norm(value: str | None) -> str:
    text = unicodedata.normalize("NFKC", value or "").casefold()
    text = re.sub(r"\s*(?:;|,|&|\band\b)\s*", " ; ", text)  # separators between names
    text = re.sub(r"[^\w\s;]", "", text)
    return " ".join(text.split())


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").casefold()))


def f1(predicted: str, gold: str) -> float:
    p, g = tokens(predicted), tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def bare(data: bytes, url: str | None) -> dict:
    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    text = trafilatura.extract(data, url=url) or ""
    if doc is None:
        return {"title": "", "byline": "", "published": "", "text": text}
    return {"title": doc.title, "byline": doc.author, "published": doc.date, "text": text}


def app(data: bytes, url: str | None) -> dict:
    try:
        return parse_html(data, url=url)
    except Exception as error:  # a failure scores zero, like an empty extraction
        print(f"app failed: {error}", file=sys.stderr)
        return {"title": "", "byline": "", "published": "", "text": ""}


def score(extract, meta_dir: Path, aeb_dir: Path, show: bool) -> dict:
    gold = json.loads((meta_dir / "evaldata.json").read_text("utf-8"))
    right = Counter()
    for url, record in gold.items():
        got = extract((meta_dir / "html" / record["file"]).read_bytes(), url)
        for field, key in (("headline", "title"), ("byline", "byline"), ("date", "published")):
            expected = record[
                "title" if field == "headline" else "author" if field == "byline" else "date"
            ]
            ok = norm(got.get(key)) == norm(expected)
            right[field] += ok
            if show and not ok:
                print(
                    f"{extract.__name__} {field}: {got.get(key)!r} != {expected!r}", file=sys.stderr
                )
    truth = json.loads((aeb_dir / "ground-truth.json").read_text("utf-8"))
    f1s = [
        f1(
            extract((aeb_dir / "html" / f"{key}.html").read_bytes(), value.get("url"))["text"],
            value["articleBody"],
        )
        for key, value in truth.items()
    ]
    n = len(gold)
    return {
        "headline": round(right["headline"] / n, 3),
        "byline": round(right["byline"] / n, 3),
        "date": round(right["date"] / n, 3),
        "body_f1": round(sum(f1s) / len(f1s), 4),
        "pages_meta": n,
        "pages_body": len(f1s),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aeb", type=Path, default=CORPUS / "scrapinghub-aeb-sample")
    parser.add_argument("--trafilatura", type=Path, default=CORPUS / "trafilatura-eval-sample")
    parser.add_argument("--show", action="store_true", help="print every miss to stderr")
    args = parser.parse_args()
    if not args.aeb.exists() or not args.trafilatura.exists():
        sys.exit("the corpus is not beside the project (../shared/corpus)")
    last_line(
        {
            "app": score(app, args.trafilatura, args.aeb, args.show),
            "bare": score(bare, args.trafilatura, args.aeb, args.show),
        }
    )


if __name__ == "__main__":
    main()
