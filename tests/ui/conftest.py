"""GUI fixtures: a real window, offscreen, over a real library file; tasks run at once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from core.library import Library  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.tasks import Runner  # noqa: E402


def articles(n: int) -> list[dict]:
    return [
        {
            "title": f"Story {i:03d} about {'energy' if i % 2 else 'trade'}",
            "text": f"Paragraph one of story {i}.\nThe minister said talks on "
            f"{'energy prices' if i % 2 else 'trade tariffs'} would go on.",
            "outlet": ["Herald", "Courier", "Gazette"][i % 3],
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "topics": ["Energy"] if i % 2 else ["Trade"],
        }
        for i in range(n)
    ]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library: Library, settings: QSettings):
    library.add_clippings(articles(30))
    runner = Runner(library, synchronous=True)
    win = MainWindow(library, runner, settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    # the sidebar's counts and the reader follow the list's first paint (ui.first_paint)
    qtbot.waitUntil(lambda: win.first_paint.done)
    yield win
    win.close()  # before the library fixture closes the file
    runner.close()
