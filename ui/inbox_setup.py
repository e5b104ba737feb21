"""The Inbox window's Sources and Rules tabs: a source found from an address off the GUI
thread and saved on the writer, intervals, rules made and edited, and a rule's preview (read
off the GUI thread) before it tags the clippings already in the library. A part of the Inbox
room (ui.inbox), which provides the window, the frame and the refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from ui.tasks import Job

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class SourcesAndRules:
    window: MainWindow
    frame: QWidget | None
    last_preview: Any

    def refresh(self) -> None:
        raise NotImplementedError

    def poll(self, every: bool = False) -> None:
        raise NotImplementedError

    def _run(self, op: Any, said: str) -> None:
        raise NotImplementedError

    # -- sources ---------------------------------------------------------------------------------

    def _source_verb(self, verb: str, name: str | None) -> None:
        from core.watch import operations as watch_ops

        if verb == "add":
            self.add_source()
        elif verb == "check":
            self.poll(every=True)
        elif name is None:
            self.window.say("Choose a source first.")
        elif verb == "remove" and self._sure(f"Stop watching {name}? Its proposals stay."):
            self._run(lambda lib: watch_ops.remove_source(lib, name), "")
        elif verb in ("interval", "edit"):
            minutes, ok = QInputDialog.getInt(
                self.frame, "Check every", f"Minutes between checks of {name}:", 30, 5, 7 * 24 * 60
            )
            if ok:
                self._run(lambda lib: watch_ops.set_interval(lib, name, minutes), "")

    def add_source(self, values: dict[str, Any] | None = None) -> None:
        """Find the feed an address leads to (off the GUI thread), then save it."""
        from core.watch import operations as watch_ops
        from ui.dialogs.watching import AddSourceDialog

        if values is None:
            dialog = AddSourceDialog(self.frame)
            if not dialog.exec():
                return
            values = dialog.values()
        if not values["url"]:
            return

        def work(_job: Job) -> Any:
            from core.watch.discovery import discover

            return discover(values["url"])

        def found(result: Any) -> None:
            self._run(
                lambda lib: watch_ops.save_source(
                    lib, result, values["name"], values["interval"], values["outlet"]
                ),
                f"watching {result.url}",
            )
            self.poll()

        self.window.say(f"Looking for a feed at {values['url']}…")
        self.window.runner.read(work, found, self.window.fail)

    # -- rules -----------------------------------------------------------------------------------

    def _rule_verb(self, verb: str, name: str | None) -> None:
        from core.watch import operations as watch_ops
        from core.watch import rules

        if verb == "add":
            self.edit_rule(None)
        elif name is None:
            self.window.say("Choose a rule first.")
        elif verb == "edit":
            rule = self.window.guard(lambda: rules.get(self.window.library, name))
            if rule is not None:
                self.edit_rule(rule)
        elif verb == "preview":
            self.preview(name)
        elif verb == "remove" and self._sure(f"Delete the rule {name}?"):
            self._run(lambda lib: watch_ops.remove_rule(lib, name), "")
        elif verb == "unmute":
            rule = self.window.guard(lambda: rules.get(self.window.library, name))
            if rule is None or not rule.muted:
                self.window.say(f"{name} mutes no outlet.")
                return
            outlet, ok = QInputDialog.getItem(self.frame, "Unmute", "Outlet:", rule.muted, 0, False)
            if ok:
                self._run(lambda lib: watch_ops.unmute(lib, name, outlet), "")

    def edit_rule(self, rule: Any, values: dict[str, Any] | None = None) -> None:
        from core.watch import operations as watch_ops
        from ui.dialogs.watching import RuleDialog

        if values is None:
            dialog = RuleDialog(self.frame, rule)
            if not dialog.exec():
                return
            values = dialog.values()
        replacing = rule.name if rule else None
        self._run(
            lambda lib: watch_ops.save_rule(lib, replacing=replacing, **values),
            f"rule {values['name']} saved",
        )

    def preview(self, name: str, show: bool = True) -> None:
        """The clippings the rule would tag, read off the GUI thread, then listed and counted;
        Apply tags those left ticked."""

        def work(job: Job) -> Any:
            from core.watch import rules

            return rules.preview(job.library, name)

        def done(shown: Any) -> None:
            from ui.dialogs.watching import RulePreviewDialog

            dialog = RulePreviewDialog(shown, self.frame)
            self.last_preview = dialog
            if show and dialog.exec():
                self.apply(name, dialog.chosen())

        self.window.runner.read(work, done, self.window.fail)

    def apply(self, name: str, clipping_ids: list[int]) -> None:
        from core.watch import operations as watch_ops

        self._run(
            lambda lib: watch_ops.apply_rule(lib, name, clipping_ids),
            f"{name}: topics given to {len(clipping_ids)} clipping(s)",
        )

    def _sure(self, text: str) -> bool:
        answer = QMessageBox.question(self.frame or self.window, "Cuttings", text)
        return answer == QMessageBox.StandardButton.Yes
