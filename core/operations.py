"""The writes a screen asks for, each returning what it changed (core.changes.Changes) with
its result as ``value``. The window runs them on its serial writer (ui.operations); the
functions they call (Library, tags, saved, the speaker registry) stay usable on their own.
"""

from __future__ import annotations

from typing import Any

from core import saved, tags
from core.changes import Changes, ids
from core.library import Library


def tag(library: Library, kind: str, clipping_ids: list[int], names: list[str]) -> Changes:
    tags.KINDS[kind].add(library, clipping_ids, names)
    return Changes(clippings=ids(clipping_ids), tags=True)


def untag(library: Library, kind: str, clipping_ids: list[int], names: list[str]) -> Changes:
    tags.KINDS[kind].remove(library, clipping_ids, names)
    return Changes(clippings=ids(clipping_ids), tags=True, membership=True)


def rename_tag(library: Library, kind: str, old: str, new: str) -> Changes:
    tags.KINDS[kind].rename(library, old, new)
    return _all_rows(tags=True)


def merge_tags(library: Library, kind: str, source: str, target: str) -> Changes:
    gained = tags.KINDS[kind].merge(library, source, target)
    return _all_rows(tags=True, membership=True, value=gained)


def delete_tag(library: Library, kind: str, name: str) -> Changes:
    count = tags.KINDS[kind].delete(library, name)
    return _all_rows(tags=True, membership=True, value=count)


def edit(library: Library, clipping_id: int, **fields: Any) -> Changes:
    library.update(clipping_id, **fields)
    return Changes(
        clippings=ids([clipping_id]),
        outlets="outlet" in fields,
        membership=bool({"published", "title", "outlet"} & set(fields)),  # sort orders
    )


def set_notes(library: Library, clipping_id: int, text: str) -> Changes:
    """The note, unless the library already holds exactly that text."""
    current = library.execute("SELECT notes FROM clippings WHERE id = ?", [clipping_id])
    if current and current[0]["notes"] != text:
        library.update(clipping_id, notes=text)
        return Changes(clippings=ids([clipping_id]))
    return Changes()


def trash(library: Library, clipping_ids: list[int]) -> Changes:
    moved = library.trash(clipping_ids)
    return Changes(clippings=ids(moved), membership=True, tags=True, outlets=True, value=moved)


def restore(library: Library, clipping_ids: list[int]) -> Changes:
    back = library.restore(clipping_ids)
    return Changes(clippings=ids(back), membership=True, tags=True, outlets=True, value=back)


def save_search(library: Library, name: str, query: str, sort: str = "relevance") -> Changes:
    return Changes(saved_searches=True, value=saved.save(library, name, query, sort))


def delete_search(library: Library, name: str) -> Changes:
    saved.delete(library, name)
    return Changes(saved_searches=True, membership=True)


def _reviewed(record: Any, *, tags_changed: bool = True) -> Changes:
    """What a review action changed: its clipping (rows, the reader's panel), the speakers'
    counts; ``value`` is the record that undoes it."""
    clipping = ids([record.clipping_id])
    return Changes(clippings=clipping, review=clipping, tags=tags_changed, value=record)


def accept_speaker(
    library: Library, suggestion_id: int, *, name: str | None = None, merge_into: str | None = None
) -> Changes:
    from core.speakers import registry

    return _reviewed(
        registry.accept_speaker(library, suggestion_id, name=name, merge_into=merge_into)
    )


def reject_speaker(library: Library, suggestion_id: int) -> Changes:
    from core.speakers import registry

    return _reviewed(registry.reject_speaker(library, suggestion_id), tags_changed=False)


def merge_suggestions(library: Library, keep_id: int, other_id: int) -> Changes:
    from core.speakers import registry

    return _reviewed(registry.merge_suggestions(library, keep_id, other_id), tags_changed=False)


def accept_quote(library: Library, quote_id: int) -> Changes:
    from core.speakers import registry

    return _reviewed(registry.accept_quote(library, quote_id), tags_changed=False)


def reject_quote(library: Library, quote_id: int) -> Changes:
    from core.speakers import registry

    return _reviewed(registry.reject_quote(library, quote_id), tags_changed=False)


def reassign_quote(
    library: Library, quote_id: int, speaker: str | None = None, *, suggestion_id: int | None = None
) -> Changes:
    from core.speakers import registry

    return _reviewed(
        registry.reassign_quote(library, quote_id, speaker, suggestion_id=suggestion_id)
    )


def undo_review(library: Library, record: Any) -> Changes:
    """Take back a review action (Ctrl+Z); refused in words if its rows changed since."""
    from core.speakers import registry

    registry.undo(library, record)
    clipping = ids([record.clipping_id])
    return Changes(clippings=clipping, review=clipping, tags=True, value=record)


def set_speaker_details(
    library: Library, name: str, *, role: str | None = None, organisation: str | None = None
) -> Changes:
    tags.set_speaker_details(library, name, role=role, organisation=organisation)
    return Changes(tags=True, review=frozenset())


def add_alias(library: Library, name: str, alias: str) -> Changes:
    tags.add_alias(library, name, alias)
    return Changes(tags=True)


def remove_alias(library: Library, alias: str) -> Changes:
    tags.remove_alias(library, alias)
    return Changes(tags=True)


def _all_rows(**flags: Any) -> Changes:
    # A renamed or merged tag shows on rows nobody listed: every cached row is stale.
    return Changes(clippings=ALL, **flags)


#: stands for "every clipping" in Changes.clippings (a rename touches rows nobody counted)
ALL: frozenset[int] = frozenset({-1})
