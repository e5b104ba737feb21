"""Where a page names its author: read before trafilatura prunes the page, from the author
links and microformats that blogs and news sites print beside the headline, the author meta
tags, the article's structured data and a printed "By ..." line, never the names in a comment
thread; then the best of them chosen and cleaned (core.capture.bylines)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml.etree import XPath

from core.capture.bylines import clean_byline_parts, is_site_name, squash

# Where a page names its author, best first: microformats and rel=author as blog engines
# print them, schema.org's itemprop, then class names that say "author". One XPath of cheap
# tests finds the few elements worth a look; the ranking is done on those.
_AUTHOR_ELEMENTS = XPath(
    # tested on the attributes only, not on every element (a third of the time, and a further
    # seventh for rel and itemprop)
    "//@class[contains(., 'uthor') or contains(., 'utor') or contains(., 'yline')"
    " or contains(., 'uteur')]/.. | //@rel[contains(., 'author')]/.. | //@itemprop[. = 'author']/.."
)
_FN = XPath(".//*[contains(concat(' ', @class, ' '), ' fn ')]")
_ITEM_NAME = XPath(".//*[@itemprop='name']")
_METAS = XPath("//meta[@content]")
_CLASS_WORDS = re.compile(r"[\s]+")
_NAME_CLASS = re.compile(r"^(?:author|autor|auteur|byline)(?:[-_]{1,2})?name$", re.I)
_AUTHOR_CLASS = re.compile(
    r"^(?:author|autor|auteurs?|byline|article-author|post-author|entry-author|"
    r"byline__authors?|author-link|authors?-?names?|c-byline__author|"
    r"field-+name-+field-+(?:[a-z]+-)*authors?)$",
    re.I,
)


def _rank(element: Any) -> int | None:
    classes = set(_CLASS_WORDS.split((element.get("class") or "").strip()))
    if "vcard" in classes and "author" in classes:
        return 1
    if element.tag == "a" and "author" in (element.get("rel") or "").split():
        return 2
    if element.get("itemprop") == "author":
        return 3
    if any(_NAME_CLASS.match(c) for c in classes):
        return 4
    if any(_AUTHOR_CLASS.match(c) for c in classes):
        return 5
    return None


_NS = {"re": "http://exslt.org/regular-expressions"}
# Comment threads and lists of other articles name other people (an author box in a
# sidebar names the author, so sidebars are not excluded). Matched on whole class and id
# words: "preview" is not "review", and "one-sidebar" is a layout.
_ELSEWHERE = re.compile(
    r"^(?:.*comments?|comment.*|respond|repl(?:y|ies)|related.*|.*-related|recommend.*|"
    r"popular.*|most-read|more-stories|discussion|forum-post|reviews?|user-reviews?)$",
    re.I,
)
_META_AUTHOR = (
    "author", "article:author", "og:article:author", "dc.creator", "DC.creator", "dcterms.creator",
    "sailthru.author", "parsely-author", "cXenseParse:author", "byl", "citation_author",
)  # fmt: skip
_AUTHOR_LABEL = re.compile(r"written by|author|verfasst von|geschrieben von|autor|auteur", re.I)


def _text(element: Any) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _short_text(element: Any, limit: int) -> str | None:
    """The element's text if it is at most ``limit`` characters, read no further than that
    (a page's outer <div> holds the whole page)."""
    parts, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > limit * 3:
            return None
        parts.append(piece)
    text = " ".join(" ".join(parts).split())
    return text if len(text) <= limit else None


def _elsewhere(element: Any) -> bool:
    for node in element.iterancestors():
        if node.tag in ("body", "html"):
            break
        if node.tag in ("footer", "nav"):
            return True
        marks = f"{node.get('id') or ''} {node.get('class') or ''}".split()
        if any(_ELSEWHERE.match(mark) for mark in marks):
            return True
    return False


def markup_bylines(tree: Any) -> list[str]:
    """Author names as the page's markup marks them, best first, outside comment threads."""
    best: dict[int, str] = {}
    for element in _AUTHOR_ELEMENTS(tree):
        rank = _rank(element)
        if rank is None or rank in best or element.tag in ("meta", "link", "script", "style"):
            continue
        if rank == 1:  # the name inside an author vcard is its "fn"
            names = _FN(element)
            element, rank = (names[0], 0) if names else (element, rank)
        elif rank == 3:
            names = _ITEM_NAME(element)
            element = names[0] if names else element
        text = _short_text(element, 120) or ""
        text = text or (element.get("content") or "").strip()
        if len(text) > 1 and not _elsewhere(element):
            best.setdefault(rank, text)
    return list(dict.fromkeys(best[r] for r in sorted(best)))


def meta_bylines(tree: Any, metas: list[Any] | None = None) -> list[str]:
    """Author names from meta tags: the author tags, and Twitter's labelled 'Written by'
    (``metas``: the page's meta elements with content, if the caller has them already)."""
    found: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for meta in _METAS(tree) if metas is None else metas:
        key = meta.get("name") or meta.get("property") or ""
        value = " ".join((meta.get("content") or "").split())
        if key in _META_AUTHOR and value and not value.lower().startswith("http"):
            found.setdefault(key, []).append(value)
        elif key.startswith("twitter:label") and _AUTHOR_LABEL.search(value):
            labels["twitter:data" + key[len("twitter:label") :]] = value
        elif key.startswith("twitter:data") and value:
            found.setdefault(key, []).append(value)
    ordered = [v for key in _META_AUTHOR for v in found.get(key, [])]
    ordered += [v for key in labels for v in found.get(key, [])]
    return list(dict.fromkeys(ordered))


def record_bylines(record: dict[str, Any]) -> list[str]:
    """The authors of the page's structured-data article record."""
    authors = record.get("author") or record.get("creator")
    authors = authors if isinstance(authors, list) else [authors]
    names = []
    for author in authors:
        if isinstance(author, dict):
            author = author.get("name")
        if isinstance(author, str) and author.strip() and not author.startswith("http"):
            names.append(" ".join(author.split()))
    return ["; ".join(names)] if names else []


# "Von Jane Roe", "Text: Jane Roe", "06.11.2023 13:30 von Jane | 3 min": a byline printed as a
# line of text rather than marked up as one.
_PARTICLE = r"(?:von|van|de|der|den|di|da|du|le|la|al|el|bin|ibn)"
_NAME = r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.-]*\.?(?:\s+(?:" + _PARTICLE + r"\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3})"
_TEXT_LABEL = (
    r"(?:(?:ein\s+|eine\s+|an?\s+)?(?:blog\s*)?(?:beitrag|artikel|article|text|bericht|"
    r"gastbeitrag|kommentar|interview|reportage|story|post)\s+von|"
    r"(?:written|posted|erstellt|geschrieben|verfasst|veröffentlicht|publié|écrit|escrito)\s+"
    r"(?:by|von|par|por)|by|von|par|por|door|"
    r"(?:author|autor|autorin|auteur|autore|text|texte)\s*:)"
)
_TEXT_BYLINE = re.compile(
    r"^(?:[\d.:/\s|,-]+(?:uhr)?\s*[|,·•-]?\s*)?" + _TEXT_LABEL + r"\s*(" + _NAME + r")"
    r"(?:\s*(?:[|,/·•–(-]|\b(?:am|on|le|el|um|und|and|et|y|mit|with)\b|\d).*)?$",
    re.I,
)
_LABEL_START = re.compile(
    r"^(?:[\d.:/\s|,-]+(?:uhr)?\s*[|,·•-]?\s*)?(?:\w+\s+){0,2}"
    r"(?:von|by|par|por|door|author|autor|autorin|auteur|autore|text|texte)\b",
    re.I,
)
_LABEL_TEXT = XPath(
    "//body//text()[string-length(.) < 120 and (contains(., 'von') or contains(., 'Von')"
    " or contains(., 'by') or contains(., 'By') or contains(., 'BY') or contains(., 'par')"
    " or contains(., 'Par') or contains(., 'por') or contains(., 'Por') or contains(., 'utor')"
    " or contains(., 'uteur') or contains(., 'uthor') or contains(., 'ext')"
    " or contains(., 'door'))]"
)
_TEXT_TAGS = ("p", "span", "div", "small", "em", "strong", "b", "i", "li", "address", "h4", "h5",
              "h6", "td", "byline", "section", "header")  # fmt: skip
_LABEL_ONLY = re.compile(
    r"^\s*(?:author|autor|autorin|auteur|autore|text|von|by|par)\s*:?\s*$", re.I
)


def text_bylines(tree: Any, limit: int = 3) -> list[str]:
    """Bylines printed as a line of text ("Von Jane Roe | 3. Mai"), or as a label and a name
    beside it ("<b>Autor:</b> Jane Roe"), outside comment threads; the first few found."""
    found: list[str] = []
    seen: set[Any] = set()
    for piece in _LABEL_TEXT(tree):
        element = piece.getparent()
        if element is None or element in seen or element.tag not in _TEXT_TAGS:
            continue
        seen.add(element)
        if len(element) > 6:  # a container of several blocks is not one line
            continue
        text = _short_text(element, 100)
        if not text or not _LABEL_START.search(text):
            continue
        if _LABEL_ONLY.match(text):
            following = " ".join(
                filter(None, [element.tail] + [_text(s) for s in element.itersiblings()][:1])
            )
            text = text.rstrip(": ") + ": " + " ".join(following.split())[:100]
        match = _TEXT_BYLINE.match(text)
        if match and not _elsewhere(element):
            found.append(match.group(0))
            if len(found) >= limit:
                break
    return list(dict.fromkeys(found))


def _well_formed(name: str) -> int:
    """'Jane Roe' over 'jane.roe' or 'jane_roe': spaced as people write names."""
    return (" " in name) - (" " not in name and ("." in name or "_" in name))


def choose_byline(
    candidates: Iterable[str | None], outlet: str | None, sites: Iterable[str] = ()
) -> tuple[str | None, str | None]:
    """The best of several raw bylines, best source first: a person before the site's name,
    the fullest form of a name ('Jane Roe' over 'Jane'), the one written as people write it
    ('Jane Roe' over 'jane.roe')."""
    sites = {s for s in (outlet, *sites) if s}
    cleaned = [clean_byline_parts(c, outlet, sites) for c in candidates if c]
    names = [(name, wire) for name, wire, _person in cleaned if name]
    wire = next((w for _n, w, _p in cleaned if w), None)
    if not names:
        return wire, wire
    # people before credit lines and handles, and those before the site's own name
    ranked = sorted(
        (c for c in cleaned if c[0]), key=lambda c: (not c[2], is_site_name(c[0] or "", sites))
    )
    name, chosen_wire = ranked[0][0] or "", ranked[0][1]
    for other, _wire in names:
        if squash(other) == squash(name) and _well_formed(other) > _well_formed(name):
            name = other
    if " " not in name and ";" not in name:
        longer = [o for o, _w in names if o.split()[0] == name and len(o.split()) > 1]
        name = longer[0] if longer else name
    return name, chosen_wire or wire
