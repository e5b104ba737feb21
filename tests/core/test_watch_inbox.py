"""The Inbox over real feeds on 127.0.0.1: no item proposed twice, dismiss and mute, expiry,
and Accept as the full capture of the article."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.capture.sources import add_sources
from core.errors import BadInput
from core.library import Library
from core.watch import accepting, inbox, polling, rules, sources
from tests.feeds import Entry, FeedServer, recent, rss

BODY = (
    "The harbour board agreed on Monday to deepen the eastern channel before winter, after "
    "months of complaints from shipping lines about delays at low tide.\n\n"
    '"This is the work the port has waited ten years for," the board\'s chair told reporters.\n\n'
    "Dredging is due to begin in October and to last about six weeks."
)


@pytest.fixture
def server():
    feed_server = FeedServer()
    yield feed_server
    feed_server.close()


def story(server: FeedServer, slug: str, title: str, **kw) -> Entry:
    server.page(f"/news/{slug}", title, BODY)
    return Entry(title, server.url(f"/news/{slug}"), summary=kw.pop("summary", ""), **kw)


def add_feed(library: Library, server: FeedServer, path: str, title: str, items: list[Entry]):
    return sources.add(library, server.serve(path, rss(title, items)), name=path.strip("/"))


def shown(library: Library, rule: str | None = None) -> list[str]:
    return [r["title"] for r in inbox.proposals(library, rule=rule)]


def test_no_item_is_proposed_twice(library: Library, server: FeedServer) -> None:
    a = story(
        server, "a", "Harbour channel to be dredged", guid="urn:courier:1", published=recent(3)
    )
    b = story(server, "b", "Dredging contract goes to local firm", published=recent(2))
    twin = Entry(a.title, a.link, guid="urn:courier:1", published=recent(3))
    tracked = Entry(
        "Dredging contract goes to local firm (update)",
        b.link + "?utm_source=rss",
        published=recent(2),
    )
    in_library = story(server, "c", "Dredging fleet arrives in the bay", published=recent(1))
    add_sources(library, [in_library.link], jobs=1)
    add_feed(library, server, "/one.xml", "The Courier", [a, b, in_library])
    add_feed(library, server, "/two.xml", "The Courier - Ports", [twin, tracked])
    rules.add(library, "dredging", "dredg*", propose=True)
    first = polling.poll(library)
    # the feeds are read at once: the article comes from whichever answered first, only once
    contract, harbour = shown(library)
    assert contract.startswith("Dredging contract goes to local firm")
    assert harbour == "Harbour channel to be dredged"
    assert first.duplicates == 2  # the same guid, the same address with a tracking tail
    assert library.count() == 1  # only the clipping added by hand
    # the feeds list them again next round, changed or not: nothing new
    server.serve("/one.xml", rss("The Courier", [a, b, in_library]))
    again = polling.poll(library, every=True)
    assert again.proposed == [] and len(shown(library)) == 2
    # newest first
    assert shown(library)[0].startswith("Dredging contract goes to local firm")


def test_dismissed_items_stay_dismissed(library: Library, server: FeedServer) -> None:
    a = story(server, "a", "Ferry timetable changes for the summer", published=recent(2))
    add_feed(library, server, "/f.xml", "Ferry News", [a])
    rules.add(library, "ferries", "ferry", propose=True)
    polling.poll(library)
    (item,) = inbox.proposals(library)
    assert inbox.dismiss(library, [item["id"]]) == [item["id"]]
    assert shown(library) == []
    # the same article in another feed, or the first feed changed: still not proposed
    add_feed(library, server, "/g.xml", "Ferry News - Summer", [Entry(a.title, a.link + "#top")])
    server.serve("/f.xml", rss("Ferry News", [a, Entry("Ferry fares frozen", a.link + "?x=1")]))
    result = polling.poll(library, every=True)
    titles = shown(library)
    assert "Ferry timetable changes for the summer" not in titles
    assert result.duplicates >= 1


def test_mute_an_outlet_for_one_rule(library: Library, server: FeedServer) -> None:
    loud = [
        story(server, f"l{i}", f"Tugboat strike day {i} at the quays", published=recent(i))
        for i in range(3)
    ]
    calm = [story(server, "q", "Tugboat crews return to the quays", published=recent(1))]
    add_feed(library, server, "/loud.xml", "Loud Daily", loud)
    add_feed(library, server, "/calm.xml", "Calm Weekly", calm)
    rules.add(library, "tugs", "tugboat", propose=True)
    rules.add(library, "quays", "quays", propose=True)
    polling.poll(library)
    assert len(shown(library, "tugs")) == 4
    target = next(r for r in inbox.proposals(library, rule="tugs") if r["outlet"] == "Loud Daily")
    assert inbox.mute(library, target["id"], rule="tugs") == [("tugs", "Loud Daily")]
    assert shown(library, "tugs") == ["Tugboat crews return to the quays"]
    # another rule still proposes the loud outlet's items
    assert len(shown(library, "quays")) == 4
    assert rules.get(library, "tugs").muted == ["Loud Daily"]
    # and the next items from it go to that rule only
    server.serve(
        "/loud.xml", rss("Loud Daily", [*loud, story(server, "l9", "Tugboat talks fail at quays")])
    )
    polling.poll(library, every=True)
    assert "Tugboat talks fail at quays" not in shown(library, "tugs")
    assert "Tugboat talks fail at quays" in shown(library, "quays")
    rules.unmute(library, "tugs", "loud daily")
    assert rules.get(library, "tugs").muted == []


def test_old_proposals_go_unless_kept(library: Library, server: FeedServer) -> None:
    old = story(server, "old", "Lighthouse repairs finished last month", published=recent(24 * 20))
    a = story(server, "a", "Lighthouse keeper honoured", published=recent(2))
    b = story(server, "b", "Lighthouse opens to visitors", published=recent(3))
    add_feed(library, server, "/l.xml", "Coast Post", [old, a, b])
    rules.add(library, "lights", "lighthouse", propose=True)
    polling.poll(library)
    assert sorted(shown(library)) == ["Lighthouse keeper honoured", "Lighthouse opens to visitors"]
    kept = next(r for r in inbox.proposals(library) if r["title"] == "Lighthouse keeper honoured")
    inbox.keep(library, [kept["id"]])
    later = datetime.now(UTC) + timedelta(days=15)
    assert shown_at(library, later) == ["Lighthouse keeper honoured"]
    assert inbox.tidy(library, later) == 1
    rows = {r["title"]: r["state"] for r in library.execute("SELECT title, state FROM inbox_items")}
    assert rows == {
        "Lighthouse repairs finished last month": "seen",
        "Lighthouse keeper honoured": "proposed",
        "Lighthouse opens to visitors": "expired",
    }


def shown_at(library: Library, moment: datetime) -> list[str]:
    return [r["title"] for r in inbox.proposals(library, now=moment)]


def test_accept_captures_the_article_in_full(library: Library, server: FeedServer) -> None:
    a = story(
        server,
        "a",
        "Harbour channel to be dredged",
        published=recent(1),
        summary="The board agreed on Monday.",
    )
    gone = Entry("Dredging plan withdrawn", server.url("/news/missing"), published=recent(2))
    add_feed(library, server, "/a.xml", "The Courier", [a, gone])
    rules.add(library, "dredging", "dredg*", propose=True, topics=["Ports"])
    polling.poll(library)
    ids = {r["title"]: r["id"] for r in inbox.proposals(library)}
    report = accepting.accept(library, list(ids.values()))
    assert len(report.clipped) == 1 and len(report.failed) == 1
    item_id, clipping_id, status = report.clipped[0]
    assert item_id == ids["Harbour channel to be dredged"] and status == "added"
    clipping = library.get(clipping_id)
    assert "deepen the eastern channel" in clipping["text"]  # the page, not the feed's summary
    assert clipping["outlet"] == "The Courier" and clipping["topics"] == ["Ports"]
    assert shown(library) == ["Dredging plan withdrawn"]
    (left,) = inbox.proposals(library)
    assert "404" in left["reason"]
    with pytest.raises(BadInput):
        accepting.accept(library, [])


def test_accepting_what_is_already_in_the_library_adds_nothing(
    library: Library, server: FeedServer
) -> None:
    a = story(server, "a", "Quay wall rebuilt after storm", published=recent(1))
    add_feed(library, server, "/a.xml", "The Courier", [a])
    rules.add(library, "quay", "quay", propose=True)
    polling.poll(library)
    (item,) = inbox.proposals(library)
    add_sources(library, [a.link], jobs=1)  # clipped by hand meanwhile
    report = accepting.accept(library, [item["id"]])
    assert [s for _, _, s in report.clipped] == ["duplicate"] and library.count() == 1


def test_a_new_rule_looks_at_the_items_seen_lately(library: Library, server: FeedServer) -> None:
    fresh = story(server, "a", "Pier reopens after repairs", published=recent(5))
    stale = story(server, "b", "Pier closed for repairs", published=recent(24 * 16))
    add_feed(library, server, "/p.xml", "Seaside Echo", [fresh, stale])
    polling.poll(library)  # read before any rule existed: seen, not proposed
    assert shown(library) == []
    rules.add(library, "piers", "pier", propose=True)
    assert len(inbox.propose_recent(library, "piers")) == 1
    assert shown(library, "piers") == ["Pier reopens after repairs"]
    assert inbox.propose_recent(library, "piers") == []  # not twice
    rules.add(library, "tags only", "pier", topics=["Coast"])
    assert inbox.propose_recent(library, "tags only") == []
