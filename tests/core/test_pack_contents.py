"""What a pack holds, read back from all four formats: sections that follow the quotes, excerpts
that flow, gaps that disappear, an overview that follows the sections, notes that stay inside
and a "Who said what" of accepted quotes with direct and reported speech apart."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from core.library import Library
from core.packs.build import OTHER, PackOptions, build
from core.packs.export import export
from tests.core.pack_readers import (
    FORMATS,
    every_format,
    keep_quote,
    markdown_to_html,
    pdf_pages,
    read_html,
    text_of,
)

# Direct quotes stand in the text without quotation marks, so the only marks a reader sees
# around them are those "Who said what" adds.
PORT = [
    "The harbour board signed the port deal on Friday after a long night.",
    "Maria Lopez said we will build the new quay by spring and keep every berth open.",
    "She also said the old crane would be sold to a museum.",
    "The cost is shared between the city and the port.",
    "Tom Baker said the deal is good for the whole coast.",
    "Work starts in June.",
]
BUDGET = [
    "The council put off its budget vote for a week.",
    "Members asked for more time to read the figures.",
    "Tom Baker said nobody should rush a budget of this size.",
    "Tom Baker said the figures arrived late on Tuesday.",
    "Tom Baker said a week is enough time for everyone.",
    "The vote is now set for next Thursday.",
]
VISIT = [
    "The minister visited the shipyard on Monday.",
    "Maria Lopez said the yard will hire forty welders next year.",
    "The visit lasted two hours.",
]
HARBOUR = [
    "The new harbour walk opened to the public at noon.",
    "Families came out despite the rain.",
    "A band played on the pier.",
]


@pytest.fixture
def speaking(library: Library) -> dict[str, int]:
    ids = library.add_clippings(
        [
            {
                "title": "Port deal signed",
                "text": "\n".join(PORT),
                "outlet": "Herald",
                "byline": "Ann Writer",
                "published": "2024-05-10",
                "url": "https://news.example/port",
                "topics": ["Economy"],
            },
            {
                "title": "Budget vote delayed",
                "text": "\n".join(BUDGET),
                "outlet": "Courier",
                "byline": "Ben Scribe",
                "published": "2024-05-09",
                "url": "https://news.example/budget",
                "topics": ["Politics"],
            },
            {
                "title": "Minister tours the shipyard",
                "text": "\n".join(VISIT),
                "outlet": "Gazette",
                "published": "2024-05-08",
                "url": "https://news.example/visit",
                "topics": ["Economy"],
                "notes": "Ask the yard for a comment before Friday",
            },
            {
                "title": "Harbour walk opens",
                "text": "\n".join(HARBOUR),
                "outlet": "Post",
                "published": "2024-05-07",
                "topics": ["Leisure"],
            },
        ]
    )
    port, budget, visit, harbour = ids
    keep_quote(library, port, "Maria Lopez", "we will build the new quay by spring", role="Mayor")
    keep_quote(library, port, "Maria Lopez", "keep every berth open")
    keep_quote(library, port, "Maria Lopez", "the old crane would be sold to a museum", "reported")
    keep_quote(library, port, "Tom Baker", "the deal is good for the whole coast")
    keep_quote(library, budget, "Tom Baker", "nobody should rush a budget of this size")
    keep_quote(library, budget, "Tom Baker", "the figures arrived late on Tuesday", "reported")
    keep_quote(library, budget, "Tom Baker", "a week is enough time for everyone")
    keep_quote(library, visit, "Maria Lopez", "the yard will hire forty welders next year")
    # A suggestion nobody accepted yet: its speaker and quote must not reach the pack.
    with library.write() as db:
        db.conn.execute(
            "INSERT INTO suggestions (clipping_id, kind, name, quotes, status) "
            "VALUES (?, 'speaker', 'Pending Person', ?, 'pending')",
            [
                harbour,
                json.dumps([{"text": "A band played", "start": 0, "end": 13, "kind": "direct"}]),
            ],
        )
    return {"port": port, "budget": budget, "visit": visit, "harbour": harbour}


def _all(speaking: dict[str, int]) -> list[int]:
    return list(speaking.values())


# -- 2. sections by speaker ------------------------------------------------------------------


def test_each_speaker_has_a_section_with_every_clipping_quoting_them(library, speaking) -> None:
    pack = build(library, _all(speaking), PackOptions(group_by="speaker"))
    # four accepted quotes each, so by name; the clipping that quotes no one comes last
    assert [s.title for s in pack.sections] == ["Maria Lopez", "Tom Baker", OTHER]
    by_title = {s.title: s for s in pack.sections}
    assert {i.id for i in by_title["Tom Baker"].entries} == {speaking["port"], speaking["budget"]}
    assert {i.id for i in by_title["Maria Lopez"].entries} == {speaking["port"], speaking["visit"]}
    assert [i.id for i in by_title[OTHER].entries] == [speaking["harbour"]]
    # The port story quotes Maria Lopez three times and Tom Baker once: its text is hers.
    assert speaking["port"] in by_title["Maria Lopez"].home
    assert [i.id for i in by_title["Tom Baker"].elsewhere] == [speaking["port"]]
    assert sorted(i.id for i in pack.items) == sorted(_all(speaking))  # each text once


def test_sections_are_ordered_by_accepted_quotes_then_name(library, speaking) -> None:
    keep_quote(library, speaking["harbour"], "Zoe Adams", "A band played on the pier")
    keep_quote(library, speaking["harbour"], "Al Brown", "Families came out")
    keep_quote(library, speaking["visit"], "Maria Lopez", "The visit lasted two hours")
    pack = build(library, _all(speaking), PackOptions(group_by="speaker"))
    # Maria Lopez 5, Tom Baker 4, then Al Brown and Zoe Adams with one each, by name
    assert [s.title for s in pack.sections] == ["Maria Lopez", "Tom Baker", "Al Brown", "Zoe Adams"]


def test_a_clipping_printed_once_and_pointed_to_in_every_format(library, speaking, tmp_path):
    ids, options = _all(speaking), PackOptions(group_by="speaker", who_said_what=False)
    paths = {fmt: tmp_path / f"pack.{fmt}" for fmt in FORMATS}
    for fmt, path in paths.items():
        export(library, ids, options, fmt, path)
        assert text_of(fmt, path).count(PORT[3]) == 1, fmt  # the port story's text, once

    # PDF: Tom Baker's section says on which page the port story stands.
    pages = pdf_pages(paths["pdf"])
    [tom] = [p for p in pages if "Also quoting Tom Baker" in p]
    number = int(re.search(r"Port deal signed.*?see page (\d+)", tom, re.S).group(1))
    assert "Port deal signed" in pages[number - 1] and PORT[3] in pages[number - 1]

    # Word: a link to the bookmark on the port story's heading.
    document = docx.Document(str(paths["docx"]))
    heading = next(
        p
        for p in document.paragraphs
        if p.text == "Port deal signed" and p.style.name.startswith("Heading")
    )
    [mark] = [b.get(_w("name")) for b in heading._p.iter(_w("bookmarkStart"))]
    after = [p for p in document.paragraphs]
    at = next(i for i, p in enumerate(after) if "Also quoting Tom Baker" in p.text)
    link = after[at + 1]._p.find(_w("hyperlink"))
    assert link is not None and link.get(_w("anchor")) == mark

    # HTML: a link to the story's anchor, which exists.
    html = read_html(paths["html"].read_text("utf-8"))
    assert f"#c{speaking['port']}" in html.hrefs and f"c{speaking['port']}" in html.ids

    # Markdown: a link to the story's heading anchor (as GitHub makes them).
    rendered = read_html(markdown_to_html(paths["md"].read_text("utf-8")))
    assert "#port-deal-signed" in rendered.hrefs
    assert ("h3", "Port deal signed") in rendered.headings


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


# -- 3. excerpts -------------------------------------------------------------------------------


@pytest.fixture
def many(library: Library) -> list[int]:
    rows = [
        {
            "title": f"Story number {n} about the port",
            "text": "\n".join(
                f"Paragraph {p} of story {n} says something short." for p in range(8)
            ),
            "outlet": "Herald",
            "byline": f"Writer {n}",
            "published": f"2024-06-{n + 1:02d}",
            "url": f"https://news.example/story-{n}",
        }
        for n in range(10)
    ]
    return library.add_clippings(rows)


def test_excerpts_flow_several_to_a_page(library, many, tmp_path) -> None:
    full, short = tmp_path / "full.pdf", tmp_path / "short.pdf"
    export(library, many, PackOptions(), "pdf", full)
    export(library, many, PackOptions(excerpt=True, excerpt_paragraphs=2), "pdf", short)
    pages = pdf_pages(short)
    assert len(pages) < len(pdf_pages(full)) - 5
    bodies = [p for p in pages if "Paragraph 0 of story" in p]
    assert max(p.count("Paragraph 0 of story") for p in bodies) >= 3  # several to a page
    text = "\n".join(pages)
    for n in range(10):
        assert f"Paragraph 1 of story {n}" in text and f"Paragraph 2 of story {n}" not in text
        assert f"Writer {n}" in text and f"{n + 1} Jun 2024" in text
    assert text.count("Read the full article") == 10


def test_excerpt_word_file_breaks_no_page_between_excerpts(library, many, tmp_path) -> None:
    out = tmp_path / "short.docx"
    export(library, many, PackOptions(excerpt=True, excerpt_paragraphs=2), "docx", out)
    document = docx.Document(str(out))
    headings = [
        p
        for p in document.paragraphs
        if p.text.startswith("Story number") and p.style.name.startswith("Heading")
    ]
    assert len(headings) == 10
    assert [bool(h.paragraph_format.page_break_before) for h in headings] == [True] + [False] * 9
    links = [h.get(_r("id")) for h in document.element.body.iter(_w("hyperlink"))]
    targets = {document.part.rels[i].target_ref for i in links if i}
    assert {f"https://news.example/story-{n}" for n in range(10)} <= targets


def _r(name: str) -> str:
    return "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}" + name


def test_an_excerpt_pack_says_one_line_per_speaker_unless_asked(library, speaking, tmp_path):
    ids = _all(speaking)
    tom = [
        "the deal is good for the whole coast",
        "nobody should rush a budget of this size",
        "a week is enough time for everyone",
    ]
    brief = every_format(library, ids, PackOptions(excerpt=True, excerpt_paragraphs=1), tmp_path)
    for fmt, text in brief.items():
        # the excerpts hold none of these paragraphs: only Who said what could show them
        assert sum(f"“{q}”" in text for q in tom) == 1, fmt
        assert "Tom Baker" in text and "Maria Lopez" in text
    options = PackOptions(excerpt=True, excerpt_paragraphs=1, all_quotes=True)
    for fmt, text in every_format(library, ids, options, tmp_path).items():
        assert all(f"“{q}”" in text for q in tom), fmt


# -- 4. gaps -----------------------------------------------------------------------------------

GAPS = [
    (re.compile(r"\bunknown\b", re.I), "unknown"),
    (re.compile(r"\bundated\b", re.I), "undated"),
    (re.compile(r"\(\s*\)"), "empty brackets"),
    (re.compile(r"(^|\n)[ \t]*[,·;—]"), "a line opening with punctuation"),
    (re.compile(r"[,·;][ \t]*($|\n)"), "a line ending with a separator"),
    (re.compile(r"[,·][ \t]*[,·]"), "two separators in a row"),
    (re.compile(r"\bNone\b"), "None"),
]


def test_missing_details_disappear_in_every_format(library, tmp_path) -> None:
    bare, copy, dated = library.add_clippings(
        [
            {"title": "A story with no details", "text": "Only the words are known here."},
            {"title": "Its wire copy", "text": "Only the words are known here.", "outlet": " "},
            {"title": "A dated one", "text": "Dated words.", "published": "2024-03-02"},
        ]
    )
    from core.capture import stories

    stories.join(library, copy, bare)
    keep_quote(library, bare, "Ida Quinn", "Only the words are known")
    keep_quote(library, dated, "Ida Quinn", "Dated words", "reported")
    for group_by in ("none", "speaker", "outlet", "day"):
        options = PackOptions(title="Gaps", date="", group_by=group_by)
        for fmt, text in every_format(library, [bare, copy, dated], options, tmp_path).items():
            for pattern, what in GAPS:
                found = pattern.search(text)
                assert not found, (fmt, group_by, what, text[max(0, found.start() - 80) :][:160])
            assert "Only the words are known here." in text


# -- 5. the overview follows the sections -----------------------------------------------------


def _overview(fmt: str, path: Path) -> str:
    if fmt == "pdf":
        return "\n".join(p for p in pdf_pages(path) if "Headline and lead" in p)
    if fmt == "docx":
        table = docx.Document(str(path)).tables[0]
        return "\n".join(" | ".join(c.text for c in row.cells) for row in table.rows)
    html = path.read_text("utf-8") if fmt == "html" else markdown_to_html(path.read_text("utf-8"))
    start = html.index("Date</th>")
    return read_html(html[start : html.index("</table>", start)]).text


@pytest.mark.parametrize("group_by", ["topic", "speaker"])
def test_the_overview_follows_the_sections(library, speaking, tmp_path, group_by) -> None:
    ids = _all(speaking)
    pack = build(library, ids, PackOptions(group_by=group_by))
    for fmt in FORMATS:
        out = tmp_path / f"pack.{fmt}"
        export(library, ids, PackOptions(group_by=group_by), fmt, out)
        overview = " ".join(_overview(fmt, out).split())
        at = 0
        for section in pack.sections:
            if not section.items:
                continue
            at = overview.index(section.title, at)
            for item in section.items:
                at = overview.index(item.title, at)  # in the sections' order, under its title


# -- 6. notes ----------------------------------------------------------------------------------


def test_notes_stay_inside_unless_asked(library, speaking, tmp_path) -> None:
    note = "Ask the yard for a comment before Friday"
    assert PackOptions().notes is False
    for fmt, text in every_format(library, _all(speaking), PackOptions(), tmp_path).items():
        assert note not in " ".join(text.split()), fmt
    asked = every_format(library, _all(speaking), PackOptions(notes=True), tmp_path)
    for fmt, text in asked.items():
        assert note in " ".join(text.split()), fmt


def test_the_command_line_leaves_notes_out_unless_told(cli, tmp_path) -> None:
    cli("add", "-", input=b"Harbour news\n\nThe harbour reopened today.")
    with Library.open(cli.library) as library:
        library.update(1, notes="Internal: do not quote the harbour master")
    cli("export", "--ids", "1", "--format", "md", "--out", str(tmp_path / "out.md"))
    assert "Internal" not in (tmp_path / "out.md").read_text("utf-8")
    cli("export", "--ids", "1", "--format", "md", "--out", str(tmp_path / "in.md"), "--notes")
    assert "Internal: do not quote" in (tmp_path / "in.md").read_text("utf-8")


# -- 8. who said what --------------------------------------------------------------------------


def test_who_said_what_shows_accepted_quotes_direct_and_reported_apart(
    library, speaking, tmp_path
) -> None:
    texts = every_format(library, _all(speaking), PackOptions(), tmp_path)
    for fmt, text in texts.items():
        flat = " ".join(text.split())
        assert "Pending Person" not in flat, fmt  # not accepted
        direct = "“we will build the new quay by spring”"
        reported = "the old crane would be sold to a museum"
        assert direct in flat, fmt
        assert reported in flat and f"“{reported}" not in flat, fmt
        # Maria Lopez's direct speech first, then her reported speech under its own label
        maria = flat.index("Maria Lopez")
        said = flat.index(direct, maria)
        label = flat.lower().index("reported", said)
        assert said < label < flat.index(reported, said)


def test_quotation_marks_of_the_article_are_not_doubled(library) -> None:
    [cid] = library.add_clippings([{"title": "T", "text": "He said “All is well,” and left."}])
    keep_quote(library, cid, "Al Brown", "“All is well,”")
    [said] = build(library, [cid], PackOptions()).who
    assert [q.shown for q in said.quotes] == ["“All is well”"]


def test_a_long_excerpt_flows_over_pages_whole(library, tmp_path) -> None:
    long = [f"Long paragraph {p} " + "with many words in it " * 120 for p in range(3)]
    ids = library.add_clippings(
        [
            {"title": f"Long story {n}", "text": "\n".join(long), "published": "2024-01-02"}
            for n in range(2)
        ]
    )
    out = tmp_path / "long.pdf"
    export(library, ids, PackOptions(excerpt=True, excerpt_paragraphs=2), "pdf", out)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert text.count("Long paragraph 1 with many words") == 2
    assert "Long paragraph 2" not in text
