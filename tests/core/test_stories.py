"""Wire copies joined into one story; separately written reports of the same event kept apart."""

from __future__ import annotations

from pathlib import Path

from core.capture import stories
from core.capture.sources import add_sources, save
from core.capture.textfile import parse_text
from core.library import Library
from tests.conftest import SEED, corpus

SEED_ARTICLE = parse_text(SEED.read_text("utf-8"))
PARAGRAPHS = SEED_ARTICLE["text"].split("\n\n")


def wire_copy() -> dict:
    """Another outlet's run of the same story: own headline, own first paragraph, the end
    trimmed, a credit line added and a few words edited."""
    body = [
        "MOSCOW, Dec 21 (Reuters) - Media from China and Russia should deepen their ties, "
        "officials told an online forum on Sunday.",
        *PARAGRAPHS[1:-1],
        "(Reporting by Staff; Editing by Desk)",
    ]
    text = "\n\n".join(body).replace("significant increase", "sharp rise")
    return {
        "title": "China, Russia media urged to deepen cooperation",
        "text": text,
        "outlet": "Reuters",
        "published": "2020-12-21",
    }


def separate_report() -> dict:
    """The same event written up independently, quoting one of the same sentences."""
    return {
        "title": "Webinar hears calls for closer media ties",
        "text": (
            "Speakers at the annual China-Russia online media webinar on Sunday called for "
            "closer ties between newsrooms in the two countries, arguing that the pandemic had "
            "changed how audiences find and trust news.\n\n"
            "Bella Cherkesova, a deputy minister for digital development, told participants: "
            '"As massive information, data and even rumors spread online, media outlets should '
            'convey the most authentic and timely information to the public."\n\n'
            "Organisers said more than two hundred journalists, editors and officials joined "
            "the sessions, which covered joint reporting projects, exchanges of staff, and the "
            "translation of each other's coverage for readers at home. Several delegates noted "
            "that Russian readers now follow Chinese outlets more closely than a few years ago, "
            "and that the forum would meet again next year in person if travel allowed."
        ),
        "outlet": "Asia Times",
        "published": "2020-12-22",
    }


def test_a_wire_copy_joins_the_story_with_the_earliest_as_original(library: Library) -> None:
    seed = save(library, dict(SEED_ARTICLE), "seed")
    copy = save(library, wire_copy(), "copy")
    assert seed.status == copy.status == "added"
    assert copy.story_id is not None
    members = stories.story_of(library, seed.clipping_id)
    assert [(m["id"], m["original"]) for m in members] == [
        (seed.clipping_id, 1),
        (copy.clipping_id, 0),
    ]


def test_the_original_is_the_earliest_even_when_clipped_last(library: Library) -> None:
    copy = save(library, wire_copy(), "copy")
    seed = save(library, dict(SEED_ARTICLE), "seed")
    assert seed.story_id is not None
    assert stories.story_of(library, copy.clipping_id)[0]["id"] == seed.clipping_id


def test_a_separately_written_report_is_not_joined(library: Library) -> None:
    save(library, dict(SEED_ARTICLE), "seed")
    other = save(library, separate_report(), "other")
    assert other.status == "added" and other.story_id is None
    assert stories.story_of(library, other.clipping_id) == []


def test_scores_for_copies_and_reports() -> None:
    seed = stories.shingles(stories.words(SEED_ARTICLE["text"]))
    copy = stories.shingles(stories.words(wire_copy()["text"]))
    other = stories.shingles(stories.words(separate_report()["text"]))
    assert stories.containment(seed, copy) >= 0.8
    assert stories.containment(seed, other) < 0.2


def test_corpus_articles_are_not_joined_to_each_other(library: Library) -> None:
    folder = corpus("scrapinghub-aeb-sample") / "html"
    batch = add_sources(library, [str(p) for p in sorted(Path(folder).glob("*.html"))], jobs=1)
    assert batch.count("added") == 20
    assert library.execute("SELECT count(*) AS n FROM stories")[0]["n"] == 0


def test_the_list_folds_copies_under_the_original(library: Library) -> None:
    from core import listing

    seed = save(library, dict(SEED_ARTICLE), "seed")
    copy = save(library, wire_copy(), "copy")
    other = save(library, separate_report(), "other")
    folded = listing.list_ids(library, listing.View()).ids
    assert sorted(folded) == sorted([seed.clipping_id, other.clipping_id])
    unfolded = listing.list_ids(library, listing.View(fold=False)).ids
    assert len(unfolded) == 3
    story = listing.list_ids(library, listing.View(scope="story", value=copy.story_id)).ids
    assert sorted(story) == sorted([seed.clipping_id, copy.clipping_id])
    [row] = listing.shown(library, [seed.clipping_id])
    assert row.copies == 2
    # With the original in the Trash, the copy is no longer hidden behind it.
    library.trash([seed.clipping_id])
    assert copy.clipping_id in listing.list_ids(library, listing.View()).ids
