"""The window's highlight writes as operations (core.operations' form): each runs on the serial
writer and returns what it changed, with the undo record (core.highlights.store.Undo) as its
value, so the window's Ctrl+Z can take it back."""

from __future__ import annotations

from typing import Any

from core.changes import Changes, ids
from core.highlights import colours, retext, store, w3c
from core.library import Library
from core.operations import ALL


def add(
    library: Library,
    clipping_id: int,
    start: int,
    end: int,
    *,
    colour: str | None = None,
    comment: str | None = None,
) -> Changes:
    highlight_id, record = store.add(
        library, clipping_id, start, end, colour=colour, comment=comment
    )
    return Changes(clippings=ids([clipping_id]), value=(highlight_id, record))


def edit(library: Library, highlight_id: int, **fields: Any) -> Changes:
    record = store.edit(library, highlight_id, **fields)
    return Changes(clippings=ids([record.clipping_id]), value=record)


def remove(library: Library, highlight_ids: list[int]) -> Changes:
    record = store.remove(library, highlight_ids)
    touched = {row["clipping_id"] for row, _ in record.rows if row}
    return Changes(clippings=ids(touched), value=record)


def set_why(library: Library, clipping_id: int, text: str) -> Changes:
    if store.why(library, clipping_id) == " ".join(text.split()):
        return Changes()  # what the box only showed is never written back
    record = store.set_why(library, clipping_id, text)
    return Changes(clippings=ids([clipping_id]), value=record)


def undo(library: Library, record: store.Undo) -> Changes:
    store.undo(library, record)
    touched = {r["clipping_id"] for pair in record.rows for r in pair if r}
    return Changes(clippings=ids(touched | {record.clipping_id}), value=record)


def rename_colours(library: Library, names: dict[str, str]) -> Changes:
    """New names for some colours ({key: name}); the names shown everywhere change."""
    current = colours.names(library)
    for key, name in names.items():
        if " ".join(name.split()) != current.get(key):
            colours.rename(library, key, name)
    return Changes(clippings=ALL)


def import_file(library: Library, data: bytes, into: int | None = None) -> Changes:
    result = w3c.import_annotations(library, w3c.loads(data), into=into)
    return Changes(clippings=ALL, value=result)


def replace_text(library: Library, clipping_id: int, text: str) -> Changes:
    """A new text for the clipping, its highlights placed again; the value has the counts and
    the text it replaced (for Ctrl+Z)."""
    old = library.get(clipping_id)["text"]
    counts = retext.replace_text(library, clipping_id, text)
    return Changes(clippings=ids([clipping_id]), review=ids([clipping_id]), value=(counts, old))


def extract_again(library: Library, clipping_id: int) -> Changes:
    old = library.get(clipping_id)["text"]
    counts = retext.extract_again(library, clipping_id)
    return Changes(clippings=ids([clipping_id]), review=ids([clipping_id]), value=(counts, old))
