"""Plain-text and Markdown clippings, including the seed format users already hold:
a text whose first words are ``date YYYY-MM-DD``, then the article, whose first sentence
is its headline."""

from __future__ import annotations

import re
from typing import Any

from core.capture.language import guess
from core.errors import BadInput, CaptureError
from core.inputs import valid_date

_SEED_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "sen", "rep", "gov", "no",
    "vs", "inc", "co", "corp", "ltd", "col", "lt", "sgt", "capt", "rev", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e",
}  # fmt: skip
_SENTENCE_END = re.compile(r"([.!?])([\"'”’»)]*)(\s+)(?=[\"“‘«(]?[A-Z0-9\u0400-\u042F])|([。！？])")
MAX_TITLE = 300


def first_sentence(text: str) -> tuple[str, str]:
    """Split off the first sentence: (sentence, the rest)."""
    paragraph_end = text.find("\n\n")
    limit = paragraph_end if paragraph_end != -1 else len(text)
    for match in _SENTENCE_END.finditer(text, 0, limit + 1):
        if match.group(4):  # a CJK full stop ends a sentence wherever it stands
            cut = match.end()
            return text[:cut].strip(), text[cut:].strip()
        # the word before the mark only: splitting the whole text so far at every candidate
        # made a run of "Mr. Mr. ..." quadratic (8 minutes for 800 KB)
        before = text[max(0, match.start(1) - 40) : match.start(1)].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        cut = match.end(2)
        return text[:cut].strip(), text[cut:].strip()
    return text[:limit].strip(), text[limit:].strip()


def headline_end(title: str) -> str:
    """A headline ends without the full stop or semicolon its sentence had ('U.S.' and an
    ellipsis keep theirs)."""
    if re.search(r"(?:\b[A-Z]\.|\.\.)$", title):
        return title
    return re.sub(r"\s*[.;,:]$", "", title)


def _paragraphs(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def parse_text(text: str, *, markdown: bool = False) -> dict[str, Any]:
    """A clipping from text: the seed format, Markdown with a ``#`` headline, or plain text
    whose first line (when short and on its own) or first sentence is the headline."""
    text = text.lstrip("\ufeff")
    published = None
    seed = _SEED_DATE.match(text)
    if seed:
        try:
            published = valid_date(seed.group(1))
        except BadInput as error:
            raise CaptureError(f"its first line says 'date {seed.group(1)}': {error}") from error
        text = text[seed.end() :]
    if not text.strip():
        raise CaptureError("it has no article text")
    title = ""
    if markdown and not seed:
        heading = re.match(r"\s*#+\s+(.+)\n", text)
        if heading:
            title, text = heading.group(1).strip(), text[heading.end() :]
    if not title and not seed:
        lines = text.strip().split("\n", 1)
        if len(lines) == 2 and len(lines[0]) <= 200 and not lines[0].rstrip().endswith("."):
            title, text = lines[0].strip(), lines[1]
    body = _paragraphs(text)
    if title:
        title = headline_end(title)
    else:
        title, rest = first_sentence(body)
        if not seed and (body.startswith(title + "\n") or body == title):
            title = headline_end(title)  # a first line of its own, not a sentence run on
        body = rest
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    if not body and not title:
        raise CaptureError("it has no article text")
    return {
        "title": title,
        "text": body,
        "published": published,
        "language": guess(title + "\n" + body),
    }
