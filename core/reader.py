"""A clipping as the reader shows it: one self-contained HTML page, everything escaped, search
hits and speakers' quotes marked, nothing that loads from anywhere."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from core import paths
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


QUOTE_OPEN, QUOTE_CLOSE = "\x04", "\x05"  # QUOTE_OPEN is followed by its class's digit
# Suggested speakers' quotes take the colour of their row in the review panel, so a reader can
# see who the finder thinks said what before accepting.
SUGGESTED = {
    False: ("#00796b", "#c62828", "#1565c0", "#ef6c00", "#2e7d32", "#6d4c41"),
    True: ("#4db6ac", "#ef9a9a", "#90caf9", "#ffb74d", "#a5d6a7", "#bcaaa4"),
}


SHOWN = 100_000


def _cut(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    end = text.rfind("\n", limit // 2, limit)
    return text[: end if end != -1 else limit]


def mark_spans(marked: str, spans: list[tuple[int, int, int]]) -> str:
    """Put QUOTE_OPEN + class digit ... QUOTE_CLOSE around character spans (start, end,
    class 0-9) of the original text, in a copy that already carries hit markers (which take
    no place in the original). Spans that overlap one marked before them are left out."""
    kept: list[tuple[int, int, int]] = []
    for span in sorted(spans):
        if span[0] < span[1] and (not kept or span[0] >= kept[-1][1]):
            kept.append(span)
    if not kept:
        return marked
    starts = {s: c for s, _, c in kept}
    ends = {e for _, e, _ in kept}
    out, index = [], 0
    for ch in marked:
        if ch in (MARK_OPEN, MARK_CLOSE):
            out.append(ch)
            continue
        if index in ends:
            out.append(QUOTE_CLOSE)
        if index in starts:
            out.append(QUOTE_OPEN + str(starts[index]))
        out.append(ch)
        index += 1
    if index in ends:
        out.append(QUOTE_CLOSE)
    return "".join(out)


_OPENING = re.compile(f"{QUOTE_OPEN}(\\d)")
_QUOTE_MARKER = re.compile(f"{QUOTE_OPEN}(\\d)|{QUOTE_CLOSE}")


def _paragraphs_html(text: str) -> list[Markup]:
    """Paragraphs as HTML; a quote running over a paragraph break is closed and reopened."""
    result, open_class = [], None
    for paragraph in (p for p in text.split("\n") if p.strip()):
        html = str(escape(paragraph))
        html = html.replace(MARK_OPEN, '<span class="hit">').replace(MARK_CLOSE, "</span>")
        if open_class is not None:
            html = f'<span class="q{open_class}">' + html
        for match in _QUOTE_MARKER.finditer(paragraph):
            open_class = match.group(1)
        html = _OPENING.sub(r'<span class="q\1">', html).replace(QUOTE_CLOSE, "</span>")
        if open_class is not None:
            html += "</span>"
        result.append(Markup(html))
    return result


def render(
    library: Library,
    clipping_id: int,
    *,
    query_text: str = "",
    dark: bool = False,
    limit: int | None = SHOWN,
) -> str:
    """The reader's page for a clipping. Past ``limit`` characters of text the page stops at a
    paragraph's end and offers the rest (laying out a 2 MB report froze the window for a
    second); ``None`` shows everything."""
    clipping: dict[str, Any] = library.get(clipping_id)
    from core.speakers import registry  # the reader works before any speaker is found

    text = highlighted_text(library, clipping_id, query_text)
    pending = registry.suggestions(library, clipping_id)
    suggested = [row for row in pending if row["kind"] == "speaker"]
    colours = SUGGESTED[dark]
    spans = [(q["start"], q["end"], 0) for q in registry.quotes_of_clipping(library, clipping_id)]
    for number, row in enumerate(suggested):
        # past the sixth, suggestions keep the plain speaker colour and their quotes unmarked
        row["colour"] = colours[number] if number < len(colours) else None
        if row["colour"]:
            spans += [
                (q["start"], q["end"], number + 1)
                for q in row["quotes"]
                if q["status"] != "rejected"
            ]
    part = _cut(text, limit)
    shown = mark_spans(part, spans)
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
        paragraphs=_paragraphs_html(shown),
        cut=len(part) < len(text),
        suggestions=suggested,
        suggested_colours=colours,
        sources=[s["name"] for s in pending if s["kind"] == "source"],
        fonts=Markup(FONTS),
        **(DARK if dark else LIGHT),
    )
