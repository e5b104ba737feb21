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
        raise CaptureError("it is empty")
    if size > MAX_BYTES:
        limit = MAX_BYTES // 1_048_576
        shown = f"{size / 1_048_576:.0f} MB"
        if size < MAX_BYTES + 1_048_576:
            shown = f"more than {limit} MB"
        raise CaptureError(f"it is too large ({shown}; a clipping can be at most {limit} MB)")


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
    head = data[:8192]
    if b"\x00" in head:
        wide = _utf16_without_bom(data)
        if wide is not None:
            return wide
        # A stray NUL or two in real text is removed where text enters (core.inputs); many
        # of them, or other control bytes, mean an image, an archive, a program.
        if head.count(0) > 8 or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
            raise CaptureError("it is binary data, not text")
        data = data.replace(b"\x00", b"")
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
    # UTF-8 with a few broken bytes (a pasted fragment, a bad editor) is still UTF-8: a
    # detector would turn every accented letter of it into two wrong ones.
    replaced = data.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd")
    others = sum(1 for ch in replaced[:20000] if ord(ch) > 127 and ch != "\ufffd")
    if broken <= max(3, len(replaced) // 2000) and others >= broken:
        return replaced
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise CaptureError("it is not text in any encoding Cuttings can recognise")
    return data.decode(best.encoding, errors="replace")
