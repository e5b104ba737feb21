"""What goes in a briefing pack: the chosen clippings in order, grouped into sections, wire
copies shown once with where else they ran, and who said what. Every format renders this."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from core.errors import BadInput
from core.library import Library

GroupBy = Literal["none", "topic", "speaker", "outlet", "day"]
Order = Literal["date", "outlet", "manual"]
QUOTE_OPEN, QUOTE_CLOSE = "\x04", "\x05"  # around kept quotes inside paragraphs


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
    notes: bool = True
    who_said_what: bool = True
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


@dataclass
class Section:
    title: str | None
    items: list[Item]


@dataclass
class Said:
    speaker: str
    role: str | None
    quotes: list[tuple[str, Item]]  # direct quotes carry their quotation marks

    @staticmethod
    def shown(text: str, kind: str) -> str:
        return f"“{text.strip()}”" if kind == "direct" else text.strip()


@dataclass
class Pack:
    options: PackOptions
    sections: list[Section]
    who: list[Said]

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


def _mark_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
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
    text = re.sub(f"[{QUOTE_OPEN}{QUOTE_CLOSE}]", "", paragraphs[0]) if paragraphs else ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build(library: Library, ids: list[int], options: PackOptions) -> Pack:
    """The pack for these clippings (ids in the order given for ``order="manual"``)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise BadInput("There is nothing to put in the pack: choose at least one clipping.")
    rows = library.get_many(ids, with_text=True)
    if not rows:
        raise BadInput("None of the chosen clippings is in this library.")
    marks = ",".join("?" * len(ids))
    quotes: dict[int, list[dict]] = {}
    for q in library.execute(
        'SELECT q.clipping_id, q.start, q."end" AS "end", q.text, q.kind, s.name, s.role '
        "FROM quotes q "
        f"JOIN speakers s ON s.id = q.speaker_id WHERE q.clipping_id IN ({marks}) "
        "ORDER BY s.name, q.clipping_id, q.start",
        ids,
    ):
        quotes.setdefault(q["clipping_id"], []).append(q)
    # Wire copies of one story appear once: the first of them in the pack's order stays.
    story_rows = library.execute(
        f"SELECT id, story_id FROM clippings WHERE id IN ({marks}) AND story_id IS NOT NULL",
        ids,
    )
    story_of = {r["id"]: r["story_id"] for r in story_rows}
    outlets_of_story: dict[int, list[tuple[int, str]]] = {}
    if story_of:
        smarks = ",".join("?" * len(set(story_of.values())))
        for r in library.execute(
            f"SELECT id, story_id, coalesce(outlet, 'unknown outlet') AS outlet FROM clippings "
            f"WHERE story_id IN ({smarks}) AND deleted_at IS NULL ORDER BY published, id",
            sorted(set(story_of.values())),
        ):
            outlets_of_story.setdefault(r["story_id"], []).append((r["id"], r["outlet"]))

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
        if options.excerpt:
            paragraphs = paragraphs[: options.excerpt_paragraphs]
        also = (
            [o for cid, o in outlets_of_story.get(story, []) if cid != row["id"]] if story else []
        )
        items.append(
            Item(
                id=row["id"],
                title=row["title"] or "(no headline)",
                outlet=row["outlet"],
                byline=row["byline"],
                published=(row["published"] or "")[:10] or None,
                url=row["url"],
                topics=row["topics"],
                speakers=row["speakers"],
                notes=row["notes"] if options.notes else "",
                lead=lead_of([row["lead"]] if row["lead"] else paragraphs),
                paragraphs=paragraphs or ["(This clipping has no text.)"],
                also_ran_in=list(dict.fromkeys(also)),
                excerpted=excerpted,
            )
        )
    sections = _group(items, options.group_by)
    who = _who(items, quotes) if options.who_said_what else []
    return Pack(options, sections, who)


def _group(items: list[Item], group_by: GroupBy) -> list[Section]:
    if group_by == "none":
        return [Section(None, items)]
    groups: dict[str, list[Item]] = {}
    other = {
        "topic": "Other clippings",
        "speaker": "No speaker",
        "outlet": "Unknown outlet",
        "day": "Undated",
    }[group_by]
    for item in items:
        if group_by == "topic":
            key = sorted(item.topics)[0] if item.topics else other
        elif group_by == "speaker":
            key = sorted(item.speakers)[0] if item.speakers else other
        elif group_by == "outlet":
            key = item.outlet or other
        else:
            key = item.published or other
        groups.setdefault(key, []).append(item)
    if group_by == "day":
        order = sorted((k for k in groups if k != other), reverse=True) + (
            [other] if other in groups else []
        )
    else:
        order = sorted((k for k in groups if k != other), key=str.casefold) + (
            [other] if other in groups else []
        )
    return [Section(key, groups[key]) for key in order]


def _who(items: list[Item], quotes: dict[int, list[dict]]) -> list[Said]:
    by_speaker: dict[str, Said] = {}
    for item in items:
        for q in quotes.get(item.id, []):
            said = by_speaker.setdefault(q["name"], Said(q["name"], q["role"], []))
            said.quotes.append((Said.shown(q["text"], q["kind"]), item))
    return [by_speaker[name] for name in sorted(by_speaker, key=str.casefold)]


def plain(text: str) -> str:
    """Text without the quote markers."""
    return text.replace(QUOTE_OPEN, "").replace(QUOTE_CLOSE, "")
