"""Attributions in headlines Set In Capitals, in a medium named between the name and its verb,
after a description set off by commas, and quotes closed with the wrong mark. Sentences
invented in those shapes."""

from __future__ import annotations

import pytest

from core.speakers.finder import find


def quotes(text: str, kind: str) -> dict[str, list[str]]:
    return {s.name: [q.text for q in s.quotes if q.kind == kind] for s in find(text).speakers}


def test_a_description_before_the_name_is_not_what_was_said() -> None:
    text = "Harbour plan.\n\nOne of the dockers, Ada Brek, said the crane plan will fail."
    assert quotes(text, "reported") == {"Ada Brek": ["the crane plan will fail."]}


@pytest.mark.parametrize("tail", ["said.", "said on Monday.", "said in Westvale.", "said again."])
def test_words_before_an_attribution_that_ends_the_sentence_are_what_was_said(tail: str) -> None:
    text = f"Harbour plan.\n\nThe cranes will not be ready before the winter, Ada Brek {tail}"
    assert quotes(text, "reported") == {
        "Ada Brek": ["The cranes will not be ready before the winter"]
    }


def test_an_opening_mark_that_closes_a_quote_still_closes_it() -> None:
    text = "Harbour plan.\n\n“It is hard to pull off,“ said Ivo Lind, a docker. “We try every day.”"
    assert quotes(text, "direct") == {"Ivo Lind": ["It is hard to pull off,", "We try every day."]}


@pytest.mark.parametrize(
    "medium", ["in a blog post", "in a Medium post", "in a letter to members", "in his speech"]
)
def test_the_medium_between_a_name_and_its_verb(medium: str) -> None:
    text = f"Harbour plan.\n\nBo Rask {medium} said he would close the north dock in May."
    assert quotes(text, "reported") == {"Bo Rask": ["he would close the north dock in May."]}


def test_a_headline_set_in_capitals_names_its_speaker() -> None:
    text = (
        "The year in the harbour.\n\n"
        "1 Ada Brek Explained Why The Docks Felt Empty.\n\n"
        "The docker Ada Brek spoke about the winter when the cranes stood still.\n\n"
        "2 Ivo Lind Won The Harbour Regatta.\n\n"
        "Ivo Lind sailed for Westvale."
    )
    assert set(quotes(text, "direct")) == {"Ada Brek"}  # winning is not saying


def test_a_passive_headline_and_a_name_the_prose_never_uses_name_nobody() -> None:
    text = (
        "Ada Brek Accused Of Closing The Docks.\n\nThe docks were closed in May.\n\n"
        "Bo Rask Says Harbour Will Reopen.\n\nThe harbour may reopen in June."
    )
    assert find(text).speakers == []


@pytest.mark.parametrize(
    "stand",
    ["plans a new harbour board", "signed the harbour bill on Monday", "sided with the dockers",
     "has spoken out in favour of the cranes", "tried to delay the vote on the docks"],
)  # fmt: skip
def test_an_intention_or_a_stand_makes_a_source_whose_words_are_not_reported(stand: str) -> None:
    text = f"Harbour plan.\n\nAda Brek {stand}, and the board met again in May."
    assert quotes(text, "reported") == {"Ada Brek": []}


def test_taking_to_social_media_is_a_stand_and_a_tower_is_not_a_person() -> None:
    text = (
        "Harbour plan.\n\nAda Brek took to Twitter to attack the harbour plan on Monday.\n\n"
        "Brek Tower sought a permit for a new quay, and the board met again in May."
    )
    assert set(quotes(text, "reported")) == {"Ada Brek"}


@pytest.mark.parametrize(
    "unnamed",
    [
        "“The cranes stay until the spring, and nobody can change that,” the source said.",
        "A spokesperson for the harbour board said: “The cranes stay until the spring.”",
        "The ministry said it “regrets any decision to keep the cranes until the spring.”",
        "Protesters chanted, “Cranes out, ships in, we want the harbour back,” at the gate.",
        "According to the Westvale Tribune, “the cranes stay until the spring at least.”",
        "One, who asked not to be named, said: “The cranes stay until the spring.”",
    ],
)
def test_words_of_someone_the_article_does_not_name_are_nobodys(unnamed: str) -> None:
    text = (
        "Harbour plan.\n\n“We will open the north quay in May,” said Ada Brek, the port "
        f"director, on Monday. {unnamed} “Nobody has told the dockers when the work will start.”"
    )
    assert quotes(text, "direct") == {"Ada Brek": ["We will open the north quay in May,"]}


def test_a_group_named_inside_a_quote_or_as_an_object_does_not_take_its_words() -> None:
    text = (
        "Harbour plan.\n\nAda Brek spoke at the quay on Monday. “Not once has an adviser of "
        "mine said the cranes should stay until the spring,” she said. Her letter to the "
        "dockers notes that the north quay “will open in May whatever the weather does.”"
    )
    assert quotes(text, "direct") == {
        "Ada Brek": [
            "Not once has an adviser of mine said the cranes should stay until the spring,",
            "will open in May whatever the weather does.",
        ]
    }


@pytest.mark.parametrize(
    "deed",
    ["added 25 points in his old arena", "added $4 million to the budget",
     "pleaded not guilty and was released", "knocked down a three late in the game"],
)  # fmt: skip
def test_a_verb_of_saying_that_says_nothing_makes_no_speaker(deed: str) -> None:
    assert find(f"Harbour game.\n\nIvo Lind {deed}, and the crowd went home.").speakers == []


@pytest.mark.parametrize(
    ("told", "said"),
    [
        ("told the committee he tried to keep the cranes.", "he tried to keep the cranes."),
        ("told Harbour Weekly the claims are false.", "the claims are false."),
        ("told a few thousand dockers on the lawn that the cranes would stay.",
         "the cranes would stay."),
    ],
)  # fmt: skip
def test_the_one_who_was_told_is_not_what_was_said(told: str, said: str) -> None:
    assert quotes(f"Harbour plan.\n\nIvo Lind {told}", "reported") == {"Ivo Lind": [said]}


def test_reported_words_end_where_the_writer_goes_on_about_someone_else() -> None:
    text = (
        "Harbour plan.\n\nIvo Lind said the deal would close in May, but the rivals have been "
        "reluctant to sign it."
    )
    assert quotes(text, "reported") == {"Ivo Lind": ["the deal would close in May"]}


@pytest.mark.parametrize(
    ("sentence", "role", "organisation"),
    [
        ("“We go on,” said Harbour Board Chairman Ada Brek.", "Harbour Board Chairman", None),
        ("“We go on to the final,” said Sen. Ada Brek.", "Senator", None),
        ("Rovers coach Ada Brek said the team would play on.", "coach", "Rovers"),
        ("“We will stay at the quay,” port spokeswoman Ada Brek said.", "port spokeswoman", None),
        ("“We go on to the final,” said Mr. Ada Brek.", None, None),
    ],
)  # fmt: skip
def test_an_office_written_before_the_name_is_the_role(
    sentence: str, role: str | None, organisation: str | None
) -> None:
    [speaker] = find(f"Harbour game.\n\n{sentence}").speakers
    assert (speaker.name, speaker.role, speaker.organisation) == ("Ada Brek", role, organisation)
