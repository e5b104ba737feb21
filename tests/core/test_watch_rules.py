"""Rules in the query language: what they match on a feed item and on a clipping, the topics
they give to new clippings by any route, and to clippings already in the library after a
preview that lists and counts them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core import tags
from core.capture.sources import add_sources
from core.errors import BadInput, QueryError
from core.library import Library
from core.query import parse
from core.watch import rules
from core.watch.matching import Aliases, Batch, Document
from tests.pages import GOOD_BODY, PageServer


def titles(batch: Batch, query: str) -> list[str]:
    return [d.title for d in batch.match(parse(query))]


def test_the_matcher_reads_the_query_language_as_search_does() -> None:
    documents = [
        Document(
            "Dockers end strike at the port",
            "Unions were negotiating all week.",
            "The Courier",
            "2024-06-01T08:00:00Z",
            ["Labour"],
        ),
        Document(
            "Minister opens the new bridge",
            "Ann Doe said the bridge was on time.",
            "Herald",
            "2024-05-02",
        ),
        Document("Café owners welcome the market", "Stalls return on Sundays.", "Gazette"),
        Document("港口工人罢工结束", "工会表示满意", "人民日报"),
    ]
    aliases = Aliases(
        {"ann doe": ["Ann Doe", "Minister Doe"], "minister doe": ["Ann Doe", "Minister Doe"]}
    )
    with Batch(documents, aliases) as batch:
        assert titles(batch, "negotiation") == ["Dockers end strike at the port"]  # stemmed
        assert titles(batch, '"new bridge"') == ["Minister opens the new bridge"]
        assert titles(batch, '"bridge new"') == []
        assert titles(batch, "cafe") == ["Café owners welcome the market"]  # diacritics
        assert titles(batch, "strike OR market -gazette") == ["Dockers end strike at the port"]
        assert titles(batch, "outlet:herald") == ["Minister opens the new bridge"]
        assert titles(batch, "-outlet:herald -outlet:gazette") == [
            "Dockers end strike at the port",
            "港口工人罢工结束",
        ]
        assert titles(batch, "topic:labour") == ["Dockers end strike at the port"]
        assert titles(batch, 'speaker:"Minister Doe"') == ["Minister opens the new bridge"]
        assert titles(batch, "from:2024-06 to:2024-06-30") == ["Dockers end strike at the port"]
        assert titles(batch, "罢工") == ["港口工人罢工结束"]
        assert titles(batch, "negot* port") == ["Dockers end strike at the port"]


def test_rules_are_kept_replaced_and_checked(library: Library) -> None:
    rule = rules.add(library, "ports", "port OR harbour -sport", propose=True, topics=["Ports"])
    assert rule.does() == "proposes to the Inbox and tags Ports"
    again = rules.add(library, "Ports", "harbour", topics=["Ports", "Ports", "Shipping"])
    assert again.id == rule.id and again.topics == ["Ports", "Shipping"] and not again.propose
    assert [r.name for r in rules.all_rules(library)] == ["ports"]
    with pytest.raises(BadInput, match="proposes items"):
        rules.add(library, "idle", "harbour")
    with pytest.raises(QueryError):
        rules.add(library, "bad", "harbour from:yesterday", propose=True)
    with pytest.raises(BadInput, match="needs words"):
        rules.add(library, "empty", "  ", propose=True)
    with pytest.raises(BadInput, match="no rule called"):
        rules.get(library, "nope")
    rules.remove(library, "ports")
    assert rules.all_rules(library) == []


def test_new_clippings_get_the_topics_of_matching_rules_by_any_route(
    library: Library, tmp_path: Path
) -> None:
    rules.add(library, "ports", "port OR dockers", topics=["Ports"])
    rules.add(library, "weather", "storm", topics=["Weather"])
    rules.add(library, "inbox only", "strike", propose=True)
    server = PageServer()
    try:
        batch = add_sources(library, [server.url("/good")], jobs=1)  # by address
    finally:
        server.close()
    by_url = batch.outcomes[0].clipping_id
    note = tmp_path / "note.txt"
    note.write_text("Storm closes the port\n\nGales kept every ferry in the harbour today.")
    by_file = add_sources(library, [str(note)], jobs=1).outcomes[0].clipping_id
    by_stdin = (
        add_sources(
            library,
            ["-"],
            jobs=1,
            stdin=io.BytesIO(b"Council budget agreed\n\nLibraries stay open."),
        )
        .outcomes[0]
        .clipping_id
    )
    assert library.get(by_url)["topics"] == ["Ports"]
    assert library.get(by_file)["topics"] == ["Ports", "Weather"]
    assert library.get(by_stdin)["topics"] == []
    # the index knows the topics the rule gave
    from core.search import search

    assert [h.id for h in search(library, "topic:Weather").hits] == [by_file]


def test_a_rule_tags_clippings_already_in_the_library_after_a_preview(library: Library) -> None:
    ids = library.add_clippings(
        [
            {"title": "Port strike ends", "text": GOOD_BODY, "outlet": "The Courier"},
            {
                "title": "Dockers vote on pay",
                "text": "A ballot closes today.",
                "lead": "The port workers' union counts votes.",
                "outlet": "Herald",
                "topics": ["Ports"],
            },
            {"title": "Sports day at the school", "text": "Races and a port-a-loo. " * 3},
            {"title": "Budget talks", "text": "The council met. " * 300 + " port"},
        ]
    )
    tags.TOPICS.add(library, [ids[1]], ["Shipping"])
    rules.add(library, "ports", "port OR dockers -sports", topics=["Ports", "Shipping"])
    shown = rules.preview(library, "ports")
    assert shown.matched == 2  # the fourth names a port only deep in its text
    assert [(c["id"], c["missing"]) for c in shown.to_tag] == [(ids[0], ["ports", "shipping"])]
    assert library.get(ids[0])["topics"] == []  # a preview changes nothing
    applied = rules.apply(library, "ports")
    assert [c["id"] for c in applied.to_tag] == [ids[0]]
    assert library.get(ids[0])["topics"] == ["Ports", "Shipping"]
    assert rules.preview(library, "ports").to_tag == []
    # the Trash is left alone
    library.trash([ids[0]])
    assert rules.preview(library, "ports").matched == 1


def test_apply_only_to_the_clippings_kept_in_the_preview(library: Library) -> None:
    ids = library.add_clippings(
        [{"title": f"Harbour news {i}", "text": "Boats."} for i in range(3)]
    )
    rules.add(library, "harbour", "harbour", topics=["Ports"])
    assert len(rules.preview(library, "harbour").to_tag) == 3
    rules.apply(library, "harbour", ids=[ids[2]])
    assert [library.get(i)["topics"] for i in ids] == [[], [], ["Ports"]]
    only_proposes = rules.add(library, "watch", "harbour", propose=True)
    with pytest.raises(BadInput, match="gives no topics"):
        rules.apply(library, only_proposes.name)
