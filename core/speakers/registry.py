"""Speakers as data: the finder's suggestions for each clipping, their review (accept,
reject, correct, merge), the quotes kept for accepted speakers, and "who said what"."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.errors import BadInput, NotFound
from core.library import Library
from core.tags import SPEAKERS, clean_name, tag_key

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
    """Run the finder on a clipping (or take its finding) and keep the suggestions; with the
    auto-accept setting on, accept them at once. Returns the suggestion ids."""
    if finding is None:
        # Compiling the finder's patterns costs 25 ms: the reader and the window, which only
        # show suggestions, do not pay it at start-up.
        from core.speakers.finder import find

        finding = find(library.get(clipping_id)["text"])
    with library.write() as db:
        db.conn.execute(
            "DELETE FROM suggestions WHERE clipping_id = ? AND status = 'pending'", [clipping_id]
        )
        # What the user has already decided on this clipping is not asked again.
        decided = {
            tag_key(r[0])
            for r in db.conn.execute(
                "SELECT name FROM suggestions WHERE clipping_id = ? AND status != 'pending' "
                "UNION ALL SELECT s.name FROM clipping_speakers cs JOIN speakers s "
                "ON s.id = cs.speaker_id WHERE cs.clipping_id = ?",
                [clipping_id, clipping_id],
            )
        }
        on_clipping = {
            r[0]
            for r in db.conn.execute(
                "SELECT speaker_id FROM clipping_speakers WHERE clipping_id = ?", [clipping_id]
            )
        }
        ids = []
        for speaker in finding.speakers:
            # an accepted speaker found under another of its names ("Mr Zhou") counts too
            if tag_key(speaker.name) in decided or SPEAKERS.find(db.conn, speaker.name) in (
                on_clipping
            ):
                continue
            quotes = [q.__dict__ for q in speaker.quotes]
            ids.append(
                db.conn.execute(
                    "INSERT INTO suggestions (clipping_id, kind, name, role, organisation, quotes)"
                    " VALUES (?, 'speaker', ?, ?, ?, ?)",
                    [
                        clipping_id,
                        speaker.name,
                        speaker.role,
                        speaker.organisation,
                        json.dumps(quotes, ensure_ascii=False),
                    ],
                ).lastrowid
            )
        for source in finding.sources:
            if tag_key(source) in decided:
                continue
            db.conn.execute(
                "INSERT INTO suggestions (clipping_id, kind, name) VALUES (?, 'source', ?)",
                [clipping_id, source],
            )
    if setting(library, AUTO_ACCEPT) == "1":
        for suggestion_id in ids:
            accept(library, suggestion_id)
    return [int(i) for i in ids]


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
            writes.run(lambda lib, cid=clipping_id, found=finding: suggest(lib, cid, found))
        done += 1
        if progress is not None:
            progress(done, len(ids))
    waiting = library.execute(
        "SELECT count(*) AS n FROM suggestions WHERE status = 'pending' AND kind = 'speaker'"
    )[0]["n"]
    return done, waiting


def suggestions(
    library: Library, clipping_id: int, status: str | None = "pending"
) -> list[dict[str, Any]]:
    where = " AND status = ?" if status else ""
    rows = library.execute(
        f"SELECT id, kind, name, role, organisation, quotes, status FROM suggestions "
        f"WHERE clipping_id = ?{where} ORDER BY kind DESC, id",
        [clipping_id, *([status] if status else [])],
    )
    for row in rows:
        row["quotes"] = json.loads(row["quotes"])
    return rows


def accept(
    library: Library, suggestion_id: int, *, name: str | None = None, merge_into: str | None = None
) -> int:
    """Accept a suggested speaker (under a corrected ``name``, or as the existing speaker
    ``merge_into``): it becomes the clipping's speaker tag and its quotes are kept."""
    rows = library.execute(
        "SELECT clipping_id, kind, name, role, organisation, quotes, status FROM suggestions "
        "WHERE id = ?",
        [suggestion_id],
    )
    if not rows or rows[0]["kind"] != "speaker":
        raise NotFound(f"There is no speaker suggestion {suggestion_id}.")
    row = rows[0]
    with library.write() as db:
        conn = db.conn
        if merge_into:
            speaker_id = SPEAKERS.require(conn, merge_into)
        else:
            speaker_id = SPEAKERS.ensure(conn, clean_name(name or row["name"]))
        conn.execute(
            "UPDATE speakers SET role = coalesce(role, ?), organisation = coalesce(organisation, ?)"
            " WHERE id = ?",
            [row["role"], row["organisation"], speaker_id],
        )
        conn.execute(
            "INSERT OR IGNORE INTO clipping_speakers (clipping_id, speaker_id) VALUES (?, ?)",
            [row["clipping_id"], speaker_id],
        )
        conn.execute(
            "DELETE FROM quotes WHERE clipping_id = ? AND speaker_id = ?",
            [row["clipping_id"], speaker_id],
        )
        conn.executemany(
            'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (row["clipping_id"], speaker_id, q["text"], q["start"], q["end"], q["kind"])
                for q in json.loads(row["quotes"])
            ],
        )
        conn.execute("UPDATE suggestions SET status = 'accepted' WHERE id = ?", [suggestion_id])
    return speaker_id


def reject(library: Library, suggestion_id: int) -> None:
    with library.write() as db:
        changed = db.conn.execute(
            "UPDATE suggestions SET status = 'rejected' WHERE id = ? AND status = 'pending'",
            [suggestion_id],
        ).rowcount
    if not changed:
        raise BadInput(f"Suggestion {suggestion_id} is not waiting for review.")


def quotes_of_clipping(library: Library, clipping_id: int) -> list[dict[str, Any]]:
    return library.execute(
        'SELECT q.text, q.start, q."end" AS "end", q.kind, s.name AS speaker FROM quotes q '
        "JOIN speakers s ON s.id = q.speaker_id WHERE q.clipping_id = ? ORDER BY q.start",
        [clipping_id],
    )


def who_said_what(
    library: Library,
    speaker: str,
    *,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    words: str | None = None,
) -> list[dict[str, Any]]:
    """Every kept quote of a speaker across the library, newest first, with where it ran.
    ``words`` keeps the quotes holding every word (a word ending in * as a prefix, "a phrase"
    whole), in any case."""
    speaker_id = SPEAKERS.require(library.db.conn, speaker)
    sql = (
        'SELECT q.text, q.kind, q.start, q."end" AS "end", c.id AS clipping_id, c.published, '
        "c.outlet, c.title FROM quotes q JOIN clippings c ON c.id = q.clipping_id "
        "WHERE q.speaker_id = ? AND c.deleted_at IS NULL"
    )
    params: list[Any] = [speaker_id]
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
