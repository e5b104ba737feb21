"""Cuttings without a screen: the library, capture, search, speakers and packs. Never imports Qt."""
