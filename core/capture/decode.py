"""Bytes to text: the declared or detected charset, and refusals of what is not text."""

from __future__ import annotations

import codecs

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


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode text whose encoding may be declared, marked by a BOM, or neither."""
    check_size(len(data))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        raise CaptureError("the file is binary, not text")
    if declared:
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
