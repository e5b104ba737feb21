"""The shapes of attribution in news copy that the finder reads: offices in lower case before a
name, lists of sources, subjects far from their verb. Sentences invented in those shapes."""

from __future__ import annotations

import pytest

from core.speakers.finder import find


def said(text: str) -> dict[str, list[str]]:
    """Each speaker's direct quotes."""
    return {
        s.name: [q.text for q in s.quotes if q.kind == "direct"] for s in find(text).speakers
    }


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
