"""A clipping as the reader shows it: one self-contained HTML page, everything escaped, search
hits and speakers' quotes marked, nothing that loads from anywhere."""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup

from core import paths
from core.highlights import marking
from core.highlights import store as highlight_store
from core.library import Library
from core.query import parse
from core.search import MARK_CLOSE, MARK_OPEN
from core.textindex import unspace_cjk


@cache
def _template() -> Any:
    import jinja2  # at the first clipping shown, not at start-up

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.RESOURCES / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("reader.html")


def prepare() -> None:
    """Load the template engine ahead of the first clipping shown; the window calls this on a
    worker thread at start-up, so the first list paints without waiting for it."""
    _template()


LIGHT = {
    "muted": "#5f6368",
    "accent": "#1a73e8",
    "speaker": "#8e24aa",
    "hit": "#fff1a8",
    "panel": "#f3eef7",
}
DARK = {
    "muted": "#9aa0a6",
    "accent": "#8ab4f8",
    "speaker": "#ce93d8",
    "hit": "#6b5d00",
    "panel": "#2d2631",
}
FONTS = "'Noto Serif', 'DejaVu Serif', 'WenQuanYi Micro Hei', serif"


def highlighted_text(library: Library, clipping_id: int, query_text: str) -> str:
    """The text with the query's hits between MARK_OPEN and MARK_CLOSE, found by FTS5 itself
    so that stemming agrees with the search (negotiate marks negotiations)."""
    text = library.get(clipping_id)["text"]
    match = parse(query_text).match() if query_text.strip() else None
    if not match:
        return text
    try:
        rows = library.execute(
            "SELECT highlight(clippings_fts, 1, ?, ?) AS t, "
            "highlight(clippings_fts, 7, ?, ?) AS cjk FROM clippings_fts "
            "WHERE clippings_fts MATCH ? AND rowid = ?",
            [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, match, clipping_id],
        )
    except Exception:  # a query FTS5 cannot highlight still shows the text
        return text
    if not rows:
        return text
    marked = rows[0]["t"] or text
    if MARK_OPEN not in marked and rows[0]["cjk"] and MARK_OPEN in rows[0]["cjk"]:
        # Chinese hits are found in the spaced copy; its text part follows the headline.
        spaced = unspace_cjk(rows[0]["cjk"])
        marked = spaced.split("\n", 1)[1] if "\n" in spaced else spaced
    return marked


QUOTE_OPEN, QUOTE_CLOSE, QUOTE_END = "\x04", "\x05", "\x06"  # QUOTE_OPEN number QUOTE_END
# Each person quoted in a clipping keeps one colour, suggested or accepted, in the order they
# are first quoted; after the twelfth, colours are spread round the colour wheel.
PALETTE = {
    False: (
        "#00796b", "#c62828", "#1565c0", "#ef6c00", "#2e7d32", "#6d4c41",
        "#ad1457", "#4527a0", "#00838f", "#827717", "#283593", "#bf360c",
    ),
    True: (
        "#4db6ac", "#ef9a9a", "#90caf9", "#ffb74d", "#a5d6a7", "#bcaaa4",
        "#f48fb1", "#b39ddb", "#80deea", "#e6ee9c", "#9fa8da", "#ffab91",
    ),
}  # fmt: skip
FOLDED = 3  # suggestions shown before "show all": the article's first lines stay in sight


def colour(index: int, dark: bool) -> str:
    palette = PALETTE[dark]
    if index < len(palette):
        return palette[index]
    import colorsys

    hue = (index * 0.618033988749895) % 1.0
    r, g, b = colorsys.hsv_to_rgb(hue, 0.45 if dark else 0.8, 0.95 if dark else 0.6)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


SHOWN = 100_000


def _cut(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    end = text.rfind("\n", limit // 2, limit)
    return text[: end if end != -1 else limit]


def mark_spans(marked: str, spans: list[tuple[int, int, int]]) -> str:
    """Put QUOTE_OPEN number QUOTE_END ... QUOTE_CLOSE around character spans (start, end,
    number) of the original text, in a copy that already carries hit markers (which take no
    place in the original). Spans that overlap one marked before them are left out."""
    kept: list[tuple[int, int, int]] = []
    for span in sorted(spans):
        if span[0] < span[1] and (not kept or span[0] >= kept[-1][1]):
            kept.append(span)
    if not kept:
        return marked
    starts = {s: n for s, _, n in kept}
    ends = {e for _, e, _ in kept}
    out, index = [], 0
    for ch in marked:
        if ch in (MARK_OPEN, MARK_CLOSE):
            out.append(ch)
            continue
        if index in ends:
            out.append(QUOTE_CLOSE)
        if index in starts:
            out.append(f"{QUOTE_OPEN}{starts[index]}{QUOTE_END}")
        out.append(ch)
        index += 1
    if index in ends:
        out.append(QUOTE_CLOSE)
    return "".join(out)


def people(library: Library, clipping_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Who is quoted in a clipping and their quotes, for the reader: the accepted speakers and
    the suggestions waiting for review (``pending``), each with a colour number in the order
    they are first quoted; and every quote not rejected, with its person's number."""
    from core.speakers import registry  # the reader works before any speaker is found

    persons: dict[str, dict[str, Any]] = {}
    quotes: list[dict[str, Any]] = []
    for quote in registry.quotes_of_clipping(library, clipping_id):
        person = persons.setdefault(
            "s:" + quote["speaker"], {"name": quote["speaker"], "accepted": True, "first": None}
        )
        quotes.append({**quote, "person": person})
    for row in registry.suggestions(library, clipping_id):
        if row["kind"] != "speaker":
            continue
        person = persons.setdefault(
            f"g:{row['id']}", {**row, "name": row["name"], "accepted": False, "first": None}
        )
        for quote in row["quotes"]:
            if quote["status"] != "rejected":
                quotes.append({**quote, "person": person})
    for quote in quotes:
        person = quote["person"]
        if person["first"] is None or quote["start"] < person["first"]:
            person["first"] = quote["start"]
    ordered = sorted(
        persons.values(), key=lambda p: (p["first"] is None, p["first"] or 0, p["name"])
    )
    for number, person in enumerate(ordered):
        person["number"] = number
        person["count"] = sum(q["person"] is person for q in quotes)
    return ordered, quotes


def render(
    library: Library,
    clipping_id: int,
    *,
    query_text: str = "",
    dark: bool = False,
    limit: int | None = SHOWN,
    unfold: bool = False,
) -> str:
    """The reader's page for a clipping. Past ``limit`` characters of text the page stops at a
    paragraph's end and offers the rest (laying out a 2 MB report froze the window for a
    second); ``None`` shows everything."""
    clipping: dict[str, Any] = library.get(clipping_id)
    from core.speakers import registry  # the reader works before any speaker is found

    text = highlighted_text(library, clipping_id, query_text)
    persons, quotes = people(library, clipping_id)
    for person in persons:
        person["colour"] = colour(person["number"], dark)
    opening = [
        f'<a href="cuttings:quote/{q["id"]}" style="color: {q["person"]["colour"]}; '
        f'text-decoration: {"underline" if q["person"]["accepted"] else "none"}">'
        for q in quotes
    ]
    spans = [(q["start"], q["end"], n) for n, q in enumerate(quotes)]
    pending = registry.suggestions(library, clipping_id)
    suggested = [p for p in persons if not p["accepted"]]
    by_id = {p["id"]: p for p in suggested}
    for person in suggested:
        person["same"] = [by_id[i] for i in person.get("same_as", []) if i in by_id]
    accepted = {p["name"]: p["colour"] for p in persons if p["accepted"]}
    part = _cut(text, limit)
    shown = mark_spans(part, spans)
    marks = highlight_store.of_clipping(library, clipping_id)
    meta = " · ".join(
        str(x) for x in (clipping["outlet"], clipping["byline"], clipping["published"]) if x
    )
    also = library.execute(
        "SELECT coalesce(outlet, 'unknown outlet') AS outlet FROM clippings WHERE story_id = "
        "(SELECT story_id FROM clippings WHERE id = ?) AND id != ? AND deleted_at IS NULL",
        [clipping_id, clipping_id],
    )
    return _template().render(
        c=clipping,
        meta=meta,
        also=", ".join(r["outlet"] for r in also),
        paragraphs=marking.reader_paragraphs(shown, marks, opening, dark=dark),
        cut=len(part) < len(text),
        suggestions=suggested if unfold else suggested[:FOLDED],
        folded=0 if unfold else max(0, len(suggested) - FOLDED),
        accepted=accepted,
        sources=[s["name"] for s in pending if s["kind"] == "source"],
        fonts=Markup(FONTS),
        **(DARK if dark else LIGHT),
    )
