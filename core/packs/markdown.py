"""A briefing pack as Markdown that any CommonMark renderer shows as the text it holds.

Article text is hostile input here: a headline that starts with "# ", a paragraph holding
``<script>`` or ``<img onerror>``, a ``[link](javascript:...)``. Every piece of text that comes
from the library is escaped so that it renders as itself: Markdown's inline characters are
backslash-escaped wherever they stand, and a piece that would open a block (a heading, a list,
a rule) has its first character escaped too. Links are written only to http and https
addresses and to the pack's own headings (GitHub's heading anchors)."""

from __future__ import annotations

import re
import unicodedata

from core.highlights.marking import runs
from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, Quote, Section, details, plain
from core.packs.build import shown_date as _date
from core.packs.model import HIGHLIGHT_OPEN

# Characters that make inline syntax: code, emphasis, links and images, HTML and entities,
# GFM's tables, strikethrough and headings' closing hashes, and ==marks== (highlights).
_INLINE = re.compile(r"([\\`*_\[\]<>&!|~#=])")
# What opens a block at the start of a line: list markers, rules, setext underlines, ordered
# lists ("1." or "1)"), and the spaces of an indented code block (removed by _one_line).
_BLOCK_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
_REF = re.compile("\x06([a-z0-9]+)\x07")


def escape(text: str) -> str:
    """Text on one line, shown as itself by a CommonMark renderer."""
    text = _INLINE.sub(r"\\\1", _one_line(text))
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _with_quotes(text: str) -> str:
    """A paragraph, its kept quotes in italics, highlights as ==marks== with their comments
    after them in brackets."""
    if HIGHLIGHT_OPEN in text:
        return _with_marks(text)
    out = []
    inside = False
    for piece in text.replace(QUOTE_CLOSE, QUOTE_OPEN).split(QUOTE_OPEN):
        piece = _one_line(piece) if piece.strip() else ""
        if piece:
            out.append(f"*{escape(piece)}*" if inside else escape(piece))
        inside = not inside
    return " ".join(out)


def _with_marks(text: str) -> str:
    """Runs of one look, each quote's runs in one pair of asterisks (so emphasis never meets
    emphasis), each highlight between == and ==, a comment in brackets after it."""
    groups: list[tuple[bool, list[str]]] = []
    for run in runs(text):
        body = run.text.replace("\n", " ")
        inner = body.strip()
        lead, tail = " " * body[:1].isspace(), " " * body[-1:].isspace()
        if not inner:
            piece = lead or tail
        elif run.note:
            note = f"\\[{escape(inner)}\\]"
            piece = f" {note}" if run.quote else f" *{note}*"
        elif run.colour is not None:
            piece = f"{lead}=={escape(inner)}=={tail}"
        else:
            piece = f"{lead}{escape(inner)}{tail}"
        if groups and groups[-1][0] == run.quote:
            groups[-1][1].append(piece)
        else:
            groups.append((run.quote, [piece]))
    out = []
    for quote, pieces in groups:
        joined = "".join(pieces)
        if quote and joined.strip():
            lead, tail = " " * joined[:1].isspace(), " " * joined[-1:].isspace()
            joined = f"{lead}*{joined.strip()}*{tail}"
        out.append(joined)
    return re.sub(" {2,}", " ", "".join(out)).strip()


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = (
        ch
        for ch in text.lower()
        if ch in " -" or unicodedata.category(ch)[0] in "LMN" or unicodedata.category(ch) == "Pc"
    )
    return "".join(kept).replace(" ", "-")


class _Writer:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.lines: list[str] = []
        self.slugs: dict[str, str] = {}  # the pack's anchors (c12, s0) to heading anchors
        self._seen: dict[str, int] = {}

    def heading(self, level: int, text: str, key: str | None = None) -> None:
        base = slug(text)
        count = self._seen.get(base, 0)
        self._seen[base] = count + 1
        if key:
            self.slugs[key] = f"{base}-{count}" if count else base
        self.lines += ["", f"{'#' * level} {escape(text)}", ""]

    @staticmethod
    def to(key: str) -> str:
        """A link target resolved once every heading has its anchor."""
        return f"#\x06{key}\x07"

    def paragraph(self, *lines: str) -> None:
        # two spaces at a line's end keep the lines of one paragraph apart
        kept = [line for line in lines if line]
        if kept:
            self.lines += ["  \n".join(kept), ""]

    def write(self) -> str:
        o, pack = self.pack.options, self.pack
        self.heading(1, o.title)
        if o.subtitle:
            self.paragraph(f"**{escape(o.subtitle)}**")
        credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
        self.paragraph(
            escape(details(_date(o.date), credit and f"Prepared by {credit}")), escape(pack.extent)
        )
        self.contents()
        if pack.coverage is not None:
            from core.packs.coverage import write_markdown

            write_markdown(self, pack.coverage, escape)
        self.overview()
        if pack.who:
            self.who()
        for section in pack.sections:
            self.section(section)
        text = "\n".join(self.lines)
        text = _REF.sub(lambda m: self.slugs.get(m[1], m[1]), text)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def contents(self) -> None:
        self.heading(2, "Contents")
        lines = [f"- [Overview]({self.to('overview')})"]
        if self.pack.coverage is not None:
            lines.insert(0, f"- [Coverage]({self.to('coverage')})")
        if self.pack.who:
            lines.append(f"- [Who said what]({self.to('who')})")
        for section in self.pack.sections:
            indent = ""
            if section.title:
                lines.append(f"- [{escape(section.title)}]({self.to(section.anchor)})")
                indent = "  "
            for item in section.items:
                more = item.details(byline=False)
                lines.append(
                    f"{indent}- [{escape(plain(item.title))}]({self.to(item.anchor)})"
                    + (f" — {escape(more)}" if more else "")
                )
        self.lines += [*lines, ""]

    def overview(self) -> None:
        self.heading(2, "Overview", "overview")
        lines = ["| Date | Outlet | Headline and lead |", "|---|---|---|"]
        for section in self.pack.sections:
            if not section.items:
                continue  # its clippings stand under the sections that print them
            if section.title:
                lines.append(f"| **{escape(section.title)}** | | |")
            for item in section.items:
                headline = f"[**{escape(plain(item.title))}**]({self.to(item.anchor)})"
                if item.lead:
                    headline += " — " + escape(plain(item.lead))
                if item.why:
                    headline += " — **Why it matters:** " + escape(item.why)
                cells = [escape(_date(item.published) or ""), escape(item.outlet or ""), headline]
                lines.append("| " + " | ".join(cells) + " |")
        self.lines += [*lines, ""]

    def source(self, quote: Quote) -> str:
        where = quote.item.details(byline=False) or "the clipping"
        return f" — [{escape(where)}]({self.to(quote.item.anchor)})"

    def who(self) -> None:
        self.heading(2, "Who said what", "who")
        if not self.pack.who_in_full:
            lines = ["| Speaker | Quotes | First quote |", "|---|---|---|"]
            for said in self.pack.who:
                name = f"**{escape(said.speaker)}**" + (
                    f" ({escape(said.role)})" if said.role else ""
                )
                first = escape(said.first.shown) + self.source(said.first)
                lines.append(f"| {name} | {len(said.quotes)} | {first} |")
            self.lines += [*lines, ""]
            return
        for said in self.pack.who:
            self.heading(3, said.speaker)
            self.paragraph(escape(", ".join(x for x in (said.role, said.count_text) if x)))
            for label, quotes in (("Said", said.direct), ("Reported", said.reported)):
                if not quotes:
                    continue
                if said.direct and said.reported:
                    self.paragraph(f"*{label}:*")
                self.lines += [f"- {escape(q.shown)}{self.source(q)}" for q in quotes]
                self.lines.append("")

    def section(self, section: Section) -> None:
        if section.title:
            self.heading(2, section.title, section.anchor)
            self.paragraph(escape(section.about))
            if section.elsewhere:
                label = "Also quoting" if section.items else "Clippings quoting"
                self.paragraph(f"*{escape(f'{label} {section.title}:')}*")
                for item in section.elsewhere:
                    more = item.details(byline=False)
                    self.lines.append(
                        f"- [{escape(plain(item.title))}]({self.to(item.anchor)})"
                        + (f" — {escape(more)}" if more else "")
                    )
                self.lines.append("")
        for item in section.items:
            self.clipping(item, 3 if self.pack.grouped else 2)

    def clipping(self, item: Item, level: int) -> None:
        self.heading(level, plain(item.title), item.anchor)
        tags = details(
            "Topics: " + ", ".join(item.topics) if item.topics else None,
            "Speakers: " + ", ".join(item.speakers) if item.speakers else None,
            "Also ran in: " + ", ".join(item.also_ran_in) if item.also_ran_in else None,
        )
        self.paragraph(
            f"*{escape(item.details())}*" if item.details() else "",
            f"<{item.link}>" if item.link and not item.excerpted else "",
            escape(tags),
        )
        if item.why:
            self.paragraph(f"**Why it matters:** {escape(item.why)}")
        if item.passages:
            self.paragraph("**Key passages**")
            for passage in item.passages:
                line = f"- ==“{escape(passage.text)}”== *({escape(passage.colour_name)})*"
                self.lines.append(
                    line + (f" — {escape(passage.comment)}" if passage.comment else "")
                )
            self.lines.append("")
        if item.notes:
            self.paragraph(f"> **Note:** {escape(item.notes)}")
        for paragraph in item.paragraphs:
            self.paragraph(_with_quotes(paragraph))
        if item.excerpted and item.link:
            self.paragraph(f"[Read the full article](<{item.link}>)")


def render(pack: Pack) -> str:
    return _Writer(pack).write()
