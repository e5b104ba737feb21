"""The Markdown pack is inert: hostile article text, rendered by a CommonMark renderer that
allows raw HTML and follows any link, shows as the text it is."""

from __future__ import annotations

import re

import pytest

from core.library import Library
from core.packs.build import PackOptions
from core.packs.export import export
from core.packs.markdown import escape
from tests.core.pack_readers import keep_quote, markdown_to_html, read_html

HOSTILE_TITLE = "# Breaking: <script>alert('title')</script> [click](javascript:alert(1))"
HOSTILE = [
    "Officials met <script>alert('x')</script> on Monday.",
    'A photo <img src=x onerror="alert(2)"> was shared.',
    "An embed <iframe src=https://evil.example/></iframe> followed.",
    "Click [here](javascript:alert(3)) or ![pic](javascript:alert(4)) or <javascript:alert(5)>.",
    "# Not a heading",
    "## Nor this one ##",
    "- not a list item",
    "+ nor this",
    "1. nor a numbered one",
    "2) nor this",
    "> not a quotation",
    "---",
    "===",
    "***",
    "```",
    "    four spaces are not code",
    "<div onclick=alert(6)>a block of HTML</div>",
    "&lt;script&gt; entities stay as typed &amp; so do ampersands",
    "Stars *not emphasis* and _not this_ and `not code` and ~~not struck~~ stay.",
    "A table | pipe | here",
    "[ref]: javascript:alert(7)",
    "Trailing backslash \\",
    "<!-- a comment -->",
    "Setext underline follows",
    "-------",
    "A final line with a link-like www.example.com and https://example.com/ok.",
]


@pytest.fixture
def hostile(library: Library) -> int:
    [cid] = library.add_clippings(
        [
            {
                "title": HOSTILE_TITLE,
                "text": "\n".join(HOSTILE),
                "outlet": "<b>Outlet</b> *Times*",
                "byline": "[Writer](javascript:alert(8))",
                "published": "2024-01-02",
                "url": "javascript:alert(9)",
                "topics": ["# Topic <script>"],
                "notes": "<script>note()</script>",
            }
        ]
    )
    keep_quote(library, cid, "<img src=x onerror=alert(10)>", "alert('x')")
    keep_quote(library, cid, "Ann [Link](javascript:x)", "was shared", "reported")
    return cid


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.parametrize("group_by", ["none", "topic", "speaker"])
@pytest.mark.parametrize("excerpt", [False, True])
def test_hostile_text_renders_as_text(library, hostile, tmp_path, group_by, excerpt) -> None:
    out = tmp_path / "pack.md"
    options = PackOptions(title="Review", group_by=group_by, notes=True, excerpt=excerpt)
    if excerpt:
        options.excerpt_paragraphs = len(HOSTILE)
    export(library, [hostile], options, "md", out)
    page = read_html(markdown_to_html(out.read_text("utf-8")))

    assert not {"script", "img", "iframe", "div", "style", "object", "embed"} & set(page.tags)
    assert not [h for h in page.hrefs if not h.startswith(("#", "https://", "http://"))]
    assert not any("javascript:" in h.lower() for h in page.hrefs)
    assert not {"pre", "code", "hr", "ol", "del", "h4", "h5", "h6"} & set(page.tags)
    assert page.tags.count("blockquote") == 1  # the note, which the pack sets as a quotation
    ours = {"Review", "Contents", "Overview", "Who said what"}
    texts = {text for _, text in page.headings}
    assert HOSTILE_TITLE in texts  # one heading, the whole headline as its text
    assert texts - ours - {HOSTILE_TITLE} <= {
        "# Topic <script>",
        "<img src=x onerror=alert(10)>",
        "Ann [Link](javascript:x)",
    }
    assert not any(t.startswith(("Not a heading", "Nor this")) for t in texts)
    shown = page.text
    for line in HOSTILE:
        assert " ".join(line.split()) in " ".join(shown.split()) or set(_words(line)) <= set(
            _words(shown)
        ), line
    assert "&lt;script&gt; entities stay as typed &amp; so do ampersands" in shown


def test_list_items_in_the_pack_hold_no_blocks_from_article_text(library, tmp_path) -> None:
    [cid] = library.add_clippings(
        [{"title": "1. Ordered?", "text": "# Heading? and more text.", "published": "2024-01-02"}]
    )
    keep_quote(library, cid, "- Dash Person", "# Heading?")
    out = tmp_path / "pack.md"
    export(library, [cid], PackOptions(), "md", out)
    page = read_html(markdown_to_html(out.read_text("utf-8")))
    assert "ol" not in page.tags  # the headline in the contents list is no nested list
    assert ("h3", "- Dash Person") in page.headings
    assert [t for h, t in page.headings if "Heading?" in t] == []


@pytest.mark.parametrize(
    "text",
    ["# h", "1. x", "10) x", "- x", "+ x", "= x", "a | b", "<b>", "&amp;", "\\", "`c`", "*e*"],
)
def test_escape_keeps_every_character(text: str) -> None:
    rendered = read_html(markdown_to_html(escape(text))).text.strip()
    assert rendered == text
