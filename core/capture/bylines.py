"""Bylines cleaned to people's names, with a wire agency's credit kept apart: labels ("By",
"Von", "Posted by", "View all posts by"), addresses, dates and job titles go, and the site's
own name goes when a person is named too. Finding them in a page is core.capture.authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

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
    r"redaktion|written by|interview|reporter)\s*(?::|\s(?=\S))\s*|" + _PREPOSITION + r"\s+"
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


def _trailing_wire(piece: str) -> tuple[str, str] | None:
    """(the name before it, the agency's key) when a piece ends with an agency's name of
    two words or more after at least two words of a name; a lone "AP" or "PA" after a name
    is too often something else."""
    words = piece.split()
    for size in (3, 2):
        if len(words) < size + 2:
            continue
        key = " ".join(words[-size:]).casefold().replace(".", "")
        if key in WIRES:
            return " ".join(words[:-size]), key
    return None


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
    name, wire, _person = clean_byline_parts(byline, outlet, sites)
    return name, wire


def clean_byline_parts(
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
    # the longest first, so that the result never hangs on a set's order ("auto-motor.at" is
    # taken out before "auto")
    for site in sorted(site_names, key=lambda name: (-len(name), name)):
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
        agency = _trailing_wire(piece)
        if agency:  # "ERIC TUCKER Associated Press": a person, then the agency, no comma
            wires.append(WIRES[agency[1]])
            piece, key = agency[0], " ".join(agency[0].casefold().split())
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
