"""A briefing pack as a Word document with real heading styles, so Word's navigation pane and
its table of contents (a TOC field, refreshed when the file opens) work."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, plain

ACCENT = RGBColor(0x1A, 0x3C, 0x6E)
MUTED = RGBColor(0x5F, 0x63, 0x68)
SPEAKER = RGBColor(0x6A, 0x1B, 0x9A)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) that Word computes itself."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(11)
    # Chinese and Japanese runs take an East Asian font instead of empty boxes.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "SimSun")
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 14)):
        style = document.styles[name]
        style.font.color.rgb = ACCENT
        style.font.size = Pt(size)


def _text(paragraph, text: str, size: float | None = None) -> None:
    """Text with kept quotes set in the speakers' colour."""
    inside = False
    for piece in text.replace(QUOTE_CLOSE, QUOTE_OPEN).split(QUOTE_OPEN):
        if piece:
            run = paragraph.add_run(piece)
            if inside:
                run.font.color.rgb = SPEAKER
            if size:
                run.font.size = Pt(size)
        inside = not inside


def _muted(document, text: str, size: float = 9.5):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _meta(item: Item) -> str:
    return " · ".join(x for x in (item.outlet, item.byline, item.published) if x)


def render(pack: Pack, out: Path) -> None:
    o = pack.options
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    if o.paper == "Letter":
        section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    header = section.header.paragraphs[0]
    header.text = o.title
    header.runs[0].font.size = Pt(8.5)
    header.runs[0].font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    footer.add_run("page ").font.size = Pt(8.5)
    _field(footer, "PAGE", "1")
    footer.add_run(" of ").font.size = Pt(8.5)
    _field(footer, "NUMPAGES", "1")

    if o.logo:
        document.add_picture(io.BytesIO(o.logo.read_bytes()), height=Cm(1.6))
    document.add_paragraph(o.title, style="Title")
    if o.subtitle:
        document.add_paragraph(o.subtitle, style="Subtitle")
    credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
    _muted(document, o.date + (f" · Prepared by {credit}" if credit else ""), 11)

    document.add_paragraph("Contents", style="Heading 1")
    toc = document.add_paragraph()
    _field(toc, 'TOC \\o "1-2" \\h \\z \\u', "Contents: Word fills this in when the file opens.")
    _update_fields_on_open(document)

    document.add_paragraph("Overview", style="Heading 1")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(
        table.rows[0].cells, ("Date", "Outlet", "Headline", "Lead"), strict=True
    ):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for item in pack.items:
        cells = table.add_row().cells
        for cell, value in zip(
            cells,
            (item.published or "", item.outlet or "", plain(item.title), plain(item.lead)),
            strict=True,
        ):
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8.5)

    if pack.who:
        document.add_paragraph("Who said what", style="Heading 1")
        for said in pack.who:
            name = document.add_paragraph()
            run = name.add_run(said.speaker)
            run.bold = True
            run.font.color.rgb = SPEAKER
            if said.role:
                name.add_run(f" — {said.role}").font.color.rgb = MUTED
            for text, item in said.quotes:
                quote = document.add_paragraph(style="List Bullet")
                quote.add_run(f"{text} ")
                tail = quote.add_run(
                    f"{item.outlet or 'unknown outlet'}, {item.published or 'undated'}"
                )
                tail.font.color.rgb = MUTED
                tail.font.size = Pt(9)

    for group in pack.sections:
        for index, item in enumerate(group.items):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # a clipping a page
            if index == 0 and group.title:
                document.add_paragraph(group.title, style="Heading 1")
            document.add_paragraph(plain(item.title), style="Heading 2")
            _muted(document, _meta(item))
            if item.url:
                _muted(document, item.url)
            if item.topics or item.speakers:
                bits = []
                if item.topics:
                    bits.append("Topics: " + ", ".join(item.topics))
                if item.speakers:
                    bits.append("Speakers: " + ", ".join(item.speakers))
                _muted(document, " · ".join(bits))
            if item.also_ran_in:
                _muted(document, "Also ran in: " + ", ".join(item.also_ran_in))
            if item.notes:
                note = document.add_paragraph()
                note.add_run("Note: ").bold = True
                note.add_run(item.notes)
            for paragraph in item.paragraphs:
                _text(document.add_paragraph(), paragraph)
            if item.excerpted:
                _muted(document, f"Excerpt. Full article: {item.url}" if item.url else "Excerpt.")
    document.save(str(out))
