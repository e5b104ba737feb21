"""The one place the window turns a failure into words: a known failure reads as its
sentence, a bug is logged with its traceback (core.logs) and named in one line. Widgets never
pop their own error dialogs; they hand the exception here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

# core.logs (logging's handlers, the data folder) is imported at the first failure, not
# before the window's first paint.


def describe(error: BaseException, context: str = "") -> str:
    from core import logs

    return logs.describe(error, context)


def is_bug(error: BaseException) -> bool:
    from core import logs

    return logs.known(error) is None


def install_excepthook(show: Callable[[str], None]) -> None:
    """An exception that escapes a slot is logged and told, instead of passing in silence
    (or ending the program, as PySide does for some)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        try:
            show(describe(error, "window"))
        except Exception:  # noqa: BLE001 - the window itself may be what failed
            sys.__excepthook__(kind, error, tb)

    sys.excepthook = hook
