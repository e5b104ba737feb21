"""Polling rounds: every source at its interval, a little jitter so that forty feeds do not
all fall due in the same second, longer waits after failures, at most CONNECTIONS fetches at
once. Fetching and reading run on threads; matching and saving run on the caller's thread,
each source's new items and its last result in one transaction through the writer (the
window's serial writer, or the command line's own connection).
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from core import logs
from core.capture.fetch import Limits
from core.errors import CaptureError
from core.library import Library
from core.tagnames import tag_key
from core.watch import feeds, inbox, rules, sources
from core.watch.feeds import Item
from core.watch.fetching import fetch_feed
from core.watch.matching import Aliases, Batch, Document
from core.writer import Direct, Writes

CONNECTIONS = 8
JITTER = 0.1  # of the interval, either way
MAX_BACKOFF_MINUTES = 24 * 60


def next_check(interval: int, failures: int, now: datetime, rng: random.Random) -> datetime:
    """When to look again: the interval give or take JITTER; after failures, the interval
    doubled for each one in a row, up to a day."""
    minutes = float(interval)
    if failures:
        minutes = min(interval * 2.0**failures, max(MAX_BACKOFF_MINUTES, interval))
    minutes *= 1 + rng.uniform(-JITTER, JITTER)
    return now + timedelta(minutes=minutes)


def due(
    library: Library, now: datetime | None = None, *, every: bool = False
) -> list[dict[str, Any]]:
    """The sources whose next check has come (all of them with ``every``). A source is due a
    tenth of its interval early, so that a timer or cron at the same interval never skips one
    for a few seconds of jitter."""
    now = now or datetime.now(UTC)
    rows = sources.all_sources(library)
    if every:
        return rows
    found = []
    for row in rows:
        if row["next_check"] is None:
            found.append(row)
            continue
        slack = timedelta(minutes=row["interval_minutes"] * JITTER)
        if datetime.fromisoformat(row["next_check"].replace("Z", "+00:00")) <= now + slack:
            found.append(row)
    return found


@dataclass
class Checked:
    """What one source answered, before saving."""

    source: dict[str, Any]
    status: str  # 'ok', 'not-modified', 'failed'
    items: list[Item] = field(default_factory=list)
    reason: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Round:
    checked: int = 0
    ok: int = 0
    not_modified: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # source name, reason
    new: int = 0
    duplicates: int = 0
    proposed: list[int] = field(default_factory=list)  # inbox item ids
    expired: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def summary(self) -> str:
        text = (
            f"{self.checked} source(s) checked: {self.ok} ok, {self.not_modified} not modified, "
            f"{len(self.failed)} failed; {self.new} new item(s), {len(self.proposed)} proposed"
        )
        return text + (" (stopped early)" if self.interrupted else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "ok": self.ok,
            "not_modified": self.not_modified,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "new": self.new,
            "duplicates": self.duplicates,
            "proposed": self.proposed,
            "expired": self.expired,
            "seconds": round(self.seconds, 3),
        }


def check(source: dict[str, Any], limits: Limits | None = None) -> Checked:
    """Fetch and read one source (on a worker thread); never raises."""
    try:
        answer = fetch_feed(
            source["url"], limits, etag=source["etag"], last_modified=source["last_modified"]
        )
        if answer.not_modified:
            return Checked(
                source,
                "not-modified",
                etag=answer.etag or source["etag"],
                last_modified=answer.last_modified or source["last_modified"],
            )
        feed = feeds.read(answer.data, url=answer.url, charset=answer.charset)
    except CaptureError as error:
        return Checked(source, "failed", reason=str(error))
    except Exception as error:  # noqa: BLE001 - a bug on one feed must not end the round
        return Checked(
            source, "failed", reason=logs.bug(error, f"reading the feed {source['url']}")
        )
    return Checked(source, "ok", feed.items, feed.note, answer.etag, answer.last_modified)


def poll(
    library: Library,
    *,
    writer: Writes | None = None,
    every: bool = False,
    limits: Limits | None = None,
    connections: int = CONNECTIONS,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int, str], None] | None = None,
    now: datetime | None = None,
    seed: int | None = None,
) -> Round:
    """One round over the sources that are due (or every one)."""
    started = time.monotonic()
    writer = writer or Direct(library)
    rng = random.Random(seed)
    result = Round()
    todo = due(library, now, every=every)
    if not todo:
        return result  # nothing due: not even a write
    result.expired = writer.run(lambda lib: inbox.tidy(lib, now))
    proposing = [r for r in rules.all_rules(library) if r.propose]
    aliases = Aliases.read(library.conn)
    answers = _fetch_all(todo, limits, connections, cancelled)
    for number in range(1, len(todo) + 1):
        checked = _next(answers, cancelled)
        if checked is None:
            result.interrupted = True
            break
        matched = _match(library, checked, proposing, aliases)
        saved = writer.run(partial(_save, checked=checked, matched=matched, now=now, rng=rng))
        _count(result, checked, saved)
        if progress:
            progress(number, len(todo), checked.source["name"])
    result.seconds = time.monotonic() - started
    return result


def _fetch_all(
    todo: list[dict[str, Any]],
    limits: Limits | None,
    connections: int,
    cancelled: Callable[[], bool],
) -> queue.SimpleQueue[Checked]:
    """Fetch and read the sources on at most ``connections`` threads; each answer arrives on
    the queue as it is ready. The threads are daemons: closing the app never waits for a feed
    that hangs (each fetch ends by itself at the total time limit anyway)."""
    waiting: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
    for source in todo:
        waiting.put(source)
    answers: queue.SimpleQueue[Checked] = queue.SimpleQueue()

    def work() -> None:
        while not cancelled():
            try:
                source = waiting.get_nowait()
            except queue.Empty:
                return
            answers.put(check(source, limits))

    for n in range(max(1, min(connections, len(todo)))):
        threading.Thread(target=work, name=f"cuttings-feed-{n}", daemon=True).start()
    return answers


def _next(answers: queue.SimpleQueue[Checked], cancelled: Callable[[], bool]) -> Checked | None:
    while not cancelled():
        try:
            return answers.get(timeout=0.25)
        except queue.Empty:
            continue
    return None


def _match(
    library: Library, checked: Checked, proposing: list[rules.Rule], aliases: Aliases
) -> tuple[list[Item], dict[int, list[int]]]:
    """The source's items not seen before, and for each the proposing rules it matches."""
    if checked.status != "ok" or not checked.items:
        return [], {}
    fresh = inbox.unknown(library.conn, checked.source, checked.items)
    matched: dict[int, list[int]] = {}
    if not fresh or not proposing:
        return fresh, matched
    outlet = checked.source.get("outlet")
    documents = [
        Document(i.title, i.summary, i.outlet or outlet, i.published, i.categories, key=n)
        for n, i in enumerate(fresh)
    ]
    with Batch(documents, aliases) as batch:
        for rule in proposing:
            muted = {tag_key(m) for m in rule.muted}
            for document in batch.match(rule.parsed):
                if tag_key(document.outlet or "") not in muted:
                    matched.setdefault(document.key, []).append(rule.id)
    return fresh, matched


def _save(
    library: Library,
    checked: Checked,
    matched: tuple[list[Item], dict[int, list[int]]],
    now: datetime | None,
    rng: random.Random,
) -> inbox.Recorded:
    moment = now or datetime.now(UTC)
    source = checked.source
    with library.write() as db:
        if not db.conn.execute(
            "SELECT 1 FROM watch_sources WHERE id = ?", [source["id"]]
        ).fetchone():
            return inbox.Recorded()  # removed while it was being fetched
        recorded = inbox.record(library, source, matched[0], matched[1], moment)
        failures = source["failures"] + 1 if checked.status == "failed" else 0
        db.conn.execute(
            "UPDATE watch_sources SET last_checked = ?, next_check = ?, last_status = ?, "
            "last_reason = ?, last_new = ?, failures = ?, etag = ?, last_modified = ? "
            "WHERE id = ?",
            [
                inbox.stamp(moment),
                inbox.stamp(next_check(source["interval_minutes"], failures, moment, rng)),
                checked.status,
                checked.reason,
                recorded.new,
                failures,
                source["etag"] if checked.status == "failed" else checked.etag,
                source["last_modified"] if checked.status == "failed" else checked.last_modified,
                source["id"],
            ],
        )
    return recorded


def _count(result: Round, checked: Checked, saved: inbox.Recorded) -> None:
    result.checked += 1
    if checked.status == "ok":
        result.ok += 1
    elif checked.status == "not-modified":
        result.not_modified += 1
    else:
        result.failed.append((checked.source["name"], checked.reason or "failed"))
    result.new += saved.new
    result.duplicates += saved.duplicates
    result.proposed.extend(saved.proposed)
