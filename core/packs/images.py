"""The logo a user chose: accepted only when it really is an image, whole, and of a size a
cover can hold (Pillow, which ReportLab reads images with, decodes it once here)."""

from __future__ import annotations

from pathlib import Path

from core.errors import BadInput
from core.files import refuse_library_file

_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"))
MAX_PIXELS = 40_000_000  # a 8000 x 5000 logo is already absurd; a decompression bomb is not one
MAX_BYTES = 20 * 1024 * 1024


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
        if path.stat().st_size > MAX_BYTES:
            raise BadInput(f"The logo {path.name} is larger than 20 MB; use a smaller image.")
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"Cannot read the logo {path}: {error.strerror}.") from error
    image_type(data[:16], path)
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise BadInput(_too_many(path, f"{width} x {height}"))
                image.load()  # a truncated or damaged image fails here, not in a renderer
    except BadInput:
        raise
    except Image.DecompressionBombError as error:
        raise BadInput(_too_many(path, "more than 170 million")) from error
    except (OSError, ValueError, SyntaxError) as error:
        raise BadInput(
            f"The logo {path.name} is not a whole image (it may be truncated or damaged)."
        ) from error


def _too_many(path: Path, size: str) -> str:
    return (
        f"The logo {path.name} is {size} pixels; use one of at most "
        f"{MAX_PIXELS // 1_000_000} million pixels."
    )
