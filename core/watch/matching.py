"""A rule's query (core.query) matched against items that are not in the library's index: a
feed item's headline, summary and outlet, or a clipping's headline, summary and outlet.

The words go through the same FTS5 tokenizer the library's index uses (case folded, English
stemmed, diacritics removed, CJK characters as tokens of their own), in an index of the
batch's documents built in memory: a rule finds what the same words find in the search box.
The filters are read from each document: ``topic:`` its topics (a feed item's categories),
``speaker:`` a speaker it is tagged with, or the name (or a registered other name) written in
its headline or summary, ``outlet:`` its outlet, ``from:``/``to:`` its date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.query import Query, Term
from core.tagnames import tag_key
from core.textindex import cjk_index_text

TOKENIZER = "porter unicode61 remove_diacritics 2"


@dataclass
class Document:
    title: str
    summary: str = ""
    outlet: str | None = None
    published: str | None = None
    topics: Sequence[str] = ()
    speakers: Sequence[str] = ()
    key: int = 0  # the caller's id for it


@dataclass
class Aliases:
    """Every name a registered speaker goes by, by the key of each of them."""

    by_key: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> Aliases:
        names: dict[int, list[str]] = {}
        for speaker_id, name in conn.execute(
            "SELECT id, name FROM speakers UNION ALL SELECT speaker_id, alias FROM speaker_aliases"
        ):
            names.setdefault(speaker_id, []).append(name)
        return cls({tag_key(n): group for group in names.values() for n in group})

    def of(self, name: str) -> list[str]:
        return self.by_key.get(tag_key(name), [name])


class Batch:
    """Documents indexed once, then matched against any number of queries."""

    def __init__(self, documents: Iterable[Document], aliases: Aliases | None = None) -> None:
        self.documents = list(documents)
        self.aliases = aliases or Aliases()
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(
            f"CREATE VIRTUAL TABLE docs USING fts5(title, summary, outlet, cjk, "
            f"tokenize='{TOKENIZER}')"
        )
        self.conn.executemany(
            "INSERT INTO docs (rowid, title, summary, outlet, cjk) VALUES (?, ?, ?, ?, ?)",
            [
                (n, d.title, d.summary, d.outlet or "", cjk_index_text(d.title, d.summary))
                for n, d in enumerate(self.documents)
            ],
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def match(self, query: Query) -> list[Document]:
        """The documents the query finds, in the order they were given."""
        rows = self._words(query)
        for name in query.speakers:
            rows &= self._speaker(name)
        for name in query.not_speakers:
            rows -= self._speaker(name)
        return [self.documents[n] for n in sorted(rows) if self._filters(self.documents[n], query)]

    def _all(self) -> set[int]:
        return set(range(len(self.documents)))

    def _find(self, expression: str) -> set[int]:
        return {r[0] for r in self.conn.execute("SELECT rowid FROM docs(?)", [expression])}

    def _words(self, query: Query) -> set[int]:
        expression = query.match()
        if expression is not None:
            return self._find(expression)
        excluded = query.excluded_match()
        return self._all() - (self._find(excluded) if excluded else set())

    def _speaker(self, name: str) -> set[int]:
        """Documents tagged with the speaker, or naming them in the headline or summary."""
        wanted = {tag_key(n) for n in self.aliases.of(name)}
        tagged = {
            n for n, d in enumerate(self.documents) if wanted & {tag_key(s) for s in d.speakers}
        }
        phrases = " OR ".join(Term(n).fts() for n in self.aliases.of(name))
        return tagged | self._find(f"{{title summary cjk}} : ({phrases})")

    @staticmethod
    def _filters(document: Document, query: Query) -> bool:
        topics = {tag_key(t) for t in document.topics}
        if any(tag_key(t) not in topics for t in query.topics):
            return False
        if any(tag_key(t) in topics for t in query.not_topics):
            return False
        outlet = tag_key(document.outlet or "")
        if query.outlets and outlet not in {tag_key(o) for o in query.outlets}:
            return False
        if outlet and outlet in {tag_key(o) for o in query.not_outlets}:
            return False
        day = (document.published or "")[:10]
        if query.date_from and (not day or day < query.date_from):
            return False
        return not (query.date_to and (not day or day > query.date_to))


def matches(query: Query, document: Document, aliases: Aliases | None = None) -> bool:
    with Batch([document], aliases) as batch:
        return bool(batch.match(query))
