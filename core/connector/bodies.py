"""What a browser sends, read into one ``Sent`` page, or refused with the reason: the
extension's JSON ``{url, html, selection?, title?}`` and SingleFile's multipart upload (the
saved page in a file field, its address in another, as SingleFile's "REST form API" sends
them; Karakeep's instructions name them ``file`` and ``url``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from python_multipart import MultipartParser
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import parse_options_header

from core.inputs import clean_line, clean_text

MAX_URL = 8192
#: a selection is a passage, not a book: past this it is cut (the page is still kept whole)
MAX_SELECTION = 2 * 1024 * 1024
FILE_FIELDS = ("file", "data", "page", "html")
URL_FIELDS = ("url", "source_url", "link")
# SingleFile writes the page's address into a comment at the top of the file it saves.
_SAVED_WITH = re.compile(rb"<!--\s*Page saved with SingleFile\s+url:\s*(\S+)", re.I)


class Malformed(Exception):
    """The body cannot be read as what it claims to be (answered 400 with this reason)."""


@dataclass
class Sent:
    url: str
    html: bytes
    selection: str = ""
    title: str = ""
    #: the charset the page's bytes are in, when the sender said so
    charset: str | None = None
    via: str = "browser"  # or "singlefile"


def check_url(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Malformed("url is missing: send the address of the page")
    url = value.strip()
    if len(url) > MAX_URL:
        raise Malformed(f"url is longer than {MAX_URL} characters")
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        raise Malformed(f"url must be an http:// or https:// address, not {url[:80]!r}")
    return clean_line(url) or url


def from_json(body: bytes) -> Sent:
    """The extension's clip: a JSON object with url and html (strings), and optionally the
    selected text and the tab's title."""
    try:
        data = json.loads(body)
    except UnicodeDecodeError as error:
        raise Malformed("the body is not UTF-8 JSON") from error
    except ValueError as error:
        raise Malformed(f"the body is not JSON ({error})") from error
    if not isinstance(data, dict):
        raise Malformed("the body must be a JSON object with url and html")
    html = data.get("html")
    if not isinstance(html, str) or not html.strip():
        raise Malformed("html is missing: send the page's HTML as a string")
    optional = {}
    for key in ("selection", "title"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise Malformed(f"{key} must be a string")
        optional[key] = value or ""
    selection = clean_text(optional["selection"][:MAX_SELECTION]) or ""
    return Sent(
        url=check_url(data.get("url")),
        # surrogatepass: a lone surrogate (a broken emoji in the DOM) must not fail the clip
        html=html.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8"),
        selection=selection.strip(),
        title=clean_line(optional["title"]) or "",
        charset="utf-8",
    )


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    content_type: str = ""
    charset: str | None = None
    data: bytearray | None = None


def from_multipart(body: bytes, content_type: str) -> Sent:
    """SingleFile's upload: the saved page in a file field and its address in a text field.
    The field names SingleFile users set for Karakeep (``file``, ``url``) work, and so does
    any single file field; without a url field the address SingleFile wrote into the page
    is used."""
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data":
        raise Malformed("expected multipart/form-data")
    boundary = options.get(b"boundary")
    if not boundary:
        raise Malformed("the multipart body has no boundary in its Content-Type")
    parts = _parse_parts(body, boundary)
    files = [p for p in parts if p.filename is not None]
    fields = {p.name: bytes(p.data or b"") for p in parts if p.filename is None}
    page = next((p for p in files if p.name in FILE_FIELDS), None)
    if page is None and len(files) == 1:
        page = files[0]
    if page is None:
        page = next((p for p in parts if p.name in FILE_FIELDS), None)
    if page is None or not page.data:
        raise Malformed("the form has no page: send the saved HTML in a file field named file")
    html = bytes(page.data)
    url = next((fields[n] for n in URL_FIELDS if fields.get(n)), b"")
    if not url:
        saved = _SAVED_WITH.search(html[:4096])
        url = saved.group(1) if saved else b""
    if not url:
        raise Malformed("the form has no url field (the address of the page)")
    return Sent(
        url=check_url(url.decode("utf-8", "replace")),
        html=html,
        title=clean_line(fields.get("title", b"").decode("utf-8", "replace")) or "",
        charset=page.charset,
        via="singlefile",
    )


def _parse_parts(body: bytes, boundary: bytes) -> list[_Part]:
    parts: list[_Part] = []
    header: dict[str, bytearray] = {"field": bytearray(), "value": bytearray()}
    headers: dict[bytes, bytes] = {}
    ended = []

    def begin() -> None:
        parts.append(_Part(data=bytearray()))
        headers.clear()

    def field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def header_end() -> None:
        headers[bytes(header["field"]).lower()] = bytes(header["value"])
        header["field"], header["value"] = bytearray(), bytearray()

    def headers_done() -> None:
        part = parts[-1]
        _, disposition = parse_options_header(headers.get(b"content-disposition", b""))
        part.name = disposition.get(b"name", b"").decode("utf-8", "replace")
        filename = disposition.get(b"filename")
        part.filename = filename.decode("utf-8", "replace") if filename is not None else None
        kind, options = parse_options_header(headers.get(b"content-type", b""))
        part.content_type = kind.decode("latin-1")
        charset = options.get(b"charset")
        part.charset = charset.decode("latin-1") if charset else None

    def data(chunk: bytes, start: int, end: int) -> None:
        assert parts[-1].data is not None
        parts[-1].data += chunk[start:end]

    callbacks = {
        "on_part_begin": begin,
        "on_header_field": field,
        "on_header_value": value,
        "on_header_end": header_end,
        "on_headers_finished": headers_done,
        "on_part_data": data,
        "on_end": lambda: ended.append(True),
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        parser.write(body)
        parser.finalize()
    except MultipartParseError as error:
        raise Malformed(f"the multipart body is broken ({error})") from error
    if not ended:
        raise Malformed("the multipart body ends before its closing boundary")
    if not parts:
        raise Malformed("the multipart body has no parts")
    return parts
