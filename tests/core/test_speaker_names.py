"""The finder's name spans: what is a person's name in a run of capitals, and when two forms of
a name are one person. Sentences are invented in the shapes news copy uses."""

from __future__ import annotations

import pytest

from core.speakers.finder import find
from core.speakers.names import FULL_NAME


def names(text: str) -> set[str]:
    return {s.name for s in find(text).speakers}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an office of several words before the name, written out or short
        ('"We will not wait," said Harbour Board Deputy Press Secretary Tomas Vell.', "Tomas Vell"),
        ('"The vote is close," said Democratic Rep. Ilse Maren.', "Ilse Maren"),
        ('"The lines held," said Coast Guard Lt. Cmdr. Ora Pell.', "Ora Pell"),
        ("Senate Majority Whip Edda Krol said the bill would pass.", "Edda Krol"),
        # an employer written as a possessive
        ('"Nobody saw it coming," Harbour Weekly’s Dag Ulm said.', "Dag Ulm"),
        ('"Turnout fell," said the Quarry Institute\'s Nell Arvo.', "Nell Arvo"),
        # a description before the name
        ("Actress Wren Tolle said the film would open in May.", "Wren Tolle"),
        ('"I will vote," said Ferry County delegate Abe Rusk.', "Abe Rusk"),
        ("Republican Odo Brandt said the plan was reckless.", "Odo Brandt"),
    ],
)
def test_offices_employers_and_descriptions_are_not_part_of_the_name(
    text: str, expected: str
) -> None:
    assert names(text) == {expected}


def test_a_plural_office_before_a_name() -> None:
    found = names(
        "Several members, like Senators Ann E. Dorn, have doubts. Dorn said the bill was rushed."
    )
    assert found == {"Ann E. Dorn"}


def test_a_middle_initial_and_a_later_short_form_are_one_person() -> None:
    text = (
        "Port director Halvard J. Moen spoke on Monday. Halvard said little at first.\n\n"
        "Halvard came back later. “We expect ships by June,” Moen said.\n\n"
        "Harbour chief Halvard J. Moen also said the cranes were old."
    )
    assert names(text) == {"Halvard J. Moen"}


def test_a_two_word_surname_is_the_same_person_as_the_full_name() -> None:
    text = (
        "Port chair Lidia Ferro Montes said the strike had ended.\n\n"
        "“We have a deal that holds,” Ferro Montes said."
    )
    found = find(text).speakers
    assert [s.name for s in found] == ["Lidia Ferro Montes"]
    assert [q.kind for q in found[0].quotes] == ["reported", "direct"]


def test_a_place_used_alone_is_still_dropped_before_a_name() -> None:
    text = (
        "Trade with Norland grew. Norland exports fish.\n\n"
        "“Quotas hurt us,” said former envoy to Norland Petra Vask."
    )
    assert names(text) == {"Petra Vask"}


@pytest.mark.parametrize(
    "headline",
    [
        "Understated Moen gains ground in harbour race",
        "Angry Dockers Hear Halvard Moen Out",
        "Is Moen finally winning over the dockers?",
    ],
)
def test_a_headline_word_before_a_name_is_not_a_first_name(headline: str) -> None:
    text = (
        f"{headline}\n\n"
        "Halvard Moen said the port would reopen. “We are ready,” Moen said on Tuesday."
    )
    assert names(text) == {"Halvard Moen"}


def test_a_common_word_opening_a_sentence_is_not_a_first_name() -> None:
    text = (
        "Voters continued to arrive. Continued Moen: “We counted every ballot.”\n\n"
        "Halvard Moen said the count was fair."
    )
    assert names(text) == {"Halvard Moen"}


def test_a_given_name_that_is_also_a_word_is_kept() -> None:
    text = (
        "There is hope for a deal, and the board will meet.\n\n"
        "“We are close,” said Hope Arden, the union’s negotiator.\n\n"
        "“I will sign,” said Will Darrow, the port owner."
    )
    assert names(text) == {"Hope Arden", "Will Darrow"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The board backed its chair, Bo Vander Lind. “We have prayed for unity,” Mr. Vander "
            "Lind said.",
            "Bo Vander Lind",
        ),
        (
            "The vote was won by the party of Aung Sen Suu Ma. “We won,” Suu Ma said. Suu Ma "
            "smiled.",
            "Aung Sen Suu Ma",
        ),
    ],
)
def test_a_surname_of_two_words_is_the_full_name_named_before(text: str, expected: str) -> None:
    assert [s.name for s in find(text).speakers] == [expected]


def test_a_full_name_does_not_run_over_a_line_break() -> None:
    # a caption "X." and the next paragraph's "During ..." are not the name "X. During"
    text = "Bo Rask spoke.\n\nX.\n\nDuring his drive home, Rask was quiet."
    assert [m.group(1) for m in FULL_NAME.finditer(text)] == ["Bo Rask"]


@pytest.mark.parametrize("office", ["Secretary-Treasurer", "Editor-in-Chief", "Vice-Chair"])
def test_an_office_joined_by_hyphens_is_cut_from_the_name(office: str) -> None:
    assert names(f"“We had an issue,” said United Dockers {office} Ada Brek.") == {"Ada Brek"}


def test_a_title_of_rank_after_a_place_is_cut_from_the_name() -> None:
    assert names("Saudi Prince Ada Lindqvist mocked the harbour plan on Friday.") == {
        "Ada Lindqvist"
    }


def test_a_newspaper_that_opines_is_no_person() -> None:
    assert names("“Leave the cranes alone,” opined Norland’s Plain Dealer.") == set()


def test_will_opening_a_question_is_no_first_name() -> None:
    text = (
        "Game over. Will Rask come down off the pique?\n\n"
        "Rask met the dockers on Friday. “We go on,” Rask said. Bo Rask smiled."
    )
    assert names(text) == {"Bo Rask"}


def test_a_generation_is_cut_from_the_name_with_or_without_its_stop() -> None:
    assert names("“We run the lists,” said Ada Brek Jr, a senior official.") == {"Ada Brek"}


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Ban Ki-moon", True),
        ("Moon Jae-in", True),
        ("Florida-based Acme", False),
        ("Co-moderator Ann Doe", False),
        ("Acme-backed Doe", False),
    ],
)
def test_a_lower_case_part_after_a_hyphen_is_a_name_only_when_short(
    name: str, person: bool
) -> None:
    from core.speakers.names import is_person

    assert is_person(name) is person


def test_el_joins_a_name_as_other_particles_do() -> None:
    found = find("“We had called him just before he boarded,” his nephew Ivo el Brek added.")
    assert [s.name for s in found.speakers] == ["Ivo el Brek"]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("RoseAnn Brek", True),
        ("MaryBeth Brek", True),
        ("Ivo VanderBrek", True),
        ("Ivo VandeBrek", True),
        ("HarbourPost", False),
        ("DockLeaks", False),
    ],
)
def test_capitals_inside_a_word_of_a_name_or_a_brand(name: str, person: bool) -> None:
    from core.speakers.names import is_person

    assert is_person(name) is person


@pytest.mark.parametrize(
    "place",
    ["Puerto Rico", "British Columbia", "Beijing", "France", "North Korea", "New Jersey"],
)
def test_a_country_a_state_or_a_capital_that_speaks_is_its_government(place: str) -> None:
    text = (
        "Harbour levies.\n\n"
        f"{place} said the harbour levy would be cut in half by the end of the year, and "
        f"{place} repeated it on Monday. “We will not pay more than our share of it,” "
        f"{place} said in a statement. Ivo Lind, a docker, said the cut was welcome."
    )
    assert names(text) == {"Ivo Lind"}


def test_a_person_named_like_a_place_still_speaks() -> None:
    text = (
        "A night at the awards.\n\n"
        "Kerry Washington, the star of the harbour drama, thanked the crew. “It was a long "
        "year for all of us,” Washington said."
    )
    assert names(text) == {"Kerry Washington"}


@pytest.mark.parametrize("particle", ["des", "de", "van", "ter"])
def test_a_surname_with_a_particle_in_lower_case_keeps_its_given_name(particle: str) -> None:
    assert names(f"“The museum stays open,” said Lise {particle} Cars, its director.") == {
        f"Lise {particle} Cars"
    }
