"""Highlights on a real library file: made, edited, removed and undone; found by the search;
placed again when the text changes; out and back in as W3C Web Annotation JSON."""

from __future__ import annotations

import json

import pytest

from core import search
from core.errors import BadInput, NotFound, QueryError
from core.highlights import colours, retext, store, w3c
from core.library import Library
from core.query import parse
from tests.integrity import assert_library_whole

TEXT = (
    "The harbour board met on Tuesday to weigh the new tariff on container ships.\n"
    "Its chair, Ada Brook, said the levy would fund a second breakwater by 2027.\n"
    "Fishing crews warned that the levy would drive small boats to other ports.\n"
    "The board will vote on the tariff in March, after a public hearing."
)


@pytest.fixture
def clip(library: Library) -> int:
    return library.add_clipping(
        {"title": "Harbour tariff weighed", "text": TEXT, "url": "https://news.example/harbour"}
    )


def mark(library: Library, clipping_id: int, words: str, **kw) -> int:
    start, end = store.find_passage(library.get(clipping_id)["text"], words)
    return store.add(library, clipping_id, start, end, **kw)[0]


def ids(library: Library, text: str) -> list[int]:
    return [hit.id for hit in search.search(library, text).hits]


def test_add_edit_remove_and_undo(library: Library, clip: int) -> None:
    start, end = store.find_passage(TEXT, "fund a second breakwater")
    hid, made = store.add(library, clip, start - 1, end + 1, comment="Ask for the cost")
    [row] = store.of_clippings(library, [clip])[clip]
    # spaces at the selection's edges are left out
    assert (row["exact"], row["start"], row["end"]) == ("fund a second breakwater", start, end)
    assert row["prefix"].endswith("the levy would ") and row["suffix"].startswith(" by 2027")
    assert row["colour"] == "yellow" and row["state"] == "anchored"

    edited = store.edit(library, hid, colour="Risk", comment="Ask for the cost and the date")
    row = store.get(library, hid)
    assert row["colour"] == "pink" and row["comment"] == "Ask for the cost and the date"
    store.undo(library, edited)
    assert store.get(library, hid)["comment"] == "Ask for the cost"

    removed = store.remove(library, [hid])
    assert store.of_clipping(library, clip) == []
    store.undo(library, removed)
    assert store.get(library, hid)["exact"] == "fund a second breakwater"
    store.undo(library, made)
    with pytest.raises(NotFound):
        store.get(library, hid)
    assert_library_whole(library.path)


def test_undo_refuses_what_changed_since(library: Library, clip: int) -> None:
    hid = mark(library, clip, "public hearing")
    first = store.edit(library, hid, comment="one")
    store.edit(library, hid, comment="two")
    with pytest.raises(BadInput, match="changed since"):
        store.undo(library, first)
    assert store.get(library, hid)["comment"] == "two"


def test_bad_highlights_are_refused(library: Library, clip: int) -> None:
    with pytest.raises(BadInput, match="Select some words"):
        store.add(library, clip, 3, 3)
    with pytest.raises(BadInput, match="not in the clipping"):
        store.find_passage(TEXT, "a sentence nobody wrote")
    with pytest.raises(BadInput, match="2 times"):
        store.find_passage(TEXT, "the levy would")
    assert store.find_passage(TEXT, "the levy would", 2)[0] == TEXT.index("the levy would drive")
    with pytest.raises(BadInput, match="no highlight colour 'mauve'"):
        mark(library, clip, "public hearing", colour="mauve")
    with pytest.raises(NotFound):
        store.add(library, 999, 0, 3)
    with pytest.raises(BadInput, match="at most 2,000"):
        mark(library, clip, "public hearing", comment="x" * 2001)
    # words split over a line break are still found
    assert store.find_passage(TEXT, "2027. Fishing crews") == (
        TEXT.index("2027."),
        TEXT.index("Fishing crews") + len("Fishing crews"),
    )


def test_colours_take_the_names_the_user_gives(library: Library, clip: int) -> None:
    assert colours.names(library)["green"] == "For the minister"
    colours.rename(library, "green", "Minister's desk")
    hid = mark(library, clip, "public hearing", colour="minister's desk")
    assert store.of_clipping(library, clip)[0]["colour_name"] == "Minister's desk"
    assert store.get(library, hid)["colour"] == "green"
    with pytest.raises(BadInput, match="already names"):
        colours.rename(library, "blue", "Key")


def test_why_it_matters(library: Library, clip: int) -> None:
    record = store.set_why(library, clip, "  The minister opens the breakwater\nin May ")
    assert store.why(library, clip) == "The minister opens the breakwater in May"
    assert search.search(library, "harbour").hits[0].why == store.why(library, clip)
    store.undo(library, record)
    assert store.why(library, clip) == ""
    with pytest.raises(BadInput, match="one short line"):
        store.set_why(library, clip, "word " * 60)


def test_search_in_highlights_comments_and_why(library: Library, clip: int) -> None:
    other = library.add_clipping({"title": "Ferry fares", "text": "Ferry fares rise by a tenth."})
    mark(library, clip, "drive small boats to other ports", comment="Minister visits Portby")
    mark(library, other, "Ferry fares rise", colour="blue")
    store.set_why(library, other, "Ports committee asks about breakwaters")
    # the text holds "tariff"; no highlight does
    assert ids(library, "tariff") == [clip]
    assert ids(library, "in:highlights tariff") == []
    assert ids(library, "in:highlights boats") == [clip]
    assert ids(library, "in:highlights port") == [clip]  # stemmed, as the text is
    assert ids(library, "in:comments Portby") == [clip]
    assert ids(library, "in:comments boats") == []
    assert ids(library, "in:why breakwaters") == [other]
    assert sorted(ids(library, "in:highlights in:comments Portby OR ferry")) == sorted(
        [clip, other]
    )
    assert sorted(ids(library, "has:highlights")) == sorted([clip, other])
    assert ids(library, "has:comments") == [clip]
    assert ids(library, "-has:comments") == [other]
    assert ids(library, "has:why") == [other]
    assert ids(library, "has:highlights harbour") == [clip]
    assert ids(library, "in:highlights -boats") == [other]
    assert search.count(library, "in:highlights boats") == 1
    # the snippet is the passage (or comment) found, its words marked
    [hit] = search.search(library, "in:comments portby").hits
    assert hit.snippet_plain() == "Minister visits [Portby]"
    assert search.search(library, "in:highlights boats").hits[0].snippet_html() == (
        "drive small <mark>boats</mark> to other ports"
    )
    # the Trash stays out, and a removed highlight is no longer found
    library.trash([clip])
    assert ids(library, "in:highlights boats") == []
    library.restore([clip])
    [row] = store.of_clipping(library, clip)
    store.remove(library, [row["id"]])
    assert ids(library, "in:highlights boats") == []


def test_query_language_for_marks() -> None:
    query = parse("in:highlights has:comments -has:why budget")
    assert query.within == ["highlights"] and query.has == ["comments"]
    assert query.not_has == ["why"]
    assert query.match() is None and query.words_match() == '"budget"'
    for wrong, message in (
        ("in:footnotes x", "in: takes highlights, comments, why"),
        ("has:colour", "has: takes"),
        ("-in:highlights x", "cannot be negated"),
    ):
        with pytest.raises(QueryError, match=message):
            parse(wrong)


def test_a_new_text_keeps_every_highlight_in_place(library: Library, clip: int) -> None:
    breakwater = mark(library, clip, "fund a second breakwater", comment="cost?")
    hearing = mark(library, clip, "after a public hearing")
    levy = mark(library, clip, "the levy would drive small boats", colour="Risk")
    gone = mark(library, clip, "met on Tuesday")
    new = "Update: the board has published its agenda.\n" + TEXT.replace(
        "met on Tuesday", "gathered"
    ).replace("drive small boats", "drive the small boats").replace("in March", "in April")
    counts = retext.replace_text(library, clip, new)
    assert counts["changed"] and counts["orphaned"] == 1
    text = library.get(clip)["text"]
    assert text == new
    by_id = {r["id"]: r for r in store.of_clipping(library, clip)}
    for hid, words in (
        (breakwater, "fund a second breakwater"),
        (hearing, "after a public hearing"),
        (levy, "the levy would drive the small boats"),
    ):
        row = by_id[hid]
        assert row["state"] == "anchored"
        assert text[row["start"] : row["end"]] == row["exact"] == words
    assert by_id[breakwater]["comment"] == "cost?" and by_id[levy]["colour"] == "pink"
    # the words are gone: kept, listed last, never moved elsewhere
    assert by_id[gone]["state"] == "orphan" and by_id[gone]["exact"] == "met on Tuesday"
    assert list(by_id)[-1] == gone
    assert search.search(library, "in:highlights hearing").hits[0].id == clip
    # the same text again changes nothing
    assert retext.replace_text(library, clip, new)["changed"] is False
    with pytest.raises(BadInput, match="cannot be empty"):
        retext.replace_text(library, clip, "  \n ")
    assert_library_whole(library.path)


def test_repeated_words_stay_with_their_own_sentence(library: Library) -> None:
    text = (
        "The council said the vote was close.\n"
        "Nobody expected the result.\n"
        "The union said the vote was close.\n"
    )
    clip = library.add_clipping({"title": "Two votes", "text": text})
    second = text.rindex("the vote was close")
    hid, _ = store.add(library, clip, second, second + len("the vote was close"))
    new = "A new opening line.\n" + text.replace("Nobody expected", "Few foresaw")
    retext.replace_text(library, clip, new)
    row = store.get(library, hid)
    assert row["start"] == new.rindex("the vote was close")
    # without the old text (an imported annotation), the context tells the two apart
    third = "Preface.\n" + new
    from core.highlights.anchoring import Quote, anchor

    quote = Quote(row["exact"], row["prefix"], row["suffix"], row["start"], row["end"])
    placed = anchor(quote, third)
    assert placed is not None and placed.start == third.rindex("the vote was close")


def test_extract_again_from_the_kept_page(library: Library) -> None:
    page = (
        b"<html><head><title>Dock strike ends</title></head><body><article>"
        b"<h1>Dock strike ends</h1><p>Dockers returned to work on Friday after a three-day "
        b"strike over pay that halted container traffic at the port.</p><p>The union said the "
        b"deal gave its members a rise of four per cent over two years.</p></article></body>"
        b"</html>"
    )
    from core.capture.htmlpage import parse_html

    found = parse_html(page, url="https://news.example/dock")
    clip = library.add_clipping({**found, "original": page, "url": "https://news.example/dock"})
    hid = mark(library, clip, "a rise of four per cent")
    counts = retext.extract_again(library, clip)
    assert counts["orphaned"] == 0
    row = store.get(library, hid)
    assert library.get(clip)["text"][row["start"] : row["end"]] == "a rise of four per cent"
    bare = library.add_clipping({"title": "Typed in", "text": "No page kept."})
    with pytest.raises(BadInput, match="no kept page"):
        retext.extract_again(library, bare)


def test_w3c_annotations_round_trip(library: Library, clip: int, tmp_path) -> None:
    mark(library, clip, "fund a second breakwater", comment="Ask for the cost", colour="Risk")
    mark(library, clip, "public hearing")
    store.set_why(library, clip, "The minister opens the breakwater")
    data = w3c.export(library, [clip])
    assert data["type"] == "AnnotationCollection" and data["@context"].endswith("anno.jsonld")
    items = data["first"]["items"]
    assert [i["motivation"] for i in items] == ["assessing", "commenting", "highlighting"]
    selectors = items[1]["target"]["selector"]
    assert selectors[0] == {
        "type": "TextQuoteSelector",
        "exact": "fund a second breakwater",
        "prefix": TEXT[TEXT.index("fund a") - 32 : TEXT.index("fund a")],
        "suffix": TEXT[TEXT.index("breakwater") + 10 :][:32],
    }
    assert selectors[1]["type"] == "TextPositionSelector"
    assert items[1]["target"]["source"] == "https://news.example/harbour"
    assert items[1]["target"]["styleClass"] == "pink"

    # into another library holding the same article, a little changed
    other = Library.open(tmp_path / "other.db")
    try:
        copy = other.add_clipping(
            {
                "title": "Harbour",
                "text": "Breaking.\n" + TEXT,
                "url": "https://news.example/harbour",
            }
        )
        loaded = w3c.loads(w3c.dumps(data).encode())
        result = w3c.import_annotations(other, loaded)
        assert (result["added"], result["orphans"], result["why"]) == (2, 0, 1)
        rows = store.of_clipping(other, copy)
        text = other.get(copy)["text"]
        assert [(r["exact"], r["colour"], r["comment"]) for r in rows] == [
            ("fund a second breakwater", "pink", "Ask for the cost"),
            ("public hearing", "yellow", ""),
        ]
        assert all(text[r["start"] : r["end"]] == r["exact"] for r in rows)
        assert store.why(other, copy) == "The minister opens the breakwater"
        # the same file again adds nothing
        again = w3c.import_annotations(other, loaded)
        assert again["added"] == 0 and again["already"] == 2
        assert search.search(other, "in:comments cost").hits[0].id == copy
    finally:
        other.close()


def test_import_keeps_what_it_cannot_place_as_an_orphan(library: Library, clip: int) -> None:
    item = {
        "type": "Annotation",
        "target": [  # Hypothesis's shape: a list of targets, the comment in "text"
            {
                "source": "https://elsewhere.example/a",
                "selector": [{"type": "TextQuoteSelector", "exact": "words not in this text"}],
            }
        ],
        "text": "from a colleague",
        "tags": ["Risk"],
    }
    result = w3c.import_annotations(library, [item], into=clip)
    assert (result["added"], result["orphans"]) == (1, 1)
    [row] = store.of_clipping(library, clip)
    assert (row["state"], row["comment"], row["colour"]) == ("orphan", "from a colleague", "pink")
    unplaced = w3c.import_annotations(
        library, [{"target": {"source": "https://nowhere.example/"}}]
    )
    assert unplaced["added"] == 0 and "no clipping for" in unplaced["skipped"][0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not JSON"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b'{"type": "AnnotationCollection", "first": 3}', "no annotations"),
        (b"[1, 2", "not JSON"),
        (b"42", "no annotations"),
    ],
)
def test_broken_annotation_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        w3c.loads(data)


def test_import_survives_hostile_annotations(library: Library, clip: int) -> None:
    items = json.loads(
        json.dumps(
            [
                {"target": {"selector": {"type": "TextPositionSelector", "start": -4, "end": 2}}},
                {"target": {"selector": [{"type": "TextQuoteSelector", "exact": ""}]}},
                {"target": {"selector": "nonsense"}, "body": 7},
                {"target": {"selector": [{"type": "TextPositionSelector", "start": 4, "end": 11}]}},
            ]
        )
    )
    result = w3c.import_annotations(library, items, into=clip)
    assert result["added"] == 1 and len(result["skipped"]) == 3
    assert store.of_clipping(library, clip)[0]["exact"] == TEXT[4:11]


def test_the_reader_marks_highlights_hits_and_offsets(library: Library, clip: int) -> None:
    from core import reader

    hid = mark(library, clip, "the new tariff on container ships", colour="Risk")
    html = reader.render(library, clip, query_text="tariff")
    assert f'href="cuttings:highlight/{hid}"' in html and "#f8bbd0" in html
    assert '<span class="hit">tariff</span>' in html  # the search's hit inside the highlight
    for start in (0, TEXT.index("Its chair"), TEXT.index("The board will")):
        assert f'<a name="t{start}"></a>' in html  # where each paragraph starts in the text
    dark = reader.render(library, clip, dark=True)
    assert colours.BY_KEY["pink"].dark in dark


def test_chinese_highlights_are_found_by_their_words(library: Library) -> None:
    text = "中俄两国媒体应加强合作，为战略伙伴关系注入更多活力。"
    clip = library.add_clipping({"title": "媒体合作", "text": text})
    start = text.index("战略伙伴")
    store.add(library, clip, start, start + 6, comment="部长关注")
    assert ids(library, "in:highlights 伙伴") == [clip]
    assert ids(library, "in:comments 部长") == [clip]


def test_emptying_the_trash_takes_highlights_and_their_index(library: Library, clip: int) -> None:
    mark(library, clip, "public hearing", comment="ask")
    store.set_why(library, clip, "vote in March")
    library.trash([clip])
    library.empty_trash()
    assert library.execute("SELECT count(*) AS n FROM highlights")[0]["n"] == 0
    assert library.execute("SELECT count(*) AS n FROM marks_fts")[0]["n"] == 0
    assert_library_whole(library.path)


def test_reindex_rebuilds_what_the_reader_marked(library: Library, clip: int) -> None:
    mark(library, clip, "public hearing", comment="ask the chair")
    with library.write() as db:
        db.conn.execute("DELETE FROM marks_fts")  # as a tool that wrote rows by hand leaves it
    assert ids(library, "in:comments chair") == []
    library.reindex()
    assert ids(library, "in:comments chair") == [clip]
