"""Whether a text in the Latin script is English: the finder's rules read English only."""

from __future__ import annotations

import re

# Words English prose cannot go far without, and that German, French, Spanish, Portuguese or
# Dutch do not spell the same ("in", "was", "will", "an" and "die" are left out)
_ENGLISH_WORDS = frozenset(
    "the and of to is that for on with as said by at it from his her he she they this are have "
    "has not but who would".split()
)
# A word of any language: letters only, with the punctuation around it ("item4word2", "2021"
# and "@doe" are not)
_WORD = re.compile(r"(?<!\S)[(\"“‘'«]*([^\W\d_]+(?:['’-][^\W\d_]+)*)[)\"”’'».,;:!?]*(?!\S)")


def reads_as_english(head: str) -> bool:
    """English news has one of these words in about every five (a list or a headline may have
    fewer); text in another language of the Latin script has nearly none."""
    words = _WORD.findall(head, 0, 1500)  # some 250 words tell
    if len(words) < 80:
        return True  # too little to tell
    return sum(w.casefold() in _ENGLISH_WORDS for w in words) >= 0.08 * len(words)
