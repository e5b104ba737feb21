"""Extraction quality: the app's capture path against bare trafilatura, and against htmldate
alone for the date, on the same pages, scored against gold.

    python bench/extraction.py [--corpus DIR] [--aeb DIR] [--show] [--dump FILE]

Headline, byline and date are scored on a folder in the trafilatura-eval layout (``--corpus``,
default ../shared/corpus/trafilatura-eval-sample): the share right after normalising both sides
the same way (case, spacing, punctuation, and the separator between several names). The same
folder's ``with``/``without`` snippets give ``snippets``: the share of must-have snippets found
plus the share of must-not snippets absent, halved. Body text is scored by token F1 on
../shared/corpus/scrapinghub-aeb-sample (``--aeb``), the only set with whole gold bodies.
The last line is ``{"app": {...}, "bare": {...}, "htmldate": {"date": ...}}``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import htmldate
import trafilatura
from common import CORPUS, last_line

from core.capture.htmlpage import parse_html

FIELDS = {
    "headline": ("title", "title"),
    "byline": ("byline", "author"),
    "date": ("published", "date"),
}


def norm(value: str | list[str] | None) -> str:
    if isinstance(value, list):  # a few gold records list their authors
        value = "; ".join(value)
    text = unicodedata.normalize("NFKC", value or "").casefold()
    text = re.sub(r"\s*(?:;|,|&|\band\b|\bund\b)\s*", " ; ", text)  # separators between names
    text = re.sub(r"[^\w\s;]", "", text)
    return " ".join(text.split())


def snippet_norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


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
        print(f"app failed on {url}: {error}", file=sys.stderr)
        return {"title": "", "byline": "", "published": "", "text": ""}


def htmldate_alone(data: bytes, url: str | None) -> dict:
    # original_date as trafilatura asks it: the published date, not the last change; on the
    # development set it scores higher than htmldate's default, so it is the bar to beat.
    try:
        return {"published": htmldate.find_date(data, url=url, original_date=True)}
    except Exception:  # htmldate gives up on some broken pages; that is no date
        return {"published": None}


def score_meta(extract, meta_dir: Path, show: bool, dump: dict | None) -> dict:
    gold = json.loads((meta_dir / "evaldata.json").read_text("utf-8"))
    right: Counter = Counter()
    scored: set[str] = set()
    found_with = total_with = absent_without = total_without = 0
    started = time.perf_counter()
    for url, record in gold.items():
        got = extract((meta_dir / "html" / record["file"]).read_bytes(), url)
        for field, (key, gold_key) in FIELDS.items():
            if key not in got:
                continue
            scored.add(field)
            ok = norm(got.get(key)) == norm(record[gold_key])
            right[field] += ok
            if show and not ok:
                print(
                    f"{extract.__name__} {field} {record['file']}: "
                    f"{got.get(key)!r} != {record[gold_key]!r}",
                    file=sys.stderr,
                )
        if "text" in got:
            text = snippet_norm(got["text"])
            musts = [snippet_norm(s) for s in record.get("with") or []]
            nots = [snippet_norm(s) for s in record.get("without") or []]
            found_with += sum(s in text for s in musts)
            absent_without += sum(s not in text for s in nots)
            total_with, total_without = total_with + len(musts), total_without + len(nots)
        if dump is not None:
            dump.setdefault(record["file"], {})[extract.__name__] = {
                k: got.get(k) for k in ("title", "byline", "published", "outlet", "wire")
            }
    n = len(gold)
    result = {field: round(right[field] / n, 3) for field in FIELDS if field in scored}
    if total_with or total_without:
        result["snippets"] = round(
            (found_with / max(1, total_with) + absent_without / max(1, total_without)) / 2, 3
        )
    result["pages_meta"] = n
    result["seconds_meta"] = round(time.perf_counter() - started, 1)
    return result


def score_body(extract, aeb_dir: Path) -> dict:
    truth = json.loads((aeb_dir / "ground-truth.json").read_text("utf-8"))
    f1s = [
        f1(
            extract((aeb_dir / "html" / f"{key}.html").read_bytes(), value.get("url"))["text"],
            value["articleBody"],
        )
        for key, value in truth.items()
    ]
    return {"body_f1": round(sum(f1s) / len(f1s), 4), "pages_body": len(f1s)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--corpus",
        "--trafilatura",
        dest="corpus",
        type=Path,
        default=CORPUS / "trafilatura-eval-sample",
        help="a folder in the trafilatura-eval layout (evaldata.json + html/)",
    )
    parser.add_argument("--aeb", type=Path, default=CORPUS / "scrapinghub-aeb-sample")
    parser.add_argument("--show", action="store_true", help="print every miss to stderr")
    parser.add_argument("--dump", type=Path, help="write every page's fields to this JSON file")
    args = parser.parse_args()
    if not (args.corpus / "evaldata.json").exists() or not args.aeb.exists():
        sys.exit("the corpus is not beside the project (../shared/corpus)")
    dump: dict | None = {} if args.dump else None
    figures = {
        "app": {**score_meta(app, args.corpus, args.show, dump), **score_body(app, args.aeb)},
        "bare": {**score_meta(bare, args.corpus, args.show, dump), **score_body(bare, args.aeb)},
        "htmldate": {
            k: v
            for k, v in score_meta(htmldate_alone, args.corpus, args.show, dump).items()
            if k in ("date", "seconds_meta")
        },
        "corpus": args.corpus.name,
    }
    if args.dump:
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), "utf-8")
    last_line(figures)


if __name__ == "__main__":
    main()
