"""Rules: searches in the query language kept under a name. A rule proposes the feed items it
matches to the Inbox, gives its topics to the clippings it matches, or both: to each new
clipping as it is saved (``tag_new``, called by core.capture.sources.save in the clipping's
own transaction, whatever route brought it in) and, after a preview that lists and counts
them, to the clippings already in the library (``preview``, ``apply``).

A clipping is matched on its headline, its summary (the page's description, else the start of
its text) and its outlet, as a feed item is, so one rule means the same in both places.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.clippings import now_iso
from core.errors import BadInput, NotFound
from core.inputs import clean_line
from core.library import Library
from core.query import Query, parse
from core.tagnames import TOPIC_TABLE, clean_name, tag_key
from core.watch.matching import Aliases, Batch, Document

#: characters of a clipping's text that stand for its summary when the page gave none
SUMMARY_CHARS = 600


@dataclass
class Rule:
    id: int
    name: str
    query: str
    propose: bool
    topics: list[str]
    muted: list[str] = field(default_factory=list)  # outlets it proposes nothing from

    @property
    def parsed(self) -> Query:
        return parse(self.query)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "propose": self.propose,
            "topics": self.topics,
            "muted": self.muted,
        }

    def does(self) -> str:
        parts = ["proposes to the Inbox"] if self.propose else []
        if self.topics:
            parts.append("tags " + ", ".join(self.topics))
        return " and ".join(parts)


def check(query: str) -> Query:
    parsed = parse(query)
    if not (parsed.groups or parsed.excluded or parsed.has_filters):
        raise BadInput("A rule needs words, phrases or filters to match on.")
    return parsed


def add(
    library: Library,
    name: str,
    query: str,
    *,
    propose: bool = False,
    topics: Sequence[str] = (),
) -> Rule:
    """Keep a rule (a rule of that name is replaced)."""
    name = clean_line(name) or ""
    if not name:
        raise BadInput("A rule needs a name.")
    check(query)
    topics = list(dict.fromkeys(clean_name(t) for t in topics))
    if not propose and not topics:
        raise BadInput(
            "A rule proposes items to the Inbox (--propose), gives topics (--topic), or both."
        )
    with library.write() as db:
        db.conn.execute(
            "INSERT INTO watch_rules (name, query, propose, topics, created) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET query = excluded.query,"
            " propose = excluded.propose, topics = excluded.topics",
            [name, query, int(propose), json.dumps(topics, ensure_ascii=False), now_iso()],
        )
    return get(library, name)


def all_rules(library: Library) -> list[Rule]:
    return _read(library.conn)


def _read(conn: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()) -> list[Rule]:
    muted: dict[int, list[str]] = {}
    for rule_id, outlet in conn.execute(
        "SELECT rule_id, outlet FROM watch_mutes ORDER BY outlet COLLATE NOCASE"
    ):
        muted.setdefault(rule_id, []).append(outlet)
    return [
        Rule(row[0], row[1], row[2], bool(row[3]), json.loads(row[4]), muted.get(row[0], []))
        for row in conn.execute(
            f"SELECT id, name, query, propose, topics FROM watch_rules {where} "
            "ORDER BY name COLLATE NOCASE",
            list(params),
        )
    ]


def get(library: Library, name: str) -> Rule:
    found = _read(library.conn, "WHERE name = ?", [name])
    if not found:
        names = [r.name for r in all_rules(library)]
        hint = f" The rules are: {', '.join(names[:10])}." if names else " There are no rules yet."
        raise NotFound(f"There is no rule called {name!r}.{hint}")
    return found[0]


def remove(library: Library, name: str) -> Rule:
    """Delete a rule; what only it proposed leaves the Inbox (as if it had never matched)."""
    rule = get(library, name)
    with library.write() as db:
        db.conn.execute("DELETE FROM watch_rules WHERE id = ?", [rule.id])
        db.conn.execute(
            "UPDATE inbox_items SET state = 'seen' WHERE state = 'proposed' AND id NOT IN "
            "(SELECT item_id FROM inbox_matches)"
        )
    return rule


def mute(library: Library, name: str, outlet: str) -> int:
    """The rule proposes nothing from ``outlet`` any more; what it proposed from there and
    nothing else proposed leaves the Inbox, dismissed. Returns how many left."""
    rule = get(library, name)
    outlet = clean_line(outlet) or ""
    if not outlet:
        raise BadInput("Which outlet? An item without an outlet cannot be muted by outlet.")
    key = tag_key(outlet)
    with library.write() as db:
        conn = db.conn
        conn.execute(
            "INSERT OR IGNORE INTO watch_mutes (rule_id, outlet_key, outlet) VALUES (?, ?, ?)",
            [rule.id, key, outlet],
        )
        items = [
            r[0]
            for r in conn.execute(
                "SELECT i.id, i.outlet FROM inbox_items i JOIN inbox_matches m ON m.item_id = i.id"
                " WHERE m.rule_id = ? AND i.state = 'proposed'",
                [rule.id],
            )
            if tag_key(r[1] or "") == key
        ]
        conn.executemany(
            "DELETE FROM inbox_matches WHERE item_id = ? AND rule_id = ?",
            [(i, rule.id) for i in items],
        )
        gone = conn.executemany(
            "UPDATE inbox_items SET state = 'dismissed', decided = ?, summary = '' "
            "WHERE id = ? AND id NOT IN (SELECT item_id FROM inbox_matches)",
            [(now_iso(), i) for i in items],
        ).rowcount
    return max(gone, 0)


def unmute(library: Library, name: str, outlet: str) -> None:
    rule = get(library, name)
    with library.write() as db:
        removed = db.conn.execute(
            "DELETE FROM watch_mutes WHERE rule_id = ? AND outlet_key = ?",
            [rule.id, tag_key(outlet)],
        ).rowcount
    if not removed:
        raise NotFound(f"The rule {rule.name!r} does not mute {outlet!r}.")


# -- clippings --------------------------------------------------------------------------------


def clipping_documents(conn: sqlite3.Connection, ids: list[int] | None = None) -> list[Document]:
    """Live clippings (or these) as the matcher reads them."""
    where = "WHERE c.deleted_at IS NULL"
    params: list[Any] = []
    if ids is not None:
        where += f" AND c.id IN ({','.join('?' * len(ids))})"
        params = list(ids)
    topics: dict[int, list[str]] = {}
    speakers: dict[int, list[str]] = {}
    for table, link, fk, into in (
        ("topics", "clipping_topics", "topic_id", topics),
        ("speakers", "clipping_speakers", "speaker_id", speakers),
    ):
        sql = f"SELECT l.clipping_id, t.name FROM {link} l JOIN {table} t ON t.id = l.{fk}"
        if ids is not None:
            sql += f" WHERE l.clipping_id IN ({','.join('?' * len(ids))})"
        for clipping_id, tag in conn.execute(sql, params):
            into.setdefault(clipping_id, []).append(tag)
    rows = conn.execute(
        "SELECT c.id, c.title, coalesce(nullif(c.lead, ''), substr(c.text, 1, ?)), c.outlet, "
        f"c.published FROM clippings c {where} ORDER BY c.id",
        [SUMMARY_CHARS, *params],
    )
    return [
        Document(
            title or "",
            summary or "",
            outlet,
            published,
            topics.get(cid, ()),
            speakers.get(cid, ()),
            key=cid,
        )
        for cid, title, summary, outlet, published in rows
    ]


def tag_new(library: Library, clipping_id: int) -> list[str]:
    """Give a clipping just saved the topics of the rules that match it; the caller holds the
    transaction. Returns the topics given."""
    conn = library.conn
    rules = [r for r in _read(conn, "WHERE topics != '[]'")]
    if not rules:
        return []
    given: list[str] = []
    with Batch(clipping_documents(conn, [clipping_id]), Aliases.read(conn)) as batch:
        for rule in rules:
            if batch.match(rule.parsed):
                for topic in rule.topics:
                    TOPIC_TABLE.attach(conn, [clipping_id], topic)
                    given.append(topic)
    return list(dict.fromkeys(given))


@dataclass
class Preview:
    rule: Rule
    matched: int  # clippings the rule matches
    to_tag: list[dict[str, Any]]  # those lacking one of its topics: id, title, outlet, published

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.name,
            "topics": self.rule.topics,
            "matched": self.matched,
            "to_tag": len(self.to_tag),
            "clippings": self.to_tag,
        }


def preview(library: Library, name: str) -> Preview:
    """The clippings in the library the rule would give its topics to (those that match it
    and lack one of them)."""
    rule = get(library, name)
    conn = library.conn
    with Batch(clipping_documents(conn), Aliases.read(conn)) as batch:
        found = batch.match(rule.parsed)
    wanted = {tag_key(t) for t in rule.topics}
    to_tag = [
        {
            "id": d.key,
            "title": d.title,
            "outlet": d.outlet,
            "published": d.published,
            "missing": sorted(wanted - {tag_key(t) for t in d.topics}),
        }
        for d in found
        if wanted - {tag_key(t) for t in d.topics}
    ]
    return Preview(rule, len(found), to_tag)


def apply(library: Library, name: str, ids: list[int] | None = None) -> Preview:
    """Give the rule's topics to the clippings its preview lists (or only to ``ids`` of
    them, the ones the user kept in the preview)."""
    shown = preview(library, name)
    if not shown.rule.topics:
        raise BadInput(f"The rule {shown.rule.name!r} gives no topics; it only proposes.")
    chosen = [c["id"] for c in shown.to_tag if ids is None or c["id"] in set(ids)]
    if chosen:
        with library.write() as db:
            for topic in shown.rule.topics:
                TOPIC_TABLE.attach(db.conn, chosen, topic)
    shown.to_tag = [c for c in shown.to_tag if c["id"] in set(chosen)]
    return shown
