"""The morning Inbox from the window: feeds checked in the background while the app runs
(a timer asks each minute which sources are due; a round runs on a pool thread with at most
8 fetches at once, and saves through the serial writer), and the Inbox window where the
user accepts, dismisses or mutes proposals, manages sources and rules, and previews a rule
before it tags the clippings already in the library."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from core.changes import Changes, ids
from ui.inbox_setup import SourcesAndRules
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.views.inbox import InboxView

# The Inbox's panes and the watching code behind them (feeds, fetching, urllib3) are imported
# when the Inbox is first opened or refreshed, after the window's first paint.

CHECK_EVERY_MS = 60_000  # how often the timer asks which sources are due
FIRST_CHECK_MS = 8_000  # after start, once the window has painted and settled


class Watching(SourcesAndRules, QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.frame: QWidget | None = None
        self.view: InboxView | None = None
        self.rule: str | None = None
        self.polling = False
        self.last_round: Any = None
        self.waiting = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.poll)
        self.last_preview: Any = None

    # -- polling ---------------------------------------------------------------------------

    def poll(self, every: bool = False) -> None:
        """One round over the due sources (or every one), unless one is running."""
        if self.polling or not self._alive():
            return
        if not every and not self.window.guard(self._has_sources):
            return  # nothing to watch: no thread, no write
        self.polling = True

        def work(job: Job) -> Any:
            from core.watch import polling

            return polling.poll(
                job.library, writer=job.writer, every=every, cancelled=job.cancelled.is_set
            )

        def done(result: Any) -> None:
            self.polling = False
            if not self._alive():
                return
            self.last_round = result
            if result.proposed:
                self.window.say(f"{len(result.proposed)} new proposal(s) in the Inbox")
            if result.checked:
                self.refresh()

        def failed(error: BaseException) -> None:
            # A background round that could not save (another program holding the library,
            # say) is told in the Inbox and the status bar; the next round tries again.
            from ui.messages import describe

            self.polling = False
            if not self._alive():
                return
            text = f"The feeds could not be checked: {describe(error)}"
            self.window.say(text)
            if self.view is not None:
                self.view.inbox.status.setText(text)

        if self.view is not None:
            self.view.inbox.status.setText("Checking the feeds…")
        self.window.runner.read(work, done, failed)

    def _has_sources(self) -> bool:
        rows = self.window.library.execute("SELECT EXISTS (SELECT 1 FROM watch_sources) AS n")
        return bool(rows[0]["n"])

    def _alive(self) -> bool:
        """Whether the window is still there (a round may end after it closed)."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.window)

    # -- the Inbox window ------------------------------------------------------------------

    def open(self, show: bool = True) -> InboxView:
        if self.view is None:
            self._build()
        assert self.frame is not None and self.view is not None
        self.frame.setWindowTitle(f"Inbox — {self.window.library.path.name}")
        if show:
            self.frame.show()
            self.frame.raise_()
            self.frame.activateWindow()
        self.refresh()
        return self.view

    def _build(self) -> None:
        from ui.views.inbox import InboxView

        frame = QWidget(self.window, Qt.WindowType.Window)
        frame.setWindowTitle(f"Inbox — {self.window.library.path.name}")
        frame.resize(1180, 760)
        view = InboxView()
        QVBoxLayout(frame).addWidget(view)
        view.inbox.filter_chosen.connect(self._filter)
        view.inbox.requested.connect(self._inbox_verb)
        view.sources.requested.connect(self._source_verb)
        view.rules.requested.connect(self._rule_verb)
        QShortcut(QKeySequence("Return"), view.inbox.list, lambda: self._inbox_verb("accept"))
        QShortcut(
            QKeySequence.StandardKey.Delete, view.inbox.list, lambda: self._inbox_verb("dismiss")
        )
        self.frame, self.view = frame, view

    def refresh(self, then: Callable[[], None] = lambda: None) -> None:
        """Read what the panes show, off the GUI thread, and fill them; then ``then``."""
        rule = self.rule

        def work(job: Job) -> Any:
            from core.errors import NotFound
            from core.watch import inbox, rules, sources

            try:
                rows = inbox.proposals(job.library, rule=rule)
            except NotFound:  # the rule was deleted meanwhile
                rows, self.rule = inbox.proposals(job.library), None
            return (
                rows,
                inbox.counts(job.library),
                sources.all_sources(job.library),
                rules.all_rules(job.library),
            )

        def filled(found: Any) -> None:
            self._fill(found)
            then()

        def failed(error: BaseException) -> None:
            if self._alive():
                self.window.fail(error)
                then()

        self.window.runner.read(work, filled, failed)

    def _fill(self, found: Any) -> None:
        from core.watch import sources
        from ui.views.inbox import when

        if not self._alive():
            return
        rows, counts, source_rows, rule_list = found
        self.waiting = counts.get("", 0)
        action = (
            getattr(self.window.actions, "inbox", None) if hasattr(self.window, "actions") else None
        )
        if action is not None:
            action.setText(f"Inbox ({self.waiting})" if self.waiting else "Inbox")
        if self.view is None:
            return
        view = self.view
        view.inbox.fill(rows, counts, self.rule)
        failing = [r for r in source_rows if r["last_status"] == "failed"]
        view.setTabText(0, f"Inbox ({self.waiting})")
        view.setTabText(
            1, f"Sources ({len(source_rows)}" + (f", {len(failing)} failing)" if failing else ")")
        )
        view.setTabText(2, f"Rules ({len(rule_list)})")
        checked = max((r["last_checked"] or "" for r in source_rows), default="")
        status = f"{len(source_rows)} source(s)"
        if checked:
            status += f", last checked {when({'published': checked})}"
        if failing:
            status += f"; {len(failing)} failing (see Sources): " + "; ".join(
                f"{r['name']}: {r['last_reason']}" for r in failing[:2]
            )
        view.inbox.status.setText(
            status if source_rows else "No sources yet: add a feed or a site under Sources."
        )
        view.sources.fill(
            [
                [
                    r["name"],
                    r["outlet"] or "",
                    f"{r['interval_minutes']} min",
                    when({"published": r["last_checked"]}) if r["last_checked"] else "never",
                    sources.describe(r),
                    r["url"],
                ]
                for r in source_rows
            ],
            [r["name"] for r in source_rows],
        )
        view.rules.fill(
            [
                [
                    r.name,
                    r.query,
                    "yes" if r.propose else "no",
                    ", ".join(r.topics),
                    ", ".join(r.muted),
                ]
                for r in rule_list
            ],
            [r.name for r in rule_list],
        )

    def _filter(self, rule: str | None) -> None:
        self.rule = rule
        self.refresh()

    # -- the proposals -----------------------------------------------------------------------

    def _inbox_verb(self, verb: str) -> None:
        from core.watch import operations as watch_ops

        assert self.view is not None
        pane = self.view.inbox
        chosen = pane.selected_ids()
        if verb == "check":
            self.poll(every=True)
        elif verb == "accept_all":
            self.accept(pane.shown_ids())
        elif not chosen:
            self.window.say("Choose a proposal first.")
        elif verb == "accept":
            self.accept(chosen)
        elif verb == "dismiss":
            self._run(lambda lib: watch_ops.dismiss(lib, chosen), "dismissed {}")
        elif verb == "keep":
            self._run(lambda lib: watch_ops.keep(lib, chosen), "keeping {} past 14 days")
        elif verb == "mute":
            rule = self.rule
            self._run(lambda lib: watch_ops.mute(lib, chosen[0], rule), "muted {}")
        elif verb == "open":
            for row in pane.selected_rows()[:5]:
                if row.get("url"):
                    QDesktopServices.openUrl(QUrl(row["url"]))

    def accept(self, item_ids: list[int]) -> None:
        """The full capture of each, as by its address, off the GUI thread."""
        from ui.dialogs.progress import progress_dialog

        window = self.window
        if not item_ids:
            return
        progress = (
            progress_dialog(self.frame or window, "Clipping…", len(item_ids))
            if len(item_ids) > 1
            else None
        )

        def work(job: Job) -> Any:
            from core.watch import accepting

            return accepting.accept(
                job.library,
                item_ids,
                jobs=1 if len(item_ids) == 1 else None,
                writer=job.writer,
                progress=job.report,
                cancelled=job.cancelled.is_set,
            )

        def done(report: Any) -> None:
            if progress:
                progress.close()
            added = [c for _, c, status in report.clipped if status == "added"]
            window.on_changed(
                Changes(clippings=ids(added), membership=True, tags=True, outlets=True)
            )
            text = report.summary()
            if report.failed:
                text += " — " + report.failed[0][1]
            window.say(text, error=bool(report.failed))
            if self.view is not None:
                self.view.inbox.status.setText(text)
            self.refresh()

        def failed(error: BaseException) -> None:
            if progress:
                progress.close()
            window.fail(error)

        task = window.runner.read(
            work, done, failed, lambda n, _t, _s: progress.setValue(n) if progress else None
        )
        if progress:
            progress.canceled.connect(task.cancel)

    def _run(self, op: Any, said: str) -> None:
        def landed(changes: Changes) -> None:
            value = changes.value
            count = len(value) if isinstance(value, list) else value
            if isinstance(value, list) and value and isinstance(value[0], tuple):
                count = ", ".join(f"{outlet} for {rule}" for rule, outlet in value)
            if said:
                self.window.say(said.format(count))
            self.refresh()

        self.window.ops.run(op, landed, self.window.fail)
