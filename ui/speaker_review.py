"""Speakers from the window: the review of the finder's suggestions in the reader (accept,
accept as, reject), finding speakers again over a selection, Who said what, and a speaker's
registry entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog

from core import operations, tags
from core.changes import Changes
from core.library import Library
from ui.dialogs.progress import progress_dialog
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class SpeakerReview:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def review(self, verb: str, suggestion_id: int) -> None:
        """Accept, correct or reject a speaker the finder suggested, from the reader."""
        change: Callable[[Library], Changes]
        if verb == "accept":
            change = lambda lib: operations.accept_speaker(lib, suggestion_id)  # noqa: E731
        elif verb == "reject":
            change = lambda lib: operations.reject_speaker(lib, suggestion_id)  # noqa: E731
        elif verb == "rename":
            name = self._ask_name()
            if name is None:
                return
            known = name in self._known()
            change = lambda lib: operations.accept_speaker(  # noqa: E731
                lib, suggestion_id, **({"merge_into": name} if known else {"name": name})
            )
        else:
            return
        self.window.ops.run(change)

    def _known(self) -> list[str]:
        rows = self.window.guard(lambda: tags.SPEAKERS.counts(self.window.library)) or []
        return [r["name"] for r in rows]

    def _ask_name(self) -> str | None:
        name, ok = QInputDialog.getItem(
            self.window,
            "Accept speaker as",
            "Name (or an existing speaker to merge into):",
            self._known(),
            -1,
            True,
        )
        return name.strip() if ok and name.strip() else None

    def rescan(self) -> None:
        """Run the finder again over the selected clippings, off the GUI thread, with progress
        and cancel; what the user already accepted or rejected stays so."""
        window = self.window
        ids = window.selected_ids()
        if not ids:
            window.say("Select the clippings to look at again (Ctrl+A for the whole list).")
            return
        progress = progress_dialog(window, "Finding speakers…", len(ids))

        def work(job: Job) -> Any:
            from core.speakers import registry

            return registry.rescan(
                job.library,
                ids,
                progress=lambda n, total: job.report(n, total, ""),
                cancelled=job.cancelled.is_set,
                writer=job.writer,
            )

        def done(result: tuple[int, int]) -> None:
            progress.close()
            looked, waiting = result
            window.say(f"{looked} clipping(s) looked at; {waiting} speaker suggestion(s) to review")
            window.on_changed(Changes(review=frozenset(ids)))

        def failed(error: BaseException) -> None:
            progress.close()
            window.fail(error)

        task = window.runner.read(work, done, failed, lambda n, _t, _s: progress.setValue(n))
        progress.canceled.connect(task.cancel)

    def who_said_what(self, speaker: str, show: bool = True) -> Any:
        from ui.dialogs.who_said_what import WhoSaidWhatDialog

        window = self.window
        dialog = WhoSaidWhatDialog(window.library, speaker, window.browsing.open_clipping, window)
        if show:
            dialog.exec()
        return dialog

    def edit_speaker(self, name: str, show: bool = True) -> Any:
        from ui.dialogs.edit_speaker import EditSpeakerDialog

        window = self.window
        dialog = window.guard(lambda: EditSpeakerDialog(window.library, window.ops, name, window))
        if dialog is not None and show:
            dialog.exec()
        return dialog
