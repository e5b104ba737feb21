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


def test_a_transcript_gives_each_turn_to_its_speaker_and_questions_to_nobody() -> None:
    text = (
        "Harbour talks on the radio\n\n"
        "The harbour chief, Ilse Varga, spoke to the host on Sunday.\n\n"
        "BO RASK: What will happen to the night shift?\n\n"
        "VARGA: Well, look, the night shift stays. Nobody is losing a job, and the ferry board "
        "agreed to that with “every vote in the room.”\n\n"
        "RASK: And the cranes?\n\n"
        "VARGA: The cranes are old, and we will replace two of them this year."
    )
    found = {s.name: s for s in find(text).speakers}
    assert set(found) == {"Ilse Varga"}
    spoken = [q.text for q in found["Ilse Varga"].quotes if q.kind == "direct"]
    assert spoken[0].startswith("Well, look, the night shift stays.")
    assert spoken[1] == "The cranes are old, and we will replace two of them this year."
    for quote in found["Ilse Varga"].quotes:
        assert text[quote.start : quote.end] == quote.text


def test_a_label_that_is_not_a_speaker_is_no_turn() -> None:
    text = "NOTE: The figures below are provisional.\n\nThe port handled more ships this year."
    assert names(text) == set()


@pytest.mark.parametrize("dash", ["―", "—", "--"])
def test_quotes_signed_with_a_dash(dash: str) -> None:
    text = (
        "Ten things said about the harbour this year\n\n"
        f"1. “A port that cannot load a ship on time is our greatest shame.” {dash} Lee Moe\n\n"
        f"2. “Nobody here has forgotten the winter of the strike.” {dash} Ada Brek, a docker\n\n"
        f"3. “We will have the cranes by spring, whatever it costs.” {dash} Ivo Lind"
    )
    found = {s.name: [q.text for q in s.quotes] for s in find(text).speakers}
    assert found == {
        "Lee Moe": ["A port that cannot load a ship on time is our greatest shame."],
        "Ada Brek": ["Nobody here has forgotten the winter of the strike."],
        "Ivo Lind": ["We will have the cranes by spring, whatever it costs."],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sens. Ann Dorn (D-Ore.), Bob Rask (R-Tex.) and Cy Lind (I-Vt.) all suggested that "
            "the harbour bill be delayed.",
            {"Ann Dorn", "Bob Rask", "Cy Lind"},
        ),
        (
            "Ilse Varga and Bo Rask both argued that the ferries should run at night.",
            {"Ilse Varga", "Bo Rask"},
        ),
        (
            "Ada Brek, Ivo Lind and Lee Moe said they would vote against the plan.",
            {"Ada Brek", "Ivo Lind", "Lee Moe"},
        ),
    ],
)
def test_coordinated_sources_all_speak(text: str, expected: set[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ilse Varga, the harbour chief, did not respond to a request for comment.",
        "Ilse Varga could not be reached on Friday.",
        "Ilse Varga’s relatives said they were shocked by the verdict.",
        "The lawyers of Ilse Varga said the verdict would be appealed.",
        "A spokesman for Ilse Varga said the harbour would stay shut.",
    ],
)
def test_people_mentioned_but_not_speaking(text: str) -> None:
    assert names(text) == set()


def test_a_possessive_subject_is_still_who_a_later_pronoun_means() -> None:
    text = "Ilse Varga’s speech ran long. “We will reopen the harbour in June,” she said."
    assert {
        n: [q.text for q in s.quotes] for n, s in ((s.name, s) for s in find(text).speakers)
    } == {"Ilse Varga": ["We will reopen the harbour in June,"]}


@pytest.mark.parametrize(
    "text",
    [
        "In a speech, a top adviser for President Ivo Lind explained why the plan failed.",
        "The talk, in which he joked about his friendship with harbour aide Ada Brek, cited "
        "the strike.",
        "Most dockers in Norland, Ostmark and Westvale said they felt betrayed.",
        "The Centers for Harbour Safety and Prevention estimates that one crane in ten is old.",
        "Several dockers with ties to both Linds cited another strike.",
        "The South Norland Sea Research survey found that most ships were late.",
        "The Brekstad Polling Associates said the race was tied.",
    ],
)
def test_objects_places_and_firms_are_not_speakers(text: str) -> None:
    assert names(text) == set()


def test_an_office_of_a_state_before_the_name_is_still_the_speaker() -> None:
    assert names("Former Secretary of State Ada Brek said she would run again.") == {"Ada Brek"}


@pytest.mark.parametrize(
    "opening",
    [
        "Ada Brek, 18, was dubious when she first came to the harbour.",
        "Ada Brek of West Norland, a crane driver, changed her mind last year.",
        "Rep. Ada Brek (D-Nor.) also addressed the dockers on Thursday.",
    ],
)
def test_a_pronoun_goes_to_the_subject_named_before_it(opening: str) -> None:
    text = (
        "Ivo Lind runs the port. “We will hire in June,” Lind said.\n\n"
        f"{opening} “As a mother, I wanted a job close to home,” she said."
    )
    found = {s.name: [q.text for q in s.quotes] for s in find(text).speakers}
    assert found["Ada Brek"] == ["As a mother, I wanted a job close to home,"]
    assert found["Ivo Lind"] == ["We will hire in June,"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an apposition holding a clause or a list before the verb
        (
            "Ilse Varga, the head of the Dockers Union, which backed Mr. Rask in May, said that "
            "the strike would end.",
            "Ilse Varga",
        ),
        (
            "Ilse Varga, who lost her stall in the fire in Lowport, Norland, in June 2019, said "
            "that the council had ignored her.",
            "Ilse Varga",
        ),
        (
            "Ilse Varga, deputy minister for fisheries, ports, and canals, said the ferries were "
            "late again.",
            "Ilse Varga",
        ),
        ("Ilse Varga, the port director, for example, said the cranes were old.", "Ilse Varga"),
        # where the person is from, between the name and the verb
        (
            "Harbour Chairman T.J. Lund of Norland said he was “furious” about the fees.",
            "T.J. Lund",
        ),
        # a description, then the name set off by commas, after the verb
        (
            "“We are worried,” said another ferry passenger, Ilse Varga. “It gets worse.”",
            "Ilse Varga",
        ),
        (
            "The cranes had failed twice, said the harbour's director, Ilse Varga, on Monday.",
            "Ilse Varga",
        ),
        (
            "“The fees stay,” said Harbour party boss Ilse Varga, though she hoped for less.",
            "Ilse Varga",
        ),
        # the verb first
        ("The vote is close. Said Varga, “We will not give up the night shift for anyone.”", None),
        # a generation after the name
        (
            "“The cranes are old,” Ivo T. Lind Jr., the harbour chief, said at the hearing.",
            "Ivo T. Lind",
        ),
    ],
)
def test_attributions_with_long_appositions_and_descriptions(
    text: str, speaker: str | None
) -> None:
    if speaker is None:  # a surname alone, named in full earlier
        text = "Ilse Varga runs the port.\n\n" + text
        speaker = "Ilse Varga"
    assert names(text) == {speaker}


def test_three_people_listed_before_a_verb_are_not_one_with_an_apposition() -> None:
    text = "Ilse Varga, Bo Rask, and Cy Lund all said the night shift should stay."
    assert names(text) == {"Ilse Varga", "Bo Rask", "Cy Lund"}


@pytest.mark.parametrize(
    "text",
    [
        "South Norland said it would close the border on Friday.",
        "Lowport Republican said the vote was rigged.",
        "HarbourPost reported on Friday. HarbourPost said the fees would rise again.",
        "“The fees will rise,” said Norland Economics, a research group.",
        "Interestingly Varga said nothing about the cranes at the time.",
    ],
)
def test_places_groups_brands_and_adverbs_are_not_people(text: str) -> None:
    assert "Ilse Varga" not in names(text)
    assert not names(text) - {"Varga"}


def test_a_headline_question_does_not_give_a_first_name() -> None:
    text = (
        "Game over? Will Rask come down to the harbour?\n\n"
        "Rask spoke on Friday. “We are staying,” Rask said of the dockers. Rask has led them "
        "for years."
    )
    assert names(text) == {"Rask"}


def test_she_is_not_the_man_named_last() -> None:
    text = (
        "Ilse Varga, a spokeswoman for the port, spoke after the vote.\n\n"
        "“We will appeal,” Varga said. Mr. Rask, the union chief, was there too, and Rask "
        "said the dockers would strike.\n\n"
        "“I do not want a strike, but I understand it,” she said."
    )
    found = {s.name: [q.text for q in s.quotes] for s in find(text).speakers}
    assert "I do not want a strike, but I understand it," in found["Ilse Varga"]
    assert all("strike, but" not in q for q in found.get("Rask", []))


def test_what_the_article_says_of_a_person_tells_he_from_she() -> None:
    text = (
        "Bo Rask said Tuesday that she would run the port board. Cy Lund, a docker, said he "
        "would vote against her.\n\n“Nobody asked the dockers about the new cranes,” she said."
    )
    found = {s.name: [q.text for q in s.quotes] for s in find(text).speakers}
    assert "Nobody asked the dockers about the new cranes," in found["Bo Rask"]


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        (
            "According to Ilse Varga, the port will close in May for at least a week.",
            "Ilse Varga",
            "the port will close in May for at least a week.",
        ),
        (
            "The port will close in May, according to Ilse Varga of the Norland Port Board.",
            "Ilse Varga",
            "The port will close in May",
        ),
        (
            "A berth costs about 12 crowns an hour, according to sums by Ilse Varga of the "
            "Lowport Institute of Shipping.",
            "Ilse Varga",
            "A berth costs about 12 crowns an hour",
        ),
        (
            "The museum opened for some 40 events, according to spokeswoman Ilse Varga.",
            "Ilse Varga",
            "The museum opened for some 40 events",
        ),
    ],
)
def test_according_to_reports_what_it_is_said_of(text: str, speaker: str, reported: str) -> None:
    [found] = find(text).speakers
    assert found.name == speaker
    assert [(q.kind, q.text) for q in found.quotes] == [("reported", reported)]


@pytest.mark.parametrize(
    "text",
    [
        "“The dockers lose every time,” Ilse Varga of the Norland Institute for Ports wrote.",
        "“Go back to your desk,” Ilse Varga barked at the clerk.",
        "Ilse Varga opened the meeting, calling the board “the worst we ever had in this port.”",
    ],
)
def test_more_ways_of_delivering_a_quote(text: str) -> None:
    [found] = find(text).speakers
    assert found.name == "Ilse Varga" and "direct" in [q.kind for q in found.quotes]


def test_a_post_signed_with_a_name_and_a_handle_is_its_authors() -> None:
    text = (
        "Harbour talk online\n\n"
        "Many dockers noted the change on social media.\n\n"
        "Just another day at the harbour, and the cranes are still broken. — Ada Brek (@adabrek) "
        "September 1, 2016\n\n"
        '<post id="1">Why is nobody fixing the cranes? — Bo Rask (@borask) May 2, 2016</post>.'
    )
    found = {s.name: [q.text for q in s.quotes] for s in find(text).speakers}
    assert found == {
        "Ada Brek": ["Just another day at the harbour, and the cranes are still broken."],
        "Bo Rask": ["Why is nobody fixing the cranes?"],
    }


def test_a_handle_alone_signs_nothing() -> None:
    text = "The harbour board posted its timetable (@harbourboard) on Friday."
    assert names(text) == set()


def test_a_byline_after_attributed_quotes_is_no_signature() -> None:
    text = (
        'Bo Rask said Monday that he will "try to keep the port open" and insisted that his '
        'party was "still the first force in Norland."--Ada Brek.'
    )
    found = {s.name for s in find(text).speakers}
    assert found == {"Bo Rask"}


@pytest.mark.parametrize(
    "text",
    [
        "When the pier burned in 1998, Mayor Ada Brek released a statement.",
        "Ada Brek issued a statement on Friday after the vote.",
    ],
)
def test_a_statement_issued_is_speech(text: str) -> None:
    assert names(text) == {"Ada Brek"}


def test_a_convention_that_issues_a_statement_is_no_person() -> None:
    assert names("The Norland National Convention issued a statement on Friday.") == set()


def test_according_to_takes_any_space_before_the_source() -> None:
    found = find("The museum opened its doors to 40 events, according to  spokesman Ivo Lind.")
    assert [s.name for s in found.speakers] == ["Ivo Lind"]
