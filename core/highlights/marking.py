"""Highlights laid into text: the pack's paragraphs (markers every format renders) and the
reader's HTML (spans in the highlight's colour that link to the highlight).

In a pack's text a highlight stands between HIGHLIGHT_OPEN + its colour's digit and
HIGHLIGHT_CLOSE, with its comment between NOTE_OPEN and NOTE_CLOSE straight after it. A
highlight is always closed before a kept quote's marker and opened again after it, and closed
at a line break, so that every format's tags nest."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from core.highlights.colours import COLOURS
from core.packs.model import (
    HIGHLIGHT_CLOSE,
    HIGHLIGHT_OPEN,
    NOTE_CLOSE,
    NOTE_OPEN,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    Passage,
)

DIGIT = {c.key: str(i) for i, c in enumerate(COLOURS)}
_BREAKS = re.compile(r"\n\s*")


def _kept(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans inside the text, none overlapping one before it."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        start = max(start, kept[-1][1]) if kept else start
        if 0 <= start < end <= length:
            kept.append((start, end))
    return kept


def mark_text(text: str, quotes: list[tuple[int, int]], highlights: list[dict[str, Any]]) -> str:
    """The text with kept quotes (QUOTE_OPEN/CLOSE) and anchored highlights marked."""
    quote_spans = _kept(quotes, len(text))
    by_start: dict[int, tuple[int, str, str]] = {}
    last_end = 0
    anchored = [h for h in highlights if h.get("state", "anchored") == "anchored"]
    for h in sorted(anchored, key=lambda h: (h["start"], h["end"])):
        start, end = max(h["start"], last_end), min(h["end"], len(text))
        if 0 <= start < end:
            by_start[start] = (end, DIGIT.get(h["colour"], "0"), h.get("comment") or "")
            last_end = end
    quote_starts = {s for s, _ in quote_spans}
    quote_ends = {e for _, e in quote_spans}
    toggles = quote_starts | quote_ends
    events = sorted(set(toggles) | set(by_start) | {e for e, _, _ in by_start.values()})
    out: list[str] = []
    at = 0
    colour: str | None = None
    open_end, open_note = -1, ""
    for position in [*events, len(text)]:
        piece = text[at:position]
        if colour is not None:
            # a highlight over a paragraph break is closed before it and opened after it
            reopen = HIGHLIGHT_OPEN + colour
            piece = _BREAKS.sub(_reopening(reopen), piece)
        out.append(piece)
        at = position
        if colour is not None and position == open_end:
            out.append(HIGHLIGHT_CLOSE)
            if open_note:
                out.append(NOTE_OPEN + " ".join(open_note.split()) + NOTE_CLOSE)
            colour = None
        if position in toggles:
            toggled = QUOTE_CLOSE * (position in quote_ends) + QUOTE_OPEN * (
                position in quote_starts
            )
            if colour is not None:
                out.append(HIGHLIGHT_CLOSE + toggled + HIGHLIGHT_OPEN + colour)
            else:
                out.append(toggled)
        if position in by_start:
            open_end, colour, open_note = by_start[position]
            out.append(HIGHLIGHT_OPEN + colour)
    if colour is not None:
        out.append(HIGHLIGHT_CLOSE)
    return "".join(out)


def _reopening(reopen: str) -> Callable[[re.Match[str]], str]:
    return lambda m: HIGHLIGHT_CLOSE + m.group() + reopen


def passages(highlights: list[dict[str, Any]]) -> list[Passage]:
    """The "Key passages" of a clipping: its anchored highlights in the order of its text."""
    by_key = {c.key: c for c in COLOURS}
    return [
        Passage(
            text=" ".join(h["exact"].split()),
            comment=" ".join((h.get("comment") or "").split()),
            colour=h["colour"],
            colour_name=h.get("colour_name") or by_key[h["colour"]].default_name,
            background=by_key[h["colour"]].light,
        )
        for h in sorted(highlights, key=lambda h: h["start"])
        if h.get("state", "anchored") == "anchored"
    ]


def passage_paragraphs(highlights: list[dict[str, Any]]) -> list[str]:
    """An excerpt of the highlighted passages alone, each a paragraph with its comment."""
    paragraphs = []
    for passage in passages(highlights):
        note = NOTE_OPEN + passage.comment + NOTE_CLOSE if passage.comment else ""
        paragraphs.append(
            HIGHLIGHT_OPEN + DIGIT[passage.colour] + passage.text + HIGHLIGHT_CLOSE + note
        )
    return paragraphs


@dataclass(frozen=True)
class Run:
    """A stretch of a pack paragraph with one look."""

    text: str
    quote: bool = False
    colour: int | None = None  # index into COLOURS
    note: bool = False


_TOKEN = re.compile("(\x0e\\d|[\x04\x05\x0f\x10\x11])")


def runs(paragraph: str) -> list[Run]:
    """A pack paragraph as runs of text, each saying whether it is a quote, a highlight (and
    in which colour) or a highlight's comment."""
    found: list[Run] = []
    quote, colour, note = False, None, False
    for token in _TOKEN.split(paragraph):
        if not token:
            continue
        if token[0] == HIGHLIGHT_OPEN:
            colour = int(token[1:])
        elif token == HIGHLIGHT_CLOSE:
            colour = None
        elif token == QUOTE_OPEN:
            quote = True
        elif token == QUOTE_CLOSE:
            quote = False
        elif token == NOTE_OPEN:
            note = True
        elif token == NOTE_CLOSE:
            note = False
        else:
            found.append(Run(token, quote, colour, note))
    return found


def balance(head: str, rest: str) -> tuple[str, str]:
    """A paragraph cut in two: a highlight or comment open at the cut is closed at the end of
    the first piece and opened again at the start of the second (quotes are the caller's)."""
    opened = re.findall("\x0e\\d", head)
    if head.count(HIGHLIGHT_OPEN) > head.count(HIGHLIGHT_CLOSE):
        head, rest = head + HIGHLIGHT_CLOSE, opened[-1] + rest
    if head.count(NOTE_OPEN) > head.count(NOTE_CLOSE):
        head, rest = head + NOTE_CLOSE, NOTE_OPEN + rest
    return head, rest


# -- the reader --------------------------------------------------------------------------

MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # search hits, as core.search marks them
# core.reader's quotes: READER_QUOTE_OPEN, the quote's number, READER_QUOTE_END ... CLOSE
READER_QUOTE_OPEN, READER_QUOTE_CLOSE, READER_QUOTE_END = "\x04", "\x05", "\x06"


_READER_MARKER = re.compile("\x02|\x03|\x04(\\d*)\x06|\x05")


def reader_paragraphs(
    marked: str,
    highlights: list[dict[str, Any]],
    opening: list[str] | None = None,
    *,
    dark: bool = False,
) -> list[Markup]:
    """The reader's paragraphs from its marked text (search hits between MARK_OPEN and
    MARK_CLOSE; quote n between READER_QUOTE_OPEN n READER_QUOTE_END and READER_QUOTE_CLOSE,
    opened by the link ``opening[n]``; no marker takes a place in the clipping's text), each
    anchored highlight in its colour. A highlight is a link to itself (cuttings:highlight/ID),
    except inside a quote, whose own link it keeps. Each paragraph opens with an anchor naming
    the offset it starts at (t123), so a selection in the reader maps back to the text."""
    opening = opening or []
    # the markers' places in the plain text, and how things look from each on
    pieces: list[str] = []
    changes: list[tuple[int, bool, int | None]] = [(0, False, None)]  # (offset, hit, quote)
    hit, quote, at, plain_at = False, None, 0, 0
    for found in _READER_MARKER.finditer(marked):
        pieces.append(marked[at : found.start()])
        plain_at += found.start() - at
        at = found.end()
        token = found.group()
        if token == MARK_OPEN:
            hit = True
        elif token == MARK_CLOSE:
            hit = False
        elif token == READER_QUOTE_CLOSE:
            quote = None
        else:
            number = found.group(1)
            quote = int(number) if number and int(number) < len(opening) else None
        changes.append((plain_at, hit, quote))
    pieces.append(marked[at:])
    text = "".join(pieces)
    by_key = {c.key: c for c in COLOURS}
    spans: list[tuple[int, int, int, str]] = []
    last_end = 0
    anchored = [h for h in highlights if h.get("state", "anchored") == "anchored"]
    for h in sorted(anchored, key=lambda h: (h["start"], h["id"])):
        start, end = max(h["start"], last_end), min(h["end"], len(text))
        if start < end:  # a later highlight does not repaint an earlier one
            colour = by_key.get(h["colour"], COLOURS[0])
            spans.append((start, end, h["id"], colour.dark if dark else colour.light))
            last_end = end
    edges = {0, len(text)} | {c[0] for c in changes} | {e for s in spans for e in s[:2]}
    at = text.find("\n")
    while at != -1:
        edges |= {at, at + 1}
        at = text.find("\n", at + 1)
    ink = "#e8eaed" if dark else "#202124"
    paragraphs: list[Markup] = []
    current: list[str] = []
    paragraph_start: int | None = None
    look_index = span_index = 0
    ordered = sorted(edges)
    for start, end in zip(ordered, ordered[1:], strict=False):
        while look_index + 1 < len(changes) and changes[look_index + 1][0] <= start:
            look_index += 1
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        piece = text[start:end]
        if piece == "\n":
            if current and paragraph_start is not None and text[paragraph_start:start].strip():
                paragraphs.append(Markup(f'<a name="t{paragraph_start}"></a>' + "".join(current)))
            current, paragraph_start = [], None
            continue
        if paragraph_start is None:
            paragraph_start = start
        _, in_hit, in_quote = changes[look_index]
        mark = (
            spans[span_index] if span_index < len(spans) and spans[span_index][0] <= start else None
        )
        html = str(escape(piece))
        if in_hit:
            html = f'<span class="hit">{html}</span>'
        if mark is not None and in_quote is not None:
            html = f'<span style="background-color:{mark[3]};">{html}</span>'
        elif mark is not None:
            html = (
                f'<a href="cuttings:highlight/{mark[2]}" class="mark" style="background-color:'
                f'{mark[3]}; color:{ink}; text-decoration:none;">{html}</a>'
            )
        if in_quote is not None:
            html = f"{opening[in_quote]}{html}</a>"
        current.append(html)
    if current and paragraph_start is not None and text[paragraph_start:].strip():
        paragraphs.append(Markup(f'<a name="t{paragraph_start}"></a>' + "".join(current)))
    return paragraphs


_HTML_MARK = re.compile("\x0e(\\d)")


def pack_html(html: str) -> str:
    """Escaped pack HTML with its highlight markers as <mark> in their colours and comments
    as a small bracketed note after the passage (inline styles: the pack goes by e-mail)."""
    html = _HTML_MARK.sub(
        lambda m: f'<mark style="background-color:{COLOURS[int(m[1])].light};color:#202124;">',
        html,
    )
    return (
        html.replace(HIGHLIGHT_CLOSE, "</mark>")
        .replace(NOTE_OPEN, ' <span style="color:#5f6368;font-size:12px;font-style:italic;">[')
        .replace(NOTE_CLOSE, "]</span>")
    )


def pack_reportlab(markup: str) -> str:
    """ReportLab paragraph markup with its highlight markers as a background colour and
    comments as a small bracketed note after the passage."""
    markup = _HTML_MARK.sub(lambda m: f'<span backColor="{COLOURS[int(m[1])].light}">', markup)
    return (
        markup.replace(HIGHLIGHT_CLOSE, "</span>")
        .replace(NOTE_OPEN, ' <font size="8" color="#5f6368"><i>[')
        .replace(NOTE_CLOSE, "]</i></font>")
    )
