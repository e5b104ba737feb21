"""Known failures and bugs, told apart: a known failure (a busy or full library, a page that
will not load) is a sentence for the user; anything else is a bug, written with its traceback
to a log file in the user's data folder, and the user gets one line that names that file.

The command line, the window's exception hook and its background tasks all go through
``describe``, so the same failure reads the same everywhere.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sqlite3
from pathlib import Path

import platformdirs

from core.errors import CuttingsError

LOGGER = logging.getLogger("cuttings")


class _QuietFile(logging.handlers.RotatingFileHandler):
    """A log file that, when it cannot be written, says nothing of its own (the one-line
    message then says the bug could not be logged) instead of printing tracebacks."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self.failed = True


_handler: _QuietFile | None = None


def log_file() -> Path:
    """``$CUTTINGS_LOG_DIR/cuttings.log``, else ``logs/cuttings.log`` in the data folder."""
    folder = os.environ.get("CUTTINGS_LOG_DIR")
    if folder:
        return Path(folder).expanduser() / "cuttings.log"
    return Path(platformdirs.user_data_dir("Cuttings", appauthor=False)) / "logs" / "cuttings.log"


def _ensure_handler() -> bool:
    global _handler
    path = log_file()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _QuietFile(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        return False
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if _handler is not None:
        LOGGER.removeHandler(_handler)
        _handler.close()
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    _handler = handler
    return True


def known(error: BaseException) -> CuttingsError | None:
    """The known failure an exception stands for, or None when it is a bug."""
    if isinstance(error, CuttingsError):
        return error
    if isinstance(error, sqlite3.Error):
        from core.library import translate

        return translate(error)
    if isinstance(error, MemoryError):
        return CuttingsError("There was not enough memory for that; nothing was changed.")
    return None


def bug(error: BaseException, context: str = "") -> str:
    """Log a bug with its traceback; the one line to show the user."""
    kind = type(error).__name__
    what = f"{kind}: {error}" if str(error) else kind
    logged = False
    if _ensure_handler():
        try:
            assert _handler is not None
            _handler.failed = False
            LOGGER.error(
                "%s%s",
                f"{context}: " if context else "",
                what,
                exc_info=(type(error), error, error.__traceback__),
            )
            assert _handler is not None
            _handler.flush()
            logged = not _handler.failed and Path(_handler.baseFilename).exists()
        except Exception:  # noqa: BLE001 - a log that cannot be written must not hide the bug
            logged = False
    where = f"the details are in {log_file()}" if logged else "it could not be logged"
    return f"Something went wrong inside Cuttings (a bug: {what[:200]}); {where}."


def describe(error: BaseException, context: str = "") -> str:
    """One line for the user about any exception: its sentence if known, else a logged bug."""
    found = known(error)
    if found is not None:
        return str(found)
    return bug(error, context)
