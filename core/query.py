"""The query language of the search box and the command line, parsed into an FTS5 expression
and filters. Pure functions: whatever a user types either parses or raises a QueryError with
one line of explanation; nothing typed reaches SQL or FTS5 unquoted.

    words            all must match (English is stemmed: negotiate finds negotiations)
    "exact phrase"   the words in this order (an unclosed quote runs to the end)
    prefix*          any word starting with prefix
    a OR b           either (binds tighter than the implicit AND)
    -word, -"a b"    must not match
    topic:X speaker:X outlet:X   filters (quoted values allowed; -topic:X excludes)
    from:YYYY-MM-DD to:YYYY-MM-DD   published between, inclusive (YYYY or YYYY-MM allowed)
    in:highlights in:comments in:why   the words in what the reader marked or wrote instead
    has:highlights has:comments has:why has:orphans   (-has:X: without)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.errors import QueryError
from core.textindex import has_cjk, space_cjk

FILTER_KEYS = ("topic", "speaker", "outlet", "from", "to", "in", "has")
#: where in: looks instead of the text, and what has: asks for (core/highlights/searching.py)
IN_PLACES = {
    "highlights": "highlights",
    "highlight": "highlights",
    "comments": "comments",
    "comment": "comments",
    "why": "why",
}
HAS_KINDS = {**IN_PLACES, "orphans": "orphans", "orphan": "orphans"}
_WORD = re.compile(r"\w", re.UNICODE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
MAX_TERMS = 64
MAX_CHARS = 1000  # the search box holds 500; a saved search's scope may add some
_CONTROL = re.compile("[\x01-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Term:
    text: str  # a word or a phrase: both are quoted for FTS5, which tokenises them alike
    prefix: bool = False

    def fts(self) -> str:
        text = space_cjk(self.text) if has_cjk(self.text) else self.text
        quoted = '"' + text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    not_topics: list[str] = field(default_factory=list)
    not_speakers: list[str] = field(default_factory=list)
    not_outlets: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    within: list[str] = field(default_factory=list)  # in: the words search the marks instead
    has: list[str] = field(default_factory=list)
    not_has: list[str] = field(default_factory=list)

    def match(self) -> str | None:
        """The FTS5 MATCH expression for the positive terms, or None when there are none (or
        when ``in:`` sends the words to what the reader marked, a filter of its own)."""
        return None if self.within else self.words_match()

    def words_match(self) -> str | None:
        """The words as one FTS5 expression, wherever they are to be looked for."""
        if not self.groups:
            return None
        parts = []
        for group in self.groups:
            inner = " OR ".join(t.fts() for t in group)
            parts.append(f"({inner})" if len(group) > 1 else inner)
        expr = " AND ".join(parts)
        for term in self.excluded:
            expr = f"({expr}) NOT {term.fts()}"
        return expr

    def excluded_match(self) -> str | None:
        """The excluded terms as one expression, for a query that has nothing positive."""
        if not self.excluded or self.within:
            return None
        return " OR ".join(t.fts() for t in self.excluded)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.topics
            or self.speakers
            or self.outlets
            or self.not_topics
            or self.not_speakers
            or self.not_outlets
            or self.date_from
            or self.date_to
            or self.within
            or self.has
            or self.not_has
        )


def _lex(text: str) -> list[tuple[str, bool]]:
    """Split into raw tokens, each with whether it came from quotes. Quotes may follow
    ``key:`` and ``-``; an unclosed quote runs to the end of the text."""
    tokens: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        head = text[start:i]
        if i < n and text[i] == '"' and (head in ("", "-") or head.endswith(":")):
            close = text.find('"', i + 1)
            end = n if close == -1 else close
            tokens.append((head + "\x00" + text[i + 1 : end], True))
            i = end + 1
            # A '*' straight after a closing quote makes the phrase a prefix.
            if i < n and text[i] == "*":
                tokens[-1] = (tokens[-1][0] + "\x01", True)
                i += 1
        elif i < n and text[i] == '"':
            # A quote inside a word (he"llo) is punctuation, not the start of a phrase.
            tokens.append((head, False))
            i += 1
        else:
            tokens.append((head, False))
    return tokens


def _date(key: str, value: str) -> str:
    match = _DATE.match(value.strip())
    if not match:
        raise QueryError(
            f"{key}: needs a date like 2024-05-31 (or 2024-05, or 2024), not {value!r}."
        )
    year, month, day = int(match[1]), match[2], match[3]
    end = key == "to"
    m = int(month) if month else (12 if end else 1)
    if not 1 <= m <= 12:
        raise QueryError(f"{key}: {value!r} has no month {m}.")
    import calendar  # only for from: and to:

    last = calendar.monthrange(year, m)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise QueryError(f"{key}: {value!r} is not a day of that month.")
    return f"{year:04d}-{m:02d}-{d:02d}"


def _unknown_filter(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.lower(), FILTER_KEYS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}:?" if close else ""
    return (
        f"Unknown filter {key}:; use topic:, speaker:, outlet:, from:, to:, in: or has: (or "
        f'put the words in quotes: "{key}: ...").{hint}'
    )


def _marks_filter(query: Query, key: str, value: str, negate: bool) -> None:
    known = IN_PLACES if key == "in" else HAS_KINDS
    kind = known.get(value.casefold())
    if kind is None:
        names = ", ".join(dict.fromkeys(known.values()))
        raise QueryError(f"{key}: takes {names}, not {value!r}.")
    if key == "in":
        if negate:
            raise QueryError("-in: cannot be negated; use -has: for clippings without marks.")
        if kind not in query.within:
            query.within.append(kind)
    else:
        target = query.not_has if negate else query.has
        if kind not in target:
            target.append(kind)


def parse(text: str) -> Query:
    """Parse what a user typed. Raises QueryError for a filter it cannot read, and for what
    could not be a search at all (a NUL, a text longer than a page)."""
    text = text or ""
    if "\x00" in text:
        raise QueryError("A search cannot contain a NUL character; type it again.")
    if len(text) > MAX_CHARS:
        raise QueryError(f"That search is {len(text):,} characters long; use at most {MAX_CHARS}.")
    # The lexer marks phrases and prefixes with control characters of its own.
    text = _CONTROL.sub(" ", text)
    query = Query()
    pending_or = False
    for raw, quoted in _lex(text):
        negate = False
        prefix = raw.endswith("\x01")
        raw = raw.rstrip("\x01")
        if quoted:
            head, _, body = raw.partition("\x00")
            if head.startswith("-"):
                negate, head = True, head[1:]
        else:
            head, body = "", raw
            if body.startswith("-") and len(body) > 1:
                negate, body = True, body[1:]
            key, sep, value = body.partition(":")
            if sep and key.lower() in FILTER_KEYS and value:
                head, body = key + ":", value
            elif sep and key.isalpha() and 2 <= len(key) <= 12 and value[:1].isalpha():
                # "title:x", "after:2020": a filter Cuttings does not have, said as one
                raise QueryError(_unknown_filter(key))
        if head:
            key = head[:-1].lower()
            if key not in FILTER_KEYS:
                raise QueryError(_unknown_filter(key))
            value = " ".join(body.split())
            if not value:
                continue
            if key in ("in", "has"):
                _marks_filter(query, key, value, negate)
            elif key in ("from", "to"):
                if negate:
                    raise QueryError(f"-{key}: cannot be negated; use from: and to: for a range.")
                setattr(query, "date_from" if key == "from" else "date_to", _date(key, value))
            else:
                target = ("not_" if negate else "") + key + "s"
                getattr(query, target).append(value)
            pending_or = False
            continue
        if not quoted and body == "OR":
            pending_or = bool(query.groups)
            continue
        if not quoted and body.endswith("*"):
            prefix, body = True, body.rstrip("*")
        if not _WORD.search(body):
            continue  # a lone '-', '*', '(' or punctuation: nothing to look for
        term = Term(body, prefix=prefix)
        # The same word twice asks nothing more, and each copy costs a pass over the index.
        if negate:
            if term not in query.excluded:
                query.excluded.append(term)
        elif pending_or:
            if term not in query.groups[-1]:
                query.groups[-1].append(term)
        elif [term] not in query.groups:
            query.groups.append([term])
        pending_or = False
    if sum(len(g) for g in query.groups) + len(query.excluded) > MAX_TERMS:
        raise QueryError(f"That search has too many words; use at most {MAX_TERMS}.")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise QueryError(f"from:{query.date_from} is after to:{query.date_to}.")
    return query
