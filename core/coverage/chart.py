"""A coverage chart as data: what is counted, the categories along its axis with the key that
finds each one's clippings again, its series, and the table of numbers behind it, which can be
copied (tab-separated, as spreadsheets paste it) or saved as CSV. Nothing here draws."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Literal

from core.words import plural

Kind = Literal["time", "voice", "outlets", "quotes", "stories"]
#: every kind of chart, with the name the window, the command line and packs give it
KINDS: dict[str, str] = {
    "time": "Clippings over time",
    "voice": "Share of voice",
    "outlets": "Top outlets",
    "quotes": "Quotes per speaker",
    "stories": "Copies per story",
}
# A cell that starts like a formula is run by a spreadsheet that opens the CSV; an outlet's
# or a speaker's name comes from an article, so such a cell is kept as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Series:
    """One set of values, one per category. ``pick`` narrows a category to this series'
    clippings (("topic", id), ("outlet", name), ...); None for every clipping of it."""

    name: str
    values: list[int]
    pick: tuple[str, Any] | None = None
    style: Literal["bar", "stack", "line", "slice"] = "bar"


@dataclass
class Chart:
    kind: Kind
    title: str
    subtitle: str  # what was counted, in a line
    labels: list[str]  # the categories as shown
    keys: list[Any]  # each category's key for finding its clippings again
    series: list[Series]
    columns: list[str]  # the table behind the chart
    rows: list[list[Any]]
    note: str = ""  # what is counted apart (clippings without a date), said wherever it is shown
    total: int = 0  # clippings counted
    by: Literal["day", "week", "month"] | None = None  # the period of a chart over time
    extra: dict[str, Any] = field(default_factory=dict)  # counts the note speaks of

    @property
    def empty(self) -> bool:
        return not any(any(s.values) for s in self.series)

    def table(self) -> list[list[Any]]:
        return [self.columns, *self.rows]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([[_cell(v) for v in row] for row in self.table()])
        return out.getvalue()

    def tsv(self) -> str:
        """The table for the clipboard: a spreadsheet or a word processor pastes it as cells."""
        return "\n".join(
            "\t".join(" ".join(str(_cell(v)).split()) for v in row) for row in self.table()
        )

    def text(self) -> str:
        """The table for a terminal, numbers right-aligned."""
        table = [[str(v) for v in row] for row in self.table()]
        widths = [max(len(row[i]) for row in table) for i in range(len(self.columns))]
        lines = []
        for row in table:
            cells = [
                cell.rjust(w) if i and _numeric(cell) else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  ".join(cells).rstrip())
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "subtitle": self.subtitle,
            "note": self.note,
            "total": self.total,
            "by": self.by,
            "columns": self.columns,
            "rows": self.rows,
            **self.extra,
        }


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _numeric(text: str) -> bool:
    return text.replace(",", "").replace(".", "").replace("%", "").isdigit()


__all__ = ["plural"]  # where the coverage modules have always found it
