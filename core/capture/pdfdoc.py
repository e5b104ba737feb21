"""PDF documents (press releases, reports, statements) as clippings: the text in reading order
with its paragraphs, the title, author and date from the document's metadata or its first
page, and the file kept as the original.

pdfminer.six reads them: its layout analysis groups lines into text boxes (our paragraphs) and
orders the boxes column by column, so a two-column release reads down the left column first;
pypdf and pypdfium2 give lines in drawing order without paragraphs. A PDF with no text layer
(a scan) is refused: Cuttings does not do OCR.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import datetime
from typing import Any

from core.capture.bylines import clean_byline
from core.capture.language import guess
from core.errors import CaptureError

MAX_PAGES = 300  # a report's first 300 pages; a press office clips releases, not books
MIN_CHARACTERS = 40
_JUNK_TITLE = re.compile(
    r"^\(?(?:untitled|anonymous|unspecified|document\d*|dokument\d*|"
    r"microsoft (?:word|powerpoint)\b.*|.*\.(?:docx?|odt|"
    r"rtf|pdf|indd|pages|txt)|title|titel|press release|pressemitteilung|slide \d+)\)?$",
    re.I,
)
_JUNK_AUTHOR = {
    "anonymous", "(anonymous)", "administrator", "admin", "user", "owner", "unknown", "author",
    "(unspecified)", "unspecified",
}  # fmt: skip
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:page|seite|p\.)\s*\d{1,4}(?:\s*(?:of|von|/)\s*\d{1,4})?)$",
    re.I,
)
_MONTHS = {
    **dict.fromkeys(("january", "jan", "januar", "janvier", "enero", "jänner"), 1),
    **dict.fromkeys(("february", "feb", "februar", "février", "febrero"), 2),
    **dict.fromkeys(("march", "mar", "märz", "mars", "marzo"), 3),
    **dict.fromkeys(("april", "apr", "avril", "abril"), 4),
    **dict.fromkeys(("may", "mai", "mayo"), 5),
    **dict.fromkeys(("june", "jun", "juni", "juin", "junio"), 6),
    **dict.fromkeys(("july", "jul", "juli", "juillet", "julio"), 7),
    **dict.fromkeys(("august", "aug", "août", "agosto"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre", "septiembre"), 9),
    **dict.fromkeys(("october", "oct", "oktober", "octobre", "octubre"), 10),
    **dict.fromkeys(("november", "nov", "novembre", "noviembre"), 11),
    **dict.fromkeys(("december", "dec", "dezember", "décembre", "diciembre"), 12),
}
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_PRINTED_DATE = re.compile(
    r"\b(?:(?P<iso>(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2}))|"
    r"(?P<d2>\d{1,2})\.?\s+(?:de\s+)?(?P<mon2>" + _MONTH + r")\.?,?\s+(?:de\s+)?(?P<y2>\d{4})|"
    r"(?P<mon3>" + _MONTH + r")\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{4})|"
    r"(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))\b",
    re.I,
)
_BYLINE_LINE = re.compile(r"^(?:by|von|par|por|author|autor|auteur)\s*:?\s+\S", re.I)


def looks_like_pdf(data: bytes) -> bool:
    # the header may follow a little junk at the start of a line (some servers add it)
    index = data.find(b"%PDF-", 0, 1024)
    return index == 0 or (index > 0 and data[index - 1 : index] in (b"\r", b"\n", b"\x00"))


def parse_pdf(data: bytes, *, url: str | None = None) -> dict[str, Any]:
    """A clipping from a PDF's bytes; raises CaptureError with a reason a user can read."""
    info, pages = _read(data)
    paragraphs = _without_running_heads(pages)
    text_length = sum(len(p.text) for page in paragraphs for p in page)
    if text_length < MIN_CHARACTERS:
        raise CaptureError(
            "the PDF has no text layer (a scanned document?); Cuttings cannot read images of text"
        )
    first_page = paragraphs[0] if paragraphs else []
    title, title_box = _title(info, first_page)
    body = _joined([[p for p in page if p is not title_box] for page in paragraphs])
    if body and title and _fold(body[0]) == _fold(title) and title_box is not _FROM_TEXT:
        body = body[1:]  # the headline is not the first paragraph too
    byline = _author(info, first_page)
    text = "\n\n".join(body)
    return {
        "title": title,
        "text": text,
        "byline": byline,
        "wire": None,
        "outlet": None,
        "published": _printed_date(first_page) or _pdf_date(info.get("CreationDate")),
        "url": url,
        "canonical_url": url,
        "language": guess(title + "\n" + text),
        "lead": None,
        "original": data,
        "original_type": "application/pdf",
    }


class _Box:
    """A text box of a page: a paragraph, with the size of its largest letters and where it
    stands (PDF points, from the page's bottom left)."""

    __slots__ = ("left", "right", "size", "text", "top")

    def __init__(self, text: str, size: float, box: tuple[float, float, float, float]) -> None:
        self.text, self.size = text, size
        self.left, _bottom, self.right, self.top = box


_FROM_TEXT = _Box("", 0.0, (0.0, 0.0, 0.0, 0.0))  # a title read from the text, which keeps it


def _reading_order(boxes: list[_Box], width: float) -> list[_Box]:
    """Columns read top to bottom, left to right; a box across the columns (a headline, a
    table) ends the columns above it."""
    ordered: list[_Box] = []
    band: list[_Box] = []

    def flush() -> None:
        columns: list[list[_Box]] = []
        for box in sorted(band, key=lambda b: b.left):
            for column in columns:
                if box.left < max(b.right for b in column) - 5:  # overlaps this column
                    column.append(box)
                    break
            else:
                columns.append([box])
        for column in columns:
            ordered.extend(sorted(column, key=lambda b: -b.top))
        band.clear()

    for box in sorted(boxes, key=lambda b: -b.top):
        if width and box.right - box.left > 0.6 * width:
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    return ordered


def _joined(pages: list[list[_Box]]) -> list[str]:
    """Paragraphs; one cut by a column's or a page's end ("... more passengers" / "this year")
    is joined again."""
    paragraphs: list[str] = []
    for box in (b for page in pages for b in page):
        last = paragraphs[-1] if paragraphs else ""
        if last and box.text[:1].islower() and not last.endswith((".", ":", "!", "?")):
            hyphen = last.endswith("-") and last[-2:-1].isalpha()
            paragraphs[-1] = (last[:-1] if hyphen else last + " ") + box.text
        else:
            paragraphs.append(box.text)
    return paragraphs


def _read(data: bytes) -> tuple[dict[str, Any], list[list[_Box]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFException, resolve1
    from pdfminer.psparser import PSException

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        stated = document.info[0] if document.info else {}
        info = {key: _decode(resolve1(value)) for key, value in stated.items()}
        pages = []
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES):
            boxes = [
                _Box(_paragraph(element), _size(element), element.bbox)
                for element in layout
                if isinstance(element, LTTextContainer)
            ]
            pages.append(_reading_order([b for b in boxes if b.text], layout.width))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise CaptureError("the PDF is protected by a password") from error
    except (PSException, PDFException, ValueError, KeyError, TypeError, AssertionError) as error:
        raise CaptureError("the file is not a readable PDF (damaged or incomplete?)") from error
    return info, pages


def _decode(value: Any) -> Any:
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        return " ".join(decode_text(value).replace("\x00", "").split())
    return value


def _paragraph(element: Any) -> str:
    """A text box's lines as one paragraph; a word broken at a line's end joined again."""
    lines = [" ".join(line.split()) for line in element.get_text().splitlines()]
    text = ""
    for line in filter(None, lines):
        if text.endswith("-") and line[:1].islower() and text[-2:-1].isalpha():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def _size(element: Any) -> float:
    from pdfminer.layout import LTChar

    sizes = [c.size for line in element for c in line if isinstance(c, LTChar)]
    return max(sizes, default=0.0)


def _without_running_heads(pages: list[list[_Box]]) -> list[list[_Box]]:
    """Page numbers, and the lines that head or foot most pages, are not the text."""

    def key(box: _Box) -> str:
        return re.sub(r"\d+", "#", _fold(box.text))

    counts = Counter(k for page in pages for k in {key(b) for b in page})
    repeated = {k for k, n in counts.items() if len(pages) >= 3 and n >= len(pages) / 2}
    return [
        [b for b in page if not _PAGE_NUMBER.match(b.text) and key(b) not in repeated]
        for page in pages
    ]


def _title(info: dict[str, Any], first_page: list[_Box]) -> tuple[str, _Box | None]:
    """The metadata's title where it is one, else the first page's largest print."""
    candidates = [b for b in first_page if len(b.text) <= 250]
    largest = max(candidates, key=lambda b: (round(b.size, 1), b.top), default=None)
    sizes: Counter[float] = Counter()
    for box in first_page:
        sizes[round(box.size, 1)] += len(box.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    stated = info.get("Title") if isinstance(info.get("Title"), str) else ""
    if stated and not _JUNK_TITLE.match(stated.strip()):
        same = next((b for b in first_page if _fold(b.text) == _fold(stated)), None)
        return stated.strip(), same
    if largest and largest.size > body_size + 0.5:  # a heading, set larger than the text
        return largest.text, largest
    if first_page:  # no heading: the first sentence names it, and stays in the text
        from core.capture.textfile import first_sentence

        return first_sentence(first_page[0].text)[0][:200], _FROM_TEXT
    return "", None


def _author(info: dict[str, Any], first_page: list[_Box]) -> str | None:
    stated = info.get("Author") if isinstance(info.get("Author"), str) else ""
    if stated and stated.strip().casefold() not in _JUNK_AUTHOR:
        return clean_byline(stated, None)[0]
    for box in first_page[:8]:
        if _BYLINE_LINE.match(box.text) and len(box.text) <= 100:
            return clean_byline(box.text, None)[0]
    return None


def _printed_date(first_page: list[_Box]) -> str | None:
    for box in first_page[:12]:
        for match in _PRINTED_DATE.finditer(box.text):
            parts = match.groupdict()
            try:
                if parts["iso"]:
                    found = datetime(int(parts["y1"]), int(parts["m1"]), int(parts["d1"]))
                elif parts["mon2"]:
                    month = _MONTHS[parts["mon2"].casefold()]
                    found = datetime(int(parts["y2"]), month, int(parts["d2"]))
                elif parts["mon3"]:
                    month = _MONTHS[parts["mon3"].casefold()]
                    found = datetime(int(parts["y3"]), month, int(parts["d3"]))
                else:
                    found = datetime(int(parts["y4"]), int(parts["m4"]), int(parts["d4"]))
            except (ValueError, KeyError):
                continue
            return found.strftime("%Y-%m-%d")
    return None


def _pdf_date(value: Any) -> str | None:
    """'D:20240502101500+02'00'' -> '2024-05-02'."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value if isinstance(value, str) else "")
    if not match:
        return None
    try:
        year, month, day = (int(part) for part in match.groups()[:3])
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())
