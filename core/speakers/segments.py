"""Where an article's quotations, sentences and paragraphs lie, as character spans."""

from __future__ import annotations

import re
from collections.abc import Callable

_QUOTE_PAIRS = {"“": '”"', '"': '"”', "«": "»", "„": '“"'}  # opener: closers it takes
_OPENER = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")
_STOPS = {ch: re.compile("[" + re.escape(close) + "\n]") for ch, close in _QUOTE_PAIRS.items()}
_BREAK = re.compile("[\n ]*")


# Doubled apostrophes as quotation marks, with the single mark of a quotation inside a quotation
# that may stand beside them (three apostrophes where both close at once)
_DOUBLED = re.compile("'''|''")

_CLOSING_OPENER = re.compile(r"(?<=[\w,.!?])“(?=\s)")


def marked_quotes(text: str) -> str:
    """The text with quotation marks printed as doubled apostrophes or backticks replaced by
    '"', each stand-in as long as what it replaces so that every offset holds. An opening mark
    keeps a space before the quote and a closing one a space after it, so that a sentence still
    ends at a closing mark and the next starts at an opening one."""
    text = text.replace("``", ' "').replace("‘‘", " “").replace("’’", "” ")
    # ('“It is late,“ said Doe': an opening mark after a comma and before a space closes)
    text = _CLOSING_OPENER.sub("”", text)
    if "''" not in text:
        return text

    def stand_in(match: re.Match[str]) -> str:
        i, mark = match.start(), match.group(0)
        before = text[i - 1] if i else " "
        after = text[match.end() : match.end() + 1] or " "
        opening = (before.isspace() or before in "([{—–-") and not after.isspace()
        if len(mark) == 3:
            return " \"'" if opening else "'\" "
        return ' "' if opening else '" '

    return _DOUBLED.sub(stand_in, text)


def opens_sentence(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 3) : match.start()].rstrip(' "“')
    return not before or before[-1] in ".!?\n"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (marks excluded); a quote left open at a paragraph's end
    goes on in the next paragraph when that one opens with a mark, as newspapers print it."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while (opener := _OPENER.search(text, i)) is not None:
        i = opener.start()
        ch = text[i]
        if ch == '"' and i > 0 and text[i - 1].isalnum():
            i += 1  # inches, or a closing mark
            continue
        close, stop = _QUOTE_PAIRS[ch], _STOPS[ch]
        j = i + 1
        while True:
            found = stop.search(text, j)
            j = found.start() if found else n
            if j < n and text[j] == "\n":
                brk = _BREAK.match(text, j)
                k = brk.end() if brk else j + 1
                if k < n and text[k] == ch:  # continued quote paragraph
                    spans.append((i + 1, j))
                    i, j = k, k + 1
                    continue
            break
        if j < n and text[j] in close and j - i > 1:
            spans.append((i + 1, j))
            i = j + 1
            continue
        i = j if j > i else i + 1
    # A short span with space inside both marks lies between a closing and an opening mark
    # ('..." He pledged "...' where a mark was lost), not inside a pair.
    return [
        (s, e)
        for s, e in spans
        if text[s:e].strip()
        and not (text[s].isspace() and text[e - 1].isspace() and len(text[s:e].split()) < 4)
    ]


# "Ann Doe: ‘We Will Stay.’": a headline quotes in single marks after a label and a colon; the
# quote is the last one on the line, whose closing mark ends it (a "’" inside is an apostrophe)
_LABELLED_SINGLE = re.compile(
    r"^[^\S\n]*[^\n:‘’“”\"]{2,80}:[^\S\n]+(?:[^\n]*?\s)?‘(?P<quote>[^‘\n]{3,300})’[.!?]?[^\S\n]*$",
    re.MULTILINE,
)


def labelled_single_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quotes in single marks after a label and a colon, on lines of their own."""
    if "‘" not in text:
        return []
    return [m.span("quote") for m in _LABELLED_SINGLE.finditer(text)]


_SENT_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘(]?[‘’']?[A-Z])|\n+")


_ABBREVIATION_END = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sens?|Reps?|Govs?|St|Jr|Sr|U\.S|Lt|Col|Capt|Gen|Adm|Maj|Sgt|Cmdr|Rev|"
    r"Prof|[A-Z])\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENT_END.finditer(text):
        before = text[max(start, match.start() - 6) : match.start()]
        if _ABBREVIATION_END.search(before):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraph_index(text: str) -> Callable[[int], int]:
    breaks = [m.start() for m in re.finditer(r"\n", text)]

    def index(position: int) -> int:
        lo, hi = 0, len(breaks)
        while lo < hi:
            mid = (lo + hi) // 2
            if breaks[mid] < position:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return index
