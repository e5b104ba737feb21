"""The query language: what a user types becomes a safe FTS5 expression and filters."""

from __future__ import annotations

import pytest

from core.errors import QueryError
from core.query import parse


@pytest.mark.parametrize(
    ("typed", "match"),
    [
        ("trade talks", '"trade" AND "talks"'),
        ('"strategic partnership" Russia', '"strategic partnership" AND "Russia"'),
        ("negot*", '"negot"*'),
        ("china OR russia media", '("china" OR "russia") AND "media"'),
        ("media -covid", '("media") NOT "covid"'),
        ('media -"white house"', '("media") NOT "white house"'),
        ("媒体", '"媒 体"'),
        ('say "he said ""no"""', '"say" AND "he said " AND "no"'),
        ('"unclosed phrase here', '"unclosed phrase here"'),
        ('"prefix phrase"*', '"prefix phrase"*'),
    ],
)
def test_terms_become_quoted_fts5(typed: str, match: str) -> None:
    assert parse(typed).match() == match


@pytest.mark.parametrize(
    "typed", ["", "   ", "-", "*", "NEAR(", "( )", '"', "- * ( ) : ^", "OR", "AND OR NOT"]
)
def test_junk_never_raises(typed: str) -> None:
    query = parse(typed)
    expr = query.match()
    assert expr is None or expr.count('"') % 2 == 0


def test_sql_and_fts_syntax_are_only_words() -> None:
    query = parse("'; DROP TABLE clippings; -- NEAR(a b) col:3 ^start")
    assert query.match() == (
        '"DROP" AND "TABLE" AND "clippings;" AND "NEAR(a" AND "b)" AND "col:3" AND "^start"'
    )
    assert not query.has_filters


@pytest.mark.parametrize(
    ("typed", "hint"), [("col:x", ""), ("title:trade", ""), ("topc:Oil", "topic:")]
)
def test_a_filter_cuttings_does_not_have_is_said_so(typed: str, hint: str) -> None:
    # FTS5's column syntax, or a misspelt filter: words, not a silent search for nothing
    with pytest.raises(QueryError, match="Unknown filter") as error:
        parse(typed)
    assert f'"{typed.split(":")[0]}: ..."' in str(error.value) and hint in str(error.value)


def test_filters_with_quoted_values_and_negation() -> None:
    query = parse(
        'trade speaker:"Zhou Shuchun" topic:Economy -topic:"Sport news" outlet:"China Daily" '
        "from:2020-12-01 to:2020-12"
    )
    assert query.match() == '"trade"'
    assert query.speakers == ["Zhou Shuchun"]
    assert query.topics == ["Economy"]
    assert query.not_topics == ["Sport news"]
    assert query.outlets == ["China Daily"]
    assert (query.date_from, query.date_to) == ("2020-12-01", "2020-12-31")


def test_year_ranges_cover_the_whole_year() -> None:
    query = parse("from:2019 to:2020")
    assert (query.date_from, query.date_to) == ("2019-01-01", "2020-12-31")
    assert query.match() is None and query.has_filters


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("from:yesterday", "from: needs a date"),
        ("to:2020-02-30", "not a day of that month"),
        ("from:2020-13-01", "no month 13"),
        ("from:2021 to:2020", "is after"),
        ("-from:2020", "cannot be negated"),
        (" ".join(f"w{i}" for i in range(65)), "too many words"),
    ],
)
def test_unreadable_filters_give_one_line(typed: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as error:
        parse(typed)
    assert "\n" not in str(error.value)


def test_unknown_key_is_just_a_word() -> None:
    query = parse("http://example.org ratio:3")
    assert query.match() == '"http://example.org" AND "ratio:3"'
