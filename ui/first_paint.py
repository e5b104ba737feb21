"""Work the window leaves until its list has been painted once: whatever the first screen
does not show (the sidebar's counts, the Inbox's count, the reader's template engine) would
otherwise hold up the first paint, since a timer of 0 ms fires before Qt paints a new window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: a window that is never shown, or never painted (offscreen, minimised), starts this late
FALLBACK_MS = 1000


class AfterFirstPaint(QObject):
    """Runs ``then`` once, just after the first paint of ``watched`` for which ``ready()`` is
    true (the list holds its first answer), or after FALLBACK_MS whatever happened."""

    def __init__(
        self, watched: QWidget, ready: Callable[[], bool], then: Callable[[], None]
    ) -> None:
        super().__init__(watched)
        self.watched = watched
        self.ready = ready
        self.then = then
        self.done = False
        watched.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self.run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self.done and self.ready():
            # queued, so that it runs once this paint has reached the screen
            QTimer.singleShot(0, self, self.run)
        return False

    def run(self) -> None:
        if self.done:
            return
        self.done = True
        self.watched.removeEventFilter(self)
        self.then()
