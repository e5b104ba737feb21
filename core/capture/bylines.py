"""Bylines: who wrote a page, found in its markup and cleaned to people's names, with a wire
agency's credit kept apart.

Finding reads the page before trafilatura prunes it: the author links and microformats that
blogs and news sites print beside the headline, the author meta tags, and the author of the
article's structured data; never the names in a comment thread. Cleaning turns what was found
into a line a reader would write: labels ("By", "Von", "Posted by", "View all posts by"),
addresses, dates and job titles go, and the site's own name goes when a person is named too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml.etree import XPath

WIRES = {
    "associated press": "AP",
    "ap": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "jiji": "Jiji",
    "jiji press": "Jiji",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "ansa": "ANSA",
    "efe": "EFE",
    "agencia efe": "EFE",
    "pa": "PA",
    "press association": "PA",
    "upi": "UPI",
    "apa": "APA",
    "sda": "SDA",
    "kna": "KNA",
    "epd": "epd",
}
# Words that sit in bylines but are not people.
_NOT_PEOPLE = re.compile(
    r"(?<![\w-])(?:no author|staff(?: writer| reporter)?s?|reporters?|correspondents?|editors?|"
    r"contributors?|columnist|senior|chief|political|writer|news|desk|newsroom|wires?|services?|"
    r"reports?|agency|agencies|team|online|digital|"
    r"special to|updated?|published|posted|for|the|in|at|with|from)(?![\w-])",
    re.I,
)
# Time zones are capitals only: read case-blind, "[A-Z]{2,4}T" deleted Scott, Matt and Kurt.
_ZONES = r"(?-i:UTC|GMT|[ECMPA][SD]T|BST|IST|CES?T|EES?T|WES?T|MES?Z|JST|KST|HKT|AES?T|AEDT)"
_MONTH = (
    r"(?:jan|feb|fév|mär|mar|apr|avr|abr|mai|may|jun|juin|jul|juil|aug|août|ago|sep|okt|oct|"
    r"nov|dez|dec|déc|dic|ene)[a-zéû]*\.?"
)
_DATEISH = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|"
    + _MONTH
    + r"\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\.?\s+(?:de\s+)?"
    + _MONTH
    + r"(?:\s+(?:de\s+)?\d{4})?|(?<![\w-])\d{4}(?![\w-])|"
    + _ZONES
    + r")(?!\w)",
    re.I,
)
_PLACEHOLDERS = {
    "no author", "admin", "administrator", "unknown", "anonymous", "staff", "editor", "reporter",
    "staff writer", "staff reporter", "staff writers", "correspondent", "contributor", "web desk",
    "name", "follow", "posted", "author", "autor", "datum", "date", "by", "von", "share", "email",
    "e-mail", "comments", "kommentare", "wordpressadmin", "wpadmin", "user", "guest", "gast",
}  # fmt: skip
# What a page prints before a name: "By", "Von", "Posted by", "Ein Artikel von", "Author:",
# "View all posts by", "Zum Profil von".
# (lower-case "de", "da", "di" only: "De Lange" and "Da Silva" are names)
_PREPOSITION = r"(?:by|von|vom|par|por|door|(?-i:av|af|di|da|de))"
_LABEL = re.compile(
    r"^\s*(?:"
    r"(?:(?:view|see|show|read)\s+)?(?:all|more)\s+(?:posts|articles|stories|entries)\s+"
    r"(?:by|from)\s+|"
    r"(?:more\s+(?:from|by)|mehr\s+von)\s+|"
    r"(?:zeige\s+)?(?:alle\s+)?(?:beiträge|artikel|einträge)\s+von\s+|"
    r"(?:zum\s+)?profil\s+von\s+|"
    r"(?:(?:ein|eine|an?|the)\s+)?(?:blog\s*)?(?:beitrag|artikel|article|post|story|text|bericht|"
    r"gastbeitrag|kommentar|interview|reportage|kolumne|column|report)\s+" + _PREPOSITION + r"\s+|"
    r"(?:(?:written|posted|published|created|reported|compiled|erstellt|geschrieben|verfasst|"
    r"veröffentlicht|publié|écrit|escrito|publicado|scritto)\s+)" + _PREPOSITION + r"\s+|"
    r"(?:author|authors|autor|autorin|autoren|auteur|auteurs|autore|autori|text|texte|"
    r"redaktion|written by|interview|reporter)\s*(?::|\s(?=\S))\s*|"
    + _PREPOSITION
    + r"\s+"
    r")",
    re.I,
)
# "Stand: 3. Mai", "am 6.5.2020, 14:00 Uhr", "vor 2 Tagen": what follows a name in a byline
# line is when.
_TRAILER = re.compile(
    r"(?:\s+(?:stand|aktualisiert|updated|am|on|le|el|um|at|publié|veröffentlicht|datum|vor)"
    r"\s*:?(?=[\s\d.,/:]*(?:uhr|h|[ap]\.?m\.?)?\s*$)|\s*[,|·•–-]\s*(?=\d))"
    r"[\s\d.,/:]*(?:uhr|h|[ap]\.?m\.?)?\s*$",
    re.I,
)
_AGO = re.compile(r"\s+(?:vor\s+\d+\s+\w+|\d+\s+\w+\s+ago|il y a\s+\d+\s+\w+)\s*$", re.I)
# Lines that are about the page, not its author: "Last updated: 3 May", "Zuletzt geändert am".
_NOT_A_BYLINE = re.compile(
    r"^\s*(?:(?:last\s+)?(?:updated|modified|changed)|zuletzt|aktualisiert|geändert|"
    r"veröffentlicht|published|posted on|datum|date)\b",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:;|,|\||/|\band\b|\bund\b|\bet\b|\by\b|&|\bwith\b|\bmit\b|"
    r"\bim gespräch mit\b|\bin conversation with\b|\binterviewed by\b)\s*",
    re.I,
)
_QUOTES = "'\"“”‘’«»„"


def host_names(url: str | None) -> set[str]:
    """A site's names as its address spells them: 'www.example.co.uk', 'example.co.uk',
    'example'."""
    host = (urlsplit(url or "").hostname or "").casefold()
    bare = host.removeprefix("www.")
    return {n for n in (host, bare, bare.split(".")[0]) if n}


def squash(text: str) -> str:
    return re.sub(r"\W|_", "", text.casefold())


def is_site_name(text: str, sites: Iterable[str]) -> bool:
    """'Tagesschau De' is 'tagesschau.de', 'CNN' is 'CNN'."""
    squashed = squash(text)
    return bool(squashed) and any(squashed == squash(s) for s in sites if s)


def strip_label(text: str) -> str:
    """'Posted by Jane Roe' -> 'Jane Roe'; the label may repeat ('Author: by Jane Roe')."""
    text = text.lstrip(" .,;:|-–—·•")
    for _ in range(3):
        stripped = _LABEL.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            break
        text = stripped
    text = _AGO.sub("", _TRAILER.sub("", text))
    return text.strip(" :,;|-–—·•" + _QUOTES)


def clean_byline(
    byline: str | None, outlet: str | None, sites: Iterable[str] = ()
) -> tuple[str | None, str | None]:
    """(byline, wire): 'By Jane Roe and John Doe | Updated 3:04 PM, AP' gives
    ('Jane Roe; John Doe', 'AP'); a wire credit alone is both. The site's own name is dropped
    from a byline that names someone else, and kept where it is all the byline says."""
    name, wire, _person = _clean(byline, outlet, sites)
    return name, wire


def _clean(
    byline: str | None, outlet: str | None, sites: Iterable[str] = ()
) -> tuple[str | None, str | None, bool]:
    """clean_byline, and whether what is left names people (not a credit line or a handle)."""
    if not byline or _NOT_A_BYLINE.match(byline):
        return None, None, False
    # A byline is a line: a page that puts an essay in its author field gets its start read.
    text = strip_label(" ".join(byline.strip()[:500].split()))
    # [^\s@] and not \S: on a long word without "@" the latter retries from every letter
    text = re.sub(r"[^\s@]+@\S+|@\w+|https?://\S+", " ", text)
    site_names = {s.casefold() for s in (outlet, *sites) if s}
    for site in site_names:
        if len(site) > 3:
            text = re.sub(r"(?<!\w)" + re.escape(site) + r"(?!\w)", " ; ", text, flags=re.I)
    wires: list[str] = []
    people: list[str] = []
    for piece in _SPLIT.split(text):
        piece = strip_label(_DATEISH.sub(" ", piece))
        key = " ".join(piece.casefold().replace(".", "").split())
        if key in WIRES:
            wires.append(WIRES[key])
            continue
        if not key or is_site_name(piece, site_names):
            continue
        words = _NOT_PEOPLE.sub(" ", piece).split()
        name = " ".join(w for w in words if re.search(r"[^\W\d_]", w))
        # A person's name has two to four words that start with a capital letter.
        if 1 < len(name.split()) <= 4 and all(w[0].isupper() or w[0] in "'’" for w in name.split()):
            if name not in people:
                people.append(name)
        elif len(name.split()) == 1 and name.isupper() and 2 < len(name) <= 40:
            people.append(name)  # agencies' credits and some bylines are one word in capitals
    wire = "; ".join(dict.fromkeys(wires)) or None
    if people:
        return "; ".join(people), wire, True
    # No person named: a short credit line ("Staff and news service reports", a blogger's
    # handle, the site itself on its own press page) is still what the page says; a
    # placeholder is not.
    credit = strip_label(" ".join(_DATEISH.sub(" ", byline[:500]).split()))
    credit = re.sub(r"[^\s@]+@\S+|https?://\S+", "", credit).strip()
    if wire or not credit or credit.casefold() in _PLACEHOLDERS or len(credit.split()) > 6:
        return wire, wire, False
    return credit, None, False


# Where a page names its author, best first: microformats and rel=author as blog engines
# print them, schema.org's itemprop, then class names that say "author". One XPath of cheap
# tests finds the few elements worth a look; the ranking is done on those.
_AUTHOR_ELEMENTS = XPath(
    # tested on the class attributes only, not on every element (a third of the time)
    "//@class[contains(., 'uthor') or contains(., 'utor') or contains(., 'yline')"
    " or contains(., 'uteur')]/.. | //*[@rel][contains(@rel, 'author')] | //*[@itemprop='author']"
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


def meta_bylines(tree: Any) -> list[str]:
    """Author names from meta tags: the author tags, and Twitter's labelled 'Written by'."""
    found: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for meta in _METAS(tree):
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
_NAME = (
    r"(?-i:[A-ZÀ-ÖØ-Þ][\w'’.-]*\.?(?:\s+(?:" + _PARTICLE + r"\s+)?[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3})"
)
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
    cleaned = [_clean(c, outlet, sites) for c in candidates if c]
    names = [(name, wire) for name, wire, _person in cleaned if name]
    wire = next((w for _n, w, _p in cleaned if w), None)
    if not names:
        return wire, wire
    # people before credit lines and handles, and those before the site's own name
    ranked = sorted(
        (c for c in cleaned if c[0]), key=lambda c: (not c[2], is_site_name(c[0], sites))
    )
    name, chosen_wire = ranked[0][0], ranked[0][1]
    for other, _wire in names:
        if squash(other) == squash(name) and _well_formed(other) > _well_formed(name):
            name = other
    if " " not in name and ";" not in name:
        longer = [o for o, _w in names if o.split()[0] == name and len(o.split()) > 1]
        name = longer[0] if longer else name
    return name, chosen_wire or wire
