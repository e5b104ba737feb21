"""What the finder keeps as a quote: no fragment, title or cut number passed off as somebody's
words, reported speech marked so, and roles that describe a person. Invented sentences."""

from __future__ import annotations

import pytest

from core.speakers.finder import find
from core.speakers.names import plausible_role
from core.speakers.reported import whole_numbers


def quotes(text: str) -> dict[str, list[tuple[str, str]]]:
    return {s.name: [(q.kind, q.text) for q in s.quotes] for s in find(text).speakers}


def test_fragments_and_titles_with_no_speaker_in_their_sentence_are_not_quotes() -> None:
    text = (
        "Ilse Varga said the harbour would reopen. “We are ready for the ships,” Varga said.\n\n"
        "Later she was seen at a screening of “The Long Winter.” Critics called the film "
        "“vividly.” The board found the plan “improper.” “After that,” the talks stalled."
    )
    kept = [words for _, words in quotes(text)["Ilse Varga"]]
    assert "We are ready for the ships," in kept
    assert not {"The Long Winter.", "vividly.", "improper.", "After that,"} & set(kept)


def test_a_short_quote_is_kept_when_its_sentence_names_the_speaker() -> None:
    text = "The plan was, said Ilse Varga, “simply improper.”"
    assert ("direct", "simply improper.") in quotes(text)["Ilse Varga"]


def test_reported_speech_is_marked_reported_and_never_direct() -> None:
    found = quotes("Ilse Varga said the ferries would run all night from June.")
    assert found == {"Ilse Varga": [("reported", "the ferries would run all night from June.")]}


@pytest.mark.parametrize(
    ("sentence", "span", "whole"),
    [
        ("output reached 44,947 megawatts", "947 megawatts", "44,947 megawatts"),
        ("it cost 3.25 million", "25 million", "3.25 million"),
        ("from 1,200,000 to 2,000", "200,000 to 2", "1,200,000 to 2,000"),
    ],
)
def test_a_number_is_never_cut_inside_its_digits(sentence: str, span: str, whole: str) -> None:
    start = sentence.index(span)
    s, e = whole_numbers(sentence, 100, 100 + start, 100 + start + len(span))
    assert sentence[s - 100 : e - 100] == whole


@pytest.mark.parametrize(
    "role",
    ["the port director", "a retired docker", "deputy head of the harbour board", "spokeswoman"],
)
def test_roles_are_offices_or_descriptions(role: str) -> None:
    assert plausible_role(role)


@pytest.mark.parametrize(
    "fragment",
    ["who will testify Thursday", "regulators", "superior", "speaking to reporters", "R-Ore."],
)
def test_clause_fragments_are_not_roles(fragment: str) -> None:
    assert not plausible_role(fragment)


def test_a_clause_after_the_name_is_not_given_as_the_role() -> None:
    text = "“The cranes are safe,” said Ilse Varga, who will testify Thursday."
    [speaker] = find(text).speakers
    assert (speaker.name, speaker.role) == ("Ilse Varga", None)
