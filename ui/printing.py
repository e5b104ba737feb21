"""Printing a briefing pack: the pages of the exported PDF, rendered by PDFium (pypdfium2) and
painted on a QPrinter, so paper shows the layout and page numbers of the file a reader gets.
(Qt's own PDF module is in PySide6-Addons, which Cuttings does not install.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from core.errors import CuttingsError

MAX_DPI = 300  # enough for 8.5-point type; a 1200-dpi printer would need 140 MB a page


def _pages_wanted(printer: QPrinter, count: int) -> range:
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return range(first, last + 1)
    return range(1, count + 1)


def print_pdf(pdf_path: Path, printer: QPrinter, *, dpi: int | None = None) -> int:
    """Print the PDF's pages (those of the printer's page range, if one is set) at the PDF's
    own page size, edge to edge: the margins are the PDF's. Returns the pages printed."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(pdf_path))
    except (OSError, pdfium.PdfiumError) as error:
        raise CuttingsError(
            f"Cannot read the pack {pdf_path.name} to print it: {error}."
        ) from error
    try:
        pages = _pages_wanted(printer, len(document))
        if not pages:
            return 0
        width, height = document[pages[0] - 1].get_size()
        printer.setFullPage(True)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "Pack"),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        scale = (dpi or min(printer.resolution(), MAX_DPI)) / 72
        painter = QPainter()
        if not painter.begin(printer):
            raise CuttingsError("The printer could not be started; check that it is ready.")
        try:
            for index, number in enumerate(pages):
                if index:
                    printer.newPage()
                page = document[number - 1]
                bitmap = page.render(
                    scale=scale, rev_byteorder=True, prefer_bgrx=True, optimize_mode="print"
                )
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                ).copy()  # the bitmap's memory goes with it
                bitmap.close()
                page.close()
                painter.drawImage(_fit(image, painter), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def _fit(image: QImage, painter: QPainter) -> QRectF:
    """The page's rectangle on the paper, its proportions kept, centred."""
    area = QRectF(painter.viewport())
    factor = min(area.width() / image.width(), area.height() / image.height())
    width, height = image.width() * factor, image.height() * factor
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def print_pack(library, ids: list[int], options, printer: QPrinter) -> tuple[int, int]:
    """Export the pack as a PDF to a temporary file and print its pages: the same layout and
    page numbers as "Export briefing pack" gives. Returns (clippings, pages printed)."""
    import tempfile

    from core.packs.export import export

    with tempfile.TemporaryDirectory(prefix="cuttings-print-") as folder:
        exported = export(library, ids, options, "pdf", Path(folder) / "pack.pdf")
        return exported.clippings, print_pdf(exported.path, printer)
