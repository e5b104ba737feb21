"""The review of what the finder suggested: accept a speaker (as suggested, under another
name, or as a registered speaker), reject one, merge two suggestions that are one person, and
accept, reject or give to another speaker each quote. Every action is one transaction and
returns an ``Undo`` record (core.speakers.undo) that takes it back."""

from __future__ import annotations

from typing import Any

from core.errors import BadInput, NotFound
from core.library import Library
from core.speakers.undo import Recorder, Undo
from core.tags import SPEAKERS, clean_name


def _speaker_suggestion(conn: Any, suggestion_id: int) -> dict[str, Any]:
    cursor = conn.execute(
        "SELECT clipping_id, kind, name, role, organisation, status FROM suggestions WHERE id = ?",
        [suggestion_id],
    )
    found = cursor.fetchone()
    if not found or found[1] != "speaker":
        raise NotFound(f"There is no speaker suggestion {suggestion_id}.")
    row = dict(zip([d[0] for d in cursor.description], found, strict=True))
    if row["status"] != "pending":
        raise BadInput(f"Suggestion {suggestion_id} is not waiting for review.")
    return row


def _speaker_for(conn: Any, changes: Recorder, name: str) -> int:
    """The registered speaker of this name or other name, made if there is none."""
    found = SPEAKERS.find(conn, name)
    if found is not None:
        return found
    speaker_id = SPEAKERS.ensure(conn, clean_name(name))
    changes.created("speakers", speaker_id)
    return speaker_id


def _on_clipping(conn: Any, changes: Recorder, clipping_id: int, speaker_id: int) -> None:
    changes.touch("clipping_speakers", clipping_id, speaker_id)
    conn.execute(
        "INSERT OR IGNORE INTO clipping_speakers (clipping_id, speaker_id) VALUES (?, ?)",
        [clipping_id, speaker_id],
    )


def accept_speaker(
    library: Library, suggestion_id: int, *, name: str | None = None, merge_into: str | None = None
) -> Undo:
    """Accept a suggested speaker (under a corrected ``name``, or as the registered speaker
    ``merge_into``, which "Accept as..." and an ``offered_as`` speaker use): it becomes the
    clipping's speaker tag and its suggested quotes become accepted, each of which the user can
    still reject; quotes the user rejected stay rejected. Returns the undo record, whose
    ``speaker_id`` is the speaker accepted."""
    with library.write() as db:
        conn = db.conn
        row = _speaker_suggestion(conn, suggestion_id)
        clipping_id = row["clipping_id"]
        changes = Recorder(conn)
        if merge_into:
            speaker_id = SPEAKERS.require(conn, merge_into)
        else:
            speaker_id = _speaker_for(conn, changes, name or row["name"])
        changes.touch("speakers", speaker_id)
        conn.execute(
            "UPDATE speakers SET role = coalesce(role, ?), organisation = coalesce(organisation, ?)"
            " WHERE id = ?",
            [row["role"], row["organisation"], speaker_id],
        )
        _on_clipping(conn, changes, clipping_id, speaker_id)
        changes.touch_where("quotes", "suggestion_id = ?", [suggestion_id])
        # Words the speaker already holds on this clipping (another of its names, accepted
        # before) are kept once.
        conn.execute(
            "DELETE FROM quotes WHERE suggestion_id = ? AND EXISTS (SELECT 1 FROM quotes o "
            "WHERE o.clipping_id = quotes.clipping_id AND o.speaker_id = ? AND o.start = "
            'quotes.start AND o."end" = quotes."end" AND o.id != quotes.id)',
            [suggestion_id, speaker_id],
        )
        conn.execute(
            "UPDATE quotes SET speaker_id = ?, status = CASE status WHEN 'suggested' THEN "
            "'accepted' ELSE status END WHERE suggestion_id = ?",
            [speaker_id, suggestion_id],
        )
        changes.touch("suggestions", suggestion_id)
        conn.execute("UPDATE suggestions SET status = 'accepted' WHERE id = ?", [suggestion_id])
        return changes.finish("accept speaker", clipping_id, speaker_id)


def accept(
    library: Library, suggestion_id: int, *, name: str | None = None, merge_into: str | None = None
) -> int:
    """``accept_speaker`` for callers that want the speaker's id only."""
    record = accept_speaker(library, suggestion_id, name=name, merge_into=merge_into)
    return int(record.speaker_id or 0)


def reject_speaker(library: Library, suggestion_id: int) -> Undo:
    """Not a speaker of this clipping: the suggestion and the quotes suggested with it are
    rejected (a quote can still be given to someone else)."""
    with library.write() as db:
        conn = db.conn
        row = _speaker_suggestion(conn, suggestion_id)
        changes = Recorder(conn)
        changes.touch("suggestions", suggestion_id)
        changes.touch_where("quotes", "suggestion_id = ?", [suggestion_id])
        conn.execute("UPDATE suggestions SET status = 'rejected' WHERE id = ?", [suggestion_id])
        conn.execute(
            "UPDATE quotes SET status = 'rejected' WHERE suggestion_id = ? AND status = "
            "'suggested'",
            [suggestion_id],
        )
        return changes.finish("reject speaker", row["clipping_id"])


def reject(library: Library, suggestion_id: int) -> None:
    try:
        reject_speaker(library, suggestion_id)
    except NotFound as error:
        raise BadInput(f"Suggestion {suggestion_id} is not waiting for review.") from error


def merge_suggestions(library: Library, suggestion_id: int, other_id: int) -> Undo:
    """Two suggestions of one clipping that are one person ("merge?"): the other's quotes go
    to ``suggestion_id``, which keeps its name and takes the role it lacked; the other is
    marked as merged into it and is not suggested again."""
    if suggestion_id == other_id:
        raise BadInput("A suggestion cannot be merged with itself.")
    with library.write() as db:
        conn = db.conn
        kept = _speaker_suggestion(conn, suggestion_id)
        other = _speaker_suggestion(conn, other_id)
        if kept["clipping_id"] != other["clipping_id"]:
            raise BadInput("Only suggestions of one clipping can be merged.")
        changes = Recorder(conn)
        changes.touch("suggestions", suggestion_id)
        changes.touch("suggestions", other_id)
        changes.touch_where("quotes", "suggestion_id = ?", [other_id])
        conn.execute(
            "UPDATE suggestions SET role = coalesce(role, ?), organisation = "
            "coalesce(organisation, ?) WHERE id = ?",
            [other["role"], other["organisation"], suggestion_id],
        )
        conn.execute(
            "UPDATE suggestions SET status = 'rejected', merged_into = ? WHERE id = ?",
            [suggestion_id, other_id],
        )
        conn.execute(
            "UPDATE quotes SET suggestion_id = ? WHERE suggestion_id = ?", [suggestion_id, other_id]
        )
        return changes.finish("merge suggestions", kept["clipping_id"])


def _quote(conn: Any, quote_id: int) -> dict[str, Any]:
    cursor = conn.execute(
        'SELECT q.id, q.clipping_id, q.speaker_id, q.suggestion_id, q.start, q."end" AS "end", '
        "q.status, s.status AS suggestion_status FROM quotes q "
        "LEFT JOIN suggestions s ON s.id = q.suggestion_id WHERE q.id = ?",
        [quote_id],
    )
    found = cursor.fetchone()
    if found is None:
        raise NotFound(f"There is no quote {quote_id}.")
    return dict(zip([d[0] for d in cursor.description], found, strict=True))


def _set_quote(library: Library, quote_id: int, status: str) -> Undo:
    with library.write() as db:
        conn = db.conn
        quote = _quote(conn, quote_id)
        if quote["status"] == status:
            raise BadInput(f"Quote {quote_id} is already {status}.")
        if (
            status == "accepted"
            and quote["speaker_id"] is None
            and quote["suggestion_status"] != "pending"
        ):
            raise BadInput(f"Quote {quote_id} has no speaker: give it to one instead.")
        changes = Recorder(conn)
        changes.touch("quotes", quote_id)
        conn.execute("UPDATE quotes SET status = ?, reviewed = 1 WHERE id = ?", [status, quote_id])
        verb = "accept" if status == "accepted" else "reject"
        return changes.finish(f"{verb} quote", quote["clipping_id"], quote["speaker_id"])


def accept_quote(library: Library, quote_id: int) -> Undo:
    """The user checked this quote: it is its speaker's. A quote of a speaker still waiting
    for review is shown once that speaker is accepted."""
    return _set_quote(library, quote_id, "accepted")


def reject_quote(library: Library, quote_id: int) -> Undo:
    """Not this speaker's words, or not a quote at all: never shown, and not suggested again
    for the same name when the finder runs again."""
    return _set_quote(library, quote_id, "rejected")


def reassign_quote(
    library: Library,
    quote_id: int,
    speaker: str | None = None,
    *,
    suggestion_id: int | None = None,
) -> Undo:
    """Give a quote to another speaker: a registered one (by name or other name; a new name
    makes a new speaker), who becomes a speaker of the clipping, or another suggestion of the
    same clipping still waiting for review. Either way the quote is accepted for its new
    speaker."""
    if (speaker is None) == (suggestion_id is None):
        raise BadInput("Give the quote to one speaker or to one suggestion.")
    with library.write() as db:
        conn = db.conn
        quote = _quote(conn, quote_id)
        clipping_id = quote["clipping_id"]
        changes = Recorder(conn)
        changes.touch("quotes", quote_id)
        if suggestion_id is not None:
            target = _speaker_suggestion(conn, suggestion_id)
            if target["clipping_id"] != clipping_id:
                raise BadInput("The quote and the suggestion are on different clippings.")
            speaker_id = None
            conn.execute(
                "UPDATE quotes SET speaker_id = NULL, suggestion_id = ?, status = 'accepted', "
                "reviewed = 1 WHERE id = ?",
                [suggestion_id, quote_id],
            )
        else:
            speaker_id = _speaker_for(conn, changes, speaker or "")
            if quote["speaker_id"] == speaker_id and quote["status"] == "accepted":
                raise BadInput(f"That quote is already {speaker}'s.")
            if conn.execute(
                "SELECT 1 FROM quotes WHERE clipping_id = ? AND speaker_id = ? AND start = ? "
                "AND \"end\" = ? AND status = 'accepted' AND id != ?",
                [clipping_id, speaker_id, quote["start"], quote["end"], quote_id],
            ).fetchone():
                raise BadInput(f"{speaker} already has that quote in this clipping.")
            _on_clipping(conn, changes, clipping_id, speaker_id)
            conn.execute(
                "UPDATE quotes SET speaker_id = ?, suggestion_id = NULL, status = 'accepted', "
                "reviewed = 1 WHERE id = ?",
                [speaker_id, quote_id],
            )
        return changes.finish("give quote to another speaker", clipping_id, speaker_id)
