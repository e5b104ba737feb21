"""trafilatura's metadata of a page (headline, author, address, date, site name, description),
without the categories, tags and licence that Cuttings never keeps.

``trafilatura.bare_extraction(with_metadata=True)`` runs ``trafilatura.metadata.
extract_metadata``, whose category, tag and licence searches walk every link of the page: a
third of its time, and two thirds of what the metadata adds to a bare extraction of the text.
This is that function made of the same steps in the same order, less those three (it has no
switch for them); tests/core/test_pagemeta.py holds it to trafilatura's own on real pages, so
an upgrade that changes a step is noticed.
"""

from __future__ import annotations

from typing import Any

from htmldate import find_date
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

__all__ = ["page_metadata"]


def page_metadata(tree: Any, url: str | None, date_params: dict[str, Any]) -> Document:
    """What ``extract_metadata(tree, url, date_params)`` finds for the fields Cuttings reads
    (title, author, url, date, sitename, description); the tree is left as it was."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # (as trafilatura does: one word is a handle, not a name)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - as trafilatura: bugs in its JSON-LD reader cost the record only
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    metadata.date = find_date(tree, **{**date_params, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        name = metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if name and "." not in name and not name[0].isupper():
            metadata.sitename = name.title()
    elif metadata.url and (found := META_URL.match(metadata.url)):
        metadata.sitename = found[1]
    metadata.filedate = date_params.get("max_date")
    metadata.clean_and_trim()
    return metadata
