"""PDF documents clipped from a file or an address: real PDFs made here by ReportLab, read back
into clippings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate

from core.capture.pdfdoc import looks_like_pdf, parse_pdf
from core.capture.sources import add_sources
from core.errors import CaptureError
from core.library import Library
from tests.pages import PageServer

STYLES = getSampleStyleSheet()
PARAGRAPHS = [
    "The harbour council today approved a new timetable for the ferry service, which will "
    "run every twenty minutes from the first of June until the end of September.",
    "Councillor Ana Lima said the change followed a consultation in which more than two "
    "thousand residents took part, and that the older boats would be retired.",
    "A second quay will open next spring, once the dredging work has been completed and "
    "the new waiting room has passed its safety inspection.",
]


def release(
    title: str | None = "Ferry timetable approved",
    author: str | None = "Harbour Council Press Office",
    paragraphs: list[str] = PARAGRAPHS,
    dateline: str = "2 May 2024",
) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author=author)
    story = [Paragraph("Ferry timetable approved", STYLES["Title"])]
    story.append(Paragraph(f"PRESS RELEASE, {dateline}", STYLES["Normal"]))
    story += [Paragraph(p, STYLES["BodyText"]) for p in paragraphs]
    doc.build(story)
    return out.getvalue()


def two_columns() -> bytes:
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4)
    width, height = A4
    gap, margin = 20, 50
    column = (width - 2 * margin - gap) / 2
    frames = [
        Frame(margin, margin, column, height - 2 * margin, id="left"),
        Frame(margin + column + gap, margin, column, height - 2 * margin, id="right"),
    ]
    doc.addPageTemplates([PageTemplate(id="two", frames=frames)])
    story = []
    for n in range(1, 25):
        story.append(
            Paragraph(
                f"Paragraph {n} of the report. The port authority counted more passengers "
                f"this year than in any year before, and paragraph {n} says so at length so "
                "that it fills several lines of its column.",
                STYLES["BodyText"],
            )
        )
    doc.build(story)
    return out.getvalue()


def test_a_press_release_gives_title_author_date_and_paragraphs() -> None:
    clipping = parse_pdf(release())
    assert clipping["title"] == "Ferry timetable approved"
    assert clipping["byline"] == "Harbour Council Press Office"
    assert clipping["published"] == "2024-05-02"
    paragraphs = clipping["text"].split("\n\n")
    assert paragraphs[0] == "PRESS RELEASE, 2 May 2024"
    assert paragraphs[1:] == PARAGRAPHS  # lines of a paragraph joined, nothing else in it
    assert clipping["original_type"] == "application/pdf" and clipping["language"] == "en"


def test_without_metadata_the_first_pages_largest_print_is_the_title() -> None:
    clipping = parse_pdf(release(title=None, author=None))
    assert clipping["title"] == "Ferry timetable approved"
    assert clipping["byline"] is None
    assert not clipping["text"].startswith("Ferry timetable approved")  # not repeated


def test_a_word_processors_file_name_is_not_the_title() -> None:
    assert parse_pdf(release(title="Microsoft Word - PR_0502.docx"))["title"] == (
        "Ferry timetable approved"
    )


def test_two_columns_read_down_the_left_one_first() -> None:
    text = parse_pdf(two_columns())["text"]
    order = [text.index(f"Paragraph {n} of the report") for n in range(2, 25)]
    assert order == sorted(order)  # the left column, then the right, page by page
    assert len(text.split("\n\n")) == 24


def test_running_heads_and_page_numbers_are_left_out() -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    topics = ["ferries", "quays", "the lighthouse", "the fish market"]
    for page, topic in enumerate(topics, 1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(50, 810, "Harbour Council - Annual Report")
        pdf.drawString(290, 30, str(page))
        pdf.setFont("Helvetica", 11)
        pdf.drawString(50, 700, f"This chapter of the report is about {topic} and their upkeep.")
        pdf.showPage()
    pdf.save()
    text = parse_pdf(out.getvalue())["text"]
    assert "Annual Report" not in text and "\n\n2\n\n" not in text
    assert all(f"about {topic} and their upkeep" in text for topic in topics)


def test_a_scan_without_text_is_refused_with_that_reason() -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)  # an image of a page, no text layer
    pdf.showPage()
    pdf.save()
    with pytest.raises(CaptureError, match="no text layer"):
        parse_pdf(out.getvalue())


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n" + b"0" * 500, release()[:400], b"%PDF-1.7\n%%EOF"],
    ids=["garbage", "cut", "empty"],
)
def test_a_broken_pdf_gets_a_one_line_reason(data: bytes) -> None:
    with pytest.raises(CaptureError) as error:
        parse_pdf(data)
    assert "\n" not in str(error.value)


def test_a_password_protected_pdf_says_so() -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt="secret")
    pdf.drawString(50, 700, "Confidential briefing on the ferry timetable for the council.")
    pdf.save()
    with pytest.raises(CaptureError, match="password"):
        parse_pdf(out.getvalue())


def test_pdf_is_recognised_by_its_header() -> None:
    assert looks_like_pdf(release())
    assert looks_like_pdf(b"\r\n%PDF-1.4 rest")
    assert not looks_like_pdf(b"<html><body>A page about the %PDF- header</body></html>")


def test_a_pdf_file_and_a_folder_of_them_are_clipped_and_kept(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "releases").mkdir()
    data = release()
    (tmp_path / "releases" / "ferry.pdf").write_bytes(data)
    (tmp_path / "releases" / "report.PDF").write_bytes(two_columns())
    outcomes = add_sources(library, [str(tmp_path / "releases")]).outcomes
    assert [o.status for o in outcomes] == ["added", "added"]
    row = library.get(outcomes[0].clipping_id)
    assert (row["title"], row["published"]) == ("Ferry timetable approved", "2024-05-02")
    assert library.original(outcomes[0].clipping_id) == data


def test_a_pdf_from_an_address_is_clipped(library: Library) -> None:
    server = PageServer()
    try:
        data = release()
        server.routes["/release.pdf"] = (200, {"Content-Type": "application/pdf"}, data)
        # a server that calls everything text/html
        server.routes["/download"] = (200, {"Content-Type": "text/html"}, two_columns())
        outcomes = add_sources(library, [server.url("/release.pdf"), server.url("/download")])
    finally:
        server.close()
    assert [o.status for o in outcomes.outcomes] == ["added", "added"]
    first = library.get(outcomes.outcomes[0].clipping_id)
    assert first["title"] == "Ferry timetable approved"
    assert first["url"] == server.url("/release.pdf")
    assert library.original(outcomes.outcomes[0].clipping_id) == data
