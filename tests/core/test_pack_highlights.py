"""Highlights in every pack format, read back as a reader gets them: the PDF's page drawing
(pypdf), Word's highlighter on the runs (python-docx), <mark> in the HTML (Python's parser),
==marks== through markdown-it-py's mark plugin; comments beside their passages, "Key passages"
and "Why it matters" under the headline, "Why it matters" in the overview; notes stay out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.text import WD_COLOR_INDEX

from core.highlights import colours, retext, store
from core.library import Library
from core.packs.build import PackOptions, build, plain
from core.packs.export import export
from tests.core.pack_readers import keep_quote, read_html, text_of

TEXT = (
    "Ministers met port operators on Monday to discuss the dredging of the outer channel.\n"
    "The transport secretary said the channel would be deepened by two metres before winter.\n"
    "Operators warned that delays would cost the port its largest shipping line.\n"
    "A decision on funding is expected at the cabinet meeting next month."
)
DEEPENED = "the channel would be deepened by two metres"
WARNING = "delays would cost the port its largest shipping line"


@pytest.fixture
def clip(library: Library) -> int:
    cid = library.add_clipping(
        {
            "title": "Channel dredging agreed",
            "text": TEXT,
            "outlet": "Harbour Times",
            "published": "2024-06-03",
            "url": "https://news.example/dredging",
            "notes": "Private: check with the press office first",
        }
    )
    keep_quote(library, cid, "Transport Secretary", "the channel would be deepened")
    for words, colour, comment in (
        (DEEPENED, "green", "The minister announces this on Friday"),
        (WARNING, "pink", ""),
    ):
        start = TEXT.index(words)
        store.add(library, cid, start, start + len(words), colour=colour, comment=comment)
    store.set_why(library, cid, "The minister opens the channel works on Friday")
    return cid


def test_the_pack_model_carries_marks_passages_and_why(library: Library, clip: int) -> None:
    pack = build(library, [clip], PackOptions())
    [item] = pack.items
    assert item.why == "The minister opens the channel works on Friday"
    assert [(p.text, p.colour, p.comment) for p in item.passages] == [
        (DEEPENED, "green", "The minister announces this on Friday"),
        (WARNING, "pink", ""),
    ]
    assert item.notes == ""  # notes are private unless asked for
    # the words read as they stand, comments aside; the lead has no markers
    assert plain(item.paragraphs[1]) == TEXT.split("\n")[1]
    assert "\x0e" not in item.lead and "\x10" not in item.lead
    without = build(library, [clip], PackOptions(highlights=False)).items[0]
    assert without.passages == [] and "\x0e" not in "".join(without.paragraphs)
    assert without.why == item.why  # the line on why it matters is no highlight


def test_highlights_only_is_an_excerpt_of_the_passages(library: Library, clip: int) -> None:
    plain_clip = library.add_clipping({"title": "Unmarked", "text": "One.\nTwo.\nThree.\nFour."})
    pack = build(
        library, [clip, plain_clip], PackOptions(excerpt=True, highlights_only=True, order="manual")
    )
    marked, unmarked = pack.items
    assert [plain(p) for p in marked.paragraphs] == [DEEPENED, WARNING]
    assert marked.excerpted and marked.passages == []  # the passages are the text: not twice
    assert unmarked.paragraphs == ["One.", "Two.", "Three."]  # no marks: the first paragraphs


def test_orphans_stay_out_of_the_pack(library: Library, clip: int) -> None:
    retext.replace_text(library, clip, TEXT.replace(WARNING, "the line might leave"))
    [item] = build(library, [clip], PackOptions()).items
    assert [p.text for p in item.passages] == [DEEPENED]
    assert "leave" in plain(item.paragraphs[2])


def _pdf_fills(path: Path) -> list[tuple[float, float, float]]:
    """The fill colours the PDF's pages paint rectangles in (ReportLab's background spans)."""
    fills = []
    for page in pypdf.PdfReader(str(path)).pages:
        data = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg\s+n?\s*[\d. -]+ re f", data):
            fills.append((round(float(r), 2), round(float(g), 2), round(float(b), 2)))
    return fills


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 2) for i in (1, 3, 5))


def test_pdf_paints_highlights_in_their_colours(library: Library, clip: int, tmp_path) -> None:
    out = tmp_path / "pack.pdf"
    export(library, [clip], PackOptions(), "pdf", out)
    fills = _pdf_fills(out)
    assert _rgb(colours.BY_KEY["green"].light) in fills
    assert _rgb(colours.BY_KEY["pink"].light) in fills
    text = " ".join(text_of("pdf", out).split())
    assert "Why it matters: The minister opens the channel works on Friday" in text
    assert "KEY PASSAGES" in text
    assert "[The minister announces this on Friday]" in text
    assert "Private: check" not in text
    # without highlights: no colour painted, no key passages
    export(library, [clip], PackOptions(highlights=False), "pdf", out)
    assert _rgb(colours.BY_KEY["green"].light) not in _pdf_fills(out)
    assert "KEY PASSAGES" not in text_of("pdf", out)


def test_word_marks_passages_with_its_highlighter(library: Library, clip: int, tmp_path) -> None:
    out = tmp_path / "pack.docx"
    export(library, [clip], PackOptions(), "docx", out)
    document = docx.Document(str(out))
    marked: dict[str, WD_COLOR_INDEX] = {}
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.font.highlight_color is not None:
                marked[run.text] = marked.get(run.text, run.font.highlight_color)
    body = {t: c for t, c in marked.items() if not t.startswith("“")}
    assert "".join(t for t in body if t in DEEPENED) and body
    assert WD_COLOR_INDEX.BRIGHT_GREEN in body.values() and WD_COLOR_INDEX.PINK in body.values()
    assert marked[f"“{WARNING}”"] == WD_COLOR_INDEX.PINK  # in Key passages
    notes = [r for p in document.paragraphs for r in p.runs if r.italic and "announces" in r.text]
    assert any(r.text == " [The minister announces this on Friday]" for r in notes)
    text = text_of("docx", out)
    assert "Why it matters: The minister opens the channel works on Friday" in text
    assert text.count("Why it matters:") == 2  # the overview and the clipping
    assert "Private: check" not in text


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._style = ""

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._open, self._style = [], dict(attrs).get("style", "")

    def handle_endtag(self, tag):
        if tag == "mark" and self._open is not None:
            self.marks.append(("".join(self._open), self._style))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)


def _marks(html: str) -> list[tuple[str, str]]:
    reader = _Marks()
    reader.feed(html)
    return reader.marks


def test_html_marks_passages(library: Library, clip: int, tmp_path) -> None:
    out = tmp_path / "pack.html"
    export(library, [clip], PackOptions(), "html", out)
    html = out.read_text("utf-8")
    marks = _marks(html)
    texts = [t for t, _ in marks]
    assert DEEPENED in "".join(texts) and WARNING in texts and f"“{WARNING}”" in texts
    assert all("background-color:#" in style for _, style in marks)
    assert any(colours.BY_KEY["pink"].light in style for t, style in marks if t == WARNING)
    shown = " ".join(read_html(html).text.split())
    assert "[The minister announces this on Friday]" in shown
    assert shown.count("Why it matters: The minister opens the channel works on Friday") == 2
    assert "Key passages" in shown and "Private: check" not in shown


def _markdown_marks(source: str) -> list[str]:
    """The ==marked== stretches of a Markdown file as markdown-it-py parses it: its inline
    tokens, where a backslash-escaped '=' is a token of its own and opens nothing."""
    from markdown_it import MarkdownIt

    found = []
    parser = MarkdownIt("commonmark").enable("table").disable("text_join")
    for block in parser.parse(source):
        if block.type != "inline":
            continue
        flat = ""
        for token in block.children or []:
            if token.type == "text_special":
                flat += "\x00"  # an escaped character: plain text, never a delimiter
            elif token.type in ("text", "code_inline"):
                flat += token.content
        found += [m.replace("\x00", "=") for m in re.findall(r"==([^=]+?)==", flat)]
    return found


def test_markdown_marks_passages(library: Library, clip: int, tmp_path) -> None:
    out = tmp_path / "pack.md"
    export(library, [clip], PackOptions(), "md", out)
    marks = _markdown_marks(out.read_text("utf-8"))
    assert WARNING in marks and f"“{WARNING}”" in marks
    assert any(DEEPENED in m for m in marks)
    shown = " ".join(text_of("md", out).split())
    assert "[The minister announces this on Friday]" in shown
    assert "Why it matters: The minister opens the channel works on Friday" in shown
    assert "Key passages" in shown and "Private: check" not in shown


def test_markdown_leaves_equals_signs_of_the_text_alone(library: Library, tmp_path) -> None:
    cid = library.add_clipping({"title": "Sums", "text": "The rule ==x== means a == b here."})
    out = tmp_path / "pack.md"
    export(library, [cid], PackOptions(), "md", out)
    assert _markdown_marks(out.read_text("utf-8")) == []
    assert "The rule ==x== means a == b here." in text_of("md", out)


def test_a_highlight_over_a_paragraph_break_and_a_long_paragraph(
    library: Library, tmp_path
) -> None:
    long = " ".join(f"Sentence {i} of a long report on harbour dues." for i in range(120))
    text = "First paragraph ends here.\nSecond starts here.\n" + long
    cid = library.add_clipping({"title": "Long", "text": text})
    start = text.index("ends here")
    store.add(library, cid, start, text.index("starts") + 6, comment="spans two")
    inner = text.index("Sentence 30")
    store.add(library, cid, inner, text.index("Sentence 80"), colour="blue")
    for fmt in ("pdf", "docx", "html", "md"):
        out = tmp_path / f"pack.{fmt}"
        export(library, [cid], PackOptions(), fmt, out)  # the PDF cuts the long paragraph
        shown = " ".join(text_of(fmt, out).split())
        assert "Sentence 79 of a long report" in shown and "[spans two]" in shown, fmt
