"""Cuttings: the entry point. With a command it is the command line (ui/cli); without one it
opens the window on the library in the user's data folder.

    python main.py [--library PATH] COMMAND ...     (the same as `cuttings`)
    python main.py                                  the window

Errors are one line on stderr; exit status 2 for bad input, 1 for a failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from core import paths
from core.library import Library
from core.words import plural
from ui.cli.base import open_library


def first_start(library: Library) -> None:
    """A new library gets the sample clipping, so the first screen is not empty."""
    from core.capture.sources import add_sources

    add_sources(library, [str(p) for p in paths.sample_files()], jobs=1)


def run_app(args: argparse.Namespace) -> int:
    path = args.library or paths.default_library()
    is_new = not path.exists()
    library = open_library(args)
    try:
        if is_new:
            first_start(library)
        if os.environ.get("CUTTINGS_NO_WINDOW"):
            return overview(library)
        if args.screenshot:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui import app  # Qt loads only when a window is wanted

        if args.screenshot:
            from core.files import refuse_target

            refuse_target(args.screenshot, "a screenshot", replace_database=False)
            app.screenshot(library, args.screenshot)
            print(f"saved {args.screenshot}")
            return 0
        return app.run(library)
    finally:
        library.close()


def overview(library: Library) -> int:
    from core.search import search

    print(f"Cuttings library: {library.path}")
    print(f"{plural(library.count(), 'clipping')} ({library.count(trashed=True)} in the Trash)")
    for hit in search(library, "", limit=10, sort="date").hits:
        print(f"{hit.id:>6}  {hit.published or '----------'}  {hit.title[:90]}")
    print("\nTry: python main.py search WORDS, python main.py add FILE_OR_FOLDER, --help")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from ui import cli

    return cli.main(argv, window=run_app)


def gui() -> int:
    """The window, as the `cuttings-gui` launcher opens it."""
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
