"""Headlines: the one the page shows its readers, without the site's name or a kicker.

Social and search titles (og:title, twitter:title, <title>) are often another wording of the
headline, cut short, or carry the site's name and a section; the visible <h1> of the article
is the headline as printed. So the first <h1> that is not the site's name or a page-furniture
heading ("Navigation", "Kommentare") and shares words with the page's titles is taken, its
kicker ("Klimaschutz:", "Exclusive") left off where the markup sets it apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml.etree import XPath

from core.capture.bylines import host_names, is_site_name, squash

SEPARATORS = re.compile(r"\s+(?:[|–—·•:»›«‹\-]{1,2}|::)\s+")
# WordPress's classic theme titled every post "Site » Blog Archive » Headline".
_ARCHIVE_SEGMENT = re.compile(r"^(?:blog\s*-?\s*archiv(?:e)?|archiv(?:e)?|blog)$", re.I)
_SITE_MARKS = re.compile(
    r"^(?:site-?(?:title|name|header|branding|logo).*|branding.*|(?:site-)?logo(?:-.*)?|"
    r"sitename|masthead.*|"
    r"name-and-slogan)$",
    re.I,
)
_SITE_IDS = re.compile(r"^(?:header|page-header|site-header|top|topbar|masthead|branding)$", re.I)
_FURNITURE = re.compile(
    r"^(?:comments?|comment-.*|.*-comments?|related.*|sidebar|newsletter.*|footer|modal|popup|"
    r"cookie.*)$",
    re.I,
)
_H1 = XPath("//body//h1")
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class Heading:
    """An <h1> as the page has it: its text, the texts of its parts, and where it stands."""

    text: str
    parts: list[str]
    site_furniture: bool  # in the page's header or logo, or in a comment or newsletter box


def _text(element: Any) -> str:
    return " ".join(" ".join(element.itertext()).split())


def headings(tree: Any, limit: int = 6) -> list[Heading]:
    found = []
    for element in _H1(tree)[:limit]:
        text = _text(element)
        if not text:
            continue
        inner = element
        while len(inner) == 1 and not _own_text(inner):  # wrappers around the parts
            inner = inner[0]
        parts = [] if _own_text(inner) else [t for t in map(_text, inner) if t.strip(" -–—:|")]
        found.append(Heading(text, parts, _furniture(element)))
    return found


def _own_text(element: Any) -> bool:
    return bool((element.text or "").strip()) or any(
        (c.tail or "").strip(" -–—:|") for c in element
    )


def _furniture(element: Any) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            break
        classes = (node.get("class") or "").split()
        if any(_SITE_MARKS.match(c) for c in classes) or _SITE_IDS.match(node.get("id") or ""):
            return True
        marks = f"{node.get('id') or ''} {node.get('class') or ''}".split()
        if node is not element and any(_FURNITURE.match(m) for m in marks):
            return True
    return False


def segments(title: str) -> list[str]:
    return [s for s in SEPARATORS.split(" ".join(title.split())) if s]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def clean_headline(
    title: str, outlet: str | None, url: str | None, names: Iterable[str] = ()
) -> str:
    """Drop the site's name (and a 'Blog Archive' section) from either end of a <title>-style
    headline; what is left keeps the separators it had (a dash inside a headline stays).
    ``names`` are more names of the site (the heading of the page's header)."""
    title = " ".join(title.split())
    sites = {n.casefold() for n in (outlet or "", *host_names(url), *names) if n}
    # "Headline (Site)"
    bracket = re.match(r"^(.+?)\s+\(([^()]+)\)$", title)
    if bracket and _is_site(bracket.group(2), sites):
        title = bracket.group(1)
    parts = SEPARATORS.split(title)
    separators = SEPARATORS.findall(title)

    def droppable(part: str) -> bool:
        return _is_site(part, sites) or bool(_ARCHIVE_SEGMENT.match(part.strip()))

    first, last = 0, len(parts)
    while last - first > 1 and droppable(parts[last - 1]):
        last -= 1
    while last - first > 1 and droppable(parts[first]):
        first += 1
    return parts[first] + "".join(separators[k - 1] + parts[k] for k in range(first + 1, last))


def _is_site(part: str, sites: Iterable[str]) -> bool:
    folded = part.casefold()
    squashed = squash(folded)
    return any(
        s in folded
        or (len(squashed) > 2 and squashed in squash(s))
        or (len(squash(s)) > 4 and squash(s) in squashed and len(squashed) < 2 * len(squash(s)))
        for s in sites
        if s
    ) or is_site_name(part, sites)


def visible_headline(
    found: Iterable[Heading], titles: Iterable[str], outlet: str | None, url: str | None
) -> str | None:
    """The first <h1> that is the article's headline, kicker left off; None where no <h1>
    is (then the page's titles decide). ``titles`` are the page's other titles, cleaned of
    the site's name, best first."""
    titles = [t for t in titles if t]
    sites = {n for n in ((outlet or "").casefold(), *host_names(url)) if n}
    title_segments = [s for t in titles for s in segments(t)]
    longest = max((len(s) for s in title_segments), default=0)
    title_words = set().union(*(_words(t) for t in titles)) if titles else set()
    for heading in found:
        text = heading.text
        if heading.site_furniture or len(text) > 300 or _is_site(text, sites):
            continue
        # a title segment shorter than the headline beside it is the site's or a section's name
        if any(_fold(text) == _fold(s) for s in title_segments) and len(text) < longest:
            if not any(_fold(text) == _fold(t) for t in titles):
                continue
        if titles and not (_words(text) & title_words):
            continue  # "Navigation und Service", "Hauptmenü": nothing in common with the titles
        # two or three words ("News", "Thema – Corona") are a section's heading unless the
        # page's best title starts with them
        if titles and len(_words(text)) <= 2 and not _fold(titles[0]).startswith(_fold(text)):
            continue
        return _trimmed(heading, titles)
    return None


def _trimmed(heading: Heading, titles: list[str]) -> str:
    """The headline within an <h1>: '<span>Klimaschutz</span> <span>Bohren, bis es heiß
    wird</span>' gives the second part, as does an <h1> that ends with one of the page's
    titles after a few words more; an <h1> that is a title and a site's name gives the
    title."""
    folded_titles = [_fold(t) for t in titles]
    if len(heading.parts) == 2:
        others = [t for t in folded_titles if t != _fold(heading.text)]
        known = [p for p in heading.parts if any(_fold(p) in t for t in others)]
        if len(known) == 1:
            return known[0]
        if len(heading.parts[0].split()) <= 6 and len(heading.parts[1].split()) >= 2:
            return heading.parts[1]  # the kicker comes first
    folded = _fold(heading.text)
    for title, tail in zip(titles, folded_titles, strict=True):
        if len(tail.split()) >= 2 and folded.endswith(" " + tail):
            if len(folded[: -len(tail)].split()) <= 6:
                return title
        if len(tail.split()) >= 3 and folded.startswith(tail + " "):
            rest = heading.text[len(title) :] if heading.text.startswith(title) else ""
            if rest and SEPARATORS.match(rest + " "):
                return title
    return heading.text


def is_site_heading(found: str, headings_seen: Iterable[Heading], outlet: str | None) -> bool:
    """Whether trafilatura's title is an <h1> of the page's header or logo, or the site's
    name: then it is not the headline."""
    sites = {(outlet or "").casefold()} - {""}
    return any(
        _fold(found) == _fold(h.text) and (h.site_furniture or _is_site(h.text, sites))
        for h in headings_seen
    )
