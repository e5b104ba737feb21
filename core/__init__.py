"""Cuttings without a screen: the library, capture, search, speakers and packs. Never imports Qt.

sqlite-utils is imported through core.database only, which keeps numpy out of it."""
