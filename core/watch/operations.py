"""The Inbox's writes as the window asks for them, each returning what it changed
(core.changes.Changes) with its result as ``value``; the window runs them on its serial
writer. Changes names clippings and tags only: the Inbox's own panes redraw on success."""

from __future__ import annotations

from core.changes import Changes, ids
from core.errors import BadInput
from core.library import Library
from core.watch import inbox, rules, sources
from core.watch.discovery import Found


def dismiss(library: Library, item_ids: list[int]) -> Changes:
    return Changes(value=inbox.dismiss(library, item_ids))


def keep(library: Library, item_ids: list[int], kept: bool = True) -> Changes:
    return Changes(value=inbox.keep(library, item_ids, kept))


def mute(library: Library, item_id: int, rule: str | None = None) -> Changes:
    return Changes(value=inbox.mute(library, item_id, rule))


def unmute(library: Library, rule: str, outlet: str) -> Changes:
    rules.unmute(library, rule, outlet)
    return Changes()


def save_source(
    library: Library, found: Found, name: str | None, interval: int, outlet: str | None
) -> Changes:
    return Changes(value=sources.save(library, found, name=name, interval=interval, outlet=outlet))


def remove_source(library: Library, name: str) -> Changes:
    return Changes(value=sources.remove(library, name))


def set_interval(library: Library, name: str, minutes: int) -> Changes:
    sources.set_interval(library, name, minutes)
    return Changes()


def save_rule(
    library: Library,
    name: str,
    query: str,
    propose: bool,
    topics: list[str],
    replacing: str | None = None,
) -> Changes:
    """Keep a rule; one renamed in the editor keeps its mutes and its proposals."""
    with library.write() as db:
        if replacing and replacing.casefold() != " ".join(name.split()).casefold():
            old = rules.get(library, replacing)
            taken = db.conn.execute(
                "SELECT 1 FROM watch_rules WHERE name = ? AND id != ?", [name.strip(), old.id]
            ).fetchone()
            if taken:
                raise BadInput(f"There is a rule called {name.strip()!r} already.")
            db.conn.execute(
                "UPDATE watch_rules SET name = ? WHERE id = ?", [" ".join(name.split()), old.id]
            )
        rule = rules.add(library, name, query, propose=propose, topics=topics)
        inbox.propose_recent(library, rule.name)
    return Changes(value=rule)


def remove_rule(library: Library, name: str) -> Changes:
    return Changes(value=rules.remove(library, name))


def apply_rule(library: Library, name: str, clipping_ids: list[int] | None = None) -> Changes:
    done = rules.apply(library, name, clipping_ids)
    return Changes(clippings=ids(c["id"] for c in done.to_tag), tags=True, value=done)
