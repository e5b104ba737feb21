"""Cuttings without a screen: the library, capture, search, speakers and packs. Never imports Qt."""

import sys

# sqlite-utils imports numpy whenever it is installed, only to convert numpy values on insert
# (Cuttings inserts none); matplotlib, for the coverage charts, brings numpy along, which
# would cost every start of the window and of each command 50 ms and 25 MB. numpy stays
# importable for matplotlib: it is hidden only while sqlite-utils loads.
if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]
