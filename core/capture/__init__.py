"""Turning sources (files, text, and later web addresses) into clippings."""
