"""A briefing pack as a Word document: a cover alone on its page, then contents, overview and
who said what each beginning a page, then the clippings. Real heading styles make Word's
navigation pane work.

The contents is a TOC field whose current result is written here, every section and headline
a link to its heading, so LibreOffice, Google Docs, a phone or Word's protected view show it
before any field is updated. That result has no page numbers, since where Word breaks the pages
is known only to Word; Word adds them (with dot leaders) when it refreshes the field, which the
file asks for on opening."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_COLOR_INDEX, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from core.highlights.colours import COLOURS
from core.highlights.marking import runs
from core.packs.build import (
    Item,
    Pack,
    Quote,
    Section,
    details,
    plain,
    shown_date,
)

ACCENT = RGBColor(0x1A, 0x3C, 0x6E)
MUTED = RGBColor(0x5F, 0x63, 0x68)
SPEAKER = RGBColor(0x6A, 0x1B, 0x9A)
FURNITURE = Pt(8.5)  # header and footer, words and numbers alike
TEXT_WIDTH = {"A4": Cm(21.0 - 4.4), "Letter": Cm(21.59 - 4.4)}
# Word's own highlighter, in the colour the reader chose (w:highlight values, by palette order)
HIGHLIGHTS = {
    "yellow": WD_COLOR_INDEX.YELLOW,
    "magenta": WD_COLOR_INDEX.PINK,
    "green": WD_COLOR_INDEX.BRIGHT_GREEN,
    "cyan": WD_COLOR_INDEX.TURQUOISE,
}
MARKER = [HIGHLIGHTS[c.word] for c in COLOURS]


class _Writer:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.document = Document()
        self._bookmarks = 0

    # -- low-level pieces ---------------------------------------------------------------

    def field(self, paragraph, instruction: str, result: str = "", *, dirty: bool = False):
        """A Word field with ``result`` as what shows until it is updated."""
        self.field_start(paragraph, instruction, dirty=dirty)
        if result:
            paragraph.add_run(result)
        self.field_end(paragraph)

    @staticmethod
    def field_start(paragraph, instruction: str, *, dirty: bool = False) -> None:
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        if dirty:
            begin.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(begin)
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        paragraph.add_run()._r.append(code)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        paragraph.add_run()._r.append(separate)

    @staticmethod
    def field_end(paragraph) -> None:
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraph.add_run()._r.append(end)

    def bookmark(self, paragraph, name: str) -> None:
        """Name the whole paragraph, for links and page references."""
        self._bookmarks += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmarks))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    @staticmethod
    def link(
        paragraph,
        text: str,
        *,
        anchor: str | None = None,
        url: str | None = None,
        size: Pt | None = None,
        bold: bool = False,
    ) -> None:
        """A link to a bookmark in the file or to a web address."""
        link = OxmlElement("w:hyperlink")
        if anchor:
            link.set(qn("w:anchor"), anchor)
        else:
            rel = paragraph.part.relate_to(
                url,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                is_external=True,
            )
            link.set(qn("r:id"), rel)
        link.set(qn("w:history"), "1")
        run = paragraph.add_run(text)
        run.font.color.rgb = ACCENT
        if size:
            run.font.size = size
        if bold:
            run.bold = True
        if url:
            run.font.underline = True
        link.append(run._r)
        paragraph._p.append(link)

    def muted(self, text: str, size: float = 9, *, keep: bool = False):
        paragraph = self.document.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            run.font.size = Pt(size)
            run.font.color.rgb = MUTED
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.keep_with_next = keep
        return paragraph

    @staticmethod
    def text(paragraph, text: str, size: float | None = None) -> None:
        """Text with kept quotes set in the speakers' colour, highlights in Word's highlighter
        and their comments in small italics after them."""
        for piece in runs(text):
            run = paragraph.add_run(f" [{piece.text}]" if piece.note else piece.text)
            if piece.quote:
                run.font.color.rgb = SPEAKER
            if piece.colour is not None:
                run.font.highlight_color = MARKER[piece.colour]
            if piece.note:
                run.italic = True
                run.font.size = Pt(8)
                run.font.color.rgb = MUTED
            elif size:
                run.font.size = Pt(size)

    def heading(self, text: str, style: str, anchor: str, *, new_page: bool = False):
        paragraph = self.document.add_paragraph(text, style=style)
        paragraph.paragraph_format.page_break_before = new_page
        self.bookmark(paragraph, _mark(anchor))
        return paragraph

    # -- the document -------------------------------------------------------------------

    def styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Georgia"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        # Chinese and Japanese runs take an East Asian font instead of empty boxes.
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), "SimSun")
        for name, size in (
            ("Title", 28),
            ("Heading 1", 17),
            ("Heading 2", 15),
            ("TOC Heading", 17),
        ):
            style = styles[name]
            style.font.color.rgb = ACCENT
            style.font.size = Pt(size)
            style.font.name = "Georgia"
            # the template names theme fonts, which win over the name just set
            fonts = style.element.rPr.rFonts
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{theme}"), None)
        styles["Heading 2"].font.color.rgb = RGBColor(0x20, 0x21, 0x24)
        styles["Heading 2"].paragraph_format.space_after = Pt(4)
        for name in ("Header", "Footer"):
            styles[name].font.size = FURNITURE
            styles[name].font.color.rgb = MUTED
            styles[name].font.name = "Arial"
            # the template's stops (centre, 6.5 inches) are not this page's
            for tabs in styles[name].element.pPr.findall(qn("w:tabs")):
                styles[name].element.pPr.remove(tabs)
        width = TEXT_WIDTH[self.pack.options.paper]
        levels: tuple[tuple[float, float, bool], ...] = ((10, 0, True), (9.5, 0.5, False))
        for level, (points, indent_cm, bold) in enumerate(levels, 1):
            style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(points)
            style.font.bold = bold
            style.font.name = "Arial"
            style.paragraph_format.left_indent = Cm(indent_cm)
            style.paragraph_format.space_before = Pt(5 if bold else 0)
            style.paragraph_format.space_after = Pt(1)
            style.paragraph_format.tab_stops.add_tab_stop(
                width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )

    def page(self) -> None:
        o = self.pack.options
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        if o.paper == "Letter":
            section.page_width, section.page_height = Mm(215.9), Mm(279.4)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.2))
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.different_first_page_header_footer = True  # the cover carries no furniture
        header = section.header.paragraphs[0]
        header.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH[o.paper], WD_TAB_ALIGNMENT.RIGHT)
        header.add_run(o.title)
        header.add_run("\t" + (shown_date(o.date) or ""))
        footer = section.footer.paragraphs[0]
        footer.alignment = 2  # right
        footer.add_run("page ")
        self.field(footer, "PAGE", "1")
        footer.add_run(" of ")
        self.field(footer, "NUMPAGES", "1")

    def cover(self) -> None:
        o = self.pack.options
        if o.logo:
            self.document.add_picture(io.BytesIO(o.logo.read_bytes()), height=Cm(1.6))
        else:
            self.document.add_paragraph().paragraph_format.space_before = Pt(80)
        self.document.add_paragraph(o.title, style="Title")
        if o.subtitle:
            subtitle = self.document.add_paragraph(o.subtitle, style="Subtitle")
            subtitle.runs[0].font.color.rgb = MUTED
        credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
        self.muted(details(shown_date(o.date), credit and f"Prepared by {credit}"), 10)
        self.muted(self.pack.extent, 10)

    def contents(self) -> None:
        self.heading("Contents", "TOC Heading", "contents", new_page=True)
        entries: list[tuple[int, str, str]] = [(1, "Overview", "overview")]
        if self.pack.coverage is not None:
            entries.insert(0, (1, "Coverage", "coverage"))
        if self.pack.who:
            entries.append((1, "Who said what", "who"))
        grouped = self.pack.grouped
        for section in self.pack.sections:
            if section.title:
                entries.append((1, section.title, section.anchor))
            entries += [(2 if grouped else 1, plain(i.title), i.anchor) for i in section.items]
        paragraphs: list[Any] = []
        for level, text, anchor in entries:
            paragraph = self.document.add_paragraph(style=f"toc {level}")
            if not paragraphs:
                self.field_start(paragraph, 'TOC \\o "1-2" \\h \\z \\u', dirty=True)
            # no page number: where Word breaks the pages is known only to Word
            self.link(paragraph, text, anchor=_mark(anchor))
            paragraphs.append(paragraph)
        self.field_end(paragraphs[-1])

    def overview(self) -> None:
        self.heading("Overview", "Heading 1", "overview", new_page=True)
        fixed = (Cm(2.3), Cm(3.0))
        widths = (*fixed, TEXT_WIDTH[self.pack.options.paper] - sum(fixed))
        table = self.document.add_table(rows=1, cols=3)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_look(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for cell, title in zip(
            table.rows[0].cells, ("Date", "Outlet", "Headline and lead"), strict=True
        ):
            run = cell.paragraphs[0].add_run(title)
            run.bold = True
            run.font.size = Pt(8.5)
            _shade(cell, "EEF2F8")
        _repeat_as_header(table.rows[0])
        for section in self.pack.sections:
            if not section.items:
                continue  # its clippings stand under the sections that print them
            if section.title:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[2])
                _keep_row_whole(table.rows[-1])
                merged.paragraphs[0].paragraph_format.keep_with_next = True  # with its first row
                run = merged.paragraphs[0].add_run(section.title)
                run.bold = True
                run.font.size = Pt(9)
                run.font.color.rgb = ACCENT
                _shade(merged, "F6F8FB")
            for item in section.items:
                row = table.add_row()
                _keep_row_whole(row)
                cells = row.cells
                for cell, value in zip(
                    cells[:2], (shown_date(item.published) or "", item.outlet or ""), strict=True
                ):
                    if value:
                        cell.paragraphs[0].add_run(value).font.size = Pt(8.5)
                self.link(
                    cells[2].paragraphs[0],
                    plain(item.title),
                    anchor=_mark(item.anchor),
                    size=Pt(8.5),
                    bold=True,
                )
                if item.lead:
                    lead = cells[2].add_paragraph().add_run(plain(item.lead))
                    lead.font.size = Pt(8.5)
                    lead.font.color.rgb = MUTED
                if item.why:
                    self.why(cells[2].add_paragraph(), item.why, 8.5)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = width
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(1)

    def who(self) -> None:
        # after the overview where there is room: a page is not wasted on the overview's tail
        heading = self.heading("Who said what", "Heading 1", "who")
        heading.paragraph_format.space_before = Pt(28)
        heading.paragraph_format.keep_with_next = True
        if not self.pack.who_in_full:
            self.who_in_brief()
            return
        for said in self.pack.who:
            name = self.document.add_paragraph()
            name.paragraph_format.space_before = Pt(8)
            name.paragraph_format.keep_with_next = True
            run = name.add_run(said.speaker)
            run.bold = True
            run.font.color.rgb = SPEAKER
            more = ", ".join(x for x in (said.role, said.count_text) if x)
            tail = name.add_run(f"  {more}")
            tail.font.color.rgb = MUTED
            tail.font.size = Pt(9)
            for label, quotes in (("SAID", said.direct), ("REPORTED", said.reported)):
                if not quotes:
                    continue
                if said.direct and said.reported:
                    self.muted(label, 7.5, keep=True).paragraph_format.left_indent = Cm(0.5)
                for quote in quotes:
                    paragraph = self.document.add_paragraph()
                    paragraph.paragraph_format.left_indent = Cm(0.5)
                    paragraph.paragraph_format.space_after = Pt(4)
                    paragraph.add_run(quote.shown + " ")
                    self.source(paragraph, quote)

    def source(self, paragraph, quote: Quote) -> None:
        where = quote.item.details(byline=False) or "the clipping"
        paragraph.add_run("— ").font.color.rgb = MUTED
        self.link(paragraph, where, anchor=_mark(quote.item.anchor), size=Pt(8))

    def who_in_brief(self) -> None:
        fixed = (Cm(4.4), Cm(1.5))
        widths = (*fixed, TEXT_WIDTH[self.pack.options.paper] - sum(fixed))
        table = self.document.add_table(rows=1, cols=3)
        table.autofit = False
        _table_look(table)
        for cell, title in zip(
            table.rows[0].cells, ("Speaker", "Quotes", "First quote"), strict=True
        ):
            run = cell.paragraphs[0].add_run(title)
            run.bold = True
            run.font.size = Pt(8.5)
            _shade(cell, "EEF2F8")
        _repeat_as_header(table.rows[0])
        for said in self.pack.who:
            row = table.add_row()
            _keep_row_whole(row)
            cells = row.cells
            name = cells[0].paragraphs[0].add_run(said.speaker)
            name.bold = True
            name.font.color.rgb = SPEAKER
            name.font.size = Pt(9)
            if said.role:
                role = cells[0].add_paragraph().add_run(said.role)
                role.font.size = Pt(8)
                role.font.color.rgb = MUTED
            cells[1].paragraphs[0].add_run(str(len(said.quotes))).font.size = Pt(9)
            first = cells[2].paragraphs[0]
            first.add_run(said.first.shown + " ").font.size = Pt(9)
            self.source(first, said.first)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width

    def section_head(self, section: Section, *, new_page: bool) -> None:
        heading = self.heading(section.title or "", "Heading 1", section.anchor, new_page=new_page)
        heading.paragraph_format.keep_with_next = True
        if not new_page:
            heading.paragraph_format.space_before = Pt(24)
        if section.about:
            self.muted(section.about, 9, keep=True).paragraph_format.space_after = Pt(8)
        if section.elsewhere:
            label = "Also quoting" if section.items else "Clippings quoting"
            self.muted(f"{label} {section.title}:", 8.5, keep=True)
            for item in section.elsewhere:
                paragraph = self.document.add_paragraph(style="List Bullet")
                paragraph.paragraph_format.space_after = Pt(2)
                self.link(paragraph, plain(item.title), anchor=_mark(item.anchor), size=Pt(9))
                bits = item.details(byline=False)
                if bits:
                    tail = paragraph.add_run(f" — {bits}")
                    tail.font.size = Pt(9)
                    tail.font.color.rgb = MUTED
            self.document.add_paragraph().paragraph_format.space_after = Pt(0)

    def clipping(self, item: Item, *, new_page: bool, excerpt: bool) -> None:
        style = "Heading 2" if self.pack.grouped else "Heading 1"
        heading = self.heading(plain(item.title), style, item.anchor, new_page=new_page)
        heading.paragraph_format.keep_with_next = True
        if excerpt:
            heading.runs[0].font.size = Pt(13)
            heading.paragraph_format.space_before = Pt(14)
        block = [heading]
        if item.details():
            block.append(self.muted(item.details(), keep=True))
        if item.link and not excerpt:
            paragraph = self.muted("", keep=True)
            self.link(paragraph, item.link, url=item.link, size=Pt(8.5))
            block.append(paragraph)
        bits = []
        if item.topics:
            bits.append("Topics: " + ", ".join(item.topics))
        if item.speakers:
            bits.append("Speakers: " + ", ".join(item.speakers))
        if item.also_ran_in:
            bits.append("Also ran in: " + ", ".join(item.also_ran_in))
        if bits:
            block.append(self.muted(" · ".join(bits), keep=True))
        block[-1].paragraph_format.space_after = Pt(8)
        block += self.why_and_passages(item)
        if item.notes:
            note = self.document.add_paragraph()
            note.add_run("Note: ").bold = True
            note.add_run(item.notes)
            _shade_paragraph(note, "FFF8E1")
            block.append(note)
        for paragraph in item.paragraphs:
            body = self.document.add_paragraph()
            self.text(body, paragraph)
            block.append(body)
        if excerpt and item.link:
            paragraph = self.muted("")
            self.link(
                paragraph,
                "Read the full article" if item.excerpted else "The article",
                url=item.link,
                size=Pt(9),
            )
            block.append(paragraph)
        if excerpt and sum(len(p) for p in item.paragraphs) < 2500:
            for paragraph in block[:-1]:  # a short excerpt stays on one page
                paragraph.paragraph_format.keep_with_next = True

    @staticmethod
    def why(paragraph, why: str, size: float = 10.5) -> None:
        label = paragraph.add_run("Why it matters: ")
        label.bold = True
        for run in (label, paragraph.add_run(why)):
            run.font.color.rgb = ACCENT
            run.font.size = Pt(size)

    def why_and_passages(self, item: Item) -> list:
        """The reader's line on why it matters, then the passages they marked."""
        block = []
        if item.why:
            paragraph = self.document.add_paragraph()
            self.why(paragraph, item.why)
            block.append(paragraph)
        if item.passages:
            label = self.muted("KEY PASSAGES", 7.5, keep=True)
            label.paragraph_format.left_indent = Cm(0.4)
            block.append(label)
        for passage in item.passages:
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.4)
            paragraph.paragraph_format.space_after = Pt(4)
            _rule_before(paragraph)
            words = paragraph.add_run(f"“{passage.text}”")
            words.font.highlight_color = HIGHLIGHTS[_word_of(passage.colour)]
            name = paragraph.add_run(f"  {passage.colour_name}")
            name.font.size = Pt(7.5)
            name.font.color.rgb = MUTED
            if passage.comment:
                paragraph.add_run().add_break()
                comment = paragraph.add_run(passage.comment)
                comment.italic = True
                comment.font.size = Pt(9.5)
            block.append(paragraph)
        return block

    def clippings(self) -> None:
        excerpt = self.pack.options.excerpt
        first = True
        for section in self.pack.sections:
            if excerpt:
                if section.title:
                    self.section_head(section, new_page=first)
                    first = False
                for item in section.items:
                    self.clipping(item, new_page=first, excerpt=True)
                    first = False
                continue
            if section.title and not section.items:
                self.section_head(section, new_page=False)
                continue
            for index, item in enumerate(section.items):
                if index == 0 and section.title:
                    self.section_head(section, new_page=True)
                self.clipping(item, new_page=not (index == 0 and section.title), excerpt=False)

    def write(self, out: Path) -> None:
        self.styles()
        self.page()
        self.cover()
        self.contents()
        _update_fields_on_open(self.document)
        if self.pack.coverage is not None:
            from core.packs.coverage_print import docx_write

            width = TEXT_WIDTH[self.pack.options.paper]
            docx_write(self, self.pack.coverage, width=width, table_look=_table_look, shade=_shade)
        self.overview()
        if self.pack.who:
            self.who()
        self.clippings()
        self.document.core_properties.title = self.pack.options.title
        self.document.core_properties.author = (
            self.pack.options.prepared_by or self.pack.options.organisation
        )
        self.document.save(str(out))


def _word_of(colour: str) -> str:
    return next(c.word for c in COLOURS if c.key == colour)


def _rule_before(paragraph) -> None:
    """A line down the left of the paragraph, as a block quotation has."""
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "8"), ("color", "1A3C6E")):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    paragraph._p.get_or_add_pPr().append(borders)


def _mark(anchor: str) -> str:
    # a leading underscore keeps the bookmarks out of Word's list of the user's own
    return f"_{anchor}"


def _update_fields_on_open(document) -> None:
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _shade_paragraph(paragraph, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    paragraph._p.get_or_add_pPr().append(shading)


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_row_whole(row) -> None:
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _table_look(table) -> None:
    """Thin rules between rows, none between columns, a fixed layout at the set widths."""
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "D0D7E2")
        borders.append(line)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 40), ("bottom", 40), ("left", 80), ("right", 80)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)


def render(pack: Pack, out: Path) -> None:
    _Writer(pack).write(out)
