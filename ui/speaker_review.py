"""Speakers from the window: the review of the finder's suggestions in the reader (accept,
accept as, reject), finding speakers again over a selection, Who said what, and a speaker's
registry entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QInputDialog, QMenu

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

    # -- speakers --------------------------------------------------------------------------

    def review(self, verb: str, argument: str) -> None:
        """A review link in the reader: accept, accept as, reject or merge a suggested
        speaker, or (quote/ID) what to do with one quote. Each can be undone (Ctrl+Z)."""
        if verb == "quote":
            menu = self.quote_menu(int(argument))
            if menu is not None:
                menu.exec(QCursor.pos())
            return
        if verb == "merge":
            keep, other = (int(n) for n in argument.split("-"))
            names = self._names(keep, other)
            self._run(
                lambda lib: operations.merge_suggestions(lib, keep, other),
                f"merge {names[other]} into {names[keep]}",
            )
            return
        suggestion_id = int(argument)
        name = self._names(suggestion_id).get(suggestion_id, "the speaker")
        if verb == "accept":
            self._run(lambda lib: operations.accept_speaker(lib, suggestion_id), f"accept {name}")
        elif verb == "reject":
            self._run(lambda lib: operations.reject_speaker(lib, suggestion_id), f"reject {name}")
        elif verb == "offer":
            offered = self._offered(suggestion_id)
            if offered:
                self._run(
                    lambda lib: operations.accept_speaker(lib, suggestion_id, merge_into=offered),
                    f"accept {name} as {offered}",
                )
        elif verb == "rename":
            chosen = self.ask_name(name)
            if chosen is None:
                return
            known = chosen in self._known()
            self._run(
                lambda lib: operations.accept_speaker(
                    lib,
                    suggestion_id,
                    **(
                        {}
                        if chosen == name and not known
                        else {"merge_into": chosen}
                        if known
                        else {"name": chosen}
                    ),
                ),
                f"accept {name} as {chosen}" if chosen != name else f"accept {name}",
            )

    def _run(
        self,
        op: Callable[[Library], Changes],
        words: str,
        after: Callable[[], None] | None = None,
    ) -> None:
        def done(changes: Changes) -> None:
            record = changes.value
            self.window.undo.push(words, lambda lib: operations.undo_review(lib, record), after)
            self.window.say(f"{words[0].upper()}{words[1:]} — Ctrl+Z takes it back")
            if after is not None:
                after()

        self.window.ops.run(op, done, what=words)

    def _names(self, *suggestion_ids: int) -> dict[int, str]:
        marks = ",".join("?" * len(suggestion_ids))
        rows = self.window.guard(
            lambda: self.window.library.execute(
                f"SELECT id, name FROM suggestions WHERE id IN ({marks})", list(suggestion_ids)
            )
        )
        return {r["id"]: r["name"] for r in rows or []}

    def _offered(self, suggestion_id: int) -> str | None:
        from core.speakers import registry

        window = self.window
        clipping = window.browsing.shown_id
        if clipping is None:
            return None
        rows = window.guard(lambda: registry.suggestions(window.library, clipping)) or []
        row = next((r for r in rows if r["id"] == suggestion_id), None)
        offered = (row or {}).get("offered_as")
        return offered["name"] if offered else None

    def _known(self) -> list[str]:
        rows = self.window.guard(lambda: tags.SPEAKERS.counts(self.window.library)) or []
        return [r["name"] for r in rows]

    def ask_name(self, suggested: str) -> str | None:
        """Accept as…: the suggested name first and chosen, then the registered speakers (to
        merge into one of them); Enter keeps the suggestion as it is."""
        others = [n for n in self._known() if n != suggested]
        name, ok = QInputDialog.getItem(
            self.window,
            "Accept speaker as",
            "Name (correct it, or choose an existing speaker to merge into):",
            [suggested, *others],
            0,
            True,
        )
        return name.strip() if ok and name.strip() else None

    # -- quotes ----------------------------------------------------------------------------

    def quote_menu(self, quote_id: int) -> QMenu | None:
        """What can be done with one quote: accept it, reject it, give it to another person
        quoted in the clipping or to someone else. Its kind and status head the menu."""
        from core import reader

        window = self.window
        rows = window.guard(
            lambda: window.library.execute(
                "SELECT q.id, q.clipping_id, q.kind, q.status, q.speaker_id, q.suggestion_id, "
                "coalesce(s.name, g.name) AS who FROM quotes q "
                "LEFT JOIN speakers s ON s.id = q.speaker_id "
                "LEFT JOIN suggestions g ON g.id = q.suggestion_id WHERE q.id = ?",
                [quote_id],
            )
        )
        if not rows:
            return None
        quote = rows[0]
        persons, _quotes = window.guard(lambda: reader.people(window.library, quote["clipping_id"]))
        kind = "Direct quote" if quote["kind"] == "direct" else "Reported speech"
        menu = QMenu(window)
        title = menu.addAction(f"{kind} of {quote['who'] or 'nobody yet'} · {quote['status']}")
        title.setEnabled(False)
        menu.addSeparator()
        who = quote["who"] or "the speaker"
        if quote["status"] != "accepted":
            menu.addAction(
                "Accept this quote",
                lambda: self._run(
                    lambda lib: operations.accept_quote(lib, quote_id), f"accept a quote of {who}"
                ),
            )
        if quote["status"] != "rejected":
            menu.addAction(
                "Reject this quote",
                lambda: self._run(
                    lambda lib: operations.reject_quote(lib, quote_id), f"reject a quote of {who}"
                ),
            )
        give = menu.addMenu("Give it to")
        for person in persons:
            if person["name"] == quote["who"]:
                continue
            if person["accepted"]:
                name = person["name"]
                give.addAction(
                    name,
                    lambda n=name: self._run(
                        lambda lib: operations.reassign_quote(lib, quote_id, n),
                        f"give a quote of {who} to {n}",
                    ),
                )
            else:
                target, name = person["id"], person["name"]
                give.addAction(
                    f"{name} (suggested)",
                    lambda t=target, n=name: self._run(
                        lambda lib: operations.reassign_quote(lib, quote_id, suggestion_id=t),
                        f"give a quote of {who} to {n}",
                    ),
                )
        give.addSeparator()
        give.addAction("Someone else…", lambda: self._give_to_someone(quote_id, who))
        return menu

    def _give_to_someone(self, quote_id: int, who: str) -> None:
        name = self.ask_name("")
        if name:
            self._run(
                lambda lib: operations.reassign_quote(lib, quote_id, name),
                f"give a quote of {who} to {name}",
            )

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
        dialog = WhoSaidWhatDialog(
            window.library,
            speaker,
            window.browsing.open_clipping,
            window,
            review=self._run,
            ask_name=self.ask_name,
        )
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
