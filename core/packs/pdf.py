"""A briefing pack as a print-ready PDF (A4 or Letter) through ReportLab: a cover alone on its
page, contents whose page numbers are those of the headlines, an overview that follows the
sections, who said what, then the clippings: each on a new page, or excerpts flowing several
to a page. The title and "page N of M" stand on every page but the cover. Page numbers in the
text ("see page N") come from the previous layout pass; ReportLab lays the pack out again until
they stop changing.

Latin and Cyrillic text is set in DejaVu Serif, Chinese and Japanese runs in a CJK font that
the set-up installs (WenQuanYi Micro Hei), so no script prints as empty boxes."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from core.errors import CuttingsError
from core.highlights.marking import balance, pack_reportlab
from core.packs.build import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Item,
    Pack,
    Quote,
    Said,
    Section,
    details,
    plain,
    shown_date,
)

ACCENT_HEX, MUTED_HEX = "#1a3c6e", "#5f6368"
ACCENT = colors.HexColor(ACCENT_HEX)
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#d0d7e2")
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
        head, paragraph = balance(head, paragraph)  # a highlight open at the cut
        if head.count(QUOTE_OPEN) > head.count(QUOTE_CLOSE):
            head, paragraph = head + QUOTE_CLOSE, QUOTE_OPEN + paragraph
        pieces.append(head)
    return [*pieces, paragraph]


_UNSET = object()


class _Para(Paragraph):
    """A paragraph that remembers how it was broken into lines for each width, and how it
    was split for each space left on a page. multiBuild lays the pack out at least twice,
    and a paragraph nearly always lands where it landed before: breaking lines was half of
    every pass. What a call changes on the paragraph is recorded with its answer and done
    again on a repeat, so a repeated call leaves the paragraph as the first one did."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        return self._again("_wraps", availWidth, super().wrap, availWidth, availHeight)

    def split(self, availWidth, availHeight):  # noqa: N803
        lines = id(self.__dict__.get("blPara"))  # split breaks the lines it was last wrapped to
        key = (availWidth, availHeight, lines)
        return list(self._again("_splits", key, super().split, availWidth, availHeight))

    def _again(self, memo: str, key, call, *args):
        known = self.__dict__.setdefault(memo, {})
        if key in known:
            answer, changes = known[key]
            for name, value in changes.items():
                if value is _UNSET:
                    self.__dict__.pop(name, None)
                else:
                    self.__dict__[name] = value
            return answer
        before = dict(self.__dict__)
        answer = call(*args)
        changes = {
            name: value
            for name, value in self.__dict__.items()
            if name not in (memo,) and before.get(name, _UNSET) is not value
        }
        changes.update({name: _UNSET for name in before if name not in self.__dict__})
        known[key] = (answer, changes)
        return answer

    def drawOn(self, canvas, x, y, _sW=0) -> None:  # noqa: N802, N803
        if getattr(canvas, "measuring", False):
            return  # the first pass only finds where things land (see _Doc)
        super().drawOn(canvas, x, y, _sW)


def _markup(text: str) -> str:
    """Escaped text for a ReportLab paragraph: CJK runs in the CJK font, quotes coloured."""
    names = fonts()
    html = escape(text)
    if "cjk" in names:
        html = _CJK.sub(lambda m: f'<font name="{names["cjk"]}">{m.group(1)}</font>', html)
    html = html.replace(QUOTE_OPEN, f'<font color="{SPEAKER}">').replace(QUOTE_CLOSE, "</font>")
    return pack_reportlab(html)


class _Pages(IndexingFlowable):
    """Where each headline landed in the last pass, for the "see page N" in the text. As an
    indexing flowable it makes multiBuild lay the pack out again while those pages change."""

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, int] = {}
        self.last: dict[str, int] = {}

    def isSatisfied(self) -> bool:  # noqa: N802 (ReportLab's names)
        return self._entries == self.last

    def beforeBuild(self) -> None:  # noqa: N802
        self.last, self._entries = self._entries, {}

    def notify(self, kind: str, stuff) -> None:
        if kind == "Landed":
            key, page = stuff
            self._entries.setdefault(key, page)

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        pass

    def of(self, key: str) -> str:
        # two digits' room on the first pass keeps its line breaks close to the final ones
        return str(self.last.get(key, "00"))


_REF = re.compile("\x06([a-z0-9]+)\x07")


def _ref(key: str) -> str:
    """Where a page number goes in markup handed to _PageRef."""
    return f"\x06{key}\x07"


class _PageRef(Flowable):
    """A paragraph that names pages: its text is set anew in every pass."""

    def __init__(self, markup: str, style: ParagraphStyle, pages: _Pages) -> None:
        super().__init__()
        self.markup, self.style, self.pages = markup, style, pages
        self._para: Paragraph | None = None
        self._text = ""
        self._wrapped: tuple[float, tuple[float, float]] | None = None

    def _paragraph(self) -> Paragraph:
        text = _REF.sub(lambda m: self.pages.of(m[1]), self.markup)
        if self._para is None or text != self._text:  # parsing markup is half the cost
            self._para, self._text, self._wrapped = _Para(text, self.style), text, None
        return self._para

    def wrap(self, available_width, available_height):
        para = self._paragraph()
        if self._wrapped and self._wrapped[0] == available_width:
            self.width, self.height = self._wrapped[1]
        else:
            self.width, self.height = para.wrap(available_width, available_height)
            self._wrapped = (available_width, (self.width, self.height))
        return self.width, self.height

    def split(self, available_width, available_height):
        self._wrapped = None  # the paragraph's split leaves it wrapped for another height
        return self._paragraph().split(available_width, available_height)

    def drawOn(self, canvas, x, y, _sW=0) -> None:  # noqa: N802, N803
        if self._para is None:
            self.wrap(self.width or 1e6, 1e6)
        assert self._para is not None  # wrap() lays it out
        self._para.drawOn(canvas, x, y, _sW)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.style.spaceBefore


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
        top = height - 1.2 * cm
        canvas.drawString(self.leftMargin, top, self.pack.options.title[:90])
        canvas.drawRightString(
            width - self.rightMargin, top, (shown_date(self.pack.options.date) or "")[:30]
        )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(self.leftMargin, top - 4, width - self.rightMargin, top - 4)
        canvas.restoreState()
        # "page N of M" is drawn when the document is saved and M is known.
        canvas.footer = (width - self.rightMargin, 1.0 * cm, names["sans"])

    # The first pass only measures: it finds the page of every heading, and the contents
    # already have their entries (see render), so it can never be the last; paragraphs are
    # not drawn in it. Drawing was a third of every pass.
    _pass = 0

    def build(self, flowables, **kw) -> None:
        self._pass += 1
        super().build(flowables, **kw)

    def _makeCanvas(self, *args, **kw):  # noqa: N802
        canvas = super()._makeCanvas(*args, **kw)
        canvas.measuring = self._pass == 1
        return canvas

    def _allSatisfied(self) -> bool:  # noqa: N802
        return self._pass > 1 and bool(super()._allSatisfied())

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (ReportLab's name)
        # Headings register themselves with the contents on the page they land on.
        key = getattr(flowable, "key", None)
        if key is None:
            return
        self.canv.bookmarkPage(key)
        self.notify("Landed", (key, self.page))
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=True)
            self.notify("TOCEntry", (level, flowable.toc_text, self.page, key))


def _styles() -> dict[str, ParagraphStyle]:
    f = fonts()
    base = ParagraphStyle(
        "body", fontName=f["serif"], fontSize=10.5, leading=15, spaceAfter=7, alignment=TA_LEFT
    )
    sans = ParagraphStyle("sans", base, fontName=f["sans"], fontSize=9, leading=12, spaceAfter=3)
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
            spaceAfter=4,
            keepWithNext=1,
        ),
        "about": ParagraphStyle("about", sans, textColor=MUTED, spaceAfter=10, keepWithNext=1),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=f["serif-bold"],
            fontSize=15.5,
            leading=20,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h2-excerpt": ParagraphStyle(
            "h2-excerpt",
            base,
            fontName=f["serif-bold"],
            fontSize=13,
            leading=17,
            spaceBefore=4,
            spaceAfter=3,
            keepWithNext=1,
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
        "cellpage": ParagraphStyle(
            "cellpage", base, fontName=f["sans"], fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "cellhead": ParagraphStyle(
            "cellhead", base, fontName=f["sans-bold"], fontSize=8, leading=10, spaceAfter=0
        ),
        "cellsection": ParagraphStyle(
            "cellsection",
            base,
            fontName=f["sans-bold"],
            fontSize=8.5,
            leading=11,
            spaceAfter=0,
            textColor=ACCENT,
        ),
        "speaker": ParagraphStyle("speaker", base, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "quote": ParagraphStyle("quote", base, leftIndent=14, spaceAfter=5),
        "label": ParagraphStyle(
            "label",
            sans,
            fontSize=8,
            leading=10,
            textColor=MUTED,
            leftIndent=14,
            spaceBefore=2,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "seelabel": ParagraphStyle(
            "seelabel", sans, fontSize=8, leading=10, textColor=MUTED, spaceAfter=3, keepWithNext=1
        ),
        "see": ParagraphStyle("see", sans, leftIndent=10, bulletIndent=0, spaceAfter=3),
        "note": ParagraphStyle(
            "note",
            sans,
            leading=12,
            backColor=colors.HexColor("#fff8e1"),
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=12,
        ),
        "toc1": ParagraphStyle(
            "toc1",
            base,
            fontName=f["sans-bold"],
            fontSize=9.5,
            leading=13,
            spaceBefore=3,
            spaceAfter=0,
        ),
        "toc2": ParagraphStyle(
            "toc2", base, fontName=f["sans"], fontSize=9, leading=11.5, leftIndent=14, spaceAfter=1
        ),
    }


def _heading(text: str, style: ParagraphStyle, level: int | None, key: str) -> Paragraph:
    heading = _Para(_markup(text), style)
    heading.key = key
    if level is not None:
        heading.toc_level = level
        heading.toc_text = _markup(text)
    return heading


def _muted(text: str) -> str:
    return f'<font color="{MUTED_HEX}">{text}</font>'


def _page_link(item: Item, words: str = "page") -> str:
    return f'<a href="#{item.anchor}" color="{ACCENT_HEX}">{words} {_ref(item.anchor)}</a>'


def _shown_url(url: str, limit: int = 80) -> str:
    shown = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _url_line(url: str, words: str | None = None) -> str:
    text = _markup(words or _shown_url(url))
    return f'<link href="{escape(url, {chr(34): "&quot;"})}" color="{ACCENT_HEX}">{text}</link>'


def _cover(pack: Pack, s: dict[str, ParagraphStyle]) -> list:
    o = pack.options
    story: list = []
    if o.logo:
        image = Image(str(o.logo))
        image._restrictSize(6 * cm, 2.2 * cm)
        image.hAlign = "LEFT"
        story += [image, Spacer(1, 0.8 * cm)]
    else:
        story.append(Spacer(1, 3 * cm))
    story.append(_Para(_markup(o.title), s["title"]))
    if o.subtitle:
        story.append(_Para(_markup(o.subtitle), s["subtitle"]))
    credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
    story += [
        Spacer(1, 0.6 * cm),
        _Para(
            _markup(details(shown_date(o.date), credit and f"Prepared by {credit}")), s["meta"]
        ),
        _Para(_markup(pack.extent), s["meta"]),
    ]
    return story


def _overview(pack: Pack, s: dict[str, ParagraphStyle], pages: _Pages) -> list:
    head = [_Para(t, s["cellhead"]) for t in ("Date", "Outlet", "Headline and lead")]
    rows: list[list] = [
        [*head, _Para("Page", ParagraphStyle("r", s["cellhead"], alignment=TA_RIGHT))]
    ]
    spans = []
    for section in pack.sections:
        if not section.items:
            continue  # its clippings stand under the sections that print them
        if section.title:
            spans.append(len(rows))
            rows.append([_Para(_markup(section.title), s["cellsection"]), "", "", ""])
        for item in section.items:
            cell = f"<b>{_markup(plain(item.title))}</b>"
            if item.lead:
                cell += "<br/>" + _markup(plain(item.lead))
            if item.why:
                label = f'<font name="{fonts()["sans-bold"]}">Why it matters:</font>'
                cell += f'<br/><font color="{ACCENT_HEX}">{label} {_markup(item.why)}</font>'
            rows.append(
                [
                    _Para(_markup(shown_date(item.published) or ""), s["cell"]),
                    _Para(_markup(item.outlet or ""), s["cell"]),
                    _Para(cell, s["cell"]),
                    _PageRef(_page_link(item, ""), s["cellpage"], pages),
                ]
            )
    table = Table(rows, colWidths=[2.3 * cm, 2.9 * cm, None, 1.5 * cm], repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f8")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for row in spans:
        style += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f6f8fb")),
            ("TOPPADDING", (0, row), (-1, row), 6),
            ("NOSPLIT", (0, row), (-1, row + 1)),  # a section's title stays with its first row
        ]
    table.setStyle(TableStyle(style))
    return [table]


def _source(quote: Quote) -> str:
    where = _markup(quote.item.details(byline=False))
    link = _page_link(quote.item, "p.")
    sans = fonts()["sans"]
    tail = f"— {where + ', ' if where else ''}{link}"
    return " " + _muted(f'<font name="{sans}" size="7.5">{tail}</font>')


def _who_in_full(pack: Pack, s: dict[str, ParagraphStyle], pages: _Pages) -> list:
    story: list = []
    for said in pack.who:
        story.append(_Para(_speaker_line(said), s["speaker"]))
        for label, quotes in (("Said", said.direct), ("Reported", said.reported)):
            if not quotes:
                continue
            if said.direct and said.reported:
                story.append(_Para(label.upper(), s["label"]))
            story += [_PageRef(_markup(q.shown) + _source(q), s["quote"], pages) for q in quotes]
    return story


def _speaker_line(said: Said) -> str:
    line = f'<font color="{SPEAKER}"><b>{_markup(said.speaker)}</b></font>'
    more = ", ".join(x for x in (said.role, said.count_text) if x)
    return line + (" " + _muted(f'<font size="9">{_markup(more)}</font>') if more else "")


def _who_in_brief(pack: Pack, s: dict[str, ParagraphStyle], pages: _Pages) -> list:
    rows = [[_Para(t, s["cellhead"]) for t in ("Speaker", "Quotes", "First quote")]]
    for said in pack.who:
        name = f'<font color="{SPEAKER}"><b>{_markup(said.speaker)}</b></font>'
        if said.role:
            name += "<br/>" + _muted(_markup(said.role))
        rows.append(
            [
                _Para(name, s["cell"]),
                _Para(str(len(said.quotes)), s["cell"]),
                _PageRef(_markup(said.first.shown) + _source(said.first), s["cell"], pages),
            ]
        )
    table = Table(rows, colWidths=[4.4 * cm, 1.7 * cm, None], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f8")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table]


def _section_head(section: Section, s: dict[str, ParagraphStyle], pages: _Pages) -> list:
    story: list = [_heading(section.title or "", s["h1"], 0, section.anchor)]
    if section.about:
        story.append(_Para(_markup(section.about), s["about"]))
    if section.elsewhere:
        label = "Also quoting" if section.items else "Clippings quoting"
        story.append(_Para(_markup(f"{label} {section.title}:"), s["seelabel"]))
        for item in section.elsewhere:
            bits = _markup(item.details(byline=False))
            story.append(
                _PageRef(
                    f"<b>{_markup(plain(item.title))}</b>"
                    + _muted(f" — {bits + ', ' if bits else ''}see ")
                    + _page_link(item),
                    ParagraphStyle("see-item", s["see"], bulletText="•"),
                    pages,
                )
            )
        story.append(Spacer(1, 10))
    return story


def _clipping(item: Item, s: dict[str, ParagraphStyle], level: int, excerpt: bool) -> list:
    story: list = [
        _heading(plain(item.title), s["h2-excerpt" if excerpt else "h2"], level, item.anchor)
    ]
    if item.details():
        story.append(_Para(_markup(item.details()), s["meta"]))
    if item.link and not excerpt:
        story.append(_Para(_url_line(item.link), s["meta"]))
    bits = []
    if item.topics:
        bits.append("Topics: " + ", ".join(item.topics))
    if item.speakers:
        bits.append("Speakers: " + ", ".join(item.speakers))
    if item.also_ran_in:
        bits.append("Also ran in: " + ", ".join(item.also_ran_in))
    if bits:
        story.append(_Para(_markup(" · ".join(bits)), s["meta"]))
    story.append(Spacer(1, 4 if excerpt else 6))
    story += _why_and_passages(item, s)
    if item.notes:
        story.append(_Para("<b>Note:</b> " + _markup(item.notes), s["note"]))
    for paragraph in item.paragraphs:
        pieces = _pieces(paragraph)
        story += [_Para(_markup(p), s["body-cont"]) for p in pieces[:-1]]
        story.append(_Para(_markup(pieces[-1]), s["body"]))
    if excerpt and item.link:
        words = "Read the full article" if item.excerpted else "The article"
        story.append(
            _Para(
                _url_line(item.link, words) + _muted(" · " + _markup(_shown_url(item.link, 60))),
                s["meta"],
            )
        )
    return story


def _why_line(why: str) -> str:
    return f'<font color="{ACCENT_HEX}"><b>Why it matters:</b> {_markup(why)}</font>'


def _why_and_passages(item: Item, s: dict[str, ParagraphStyle]) -> list:
    """The reader's line on why it matters, and the passages they marked with their comments."""
    story: list = []
    if item.why:
        story.append(Paragraph(_why_line(item.why), s["body"]))
    if not item.passages:
        return story
    rows = [[Paragraph(_muted("KEY PASSAGES"), s["label"])]]
    for passage in item.passages:
        line = f'<span backColor="{passage.background}">“{_markup(passage.text)}”</span>'
        line += " " + _muted(f'<font size="7.5">{_markup(passage.colour_name)}</font>')
        if passage.comment:
            line += f"<br/><i>{_markup(passage.comment)}</i>"
        rows.append([Paragraph(line, s["quote"])])
    table = Table(rows, colWidths=[None])
    table.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [*story, table, Spacer(1, 8)]


def _clippings(pack: Pack, s: dict[str, ParagraphStyle], pages: _Pages) -> list:
    story: list = []
    excerpt = pack.options.excerpt
    level = 1 if pack.grouped else 0
    if excerpt:
        story.append(PageBreak())  # the excerpts begin a page, then flow
    for section in pack.sections:
        if excerpt:
            head = []
            if section.title:
                head = [Spacer(1, 8), *_section_head(section, s, pages)]
                story.append(CondPageBreak(5 * cm))
            for item in section.items:
                # a section's heading travels with its first excerpt, a short excerpt is whole
                block = [*head, *_clipping(item, s, level, excerpt=True)]
                short = sum(len(p) for p in item.paragraphs) < 2500
                story += [KeepTogether(block)] if short else block
                story.append(
                    HRFlowable(
                        width="100%", thickness=0.4, color=RULE, spaceBefore=6, spaceAfter=10
                    )
                )
                head = []
            story += head
            continue
        if section.title and not section.items:
            # a section whose clippings all print elsewhere: a few lines, not a page of its own
            story += [CondPageBreak(6 * cm), Spacer(1, 18), *_section_head(section, s, pages)]
            continue
        for index, item in enumerate(section.items):
            story.append(PageBreak())  # each clipping on a page of its own
            if index == 0 and section.title:
                story += _section_head(section, s, pages)
            story += _clipping(item, s, level, excerpt=False)
    return story


def _story(pack: Pack, s: dict[str, ParagraphStyle]) -> list:
    pages = _Pages()
    story: list = [pages, *_cover(pack, s)]
    story += [NextPageTemplate("body"), PageBreak(), _Para("Contents", s["h1"])]
    toc = TableOfContents()
    toc.levelStyles = [s["toc1"], s["toc2"]]
    toc.dotsMinLevel = 0
    story += [toc, PageBreak()]
    if pack.coverage is not None:  # at a glance, before the list of clippings
        from core.packs.coverage_print import pdf_story

        width = (LETTER if pack.options.paper == "Letter" else A4)[0] - 4.4 * cm
        story += [*pdf_story(pack.coverage, s, _markup, _heading, width), PageBreak()]
    story += [_heading("Overview", s["h1"], 0, "overview"), Spacer(1, 4)]
    story += _overview(pack, s, pages)
    if pack.who:
        # after the overview on its page where there is room: a page is not wasted on its tail
        story += [
            CondPageBreak(8 * cm),
            Spacer(1, 16),
            _heading("Who said what", s["h1"], 0, "who"),
        ]
        if pack.who_in_full:
            story += _who_in_full(pack, s, pages)
        else:
            story += [Spacer(1, 4), *_who_in_brief(pack, s, pages)]
    return story + _clippings(pack, s, pages)


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
    # multiBuild lays the pack out until the contents' page numbers stop changing. The
    # contents start with every entry (page numbers to come), so the first pass already lays
    # the pages out as the last will: two passes, where an empty contents on the first took
    # three.
    story = _story(pack, styles)
    toc = next(f for f in story if isinstance(f, TableOfContents))
    toc.addEntries((level, text, 0, key) for level, text, key in _entries(story))
    doc = _Doc(str(out), pack, **kw)
    doc.multiBuild(story, canvasmaker=_NumberedCanvas)
    return int(doc.page)


def _entries(story: list):
    """(level, text, key) of every heading for the contents, in the order they print."""
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            yield from _entries(flowable._content)
        elif getattr(flowable, "toc_level", None) is not None:
            yield flowable.toc_level, flowable.toc_text, flowable.key
