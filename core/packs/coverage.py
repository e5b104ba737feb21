"""The pack's "Coverage" section: the charts of the Analysis view over the pack's clippings,
each with its numbers in a small table, and the pieces the HTML and Markdown packs print (the
PDF's and Word's are in coverage_print). Charts are drawn (and matplotlib imported) only when
a pack asks for the section.

HTML carries each chart inline (a PNG as a data: address), Markdown as a PNG beside the file
(``beside``: the pack's name, set by export) and always as a table."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from core.coverage import counts
from core.coverage.chart import Chart, plural
from core.errors import CuttingsError
from core.files import refuse_target
from core.library import Library

if TYPE_CHECKING:
    from core.packs.build import PackOptions

#: a time table longer than this is set in two or three blocks side by side
SHORT_TABLE = 12
WIDTH_IN = 6.3  # the text width of an A4 page between the pack's margins
#: ranked bars short enough to stand beside their table, a page holding two charts
BESIDE = ("outlets", "quotes")
BESIDE_IN = 3.7


@dataclass
class Coverage:
    charts: list[Chart]
    clippings: int
    beside: str | None = None  # Markdown: the images' file names start with this
    _png: dict[tuple[int, int], bytes] = field(default_factory=dict, repr=False)

    def png(self, index: int, dpi: int = 200) -> bytes:
        if (index, dpi) not in self._png:
            from core.coverage import draw

            width, height = self.size_in(index)
            self._png[(index, dpi)] = draw.png(self.charts[index], width, dpi, height)
        return self._png[(index, dpi)]

    def side_by_side(self, index: int) -> bool:
        """Whether the chart stands beside its table rather than above it."""
        return self.charts[index].kind in BESIDE

    def size_in(self, index: int) -> tuple[float, float]:
        """The chart's size on paper, in inches: flatter than on screen, so that a page
        holds two charts with their tables."""
        chart = self.charts[index]
        bars = max(1.5, 0.27 * len(chart.labels) + 0.6)
        if self.side_by_side(index):
            return BESIDE_IN, bars
        if chart.kind == "stories":
            return WIDTH_IN, bars
        return WIDTH_IN, 2.2 if chart.kind == "voice" else 2.7

    def image_name(self, index: int) -> str:
        return f"{self.beside or 'pack'}-coverage-{index + 1}.png"

    @property
    def intro(self) -> str:
        return (
            f"Counted over the {plural(self.clippings, 'clipping')} of this pack, by date of "
            "publication."
        )


def section(library: Library, ids: list[int], options: PackOptions) -> Coverage:
    """The charts a monthly report shows: coverage over time, top outlets, and where there is
    something to show, share of voice and quotes of the speakers, and how far stories ran."""
    by = options.coverage_by
    charts = [counts.over_time(library, ids, by=by), counts.top_outlets(library, ids, top=8)]
    optional = [
        counts.share_of_voice(library, ids, among="speaker", top=5),
        counts.quotes_per_speaker(library, ids, top=8),
        counts.copies_per_story(library, ids, top=8),
    ]
    charts += [chart for chart in optional if not chart.empty]
    return Coverage(charts, len(dict.fromkeys(ids)))


def compact(chart: Chart) -> tuple[list[str], list[list[Any]]]:
    """The table for print: a long list of periods in blocks side by side, so a month by day
    takes a third of a page rather than a whole one. Each page's worth reads down, then
    across, before the next begins, and a run of empty periods is one line ("Jan 1803 –
    Apr 1900", 0): a stray date decades off prints no pages of zeros."""
    columns, rows = chart.columns, chart.rows
    if chart.kind != "time" or len(columns) != 2:
        return columns, rows
    if chart.by == "week":  # the column's heading says "Week beginning" already
        rows = [[str(r[0]).removeprefix("w/c "), *r[1:]] for r in rows]
    rows = _empty_runs_joined(rows)
    if len(rows) <= SHORT_TABLE:
        return columns, rows
    blocks = 3 if len(rows) > 2 * SHORT_TABLE else 2
    folded = []
    for start in range(0, len(rows), blocks * PAGE_LINES):
        chunk = rows[start : start + blocks * PAGE_LINES]
        height = -(-len(chunk) // blocks)
        for line in range(height):
            row: list[Any] = []
            for block in range(blocks):
                index = block * height + line
                row += chunk[index] if index < len(chunk) else ["", ""]
            folded.append(row)
    return columns * blocks, folded


#: lines of a folded table that fit a page (so each page's blocks read down, then across)
PAGE_LINES = 40
#: this many empty periods in a row, or more, print as one line
EMPTY_RUN = 4


def _empty_runs_joined(rows: list[list[Any]]) -> list[list[Any]]:
    joined: list[list[Any]] = []
    run: list[list[Any]] = []

    def close() -> None:
        if len(run) >= EMPTY_RUN:
            joined.append([f"{run[0][0]} – {run[-1][0]}", 0])
        else:
            joined.extend(run)
        run.clear()

    for row in rows:
        if row[1] == 0 and row[0] != "No date":
            run.append(row)
            continue
        close()
        joined.append(row)
    close()
    return joined


def cell(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def numeric(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, str) and value.endswith("%"))


def right_aligned(chart: Chart, columns: list[str]) -> list[bool]:
    """Which columns of the (compact) table hold numbers."""
    if not chart.rows:
        return [False] * len(columns)
    first = chart.rows[0]
    return [i % len(first) > 0 and numeric(first[i % len(first)]) for i in range(len(columns))]


def write_images(coverage: Coverage, folder: Path) -> list[Path]:
    """The Markdown pack's charts beside it, each written whole then moved into place; none
    is written where one would replace a library or a database."""
    targets = [folder / coverage.image_name(i) for i in range(len(coverage.charts))]
    for target in targets:
        refuse_target(target, "a chart of the pack", replace_database=False)
    written = []
    for index, target in enumerate(targets):
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        try:
            partial.write_bytes(coverage.png(index, dpi=150))
            os.replace(partial, target)
        except OSError as error:
            raise CuttingsError(
                f"Could not write the chart {target}: {error.strerror or error}."
            ) from error
        finally:
            partial.unlink(missing_ok=True)
        written.append(target)
    return written


# -- HTML ---------------------------------------------------------------------------------

_TH = 'align="left" style="border-bottom:1px solid #c9d3e3;"'
_TD = 'valign="top" style="border-bottom:1px solid #e6e6e6;{extra}"'


def html(coverage: Coverage) -> Markup:
    """The section as rows of the e-mail template's one-column table, inline styles only."""
    muted = "color:#5f6368;"
    parts = [
        '<tr><td style="padding:18px 0 6px 0;"><a name="coverage" id="coverage"></a>'
        '<h2 style="margin:0;font-size:17px;color:#1a3c6e;">Coverage</h2>'
        f'<p style="margin:4px 0 0 0;font-size:12px;{muted}">{escape(coverage.intro)}</p>'
        "</td></tr>"
    ]
    for index, chart in enumerate(coverage.charts):
        data = base64.b64encode(coverage.png(index, dpi=150)).decode()
        width, height = coverage.size_in(index)
        alt = escape(f"{chart.title}: {chart.subtitle}")
        shown = 372 if coverage.side_by_side(index) else 640  # pixels, of the page's 680
        picture = (
            f'<img src="data:image/png;base64,{data}" alt="{alt}" width="{shown}" '
            f'height="{round(shown * height / width)}" style="display:block;max-width:100%;'
            'height:auto;border:0;">'
        )
        body = [
            f'<h3 style="margin:0 0 2px 0;font-size:15px;">{escape(chart.title)}</h3>',
            f'<p style="margin:0 0 6px 0;font-size:12px;{muted}">{escape(chart.subtitle)}</p>',
        ]
        if coverage.side_by_side(index):
            body.append(
                '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" '
                f'style="border-collapse:collapse;"><tr><td valign="top" width="{shown}">'
                f'{picture}</td><td valign="top" style="padding:4px 0 0 14px;">'
                f"{_html_table(chart)}</td></tr></table>"
            )
        else:
            body += [picture, _html_table(chart)]
        if chart.note:
            body.append(
                f'<p style="margin:4px 0 0 0;font-size:12px;{muted}">{escape(chart.note)}</p>'
            )
        parts.append('<tr><td style="padding:16px 0 0 0;">' + "".join(body) + "</td></tr>")
    return Markup("\n".join(parts))


def _html_table(chart: Chart) -> str:
    columns, rows = compact(chart)
    right = right_aligned(chart, columns)
    head = "".join(
        f"<th {_TH.replace('left', 'right') if right[i] else _TH}>{escape(c)}</th>"
        for i, c in enumerate(columns)
    )
    lines = []
    for row in rows:
        cells = "".join(
            f"<td {_TD.format(extra='text-align:right;' if numeric(v) else '')}>"
            f"{escape(cell(v))}</td>"
            for v in row
        )
        lines.append(f"<tr>{cells}</tr>")
    return (
        '<table role="presentation" width="100%" cellpadding="4" cellspacing="0" '
        'style="border-collapse:collapse;font-size:12px;margin-top:6px;">'
        f'<tr style="background:#eef2f8;">{head}</tr>' + "".join(lines) + "</table>"
    )


# -- Markdown -----------------------------------------------------------------------------


def write_markdown(writer: Any, coverage: Coverage, escape_md: Callable[[str], str]) -> None:
    """The section through the Markdown writer (its headings keep the pack's anchors)."""
    writer.heading(2, "Coverage", "coverage")
    writer.paragraph(escape_md(coverage.intro))
    for index, chart in enumerate(coverage.charts):
        writer.heading(3, chart.title)
        writer.paragraph(f"*{escape_md(chart.subtitle)}*")
        if coverage.beside is not None:
            alt = escape_md(f"{chart.title}: {chart.subtitle}")
            writer.paragraph(f"![{alt}](<{coverage.image_name(index)}>)")
        columns, rows = compact(chart)
        align = ["---:" if right else "---" for right in right_aligned(chart, columns)]
        lines = [
            "| " + " | ".join(escape_md(c) for c in columns) + " |",
            "|" + "|".join(align) + "|",
        ]
        lines += ["| " + " | ".join(_md_cell(v, escape_md) for v in row) + " |" for row in rows]
        writer.lines += [*lines, ""]
        if chart.note:
            writer.paragraph(escape_md(chart.note))


def _md_cell(value: Any, escape_md: Callable[[str], str]) -> str:
    """Our own numbers as they are (escaping made 21.2% read 21\\.2% in the file); names
    from articles escaped."""
    text = cell(value)
    return text if re.fullmatch(r"[\d,.]+%?", text) else escape_md(text)
