"""Topics and speakers on many clippings at once: add, remove, rename, merge, delete, count."""

from __future__ import annotations

import pytest

from core import saved, tags
from core.errors import BadInput, NotFound
from core.library import Library
from core.search import search
from tests.conftest import clipping


@pytest.fixture
def three(library: Library) -> list[int]:
    return library.add_clippings([clipping(f"Story {i}", f"text {i}") for i in range(3)])


def counts(library: Library, kind: tags.TagKind) -> dict[str, int]:
    return {row["name"]: row["count"] for row in kind.counts(library)}


def test_add_and_remove_on_many_at_once(library: Library, three: list[int]) -> None:
    tags.TOPICS.add(library, three, ["Energy", "Climate"])
    tags.TOPICS.remove(library, three[:2], ["Energy"])
    assert counts(library, tags.TOPICS) == {"Climate": 3, "Energy": 1}
    assert library.get(three[2])["topics"] == ["Climate", "Energy"]
    assert [h.id for h in search(library, "topic:energy").hits] == [three[2]]


def test_names_differing_in_case_and_spacing_are_one_tag(library: Library, three) -> None:
    tags.TOPICS.add(library, three[:1], ["Foreign  Policy"])
    tags.TOPICS.add(library, three[1:2], ["foreign policy"])
    assert counts(library, tags.TOPICS) == {"Foreign Policy": 2}


def test_unknown_clipping_or_tag_is_refused_and_nothing_changes(library: Library, three) -> None:
    with pytest.raises(NotFound, match="999"):
        tags.TOPICS.add(library, [three[0], 999], ["Energy"])
    assert counts(library, tags.TOPICS) == {}
    with pytest.raises(NotFound, match="no topic called 'Nope'"):
        tags.TOPICS.remove(library, three, ["Nope"])
    with pytest.raises(BadInput, match="empty"):
        tags.TOPICS.add(library, three, ["   "])


def test_rename_reaches_search(library: Library, three) -> None:
    tags.TOPICS.add(library, three, ["Enrgy"])
    tags.TOPICS.rename(library, "enrgy", "Energy")
    assert counts(library, tags.TOPICS) == {"Energy": 3}
    assert len(search(library, "energy").hits) == 3  # the topic name is indexed
    assert search(library, "enrgy").hits == []


def test_rename_onto_an_existing_name_asks_for_a_merge(library: Library, three) -> None:
    tags.TOPICS.add(library, three[:1], ["A"])
    tags.TOPICS.add(library, three[1:], ["B"])
    with pytest.raises(BadInput, match="merge"):
        tags.TOPICS.rename(library, "A", "b")


def test_merge_topics(library: Library, three) -> None:
    tags.TOPICS.add(library, three[:2], ["Economy"])
    tags.TOPICS.add(library, three[1:], ["Economics"])
    gained = tags.TOPICS.merge(library, "Economics", "Economy")
    assert gained == 1
    assert counts(library, tags.TOPICS) == {"Economy": 3}
    assert search(library, "economics").hits == []


def test_merge_speakers_keeps_the_other_name_as_alias(library: Library, three) -> None:
    tags.SPEAKERS.add(library, three[:1], ["Zhou Shuchun"])
    tags.SPEAKERS.add(library, three[1:2], ["Shuchun Zhou"])
    tags.set_speaker_details(library, "Shuchun Zhou", role="editor-in-chief")
    tags.SPEAKERS.merge(library, "Shuchun Zhou", "Zhou Shuchun")
    [row] = tags.SPEAKERS.counts(library)
    assert (row["name"], row["count"], row["aliases"], row["role"]) == (
        "Zhou Shuchun",
        2,
        ["Shuchun Zhou"],
        "editor-in-chief",
    )
    # The alias still names the person, in filters and in tagging.
    assert {h.id for h in search(library, 'speaker:"Shuchun Zhou"').hits} == set(three[:2])
    tags.SPEAKERS.add(library, three[2:], ["shuchun zhou"])
    assert counts(library, tags.SPEAKERS) == {"Zhou Shuchun": 3}


def test_merge_moves_quotes(library: Library, three) -> None:
    tags.SPEAKERS.add(library, three[:1], ["B. Cherkesova"])
    tags.SPEAKERS.add(library, three[1:2], ["Bella Cherkesova"])
    with library.write() as db:
        source = tags.SPEAKERS.require(db.conn, "B. Cherkesova")
        db.conn.execute(
            'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
            "VALUES (?, ?, 'media matter', 0, 12, 'direct')",
            [three[0], source],
        )
    tags.SPEAKERS.merge(library, "B. Cherkesova", "Bella Cherkesova")
    rows = library.execute("SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id")
    assert rows == [{"name": "Bella Cherkesova"}]


def test_delete_says_how_many_lost_it(library: Library, three) -> None:
    tags.TOPICS.add(library, three[:2], ["Gossip"])
    assert tags.TOPICS.delete(library, "gossip") == 2
    assert counts(library, tags.TOPICS) == {}
    assert library.get(three[0])["topics"] == []
    assert search(library, "gossip").hits == []


def test_counts_leave_out_the_trash(library: Library, three) -> None:
    tags.TOPICS.add(library, three, ["Energy"])
    library.trash(three[:1])
    assert counts(library, tags.TOPICS) == {"Energy": 2}


def test_saved_searches(library: Library, three) -> None:
    tags.TOPICS.add(library, three[:2], ["Energy"])
    saved.save(library, "Energy watch", "topic:Energy", sort="date")
    saved.save(library, "Energy watch", "topic:Energy text", sort="relevance")  # replaces
    assert saved.all_saved(library) == [
        {"id": 1, "name": "Energy watch", "query": "topic:Energy text", "sort": "relevance"}
    ]
    entry = saved.get(library, "Energy watch")
    assert len(search(library, entry["query"]).hits) == 2
    with pytest.raises(BadInput, match="from: needs a date"):
        saved.save(library, "broken", "from:someday")
    saved.delete(library, "Energy watch")
    with pytest.raises(NotFound):
        saved.get(library, "Energy watch")
