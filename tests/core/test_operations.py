"""Each write a screen asks for reports what it changed, so the window redraws just that."""

from __future__ import annotations

from core import operations
from core.changes import Changes
from core.library import Library
from tests.conftest import SEED, clipping


def two(library: Library) -> list[int]:
    return library.add_clippings(
        [
            clipping("Harbour reopens", "The harbour reopened.", outlet="Courier"),
            clipping("Ferry delayed", "The ferry was late.", outlet="Herald"),
        ]
    )


def test_tagging_touches_those_rows_and_the_tag_counts_only(library: Library) -> None:
    first, second = two(library)
    changes = operations.tag(library, "topic", [first], ["Transport"])
    assert changes == Changes(clippings=frozenset({first}), tags=True)
    assert not changes.membership and changes.sidebar
    assert library.get(first)["topics"] == ["Transport"]
    changes = operations.untag(library, "topic", [first], ["Transport"])
    assert changes.clippings == {first} and changes.membership  # a topic's list shrinks


def test_the_trash_and_back_change_the_lists(library: Library) -> None:
    first, second = two(library)
    changes = operations.trash(library, [second, second])
    assert changes.membership and changes.clippings == {second} and changes.value == [second]
    changes = operations.restore(library, [second])
    assert changes.membership and changes.value == [second]


def test_an_edit_says_whether_the_lists_order_may_change(library: Library) -> None:
    first, _ = two(library)
    notes = operations.edit(library, first, notes="call back")
    assert notes == Changes(clippings=frozenset({first}))
    dated = operations.edit(library, first, published="2024-05-31", outlet="Gazette")
    assert dated.membership and dated.outlets and dated.clippings == {first}


def test_a_note_that_is_already_there_changes_nothing(library: Library) -> None:
    first, _ = two(library)
    assert operations.set_notes(library, first, "keep") == Changes(clippings=frozenset({first}))
    assert operations.set_notes(library, first, "keep") == Changes()


def test_renaming_a_tag_makes_every_shown_row_stale(library: Library) -> None:
    first, second = two(library)
    operations.tag(library, "speaker", [first, second], ["Ann Lee"])
    changes = operations.rename_tag(library, "speaker", "Ann Lee", "Anne Lee")
    assert operations.ALL <= changes.clippings and changes.tags
    operations.tag(library, "speaker", [second], ["A. Lee"])
    merged = operations.merge_tags(library, "speaker", "A. Lee", "Anne Lee")
    assert merged.membership and merged.value == 0  # both clippings had Anne Lee already


def test_accepting_a_speaker_changes_its_clipping_and_the_review(library: Library) -> None:
    from core.capture.sources import add_sources
    from core.speakers import registry

    [outcome] = add_sources(library, [str(SEED)]).outcomes
    suggestion = registry.suggestions(library, outcome.clipping_id)[0]
    changes = operations.accept_speaker(library, suggestion["id"])
    assert changes.clippings == {outcome.clipping_id} == changes.review and changes.tags
    assert suggestion["name"] in library.get(outcome.clipping_id)["speakers"]


def test_saved_searches_change_the_sidebar(library: Library) -> None:
    changes = operations.save_search(library, "Ferries", "ferry")
    assert changes.saved_searches and changes.sidebar and not changes.clippings
    assert operations.delete_search(library, "Ferries").saved_searches


def test_changes_combine() -> None:
    both = Changes(clippings=frozenset({1}), tags=True) | Changes(membership=True, value=3)
    assert both == Changes(clippings=frozenset({1}), tags=True, membership=True)
    assert both.value == 3
