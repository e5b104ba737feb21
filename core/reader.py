"""A clipping as the reader shows it: one self-contained HTML page, everything escaped, search
hits and speakers' quotes marked, nothing that loads from anywhere."""

from __future__ import annotations

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


LIGHT = {"muted": "#5f6368", "accent": "#1a73e8", "speaker": "#8e24aa", "hit": "#fff1a8"}
DARK = {"muted": "#9aa0a6", "accent": "#8ab4f8", "speaker": "#ce93d8", "hit": "#6b5d00"}
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


def _paragraph_html(paragraph: str) -> Markup:
    html = str(escape(paragraph))
    return Markup(html.replace(MARK_OPEN, '<span class="hit">').replace(MARK_CLOSE, "</span>"))


def render(library: Library, clipping_id: int, *, query_text: str = "", dark: bool = False) -> str:
    clipping: dict[str, Any] = library.get(clipping_id)
    text = highlighted_text(library, clipping_id, query_text)
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
        paragraphs=[_paragraph_html(p) for p in text.split("\n") if p.strip()],
        fonts=Markup(FONTS),
        **(DARK if dark else LIGHT),
    )
