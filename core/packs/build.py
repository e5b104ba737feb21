"""What goes in a briefing pack: the chosen clippings in order, grouped into sections, wire
copies shown once with where else they ran, and who said what. Every format renders this.

A detail a clipping lacks (outlet, date, byline, link) is left out of the pack, never printed as
"unknown": ``details()`` joins only what is there."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from core.errors import BadInput
from core.library import Library

GroupBy = Literal["none", "topic", "speaker", "outlet", "day"]
Order = Literal["date", "outlet", "manual"]
QUOTE_OPEN, QUOTE_CLOSE = "\x04", "\x05"  # around kept quotes inside paragraphs
OTHER = "Other clippings"  # the section of clippings that fit no named one
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SAFE_LINK = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
_CHUNK = 900  # ids per query, under SQLite's limit on bound parameters

# The one query that says which quotes a pack shows: accepted ones of accepted speakers. A
# quote is accepted with its speaker or one by one; a suggested quote has no speaker yet and a
# rejected one is never shown (core/speakers/registry.py).
ACCEPTED_QUOTES = (
    'SELECT q.clipping_id, q.start, q."end" AS "end", q.text, q.kind, s.name, s.role '
    "FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
    "WHERE q.clipping_id IN ({marks}) AND q.status = 'accepted' "
    "ORDER BY q.clipping_id, q.start"
)


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
    paper: Literal["A4", "Letter"] = "A4"


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
        return _count(len(self.quotes), "quote")


@dataclass
class Pack:
    options: PackOptions
    sections: list[Section]
    who: list[Said]

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
        text = _count(len(items), "clipping")
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


def _count(n: int, word: str) -> str:
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


def _mark_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(set(spans), reverse=True):
        if 0 <= start < end <= len(text):
            text = text[:start] + QUOTE_OPEN + text[start:end] + QUOTE_CLOSE + text[end:]
    return text


def _paragraphs(text: str) -> list[str]:
    """Paragraphs, with a quote that runs over a break closed and reopened."""
    result, open_quote = [], False
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        if open_quote:
            paragraph = QUOTE_OPEN + paragraph
        opens, closes = paragraph.count(QUOTE_OPEN), paragraph.count(QUOTE_CLOSE)
        open_quote = opens > closes
        if open_quote:
            paragraph += QUOTE_CLOSE
        result.append(paragraph)
    return result


def lead_of(paragraphs: list[str], limit: int = 180) -> str:
    text = " ".join(plain(paragraphs[0]).split()) if paragraphs else ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _headline(row: dict[str, Any], paragraphs: list[str]) -> str:
    title = " ".join((row["title"] or "").split())
    if title:
        return title
    # A clipping without a headline is named by its first words rather than a placeholder.
    return lead_of(paragraphs, 90) or "Clipping without a headline"


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def accepted_quotes(library: Library, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The quotes each clipping may show in a pack, in the order they stand in its text."""
    quotes: dict[int, list[dict[str, Any]]] = {}
    for chunk in _chunks(ids):
        sql = ACCEPTED_QUOTES.format(marks=",".join("?" * len(chunk)))
        for q in library.execute(sql, chunk):
            quotes.setdefault(q["clipping_id"], []).append(q)
    return quotes


def clippings_with_notes(library: Library, ids: list[int]) -> list[tuple[int, str]]:
    """(id, headline) of the clippings among ``ids`` that carry notes, in the order given."""
    noted: dict[int, str] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        for r in library.execute(
            f"SELECT id, title FROM clippings WHERE id IN ({marks}) AND trim(notes) != ''", chunk
        ):
            noted[r["id"]] = " ".join((r["title"] or "").split()) or f"Clipping {r['id']}"
    return [(i, noted[i]) for i in dict.fromkeys(ids) if i in noted]


def build(library: Library, ids: list[int], options: PackOptions) -> Pack:
    """The pack for these clippings (ids in the order given for ``order="manual"``)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise BadInput("There is nothing to put in the pack: choose at least one clipping.")
    rows = [row for chunk in _chunks(ids) for row in library.get_many(chunk, with_text=True)]
    if not rows:
        raise BadInput("None of the chosen clippings is in this library.")
    quotes = accepted_quotes(library, ids)
    # Wire copies of one story appear once: the first of them in the pack's order stays.
    story_of = {r["id"]: r["story_id"] for r in rows if r.get("story_id") is not None}
    outlets_of_story: dict[int, list[tuple[int, str]]] = {}
    for chunk in _chunks(sorted(set(story_of.values()))):
        smarks = ",".join("?" * len(chunk))
        for r in library.execute(
            f"SELECT id, story_id, outlet FROM clippings WHERE story_id IN ({smarks}) "
            "AND deleted_at IS NULL AND trim(coalesce(outlet, '')) != '' ORDER BY published, id",
            chunk,
        ):
            outlets_of_story.setdefault(r["story_id"], []).append((r["id"], r["outlet"].strip()))

    if options.order == "date":
        rows.sort(key=lambda r: (r["published"] or "", r["id"]), reverse=True)
    elif options.order == "outlet":
        rows.sort(key=lambda r: ((r["outlet"] or "~").casefold(), r["published"] or ""))
    seen_stories: set[int] = set()
    items: list[Item] = []
    for row in rows:
        story = story_of.get(row["id"])
        if story is not None and story in seen_stories:
            continue
        if story is not None:
            seen_stories.add(story)
        paragraphs = _paragraphs(
            _mark_quotes(
                row["text"] or "", [(q["start"], q["end"]) for q in quotes.get(row["id"], [])]
            )
        )
        excerpted = options.excerpt and len(paragraphs) > options.excerpt_paragraphs
        title = _headline(row, paragraphs)
        lead = lead_of([row["lead"]] if (row["lead"] or "").strip() else paragraphs)
        if options.excerpt:
            paragraphs = paragraphs[: options.excerpt_paragraphs]
        also = [o for cid, o in outlets_of_story.get(story, []) if cid != row["id"]]
        items.append(
            Item(
                id=row["id"],
                title=title,
                outlet=(row["outlet"] or "").strip() or None,
                byline=(row["byline"] or "").strip() or None,
                published=(row["published"] or "")[:10] or None,
                url=row["url"],
                topics=row["topics"],
                speakers=row["speakers"],
                notes=(row["notes"] or "").strip() if options.notes else "",
                lead="" if lead == plain(title) else lead,
                paragraphs=paragraphs or ["(This clipping has no text.)"],
                also_ran_in=list(dict.fromkeys(also)),
                excerpted=excerpted,
            )
        )
    who = _who(items, quotes)
    if options.group_by == "speaker":
        sections = _by_speaker(items, quotes, who)
    else:
        sections = _group(items, options.group_by)
    for index, section in enumerate(sections):
        section.anchor = f"s{index}"
        for item in section.items:
            item.home = section.title
    return Pack(options, sections, who if options.who_said_what else [])


def _group(items: list[Item], group_by: GroupBy) -> list[Section]:
    if group_by == "none":
        return [Section(None, items, {i.id for i in items})]
    groups: dict[str, list[Item]] = {}
    for item in items:
        if group_by == "topic":
            key = sorted(item.topics, key=str.casefold)[0] if item.topics else OTHER
        elif group_by == "outlet":
            key = item.outlet or OTHER
        else:
            key = item.published or OTHER
        groups.setdefault(key, []).append(item)
    named = [k for k in groups if k != OTHER]
    if group_by == "day":
        order = sorted(named, reverse=True)
    else:
        order = sorted(named, key=str.casefold)
    order += [OTHER] if OTHER in groups else []
    return [
        Section(shown_date(k) if group_by == "day" else k, groups[k], {i.id for i in groups[k]})
        for k in order
    ]


def _by_speaker(
    items: list[Item], quotes: dict[int, list[dict[str, Any]]], who: list[Said]
) -> list[Section]:
    """A section for every accepted speaker with every clipping that quotes them (or that the
    user tagged with them), most quoted first. A clipping's text goes in the section of the
    speaker it quotes most, the other sections point to it."""
    total = {said.speaker: len(said.quotes) for said in who}
    of_item: dict[int, dict[str, int]] = {}
    for item in items:
        counts = of_item.setdefault(item.id, {})
        for q in quotes.get(item.id, []):
            counts[q["name"]] = counts.get(q["name"], 0) + 1
        for name in item.speakers:
            counts.setdefault(name, 0)
    names = sorted(
        {n for counts in of_item.values() for n in counts},
        key=lambda n: (-total.get(n, 0), n.casefold()),
    )
    rank = {name: i for i, name in enumerate(names)}
    sections = {name: Section(name, []) for name in names}
    others = Section(OTHER, [])
    for item in items:
        counts = of_item[item.id]
        if not counts:
            others.entries.append(item)
            others.home.add(item.id)
            continue
        for name in counts:
            sections[name].entries.append(item)
        home = min(counts, key=lambda n: (-counts[n], rank[n]))
        sections[home].home.add(item.id)
    said = {s.speaker: s for s in who}
    for name, section in sections.items():
        clippings = _count(len(section.entries), "clipping")
        quoted = f"{_count(len(said[name].quotes), 'quote')} in {clippings}" if name in said else ""
        section.about = details(said[name].role if name in said else None, quoted or clippings)
    result = [sections[name] for name in names]
    return result + ([others] if others.entries else [])


def _who(items: list[Item], quotes: dict[int, list[dict[str, Any]]]) -> list[Said]:
    by_speaker: dict[str, Said] = {}
    for item in items:
        for q in quotes.get(item.id, []):
            text = _unquoted(q["text"])
            if not text:
                continue
            said = by_speaker.setdefault(q["name"], Said(q["name"], q["role"], []))
            said.role = said.role or q["role"]
            said.quotes.append(Quote(text, "direct" if q["kind"] == "direct" else "reported", item))
    return sorted(by_speaker.values(), key=lambda s: (-len(s.quotes), s.speaker.casefold()))


def _unquoted(text: str) -> str:
    """A quote's words without the quotation marks the article put around them."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0] in "“\"«„'‘" and text[-1] in "”\"»“'’":
        text = text[1:-1].strip()
    # "..., he said" leaves a comma that reads as a typo once the quote stands alone
    return text.rstrip(" ,;:")


def plain(text: str) -> str:
    """Text without the quote markers."""
    return text.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")
