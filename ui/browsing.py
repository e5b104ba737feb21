"""What the list and the reader show: the view (the sidebar's choice, the search, the sort),
its ids asked of core off the GUI thread, the selection, and the chosen clipping in the
reader with its notes."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer

from core import listing
from core.errors import CuttingsError
from core.search import Count
from ui import theme
from ui.messages import describe
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# core.reader (the template engine, highlights and their anchoring) is imported when the
# first clipping is laid out: the window's first paint shows only the list.


#: a long list's rest is read this long after its first part is shown (see refresh_list)
REST_AFTER_MS = 250


class Browsing:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view = listing.View()
        self.shown_id: int | None = None
        self._generation = 0
        self._user_sorted = False  # a header click wins over "relevance when searching"
        #: the list has shown an answer (the window's first paint waits for one)
        self.answered = False
        self._settled_generation = 0  # the last question answered, or failed
        self._asked_at = 0.0  # time.monotonic() of the last question
        #: the reader's template engine has loaded (start_reader): until then the chosen
        #: clipping is not laid out (its note is shown), so the first paint does not wait
        self.reader_ready = False
        #: clippings whose review panel shows every suggestion, not the first few
        self.unfolded: set[int] = set()
        window.search.searched.connect(self.search)
        window.table.sort_requested.connect(self.sort_by)
        window.sidebar.chosen.connect(self.choose_scope)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        window.reader.command.connect(self.reader_command)
        window.model.sized.connect(self._count_shown)

    # -- the list ------------------------------------------------------------------------

    def refresh_list(self, select: int | None = None) -> None:
        """Ask core for the view's ids off the GUI thread; an answer to an older question
        (the user kept typing) is dropped."""
        self._generation += 1
        self._asked_at = time.monotonic()
        generation, view = self._generation, self.view

        def work(job: Job) -> listing.Listing:
            return listing.list_ids(job.library, view, lazy=True)

        def done(result: listing.Listing) -> None:
            if generation != self._generation:
                return
            if result.message:  # why the list is empty (an unknown topic, say)
                self.window.inform(result.message)
            rest, shown = result.rest, len(result.ids)
            more = (lambda: result.more(self.window.library)) if rest else None
            self._show_ids(result.ids, select, more)
            self.answered = True
            self._settled_generation = generation
            if rest:
                # The rest of a long list is read off the GUI thread once the user has
                # stopped typing: scrolling never waits for it unless it reaches the end
                # first (fetchMore), and the first page is painted without it.
                model = self.window.model

                def rest_read(ids: list[int]) -> None:
                    if generation == self._generation and model.canFetchMore():
                        model.append_ids(ids[len(model.ids) - shown :])

                def read_rest() -> None:
                    if generation == self._generation and model.canFetchMore():
                        self.window.runner.read(
                            lambda job: result.remaining(job.library, rest), rest_read, failed
                        )

                QTimer.singleShot(REST_AFTER_MS, self.window, read_rest)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._settled_generation = generation
                self.window.fail(error)

        self.window.runner.read(work, done, failed)

    def busy(self, quiet: float = 0.0) -> bool:
        """Whether the list waits for an answer, or was asked a question in the last
        ``quiet`` seconds (the user is typing): work that can wait waits for it."""
        asked = time.monotonic() - self._asked_at < quiet
        return asked or self._settled_generation < self._generation

    def start_reader(self, then: Callable[[], None] = lambda: None) -> None:
        """Load the reader's template engine on a worker (once the window has painted its
        list), then show the chosen clipping, then ``then``."""

        def work(job: Job) -> None:
            from core import reader

            reader.prepare()

        def done(_: object) -> None:
            if not shiboken6.isValid(self.window.reader):  # closed meanwhile
                return
            self.reader_ready = True
            if self.shown_id is not None:
                self.render(self.shown_id)
            then()

        self.window.runner.read(work, done, done)  # a failure is for the layout to tell

    def _count_shown(self) -> None:
        # What the list holds: exact once its rest is read, "more than" while it is not.
        model = self.window.model
        self.window.count_label.setText(Count(len(model.ids), model.canFetchMore()).words())

    def _show_ids(self, ids: list[int], select: int | None, more: Any = None) -> None:
        keep = select if select is not None else self.window.current_id()
        self.window.model.set_ids(ids, more)
        if not self.window.table.select_id(keep):
            self.show_clipping(None)

    def search(self, text: str) -> None:
        self.window.message.hide()  # a new question: the last answer's message goes
        sort = self.view.sort
        if text and sort == "date" and not self._user_sorted:
            sort = "relevance"
        elif not text and sort == "relevance":
            sort = "date"
        self.set_view(text=text, sort=sort)

    def set_view(self, **changes: Any) -> None:
        self.view = dataclasses.replace(self.view, **changes)
        self.refresh_list()

    def choose_scope(self, scope: str, value: Any) -> None:
        self.window.message.hide()
        self.set_view(scope=scope, value=value)

    def sort_by(self, key: str) -> None:
        descending = not (self.view.sort == key and self.view.descending)
        self._user_sorted = True
        self.window.table.show_sort(key, descending)
        self.set_view(sort=key, descending=descending)

    def open_clipping(self, clipping_id: int) -> None:
        """Show one clipping from anywhere (Who said what): all clippings, no search."""
        self.window.sidebar.select("all")
        self.window.search.clear()
        self.view = listing.View()
        self.refresh_list(select=clipping_id)

    # -- the reader ----------------------------------------------------------------------

    def selection_changed(self) -> None:
        self.window.notes.save()
        self.show_clipping(self.window.current_id())

    def show_clipping(self, clipping_id: int | None, whole: bool = False) -> None:
        """The clipping in the reader, and its note in the notes box."""
        self.render(clipping_id, whole)
        row = (
            self.window.guard(lambda: self.window.library.get(clipping_id)) if clipping_id else None
        )
        self.window.notes.show_note(clipping_id, (row or {}).get("notes") or "")

    def render(self, clipping_id: int | None, whole: bool = False) -> None:
        """Lay the clipping out again in the reader (after a change to it), notes aside."""
        self.shown_id = clipping_id
        if clipping_id is None:
            self.window.reader.setHtml("")
            return
        if not self.reader_ready:
            return  # start_reader lays out the one shown by then
        dark = theme.is_dark(self.window)
        html = self.window.guard(lambda: self._html(clipping_id, dark, whole))
        self.window.reader.setHtml(html or "")

    def _html(self, clipping_id: int, dark: bool, whole: bool) -> str:
        from core import reader

        try:
            return reader.render(
                self.window.library,
                clipping_id,
                query_text=self.view.text,
                dark=dark,
                limit=None if whole else reader.SHOWN,
                unfold=clipping_id in self.unfolded,
            )
        except CuttingsError:
            raise
        except Exception as error:  # a fault in the layout must not leave another article up
            logged = describe(error, "reader")
            self.window.say(
                f"The reader could not lay this clipping out; plain text shown. {logged}"
            )
            row = self.window.library.get(clipping_id)
            return "".join(
                f"<p>{escape(part)}</p>" for part in [row["title"] or "", *row["text"].split("\n")]
            )

    def reader_command(self, verb: str, argument: str) -> None:
        """A cuttings: link in the reader: whole/ID and unfold/ID lay the clipping out again;
        the rest are the review of speakers and quotes."""
        if verb == "whole":
            self.render(int(argument), whole=True)
        elif verb == "unfold":
            self.unfolded.add(int(argument))
            self.render(int(argument))
        else:
            self.window.speakers.review(verb, argument)
