"""Reading one source into a clipping: a web address, a file (text, Markdown, HTML, PDF) or
bytes from standard input, extracted and with its speakers found; and the folders walked for
the files Cuttings reads. This is what worker processes run; saving is core.capture.sources.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from core.capture.decode import check_size, decode
from core.capture.fetch import Limits, fetch
from core.capture.htmlpage import parse_html
from core.capture.metadata import canonical
from core.capture.pdfdoc import looks_like_pdf, parse_pdf
from core.capture.textfile import parse_text
from core.clippings import compress_original
from core.errors import CaptureError
from core.files import is_library_file
from core.speakers.finder import find as find_speakers

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".pdf"}
#: a page whose extraction would take minutes: a directory or a dump, not an article
MAX_ELEMENTS = 150_000


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{1,15}):")


def local_path(source: str) -> Path:
    """The file a source names: a path, or a file:// address. Other schemes are refused."""
    scheme = _SCHEME.match(source)
    if scheme and scheme.group(1).lower() == "file":
        parts = urlsplit(source)
        if parts.netloc not in ("", "localhost"):
            raise CaptureError(f"file://{parts.netloc}/ is on another computer; copy it here")
        return Path(unquote(parts.path))
    if scheme and not Path(source).exists():
        name = scheme.group(1).lower()
        if name in ("javascript", "data", "mailto", "about", "blob"):
            raise CaptureError(f"a {name}: link is not the address of a page that can be fetched")
        raise CaptureError(
            f"{name}:// addresses are not supported; Cuttings clips http:// and https:// "
            "addresses, files and folders"
        )
    return Path(source)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def check_structure(data: bytes) -> None:
    """Refuse, before parsing, a page with so many elements that reading it would take
    minutes (trafilatura's cost grows faster than the page: 200,000 links took 39 s)."""
    tags = data.count(b"<") - data.count(b"</")
    if tags > MAX_ELEMENTS:
        raise CaptureError(
            f"the page has about {tags:,} elements (at most {MAX_ELEMENTS:,}): "
            "it is a directory or an archive, not an article"
        )


def parse_bytes(data: bytes, name: str, declared: str | None = None) -> dict[str, Any]:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or looks_like_pdf(data):
        return parse_pdf(data)
    if suffix in HTML_SUFFIXES or (suffix not in SUFFIXES and looks_like_html(data)):
        check_structure(data)
        return parse_html(data, declared=declared)
    return parse_text(decode(data, declared), markdown=suffix in MARKDOWN_SUFFIXES)


def read_file(path: Path) -> bytes:
    if is_library_file(path):
        raise CaptureError("that is the library file itself, not a clipping")
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            raise CaptureError("it is not a regular file (a pipe, a socket or a device)")
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


def parse_source(
    source: str,
    data: bytes | None = None,
    limits: Limits | None = None,
    *,
    speakers: bool = True,
    compressed: bool = True,
) -> dict[str, Any]:
    """Read and extract one source, and find who it quotes (unless ``speakers`` is off: the
    caller finds them itself); raises CaptureError. Runs in worker processes, which compress
    the kept original too (unless ``compressed`` is off: saving it compresses it then)."""
    clipping = _extract(source, data, limits)
    if speakers:
        clipping["finding"] = find_speakers(clipping.get("text") or "")
    if compressed and clipping.get("original") is not None:
        clipping["original_z"] = compress_original(clipping.pop("original"))
    return clipping


def _extract(source: str, data: bytes | None, limits: Limits | None) -> dict[str, Any]:
    if data is not None:  # standard input, read by the caller
        check_size(len(data))
        clipping = parse_bytes(data, "stdin")
        clipping["source"] = "stdin"
        return clipping
    if is_url(source):
        page = fetch(source, limits)
        if page.content_type == "application/pdf" or looks_like_pdf(page.data):
            clipping = parse_pdf(page.data, url=page.url)
        elif page.content_type == "text/plain":
            clipping = parse_text(decode(page.data, page.charset))
        else:
            check_structure(page.data)
            clipping = parse_html(page.data, url=page.url, declared=page.charset)
        clipping["url"] = page.url
        clipping["canonical_url"] = clipping.get("canonical_url") or canonical(page.url)
        return clipping
    path = local_path(source)
    return parse_bytes(read_file(path), str(path))


def expand(sources: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Each source with why it cannot be read (None when it can): addresses and files as
    given, folders walked recursively for the files Cuttings reads. A folder that cannot be
    listed is an outcome of its own, not a silence."""
    for source in sources:
        try:
            path = local_path(source) if source != "-" and not is_url(source) else None
            folder = path is not None and path.is_dir()
        except CaptureError as error:
            yield source, str(error)
            continue
        except OSError as error:  # a name too long, a folder on the way nobody may enter
            yield source, f"it cannot be read ({error.strerror or error})"
            continue
        if path is None or not folder:
            yield source, None
            continue
        unreadable: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=unreadable.append):
            dirs.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() in SUFFIXES:
                    yield str(Path(root) / name), None
            while unreadable:
                failure = unreadable.pop(0)
                yield (
                    str(failure.filename or root),
                    f"the folder cannot be read ({failure.strerror})",
                )
        while unreadable:
            failure = unreadable.pop(0)
            yield str(failure.filename or path), f"the folder cannot be read ({failure.strerror})"
