"""sqlite-utils, loaded the first time something needs it.

Opening a library, listing and searching it need only the sqlite3 module; sqlite-utils (for
writes and migrations) costs 50 ms of imports (pluggy, click, dateutil), which the window's
first paint should not wait for.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_LOADING = threading.Lock()


def load() -> None:
    """Import sqlite-utils with numpy hidden from it. It imports numpy whenever that is
    installed, only to convert numpy values on insert (Cuttings inserts none); matplotlib,
    for the coverage charts, brings numpy along, which would cost every start of the window
    and of each command 50 ms and 25 MB. Whoever imports matplotlib calls this first, so no
    thread wants numpy while it is hidden."""
    with _LOADING:
        if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
            import sqlite_utils  # noqa: F401 - loaded already, or numpy is there anyway

            return
        sys.modules["numpy"] = None  # type: ignore[assignment]
        try:
            import sqlite_utils  # noqa: F401
        finally:
            del sys.modules["numpy"]


def wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils' Database over a connection already open (plugins left alone)."""
    load()
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)
