"""Print sends the exported PDF's own pages to the printer: the same number of pages, and each
printed page looks like the PDF's page (both rendered by PDFium and compared pixel by pixel)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from core.errors import CuttingsError
from core.library import Library
from core.packs.build import PackOptions
from core.packs.export import export
from ui.printing import print_pack, print_pdf

WIDTH, BLOCK = 400, 10  # pixels across a page, and the blocks compared


def _printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _grey(path: Path, index: int) -> list[float]:
    """The page as ink per block of BLOCK x BLOCK pixels: two renderings of the same page agree
    there even where their anti-aliasing of each letter differs."""
    document = pdfium.PdfDocument(str(path))
    try:
        page = document[index]
        bitmap = page.render(scale=WIDTH / page.get_size()[0], grayscale=True)
        data, step, stride = bytes(bitmap.buffer), bitmap.n_channels, bitmap.stride
        blocks = []
        for top in range(0, bitmap.height - BLOCK + 1, BLOCK):
            for left in range(0, bitmap.width - BLOCK + 1, BLOCK):
                ink = sum(
                    255 - data[row * stride + col * step]
                    for row in range(top, top + BLOCK)
                    for col in range(left, left + BLOCK)
                )
                blocks.append(ink / BLOCK**2)
        return blocks
    finally:
        document.close()


def _distance(a: list[int], b: list[int]) -> float:
    """How far apart two renderings are: the mean difference of their pixels (0 to 255)."""
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def _pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture
def pack_pdf(library: Library, tmp_path: Path) -> Path:
    ids = library.add_clippings(
        [
            {
                "title": f"Printed story {n}",
                "text": "\n".join(f"Line {p} of printed story {n}." for p in range(40)),
                "outlet": "Herald",
                "published": f"2024-02-{n + 1:02d}",
            }
            for n in range(3)
        ]
    )
    out = tmp_path / "pack.pdf"
    export(library, ids, PackOptions(title="Print test"), "pdf", out)
    return out


def test_printing_gives_the_pdfs_pages(qtbot, pack_pdf: Path, tmp_path: Path) -> None:
    printed = tmp_path / "printed.pdf"
    count = print_pdf(pack_pdf, _printer(printed), dpi=150)
    assert count == _pages(pack_pdf) == _pages(printed)
    for index in range(count):
        original, paper = _grey(pack_pdf, index), _grey(printed, index)
        assert sum(v > 20 for v in paper) > 20  # ink, not a blank page
        # closer to its own page than to any other page of the pack, and close in itself
        other = _grey(pack_pdf, (index + 1) % count)
        own, elsewhere = _distance(original, paper), _distance(other, paper)
        assert own < min(4.0, elsewhere / 2), (index, own, elsewhere)


def test_a_page_range_prints_those_pages(qtbot, pack_pdf: Path, tmp_path: Path) -> None:
    printed = tmp_path / "range.pdf"
    printer = _printer(printed)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(pack_pdf, printer, dpi=72) == 2 == _pages(printed)
    for original, paper in ((1, 0), (2, 1)):
        assert _distance(_grey(pack_pdf, original), _grey(printed, paper)) < 4.0


def test_print_pack_exports_then_prints(qtbot, library: Library, tmp_path: Path) -> None:
    ids = library.add_clippings([{"title": "Only story", "text": "Some words.", "outlet": "Post"}])
    clippings, pages = print_pack(library, ids, PackOptions(), _printer(tmp_path / "p.pdf"))
    assert clippings == 1 and pages == _pages(tmp_path / "p.pdf") >= 4


def test_a_file_that_is_not_a_pdf_is_refused_with_a_sentence(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "pack.pdf"
    bad.write_bytes(b"not a pdf at all")
    with pytest.raises(CuttingsError, match="Cannot read the pack pack.pdf"):
        print_pdf(bad, _printer(tmp_path / "out.pdf"))
