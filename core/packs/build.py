"""What goes in a briefing pack: the chosen clippings in order, grouped into sections, wire
copies shown once with where else they ran, and who said what. Every format renders this.

A detail a clipping lacks (outlet, date, byline, link) is left out of the pack, never printed as
"unknown": ``details()`` joins only what is there."""

from __future__ import annotations

from typing import Any

from core.errors import BadInput
from core.highlights import marking
from core.highlights import store as highlight_store
from core.library import Library
from core.packs import sections as dividing
from core.packs.model import (  # the renderers take these from here
    OTHER,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    GroupBy,
    Item,
    Order,
    Pack,
    PackOptions,
    Quote,
    Said,
    Section,
    details,
    plain,
    safe_link,
    shown_date,
)

__all__ = [
    "OTHER",
    "QUOTE_CLOSE",
    "QUOTE_OPEN",
    "GroupBy",
    "Item",
    "Order",
    "Pack",
    "PackOptions",
    "Quote",
    "Said",
    "Section",
    "accepted_quotes",
    "build",
    "clippings_with_notes",
    "details",
    "plain",
    "safe_link",
    "shown_date",
]

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
    marks = highlight_store.of_clippings(library, ids) if options.highlights else {}
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
        spans = [(q["start"], q["end"]) for q in quotes.get(row["id"], [])]
        marked = row["id"] in marks  # highlights are laid in with the quotes
        paragraphs = _paragraphs(
            marking.mark_text(row["text"] or "", spans, marks[row["id"]])
            if marked
            else _mark_quotes(row["text"] or "", spans)
        )
        excerpted = options.excerpt and len(paragraphs) > options.excerpt_paragraphs
        title = _headline(row, paragraphs)
        lead = lead_of([row["lead"]] if (row["lead"] or "").strip() else paragraphs)
        if options.excerpt:
            paragraphs = paragraphs[: options.excerpt_paragraphs]
        passages = marking.passage_paragraphs(marks[row["id"]]) if marked else []
        if options.highlights_only and passages:
            paragraphs, excerpted = passages, True
        also = [o for cid, o in outlets_of_story.get(story or 0, []) if cid != row["id"]]
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
                why=row.get("why") or "",
                # an excerpt of the passages alone does not list them twice
                passages=[]
                if options.highlights_only
                else marking.passages(marks.get(row["id"], [])),
            )
        )
    who = _who(items, quotes)
    if options.group_by == "speaker":
        sections = dividing.by_speaker(items, quotes, who)
    else:
        sections = dividing.group(items, options.group_by)
    for index, section in enumerate(sections):
        section.anchor = f"s{index}"
        for item in section.items:
            item.home = section.title
    pack = Pack(options, sections, who if options.who_said_what else [])
    if options.coverage:
        from core.packs import coverage

        pack.coverage = coverage.section(library, [row["id"] for row in rows], options)
    return pack


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
