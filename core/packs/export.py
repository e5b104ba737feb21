"""Writing a pack to a file in one of the four formats, safely: bad names, missing or
read-only folders and non-image logos are refused with a sentence, and the file appears only
when it is complete (written beside the target, then moved into place)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import BadInput, CuttingsError
from core.files import refuse_target
from core.library import Library
from core.packs.build import Pack, PackOptions, build
from core.packs.images import check_logo

FORMATS = ("pdf", "docx", "html", "md")
_REFUSED = re.compile(r'[<>:"|?*\x00-\x1f]')


@dataclass
class Exported:
    path: Path
    clippings: int
    pages: int | None = None  # PDF only
    images: list[Path] = field(default_factory=list)  # Markdown's charts beside it


def check_target(out: Path, *, replace_database: bool = False) -> None:
    if not out.name or out.name in (".", ".."):
        raise BadInput("Give the pack a file name.")
    if _REFUSED.search(out.name):
        raise BadInput(
            f'{out.name!r} has characters some file systems refuse (< > : " | ? * or control '
            "characters); choose another name."
        )
    refuse_target(out, "a pack", replace_database=replace_database)
    folder = out.parent
    if not folder.is_dir():
        raise BadInput(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise CuttingsError(f"Cannot write to the folder {folder}: it is read-only.")


def render_to(pack: Pack, fmt: str, path: Path) -> int | None:
    if fmt == "pdf":
        from core.packs import pdf

        return pdf.render(pack, path)
    if fmt == "docx":
        from core.packs import docx

        docx.render(pack, path)
    elif fmt == "html":
        from core.packs import html

        path.write_text(html.render(pack), "utf-8")
    else:
        from core.packs import markdown

        path.write_text(markdown.render(pack), "utf-8")
    return None


def export(
    library: Library,
    ids: list[int],
    options: PackOptions,
    fmt: str,
    out: Path,
    *,
    replace_database: bool = False,
) -> Exported:
    if fmt not in FORMATS:
        raise BadInput(f"Packs come as {', '.join(FORMATS)}, not {fmt!r}.")
    out = Path(out).expanduser()
    check_target(out, replace_database=replace_database)
    check_logo(options.logo)
    pack = build(library, ids, options)
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    images: list[Path] = []
    if pack.coverage is not None and fmt == "md":
        pack.coverage.beside = out.stem  # the charts go beside the file, named after it
    try:
        pages = render_to(pack, fmt, partial)
        if pack.coverage is not None and fmt == "md":
            from core.packs.coverage import write_images

            images = write_images(pack.coverage, out.parent)  # before the pack that shows them
        os.replace(partial, out)
    except OSError as error:
        named = error.filename
        if named is not None and Path(os.fsdecode(named)).parent.resolve() != out.parent.resolve():
            raise  # a file of the program's own is missing (a font, a template): a bug
        raise CuttingsError(f"Could not write {out}: {error.strerror or error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    return Exported(out, len(pack.items), pages, images)
