"""Speakers as data: the finder's suggestions for each clipping, their review (accept,
reject, correct, merge) and the review of each quote (accept, reject, give to another
speaker), each undoable, and "who said what".

The review panel calls: ``suggestions`` (what waits, with each quote's id and status and the
"probably one person" offers), ``accept_speaker``, ``reject_speaker``, ``merge_suggestions``,
``accept_quote``, ``reject_quote``, ``reassign_quote`` and ``quotes_of_clipping``; every action
returns an ``Undo`` record that ``undo`` takes back (Ctrl+Z). Packs and ``quotes`` show a quote
only when it is accepted and its speaker is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.errors import NotFound
from core.library import Library
from core.speakers import likeness
from core.speakers.review import (
    accept,
    accept_quote,
    accept_speaker,
    merge_suggestions,
    reassign_quote,
    reject,
    reject_quote,
    reject_speaker,
)
from core.speakers.undo import undo as undo  # the panel's Ctrl+Z: registry.undo(library, record)
from core.tags import SPEAKERS, tag_key

__all__ = [
    "accept",
    "accept_quote",
    "accept_speaker",
    "merge_suggestions",
    "reassign_quote",
    "reject",
    "reject_quote",
    "reject_speaker",
    "undo",
]

if TYPE_CHECKING:
    from core.speakers.finder import Finding
    from core.writer import Writes

AUTO_ACCEPT = "speakers.auto_accept"


def setting(library: Library, key: str, default: str = "") -> str:
    rows = library.execute("SELECT value FROM settings WHERE key = ?", [key])
    return rows[0]["value"] if rows else default


def set_setting(library: Library, key: str, value: str) -> None:
    with library.write() as db:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def suggest(library: Library, clipping_id: int, finding: Finding | None = None) -> list[int]:
    """Run the finder on a clipping (or take its finding) and keep the suggestions, each with
    its quotes as 'suggested'; with the auto-accept setting on, accept them at once. Returns
    the suggestion ids. What the user decided stays decided: a speaker accepted or rejected on
    this clipping is not suggested again, a quote the user accepted or rejected for a name keeps
    that decision, and words already accepted as someone's quote are not suggested again."""
    if finding is None:
        # Compiling the finder's patterns costs 25 ms: the reader and the window, which only
        # show suggestions, do not pay it at start-up.
        from core.speakers.finder import find

        finding = find(library.get(clipping_id)["text"])
    with library.write() as db:
        conn = db.conn
        pending = "SELECT id FROM suggestions WHERE clipping_id = ? AND status = 'pending'"
        carried = {
            (r[0], r[1], tag_key(r[2])): (r[3], r[4])
            for r in conn.execute(
                'SELECT q.start, q."end", s.name, q.status, q.reviewed FROM quotes q '
                "JOIN suggestions s ON s.id = q.suggestion_id "
                "WHERE s.clipping_id = ? AND s.status = 'pending' AND q.reviewed = 1",
                [clipping_id],
            )
        }
        conn.execute(f"DELETE FROM quotes WHERE suggestion_id IN ({pending})", [clipping_id])
        conn.execute(
            "DELETE FROM suggestions WHERE clipping_id = ? AND status = 'pending'", [clipping_id]
        )
        # What the user has already decided on this clipping is not asked again.
        decided = {
            tag_key(r[0])
            for r in conn.execute(
                "SELECT name FROM suggestions WHERE clipping_id = ? AND status != 'pending' "
                "UNION ALL SELECT s.name FROM clipping_speakers cs JOIN speakers s "
                "ON s.id = cs.speaker_id WHERE cs.clipping_id = ?",
                [clipping_id, clipping_id],
            )
        }
        on_clipping = {
            r[0]
            for r in conn.execute(
                "SELECT speaker_id FROM clipping_speakers WHERE clipping_id = ?", [clipping_id]
            )
        }
        held = {
            (r[0], r[1])
            for r in conn.execute(
                "SELECT start, \"end\" FROM quotes WHERE clipping_id = ? AND status = 'accepted'",
                [clipping_id],
            )
        }
        ids = []
        for speaker in finding.speakers:
            # an accepted speaker found under another of its names ("Mr Zhou") counts too
            if tag_key(speaker.name) in decided or SPEAKERS.find(conn, speaker.name) in (
                on_clipping
            ):
                continue
            suggestion_id = int(
                conn.execute(
                    "INSERT INTO suggestions (clipping_id, kind, name, role, organisation, quotes)"
                    " VALUES (?, 'speaker', ?, ?, ?, ?)",
                    [
                        clipping_id,
                        speaker.name,
                        speaker.role,
                        speaker.organisation,
                        json.dumps([q.__dict__ for q in speaker.quotes], ensure_ascii=False),
                    ],
                ).lastrowid
                or 0
            )
            ids.append(suggestion_id)
            key = tag_key(speaker.name)
            rows = []
            for q in speaker.quotes:
                if (q.start, q.end) in held:
                    continue
                status, reviewed = carried.get((q.start, q.end, key), ("suggested", 0))
                rows.append(
                    (clipping_id, q.text, q.start, q.end, q.kind, status, reviewed, suggestion_id)
                )
            conn.executemany(
                'INSERT INTO quotes (clipping_id, text, start, "end", kind, status, reviewed, '
                "suggestion_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        for source in finding.sources:
            if tag_key(source) in decided:
                continue
            conn.execute(
                "INSERT INTO suggestions (clipping_id, kind, name) VALUES (?, 'source', ?)",
                [clipping_id, source],
            )
    if setting(library, AUTO_ACCEPT) == "1":
        for suggestion_id in ids:
            accept(library, suggestion_id)
    return ids


def rescan(
    library: Library,
    ids: list[int] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    writer: Writes | None = None,
) -> tuple[int, int]:
    """Run the finder again over clippings (all live ones by default), as after an update of
    Cuttings: pending suggestions are replaced, decided ones stay decided. Returns how many
    clippings were looked at and how many suggestions wait for review afterwards. Reads go
    through ``library``, each clipping's new suggestions through ``writer``."""
    from core.speakers.finder import find
    from core.writer import Direct

    writes = writer or Direct(library)

    if ids is None:
        ids = [
            r["id"]
            for r in library.execute(
                "SELECT id FROM clippings WHERE deleted_at IS NULL ORDER BY id"
            )
        ]
    else:
        # an unknown id is refused before anything changes
        marks = ",".join("?" * len(ids))
        known = {
            r["id"] for r in library.execute(f"SELECT id FROM clippings WHERE id IN ({marks})", ids)
        }
        for clipping_id in ids:
            if clipping_id not in known:
                raise NotFound(f"There is no clipping {clipping_id} in this library.")
    done = 0
    for clipping_id in ids:
        if cancelled is not None and cancelled():
            break
        text = library.execute("SELECT text FROM clippings WHERE id = ?", [clipping_id])
        if text:
            finding = find(text[0]["text"] or "")

            def save(lib: Library, cid: int = clipping_id, found: Finding = finding) -> list[int]:
                return suggest(lib, cid, found)

            writes.run(save)
        done += 1
        if progress is not None:
            progress(done, len(ids))
    waiting = library.execute(
        "SELECT count(*) AS n FROM suggestions WHERE status = 'pending' AND kind = 'speaker'"
    )[0]["n"]
    return done, waiting


QUOTE_COLUMNS = 'q.id, q.text, q.start, q."end" AS "end", q.kind, q.status, q.reviewed'


def suggestions(
    library: Library, clipping_id: int, status: str | None = "pending"
) -> list[dict[str, Any]]:
    """A clipping's suggestions (those waiting for review, or all with ``status=None``). A
    speaker's row holds its ``quotes`` (id, text, start, end, kind, status, reviewed) in the
    order they stand. A speaker waiting for review also has ``same_as``, the ids of the other
    waiting suggestions that are probably the same person (offer "merge?"), and ``offered_as``,
    the registered speaker it probably is ({"id", "name"}, or None)."""
    where = " AND status = ?" if status else ""
    rows = library.execute(
        f"SELECT id, kind, name, role, organisation, status, merged_into FROM suggestions "
        f"WHERE clipping_id = ?{where} ORDER BY kind DESC, id",
        [clipping_id, *([status] if status else [])],
    )
    quotes: dict[int, list[dict[str, Any]]] = {}
    for quote in library.execute(
        f"SELECT q.suggestion_id, {QUOTE_COLUMNS} FROM quotes q JOIN suggestions s "
        f"ON s.id = q.suggestion_id WHERE s.clipping_id = ? ORDER BY q.start, q.id",
        [clipping_id],
    ):
        quotes.setdefault(quote.pop("suggestion_id"), []).append(quote)
    for row in rows:
        row["quotes"] = quotes.get(row["id"], [])
    waiting = [r for r in rows if r["kind"] == "speaker" and r["status"] == "pending"]
    if waiting:
        for i, j in likeness.probable_pairs([r["name"] for r in waiting]):
            waiting[i].setdefault("same_as", []).append(waiting[j]["id"])
            waiting[j].setdefault("same_as", []).append(waiting[i]["id"])
        registered = _registered(library)
        names = (
            {r["id"]: r["name"] for r in library.execute("SELECT id, name FROM speakers")}
            if registered
            else {}
        )
        for row in waiting:
            row.setdefault("same_as", [])
            match = registered.match(row["name"]) if registered else None
            row["offered_as"] = {"id": match, "name": names[match]} if match else None
    return rows


def _registered(library: Library) -> likeness.Registered | None:
    names = library.execute(
        "SELECT id, name FROM speakers UNION ALL SELECT speaker_id, alias FROM speaker_aliases"
    )
    return likeness.Registered((r["id"], r["name"]) for r in names) if names else None


def quotes_of_clipping(
    library: Library, clipping_id: int, statuses: tuple[str, ...] = ("accepted",)
) -> list[dict[str, Any]]:
    """The quotes of a clipping's accepted speakers (of these statuses), in text order, each
    with its speaker's name."""
    marks = ",".join("?" * len(statuses))
    return library.execute(
        f"SELECT {QUOTE_COLUMNS}, s.name AS speaker FROM quotes q "
        "JOIN speakers s ON s.id = q.speaker_id "
        f"WHERE q.clipping_id = ? AND q.status IN ({marks}) ORDER BY q.start, q.id",
        [clipping_id, *statuses],
    )


def who_said_what(
    library: Library,
    speaker: str,
    *,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    words: str | None = None,
    statuses: tuple[str, ...] = ("accepted",),
) -> list[dict[str, Any]]:
    """Every accepted quote of a speaker across the library (or those of ``statuses``), newest
    first, with where it ran and its id and status. ``words`` keeps the quotes holding every
    word (a word ending in * as a prefix, "a phrase" whole), in any case."""
    speaker_id = SPEAKERS.require(library.conn, speaker)
    marks = ",".join("?" * len(statuses))
    sql = (
        'SELECT q.text, q.kind, q.start, q."end" AS "end", c.id AS clipping_id, c.published, '
        "c.outlet, c.title, q.id, q.status, q.reviewed FROM quotes q "
        "JOIN clippings c ON c.id = q.clipping_id "
        f"WHERE q.speaker_id = ? AND c.deleted_at IS NULL AND q.status IN ({marks})"
    )
    params: list[Any] = [speaker_id, *statuses]
    if topic:
        sql += (
            " AND c.id IN (SELECT ct.clipping_id FROM clipping_topics ct JOIN topics t "
            "ON t.id = ct.topic_id WHERE t.key = ?)"
        )
        params.append(tag_key(topic))
    if date_from:
        sql += " AND c.published >= ?"
        params.append(date_from)
    if date_to:
        sql += " AND c.published < ?"
        params.append(date_to + "~")
    rows = library.execute(sql + " ORDER BY c.published DESC, c.id DESC, q.start", params)
    if words and words.strip():
        wanted = _word_patterns(words)
        rows = [r for r in rows if all(p.search(r["text"]) for p in wanted)]
    return rows


def _word_patterns(words: str) -> list[re.Pattern[str]]:
    patterns = []
    for phrase, word in re.findall(r'"([^"]*)"?|(\S+)', words):
        term = (phrase or word).strip()
        if not term or term == "*":
            continue
        prefix = term.endswith("*")
        body = r"\s+".join(re.escape(w) for w in term.rstrip("*").split())
        if body:
            end = "" if prefix else r"\b"
            patterns.append(re.compile(rf"\b{body}{end}", re.IGNORECASE))
    return patterns
