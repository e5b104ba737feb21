"""Polling real feeds over HTTP on 127.0.0.1: conditional requests, the round's report, bad
feeds reported and never fatal, and the schedule (interval, jitter, back-off)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from core.capture.fetch import Limits
from core.library import Library
from core.watch import feeds, polling, rules, sources
from tests.feeds import Entry, FeedServer, atom, recent, rss


@pytest.fixture
def server():
    feed_server = FeedServer()
    yield feed_server
    feed_server.close()


def entries(prefix: str, n: int, server: FeedServer, **extra) -> list[Entry]:
    return [
        Entry(
            f"{prefix} story number {i} on harbour dredging",
            server.url(f"/{prefix}/{i}"),
            guid=f"urn:{prefix}:{i}",
            summary=f"<p>The council met on <b>Tuesday</b> about item {i}.</p>",
            published=recent(i + 1),
            **extra,
        )
        for i in range(n)
    ]


def watch(library: Library, server: FeedServer, path: str, body: bytes, **kw) -> dict:
    url = server.serve(path, body, **kw)
    return sources.add(library, url, name=path.strip("/"))


def test_a_feed_is_read_and_its_last_result_kept(library: Library, server: FeedServer) -> None:
    row = watch(
        library, server, "/courier.xml", rss("The Courier - Harbour", entries("c", 3, server))
    )
    assert row["outlet"] == "The Courier"
    assert row["interval_minutes"] == 30 and row["kind"] == "feed"
    rules.add(library, "harbour", "dredging", propose=True)
    result = polling.poll(library)
    assert (result.checked, result.ok, result.new, len(result.proposed)) == (1, 1, 3, 3)
    state = sources.get(library, "courier.xml")
    assert state["last_status"] == "ok" and state["last_new"] == 3
    assert sources.describe(state) == "ok, 3 new"
    assert state["etag"] == server.routes["/courier.xml"][2]
    assert library.count() == 0  # nothing enters the library without Accept


def test_an_unchanged_feed_answers_304_and_costs_nothing(
    library: Library, server: FeedServer
) -> None:
    watch(library, server, "/etag.xml", rss("Etag Times", entries("e", 2, server)))
    watch(
        library,
        server,
        "/modified.xml",
        atom("Modified Post", entries("m", 2, server)),
        content_type="application/atom+xml",
        etag=False,
        modified=True,
    )
    first = polling.poll(library)
    assert first.ok == 2 and first.new == 4
    second = polling.poll(library, every=True)
    assert (second.not_modified, second.ok, second.new) == (2, 0, 0)
    assert sorted(server.not_modified) == ["/etag.xml", "/modified.xml"]
    asked = [h for p, h in server.requests if p == "/etag.xml"][-1]
    assert asked["If-None-Match"] == server.routes["/etag.xml"][2]
    asked = [h for p, h in server.requests if p == "/modified.xml"][-1]
    assert asked["If-Modified-Since"] == server.routes["/modified.xml"][3]
    assert sources.describe(sources.get(library, "etag.xml")) == "not modified"
    # a changed feed is read again, and only its new item is new
    server.serve("/etag.xml", rss("Etag Times", entries("e", 3, server)))
    third = polling.poll(library, every=True)
    assert (third.ok, third.not_modified, third.new) == (1, 1, 1)


def test_bad_feeds_are_reported_and_the_round_goes_on(library: Library, server: FeedServer) -> None:
    good = rss("Good Gazette", entries("g", 2, server))
    items = "".join(
        f"<item><title>Bulk item {i}</title><link>{server.url(f'/bulk/{i}')}</link>"
        f"<guid>urn:bulk:{i}</guid></item>"
        for i in range(50_000)
    )
    huge = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>'
        f"{items}</channel></rss>"
    ).encode()
    strange = rss("Odd Encoding", entries("o", 2, server), encoding="x-martian-7").replace(
        b"story number 0", "story número 0".encode()
    )
    garbage = b'<?xml version="1.0"?><rss><channel><title>Broken</title><item><title>A & B <<'
    broken_but_readable = rss("Half Broken", entries("h", 2, server)).replace(
        b"</channel></rss>", b"<item><title>cut"
    )
    sources.save(library, sources.Found(server.url("/loop0"), "feed", "Loop", None), name="loop")
    sources.save(
        library, sources.Found(server.url("/silent"), "feed", "Silent", None), name="silent"
    )
    server.serve("/good.xml", good)
    server.serve("/huge.xml", huge)
    server.serve("/strange.xml", strange, "application/rss+xml; charset=x-martian-7")
    server.serve("/garbage.xml", garbage)
    server.serve("/half.xml", broken_but_readable)
    server.serve(
        "/page.html", b"<!doctype html><html><body><p>Hello</p></body></html>", "text/html"
    )
    for path in ("good", "huge", "strange", "garbage", "half", "page"):
        suffix = ".html" if path == "page" else ".xml"
        sources.save(
            library,
            sources.Found(server.url(f"/{path}{suffix}"), "feed", path.title(), None),
            name=path,
        )
    server.silent_seconds = 4
    result = polling.poll(library, limits=Limits(connect=2, read=1, total=3, redirects=5))
    assert result.checked == 8
    failed = dict(result.failed)
    assert set(failed) == {"loop", "silent", "garbage", "page"}
    assert "redirect loop" in failed["loop"]
    assert "stopped answering" in failed["silent"] or "took longer" in failed["silent"]
    assert "not well-formed" in failed["garbage"] or "cannot be read" in failed["garbage"]
    assert failed["page"] == "the address gives a web page, not a feed"
    huge_state = sources.get(library, "huge")
    assert huge_state["last_status"] == "ok"
    assert huge_state["last_new"] == feeds.MAX_ITEMS
    assert "50,000 items" in huge_state["last_reason"]
    odd = sources.get(library, "strange")
    assert odd["last_status"] == "ok" and "x-martian-7" in odd["last_reason"]
    titles = {r["title"] for r in library.execute("SELECT title FROM inbox_items")}
    assert "o story número 0 on harbour dredging" in titles
    half = sources.get(library, "half")
    assert half["last_status"] == "ok" and half["last_new"] >= 2
    assert "well-formed" in half["last_reason"]
    assert sources.get(library, "good")["last_new"] == 2
    for name in failed:
        assert sources.get(library, name)["failures"] == 1


def test_a_source_found_from_a_site_page_and_a_news_sitemap(
    library: Library, server: FeedServer
) -> None:
    feed = server.serve(
        "/feeds/all.atom", atom("Harbour Herald", entries("a", 2, server)), "application/atom+xml"
    )
    server.serve(
        "/",
        b"<!doctype html><html><head><title>Home | Harbour Herald</title>"
        b'<meta property="og:site_name" content="Harbour Herald">'
        b'<link rel="alternate" type="application/atom+xml" href="/feeds/all.atom">'
        b'<link rel="alternate" type="application/rss+xml" href="/comments/feed">'
        b"</head><body><p>Front page</p></body></html>",
        "text/html",
    )
    row = sources.add(library, server.url("/"))
    assert row["url"] == feed and row["site"] == server.url("/")
    assert row["outlet"] == "Harbour Herald" and row["name"] == "Harbour Herald"
    # a site whose head links no feed, with a news sitemap in its robots.txt
    from tests.feeds import news_sitemap

    other = FeedServer()
    try:
        other.serve(
            "/",
            b"<!doctype html><html><head><title>Quay Post</title></head>"
            b"<body><p>Hi</p></body></html>",
            "text/html",
        )
        other.serve(
            "/robots.txt",
            f"User-agent: *\nSitemap: {other.url('/sitemap-news.xml')}\n".encode(),
            "text/plain",
        )
        other.serve(
            "/sitemap-news.xml",
            news_sitemap("Quay Post", entries("q", 3, other)),
            "application/xml",
        )
        found = sources.add(library, other.url("/"), interval=60)
        assert found["kind"] == "sitemap" and found["outlet"] == "Quay Post"
        assert found["interval_minutes"] == 60
        result = polling.poll(library)
        assert result.ok == 2 and result.new == 5
    finally:
        other.close()


def test_a_page_without_feeds_and_a_second_add_are_refused(
    library: Library, server: FeedServer
) -> None:
    from core.errors import BadInput, CaptureError

    server.serve(
        "/plain",
        b"<!doctype html><html><head><title>x</title></head><body><p>No feeds</p></body></html>",
        "text/html",
    )
    with pytest.raises(CaptureError, match="no feed"):
        sources.add(library, server.url("/plain"))
    url = server.serve("/f.xml", rss("Once", entries("x", 1, server)))
    sources.add(library, url)
    with pytest.raises(BadInput, match="watched already"):
        sources.add(library, url)
    with pytest.raises(BadInput, match="every 5 minutes"):
        sources.add(library, url, interval=1)


def test_the_schedule_jitters_and_backs_off() -> None:
    now = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
    rng = random.Random(4)
    waits = [(polling.next_check(30, 0, now, rng) - now).total_seconds() / 60 for _ in range(200)]
    assert all(27 <= w <= 33 for w in waits) and len({round(w, 3) for w in waits}) > 100
    backed = [(polling.next_check(30, n, now, rng) - now).total_seconds() / 60 for n in range(8)]
    assert backed[1] > 50 and backed[2] > 100 and backed[3] > 200
    assert max(backed) <= 24 * 60 * 1.1


def test_due_sources_wait_for_their_interval(library: Library, server: FeedServer) -> None:
    watch(library, server, "/d.xml", rss("Due Daily", entries("d", 1, server)))
    now = datetime.now(UTC)
    assert len(polling.due(library, now)) == 1
    polling.poll(library, now=now)
    assert polling.due(library, now) == []
    assert polling.due(library, now + timedelta(minutes=10)) == []
    assert len(polling.due(library, now + timedelta(minutes=34))) == 1
    assert len(polling.due(library, now, every=True)) == 1
    # a failing source waits longer each time
    server.routes.pop("/d.xml")
    polling.poll(library, now=now + timedelta(minutes=40))
    polling.poll(library, now=now + timedelta(minutes=40), every=True)
    state = sources.get(library, "d.xml")
    assert state["failures"] == 2 and "404" in state["last_reason"]
    wait = datetime.fromisoformat(state["next_check"].replace("Z", "+00:00")) - now
    assert wait > timedelta(minutes=40 + 100)


def test_a_round_stops_when_cancelled_and_keeps_what_it_saved(
    library: Library, server: FeedServer
) -> None:
    for n in range(3):
        watch(library, server, f"/s{n}.xml", rss(f"Source {n}", entries(f"s{n}", 2, server)))
    done: list[str] = []
    result = polling.poll(
        library, cancelled=lambda: bool(done), progress=lambda _n, _t, name: done.append(name)
    )
    assert result.interrupted and result.checked == 1
    assert sources.get(library, done[0])["last_status"] == "ok"
    assert len(polling.due(library)) == 2  # the others wait for the next round
