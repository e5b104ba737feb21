"""The Word pack as readers open it: python-docx reads its structure, and LibreOffice (Debian's
libreoffice-writer-nogui, which `make test` installs) lays it out as a PDF that pypdf reads back:
the cover alone on page 1, every section and headline in the contents before any field is
updated, the overview on a page of its own, the footer in one size of type."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Cm

from core.library import Library
from core.packs.build import PackOptions, build
from core.packs.export import export
from tests.core.pack_readers import keep_quote

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def pack_ids(library: Library) -> list[int]:
    rows = []
    for n in range(8):
        paragraphs = [
            f"Story {n} opens with the news of the day in a sentence or two." * 2,
            f"Speaker {n % 3} said the plan for story {n} is sound and should go ahead.",
            *(f"Paragraph {p} of story {n} goes on about the details." * 3 for p in range(10)),
        ]
        rows.append(
            {
                "title": f"Headline of story {n} about the harbour",
                "text": "\n".join(paragraphs),
                "outlet": ["Herald", "Courier", "Gazette"][n % 3],
                "byline": f"Writer {n}",
                "published": f"2024-05-{10 + n:02d}",
                "url": f"https://news.example/{n}",
            }
        )
    ids = library.add_clippings(rows)
    for n, cid in enumerate(ids):
        keep_quote(library, cid, f"Speaker {n % 3}", f"the plan for story {n} is sound")
    return ids


def _libreoffice_pdf(docx_path: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice is not installed (Debian's libreoffice-writer-nogui; `make test` "
            "installs it), so the Word file cannot be laid out here"
        )
    profile = folder / "lo-profile"
    proc = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx_path),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    out = folder / (docx_path.stem + ".pdf")
    assert proc.returncode == 0 and out.exists(), proc.stderr.decode(errors="replace")
    return out


def _fragments(page) -> list[tuple[str, float, float]]:
    """(text, size in points, height above the page's foot) of each piece of text."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = abs(tm[0] * cm[0] + tm[1] * cm[2]) or 1
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), round(size * scale, 1), y))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_word_pack_as_libreoffice_lays_it_out(library, pack_ids, tmp_path) -> None:
    options = PackOptions(title="Harbour review", subtitle="Week 19", group_by="speaker")
    out = tmp_path / "pack.docx"
    export(library, pack_ids, options, "docx", out)
    reader = pypdf.PdfReader(str(_libreoffice_pdf(out, tmp_path)))
    pages = [page.extract_text() for page in reader.pages]

    # the cover alone on page 1: no contents, overview or page furniture there
    assert "Harbour review" in pages[0] and "Week 19" in pages[0]
    for word in ("Contents", "Overview", "Headline of story", "page 1 of"):
        assert word not in pages[0], word

    # the contents begins page 2 and lists every section and headline, as LibreOffice opens it
    assert pages[1].split("\n", 2)[1].strip() == "Contents"  # after the running title
    overview_at = next(i for i, p in enumerate(pages) if "Headline and lead" in p)
    contents = " ".join(" ".join(pages[1:overview_at]).split())
    pack = build(library, pack_ids, options)
    for section in pack.sections:
        assert section.title in contents
    for item in pack.items:
        assert item.title in contents
    # the overview begins its own page
    assert pages[overview_at].split("\n", 2)[1].strip() == "Overview"
    assert overview_at >= 2

    # "page N of M" in one size, on every page but the cover
    for number, page in enumerate(reader.pages[1:], 2):
        footer = [(t, s) for t, s, y in _fragments(page) if y < 2.5 * 72 / 2.54]
        assert "".join(t for t, _ in footer).replace(" ", "") == f"page{number}of{len(pages)}"
        assert len({s for _, s in footer}) == 1, footer


def test_word_contents_is_written_out_as_links_to_the_headings(library, pack_ids, tmp_path):
    out = tmp_path / "pack.docx"
    export(library, pack_ids, PackOptions(group_by="speaker"), "docx", out)
    document = docx.Document(str(out))
    body = document.element.body
    marks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    entries = [p for p in document.paragraphs if p.style.name.startswith("toc")]
    pack = build(library, pack_ids, PackOptions(group_by="speaker"))
    wanted = ["Overview", "Who said what"]
    for section in pack.sections:
        wanted += [section.title, *(i.title for i in section.items)]
    assert [p.text for p in entries] == wanted
    for paragraph in entries:
        [link] = paragraph._p.findall(f"{W}hyperlink")
        assert link.get(f"{W}anchor") in marks
    # the entries are the current result of a TOC field that Word refreshes
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC") for i in instructions)
    # cover, contents and overview each begin a page; who said what follows where there is room
    starts = {
        p.text: bool(p.paragraph_format.page_break_before)
        for p in document.paragraphs
        if p.text in ("Contents", "Overview", "Who said what")
        and not p.style.name.startswith("toc")
    }
    assert starts == {"Contents": True, "Overview": True, "Who said what": False}


def test_word_overview_columns_have_sensible_widths(library, pack_ids, tmp_path) -> None:
    out = tmp_path / "pack.docx"
    export(library, pack_ids, PackOptions(), "docx", out)
    table = docx.Document(str(out)).tables[0]
    date, outlet, headline = (column.width for column in table.columns)
    assert Cm(1.8) < date < outlet < headline
    assert headline > 0.6 * (date + outlet + headline)
    assert [c.text for c in table.rows[0].cells] == ["Date", "Outlet", "Headline and lead"]


def test_word_footer_is_in_one_size(library, pack_ids, tmp_path) -> None:
    out = tmp_path / "pack.docx"
    export(library, pack_ids, PackOptions(), "docx", out)
    document = docx.Document(str(out))
    footer = document.sections[0].footer
    style_size = footer.paragraphs[0].style.font.size
    sizes = {r.font.size or style_size for p in footer.paragraphs for r in p.runs}
    assert sizes == {style_size} and style_size is not None
