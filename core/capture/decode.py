"""Bytes to text: the declared or detected charset, and refusals of what is not text."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from core.errors import CaptureError

MAX_BYTES = 20 * 1024 * 1024  # no news article is anywhere near this
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_size(size: int) -> None:
    if size == 0:
        raise CaptureError("the file is empty")
    if size > MAX_BYTES:
        raise CaptureError(
            f"the file is too large ({size / 1_048_576:.0f} MB; a clipping can be at most "
            f"{MAX_BYTES // 1_048_576} MB)"
        )


# Pages declare the narrow charset and use the wide one, as browsers assume.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "ks_c_5601-1987": "cp949",
}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text that starts without a byte-order mark (some Windows tools write it so):
    Latin text then has a zero in every other byte, on the same side throughout."""
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 4 or len(data) % 2:
        return None
    for encoding, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if zeros.count(0) >= pairs * 0.6:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    return None


def decode(data: bytes, declared: str | None = None, *, html: bool = False) -> str:
    """Decode text whose encoding may be declared (by the server, or in a page's <meta>),
    marked by a BOM, or neither."""
    check_size(len(data))
    if html and not declared:
        meta = _META_CHARSET.search(data[:8192])
        declared = meta.group(1).decode("ascii", "ignore") if meta else None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise CaptureError("the file is binary, not text")
        return wide
    if declared:
        declared = _SUPERSETS.get(declared.lower(), declared)
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise CaptureError("the file is not text in any encoding Cuttings can recognise")
    return data.decode(best.encoding, errors="replace")
