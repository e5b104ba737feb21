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


def test_a_word_in_quotation_marks_is_kept_when_its_sentence_names_who_said_it() -> None:
    text = "Harbour spokesman Bo Rask responded on Friday, calling the plan “pathetic” and “odd.”"
    kept = quotes(text)["Bo Rask"]
    assert ("direct", "pathetic") in kept
    assert ("direct", "odd.") in kept


def test_a_word_in_quotation_marks_with_no_speaker_in_its_sentence_is_not_kept() -> None:
    text = "Bo Rask said the port would close. Dockers call the plan “pathetic”."
    assert [q for _, q in quotes(text)["Bo Rask"]] == ["the port would close."]


def test_words_between_a_closing_and_an_opening_mark_are_not_a_quote() -> None:
    text = 'Bo Rask praised the "safe harbour." He pledged "joint patrols with Westvale," he said.'
    kept = [q for kind, q in quotes(text)["Bo Rask"] if kind == "direct"]
    assert " He pledged " not in kept


def test_a_sentence_of_names_going_on_from_a_quote_is_no_title() -> None:
    text = "“Two people can do that,” said Ada Brek, a docker. “That’s Bo Rask and Cy Lind Moe.”"
    assert ("direct", "That’s Bo Rask and Cy Lind Moe.") in quotes(text)["Ada Brek"]


def test_a_title_after_reported_speech_is_still_no_quote() -> None:
    text = "Ada Brek said the port would close. Later she went to see “The Long Winter Night.”"
    assert [kind for kind, _ in quotes(text)["Ada Brek"]] == ["reported"]


def test_a_role_is_the_office_without_the_clause_after_it() -> None:
    text = "“We lost,” said Ada Brek, a party leader who is running to represent the 4th District."
    assert {s.name: s.role for s in find(text).speakers} == {"Ada Brek": "a party leader"}


def test_a_headline_quoting_in_single_marks_after_a_name_and_a_colon() -> None:
    found = find("Ivo Lind: ‘I’m the Worst Thing That Ever Happened to the Board.’\n\nIt shut.")
    assert [(s.name, [q.text for q in s.quotes]) for s in found.speakers] == [
        ("Ivo Lind", ["I’m the Worst Thing That Ever Happened to the Board."])
    ]


def test_single_marks_elsewhere_are_no_quotes() -> None:
    found = find("The dockers sang ‘Harbour Lights’ all night, Ivo Lind said.")
    assert all(q.kind != "direct" for s in found.speakers for q in s.quotes)


def test_a_headline_naming_what_the_speaker_spoke_on() -> None:
    found = find("Ada Brek on the Board Releasing Its Papers: ‘I Think It Will.’\n\nIt did.")
    assert [(s.name, [q.text for q in s.quotes]) for s in found.speakers] == [
        ("Ada Brek", ["I Think It Will."])
    ]
