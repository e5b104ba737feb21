"""Checks and cleaning for what enters the library from outside: dates, text and names.

Text from pages, files and the command line may hold NUL, control characters, terminal escape
sequences or lone surrogates (a mis-decoded file, a hostile page). None of them belongs in an
article, and some break what reads the library later (Word files are XML, which refuses them;
a terminal obeys escape sequences). They are removed where text enters, and made visible
where old text leaves for a terminal.
"""

from __future__ import annotations

import os
import re
from datetime import date

from core.errors import BadInput

FIRST_YEAR, LAST_YEAR = 1800, 2100
# C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates, and the two
# noncharacters XML refuses. \x02-\x05 also mark snippets and quotes inside Cuttings.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)?")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029\x85]+")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?")


def clean_text(text: str | None) -> str | None:
    """Text with escape sequences and control characters gone; line breaks and tabs kept."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str | None) -> str | None:
    """One line (a headline, a byline, an outlet): cleaned, breaks and runs of space as one."""
    cleaned = clean_text(text)
    if not cleaned:
        return cleaned
    return " ".join(_LINE_BREAKS.sub(" ", cleaned).split())


def valid_date(value: object, what: str = "A published date") -> str | None:
    """A published date as stored (``YYYY-MM-DD``, maybe with a time), or BadInput in words:
    a real calendar date between 1800 and 2100."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    match = _DATE.match(text)
    problem = None
    if not match:
        problem = "is not a date like 2024-05-31"
    else:
        year, month, day = (int(match[i]) for i in (1, 2, 3))
        try:
            date(year, month, day)
        except ValueError:
            problem = "is not a day of the calendar"
        else:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                problem = f"is outside {FIRST_YEAR}-{LAST_YEAR}"
            elif match[4] is not None and (int(match[4]) > 23 or int(match[5]) > 59):
                problem = "has a time of day that does not exist"
    if problem:
        shown = printable(text[:40])
        raise BadInput(
            f"{what} must be a real date between {FIRST_YEAR} and {LAST_YEAR}, like 2024-05-31; "
            f"{shown!r} {problem}."
        )
    return text


def date_or_none(value: object) -> str | None:
    """A date found on a page: kept when it is a real one, dropped when it is not."""
    try:
        return valid_date(value)
    except BadInput:
        return None


def printable(text: str) -> str:
    """Text for a terminal: escape sequences and control characters shown, never obeyed."""
    if not _CONTROLS.search(text) and "\x1b" not in text and "\r" not in text:
        return text
    return "".join(
        ch if not _CONTROLS.match(ch) else ("\ufffd" if "\ud800" <= ch <= "\udfff" else "?")
        for ch in text.replace("\x1b", "^[").replace("\r", " ")
    )


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as a person can read it: bytes that are not UTF-8 become U+FFFD."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")
