"""The "Coverage" section of the PDF and Word packs: each chart as a picture the width of the
text, its numbers in a small table under it, and what is counted apart in a line. The PDF's
and Word's own pieces (styles, markup, headings, table looks) are handed in by their writers,
so this module imports neither."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from core.coverage.chart import Chart
from core.packs.coverage import Coverage, cell, compact, right_aligned


def pdf_story(
    coverage: Coverage,
    styles: dict[str, Any],
    markup: Callable[[str], str],
    heading: Callable[..., Any],
    width: float,
) -> list[Any]:
    """Flowables for ReportLab: the section's heading (in the contents) and a block per chart
    that stays on one page."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

    story: list[Any] = []
    # the section's heading goes with its first chart, never alone at a page's foot
    opening = [
        heading("Coverage", styles["h1"], 0, "coverage"),
        Paragraph(markup(coverage.intro), styles["about"]),
    ]
    right = ParagraphStyle("cell-right", styles["cell"], alignment=2)
    head_right = ParagraphStyle("head-right", styles["cellhead"], alignment=2)
    for index, chart in enumerate(coverage.charts):
        wide, high = coverage.size_in(index)
        beside = coverage.side_by_side(index)
        shown = width * 0.58 if beside else width
        picture = Image(io.BytesIO(coverage.png(index)), width=shown, height=shown * high / wide)
        table_width = width - shown - 0.4 * 28.35 if beside else width
        columns, rows = compact(chart)
        aligned = right_aligned(chart, columns)
        table = Table(
            [
                [
                    Paragraph(markup(c), head_right if aligned[i] else styles["cellhead"])
                    for i, c in enumerate(columns)
                ],
                *[
                    [
                        Paragraph(markup(cell(v)), right if aligned[i] else styles["cell"])
                        for i, v in enumerate(row)
                    ]
                    for row in rows
                ],
            ],
            colWidths=_widths(chart, columns, rows, table_width, styles),
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f8")),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d7e2")),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("VALIGN", (0, 1), (-1, -1), "TOP"),  # a wrapped period beside its number
                ]
            )
        )
        block = [
            Paragraph(markup(chart.title), styles["h2-excerpt"]),
            Paragraph(markup(chart.subtitle), styles["meta"]),
            Spacer(1, 3),
        ]
        if beside:
            pair = Table([[picture, table]], colWidths=[shown, width - shown])
            pair.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("LEFTPADDING", (1, 0), (1, 0), 0.4 * 28.35),
                        ("TOPPADDING", (1, 0), (1, 0), 8),
                    ]
                )
            )
            block.append(pair)
            tail: list[Any] = []
        else:
            # a long table runs on over pages; the title and the chart stay together
            block += [picture, Spacer(1, 4)]
            tail = [table]
        if chart.note:
            tail += [Spacer(1, 3), Paragraph(markup(chart.note), styles["meta"])]
        if len(rows) <= 30:  # a short table stays with its chart
            block, tail = block + tail, []
        story += [KeepTogether(opening + block), *tail, Spacer(1, 12)]
        opening = []
    story += opening
    return story


def _widths(
    chart: Chart, columns: list[str], rows: list[list[Any]], width: float, styles: dict[str, Any]
) -> list[float] | None:
    """Each column of numbers as wide as its widest cell, the name column what is left;
    periods side by side share alike."""
    if chart.kind == "time" and len(chart.columns) == 2:
        return None
    from reportlab.pdfbase.pdfmetrics import stringWidth

    head, body = styles["cellhead"], styles["cell"]
    padding = 13  # the cell's own padding and a little air
    needed = [
        max(
            stringWidth(name, head.fontName, head.fontSize),
            *(stringWidth(cell(row[i]), body.fontName, body.fontSize) for row in rows),
        )
        + padding
        for i, name in enumerate(columns)
    ]
    rest = width - sum(needed[1:])
    if rest < width * 0.35:  # numbers this wide: share the room out instead
        return None
    return [rest, *needed[1:]]


def docx_write(
    writer: Any,
    coverage: Coverage,
    *,
    width: Any,
    table_look: Callable[[Any], None],
    shade: Callable[[Any, str], None],
) -> None:
    """The section through the Word writer: Heading 1 on a new page, a Heading 2, the picture
    and a table per chart (ranked bars beside their table, in a borderless table of two)."""
    from docx.shared import Cm, Pt

    document = writer.document
    writer.heading("Coverage", "Heading 1", "coverage", new_page=True)
    writer.muted(coverage.intro, 9).paragraph_format.space_after = Pt(8)
    for index, chart in enumerate(coverage.charts):
        title = document.add_paragraph(chart.title, style="Heading 2")
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_before = Pt(10 if index else 0)
        writer.muted(chart.subtitle, 8.5, keep=True)
        picture = io.BytesIO(coverage.png(index))
        if coverage.side_by_side(index):
            shown = int(width * 0.58)
            pair = document.add_table(rows=1, cols=2)
            pair.autofit = False
            _set_widths(pair, [shown, width - shown])
            left, right = pair.rows[0].cells
            # the picture a little narrower than its cell, which has margins of its own
            left.paragraphs[0].add_run().add_picture(picture, width=shown - Cm(0.4))
            table = right.add_table(rows=1, cols=len(chart.columns))
            _docx_numbers(table, chart, table_look, shade)
            numbers = Cm(1.95)
            rest = width - shown - Cm(0.3) - numbers * (len(chart.columns) - 1)
            _set_widths(table, [rest] + [numbers] * (len(chart.columns) - 1))
        else:
            document.add_picture(picture, width=width)
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            table = document.add_table(rows=1, cols=len(compact(chart)[0]))
            _docx_numbers(table, chart, table_look, shade)
        if chart.note:
            writer.muted(chart.note, 8).paragraph_format.space_before = Pt(3)


def _docx_numbers(
    table: Any, chart: Chart, table_look: Callable[[Any], None], shade: Callable[[Any, str], None]
) -> None:
    from docx.shared import Pt

    columns, rows = compact(chart)
    aligned = right_aligned(chart, columns)
    table_look(table)
    for i, (place, name) in enumerate(zip(table.rows[0].cells, columns, strict=True)):
        run = place.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(8)
        place.paragraphs[0].alignment = 2 if aligned[i] else 0
        shade(place, "EEF2F8")
    for row in rows:
        cells = table.add_row().cells
        for i, (place, value) in enumerate(zip(cells, row, strict=True)):
            place.paragraphs[0].add_run(cell(value)).font.size = Pt(8)
            place.paragraphs[0].alignment = 2 if aligned[i] else 0
    for table_row in table.rows:
        for place in table_row.cells:
            place.paragraphs[0].paragraph_format.space_after = Pt(0)


def _set_widths(table: Any, widths: list[Any]) -> None:
    """Column widths Word and LibreOffice both keep: the grid's and every cell's."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for place in column.cells:
            place.width = width
