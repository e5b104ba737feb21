"""Adding clippings from files, folders and standard input, one outcome per source.

Each clipping is saved in its own transaction, so a failure or an interruption keeps every
clipping saved before it; a failed source is reported with its reason and the rest go on.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from core.capture.decode import check_size, decode
from core.capture.htmlpage import parse_html
from core.capture.textfile import parse_text
from core.errors import CaptureError
from core.library import Library

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES

Status = Literal["added", "duplicate", "failed"]


@dataclass
class Outcome:
    source: str
    status: Status
    clipping_id: int | None = None
    reason: str | None = None


def content_hash(text: str) -> str:
    """Identity of an article's text: case and spacing do not make a different article."""
    folded = " ".join(text.casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def parse_bytes(data: bytes, name: str) -> dict[str, Any]:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES or (suffix not in SUFFIXES and looks_like_html(data)):
        return parse_html(data)
    clipping = parse_text(decode(data), markdown=suffix in MARKDOWN_SUFFIXES)
    return clipping


def read_file(path: Path) -> bytes:
    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError as error:
        raise CaptureError("the file does not exist (or vanished while importing)") from error
    except IsADirectoryError as error:
        raise CaptureError("that is a folder") from error
    except PermissionError as error:
        raise CaptureError("permission denied") from error
    except OSError as error:
        raise CaptureError(error.strerror or str(error)) from error


def expand(sources: Iterable[str]) -> Iterator[str]:
    """Files as given; folders walked recursively for the files Cuttings reads."""
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield str(Path(root) / name)
        else:
            yield source


def save(library: Library, clipping: dict[str, Any], source: str) -> Outcome:
    if not clipping.get("text") and not clipping.get("title"):
        return Outcome(source, "failed", reason="no article text")
    digest = content_hash(clipping.get("text") or clipping.get("title") or "")
    existing = library.find_by_hash(digest)
    if existing is None and clipping.get("canonical_url"):
        existing = library.find_by_url(clipping["canonical_url"])
    if existing is not None:
        return Outcome(source, "duplicate", existing, f"already in the library as {existing}")
    clipping = {**clipping, "content_hash": digest, "source": clipping.get("source") or source}
    return Outcome(source, "added", library.add_clipping(clipping))


def add_sources(
    library: Library,
    sources: Iterable[str],
    *,
    stdin: Any = None,
    progress: Callable[[int, int, Outcome], None] | None = None,
) -> list[Outcome]:
    paths = list(expand(sources))
    outcomes: list[Outcome] = []
    for number, source in enumerate(paths, 1):
        try:
            if source == "-":
                data = (stdin or sys.stdin.buffer).read()
                check_size(len(data))
                clipping = parse_bytes(data, "stdin")
                clipping["source"] = "stdin"
            else:
                clipping = parse_bytes(read_file(Path(source)), source)
            outcome = save(library, clipping, source)
        except CaptureError as error:
            outcome = Outcome(source, "failed", reason=str(error))
        outcomes.append(outcome)
        if progress:
            progress(number, len(paths), outcome)
    return outcomes
