"""Article text as a reader wants it: trafilatura's paragraphs without an app advertisement,
without the headline printed again as the first paragraph, with a dateline ("WASHINGTON —")
kept at the start of the paragraph it opens, and without a table's empty cells ("| |")."""

from __future__ import annotations

import re

_APP_PROMOTION = re.compile(
    r"^\W*(?:download|get|install|try|holen sie sich|laden sie)\b.{0,60}\b(?:app|apps|"
    r"application)\b.{0,80}$",
    re.I,
)
# "WASHINGTON —", "BERLIN (dpa) -", "LONDON, May 2 (Reuters) -", "PARIS:"
_DATELINE = re.compile(
    r"^(?-i:[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40})(?:,\s*[\w .]{1,30})?(?:\s*\([^)]{1,30}\))?\s*[—–:-]+$"
)
_CELLS = re.compile(r"^(?:\s*\|)+\s*")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


def without_app_promotions(paragraphs: list[str]) -> list[str]:
    """'Download the Harbour News app for the latest' is an advertisement, not the article."""
    return [p for p in paragraphs if len(p) > 160 or not _APP_PROMOTION.match(p)]


def without_repeated_headline(paragraphs: list[str], headline: str) -> list[str]:
    if len(paragraphs) > 1 and headline and _fold(paragraphs[0]) == _fold(headline):
        return paragraphs[1:]
    return paragraphs


def with_datelines_joined(paragraphs: list[str]) -> list[str]:
    """A dateline on its own line opens the paragraph after it."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _DATELINE.match(joined[-1]) and paragraph[:1].isalnum():
            joined[-1] = f"{joined[-1]} {paragraph}"
        else:
            joined.append(paragraph)
    return joined


def without_empty_cells(paragraphs: list[str]) -> list[str]:
    """'| | Ferry times' gives 'Ferry times'; a row of empty cells goes."""
    cleaned = (_CELLS.sub("", p).rstrip(" |") if p.startswith("|") else p for p in paragraphs)
    return [p for p in cleaned if p.strip()]


def clean_text(text: str, headline: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    paragraphs = without_empty_cells(without_app_promotions(paragraphs))
    paragraphs = with_datelines_joined(without_repeated_headline(paragraphs, headline))
    return "\n".join(paragraphs)
