"""Where a highlight stands in a text that may have changed since it was made.

A highlight is kept as the W3C Web Annotation model keeps a text target, and as Hypothesis
anchors one: a TextQuoteSelector (the exact words, with up to 32 characters before and after)
and a TextPositionSelector (its character offsets). Placing it in a text tries, in order:

1. the position, if the exact words still stand there and their context agrees;
2. the exact words, the occurrence whose context agrees best, the nearest one among equals;
3. a fuzzy match (rapidfuzz) near the old position, then anywhere, accepted only when the words
   and their context are close enough that it cannot be another sentence;
4. nothing: the highlight is an orphan, kept and listed, never moved to a wrong place.

When the old text is at hand (an edit, a new extraction of the page), its difference from the
new one maps the old position to where it moved (``PositionMap``), so step 1 holds for every
highlight the edit did not touch and step 3 starts where the passage went.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

CONTEXT = 32  # characters of prefix and suffix, as Hypothesis keeps
_MAX_OCCURRENCES = 2000
_CHAR_DIFF_LIMIT = 4e8  # len(old) * len(new) past which a changed block is not diffed by char


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector and a TextPositionSelector together."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    how: str  # "position", "exact", "fuzzy"


def describe(text: str, start: int, end: int, context: int = CONTEXT) -> Quote:
    """The selectors of ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no passage at {start}-{end} in a text of {len(text)} characters")
    return Quote(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def _likeness(kept: str, found: str) -> float:
    """0..1: how well the context found around a candidate matches the context kept."""
    if not kept and not found:
        return 1.0
    if not kept or not found:
        return 0.5  # the text's edge on one side only: no evidence either way
    if kept == found:
        return 1.0
    return fuzz.ratio(kept, found) / 100.0


def context_score(quote: Quote, text: str, start: int, end: int) -> float:
    """0..1: how well the text around [start, end) matches the kept prefix and suffix."""
    before = text[max(0, start - len(quote.prefix)) : start] if quote.prefix else text[:0]
    after = text[end : end + len(quote.suffix)] if quote.suffix else text[:0]
    if not quote.prefix and start == 0:
        before_score = 1.0
    else:
        before_score = _likeness(quote.prefix, before)
    if not quote.suffix and end == len(text):
        after_score = 1.0
    else:
        after_score = _likeness(quote.suffix, after)
    return (before_score + after_score) / 2


class PositionMap:
    """Old offsets to new ones, from the difference between two versions of a text:
    paragraphs first (difflib), then the characters of each changed stretch (rapidfuzz)."""

    def __init__(self, old: str, new: str) -> None:
        self.blocks: list[tuple[str, int, int, int, int]] = []
        if old == new:
            self.blocks.append(("equal", 0, len(old), 0, len(new)))
            return
        old_lines = old.splitlines(keepends=True)
        new_lines = new.splitlines(keepends=True)
        old_at = _starts(old_lines)
        new_at = _starts(new_lines)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            a1, a2, b1, b2 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
            if tag == "equal" or (a2 - a1) * (b2 - b1) > _CHAR_DIFF_LIMIT or a1 == a2 or b1 == b2:
                self.blocks.append((tag, a1, a2, b1, b2))
                continue
            for op in Indel.opcodes(old[a1:a2], new[b1:b2]):
                self.blocks.append(
                    (
                        op.tag,
                        a1 + op.src_start,
                        a1 + op.src_end,
                        b1 + op.dest_start,
                        b1 + op.dest_end,
                    )
                )
        self._starts = [block[1] for block in self.blocks]

    def __call__(self, offset: int, *, end: bool = False) -> int:
        """Where an old offset stands in the new text. An offset inside a changed stretch goes
        to that stretch's start (or, for the end of a passage, its end)."""
        import bisect

        if len(self.blocks) == 1 and self.blocks[0][0] == "equal":
            return min(offset, self.blocks[0][4])
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        # an end offset at a block's start belongs to the block before it
        if end and index > 0 and self.blocks[index][1] == offset:
            index -= 1
        tag, a1, a2, b1, b2 = self.blocks[index]
        if tag == "equal":
            return b1 + min(offset - a1, b2 - b1)
        return b2 if end else b1


def _starts(lines: list[str]) -> list[int]:
    at = [0]
    for line in lines:
        at.append(at[-1] + len(line))
    return at


def _occurrences(text: str, exact: str) -> list[int]:
    found: list[int] = []
    at = text.find(exact)
    while at != -1 and len(found) < _MAX_OCCURRENCES:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def _word_start(text: str, at: int) -> int:
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at -= 1
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _word_end(text: str, at: int) -> int:
    while 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
        at += 1
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _snap(quote: Quote, text: str, start: int, end: int) -> tuple[int, int]:
    """A fuzzy match's edges moved to where the kept words begin and end: the first and last
    few characters of the quote looked up near each edge, else the nearest word boundary."""
    n = len(quote.exact)
    key = max(3, min(16, n // 4))
    slack = max(8, n // 5)
    head, tail = quote.exact[:key], quote.exact[-key:]
    near = text.find(head, max(0, start - slack), start + slack + key)
    if near != -1:
        start = near
    elif quote.exact[:1].isalnum():
        start = _word_start(text, start)
    near = text.rfind(tail, max(0, end - slack - key), end + slack)
    if near != -1 and near + key > start:
        end = near + key
    elif quote.exact[-1:].isalnum():
        end = _word_end(text, end)
    return start, max(end, start)


def _needed(quote: Quote) -> tuple[float, float]:
    """(likeness of the words, likeness of the context) a fuzzy match must reach: a short
    quote could match many sentences, so it needs its context as well."""
    n = len(quote.exact)
    if n < 12:
        return 0.0, 2.0  # never fuzzy: a few letters are found anywhere
    if n < 30:
        return 0.9, 0.75
    if n < 80:
        return 0.8, 0.5
    return 0.75, 0.35


def anchor(
    quote: Quote,
    text: str,
    *,
    hint: int | None = None,
    hint_end: int | None = None,
) -> Placement | None:
    """Place ``quote`` in ``text``. ``hint`` is where it is expected: the old position, or
    where a PositionMap says it went, and then ``hint_end`` is where its end went. None means
    it is an orphan."""
    exact, n = quote.exact, len(quote.exact)
    if not exact or not text:
        return None
    mapped = hint_end is not None
    hint = quote.start if hint is None else hint
    # 1. the position
    if text[hint : hint + n] == exact and context_score(quote, text, hint, hint + n) >= 0.5:
        return Placement(hint, hint + n, "position")
    # 2. where the difference says the passage went, if its words are still close to it
    if mapped and hint_end is not None and hint_end > hint:
        placed = _close_enough(quote, text, [(hint, hint_end)], relaxed=True)
        if placed is not None:
            return placed
    # 3. the exact words: the best context, then the nearest
    found = _occurrences(text, exact)
    if (
        mapped
        and hint_end is not None
        and hint_end > hint
        and _recognisable(quote, text, hint, hint_end)
    ):
        # the passage is still where the difference put it, too changed to keep: the same
        # words elsewhere are another passage (an article that says a thing twice)
        found = [at for at in found if at < hint_end and hint < at + n]
    elif mapped:
        # the difference knows where the passage went: the same words far from there are
        # another passage unless their context says otherwise
        near = n + 300
        found = [
            at
            for at in found
            if abs(at - hint) <= near or context_score(quote, text, at, at + n) >= 0.8
        ]
    if found:
        scale = max(len(text), 1)
        best = max(
            found,
            key=lambda at: (
                round(context_score(quote, text, at, at + n), 1),
                -abs(at - hint) / scale,
            ),
        )
        score = context_score(quote, text, best, best + n)
        # a unique long passage is itself; a few common words need their context
        needed = 0.75 if n < 12 else 0.6 if n < 30 else 0.45
        if score >= needed or (len(found) == 1 and n >= 30 and score >= 0.3):
            return Placement(best, best + n, "exact")
    # 4. fuzzy
    return _fuzzy(quote, text, hint)


def _close_enough(
    quote: Quote, text: str, candidates: list[tuple[int, int]], *, relaxed: bool = False
) -> Placement | None:
    """The best candidate span whose words and context are close enough to the quote's."""
    words_needed, context_needed = _needed(quote)
    if context_needed > 1:
        return None
    if relaxed:  # the difference between the versions vouches for the place
        words_needed, context_needed = 0.6, 0.5
    n = len(quote.exact)
    best: tuple[float, int, int] | None = None
    for start, end in candidates:
        start, end = _snap(quote, text, start, end)
        if end <= start or not 0.6 * n <= end - start <= 1.5 * n + 10:
            continue
        words = fuzz.ratio(quote.exact, text[start:end]) / 100.0
        context = context_score(quote, text, start, end)
        if words < words_needed or context < context_needed:
            continue
        if best is None or words + context > best[0]:
            best = (words + context, start, end)
    return None if best is None else Placement(best[1], best[2], "fuzzy")


def _recognisable(quote: Quote, text: str, start: int, end: int) -> bool:
    return fuzz.ratio(quote.exact, text[start:end]) >= 40


def _fuzzy(quote: Quote, text: str, hint: int) -> Placement | None:
    if _needed(quote)[1] > 1:
        return None
    n = len(quote.exact)
    candidates: list[tuple[int, int]] = []
    margin = 2 * n + 200
    for low, high in ((max(0, hint - margin), min(len(text), hint + n + margin)), (0, len(text))):
        found = fuzz.partial_ratio_alignment(quote.exact, text[low:high], score_cutoff=60)
        if found is not None and found.dest_end > found.dest_start:
            candidates.append((low + found.dest_start, low + found.dest_end))
    return _close_enough(quote, text, candidates)


def reanchor(
    quotes: list[Quote], old: str | None, new: str
) -> list[tuple[Quote, Placement | None]]:
    """Place each of a text's highlights in its new version (``old``: the version they were
    made on, when known)."""
    mapping: Callable[..., int] | None = None
    if old is not None and old != new:
        mapping = PositionMap(old, new)
    placed: list[tuple[Quote, Placement | None]] = []
    for quote in quotes:
        if old is not None and old == new and new[quote.start : quote.end] == quote.exact:
            placed.append((quote, Placement(quote.start, quote.end, "position")))
            continue
        if mapping is not None:
            start, end = mapping(quote.start), mapping(quote.end, end=True)
            placed.append((quote, anchor(quote, new, hint=start, hint_end=end)))
        else:
            placed.append((quote, anchor(quote, new)))
    return placed
