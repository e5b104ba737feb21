"""The window's rooms that nothing on its first screen needs (capture, packs, speaker review,
the Inbox, the browser connector, Analysis): each is made, and its module imported, the first
time it is asked for, from a menu, a drop, a link in the reader or once the list has been
painted, so that the first paint does not wait for their imports."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.analysis import Analysis
    from ui.capture import Capturing
    from ui.connector import BrowserConnector
    from ui.inbox import Watching
    from ui.packs import Packs
    from ui.speaker_review import SpeakerReview


class LaterRooms:
    """Mixed into the main window (``self`` is the window each room is made for)."""

    @cached_property
    def capturing(self) -> Capturing:
        from ui.capture import Capturing

        return Capturing(self)  # type: ignore[arg-type]

    @cached_property
    def packs(self) -> Packs:
        from ui.packs import Packs

        return Packs(self)  # type: ignore[arg-type]

    @cached_property
    def speakers(self) -> SpeakerReview:
        from ui.speaker_review import SpeakerReview

        return SpeakerReview(self)  # type: ignore[arg-type]

    @cached_property
    def watching(self) -> Watching:
        from ui.inbox import Watching

        return Watching(self)  # type: ignore[arg-type]

    @cached_property
    def connector(self) -> BrowserConnector:
        """The browser extension's endpoint; it listens once app.run starts it."""
        from ui.connector import BrowserConnector

        return BrowserConnector(self)  # type: ignore[arg-type]

    @cached_property
    def analysis(self) -> Analysis:
        from ui.analysis import Analysis

        return Analysis(self)  # type: ignore[arg-type]
