"""A position in the reader as an offset in the clipping's text, for highlights: through the
anchor each paragraph of the reader opens with (core.highlights.marking names it after the
offset the paragraph starts at); Qt collapses runs of spaces as HTML does, and the mapping
does too."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextBlock, QTextDocument

_ANCHOR = re.compile(r"t(\d+)\Z")
_HTML_SPACE = " \t\n\r\f"


def _collapsed(raw: str) -> list[int]:
    """For each character Qt shows of a paragraph (spaces collapsed as in HTML, leading ones
    dropped), the offset of the raw character it stands for."""
    positions: list[int] = []
    space = True
    for index, ch in enumerate(raw):
        if ch in _HTML_SPACE:
            if not space:
                positions.append(index)
            space = True
        else:
            positions.append(index)
            space = False
    return positions


def _paragraph_start(block: QTextBlock) -> int | None:
    it = block.begin()
    while not it.atEnd():
        for name in it.fragment().charFormat().anchorNames():
            found = _ANCHOR.match(name)
            if found:
                return int(found[1])
        it += 1
    return None


def offset(document: QTextDocument, text: str, position: int, *, at_end: bool) -> int | None:
    """A document position as an offset in the clipping's text. A position outside the text's
    paragraphs (the headline, say) goes to the nearest paragraph's edge."""
    block = document.findBlock(position)
    start = _paragraph_start(block)
    inside = position - block.position()
    while start is None:
        block = block.previous() if at_end else block.next()
        if not block.isValid():
            return None
        start = _paragraph_start(block)
        inside = block.length() - 1 if at_end else 0
    end = text.find("\n", start)
    raw = text[start : end if end != -1 else len(text)]
    positions = _collapsed(raw)
    if not positions:
        return start
    if inside >= len(positions):
        return start + len(raw.rstrip(_HTML_SPACE)) if at_end else start + positions[-1]
    return start + positions[inside]
