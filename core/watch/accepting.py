"""Accepting proposals: each item's article captured in full through the normal pipeline
(core.capture.sources, as adding its address does: its duplicate checks, speakers, story and
tagging rules all apply), then given the topics of the rules that proposed it. A capture that
fails leaves the item in the Inbox with its reason."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from core.capture.fetch import Limits
from core.clippings import now_iso
from core.library import Library
from core.tagnames import TOPIC_TABLE
from core.watch.inbox import items_by_id
from core.writer import Direct, Writes


@dataclass
class Accepted:
    clipped: list[tuple[int, int, str]] = field(default_factory=list)  # item, clipping, status
    failed: list[tuple[int, str]] = field(default_factory=list)  # item, reason
    stopped: str | None = None

    def summary(self) -> str:
        added = sum(status == "added" for _, _, status in self.clipped)
        already = len(self.clipped) - added
        text = f"{added} clipped"
        if already:
            text += f", {already} already in the library"
        if self.failed:
            text += f", {len(self.failed)} could not be clipped"
        return text + (f" (stopped: {self.stopped})" if self.stopped else "")


def accept(
    library: Library,
    ids: Iterable[int],
    *,
    jobs: int | None = 1,
    writer: Writes | None = None,
    limits: Limits | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Accepted:
    """Capture each item's article in full, as adding its address does, and give it the
    topics of the rules that proposed it. A failed capture stays in the Inbox with its
    reason."""
    from core.capture.sources import add_sources  # the capture pipeline, loaded when needed

    writer = writer or Direct(library)
    items = [i for i in items_by_id(library, ids) if i["state"] != "accepted"]
    report = Accepted()
    by_url: dict[str, list[int]] = {}
    for item in items:
        if item["url"]:
            by_url.setdefault(item["url"], []).append(item["id"])
        else:
            report.failed.append((item["id"], "the feed gave no address for it"))
    batch = add_sources(
        library,
        list(by_url),
        jobs=jobs,
        writer=writer,
        limits=limits,
        progress=(lambda n, total, o: progress(n, total, o.source)) if progress else None,
        cancelled=cancelled,
    )
    for outcome in batch.outcomes:
        for item_id in by_url.pop(outcome.source, []):
            if outcome.status == "failed" or outcome.clipping_id is None:
                report.failed.append((item_id, outcome.reason or "it could not be clipped"))
            else:
                report.clipped.append((item_id, outcome.clipping_id, outcome.status))
    report.stopped = batch.stopped or ("interrupted" if batch.interrupted else None)
    if report.clipped or report.failed:
        writer.run(lambda lib: _decided(lib, report))
    return report


def _decided(library: Library, report: Accepted) -> None:
    with library.write() as db:
        conn = db.conn
        for item_id, clipping_id, _status in report.clipped:
            conn.execute(
                "UPDATE inbox_items SET state = 'accepted', clipping_id = ?, decided = ?, "
                "reason = NULL WHERE id = ?",
                [clipping_id, now_iso(), item_id],
            )
            for (topics,) in conn.execute(
                "SELECT r.topics FROM inbox_matches m JOIN watch_rules r ON r.id = m.rule_id "
                "WHERE m.item_id = ?",
                [item_id],
            ).fetchall():
                for topic in json.loads(topics):
                    TOPIC_TABLE.attach(conn, [clipping_id], topic)
        conn.executemany(
            "UPDATE inbox_items SET reason = ? WHERE id = ?",
            [(reason, item_id) for item_id, reason in report.failed],
        )
