"""Bylines: found in a page's markup, meta tags or printed lines, cleaned to people's names."""

from __future__ import annotations

import pytest

from core.capture.authors import choose_byline
from core.capture.bylines import clean_byline, strip_label
from core.capture.htmlpage import parse_html

BODY = (
    "<p>The council voted on Tuesday to close the old ferry terminal and move the service to "
    "the new quay by the end of the summer, after two years of delays and rising costs.</p>"
    "<p>Residents said the new quay was too far from the town centre for older passengers.</p>"
)


def page(head: str = "", top: str = "", bottom: str = "", title: str = "Ferry terminal closes"):
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        f"{top}{BODY}</article>{bottom}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "first", ["Cat", "Art", "Grant", "Scott", "Matt", "Kurt", "Brett", "Pratt", "Hunt", "Walt"]
)
def test_first_names_ending_in_t_are_not_time_zones(first: str) -> None:
    assert clean_byline(f"{first} Doe", None) == (f"{first} Doe", None)
    assert clean_byline(f"By {first} Doe | 3:04 PM EST", None) == (f"{first} Doe", None)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("View all posts by Lena Moss", "Lena Moss"),
        ("Zeige alle Beiträge von Lena Moss", "Lena Moss"),
        ("Posted by Lena Moss on 3 May 2021", "Lena Moss"),
        ("Ein Artikel von Lena Moss | 27.01.2022 - 12:45", "Lena Moss"),
        ("Auteur : Lena Moss", "Lena Moss"),
        ("Autor: Lena Moss", "Lena Moss"),
        ("Zum Profil von lenamoss", "lenamoss"),
        ("Lena Moss Stand: 03.05.2022", "Lena Moss"),
        ("von kiwi77 am 26/10/13, 03:48 pm", "kiwi77"),
        ("06.11.2023 13:30 von Lena", "Lena"),
        ("'Lena Moss; Omar Reyes'", "Lena Moss; Omar Reyes"),
        ("Lena Moss im Gespräch mit Omar Reyes", "Lena Moss; Omar Reyes"),
        ("Last updated: 3 May 2021", None),
    ],
)
def test_labels_and_dates_around_a_name_go(byline: str, expected: str | None) -> None:
    assert clean_byline(byline, None)[0] == expected


def test_a_hyphenated_team_credit_keeps_its_team() -> None:
    assert clean_byline("Harbour-Team", None) == ("Harbour-Team", None)


@pytest.mark.parametrize("byline", ["Staff Report", "By Staff Report", "STAFF REPORT"])
def test_a_staff_report_credit_is_what_the_page_says(byline: str) -> None:
    assert clean_byline(byline, "Valley Courier")[0].casefold() == "staff report"


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [("Lena Moss, CNN", "CNN"), ("Lena Moss | BBC", "BBC"), ("Lena Moss - Valley Courier", None)],
)
def test_the_site_name_leaves_a_byline_that_names_someone(byline: str, outlet) -> None:
    assert clean_byline(byline, outlet, {"valley courier"}) == ("Lena Moss", None)


def test_a_byline_equal_to_the_site_name_stays_when_it_is_all_there_is() -> None:
    # A person's own site, or an association's press page: the site is the author.
    found = parse_html(
        page(
            head='<meta property="og:site_name" content="Lena Moss">'
            '<meta name="author" content="Lena Moss">'
        ),  # fmt: skip
        url="https://lenamoss.example/blog/ferry",
    )
    assert (found["byline"], found["outlet"]) == ("Lena Moss", "Lena Moss")


def test_a_person_is_preferred_to_a_desk_credit() -> None:
    assert choose_byline(["Courier Editorial", "Lena Moss"], "Courier") == ("Lena Moss", None)


def test_the_fullest_and_best_written_form_of_a_name_wins() -> None:
    assert choose_byline(["Lena", "Lena Moss"], None) == ("Lena Moss", None)
    assert choose_byline(["lena.moss", "Lena Moss"], None) == ("Lena Moss", None)


def test_a_blog_authors_microformat_gives_the_handle() -> None:
    top = (
        '<div class="entry-meta"><span class="meta-sep">von</span> <span class="author vcard">'
        '<a class="url fn n" href="/author/kiwi/" title="Zeige alle Beiträge von kiwi">kiwi</a>'
        "</span></div>"
    )
    # trafilatura's own search misses it: WordPress marks the post with a category class
    html = page(top=top).replace(b"<article>", b'<div class="post category-news"><article>')
    assert parse_html(html)["byline"] == "kiwi"


def test_commenters_are_not_the_author() -> None:
    comments = (
        '<div id="comments"><ol class="commentlist"><li class="comment">'
        '<div class="comment-author vcard"><cite class="fn">Omar Reyes</cite> says:</div>'
        "<p>I take that ferry every week and the new quay is fine.</p></li></ol></div>"
    )
    found = parse_html(page(top="<p>Von Lena Moss | 3. Mai 2023</p>", bottom=comments))
    assert found["byline"] == "Lena Moss"
    assert "Omar Reyes" not in (parse_html(page(bottom=comments))["byline"] or "")


@pytest.mark.parametrize(
    "line",
    [
        "<p>Von Lena Moss | 3. Mai 2023</p>",
        "<div><strong>Autor:</strong> <a href='/p/1'>Lena Moss</a><br>Fotos: Archiv</div>",
        "<div class='meta'>Ein Artikel von <strong>Lena Moss</strong> | 27.01.2022</div>",
        "<p class='date'>Erstellt von <a href='/u/lena'>Lena Moss</a> am 6. Mai 2014</p>",
    ],
)
def test_a_printed_byline_line_is_read(line: str) -> None:
    assert parse_html(page(top=line))["byline"] == "Lena Moss"


def test_a_heading_that_starts_with_von_is_not_a_byline() -> None:
    assert parse_html(page(top="<h2>Von Berlin nach Paris</h2>"))["byline"] is None


def test_author_from_twitter_labelled_meta() -> None:
    head = (
        '<meta name="twitter:label1" content="Verfasst von">'
        '<meta name="twitter:data1" content="Lena Moss">'
        '<meta name="twitter:label2" content="Geschätzte Lesezeit">'
        '<meta name="twitter:data2" content="3 Minuten">'
    )
    assert parse_html(page(head=head))["byline"] == "Lena Moss"


def test_strip_label_keeps_a_bare_label_word() -> None:
    assert strip_label("Redaktion") == "Redaktion"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("JANE ROE; BO POE; ANN LEE Associated Press", ("JANE ROE; BO POE; ANN LEE", "AP")),
        ("Jane Roe Agence France-Presse", ("Jane Roe", "AFP")),
        ("Jane Roe and Bo Poe Kyodo News", ("Jane Roe; Bo Poe", "Kyodo")),
        # a name that only ends like an agency's initials keeps them
        ("Jane Roe Ap", ("Jane Roe Ap", None)),
    ],
)
def test_an_agency_after_the_names_without_a_comma_is_the_wire(raw, expected) -> None:
    assert clean_byline(raw, None) == expected
