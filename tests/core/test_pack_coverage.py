"""The "Coverage" section of a pack, read back in every format as its reader gets it: the
charts as pictures (inline in HTML, beside the file for Markdown), each with its numbers in a
table, the clippings without a date said so, and the section in the contents."""

from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from pathlib import Path

import docx
import pypdf
import pytest

from core import listing
from core.coverage import counts
from core.library import Library
from core.packs.build import PackOptions
from core.packs.export import export
from tests.core.coverage_library import press_office
from tests.core.pack_readers import FORMATS, markdown_to_html, read_html, text_of

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def pack_ids(library: Library) -> list[int]:
    press_office(library)
    return listing.list_ids(library, listing.View(text="from:2024-02 to:2024-03")).ids + [4]


def numbers(library: Library, ids: list[int]) -> dict[str, list]:
    """Rows a reader must find: the busiest outlet's, and the undated clippings'."""
    outlets = counts.top_outlets(library, ids, top=8)
    months = counts.over_time(library, ids)
    return {"outlet": outlets.rows[0], "undated": months.rows[-1], "by": months.by}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_charts_and_their_numbers(
    library: Library, pack_ids: list[int], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"March report.{fmt}"
    result = export(library, pack_ids, PackOptions(title="March", coverage=True), fmt, out)
    text = text_of(fmt, out)
    expected = numbers(library, pack_ids)
    assert expected["undated"][0] == "No date"
    titles = [
        "Clippings over time",
        "Top outlets",
        "Share of voice",
        "Quotes per speaker",
        "Copies per story",
    ]
    for title in titles:
        assert title in text, title
    assert f"Counted over the {len(set(pack_ids))} clippings of this pack" in " ".join(text.split())
    assert "1 clipping without a date of publication is counted apart" in text
    flat = " ".join(text.split())
    name, count, share = expected["outlet"]
    assert re.search(rf"{re.escape(name)}\W+{count}\W+{re.escape(share)}", flat), flat[:3000]
    assert text.index("Coverage") < text.index("Overview")
    pictures = pictures_in(fmt, out, result)
    assert len(pictures) == len(titles)
    assert all(p.startswith(PNG) for p in pictures)


def pictures_in(fmt: str, out: Path, result) -> list[bytes]:
    if fmt == "pdf":
        return [
            image.data
            for page in pypdf.PdfReader(str(out)).pages
            for image in page.images
            if image.data.startswith(PNG) or _png(image)
        ]
    if fmt == "docx":
        document = docx.Document(str(out))
        return [
            document.part.related_parts[
                shape._inline.graphic.graphicData.pic.blipFill.blip.embed
            ].blob
            for shape in document.inline_shapes
        ]
    if fmt == "html":
        page = out.read_text("utf-8")
        return [
            base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', page)
        ]
    markdown = out.read_text("utf-8")
    links = re.findall(r"!\[[^\]]*\]\(<([^>]+)>\)", markdown)
    assert [p.name for p in result.images] == links
    assert "<table>" in markdown_to_html(markdown)
    return [(out.parent / link).read_bytes() for link in links]


def _png(image) -> bool:
    # pypdf hands back the picture decoded and saved again; what counts is that it is one
    return image.image is not None and image.image.size[0] > 600


@pytest.mark.slow
def test_the_contents_leads_to_the_section(library: Library, pack_ids, tmp_path: Path) -> None:
    options = PackOptions(coverage=True)
    export(library, pack_ids, options, "html", tmp_path / "p.html")
    page = read_html((tmp_path / "p.html").read_text("utf-8"))
    assert "#coverage" in page.hrefs and "coverage" in page.ids
    assert ("h2", "Coverage") in page.headings
    export(library, pack_ids, options, "md", tmp_path / "p.md")
    html = read_html(markdown_to_html((tmp_path / "p.md").read_text("utf-8")))
    assert "#coverage" in html.hrefs
    export(library, pack_ids, options, "pdf", tmp_path / "p.pdf")
    contents = pypdf.PdfReader(str(tmp_path / "p.pdf")).pages[1].extract_text()
    assert "Coverage" in contents.split("Overview")[0]
    export(library, pack_ids, options, "docx", tmp_path / "p.docx")
    headings = [
        p.text
        for p in docx.Document(str(tmp_path / "p.docx")).paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings[:3] == ["Coverage", "Clippings over time", "Top outlets"]


def test_a_pack_without_the_section_is_as_it_was(library: Library, pack_ids, tmp_path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in ("html", "md"):
        out = folder / f"plain.{fmt}"
        result = export(library, pack_ids, PackOptions(), fmt, out)
        assert "Coverage" not in out.read_text("utf-8") and result.images == []
    assert sorted(p.name for p in folder.iterdir()) == ["plain.html", "plain.md"]


def test_a_month_by_day_is_a_short_table(library: Library) -> None:
    from core.packs.coverage import compact

    library.add_clippings(
        [{"title": f"t{i}", "text": "x", "published": f"2024-03-{1 + i:02d}"} for i in range(31)]
    )
    chart = counts.over_time(library, listing.list_ids(library, listing.View()).ids)
    assert chart.by == "day" and len(chart.rows) == 31
    columns, rows = compact(chart)
    assert columns == ["Day", "Clippings"] * 3 and len(rows) == 11
    assert rows[0] == ["1 Mar 2024", 1, "12 Mar 2024", 1, "23 Mar 2024", 1]
    assert rows[-1][4:] == ["", ""]


def test_a_long_table_reads_down_each_page_and_empty_years_are_one_line(
    library: Library,
) -> None:
    from core.packs.coverage import PAGE_LINES, compact

    # Three years of weekly clippings, then one typed decades later.
    start = date(2021, 1, 4)
    dates = [(start + timedelta(weeks=w)).isoformat() for w in range(156)] + ["2090-06-05"]
    library.add_clippings(
        [{"title": f"t{i}", "text": "x", "published": d} for i, d in enumerate(dates)]
    )
    chart = counts.over_time(library, listing.list_ids(library, listing.View()).ids, by="week")
    columns, rows = compact(chart)
    assert columns == ["Week beginning", "Clippings"] * 3
    firsts = [r[0] for r in rows[:PAGE_LINES]]
    # the first page's first column runs on from week to week, and its second column follows
    assert firsts[:2] == ["4 Jan 2021", "11 Jan 2021"]
    assert rows[0][2] == f"{(start + timedelta(weeks=PAGE_LINES)).day} " + (
        (start + timedelta(weeks=PAGE_LINES)).strftime("%b %Y")
    )
    gap = [(r[b], r[b + 1]) for r in rows for b in (0, 2, 4) if " – " in str(r[b])]
    assert gap and gap[0][1] == 0 and gap[0][0].endswith("2090")
    printed = sum(1 for r in rows for b in (0, 2, 4) if r[b])
    assert printed < 170  # 157 weeks with clippings and one line for the years between


def test_no_chart_is_written_over_a_database(library: Library, pack_ids, tmp_path: Path) -> None:
    import sqlite3

    from core.errors import BadInput

    folder = tmp_path / "out"
    folder.mkdir()
    sqlite3.connect(folder / "report-coverage-2.png").execute(
        "CREATE TABLE t (x)"
    ).connection.close()
    with pytest.raises(BadInput, match="report-coverage-2.png is an SQLite database"):
        export(library, pack_ids, PackOptions(coverage=True), "md", folder / "report.md")
    assert sorted(p.name for p in folder.iterdir()) == ["report-coverage-2.png"]
