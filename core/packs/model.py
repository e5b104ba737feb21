"""The pack as every format renders it: its options, its sections and items, who said what,
and the small rules of how details are written (a detail a clipping lacks is left out, never
printed as "unknown"; dates as "10 May 2024"; only http(s) links)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

GroupBy = Literal["none", "topic", "speaker", "outlet", "day"]
Order = Literal["date", "outlet", "manual"]
QUOTE_OPEN, QUOTE_CLOSE = "\x04", "\x05"  # around kept quotes inside paragraphs
# Around the reader's highlights (the opening marker is followed by the colour's digit, an
# index of core.highlights.colours.COLOURS), and around a highlight's comment right after it.
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x0e", "\x0f"
NOTE_OPEN, NOTE_CLOSE = "\x10", "\x11"
_MARKS = re.compile("\x0e\\d|\x0f|\x10[^\x11]*\x11|[\x04\x05]")
OTHER = "Other clippings"  # the section of clippings that fit no named one
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SAFE_LINK = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)


@dataclass
class PackOptions:
    title: str = "Briefing pack"
    subtitle: str = ""
    date: str = field(default_factory=lambda: date.today().isoformat())
    prepared_by: str = ""
    organisation: str = ""
    logo: Path | None = None
    group_by: GroupBy = "none"
    order: Order = "date"
    excerpt: bool = False  # first paragraphs and the link, for outlets that forbid copies
    excerpt_paragraphs: int = 3
    notes: bool = False  # notes are internal: they go out only when the user asks
    who_said_what: bool = True
    all_quotes: bool = False  # an excerpt pack lists one line per speaker unless this is set
    # the reader's highlights and comments are theirs to share: in by default, unlike notes
    highlights: bool = True
    highlights_only: bool = False  # an excerpt of the highlighted passages alone
    paper: Literal["A4", "Letter"] = "A4"
    coverage: bool = False  # a "Coverage" section of charts (core/packs/coverage.py)
    coverage_by: Literal["auto", "day", "week", "month"] = "auto"


@dataclass
class Passage:
    """A highlighted passage for the "Key passages" block under a clipping's headline."""

    text: str
    comment: str
    colour: str  # core.highlights.colours key
    colour_name: str
    background: str  # the colour on white paper, #rrggbb


@dataclass
class Item:
    id: int
    title: str
    outlet: str | None
    byline: str | None
    published: str | None
    url: str | None
    topics: list[str]
    speakers: list[str]
    notes: str
    lead: str
    paragraphs: list[str]  # kept quotes between QUOTE_OPEN and QUOTE_CLOSE
    also_ran_in: list[str]
    excerpted: bool = False
    home: str | None = None  # the title of the section that prints the text
    why: str = ""  # the reader's one line on why it matters
    passages: list[Passage] = field(default_factory=list)  # the "Key passages" block

    @property
    def anchor(self) -> str:
        return f"c{self.id}"

    @property
    def link(self) -> str | None:
        """The article's address where it is one a reader may follow (http or https)."""
        return safe_link(self.url)

    def details(self, *, byline: bool = True) -> str:
        """Outlet, byline and date, with whatever is missing simply left out."""
        return details(self.outlet, self.byline if byline else None, shown_date(self.published))


@dataclass
class Section:
    title: str | None
    entries: list[Item]  # in the pack's order
    home: set[int] = field(default_factory=set)  # the entries whose text this section prints
    anchor: str = "s0"
    about: str = ""  # a line under the heading: a speaker's role and how often they are quoted

    @property
    def items(self) -> list[Item]:
        return [item for item in self.entries if item.id in self.home]

    @property
    def elsewhere(self) -> list[Item]:
        """Entries whose text an earlier or later section prints."""
        return [item for item in self.entries if item.id not in self.home]


@dataclass
class Quote:
    text: str  # as the clipping holds it, without added quotation marks
    kind: Literal["direct", "reported"]
    item: Item

    @property
    def shown(self) -> str:
        """Direct speech in quotation marks; reported speech as it was written."""
        return f"“{self.text}”" if self.kind == "direct" else self.text


@dataclass
class Said:
    speaker: str
    role: str | None
    quotes: list[Quote]

    @property
    def direct(self) -> list[Quote]:
        return [q for q in self.quotes if q.kind == "direct"]

    @property
    def reported(self) -> list[Quote]:
        return [q for q in self.quotes if q.kind == "reported"]

    @property
    def first(self) -> Quote:
        return (self.direct or self.quotes)[0]

    @property
    def count_text(self) -> str:
        return count(len(self.quotes), "quote")


@dataclass
class Pack:
    options: PackOptions
    sections: list[Section]
    who: list[Said]
    coverage: Any = None  # core.packs.coverage.Coverage when the options ask for it

    @property
    def items(self) -> list[Item]:
        """Every clipping once, in the order the pack prints them."""
        return [item for section in self.sections for item in section.items]

    @property
    def grouped(self) -> bool:
        return any(section.title for section in self.sections)

    @property
    def extent(self) -> str:
        """'10 clippings from 9 outlets, 24 Sep 2019 to 8 Nov 2023'."""
        items = self.items
        text = count(len(items), "clipping")
        outlets = {i.outlet for i in items if i.outlet}
        if len(outlets) > 1:
            text += f" from {len(outlets)} outlets"
        elif outlets:
            text += f" from {next(iter(outlets))}"
        dated = sorted(i.published for i in items if i.published)
        if dated and dated[0] != dated[-1]:
            text += f", {shown_date(dated[0])} to {shown_date(dated[-1])}"
        elif dated:
            text += f", {shown_date(dated[0])}"
        return text

    @property
    def who_in_full(self) -> bool:
        """Every quote, or one line per speaker (excerpt packs, unless asked for all)."""
        return not self.options.excerpt or self.options.all_quotes


def count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def details(*parts: str | None) -> str:
    return " · ".join(p.strip() for p in parts if p and p.strip())


def shown_date(iso: str | None) -> str | None:
    """'2024-05-10' as '10 May 2024'; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", iso or "")
    if not match or not 1 <= int(match[2]) <= 12:
        return iso or None
    return f"{int(match[3])} {_MONTHS[int(match[2]) - 1]} {match[1]}"


def safe_link(url: str | None) -> str | None:
    return url if url and _SAFE_LINK.match(url.strip()) else None


def plain(text: str) -> str:
    """Text without the quote and highlight markers, and without highlights' comments."""
    return _MARKS.sub("", text)
