"""Packs read back as a reader gets them: pypdf for the PDF, python-docx for Word, Python's HTML
parser for the HTML page, markdown-it (a CommonMark renderer) for the Markdown. Also a way to
keep a speaker's quote the way accepting a suggestion does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf

from core.library import Library
from core.packs.build import PackOptions
from core.packs.export import export

FORMATS = ("pdf", "docx", "html", "md")


def keep_quote(
    library: Library, clipping_id: int, speaker: str, text: str, kind: str = "direct", role=None
) -> None:
    """Keep ``text`` (which must stand in the clipping) as a quote of an accepted speaker."""
    [row] = library.execute("SELECT text FROM clippings WHERE id = ?", [clipping_id])
    start = row["text"].index(text)
    with library.write() as db:
        conn = db.conn
        key = speaker.casefold()
        conn.execute(
            "INSERT OR IGNORE INTO speakers (name, key, role) VALUES (?, ?, ?)",
            [speaker, key, role],
        )
        [(speaker_id,)] = conn.execute("SELECT id FROM speakers WHERE key = ?", [key]).fetchall()
        conn.execute(
            "INSERT OR IGNORE INTO clipping_speakers (clipping_id, speaker_id) VALUES (?, ?)",
            [clipping_id, speaker_id],
        )
        conn.execute(
            'INSERT INTO quotes (clipping_id, speaker_id, text, start, "end", kind) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [clipping_id, speaker_id, text, start, start + len(text), kind],
        )


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]


def docx_text(path: Path) -> str:
    """Every paragraph of the body, its tables and its header and footer, in order."""
    document = docx.Document(str(path))
    out = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    out.append(" | ".join(cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            out += [p.text for p in part.paragraphs]
    return "\n".join(out)


@dataclass
class Html:
    tags: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (tag, text)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Html()
        self._parts: list[str] = []
        self._heading: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        self.result.tags.append(tag)
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self.result.hrefs.append(values["href"])
        for key in ("id", "name"):
            if values.get(key):
                self.result.ids.append(values[key])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (tag, [])
        if tag in ("p", "br", "li", "tr", "td", "th", "div") or re.fullmatch(r"h[1-6]", tag):
            self._parts.append("\n")

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.result.headings.append((tag, "".join(self._heading[1]).strip()))
            self._heading = None
        if tag in ("p", "li", "td", "th") or re.fullmatch(r"h[1-6]", tag):
            self._parts.append("\n")

    def handle_data(self, data):
        self._parts.append(data)
        if self._heading:
            self._heading[1].append(data)

    def close(self) -> Html:
        super().close()
        self.result.text = "".join(self._parts)
        return self.result


def read_html(html: str) -> Html:
    reader = _Reader()
    reader.feed(html)
    return reader.close()


def markdown_to_html(text: str) -> str:
    """The Markdown as a permissive CommonMark renderer shows it: raw HTML allowed, GFM tables,
    and no filtering of link addresses (so the file itself must hold no javascript: link)."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    renderer.validateLink = lambda url: True
    return renderer.render(text)


def text_of(fmt: str, path: Path) -> str:
    """What a reader of the file sees, as text."""
    if fmt == "pdf":
        return "\n".join(pdf_pages(path))
    if fmt == "docx":
        return docx_text(path)
    if fmt == "html":
        return read_html(path.read_text("utf-8")).text
    return read_html(markdown_to_html(path.read_text("utf-8"))).text


def every_format(
    library: Library, ids: list[int], options: PackOptions, folder: Path
) -> dict[str, str]:
    """The pack in all four formats, each read back as text."""
    texts = {}
    for fmt in FORMATS:
        out = folder / f"pack.{fmt}"
        export(library, ids, options, fmt, out)
        texts[fmt] = text_of(fmt, out)
    return texts
