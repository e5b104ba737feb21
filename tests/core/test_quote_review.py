"""Review of every quote on a real library file: statuses, accepting a speaker, rejecting and
giving quotes to others, undo of each action, "probably one person", the finder run again,
packs showing accepted quotes only, and the migration of a library written before quotes had a
review of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from core import schema
from core.errors import BadInput, NotFound
from core.library import Library
from core.packs.build import PackOptions, accepted_quotes, build
from core.speakers import likeness, registry
from core.speakers.finder import Finding, Quote, Speaker
from core.tags import SPEAKERS

TEXT = (
    "Harbour talks\n\n"
    "“The cranes stay where they are until spring,” said Ann Doe, the port director.\n\n"
    "“We were never asked about the night shifts,” said Bob Roe, a docker.\n\n"
    "Doe said the berths would be dredged before the summer season began.\n\n"
    "“Nobody here has seen the plans for the new quay,” Roe said."
)


def span(text: str, words: str) -> Quote:
    start = TEXT.index(words) if text is TEXT else text.index(words)
    return Quote(words, start, start + len(words), "direct")


@pytest.fixture
def clipping(library: Library) -> int:
    [clipping_id] = library.add_clippings([{"title": "Harbour talks", "text": TEXT}])
    registry.suggest(library, clipping_id)
    return clipping_id


def by_name(library: Library, clipping_id: int, status: str | None = "pending") -> dict:
    rows = registry.suggestions(library, clipping_id, status)
    return {r["name"]: r for r in rows if r["kind"] == "speaker"}


def state(library: Library) -> dict:
    """Everything review touches, to compare before and after an undo."""
    tables = ("speakers", "speaker_aliases", "suggestions", "clipping_speakers", "quotes")
    found = {t: library.execute(f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    found["indexed"] = library.execute("SELECT id, speaker_names FROM clippings ORDER BY id")
    return found


def test_a_waiting_speakers_quotes_are_suggested_and_shown_nowhere(
    library: Library, clipping: int
) -> None:
    pending = by_name(library, clipping)
    assert sorted(pending) == ["Ann Doe", "Bob Roe"]
    ann = pending["Ann Doe"]["quotes"]
    assert [(q["kind"], q["status"], q["reviewed"]) for q in ann] == [
        ("direct", "suggested", 0),
        ("reported", "suggested", 0),
    ]
    assert ann[0]["text"] == "The cranes stay where they are until spring,"
    assert TEXT[ann[1]["start"] : ann[1]["end"]] == ann[1]["text"]
    assert len({q["id"] for r in pending.values() for q in r["quotes"]}) == 4
    assert accepted_quotes(library, [clipping]) == {}
    assert registry.quotes_of_clipping(library, clipping) == []


def test_accepting_a_speaker_accepts_its_quotes_which_can_be_rejected_one_by_one(
    library: Library, clipping: int
) -> None:
    ann = by_name(library, clipping)["Ann Doe"]
    record = registry.accept_speaker(library, ann["id"])
    assert record.speaker_id == SPEAKERS.find(library.conn, "Ann Doe")
    said = registry.who_said_what(library, "Ann Doe")
    assert [(q["kind"], q["status"], q["reviewed"]) for q in said] == [
        ("direct", "accepted", 0),
        ("reported", "accepted", 0),
    ]
    assert [q["text"] for q in accepted_quotes(library, [clipping])[clipping]] == [
        q["text"] for q in said
    ]
    registry.reject_quote(library, said[1]["id"])
    assert [q["kind"] for q in registry.who_said_what(library, "Ann Doe")] == ["direct"]
    assert [q["kind"] for q in accepted_quotes(library, [clipping])[clipping]] == ["direct"]
    assert [q["kind"] for q in registry.quotes_of_clipping(library, clipping)] == ["direct"]
    # The rejected quote is still listed, to be seen and taken back.
    listed = by_name(library, clipping, None)["Ann Doe"]["quotes"]
    assert [(q["status"], q["reviewed"]) for q in listed] == [("accepted", 0), ("rejected", 1)]
    assert [
        q["status"] for q in registry.who_said_what(library, "Ann Doe", statuses=("rejected",))
    ] == ["rejected"]
    with pytest.raises(BadInput, match="already rejected"):
        registry.reject_quote(library, said[1]["id"])
    registry.accept_quote(library, said[1]["id"])
    assert len(registry.who_said_what(library, "Ann Doe")) == 2
    # A pack shows what is accepted and nothing of a speaker still waiting.
    pack = build(library, [clipping], PackOptions())
    shown = json.dumps([w.speaker for w in pack.who])
    assert "Ann Doe" in shown and "Bob Roe" not in shown


def test_a_quote_decided_before_its_speaker_is_accepted_keeps_that_decision(
    library: Library, clipping: int
) -> None:
    bob = by_name(library, clipping)["Bob Roe"]
    first, second = bob["quotes"]
    registry.reject_quote(library, first["id"])
    registry.accept_quote(library, second["id"])  # shown once Bob is accepted
    assert registry.quotes_of_clipping(library, clipping) == []
    registry.accept(library, bob["id"])
    said = registry.who_said_what(library, "Bob Roe")
    assert [(q["id"], q["reviewed"]) for q in said] == [(second["id"], 1)]


def test_give_a_quote_to_another_suggestion_or_to_a_registered_speaker(
    library: Library, clipping: int
) -> None:
    pending = by_name(library, clipping)
    ann, bob = pending["Ann Doe"], pending["Bob Roe"]
    moved = bob["quotes"][1]
    registry.reassign_quote(library, moved["id"], suggestion_id=ann["id"])
    pending = by_name(library, clipping)
    assert moved["id"] in [q["id"] for q in pending["Ann Doe"]["quotes"]]
    assert moved["id"] not in [q["id"] for q in pending["Bob Roe"]["quotes"]]
    registry.accept(library, ann["id"])
    assert moved["text"] in [q["text"] for q in registry.who_said_what(library, "Ann Doe")]
    # To a speaker nobody suggested: a new speaker of the clipping, the quote accepted for them.
    record = registry.reassign_quote(library, bob["quotes"][0]["id"], "Cy Poe")
    assert record.speaker_id == SPEAKERS.find(library.conn, "Cy Poe")
    assert "Cy Poe" in library.get(clipping)["speakers"]
    assert [q["text"] for q in registry.who_said_what(library, "Cy Poe")] == [
        bob["quotes"][0]["text"]
    ]
    with pytest.raises(BadInput, match="already Cy Poe's"):
        registry.reassign_quote(library, bob["quotes"][0]["id"], "Cy Poe")
    # Words that are already the speaker's on this clipping are not given twice.
    twin = library.execute(
        'INSERT INTO quotes (clipping_id, text, start, "end", kind, status) '
        "SELECT clipping_id, text, start, \"end\", kind, 'suggested' FROM quotes WHERE id = ? "
        "RETURNING id",
        [bob["quotes"][0]["id"]],
    )[0]["id"]
    with pytest.raises(BadInput, match="already has that quote"):
        registry.reassign_quote(library, twin, "Cy Poe")
    # Accepting Bob now brings none of the words given to others.
    registry.accept(library, bob["id"])
    assert registry.who_said_what(library, "Bob Roe") == []
    with pytest.raises(BadInput):
        registry.reassign_quote(library, moved["id"])
    with pytest.raises(BadInput):
        registry.reassign_quote(library, moved["id"], "Cy Poe", suggestion_id=ann["id"])
    with pytest.raises(NotFound):
        registry.reassign_quote(library, 999, "Cy Poe")


def test_the_quotes_of_a_rejected_speaker_are_rejected_and_need_a_new_speaker(
    library: Library, clipping: int
) -> None:
    bob = by_name(library, clipping)["Bob Roe"]
    registry.reject_speaker(library, bob["id"])
    listed = by_name(library, clipping, None)["Bob Roe"]
    assert [q["status"] for q in listed["quotes"]] == ["rejected", "rejected"]
    with pytest.raises(BadInput, match="no speaker"):
        registry.accept_quote(library, listed["quotes"][0]["id"])
    with pytest.raises(BadInput, match="not waiting"):
        registry.accept_speaker(library, bob["id"])
    with pytest.raises(NotFound):
        registry.accept_quote(library, 999)


ACTIONS = {
    "accept speaker": lambda lib, s, q: registry.accept_speaker(lib, s["Ann Doe"]["id"]),
    "accept under a corrected name": lambda lib, s, q: registry.accept_speaker(
        lib, s["Ann Doe"]["id"], name="Ann B. Doe"
    ),
    "accept as a registered speaker": lambda lib, s, q: registry.accept_speaker(
        lib, s["Ann Doe"]["id"], merge_into="Annie Doe"
    ),
    "reject speaker": lambda lib, s, q: registry.reject_speaker(lib, s["Bob Roe"]["id"]),
    "merge suggestions": lambda lib, s, q: registry.merge_suggestions(
        lib, s["Ann Doe"]["id"], s["Bob Roe"]["id"]
    ),
    "accept quote": lambda lib, s, q: registry.accept_quote(lib, q),
    "reject quote": lambda lib, s, q: registry.reject_quote(lib, q),
    "give quote to a suggestion": lambda lib, s, q: registry.reassign_quote(
        lib, q, suggestion_id=s["Bob Roe"]["id"]
    ),
    "give quote to a new speaker": lambda lib, s, q: registry.reassign_quote(lib, q, "Cy Poe"),
    "give quote to a registered speaker": lambda lib, s, q: registry.reassign_quote(
        lib, q, "Annie Doe"
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_review_action_can_be_undone(library: Library, clipping: int, action: str) -> None:
    library.add_clipping({"title": "Earlier", "text": "Nothing.", "speakers": ["Annie Doe"]})
    pending = by_name(library, clipping)
    quote = pending["Ann Doe"]["quotes"][0]["id"]
    before = state(library)
    record = ACTIONS[action](library, pending, quote)
    assert state(library) != before
    assert record.clipping_id == clipping and record.changes
    registry.undo(library, record)
    assert state(library) == before
    # Undone, the same action can be done again.
    ACTIONS[action](library, by_name(library, clipping), quote)


def test_undo_goes_back_in_order_and_refuses_to_overwrite_a_later_change(
    library: Library, clipping: int
) -> None:
    pending = by_name(library, clipping)
    ann = pending["Ann Doe"]
    start = state(library)
    accepted = registry.accept_speaker(library, ann["id"])
    assert "Ann Doe" in library.get(clipping)["speakers"]
    after_accept = state(library)
    rejected = registry.reject_quote(library, ann["quotes"][0]["id"])
    with pytest.raises(BadInput, match="changed since"):
        registry.undo(library, accepted)
    assert state(library) != after_accept  # nothing was changed by the refusal
    registry.undo(library, rejected)
    assert state(library) == after_accept
    registry.undo(library, accepted)
    assert state(library) == start
    assert library.get(clipping)["speakers"] == []
    assert library.execute(
        "SELECT count(*) AS n FROM clippings_fts WHERE clippings_fts MATCH 'speaker_names:doe'"
    ) == [{"n": 0}]


def test_finding_speakers_again_keeps_each_quotes_decision(library: Library, clipping: int) -> None:
    pending = by_name(library, clipping)
    ann, bob = pending["Ann Doe"], pending["Bob Roe"]
    registry.reject_quote(library, ann["quotes"][1]["id"])
    registry.reassign_quote(library, bob["quotes"][1]["id"], "Cy Poe")
    registry.rescan(library, [clipping])
    pending = by_name(library, clipping)
    assert [q["status"] for q in pending["Ann Doe"]["quotes"]] == ["suggested", "rejected"]
    # words accepted as Cy Poe's are not suggested to Bob Roe again
    assert [q["text"] for q in pending["Bob Roe"]["quotes"]] == [bob["quotes"][0]["text"]]
    assert [q["text"] for q in registry.who_said_what(library, "Cy Poe")] == [
        bob["quotes"][1]["text"]
    ]
    assert library.execute("SELECT count(*) AS n FROM quotes") == [{"n": 4}]


def _finding(text: str, names: list[str]) -> Finding:
    speakers = []
    for name in names:
        words = f"I speak for {name} and for nobody else today"
        start = text.index(words)
        speakers.append(Speaker(name, quotes=[Quote(words, start, start + len(words), "direct")]))
    return Finding(speakers, [])


def _said(names: list[str]) -> str:
    return "\n\n".join(f"“I speak for {n} and for nobody else today,” one said." for n in names)


def test_two_suggestions_that_are_probably_one_person_are_offered_as_one(
    library: Library,
) -> None:
    names = ["Omar Al-Kahlot", "Al-Kahlout", "Lee Moe", "Moe", "Ann Poe", "Bob Poe"]
    text = _said(names)
    [clipping_id] = library.add_clippings([{"title": "Spellings", "text": text}])
    registry.suggest(library, clipping_id, _finding(text, names))
    rows = by_name(library, clipping_id)
    ids = {name: row["id"] for name, row in rows.items()}
    same = {name: sorted(row["same_as"]) for name, row in rows.items()}
    assert same["Omar Al-Kahlot"] == [ids["Al-Kahlout"]]
    assert same["Lee Moe"] == [ids["Moe"]]
    assert same["Ann Poe"] == same["Bob Poe"] == []  # two people of one surname
    registry.merge_suggestions(library, ids["Omar Al-Kahlot"], ids["Al-Kahlout"])
    rows = by_name(library, clipping_id)
    assert "Al-Kahlout" not in rows and len(rows["Omar Al-Kahlot"]["quotes"]) == 2
    merged = by_name(library, clipping_id, None)["Al-Kahlout"]
    assert (merged["status"], merged["merged_into"]) == ("rejected", ids["Omar Al-Kahlot"])
    registry.rescan(library, [clipping_id])  # a merged name is not asked about again
    assert "Al-Kahlout" not in by_name(library, clipping_id)
    with pytest.raises(BadInput):
        registry.merge_suggestions(library, ids["Lee Moe"], ids["Lee Moe"])
    with pytest.raises(BadInput):
        registry.merge_suggestions(library, ids["Lee Moe"], ids["Al-Kahlout"])


def test_a_suggestion_close_to_a_registered_speaker_is_offered_as_that_speaker(
    library: Library,
) -> None:
    library.add_clipping({"title": "Before", "text": "x", "speakers": ["Atef Al-Kahlot"]})
    library.add_clipping({"title": "Before", "text": "x", "speakers": ["Shuchun Zhou"]})
    library.add_clipping({"title": "Before", "text": "x", "speakers": ["Ann Poe", "Bob Poe"]})
    from core import tags

    tags.add_alias(library, "Ann Poe", "Annie P.")
    names = ["Al-Kahlout", "Zhou Shuchun", "Poe", "Annie P.", "Dee Noe"]
    text = _said(names)
    [clipping_id] = library.add_clippings([{"title": "Later", "text": text}])
    registry.suggest(library, clipping_id, _finding(text, names))
    offered = {
        n: (r["offered_as"] or {}).get("name") for n, r in by_name(library, clipping_id).items()
    }
    assert offered == {
        "Al-Kahlout": "Atef Al-Kahlot",
        "Zhou Shuchun": "Shuchun Zhou",
        "Poe": None,  # Ann or Bob: not offered
        "Annie P.": "Ann Poe",  # another name of a registered speaker
        "Dee Noe": None,
    }
    row = by_name(library, clipping_id)["Al-Kahlout"]
    registry.accept_speaker(library, row["id"], merge_into=row["offered_as"]["name"])
    assert library.get(clipping_id)["speakers"] == ["Atef Al-Kahlot"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Al-Kahlot", "Al-Kahlout", True),
        ("Mustafa Al-Kahlot", "Atef Al-Kahlout", False),
        ("Atef al Kahlout", "Kahlout", True),
        ("Ann Doe", "Doe", True),
        ("A. Doe", "Ann Doe", True),
        ("Sen. Ann Doe", "Ann Doe", True),
        ("Ann Doe", "Bob Doe", False),
        ("Mohammed Abbas", "Muhammad Abbas", True),
        ("Gaddafi", "Gadhafi", True),
        ("Hall", "Hill", False),
        ("Johnson", "Johnston", False),
        ("Zhou Shuchun", "Shuchun Zhou", True),
        ("José Núñez", "Jose Nunez", True),
        ("", "Doe", False),
    ],
)
def test_probably_one_person(a: str, b: str, same: bool) -> None:
    assert likeness.probably_same(a, b) is same
    assert likeness.probably_same(b, a) is same


def test_a_surname_two_people_share_pairs_with_neither() -> None:
    assert likeness.probable_pairs(["Mustafa Al-Kahlot", "Atef Al-Kahlout", "Al-Kahlout"]) == []
    assert likeness.probable_pairs(["Mustafa Al-Kahlot", "Al-Kahlout", "Lee Moe"]) == [(0, 1)]


def test_a_library_from_before_quote_review_keeps_its_quotes_and_suggestions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    schema.migrations().apply(db, stop_before="0006_quote_review")
    db.conn.execute("PRAGMA user_version = 5")
    conn = db.conn
    conn.execute(
        "INSERT INTO clippings (id, title, text, captured) VALUES (1, 'Old', ?, '2024-01-01')",
        [TEXT],
    )
    columns = ", ".join(schema.FTS_COLUMNS)  # indexed as Library.add_clippings does
    conn.execute(
        f"INSERT INTO clippings_fts (rowid, {columns}) SELECT id, {columns} FROM clippings"
    )
    ann, bob = (
        span(TEXT, "The cranes stay where they are until spring,"),
        span(TEXT, "We were never asked about the night shifts,"),
    )
    conn.execute("INSERT INTO speakers (id, name, key) VALUES (1, 'Ann Doe', 'ann doe')")
    conn.execute("INSERT INTO clipping_speakers VALUES (1, 1)")
    for sid, name, status, quote in (
        (1, "Ann Doe", "accepted", ann),
        (2, "Bob Roe", "pending", bob),
    ):
        conn.execute(
            "INSERT INTO suggestions (id, clipping_id, kind, name, quotes, status) "
            "VALUES (?, 1, 'speaker', ?, ?, ?)",
            [sid, name, json.dumps([quote.__dict__]), status],
        )
    conn.execute(
        'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
        "VALUES (1, 1, ?, ?, ?, 'direct')",
        [ann.text, ann.start, ann.end],
    )
    conn.commit()
    db.close()
    with Library.open(path) as library:
        assert [q["text"] for q in registry.who_said_what(library, "Ann Doe")] == [ann.text]
        rows = by_name(library, 1, None)
        assert [(q["text"], q["status"]) for q in rows["Ann Doe"]["quotes"]] == [
            (ann.text, "accepted")
        ]
        assert [(q["text"], q["status"]) for q in rows["Bob Roe"]["quotes"]] == [
            (bob.text, "suggested")
        ]
        registry.accept(library, rows["Bob Roe"]["id"])
        assert [q["text"] for q in registry.who_said_what(library, "Bob Roe")] == [bob.text]
