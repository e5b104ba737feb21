"""A briefing pack as a print-ready PDF (A4 or Letter) through ReportLab: a cover, contents
whose page numbers are those of the headlines (two passes), an overview table, who said what,
and each clipping on a new page, with the title and "page N of M" on every page.

Latin and Cyrillic text is set in DejaVu Serif, Chinese and Japanese runs in a CJK font that
the set-up installs (WenQuanYi Micro Hei), so no script prints as empty boxes."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from core.errors import CuttingsError
from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, plain

ACCENT = colors.HexColor("#1a3c6e")
MUTED = colors.HexColor("#5f6368")
SPEAKER = "#6a1b9a"
PIECE = 2_000  # characters of a paragraph per ReportLab paragraph (see _pieces)
_CJK = re.compile(
    r"([\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+)"
)
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))


def _find_font(*names: str) -> str | None:
    for name in names:
        for folder in _FONT_DIRS:
            hits = list(Path(folder).rglob(name)) if Path(folder).is_dir() else []
            if hits:
                return str(hits[0])
    try:  # fontconfig knows fonts installed elsewhere
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", names[0].rsplit(".", 1)[0]],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
        return out if out and Path(out).exists() and Path(out).name in names else None
    except OSError:
        return None


@cache
def fonts() -> dict[str, str]:
    """Register the pack's fonts once; returns the names to use for each role."""
    registered = {}
    for role, files in (
        ("serif", ("DejaVuSerif.ttf",)),
        ("serif-bold", ("DejaVuSerif-Bold.ttf",)),
        ("serif-italic", ("DejaVuSerif-Italic.ttf",)),
        ("sans", ("DejaVuSans.ttf",)),
        ("sans-bold", ("DejaVuSans-Bold.ttf",)),
    ):
        path = _find_font(*files)
        if path is None:
            raise CuttingsError(
                "The DejaVu fonts are missing; run `make run` once to install what packs need."
            )
        name = f"Cuttings-{role}"
        pdfmetrics.registerFont(TTFont(name, path))
        registered[role] = name
    pdfmetrics.registerFontFamily(
        registered["serif"],
        normal=registered["serif"],
        bold=registered["serif-bold"],
        italic=registered["serif-italic"],
        boldItalic=registered["serif-bold"],
    )
    cjk = _find_font("wqy-microhei.ttc", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc")
    if cjk:
        pdfmetrics.registerFont(TTFont("Cuttings-cjk", cjk, subfontIndex=0))
        registered["cjk"] = "Cuttings-cjk"
    return registered


def _pieces(paragraph: str, size: int = PIECE) -> list[str]:
    """A very long paragraph in pieces of about ``size`` characters, cut after a sentence
    where one ends near the cut: ReportLab re-wraps what is left of a paragraph at every page
    break, so one 480 KB paragraph took 78 s. A kept quote cut in two is closed and reopened."""
    pieces: list[str] = []
    while len(paragraph) > size * 1.5:
        cut = paragraph.rfind(". ", size // 2, size)
        cut = cut + 1 if cut != -1 else paragraph.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        head, paragraph = paragraph[:cut], paragraph[cut:].lstrip()
        if head.count(QUOTE_OPEN) > head.count(QUOTE_CLOSE):
            head, paragraph = head + QUOTE_CLOSE, QUOTE_OPEN + paragraph
        pieces.append(head)
    return [*pieces, paragraph]


def _markup(text: str) -> str:
    """Escaped text for a ReportLab paragraph: CJK runs in the CJK font, quotes coloured."""
    names = fonts()
    html = escape(text)
    if "cjk" in names:
        html = _CJK.sub(lambda m: f'<font name="{names["cjk"]}">{m.group(1)}</font>', html)
    return html.replace(QUOTE_OPEN, f'<font color="{SPEAKER}">').replace(QUOTE_CLOSE, "</font>")


class _Doc(BaseDocTemplate):
    def __init__(self, path: str, pack: Pack, **kw) -> None:
        super().__init__(path, **kw)
        self.pack = pack
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=lambda c, d: None),
                PageTemplate(id="body", frames=[frame], onPage=self._furniture),
            ]
        )

    def _furniture(self, canvas, doc) -> None:
        names = fonts()
        canvas.saveState()
        canvas.setFont(names["sans"], 8)
        canvas.setFillColor(MUTED)
        width, height = self.pagesize
        canvas.drawString(self.leftMargin, height - 1.2 * cm, self.pack.options.title[:110])
        canvas.restoreState()
        # "page N of M" is drawn when the document is saved and M is known.
        canvas.footer = (width - self.rightMargin, 1.0 * cm, names["sans"])

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        # Headings register themselves with the contents on the page they land on.
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=True)
            self.notify("TOCEntry", (level, flowable.toc_text, self.page, key))


def _styles() -> dict[str, ParagraphStyle]:
    f = fonts()
    base = ParagraphStyle(
        "body", fontName=f["serif"], fontSize=10.5, leading=15, spaceAfter=7, alignment=TA_LEFT
    )
    return {
        "body": base,
        "body-cont": ParagraphStyle("body-cont", base, spaceAfter=0),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=f["serif-bold"],
            fontSize=28,
            leading=34,
            textColor=ACCENT,
            spaceAfter=10,
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=15, leading=20, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=f["serif-bold"],
            fontSize=17,
            leading=22,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=f["serif-bold"], fontSize=15.5, leading=20, spaceAfter=4
        ),
        "meta": ParagraphStyle(
            "meta",
            base,
            fontName=f["sans"],
            fontSize=8.5,
            leading=11.5,
            textColor=MUTED,
            spaceAfter=2,
        ),
        "cell": ParagraphStyle(
            "cell", base, fontName=f["sans"], fontSize=8, leading=10, spaceAfter=0
        ),
        "cellhead": ParagraphStyle(
            "cellhead", base, fontName=f["sans-bold"], fontSize=8, leading=10, spaceAfter=0
        ),
        "note": ParagraphStyle(
            "note",
            base,
            fontName=f["sans"],
            fontSize=9,
            leading=12,
            backColor=colors.HexColor("#fff8e1"),
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "toc1": ParagraphStyle(
            "toc1", base, fontName=f["sans-bold"], fontSize=10, leading=14, spaceAfter=1
        ),
        "toc2": ParagraphStyle(
            "toc2", base, fontName=f["sans"], fontSize=9, leading=12, leftIndent=14, spaceAfter=0
        ),
    }


def _heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    heading = Paragraph(_markup(text), style)
    heading.toc_level = level
    heading.toc_text = _markup(text)
    return heading


def _meta(item: Item) -> str:
    return " · ".join(x for x in (item.outlet, item.byline, item.published) if x)


def _story(pack: Pack, s: dict[str, ParagraphStyle]) -> list:
    o = pack.options
    story: list = []
    if o.logo:
        image = Image(str(o.logo))
        image._restrictSize(6 * cm, 2.2 * cm)
        image.hAlign = "LEFT"
        story += [image, Spacer(1, 0.8 * cm)]
    else:
        story.append(Spacer(1, 3 * cm))
    story.append(Paragraph(_markup(o.title), s["title"]))
    if o.subtitle:
        story.append(Paragraph(_markup(o.subtitle), s["subtitle"]))
    credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
    story += [
        Spacer(1, 0.6 * cm),
        Paragraph(_markup(o.date + (f" · Prepared by {credit}" if credit else "")), s["meta"]),
        Paragraph(_markup(f"{len(pack.items)} clippings"), s["meta"]),
    ]
    story += [NextPageTemplate("body"), PageBreak(), Paragraph("Contents", s["h1"])]
    toc = TableOfContents()
    toc.levelStyles = [s["toc1"], s["toc2"]]
    toc.dotsMinLevel = 0
    story += [toc, PageBreak(), _heading("Overview", s["h1"], 0)]
    rows = [[Paragraph(t, s["cellhead"]) for t in ("Date", "Outlet", "Headline and lead")]]
    for item in pack.items:
        rows.append(
            [
                Paragraph(_markup(item.published or ""), s["cell"]),
                Paragraph(_markup(item.outlet or ""), s["cell"]),
                Paragraph(
                    f"<b>{_markup(plain(item.title))}</b><br/>{_markup(plain(item.lead))}",
                    s["cell"],
                ),
            ]
        )
    table = Table(rows, colWidths=[2.4 * cm, 3.3 * cm, None], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f8")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d7e2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    if pack.who:
        story += [PageBreak(), _heading("Who said what", s["h1"], 0)]
        for said in pack.who:
            role = f' <font color="#5f6368">— {_markup(said.role)}</font>' if said.role else ""
            story.append(
                Paragraph(
                    f'<font color="{SPEAKER}"><b>{_markup(said.speaker)}</b></font>{role}',
                    s["body"],
                )
            )
            for text, item in said.quotes:
                where = _markup(f"{item.outlet or 'unknown outlet'}, {item.published or 'undated'}")
                story.append(
                    Paragraph(
                        f"{_markup(text)} <font size=8 color='#5f6368'>{where}</font>",
                        ParagraphStyle("q", s["body"], leftIndent=12),
                    )
                )
    for group in pack.sections:
        for index, item in enumerate(group.items):
            story.append(PageBreak())  # each clipping on a page of its own
            if index == 0 and group.title:
                story.append(_heading(group.title, s["h1"], 0))
            story.append(_heading(plain(item.title), s["h2"], 1 if group.title else 0))
            story.append(Paragraph(_markup(_meta(item)), s["meta"]))
            if item.url:
                story.append(
                    Paragraph(
                        f'<link href="{escape(item.url)}">{_markup(item.url)}</link>', s["meta"]
                    )
                )
            bits = []
            if item.topics:
                bits.append("Topics: " + ", ".join(item.topics))
            if item.speakers:
                bits.append("Speakers: " + ", ".join(item.speakers))
            if item.also_ran_in:
                bits.append("Also ran in: " + ", ".join(item.also_ran_in))
            if bits:
                story.append(Paragraph(_markup(" · ".join(bits)), s["meta"]))
            story.append(Spacer(1, 6))
            if item.notes:
                story.append(Paragraph("<b>Note:</b> " + _markup(item.notes), s["note"]))
            for paragraph in item.paragraphs:
                pieces = _pieces(paragraph)
                story += [Paragraph(_markup(p), s["body-cont"]) for p in pieces[:-1]]
                story.append(Paragraph(_markup(pieces[-1]), s["body"]))
            if item.excerpted:
                story.append(
                    Paragraph(_markup("Excerpt. Full article: " + (item.url or "")), s["meta"])
                )
    return story


class _NumberedCanvas(Canvas):
    """Holds each page until the end, then stamps "page N of M" on those that want it."""

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        self._pages: list[dict] = []
        self.footer: tuple[float, float, str] | None = None

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append({**self.__dict__, "footer": self.footer})
        self.footer = None
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            if state["footer"]:
                x, y, font = state["footer"]
                self.saveState()
                self.setFont(font, 8)
                self.setFillColor(MUTED)
                self.drawRightString(x, y, f"page {number} of {total}")
                self.restoreState()
            super().showPage()
        super().save()


def render(pack: Pack, out: Path) -> int:
    """Write the PDF; returns its number of pages."""
    size = LETTER if pack.options.paper == "Letter" else A4
    styles = _styles()
    kw = dict(
        pagesize=size,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2.0 * cm,
        bottomMargin=2.0 * cm,
        title=pack.options.title,
        author=pack.options.prepared_by or pack.options.organisation,
        creator="Cuttings",
    )
    # multiBuild lays the pack out until the contents' page numbers stop changing.
    doc = _Doc(str(out), pack, **kw)
    doc.multiBuild(_story(pack, styles), canvasmaker=_NumberedCanvas)
    return int(doc.page)
