"""The Help menu: the query language, the keyboard shortcuts, and About (version, the
library's file, the log folder), so none of it lives only in the README."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core import about as about_cuttings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

QUERY_LANGUAGE = (
    ("trade talks", "clippings with both words (English is stemmed: negotiate finds negotiations)"),
    ('"strategic partnership"', "the exact phrase; an unclosed quote runs to the end"),
    ("negot*", "words starting with negot (a prefix of two letters or more is quickest)"),
    ("china OR russia", "either word (OR binds tighter than the implicit AND)"),
    ('-covid, -"white house"', "leaves those out"),
    ('topic:Trade, speaker:"Zhou Shuchun", outlet:"China Daily"', "filters; -topic:Sport excludes"),
    ("from:2020-12-01 to:2020-12-31", "published in that range; from:2020 or to:2020-06 work too"),
    ("in:highlights port, in:comments, in:why", "the words in what you highlighted or wrote"),
    ("has:highlights, has:comments, has:why", "clippings with them; -has:highlights without"),
)


def version() -> str:
    # core/about.py, not the installed package's metadata: the PyInstaller bundle has none.
    return about_cuttings.VERSION


def _show(parent: QWidget, title: str, html: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(620, 420)
    layout = QVBoxLayout(dialog)
    text = QTextBrowser()
    text.setOpenExternalLinks(False)
    text.setHtml(html)
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.setModal(False)
    dialog.show()
    return dialog


def _table(rows: list[tuple[str, str]] | tuple[tuple[str, str], ...], head: tuple[str, str]) -> str:
    cells = "".join(
        f"<tr><td><code>{escape(a)}</code></td><td>{escape(b)}</td></tr>" for a, b in rows
    )
    return (
        f"<table cellpadding='4'><tr><th align='left'>{head[0]}</th>"
        f"<th align='left'>{head[1]}</th></tr>{cells}</table>"
    )


def query_language(parent: QWidget) -> QDialog:
    return _show(
        parent,
        "The query language",
        "<h3>Searching</h3>"
        + _table(QUERY_LANGUAGE, ("type", "to find"))
        + "<p>Whatever is typed is safe: quotes, * and other syntax are only ever words. A "
        "search that would take more than a second is stopped and says how to narrow it.</p>",
    )


def shortcuts(parent: QWidget, listed: list[tuple[str, str, str]]) -> QDialog:
    rows = [(keys, f"{menu} ▸ {words}") for menu, words, keys in listed if keys]
    return _show(parent, "Keyboard shortcuts", _table(rows, ("keys", "does")))


def about(window: MainWindow) -> QDialog:
    from core import logs, paths

    facts = (
        ("Version", version()),
        ("This library", str(window.library.path)),
        ("Default library", str(paths.default_library())),
        ("Log of bugs", str(logs.log_file())),
    )
    return _show(
        window,
        "About Cuttings",
        "<h3>Cuttings</h3><p>A press-clipping manager: clip, tag by topic and speaker, search, "
        "and send briefing packs, offline, in one SQLite file you own.</p>"
        + _table(facts, ("", "")),
    )
