"""What a write changed, so that each screen decides for itself what to redraw (as Anki's
OpChanges do) instead of reloading everything after every change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Changes:
    #: clippings whose shown fields changed (headline, date, outlet, tags, notes, speakers)
    clippings: frozenset[int] = frozenset()
    #: which clippings a list holds, or their order: added, trashed, restored, deleted
    membership: bool = False
    #: topic and speaker names or counts: the sidebar, the completions
    tags: bool = False
    #: outlets or stories as the sidebar counts them
    outlets: bool = False
    saved_searches: bool = False
    #: clippings whose speaker suggestions or kept quotes changed (the reader's review panel)
    review: frozenset[int] = frozenset()
    #: what the write gives back (new ids, a count), for the caller's message
    value: Any = field(default=None, compare=False)

    @property
    def sidebar(self) -> bool:
        return self.tags or self.outlets or self.saved_searches or self.membership

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            clippings=self.clippings | other.clippings,
            membership=self.membership or other.membership,
            tags=self.tags or other.tags,
            outlets=self.outlets or other.outlets,
            saved_searches=self.saved_searches or other.saved_searches,
            review=self.review | other.review,
            value=other.value if other.value is not None else self.value,
        )


def ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(int(v) for v in values if v is not None)
