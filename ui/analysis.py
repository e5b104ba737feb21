"""The Analysis room (View ▸ Analysis, Ctrl+Shift+A): coverage charts over what the list
shows (its sidebar choice, search or saved search) or over the selection, counted off the GUI
thread; a click on a bar or slice shows those clippings in the list.

Its window and matplotlib are loaded the first time Analysis is opened, never at start-up, so
the window's first paint is what it was."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core import listing
from core.coverage import counts
from ui.tasks import Job

if TYPE_CHECKING:
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


class Analysis:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel: AnalysisView | None = None
        self.ids: list[int] = []
        self._generation = 0

    def open(self) -> None:
        if self.panel is None:
            from ui.views.analysis_view import AnalysisView

            self.panel = AnalysisView(self.window)
            self.panel.changed.connect(self.recount)
            self.panel.refresh.connect(self.take_scope)
            self.panel.picked.connect(self.show_clippings)
            self.panel.failed.connect(self.window.fail)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        self.take_scope()

    def take_scope(self) -> None:
        """Count the list's clippings (what its view lists, even while the list shows the
        clippings of a click) or the selection, as they are now."""
        panel = self.panel
        if panel is None:
            return
        view = self.window.browsing.view
        if panel.use_selection():
            chosen = self.window.selected_ids()
            self.ids = chosen
            noun = "clipping" if len(chosen) == 1 else "clippings"
            panel.set_scope(f"The selection: {len(chosen):,} {noun}")
            self.recount()
            return

        def work(job: Job) -> list[int]:
            return counts.view_ids(job.library, view)

        def done(ids: list[int]) -> None:
            self.ids = ids
            panel.set_scope(scope_words(view, len(ids)))
            self.recount()

        self.window.runner.read(work, done, self.window.fail)

    def recount(self) -> None:
        panel = self.panel
        if panel is None:
            return
        self._generation += 1
        generation, ids, options = self._generation, list(self.ids), panel.options()
        kind = options.pop("kind")

        def work(job: Job) -> Chart:
            return counts.chart(job.library, ids, kind, **options)

        def done(chart: Chart) -> None:
            if generation == self._generation:  # an older question's answer is dropped
                panel.show_chart(chart)

        panel.counting()
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
            if not window.table.select_id(None):
                window.browsing.show_clipping(None)
            what = describe(chart, chosen) or chart.title
            noun = "clipping" if len(found) == 1 else "clippings"
            window.inform(
                f"The list shows the {len(found):,} {noun} behind “{what}” in the Analysis; "
                "search or choose in the sidebar to see the whole list again."
            )

        self.window.runner.read(work, done, self.window.fail)
