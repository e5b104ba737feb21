"""Where a lone name stands (after a title, in the attribution of a quote), looked for where
the name occurs: the same answers as the patterns compiled for each name that it replaces, on
invented sentences of every shape those patterns take and on the corpus's articles."""

from __future__ import annotations

import re
import sys

import pytest

from core.speakers.lone_names import PLAIN_SAID, TITLE_REACH, in_attribution, is_titled
from core.speakers.names import BARE_TITLE, TITLE, UPPER
from tests.conftest import corpus


def titled_by_pattern(text: str, name: str) -> bool:
    # (with an accented capital counted as a capital, which the pattern's [A-Z] missed:
    # "Prime Minister Élise" is titled)
    title = TITLE.replace("(?=\\s+[A-Z])", f"(?=\\s+[{UPPER}])")
    return re.search(rf"\b{title} {re.escape(name)}\b", text) is not None


def attributed_by_pattern(text: str, name: str) -> bool:
    word = re.escape(name)
    return (
        re.search(
            rf"[,!?][”\"]\s+{word}\s+(?:{PLAIN_SAID})\b|[,”\"]\s*(?:{PLAIN_SAID})\s+{word}[,.]"
            rf"|\b{word}\s+(?:{PLAIN_SAID}|went on to say)\s*[,:]\s*[“\"]",
            text,
        )
        is not None
    )


SENTENCES = [
    "“We stay,” Doe said.",
    "“We stay!”  \n Doe   said it.",
    '"We stay?" Doe says',
    "“We stay,” Doe saidly.",
    "“We stay”, Doe said.",
    "We stay, said Doe.",
    "We stay,” said  Doe, and left.",
    'We stay" \t said\nDoe.',
    "We stay, unsaid Doe.",
    "We stay, said Doe",
    "Doe said, “We stay.”",
    'Doe went on to say: "We stay."',
    "Doe said , “We stay.”",
    "Doe said that “we stay.”",
    "MacDoe said, “We stay.”",
    "Doesn't matter, said Doe.",
    "DoeDoe said, “We stay.”",
    "President Doe said so.",
    "Vice President Doe said so.",
    "Sen. Doe said so.",
    "Sen Doe said so.",
    "Sens. Doe and Roe",
    "Mrs Doe",
    "the President  Doe",
    "Attorney General Doe's office",
    "Former President Doe.",
    "PresidentDoe",
    "ex-President Doe",
    "President Doers",
    "Prime Minister Élise",
    "Mr. Doe",
    "Doe",
    "",
]
NAMES = ["Doe", "Élise", "doe", "Do", "Doe Roe", "O'Doe", "D."]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("name", NAMES)
def test_the_same_answers_as_the_patterns(text: str, name: str) -> None:
    assert is_titled(text, name) == titled_by_pattern(text, name)
    assert in_attribution(text, name) == attributed_by_pattern(text, name)


def test_white_space_is_what_the_patterns_call_white_space() -> None:
    spaces = re.compile(r"\s")
    assert all(bool(spaces.match(ch)) == ch.isspace() for ch in map(chr, range(sys.maxunicode + 1)))


def test_the_search_window_holds_the_longest_title() -> None:
    title = re.compile(rf"(?:{BARE_TITLE})")
    spelled = [w + dot for w in re.sub(r"[()?:\\]", "", BARE_TITLE).split("|") for dot in ("", ".")]
    longest = max((w for w in spelled if title.fullmatch(w)), key=len)
    assert len(longest) >= len("Superintendent") and len(longest) < TITLE_REACH


def test_corpus_articles_give_the_same_answers() -> None:
    texts = [p.read_text("utf-8") for p in sorted((corpus("polnear-sample") / "text").glob("*"))]
    assert texts
    for text in texts[:40]:
        capitals = sorted(set(re.findall(r"\b[A-Z][a-z]+\b", text)))[:60]
        for name in capitals:
            assert is_titled(text, name) == titled_by_pattern(text, name), name
            assert in_attribution(text, name) == attributed_by_pattern(text, name), name
