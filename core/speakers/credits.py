"""Speech credited without a verb: the turns of a transcript (``DOE: Well, look, ...``) and
quotes signed with a dash (``"... our greatest shame." ― Lee Moe``)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from core.speakers.names import NAME, TITLE

# A transcript's turn: a label in capitals, a colon, the words. Up to four words in the label
# ("SEN. ANN DOE"), which keeps "NOTE: ..." and a headline's "FIX IS IN: ..." for the check below.
_TURN = re.compile(
    r"^[ \t]*(?P<label>[A-Z][A-Z’'.-]+(?:[ \t]+[A-Z][A-Z’'.-]+){0,3}):[ \t]+(?P<speech>\S[^\n]*)$",
    re.MULTILINE,
)
_TITLE_LABEL = re.compile(r"^(?:MR|MRS|MS|DR|SEN|REP|GOV|GEN|PROF)\.?[ \t]+")
# A quote and, at the end of its paragraph, a dash and the name that signs it, with perhaps a
# description after a comma.
_DASH_CREDIT = re.compile(
    rf"[”\"’'][.,]?[ \t]*(?:[―—–]|--?)[ \t]*(?P<name>(?:{TITLE}\s+)?{NAME})"
    r"(?:,[^\n]{0,160})?[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
# A post as embedded pages print it: its words, a dash, the author's name and handle, perhaps
# the date ("... at the rally. — Ann Doe (@anndoe) September 1, 2016"), perhaps a closing tag.
_SIGNED_POST = re.compile(
    rf"(?:[―—–]|--?)[ \t]*(?P<name>(?:{TITLE}\s+)?{NAME})[ \t]*\(@\w{{1,30}}\)"
    r"(?:[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4})?[ \t]*(?:</?\w+>)?[ \t.]*$",
    re.MULTILINE,
)
_TAG = re.compile(r"<\w[^<>\n]{0,300}>")
MAX_TURNS = 2_000


@dataclass
class Turn:
    label: str  # as printed, in capitals
    start: int  # of the words spoken, after the label
    end: int
    question: bool


def transcript_turns(text: str) -> list[Turn]:
    """The turns of the transcripts in an article. A label counts when it labels two turns or
    more, or the article also names the person in prose; a single "NOTE:" or a headline's
    "BREAKING NEWS:" is neither."""
    if ":" not in text:
        return []
    turns = []
    for match in _TURN.finditer(text):
        speech = match.group("speech").rstrip()
        turns.append(
            Turn(
                match.group("label"),
                match.start("speech"),
                match.start("speech") + len(speech),
                speech.endswith("?"),
            )
        )
        if len(turns) >= MAX_TURNS:
            break
    if len(turns) < 2:
        return []
    counts = Counter(surname(t.label) for t in turns)  # "JOEL DOE", then "DOE"
    named = {
        last
        for last in counts
        if counts[last] >= 2
        or len(last) > 2
        and re.search(rf"[A-Z][\w.’'-]+ {re.escape(last)}\b", text)
    }
    return [t for t in turns if surname(t.label) in named]


def interviewers(turns: list[Turn]) -> set[str]:
    """The surnames of those who mostly ask: their turns are questions, not statements."""
    asked = Counter(surname(t.label) for t in turns if t.question)
    total = Counter(surname(t.label) for t in turns)
    return {last for last, n in asked.items() if n * 2 >= total[last]}


def label_name(label: str) -> str:
    """'SEN. ANN DOE' -> 'Ann Doe', 'O’DOE' -> 'O’Doe'."""
    words = _TITLE_LABEL.sub("", label).split()
    return " ".join(_capitalise(w) for w in words)


def surname(label: str) -> str:
    return label_name(label).split()[-1] if label_name(label) else label


def _capitalise(word: str) -> str:
    # "O’DOE" -> "O’Doe", "MCDOE" -> "Mcdoe" (the article's own spelling is found later)
    return re.sub(r"(^|[’'-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), word.lower())


def dash_credits(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each quote signed with a dash: the span from the paragraph's
    start to the dash holds the quotes it signs."""
    if not any(dash in text for dash in "―—–-"):
        return []
    found = []
    for match in _DASH_CREDIT.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        found.append((match.group("name"), start, match.start() + 1))
        if len(found) >= MAX_TURNS:
            break
    return found


def signed_posts(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each post signed with its author's name and handle: the words
    from the paragraph's start (after any markup) to the dash."""
    if "(@" not in text:
        return []
    found = []
    for match in _SIGNED_POST.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        tag = _TAG.match(text, start)
        start = tag.end() if tag else start
        end = match.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start >= 10:
            found.append((match.group("name"), start, end))
        if len(found) >= MAX_TURNS:
            break
    return found
