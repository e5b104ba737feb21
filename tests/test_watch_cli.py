"""The Inbox from the command line, as cron and a person run it: sources, rules, a round,
the Inbox, accept and dismiss, each a real process against feeds served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from tests.feeds import Entry, FeedServer, recent, rss

BODY = (
    "The ferry company said on Thursday that two new boats would join the island route in "
    "spring, doubling the sailings on summer weekends.\n\n"
    '"Islanders have asked for this for years," the company\'s manager said.'
)


@pytest.fixture
def server():
    feed_server = FeedServer()
    yield feed_server
    feed_server.close()


pytestmark = pytest.mark.slow


def test_sources_rules_and_the_inbox_from_the_command_line(cli, server: FeedServer) -> None:
    for slug, title in (
        ("boats", "Two new ferry boats for the island route"),
        ("fares", "Ferry fares to rise in April"),
        ("roads", "Road works close the high street"),
    ):
        server.page(f"/news/{slug}", title, BODY)
    feed = server.serve(
        "/feed.xml",
        rss(
            "Island Times - News",
            [
                Entry(
                    "Two new ferry boats for the island route",
                    server.url("/news/boats"),
                    summary="Sailings double.",
                    published=recent(1),
                ),
                Entry(
                    "Ferry fares to rise in April", server.url("/news/fares"), published=recent(2)
                ),
                Entry(
                    "Road works close the high street",
                    server.url("/news/roads"),
                    published=recent(3),
                ),
            ],
        ),
    )
    out = cli("sources", "add", feed, "--name", "Island", "--interval", "45").stdout.decode()
    assert "watching 'Island'" in out and "Island Times" in out
    (source,) = cli.json("sources")
    assert (source["name"], source["outlet"], source["interval_minutes"]) == (
        "Island",
        "Island Times",
        45,
    )
    assert source["result"] == "not checked yet"
    cli("rule", "add", "ferries", "ferry -fares", "--propose", "--topic", "Transport")
    (rule,) = cli.json("rules")
    assert rule["propose"] and rule["topics"] == ["Transport"]

    round_ = json.loads(cli("watch", "--once", "--json").stdout)
    assert round_["checked"] == 1 and round_["new"] == 3
    assert [i["title"] for i in round_["items"]] == ["Two new ferry boats for the island route"]
    text = cli("watch", "--once", "--all").stdout.decode()
    assert "1 not modified" in text and "0 proposed" in text
    assert "not modified" in cli("sources").stdout.decode()

    (item,) = cli.json("inbox")
    assert item["rules"] == "ferries" and item["outlet"] == "Island Times"
    assert cli.json("inbox", "--rule", "ferries")[0]["id"] == item["id"]
    accepted = json.loads(cli("inbox", "accept", str(item["id"]), "--json").stdout)
    (clipped,) = accepted["clipped"]
    shown = cli.json("show", str(clipped["clipping"]))
    assert "two new boats" in shown["text"] and shown["topics"] == ["Transport"]
    assert cli.json("inbox") == []

    missing = cli("inbox", "dismiss", "999", check=2)
    assert b"999" in missing.stderr
    cli("rule", "add", "roads", "road", "--topic", "Roads")
    preview = cli.json("rule", "preview", "roads")
    assert preview["to_tag"] == 0  # only the ferry story was clipped
    cli("add", server.url("/news/roads"))
    assert cli.json("rule", "preview", "roads")["to_tag"] == 0  # tagged as it was captured
    cli("rule", "remove", "roads")
    cli("sources", "remove", "Island")
    assert cli.json("sources") == []
    bad = cli("sources", "add", server.url("/news/roads"), check=1)
    assert b"no feed" in bad.stderr


def test_rule_preview_lists_and_counts_then_apply_tags(cli, tmp_path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour fees cut for fishing boats\n\nThe board agreed.")
    (folder / "b.txt").write_text("School term starts\n\nPupils return on Monday.")
    cli("add", str(folder))
    cli("rule", "add", "harbour", "harbour", "--topic", "Ports")
    text = cli("rule", "preview", "harbour").stdout.decode()
    assert "matches 1 clipping(s); 1 would get Ports" in text
    assert "Harbour fees cut for fishing boats" in text
    applied = cli.json("rule", "apply", "harbour")
    assert applied["to_tag"] == 1
    assert [t["name"] for t in cli.json("topics")] == ["Ports"]
    assert cli.json("rule", "preview", "harbour")["to_tag"] == 0
