"""The logo a user chose: accepted only when it really is an image."""

from __future__ import annotations

from pathlib import Path

from core.errors import BadInput
from core.library import refuse_library_file

_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"))


def image_type(data: bytes, path: Path) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    raise BadInput(f"The logo {path.name} is not a PNG, JPEG or GIF image.")


def check_logo(path: Path | None) -> None:
    if path is None:
        return
    refuse_library_file(path, "a logo")
    try:
        data = path.read_bytes()[:16]
    except OSError as error:
        raise BadInput(f"Cannot read the logo {path}: {error.strerror}.") from error
    image_type(data, path)
