"""The files a user names (a source to read, a pack, a backup or a screenshot to write) told
apart from the files of a library, which only SQLite may open: opening and closing one of them
with anything else would drop the locks SQLite holds through this process's connections, and
writing over one destroys what a library last saved."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from core.errors import BadInput

_OPEN: set[str] = set()  # the libraries this process opened, by path
_LOCK = threading.Lock()


def keep_track(path: Path) -> None:
    with _LOCK:
        _OPEN.add(str(path))


_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def is_library_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is (a link to) the file of a library this process has open, or one of
    its -wal, -shm or -journal files. Only stat() is used: opening and closing one of them
    here would drop the locks SQLite holds on it."""
    try:
        wanted = os.stat(path)
    except (OSError, ValueError):
        return False
    with _LOCK:
        opened = list(_OPEN)
    for library in opened:
        for suffix in _SIDE_FILES:
            try:
                found = os.stat(f"{library}{suffix}")
            except OSError:
                continue
            if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
                return True
    return False


_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """Whether an existing file starts like an SQLite database (never asked of this process's
    open libraries, whose files only SQLite may open: see refuse_target)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def refuse_target(path: str | os.PathLike[str], what: str, *, replace_database: bool) -> None:
    """BadInput when a file the user asked to write (a pack, a backup, a screenshot) would
    destroy a library: this process's own, the working file (-wal, -shm, -journal) of any
    SQLite database, or, unless ``replace_database``, another SQLite database."""
    refuse_library_file(path, what)
    target = Path(path)
    for suffix in _SIDE_FILES[1:]:
        if target.name.endswith(suffix):
            base = target.with_name(target.name.removesuffix(suffix))
            if base.exists() and is_sqlite_file(base):
                raise BadInput(
                    f"{target.name} is a working file of the database {base.name}; writing "
                    f"{what} over it would destroy what that database last saved."
                )
    try:
        with open(target, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return
    if head[:4] in _WAL_MAGIC:
        raise BadInput(f"{target.name} is an SQLite write-ahead log; it cannot be {what}.")
    if not replace_database and head == b"SQLite format 3\x00":
        raise BadInput(
            f"{target} is an SQLite database (perhaps another library); it will not be "
            f"replaced by {what}. Choose another name (on the command line, --force replaces it)."
        )


def refuse_library_file(path: str | os.PathLike[str], what: str) -> None:
    """BadInput when a file the user named for ``what`` is the open library's own."""
    if is_library_file(path):
        raise BadInput(
            f"{Path(path).name} is the library itself (or one of its working files); "
            f"it cannot be used as {what}."
        )
