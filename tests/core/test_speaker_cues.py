"""Which people the finder takes for speakers: the cues that attribute words or a stance to a
person, and the people merely mentioned. Sentences are invented in the shapes of news copy."""

from __future__ import annotations

import pytest

from core.speakers.finder import find


def names(text: str) -> set[str]:
    return {s.name for s in find(text).speakers}


@pytest.mark.parametrize(
    "text",
    [
        "Harbour chief Ilse Varga endorsed the new timetable on Tuesday.",
        "Ilse Varga lamented that the ferries were late again.",
        "Ilse Varga, the harbour chief, questioned whether the cranes were safe.",
        "Ilse Varga took aim at the board for cutting the night shift.",
        "Ilse Varga testified that the cranes had failed twice.",
    ],
)
def test_verbs_of_saying_and_of_taking_a_stand(text: str) -> None:
    assert names(text) == {"Ilse Varga"}


def test_who_after_a_place_refers_to_the_person_before_it() -> None:
    text = (
        "“The berths will be ready by June,” said Sen. Ivo Lind of New Norland, who backs "
        "the harbour plan."
    )
    assert names(text) == {"Ivo Lind"}


def test_a_name_opening_a_sentence_inside_a_quote_is_not_the_speaker() -> None:
    text = (
        "Bo Rask spoke to dockers on Friday.\n\n"
        "“We lost the vote. Ilse Varga lost me a long time ago,” Rask said."
    )
    assert names(text) == {"Bo Rask"}
