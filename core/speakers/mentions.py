"""Where a name stands in an article: after a title ('President Obama'), or in the attribution
of a quote ('“...,” Doe said'). Each is looked for where the name itself occurs, with patterns
compiled once, rather than with a pattern compiled for each name and run over the whole text
(compiling them, and trying the titles at every word of the article, took a sixth of the
speaker finder's time). The answers are those of the patterns in each function's docstring
(tests/core/test_speaker_mentions.py holds them to it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.speakers.names import BARE_TITLE

#: The plain verbs of an attribution after a quote ('“...,” Doe said', '..., said Doe.')
PLAIN_SAID = "said|says|asked|added|wrote|writes|told|explained|tweeted|stated|replied|continued"
_SAID_WORDS = PLAIN_SAID.split("|")

_BOUNDARY = re.compile(r"\b")
_SAID_AFTER = re.compile(rf"\s+(?:{PLAIN_SAID})\b")
_SAID_OPENING = re.compile(rf"\s+(?:{PLAIN_SAID}|went on to say)\s*[,:]\s*[“\"]")
# A title ending where the search window ends (the space before the name)
_TITLE_ENDING = re.compile(rf"\b(?:{BARE_TITLE})\Z")
#: longer than any title's alternative as written, so longer than any it matches
TITLE_REACH = max(len(alternative) for alternative in BARE_TITLE.split("|")) + 1


def occurrences(text: str, name: str) -> Iterator[int]:
    """Where the name starts, each place it does (overlapping ones too, as a search would)."""
    at = text.find(name)
    while at != -1 and name:
        yield at
        at = text.find(name, at + 1)


def _space_before(text: str, at: int) -> int:
    """The start of the run of white space that ends at ``at`` (``at`` itself if none)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def is_titled(text: str, name: str) -> bool:
    """Whether a title stands before the name: ``re.search(rf"\\b{TITLE} {name}\\b", text)``
    for the name as it is written (TITLE's look-ahead asks for a capital after the space)."""
    if not name or not "A" <= name[0] <= "Z":
        return False
    for at in occurrences(text, name):
        if (
            at > 0
            and text[at - 1] == " "
            and _BOUNDARY.match(text, at + len(name))
            and _TITLE_ENDING.search(text, max(0, at - 1 - TITLE_REACH), at - 1)
        ):
            return True
    return False


def in_attribution(text: str, name: str) -> bool:
    """Whether the name stands in the attribution of a quote, as
    ``re.search(rf'[,!?][”"]\\s+{name}\\s+(?:{PLAIN_SAID})\\b|[,”"]\\s*(?:{PLAIN_SAID})\\s+{name}'
    rf'[,.]|\\b{name}\\s+(?:{PLAIN_SAID}|went on to say)\\s*[,:]\\s*[“"]', text)`` finds it:
    '“...,” Doe said.', '..., said Doe.', 'Doe said, “...'."""
    for at in occurrences(text, name):
        end = at + len(name)
        spaces = _space_before(text, at)
        if spaces < at:
            # '“...,” Doe said'
            if spaces >= 2 and text[spaces - 1] in '”"' and text[spaces - 2] in ",!?":
                if _SAID_AFTER.match(text, end):
                    return True
            # '..., said Doe.'
            if text[end : end + 1] in (",", "."):
                for verb in _SAID_WORDS:
                    if text.endswith(verb, 0, spaces):
                        mark = _space_before(text, spaces - len(verb))
                        if mark > 0 and text[mark - 1] in ',”"':
                            return True
        # 'Doe said, “...'
        if _BOUNDARY.match(text, at) and _SAID_OPENING.match(text, end):
            return True
    return False
