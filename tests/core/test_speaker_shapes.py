"""The shapes of attribution in news copy that the finder reads: offices in lower case before a
name, lists of sources, subjects far from their verb. Sentences invented in those shapes."""

from __future__ import annotations

import pytest

from core.speakers.finder import find


def said(text: str) -> dict[str, list[str]]:
    """Each speaker's direct quotes."""
    return {s.name: [q.text for q in s.quotes if q.kind == "direct"] for s in find(text).speakers}


@pytest.mark.parametrize(
    "after",
    [
        "said former Sen. Ada Brek, a moderate who retired after the harbour vote.",
        "said the late Norland Gov. Ada Brek.",
        "said former Norland Governor Ada Brek of Westvale.",
        "said retired Navy Capt. Ada Brek.",
    ],
)
def test_an_office_in_lower_case_after_the_verb_leads_to_the_name(after: str) -> None:
    assert said(f"“The cranes will not be ready by June,” {after}") == {
        "Ada Brek": ["The cranes will not be ready by June,"]
    }


def test_quotes_printed_as_doubled_apostrophes_start_their_own_sentence() -> None:
    # Some papers print ''this'' for both marks: the opening one must not glue the quote to the
    # sentence before it, or the quote goes to the person named there.
    text = (
        "Bo Rask and Ivo Lind met the dockers. Aides said Mr. Lind simply wanted the harbour "
        "open. ''This was never our plan,'' Mr. Rask said. ''We wanted the cranes first.''\n\n"
        "''I would call it 'old-school,''' said Ada Brek, a docker."
    )
    assert said(text) == {
        "Bo Rask": ["This was never our plan,", "We wanted the cranes first."],
        "Ada Brek": ["I would call it 'old-school,'"],
    }


def test_a_possessive_before_a_noun_that_is_also_a_verb_is_not_the_speaker() -> None:
    # "comments", "claims", "attacks" are nouns after a possessive, not Rask commenting
    text = (
        "Bo Rask and Ivo Lind toured the harbour. Asked whether Rask’s comments had hurt the "
        "talks, Lind said, “Not at all. We will sign in June.”"
    )
    assert said(text) == {"Ivo Lind": ["Not at all. We will sign in June."]}


@pytest.mark.parametrize("verb", ["must", "will", "should", "has"])
def test_a_name_after_an_inverted_verb_can_be_what_the_clause_is_about(verb: str) -> None:
    text = f"Many dockers, including some who backed the plan, said Ada Brek {verb} resign."
    assert said(text) == {}


def test_a_quote_of_several_sentences_goes_to_who_follows_its_closing_mark() -> None:
    text = (
        "Bo Rask, a docker, joined the strike in May.\n\n"
        "“In June the port is going to close. Nobody will stop it,” Rask says. Ada Brek, who "
        "leads the union, said the vote was close."
    )
    assert said(text)["Bo Rask"] == ["In June the port is going to close. Nobody will stop it,"]


def test_a_quote_that_opens_after_its_attribution_and_runs_on_is_that_speakers() -> None:
    text = (
        "Bo Rask, a docker, joined the strike in May.\n\n"
        "Ada Brek said the vote was close. Asked about the strike, Rask said, “Sure. Why not?”"
    )
    assert said(text)["Bo Rask"] == ["Sure. Why not?"]


@pytest.mark.parametrize(
    "text",
    [
        "Ada Brek was quick to back the plan and said this week that the port would reopen.",
        "Ada Brek became a delegate in May and said she would vote against the cranes.",
        "Ada Brek has freed up money for the docks and on Monday announced a new ferry.",
        "Ada Brek put off deciding whether the board could meet but said it might later.",
    ],
)
def test_the_subject_speaks_in_a_second_verb_joined_by_and(text: str) -> None:
    assert set(said(text)) == {"Ada Brek"}


def test_a_second_verb_joined_by_and_is_not_the_objects() -> None:
    assert set(said("Ada Brek met Bo Rask and said the port would reopen.")) == {"Ada Brek"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The two candidates, Ada Brek and Sen. Bo Rask, have promised to reopen the port.",
            {"Ada Brek", "Bo Rask"},
        ),
        (
            "The mayor’s rivals, Sens. Ada Brek of Norland and Bo Rask of Westvale, have both "
            "urged him to resign.",
            {"Ada Brek", "Bo Rask"},
        ),
        (
            "Ada Brek, the port director, and Bo Rask, the mayor, both said the port would close.",
            {"Ada Brek", "Bo Rask"},
        ),
        (
            "Norland hopefuls former Gov. Ada Brek and former Mayor Bo Rask called for a port.",
            {"Ada Brek", "Bo Rask"},
        ),
        (
            "“The docks are finished,” wrote Ada Brek, Bo Rask and Cy Lind.",
            {"Ada Brek", "Bo Rask", "Cy Lind"},
        ),
        (
            "Ada Brek of the Institute for Ports and Harbours said the port was closing.",
            {"Ada Brek"},
        ),
    ],
)
def test_every_person_of_a_list_of_sources_speaks(text: str, expected: set[str]) -> None:
    assert set(said(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # an employer in a description is no member of the list, though the person it
            # describes is
            "Ada Brek, head of the Acme Institute, a think tank, and Bo Rask, co-founder of the "
            "polling firm Westvale Corps, applauded the plan.",
            {"Ada Brek", "Bo Rask"},
        ),
        (
            # words in lower case before a name join it to a list only when an office follows
            "Popular Norland and harbour speaker Ada Brek believes the port is doomed.",
            {"Ada Brek"},
        ),
        (
            "A study by Ada Brek and Bo Rask of the University of Norland and Professor Cy Lind "
            "concluded that the port was too small.",
            set(),
        ),
    ],
)
def test_a_list_is_only_people_and_not_an_object(text: str, expected: set[str]) -> None:
    assert set(said(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ada Brek was asked by host Bo Rask whether the port would close.",
        "The harbour plan was also criticized by Sen. Bo Rask of Norland.",
        "Ada Brek was endorsed the day before by former rival Bo Rask.",
        "Pushed by host Bo Rask on the night shift, Ada Brek changed the subject.",
    ],
)
def test_the_speaker_of_a_passive_follows_by(text: str) -> None:
    found = {s.name: s for s in find(text).speakers}
    assert set(found) == {"Bo Rask"}
    assert found["Bo Rask"].quotes == []  # what follows the name is not his to have said


def test_who_asks_and_who_answers_both_speak() -> None:
    text = "Asked by Bo Rask whether she had practiced, Ada Brek said, “I read it once.”"
    assert said(text) == {"Ada Brek": ["I read it once."], "Bo Rask": []}


def test_a_passive_of_a_verb_that_is_not_speech_has_no_speaker() -> None:
    assert said("The cranes were built by Bo Rask of Westvale in 1990.") == {}


def test_a_second_subject_in_a_clause_of_its_own_speaks_too() -> None:
    text = "Ada Brek weighed in on Tuesday, hours after Bo Rask said he was “encouraged” by it."
    assert set(said(text)) == {"Ada Brek", "Bo Rask"}


@pytest.mark.parametrize(
    "text",
    [
        "Ada Brek told the Gazette that Bo Rask believes the port is doomed.",
        "Ada Brek said Bo Rask asked for the meeting.",
        "Ada Brek said she would reopen the port while her rival, Bo Rask, wants it shut.",
    ],
)
def test_a_subject_inside_what_was_reported_is_not_a_second_speaker(text: str) -> None:
    assert set(said(text)) == {"Ada Brek"}


@pytest.mark.parametrize("adverb", ["Moreover", "Furthermore", "Separately", "Later"])
def test_an_adverb_opening_the_sentence_is_no_name(adverb: str) -> None:
    text = f"{adverb}, Ada Brek, director of the Norland Institute, noted that the port is small."
    assert set(said(text)) == {"Ada Brek"}


def test_a_clause_set_off_by_commas_is_no_apposition_of_a_place() -> None:
    text = (
        "Ada Brek, whose town, Norland, is projected to sink as the sea rises, argues that the "
        "cranes will “ruin us all.”"
    )
    assert set(said(text)) == {"Ada Brek"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One pastor backing Mr. Lind, Ada Brek of Liberty Church in Westvale, said she had "
            "made 150 calls.",
            {"Ada Brek"},
        ),
        (
            "“Bomb the cranes,” Representative Bo Rask, Democrat of Norland, told Mr. Lind.",
            {"Bo Rask"},
        ),
        ("Bo Rask, Norland’s Assistant Managing Editor, explained the choice.", {"Bo Rask"}),
    ],
)
def test_an_apposition_that_is_a_full_name_is_the_speaker(text: str, expected: set[str]) -> None:
    assert set(said(text)) == expected


def test_sources_joined_by_as_well_as_all_speak() -> None:
    text = "Norland Gov. Ada Brek and Sen. Bo Rask as well as former Gov. Cy Lind backed Poe."
    assert set(said(text)) == {"Ada Brek", "Bo Rask", "Cy Lind"}


def test_a_pronoun_at_the_quote_beats_a_possessive_statement_later_on() -> None:
    text = (
        "Bo Rask, who chairs the dockers, spoke on Friday. “It has not gone well for him,” he "
        "said, just before Ada Brek’s announcement that she would run."
    )
    assert said(text) == {"Bo Rask": ["It has not gone well for him,"]}


def test_a_subject_after_a_short_opening_phrase_is_who_a_later_pronoun_means() -> None:
    text = (
        "Bo Rask spoke first.\n\n"
        "At a rally in Westvale, Ada Brek waved at the dockers. “It is a disgrace to the "
        "docks,” she said."
    )
    assert said(text) == {"Bo Rask": [], "Ada Brek": ["It is a disgrace to the docks,"]}


@pytest.mark.parametrize(
    "text",
    [
        "The officials searched the records of the 2012 San Marco attacks.",
        "The Ada Brek claims were rejected by the board.",
    ],
)
def test_a_name_after_a_determiner_modifies_a_noun_and_does_not_speak(text: str) -> None:
    assert said(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "The Rev. Bo Rask said the docks would close.",
        "The Norland Institute’s Bo Rask said the docks would close.",
        "“We will win,” the Harbour Party’s Bo Rask told the paper.",
        "The board said that Bo Rask supports the docks.",
    ],
)
def test_a_title_or_a_clause_after_the_is_no_determiner(text: str) -> None:
    assert set(said(text)) == {"Bo Rask"}


def test_a_sentence_may_open_with_a_quote_inside_a_quote() -> None:
    text = (
        "Bo Rask spoke first. Ada Brek named a show as her guilty pleasure. “’Harbour Lights,’” "
        "she said, “although I have not had time to watch it all!”"
    )
    assert said(text)["Ada Brek"] == [
        "’Harbour Lights,’",
        "although I have not had time to watch it all!",
    ]


def test_she_said_after_a_subject_in_the_same_sentence_means_that_subject() -> None:
    text = (
        "Bo Rask spoke first.\n\n"
        "Ada Brek waved at the dockers and their children; “We stay open all winter,” she said."
    )
    assert said(text)["Ada Brek"] == ["We stay open all winter,"]


def test_a_long_description_after_an_inverted_verb_does_not_hand_the_quote_on() -> None:
    text = (
        "“I might vote for him,” said Ada Brek, a local party leader who is running to represent "
        "Norland’s 4th Congressional District at the national convention in Westvale."
    )
    assert said(text) == {"Ada Brek": ["I might vote for him,"]}


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Ada Brek on Wednesday morning also called upon the board to act.",
        "Ada Brek last week urged the board to act.",
        "Bo Lind, for example, earlier asked the board whether it lied. Ada Brek this month "
        "asked the same.",
    ],
)
def test_times_and_adverbs_between_the_subject_and_its_verb(text: str) -> None:
    assert "Ada Brek" in said(text)


@pytest.mark.parametrize(
    "text",
    [
        "Still, Ada Brek - who talked it over with her family on the flight home - has vowed to "
        "fight on.",
        "A former candidate -- Ada Brek, who lost the 2008 race to Lind -- said the plan failed.",
        "Ada Brek — the harbour’s oldest docker — warned that the cranes would fail.",
    ],
)
def test_a_description_set_off_by_dashes(text: str) -> None:
    assert set(said(text)) == {"Ada Brek"}


@pytest.mark.parametrize(
    "text",
    [
        # a name after "behind" is an object, and a group in capitals is nobody
        "Her second place - 22 points behind Mr. Lind, who won again, and just ahead of Bo Rask - "
        "highlights how weak she is.",
        "Many speakers at the service — including Muslims, Christians and Jews — said it hurt.",
    ],
)
def test_objects_and_groups_before_a_dash_do_not_speak(text: str) -> None:
    assert said(text) == {}


def test_the_verb_at_the_quotes_closing_mark_names_its_speaker() -> None:
    text = (
        "When Bo Rask said at a rally that he would not want the mayor’s help, he “spoke for "
        "the docks,” said Ada Brek, a docker."
    )
    assert said(text)["Ada Brek"] == ["spoke for the docks,"]


def test_the_main_clause_speaks_the_words_after_an_opening_clause() -> None:
    text = (
        "After Bo Rask argued that the cranes should be paid for with ferry money, Ada Brek said "
        "only that his “numbers do not add up.”"
    )
    assert said(text) == {"Bo Rask": [], "Ada Brek": ["numbers do not add up."]}


def test_an_opening_clause_is_not_reported_speech_of_the_main_one() -> None:
    found = {s.name: s.quotes for s in find("When Bo Rask said it, Ada Brek laughed.").speakers}
    assert found["Ada Brek"] == []


def test_a_name_set_off_after_as_is_no_opening_clause() -> None:
    text = "As Ada Brek, a docker with a gift for imitating Bo Rask, joked with friends, he left."
    assert "Bo Rask" not in said(text)


@pytest.mark.parametrize("participle", ["citing", "accusing", "praising", "acknowledging"])
def test_the_subject_speaks_in_more_participles(participle: str) -> None:
    text = f"Ada Brek toured the docks on Friday, {participle} the board’s handling of the strike."
    assert set(said(text)) == {"Ada Brek"}


@pytest.mark.parametrize(
    "text",
    [
        "Ada Brek and the Harbour Board rejected the allegation.",
        "Ada Brek and her campaign rejected the allegation on Friday.",
    ],
)
def test_a_person_and_a_group_of_hers_speak_and_the_person_is_the_speaker(text: str) -> None:
    assert set(said(text)) == {"Ada Brek"}


@pytest.mark.parametrize(
    "text",
    [
        "The cranes stood idle.\n\n“We will not wait for the board, it is absurd!” Brek said.",
        "The cranes stood idle.\n\n“We will not wait for the board any longer,” said Brek.",
        "The cranes stood idle.\n\nBrek went on to say, “We will not wait for the board.”",
    ],
)
def test_a_lone_surname_inside_its_attribution_is_a_person_named_once(text: str) -> None:
    # A capital after a quote's closing mark or after the verb stands inside the sentence: a name
    assert set(said(text)) == {"Brek"}


def test_a_common_noun_opening_a_sentence_is_no_lone_speaker() -> None:
    text = "The cranes stood idle. Dockers said the board was to blame, and other dockers agreed."
    assert said(text) == {}


@pytest.mark.parametrize(
    "opening",
    [
        "Westvale pollster Ada Brek",
        "Harbour Board spokeswoman Ada Brek",
        "Acme senior adviser Ada Brek",
    ],
)
def test_an_employer_and_an_office_before_the_subject_lead_to_her(opening: str) -> None:
    text = (
        f"Bo Rask opened the docks. {opening} voiced dismay at the plan on Monday. "
        "“The cranes will not be ready by June,” she said."
    )
    assert said(text) == {"Ada Brek": ["The cranes will not be ready by June,"]}


@pytest.mark.parametrize(
    "asked",
    [
        "Asked by Bo Rask whether she had read the plan, she said,",
        "Asked by host Bo Rask about the cranes, she replied:",
    ],
)
def test_asked_by_someone_the_pronoun_that_answers_is_the_one_named_before(asked: str) -> None:
    text = f"Ada Brek spoke to the board. {asked} “I read it once and that was enough for me.”"
    found = said(text)
    assert found["Ada Brek"] == ["I read it once and that was enough for me."]
    assert found.get("Bo Rask", []) == []


def test_she_is_not_the_man_named_last_when_his_given_name_is_a_mans() -> None:
    text = (
        "Laura Vask said the port would close. Peter Holm, her deputy, said it would not.\n\n"
        "“We will not wait for the board any longer,” she said."
    )
    assert said(text)["Laura Vask"] == ["We will not wait for the board any longer,"]


def test_a_given_name_borne_by_either_sex_tells_nothing() -> None:
    from core.speakers.given_names import pronoun_for

    assert pronoun_for("Laura Vask") == "she"
    assert pronoun_for("Peter Holm") == "he"
    assert pronoun_for("Jordan Vask") is None
    assert pronoun_for("Vask") is None


def test_a_short_quote_in_a_participle_of_the_subject_is_kept() -> None:
    text = "Ada Brek quit the board on Friday, telling aides she had “renewed faith” in the port."
    assert said(text) == {"Ada Brek": ["renewed faith"]}


def test_a_short_quote_beside_a_subject_that_says_nothing_is_still_dropped() -> None:
    assert said("Ada Brek toured the “Harbour Lights” pier on Friday.") == {}


def test_a_quote_standing_alone_is_who_spoke_just_before_even_without_quotes() -> None:
    text = (
        "“The cranes are late,” said Bo Rask, a docker.\n\n"
        "Ada Brek said that the board would not give up the port.\n\n"
        "“That is why we will stay in Westvale, whatever the cost.”"
    )
    assert said(text)["Ada Brek"] == ["That is why we will stay in Westvale, whatever the cost."]


def test_a_quote_standing_alone_far_from_a_speaker_goes_to_the_last_one_quoted() -> None:
    text = (
        "“The cranes are late,” said Bo Rask, a docker.\n\n"
        "Ada Brek said that the board would not give up the port.\n\n"
        "The port has 40 cranes.\n\nIt was built in 1901.\n\nIt employs 300.\n\n"
        "“That is why we will stay in Westvale, whatever the cost.”"
    )
    assert said(text)["Bo Rask"][-1] == "That is why we will stay in Westvale, whatever the cost."


@pytest.mark.parametrize(
    "after",
    [
        "said Rask’s deputy campaign manager, Ivo Lind, who oversaw the docks.",
        "said Gov. Ivo Lind of Norland, a former backer of Sen. Bo Rask, who has since called "
        "on dockers to strike.",
        "said Ivo Lind, 24,  from Westvale, who said Rask is best suited to run it.",
    ],
)
def test_the_speaker_after_the_verb_is_not_an_employer_nor_a_name_in_a_who_clause(
    after: str,
) -> None:
    found = said(f"“The port is shut and the cranes are late,” {after}")
    assert found["Ivo Lind"] == ["The port is shut and the cranes are late,"]
    assert "Bo Rask" not in found


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("HARBOUR NEWS - Ivo Lind: “The cranes are late and the board is to blame.”", {"Ivo Lind"}),
        (
            "CRANES ARE LATE - Mark Holm and Ivo Lind: “We found the board was to blame.”",
            {"Mark Holm", "Ivo Lind"},
        ),
        ("Ivo Lind: ‘We Will Stay In Westvale Whatever The Board Says’", {"Ivo Lind"}),
        ("Lind Addresses Harbour Strike Vote: ‘We Will Stay’", set()),
    ],
)
def test_a_name_and_a_colon_before_a_quote_after_a_dash_or_in_a_headline(
    text: str, speakers: set[str]
) -> None:
    assert set(said(text)) == speakers


def test_a_lone_name_with_a_title_is_a_person_though_something_went_to_it() -> None:
    text = (
        "Mayor Brek toured the docks. The board sent a letter to Brek on Monday.\n\n"
        "Brek has cautioned against selling the cranes. The dockers cheered Brek."
    )
    assert set(said(text)) == {"Brek"}


def test_a_lone_name_that_things_go_to_and_nobody_titles_is_a_place() -> None:
    text = (
        "Norland sent a letter to Westvale on Monday. Ships sail to Westvale daily.\n\n"
        "Westvale has cautioned against selling the cranes. The dockers cheered Westvale."
    )
    assert said(text) == {}


def test_a_subject_then_said_and_a_name_set_off_by_commas_is_that_names_speech() -> None:
    text = (
        "And Rask, said Ada Brek, who knows him well, never forgives a slight. "
        "“If you let him down, you only have one shot at it,” she said."
    )
    found = said(text)
    assert found["Ada Brek"] == ["If you let him down, you only have one shot at it,"]
    assert "Rask" not in found


def test_a_capital_after_said_that_opens_what_was_said_leaves_the_subject_speaking() -> None:
    assert "Ada Brek" in said("One of the dockers, Ada Brek, said Rask’s plan will fail.")


@pytest.mark.parametrize("verb", ["declares", "writes", "insists", "recalled"])
def test_a_later_she_with_more_verbs_of_saying_means_the_sentences_subject(verb: str) -> None:
    text = (
        "Bo Rask has the docks locked down. Ada Brek of Norland is airing a new ad, in which "
        f"she {verb}, “The purpose of the port is to serve the town.”"
    )
    assert said(text) == {"Ada Brek": ["The purpose of the port is to serve the town."]}


def test_quotes_after_a_second_subjects_verb_of_saying_are_the_second_subjects() -> None:
    text = (
        "Ada Brek accuses the board of “leading from behind” and Bo Rask says he is “losing "
        "the port,” as the strike goes on."
    )
    assert said(text) == {"Ada Brek": ["leading from behind"], "Bo Rask": ["losing the port,"]}


def test_what_the_first_subject_reported_ends_where_the_second_subjects_clause_begins() -> None:
    found = find("Ada Brek said the cranes would stay in the port, and Bo Rask said they would go.")
    reported = {s.name: [q.text for q in s.quotes if q.kind == "reported"] for s in found.speakers}
    assert reported["Ada Brek"] == ["the cranes would stay in the port"]


@pytest.mark.parametrize(
    "verb",
    [
        "is pledging",
        "is calling for",
        "was telling dockers",
        "voiced concern about",
        "expressed dismay at",
        "talked about",
        "floated",
        "made clear he wanted",
        "echoed",
    ],
)
def test_a_stand_taken_in_the_progressive_or_voiced_is_speech(verb: str) -> None:
    assert set(said(f"Ada Brek {verb} a vote on the harbour plan.")) == {"Ada Brek"}


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Dockers were angry about the plan, with Sen. Ada Brek calling it a “Chinese menu.”",
         "Chinese menu."),
        ("Dockers were angry, with former Mayor Ada Brek reportedly yelling: “Get out of here!”",
         "Get out of here!"),
        ("Or, as Ada Brek put it: “The port is open to everyone in Westvale.”",
         "The port is open to everyone in Westvale."),
    ],
)  # fmt: skip
def test_with_a_name_and_a_participle_and_as_a_name_put_it(text: str, quote: str) -> None:
    assert said(text) == {"Ada Brek": [quote]}


def test_a_subject_with_a_description_set_off_by_dashes_is_who_a_later_she_means() -> None:
    text = (
        "Bo Rask spoke first. Governor Ada Brek – a Westvale docker – gave a one word answer "
        "on the question. “Denver,” she answered."
    )
    assert said(text)["Ada Brek"] == ["Denver,"]


def test_making_the_case_and_outlining_are_speech() -> None:
    assert set(said("Ada Brek made the case for a new harbour board.")) == {"Ada Brek"}
    assert set(said("Ada Brek outlined a plan to review the docks.")) == {"Ada Brek"}
