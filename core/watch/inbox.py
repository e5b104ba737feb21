"""The Inbox: feed items a rule proposed, waiting for the user's word. Accept captures the
article in full through the normal pipeline (as if its address had been added), Dismiss keeps
it out for good, Keep saves it from expiring; nothing from a feed enters the library without
Accept.

Every item a feed shows is recorded once (``record``), matched or not, so that no item is
looked at twice: the same guid, the same canonical address, the same headline from the same
outlet within a few days, or an address already in the library is a duplicate. A proposal
whose date is more than KEEP_DAYS old leaves the Inbox unless kept, and an item that old when
first seen is never proposed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from core.clippings import now_iso
from core.errors import BadInput, NotFound
from core.library import Library
from core.tagnames import tag_key
from core.watch import rules
from core.watch.feeds import Item

KEEP_DAYS = 14
#: the same headline from the same outlet this close together is the same story re-posted
SAME_TITLE_DAYS = 3
#: how long what was seen, dismissed or accepted is remembered (feeds rarely keep older items)
FORGET_SEEN_DAYS = 30
FORGET_DECIDED_DAYS = 180


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _ago(days: float, now: datetime | None = None) -> str:
    return stamp((now or datetime.now(UTC)) - timedelta(days=days))


def guid_key(guid: str, feed_url: str) -> str:
    """A guid that is an address or a URN is the same item in any feed; a bare number is
    only unique within its site."""
    if ":" in guid:
        return guid
    return f"{urlsplit(feed_url).hostname or ''}|{guid}"


def title_key(title: str, outlet: str | None) -> str | None:
    if len(title.split()) < 4:  # "Live updates", "Briefing": too short to be one story
        return None
    return f"{tag_key(outlet or '')}|{tag_key(title)}"


@dataclass
class Recorded:
    new: int = 0
    duplicates: int = 0
    in_library: int = 0
    proposed: list[int] = field(default_factory=list)  # inbox item ids


def unknown(conn: sqlite3.Connection, source: dict[str, Any], items: list[Item]) -> list[Item]:
    """The items this source has not shown before (by guid), for the matcher to look at; one
    another feed showed first is still looked at, and ``record`` counts it as a duplicate."""
    keys = [guid_key(i.guid, source["url"]) for i in items]
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        known |= {
            r[0]
            for r in conn.execute(
                f"SELECT guid_key FROM inbox_items WHERE source_id = ? "
                f"AND guid_key IN ({','.join('?' * len(part))})",
                [source["id"], *part],
            )
        }
    return [item for item, key in zip(items, keys, strict=True) if key not in known]


def record(
    library: Library,
    source: dict[str, Any],
    items: list[Item],
    matched: dict[int, list[int]],
    now: datetime | None = None,
) -> Recorded:
    """Record a source's new items in one transaction; ``matched`` maps an item's position to
    the ids of the proposing rules it matched (mutes already left out)."""
    # courlan and the capture code's metadata load on polling, not with the window
    from core.capture.metadata import canonical

    now = now or datetime.now(UTC)
    seen, too_old = stamp(now), _ago(KEEP_DAYS, now)
    same_title_since = _ago(SAME_TITLE_DAYS, now)
    result = Recorded()
    with library.write() as db:
        conn = db.conn
        for position, item in enumerate(items):
            key = guid_key(item.guid, source["url"])
            address = canonical(item.url) if item.url else None
            outlet = item.outlet or source.get("outlet")
            same_title = title_key(item.title, outlet)
            if _known(conn, key, address, same_title, same_title_since):
                result.duplicates += 1
                continue
            clipping = _in_library(conn, item.url, address)
            rule_ids = matched.get(position, [])
            state = "proposed" if rule_ids and clipping is None else "seen"
            if item.published and item.published < too_old:
                state = "seen"
            cursor = conn.execute(
                "INSERT INTO inbox_items (source_id, guid_key, url, canonical_url, title, "
                "title_key, summary, outlet, published, categories, first_seen, state, "
                "clipping_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    source["id"],
                    key,
                    item.url,
                    address,
                    item.title,
                    same_title,
                    item.summary,
                    outlet,
                    item.published,
                    json.dumps(item.categories, ensure_ascii=False),
                    seen,
                    state,
                    clipping,
                    "already in the library" if clipping else None,
                ],
            )
            result.new += 1
            result.in_library += clipping is not None
            if state == "proposed":
                item_id = int(cursor.lastrowid or 0)
                conn.executemany(
                    "INSERT OR IGNORE INTO inbox_matches (item_id, rule_id) VALUES (?, ?)",
                    [(item_id, r) for r in rule_ids],
                )
                result.proposed.append(item_id)
    return result


def _known(
    conn: sqlite3.Connection, key: str, address: str | None, same_title: str | None, since: str
) -> bool:
    if conn.execute("SELECT 1 FROM inbox_items WHERE guid_key = ?", [key]).fetchone():
        return True
    if (
        address
        and conn.execute("SELECT 1 FROM inbox_items WHERE canonical_url = ?", [address]).fetchone()
    ):
        return True
    return bool(
        same_title
        and conn.execute(
            "SELECT 1 FROM inbox_items WHERE title_key = ? AND first_seen >= ?", [same_title, since]
        ).fetchone()
    )


def _in_library(conn: sqlite3.Connection, url: str | None, address: str | None) -> int | None:
    # By canonical address only: it has an index, and capture sets it on every web clipping.
    for value in dict.fromkeys(v for v in (address, url) if v):
        row = conn.execute(
            "SELECT id FROM clippings WHERE canonical_url = ? ORDER BY id LIMIT 1", [value]
        ).fetchone()
        if row:
            return int(row[0])
    return None


def propose_recent(library: Library, rule_name: str, now: datetime | None = None) -> list[int]:
    """A new or changed proposing rule looks at the items of the last KEEP_DAYS too (the
    feeds were read before the rule existed); returns the items it newly proposed."""
    from core.watch.matching import Aliases, Batch, Document

    rule = rules.get(library, rule_name)
    if not rule.propose:
        return []
    conn = library.conn
    cutoff = _ago(KEEP_DAYS, now)
    rows = conn.execute(
        "SELECT id, title, summary, outlet, published, categories FROM inbox_items "
        "WHERE state IN ('seen', 'proposed') AND clipping_id IS NULL AND first_seen >= ? "
        "AND coalesce(published, first_seen) >= ? AND id NOT IN "
        "(SELECT item_id FROM inbox_matches WHERE rule_id = ?)",
        [cutoff, cutoff, rule.id],
    ).fetchall()
    muted = {tag_key(m) for m in rule.muted}
    documents = [
        Document(r[1], r[2], r[3], r[4], json.loads(r[5]), key=r[0])
        for r in rows
        if tag_key(r[3] or "") not in muted
    ]
    with Batch(documents, Aliases.read(conn)) as batch:
        found = [d.key for d in batch.match(rule.parsed)]
    if found:
        with library.write() as db:
            db.conn.executemany(
                "INSERT OR IGNORE INTO inbox_matches (item_id, rule_id) VALUES (?, ?)",
                [(i, rule.id) for i in found],
            )
            db.conn.executemany(
                "UPDATE inbox_items SET state = 'proposed' WHERE id = ?", [(i,) for i in found]
            )
    return found


def tidy(library: Library, now: datetime | None = None) -> int:
    """Expire proposals older than KEEP_DAYS (unless kept) and forget old records; returns
    how many proposals expired."""
    with library.write() as db:
        conn = db.conn
        expired = conn.execute(
            "UPDATE inbox_items SET state = 'expired', decided = ? WHERE state = 'proposed' "
            "AND kept = 0 AND coalesce(published, first_seen) < ?",
            [stamp(now or datetime.now(UTC)), _ago(KEEP_DAYS, now)],
        ).rowcount
        conn.execute(
            "DELETE FROM inbox_items WHERE state = 'seen' AND first_seen < ?",
            [_ago(FORGET_SEEN_DAYS, now)],
        )
        conn.execute(
            "DELETE FROM inbox_items WHERE state IN ('dismissed', 'expired', 'accepted') "
            "AND first_seen < ?",
            [_ago(FORGET_DECIDED_DAYS, now)],
        )
    return expired


# -- the Inbox as shown -------------------------------------------------------------------------

SHOWN = """
    SELECT i.id, i.title, i.outlet, i.published, i.first_seen, i.summary, i.url, i.kept,
        i.reason, s.name AS source,
        (SELECT group_concat(r.name, ', ') FROM inbox_matches m JOIN watch_rules r
            ON r.id = m.rule_id WHERE m.item_id = i.id) AS rules
    FROM inbox_items i LEFT JOIN watch_sources s ON s.id = i.source_id
    WHERE i.state = 'proposed' AND (i.kept = 1 OR coalesce(i.published, i.first_seen) >= ?)
"""


def proposals(
    library: Library, *, rule: str | None = None, now: datetime | None = None
) -> list[dict[str, Any]]:
    """What waits in the Inbox, newest first; ``rule`` keeps what that rule proposed."""
    sql = SHOWN
    params: list[Any] = [_ago(KEEP_DAYS, now)]
    if rule is not None:
        found = rules.get(library, rule)
        sql += " AND i.id IN (SELECT item_id FROM inbox_matches WHERE rule_id = ?)"
        params.append(found.id)
    sql += " ORDER BY coalesce(i.published, i.first_seen) DESC, i.id DESC"
    return library.execute(sql, params)


def counts(library: Library, now: datetime | None = None) -> dict[str, int]:
    """Proposals waiting, by rule name, and '' for all of them."""
    rows = library.execute(
        "SELECT r.name AS name, count(*) AS n FROM inbox_matches m "
        "JOIN watch_rules r ON r.id = m.rule_id JOIN inbox_items i ON i.id = m.item_id "
        "WHERE i.state = 'proposed' AND (i.kept = 1 OR coalesce(i.published, i.first_seen) >= ?)"
        " GROUP BY r.id ORDER BY r.name COLLATE NOCASE",
        [_ago(KEEP_DAYS, now)],
    )
    total = library.execute(
        "SELECT count(*) AS n FROM inbox_items i WHERE i.state = 'proposed' "
        "AND (i.kept = 1 OR coalesce(i.published, i.first_seen) >= ?)",
        [_ago(KEEP_DAYS, now)],
    )[0]["n"]
    return {"": total, **{r["name"]: r["n"] for r in rows}}


def items_by_id(library: Library, ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(dict.fromkeys(int(i) for i in ids))
    if not ids:
        raise BadInput("Which items? Give the Inbox numbers (`cuttings inbox` lists them).")
    rows = library.execute(
        f"SELECT id, url, state, outlet, clipping_id FROM inbox_items "
        f"WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    )
    missing = sorted(set(ids) - {r["id"] for r in rows})
    if missing:
        raise NotFound("Nothing in the Inbox has the number " + ", ".join(map(str, missing)) + ".")
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids]


def dismiss(library: Library, ids: Iterable[int]) -> list[int]:
    """Dismissed items stay dismissed: the same item in any feed is a duplicate from now on."""
    items = [i for i in items_by_id(library, ids) if i["state"] in ("proposed", "expired", "seen")]
    with library.write() as db:
        db.conn.executemany(
            "UPDATE inbox_items SET state = 'dismissed', decided = ? WHERE id = ?",
            [(now_iso(), i["id"]) for i in items],
        )
    return [i["id"] for i in items]


def keep(library: Library, ids: Iterable[int], kept: bool = True) -> list[int]:
    items = items_by_id(library, ids)
    with library.write() as db:
        db.conn.executemany(
            "UPDATE inbox_items SET kept = ?, state = CASE WHEN state = 'expired' "
            "THEN 'proposed' ELSE state END WHERE id = ?",
            [(int(kept), i["id"]) for i in items],
        )
    return [i["id"] for i in items]


def mute(library: Library, item_id: int, rule: str | None = None) -> list[tuple[str, str]]:
    """Mute the item's outlet for the rule that proposed it (each of them, or ``rule``);
    returns (rule, outlet) pairs muted."""
    item = items_by_id(library, [item_id])[0]
    if not item["outlet"]:
        raise BadInput("That item names no outlet, so there is no outlet to mute.")
    names = (
        [rule]
        if rule
        else [
            r["name"]
            for r in library.execute(
                "SELECT r.name FROM inbox_matches m JOIN watch_rules r ON r.id = m.rule_id "
                "WHERE m.item_id = ?",
                [item_id],
            )
        ]
    )
    if not names:
        raise BadInput("No rule proposed that item any more; name the rule to mute it for.")
    for name in names:
        rules.mute(library, name, item["outlet"])
    return [(name, item["outlet"]) for name in names]
