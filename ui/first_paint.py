"""Work the window leaves until its list has been painted once: whatever the first screen
does not show (the sidebar's counts, the Inbox's count, the reader's template engine) would
otherwise hold up the first paint, since a timer of 0 ms fires before Qt paints a new window."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from core import listing

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Step = Callable[[Callable[[], None]], None]

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


def settle(window: MainWindow) -> None:
    """What follows the first paint, one job after another and each after the list's answer,
    so that a search typed at once finds a thread of the pool free and little else wanting
    the interpreter: the chosen clipping (once the reader's templates have loaded) and the
    sidebar's counts (off the GUI thread: 100 ms at 100,000 clippings); then, once the user
    has stopped typing for QUIET_S, the Inbox's count and the writer's connection (each
    50 ms of imports)."""

    def counts(then: Callable[[], None]) -> None:
        def counted(entries: dict[str, list[dict[str, object]]]) -> None:
            if shiboken6.isValid(window.sidebar):  # the window may have closed meanwhile
                window.refresh_sidebar(entries)
                then()

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(window.sidebar):
                window.fail(error)
                then()

        window.runner.read(lambda job: listing.sidebar(job.library), counted, failed)

    def frozen(then: Callable[[], None]) -> None:
        # what these loaded lives as long as the app, as what app.main_window froze
        gc.freeze()
        then()

    steps = [
        (0.0, window.browsing.start_reader),
        (0.0, counts),
        (QUIET_S, window.watching.refresh),
        (QUIET_S, window.runner.warm_up),
        (0.0, frozen),
    ]
    in_turn(steps, window.browsing.busy, window)


#: how long the list must have been left alone before the steps that can wait start
QUIET_S = 0.5
#: how often a step that waits looks again
YIELD_MS = 20


def in_turn(steps: list[tuple[float, Step]], busy: Callable[[float], bool], owner: QObject) -> None:
    """Each step is given the rest to start when it has finished; none starts while the list
    waits for an answer (a search typed meanwhile comes first), or was asked one in the
    step's quiet time. Nothing more starts once ``owner`` (the window) is gone."""
    if not steps or not shiboken6.isValid(owner):
        return
    quiet, step = steps[0]
    if busy(quiet):
        QTimer.singleShot(YIELD_MS, owner, lambda: in_turn(steps, busy, owner))
        return
    step(lambda: in_turn(steps[1:], busy, owner))
