"""Whether two names probably name one person: the same surname up to transliteration
('Al-Kahlot' and 'Al-Kahlout', 'Gaddafi' and 'Gadhafi'), a surname and a full name ending in
it, the same words in another order ('Zhou Shuchun', 'Shuchun Zhou'), and first names that do
not conflict ('A. Doe' and 'Ann Doe'; 'Mustafa Al-Kahlot' and 'Atef Al-Kahlout' are two).

The review panel offers such pairs as one ("merge?"), and a new suggestion that is probably a
registered speaker as that speaker. These are offers the user confirms, never merges made
behind the user's back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from core.speakers.names import TITLE

# "al-", "el-", "Al " before an Arabic surname come and go between spellings of one name.
_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|az)[-\s]+(?=\w)", re.IGNORECASE)
_TITLE = re.compile(rf"^(?:{TITLE}\s+)+")
_VOWELS = re.compile(r"[aeiouyh]")
_DOUBLED = re.compile(r"(.)\1+")


def _plain(word: str) -> str:
    text = unicodedata.normalize("NFKD", word).casefold()
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def words_of(name: str) -> list[str]:
    """A name's words without titles, accents, case or punctuation; an article before an
    Arabic surname joins the surname ('Atef al-Kahlout' -> ['atef', 'kahlout'])."""
    name = _TITLE.sub("", " ".join(name.split()))
    raw = name.split()
    if len(raw) >= 2 and raw[-2].casefold() in ("al", "el"):
        raw = raw[:-2] + [raw[-1]]  # "Atef Al Kahlout"
    words = [_plain(_ARTICLE.sub("", w)) for w in raw]
    return [w for w in words if w]


def _skeleton(word: str) -> str:
    """The consonants a transliteration keeps: 'kahlout' and 'kahlot' -> 'klt'."""
    word = word.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("c", "k")
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", word))


def same_word(a: str, b: str) -> bool:
    """Two spellings of one name word: equal, or at least five letters with the same consonants
    and few letters apart ('Mohammed', 'Muhammad'; not 'Hall', 'Hill' nor 'Johnson', 'Johnston')."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or _skeleton(a) != _skeleton(b):
        return False
    return Levenshtein.distance(a, b) <= max(1, min(len(a), len(b)) // 4)


def _first_names_agree(a: str, b: str) -> bool:
    if a == b or same_word(a, b):
        return True
    # "A. Doe" and "Ann Doe": an initial agrees with a name that starts with it
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def probably_same(a: str, b: str) -> bool:
    """Whether two names probably name one person."""
    wa, wb = words_of(a), words_of(b)
    if not wa or not wb:
        return False
    if wa == wb or (len(wa) == len(wb) > 1 and sorted(wa) == sorted(wb)):
        return True
    if not same_word(wa[-1], wb[-1]):
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True  # a surname and a full name that ends with it
    return _first_names_agree(wa[0], wb[0])


def _ambiguous(name: str, others: list[str]) -> bool:
    """A bare surname that two different people of the list could own."""
    owners = [o for o in others if probably_same(name, o)]
    return any(not probably_same(x, y) for i, x in enumerate(owners) for y in owners[i + 1 :])


def probable_pairs(names: list[str]) -> list[tuple[int, int]]:
    """(i, j), i < j, for the names of the list that are probably one person. A surname that
    two different people of the list share ('Al-Kahlout' beside 'Mustafa Al-Kahlot' and 'Atef
    Al-Kahlout') pairs with neither."""
    pairs = []
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            b = names[j]
            if not probably_same(a, b):
                continue
            if _ambiguous(a, names) or _ambiguous(b, names):
                continue
            pairs.append((i, j))
    return pairs


def _keys(name: str) -> set[str]:
    words = words_of(name)
    return {_skeleton(words[-1]), _skeleton(words[0])} if words else set()


class Registered:
    """The registered speakers and their other names, indexed by the consonants of their first
    and last words, so a suggestion is compared with a few names rather than all."""

    def __init__(self, names: Iterable[tuple[object, str]]) -> None:
        self._by_key: dict[str, list[tuple[object, str]]] = {}
        for owner, name in names:
            for key in _keys(name):
                self._by_key.setdefault(key, []).append((owner, name))

    def match(self, name: str) -> object | None:
        """The one registered speaker this name probably is; None when there is none, or when
        two different speakers could be meant ('Doe' with 'Ann Doe' and 'Bob Doe' registered)."""
        words = words_of(name)
        if not words:
            return None
        candidates = self._by_key.get(_skeleton(words[-1]), [])
        if len(words) > 1:
            candidates = candidates + self._by_key.get(_skeleton(words[0]), [])
        owners = {owner for owner, other in candidates if probably_same(name, other)}
        return owners.pop() if len(owners) == 1 else None
