"""Who is quoted and what they said: the finder on the seed and on broken input, and the
review of its suggestions."""

from __future__ import annotations

import re

import pytest

from core.capture.sources import add_sources
from core.capture.textfile import parse_text
from core.errors import BadInput, NotFound
from core.library import Library
from core.speakers import registry
from core.speakers.finder import MAX_TEXT, find
from core.tags import SPEAKERS
from tests.conftest import SEED

SEED_TEXT = parse_text(SEED.read_text("utf-8"))["text"]


def by_name(text: str) -> dict:
    return {s.name: s for s in find(text).speakers}


def test_seed_has_exactly_its_three_speakers_with_roles() -> None:
    found = by_name(SEED_TEXT)
    assert {n: (s.role, s.organisation) for n, s in found.items()} == {
        "Niu Yibing": ("deputy head", "Office of the Central Cyberspace Affairs Commission"),
        "Bella Cherkesova": (
            "deputy head",
            "Ministry of Digital Development, Communications and Mass Media of Russia",
        ),
        "Zhou Shuchun": ("publisher and editor-in-chief", "China Daily"),
    }


def test_seed_quotes_go_to_the_right_people() -> None:
    found = by_name(SEED_TEXT)

    def owner(words: str) -> tuple[str, str]:
        for name, speaker in found.items():
            for quote in speaker.quotes:
                if words in quote.text:
                    assert SEED_TEXT[quote.start : quote.end] == quote.text
                    return name, quote.kind
        raise AssertionError(f"no quote holds {words!r}")

    assert owner("significant increase in global instability") == ("Niu Yibing", "reported")
    # "..., he said." after Niu's paragraph is Niu's
    assert owner("setting a good example for international cooperation") == (
        "Niu Yibing",
        "reported",
    )
    assert owner("the Internet has made information accessible") == ("Niu Yibing", "reported")
    assert owner("media outlets should convey the most authentic") == ("Bella Cherkesova", "direct")
    assert owner("More and more Russians are reading") == ("Bella Cherkesova", "reported")
    assert owner("the forum is expected to contribute") == ("Bella Cherkesova", "reported")
    assert owner("upheld multilateralism") == ("Zhou Shuchun", "direct")
    assert owner("profound impact on the world") == ("Zhou Shuchun", "reported")


def test_an_outlet_that_is_cited_is_a_source_not_a_speaker() -> None:
    finding = find("China Daily reported that trade grew. " + SEED_TEXT)
    assert "China Daily" in finding.sources
    assert "China Daily" not in {s.name for s in finding.speakers}


def test_quotes_across_paragraphs_and_curly_or_straight_marks() -> None:
    text = (
        "Jane Roe, the port director, said: “We will open on Monday.\n\n"
        "“Ships will be cleared by Friday,” she added.\n\n"
        '"It has been a hard month for everyone here," said John Doe, a docker.'
    )
    found = by_name(text)
    assert [q.text for q in found["Jane Roe"].quotes if q.kind == "direct"] == [
        "We will open on Monday.",
        "Ships will be cleared by Friday,",
    ]
    assert [q.text for q in found["John Doe"].quotes] == [
        "It has been a hard month for everyone here,"
    ]
    assert (
        found["Jane Roe"].role == "the port director" or found["Jane Roe"].role == "port director"
    )


def test_two_people_joined_by_and_both_speak() -> None:
    text = (
        "Dwight Eisenhower ran in 1952. In the campaign, Eisenhower and his future secretary "
        "of State, John Foster Dulles, criticized the strategy of containment.\n\n"
        "Paul Singer and John Faso said they would not attend."
    )
    assert set(by_name(text)) == {"Dwight Eisenhower", "John Foster Dulles", "Paul Singer",
                                  "John Faso"}  # fmt: skip


def test_a_statement_named_by_a_noun_and_a_participle_clause() -> None:
    found = by_name(
        "The poll came before Donald Trump’s controversial proposal to ban travellers.\n\n"
        "President Obama was criticised for the term, though last week he used stronger "
        "language, saying the group must be destroyed.\n\nObama spoke from Manila."
    )
    assert set(found) == {"Donald Trump", "Obama"}
    assert [q.text for q in found["Obama"].quotes] == ["the group must be destroyed."]


def test_reported_speech_before_an_attribution_set_off_by_a_comma() -> None:
    found = by_name(
        "Markets will recover by the spring, said John Doe, an analyst at Acme.\n\n"
        "Rates stay where they are for now, Doe said.\n\n"
        "Jane Roe said the talks went well. The deal has not produced the finale she hoped for."
    )
    assert [q.text for q in found["John Doe"].quotes] == [
        "Markets will recover by the spring",
        "Rates stay where they are for now",
    ]
    assert [q.text for q in found["Jane Roe"].quotes] == ["the talks went well."]


def test_reported_clauses_hold_short_quotes_whole_and_skip_time_words() -> None:
    found = by_name(
        "Paul Manafort said Trump has “several ways” of reaching the number.\n\n"
        "Lindsey Graham said Thursday that Kasich would be the best candidate.\n\n"
        'Asked about the loss, Jane Roe said, "I do take responsibility for all of it."\n\n'
        "Mr. Ryan has long said that he will support the nominee.\n\n"
        "Then she went on to win Ohio, Roe's aides noted."
    )
    reported = {n: [q.text for q in s.quotes if q.kind == "reported"] for n, s in found.items()}
    assert reported["Paul Manafort"] == ["Trump has “several ways” of reaching the number."]
    assert reported["Lindsey Graham"] == ["Kasich would be the best candidate."]
    assert reported["Jane Roe"] == []  # what she said is the quote, not the words before it
    assert reported["Ryan"] == ["he will support the nominee."]


def test_a_bare_surname_and_a_pronoun_go_to_the_right_clinton() -> None:
    found = by_name(
        "Hillary Clinton lost Michigan. Clinton said the race goes on.\n\n"
        "Then, Bill Clinton set expectations high. He suggested that a loss would end it."
    )
    assert set(found) == {"Hillary Clinton", "Bill Clinton"}
    assert [q.text for q in found["Bill Clinton"].quotes] == ["a loss would end it."]
    assert [q.text for q in found["Hillary Clinton"].quotes] == ["the race goes on."]


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon rejected the claims as “patently false,” officials said. The Pentagon "
        "said more.",
        "Analysts told Business Insider in October that the group was secular.",
        "Turkey, Poland, Bonaire, St Eustatius and Saba have been removed from the list, "
        "said Justice Secretary Humza Yousaf.",
        "It serves 80 percent of California, said the operator. Southern California is hot.",
        "Speaking in the Commons, the Conservative MP said: “It does not need to be like this.”",
        "McClatchy reported a loss. Sacramento-based McClatchy said cuts would follow. "
        "McClatchy Co. is a chain.",
    ],
    ids=["institution", "listener", "list-of-places", "place-object", "title-only", "company"],
)
def test_institutions_places_and_listeners_are_not_speakers(text: str) -> None:
    names = set(by_name(text))
    assert not names & {"Pentagon", "Business Insider", "Bonaire", "California",
                        "Southern California", "Conservative MP", "McClatchy"}  # fmt: skip
    if "Humza Yousaf" in text:
        assert names == {"Humza Yousaf"}


def test_a_place_before_a_name_is_not_part_of_it() -> None:
    found = by_name(
        "Aid to Ukraine was held. Ukraine waited.\n\n"
        "Another diplomat, former special envoy to Ukraine Kurt Volker, shifted his account.\n\n"
        "“I think all of us thought it was inappropriate,” Volker said."
    )
    assert set(found) == {"Kurt Volker"}


def test_names_in_decomposed_or_mis_decoded_text_and_titles_removed() -> None:
    found = by_name(
        "“We will win,” said Jose\u0301 Ramos, a strategist.\n\n"
        "“It is done,” said Federico de JesA\u0303\x83A\u0302os, an aide.\n\n"
        "“Sex trafficking exploits the vulnerable,” said Cambridge Police Commissioner "
        "Christine Elow.\n\n"
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of Full Fact, told "
        "the BBC."
    )
    assert set(found) == {
        "Jose\u0301 Ramos",
        "Federico de JesA\u0303\x83A\u0302os",
        "Christine Elow",
        "Will Moy",
    }
    assert [q.text for q in found["Will Moy"].quotes] == ["It was an attempt to mislead voters,"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We are ready," Jane Roe, 54, told The Associated Press.', "Jane Roe"),
        (
            "According to a statement from Acme spokeswoman Ann Lee, the plant will close.",
            "Ann Lee",
        ),
        (
            '"Rates stay," Federal Reserve Chair Jerome Powell said at a news conference.',
            "Jerome Powell",
        ),
        ('"We played well," said coach Mike Smith after the game.', "Mike Smith"),
        (
            "UN Secretary-General António Guterres said the world was on thin ice.",
            "António Guterres",
        ),
        ('"It was terrifying," said Ahmed al-Sharif, 32, a shopkeeper.', "Ahmed al-Sharif"),
        ("Pope Francis said prayers for the victims.", "Francis"),
        (
            "Currently, said Dr. Mustafa Al-Kahlot, the director of the hospital, there are 70.",
            "Mustafa Al-Kahlot",
        ),
        ("Last week, Tesla chief executive Elon Musk tweeted that prices would fall.", "Elon Musk"),
        ("Rep. Mary Major (R-Texas) said the vote was close.", "Mary Major"),
        ("A spokesman for Sen. Marco Rubio said the senator would not attend.", None),
        ("An aide to Hillary Clinton said the campaign was confident.", None),
        ("Supporters of Bernie Sanders said they would not vote for her.", None),
        (
            "Former Secretary of State Hillary Clinton said Tuesday that she would win.",
            "Hillary Clinton",
        ),
        ("Hillary Clinton on Tuesday said she would fight for every vote.", "Hillary Clinton"),
        (
            "It reinforces the argument of Rep. Alexandria Ocasio-Cortez, who has suggested "
            "that the caucus is too broad.",
            "Alexandria Ocasio-Cortez",
        ),
        (
            "The firm Alden Capital owns papers. Alden cuts staff. Alden on Tuesday announced "
            "that it had become the largest shareholder.",
            None,
        ),
        ("Manchester United said the player had signed a new deal.", None),
        ("Amnesty International said the arrests were unlawful.", None),
        ("The White House said the president would travel to Ohio.", None),
        ("A spokesperson for the company declined to comment.", None),
    ],
)
def test_common_attributions_in_news_copy(text: str, speaker: str | None) -> None:
    assert list(by_name(text)) == ([speaker] if speaker else [])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The weather was fine and the markets were calm all week.",
        'He said "this never closes and goes on and on',
        "“Outer “inner quote” still outer,” said Jane Roe.",
        "Белла Черкесова заявила, что «СМИ важны».",
        "中俄两国媒体应加强合作，周树春说。",
        '"' * 500,
    ],
    ids=["empty", "no-quotes", "unbalanced", "nested", "russian", "chinese", "marks-only"],
)
def test_odd_input_gives_sensible_results_or_none(text: str) -> None:
    finding = find(text)
    for speaker in finding.speakers:
        for quote in speaker.quotes:
            assert text[quote.start : quote.end] == quote.text
    if text[:1] in "Б中" or not text.strip():
        assert finding.speakers == []


def test_a_hundred_quotes_and_two_megabytes_are_looked_at_in_bounded_work() -> None:
    many = " ".join(f'"Point number {i} stands," said Jane Roe.' for i in range(100))
    finding = find(many)
    assert len({s.name: s for s in finding.speakers}["Jane Roe"].quotes) == 100
    assert finding.work <= WORK_PER_CHARACTER * len(many)
    huge = (SEED_TEXT + "\n\n") * (2_000_000 // len(SEED_TEXT))
    finding = find(huge)
    # only the first MAX_TEXT characters are read, each scanned a bounded number of times
    assert {s.name for s in finding.speakers} == set(by_name(SEED_TEXT))
    assert finding.work <= WORK_PER_CHARACTER * MAX_TEXT


# The cue patterns run over each character of an article a bounded number of times: news copy
# needs about 0.3 on average and 1.5 at most (polnear-train); pathological text must not need
# more. (How long it takes is measured by bench/speakers.py, not here.)
WORK_PER_CHARACTER = 4


@pytest.mark.parametrize(
    "text",
    [
        "“" + "Alpha, " * 20_000 + "” said Jane Roe.",  # took 110 s with unbounded appositions
        ", ".join(["Alpha Beta Gamma"] * 2_000) + " said.",
        " and ".join(["Alpha Beta"] * 3_000) + " said.",
        "He said. " * 250_000,
        " ".join(["Alpha’s proposal"] * 20_000),
        "ALPHA: beta.\n" * 50_000,
        "“Gamma delta epsilon.” ― Alpha Beta\n" * 20_000,
    ],
    ids=[
        "comma-run-in-a-quote", "names-and-commas", "names-and-ands", "short-sentences", "nouns",
        "transcript-labels", "dash-credits",
    ],
)  # fmt: skip
def test_pathological_text_is_looked_at_in_bounded_work(text: str) -> None:
    finding = find(text)
    assert finding.work <= WORK_PER_CHARACTER * min(len(text), MAX_TEXT)
    for speaker in finding.speakers:
        for quote in speaker.quotes:
            assert text[quote.start : quote.end] == quote.text


def test_capture_suggests_and_review_keeps_quotes(library: Library) -> None:
    [outcome] = add_sources(library, [str(SEED)]).outcomes
    pending = registry.suggestions(library, outcome.clipping_id)
    assert sorted(r["name"] for r in pending if r["kind"] == "speaker") == [
        "Bella Cherkesova",
        "Niu Yibing",
        "Zhou Shuchun",
    ]
    ids = {r["name"]: r["id"] for r in pending}
    registry.accept(library, ids["Zhou Shuchun"])
    registry.accept(library, ids["Niu Yibing"], name="Niu Yibing (CAC)")
    registry.reject(library, ids["Bella Cherkesova"])
    with pytest.raises(BadInput):
        registry.reject(library, ids["Bella Cherkesova"])
    assert sorted(library.get(outcome.clipping_id)["speakers"]) == [
        "Niu Yibing (CAC)",
        "Zhou Shuchun",
    ]
    quotes = registry.who_said_what(library, "zhou shuchun")
    assert [q["kind"] for q in quotes] == ["reported", "direct"]
    assert quotes[1]["text"].startswith("China and Russia have worked together")
    assert registry.who_said_what(library, "Zhou Shuchun", date_from="2021-01-01") == []
    assert SPEAKERS.counts(library)[0]["role"] in ("publisher and editor-in-chief", "deputy head")
    with pytest.raises(NotFound):
        registry.accept(library, 999)


def test_merge_a_suggestion_into_an_existing_speaker(library: Library) -> None:
    [outcome] = add_sources(library, [str(SEED)]).outcomes
    other = library.add_clipping({"title": "x", "text": "y", "speakers": ["Shuchun Zhou"]})
    zhou = next(
        r for r in registry.suggestions(library, outcome.clipping_id) if r["name"] == "Zhou Shuchun"
    )
    registry.accept(library, zhou["id"], merge_into="Shuchun Zhou")
    assert library.get(outcome.clipping_id)["speakers"] == ["Shuchun Zhou"]
    assert library.get(other)["speakers"] == ["Shuchun Zhou"]


def test_auto_accept_setting(library: Library) -> None:
    registry.set_setting(library, registry.AUTO_ACCEPT, "1")
    [outcome] = add_sources(library, [str(SEED)]).outcomes
    assert len(library.get(outcome.clipping_id)["speakers"]) == 3
    assert registry.suggestions(library, outcome.clipping_id) == [
        r for r in registry.suggestions(library, outcome.clipping_id) if r["kind"] == "source"
    ]


def test_finding_speakers_again_keeps_what_the_user_decided(library: Library) -> None:
    [outcome] = add_sources(library, [str(SEED)]).outcomes
    other = library.add_clippings(
        [{"title": "Port", "text": "“We open on Monday,” said Jane Roe, the port director."}]
    )[0]
    ids = {r["name"]: r["id"] for r in registry.suggestions(library, outcome.clipping_id)}
    registry.accept(library, ids["Zhou Shuchun"])
    registry.reject(library, ids["Bella Cherkesova"])
    # A clipping added by another tool has no suggestions until the finder runs again.
    assert registry.suggestions(library, other) == []
    looked, waiting = registry.rescan(library)
    assert (looked, waiting) == (2, 2)
    pending = {r["name"] for r in registry.suggestions(library, outcome.clipping_id)}
    assert pending == {"Niu Yibing"}  # accepted and rejected ones are not asked again
    assert [r["name"] for r in registry.suggestions(library, other)] == ["Jane Roe"]
    assert library.get(outcome.clipping_id)["speakers"] == ["Zhou Shuchun"]
    # Running it again changes nothing; a stop request ends it between clippings.
    assert registry.rescan(library) == (2, 2)
    assert registry.rescan(library, cancelled=lambda: True) == (0, 2)
    with pytest.raises(NotFound):
        registry.rescan(library, [other, 999])


def test_the_reader_shows_many_suggestions_each_in_its_colour(library: Library) -> None:
    from core import reader

    people = [f"{first} {last}" for first, last in zip(
        ["Ann", "Ben", "Cal", "Dee", "Eve", "Fay", "Gus", "Hal"],
        ["Roe", "Doe", "Poe", "Loe", "Moe", "Noe", "Zoe", "Koe"],
        strict=True,
    )]  # fmt: skip
    text = "\n\n".join(
        f"“Point {i} stands firm today,” said {name}." for i, name in enumerate(people)
    )
    [clipping_id] = library.add_clippings([{"title": "Eight voices", "text": text}])
    registry.suggest(library, clipping_id)
    html = reader.render(library, clipping_id)
    # Folded after three, so the article's first lines stay in sight; all on asking.
    assert all(name in html for name in people[:3]) and "Show 5 more suggestions" in html
    html = reader.render(library, clipping_id, unfold=True)
    assert all(name in html for name in people) and "more suggestion" not in html
    # Every quote is a link to its review, in its person's colour: eight people, eight colours.
    colours = re.findall(r'href="cuttings:quote/\d+" style="color: (#[0-9a-f]{6})', html)
    assert len(colours) == 8 and len(set(colours)) == 8
    assert "text-decoration: none" in html and "text-decoration: underline" not in html
    assert len({reader.colour(n, dark=False) for n in range(40)}) == 40


def test_a_thing_named_after_a_person_with_the_is_not_their_full_name() -> None:
    text = (
        "Are you not yet on the Brek Express, the campaign bus?\n\n"
        "Brek told reporters that the port “will stay open, whatever the board says.”\n\n"
        "Brek waved. Brek left. Brek came back."
    )
    assert [s.name for s in find(text).speakers] == ["Brek"]
