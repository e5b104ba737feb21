"""How text is prepared for the full-text index.

FTS5's unicode61 tokenizer folds case in every script and the porter wrapper stems English,
but it reads a run of Chinese characters as one long token, so a two-character word inside a
sentence could never be found. Clippings that contain CJK text therefore also get a copy in
the ``cjk_text`` column with each CJK character as its own token; a CJK word in a query
becomes a phrase of its characters, which matches exactly where those characters stand
together.
"""

from __future__ import annotations

import re
from functools import cache

# Han, Hiragana, Katakana, Hangul syllables, CJK punctuation is left out on purpose.
_CJK = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
)
# Full-width punctuation is not indexed, but the spaces put around its neighbours go too.
_NEAR = _CJK + "\u3000-\u303f\uff00-\uffef"


# Compiled when first used: the three cost 9 ms, which a start that shows a list without
# searching it need not pay.
@cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile(f"[{_CJK}]")


@cache
def _spaced() -> re.Pattern[str]:
    return re.compile(f"([{_CJK}])")


@cache
def _unspace() -> re.Pattern[str]:
    return re.compile(
        f"(?<=[{_NEAR}])( )(?=[{_NEAR}]|\x02[{_NEAR}]|\x03)|(?<=[\x03{_NEAR}])( )(?=\x02?[{_NEAR}])"
    )


def has_cjk(text: str | None) -> bool:
    if not text or text.isascii():  # most text, answered without the pattern
        return False
    return _cjk_char().search(text) is not None


def space_cjk(text: str) -> str:
    """Put a space on each side of every CJK character so each is a token of its own."""
    return re.sub(r"  +", " ", _spaced().sub(r" \1 ", text)).strip()


def cjk_index_text(*fields: str | None) -> str | None:
    """The ``cjk_text`` column for a clipping: its CJK-bearing fields spaced out, else NULL."""
    parts = [space_cjk(f) for f in fields if f and has_cjk(f)]
    return "\n".join(parts) if parts else None


def unspace_cjk(snippet: str) -> str:
    """Undo space_cjk in a snippet drawn from ``cjk_text`` (markers \\x02 and \\x03 kept)."""
    previous = None
    while previous != snippet:
        previous = snippet
        snippet = _unspace().sub("", snippet)
    return snippet
