"""The Analysis room (View ▸ Analysis, Ctrl+Shift+A): coverage charts over what the list
shows (its sidebar choice, search or saved search) or over the selection, counted off the GUI
thread; a click on a bar or slice shows those clippings in the list.

Its window and matplotlib are loaded the first time Analysis is opened, never at start-up, so
the window's first paint is what it was."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.tasks import Job

if TYPE_CHECKING:
    from core import listing
    from core.coverage.chart import Chart
    from ui.main_window import MainWindow
    from ui.views.analysis_view import AnalysisView


def scope_words(view: listing.View, clippings: int) -> str:
    """'Topic Energy, search “tariffs”: 212 clippings, wire copies counted once'."""
    value = view.value
    where = {
        "all": "All clippings",
        "trash": "The Trash",
        "topic": f"Topic {value}",
        "speaker": f"Speaker {value}",
        "outlet": f"Outlet {value}",
        "story": "One story's copies",
        "saved": f"Saved search “{value}”",
    }.get(view.scope, "The list")
    if view.text.strip():
        where += f", search “{view.text.strip()}”"
    copies = (
        "wire copies counted once, as the list shows them"
        if view.fold and view.scope != "story"
        else "every wire copy counted"
    )
    return f"{where}: {clippings:,} clipping{'' if clippings == 1 else 's'}, {copies}"


#: what the window first shows: clippings over time, by the period their dates suit
FIRST = {"kind": "time", "by": "auto", "split": "none", "among": "speaker", "names": None, "top": 6}


class Analysis:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel: AnalysisView | None = None
        self.ids: list[int] = []
        self._generation = 0
        self._scope = ""
        self._waiting: Chart | None = None  # counted before the panel was made
        self._shown: list[int] | None = None  # the list's ids while it shows a click's

    def open(self) -> None:
        if self.panel is None:
            # The first count runs on a pool thread while matplotlib loads on this one.
            self.take_scope()
            from ui.views.analysis_view import AnalysisView

            panel = AnalysisView(self.window)
            panel.changed.connect(self.recount)
            panel.refresh.connect(self.take_scope)
            panel.picked.connect(self.show_clippings)
            panel.failed.connect(self.window.fail)
            self.panel = panel
            panel.set_scope(self._scope)
            if self._waiting is not None:
                panel.show_chart(self._waiting)
                self._waiting = None
            else:
                panel.counting()
        else:
            self.take_scope()
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()

    def _set_scope(self, words: str) -> None:
        self._scope = words
        if self.panel is not None:
            self.panel.set_scope(words)

    def take_scope(self) -> None:
        """Count the list's clippings (what its view lists, even while the list shows the
        clippings of a click) or the selection, as they are now."""
        view = self.window.browsing.view
        if self.panel is not None and self.panel.use_selection():
            chosen = self.window.selected_ids()
            self.ids = chosen
            noun = "clipping" if len(chosen) == 1 else "clippings"
            self._set_scope(f"The selection: {len(chosen):,} {noun}")
            self.recount()
            return
        listed = self.window.model.ids
        if listed and listed is not self._shown:  # the list as it stands is its view's
            self.ids = list(listed)
            self._set_scope(scope_words(view, len(listed)))
            self.recount()
            return

        def work(job: Job) -> list[int]:
            from core.coverage import counts  # the window's start does not load the counts

            return counts.view_ids(job.library, view)

        def done(ids: list[int]) -> None:
            self.ids = ids
            self._set_scope(scope_words(view, len(ids)))
            self.recount()

        self.window.runner.read(work, done, self.window.fail)

    def recount(self) -> None:
        self._generation += 1
        generation, ids = self._generation, list(self.ids)
        options = self.panel.options() if self.panel is not None else dict(FIRST)
        kind = options.pop("kind")

        def work(job: Job) -> Chart:
            from core.coverage import counts

            return counts.chart(job.library, ids, kind, **options)

        def done(chart: Chart) -> None:
            if generation != self._generation:  # an older question's answer is dropped
                return
            if self.panel is None:
                self._waiting = chart
            else:
                self.panel.show_chart(chart)

        if self.panel is not None:
            self.panel.counting()
        self.window.runner.read(work, done, self.window.fail)

    def show_clippings(self, chosen: list[Any]) -> None:
        """The clippings behind a bar, in the list (the search and the sidebar bring the
        whole list back)."""
        from core.coverage.members import describe, members

        panel = self.panel
        chart = panel.chart if panel else None
        if chart is None:
            return
        ids, by = list(self.ids), chart.by or "month"

        def work(job: Job) -> list[int]:
            return members(job.library, ids, chosen, by=by)

        def done(found: list[int]) -> None:
            window = self.window
            window.model.set_ids(found)
            self._shown = window.model.ids
            if not window.table.select_id(None):
                window.browsing.show_clipping(None)
            what = describe(chart, chosen) or chart.title
            noun = "clipping" if len(found) == 1 else "clippings"
            window.inform(
                f"The list shows the {len(found):,} {noun} behind “{what}” in the Analysis; "
                "search or choose in the sidebar to see the whole list again."
            )

        self.window.runner.read(work, done, self.window.fail)
