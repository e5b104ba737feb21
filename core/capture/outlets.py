"""The outlet's name as a reader would write it: "USA Today", "The Detroit News", not
"usatoday" or "detroitnews.com"; never a generic word ("Hosted", "Home") or the headline.

The page names itself in several places (og:site_name, application-name, the publisher of
its structured data, the end of its <title>); the first that is a name wins, and a name
spelled like an address is replaced by the same name spelled as words where the page has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from core.capture.bylines import WIRES, host_names, squash

# What some pages give as their site name that is no name at all.
_GENERIC = {
    "hosted", "home", "homepage", "home page", "index", "news", "startseite", "accueil",
    "inicio", "portada", "website", "web site", "site", "blog", "article", "articles", "untitled",
}  # fmt: skip
_ADDRESS_LIKE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[a-z]{2,})+$|^[a-z0-9-]+$", re.I)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


def _readable_case(name: str) -> str:
    """'POLITICO' -> 'Politico', 'USA TODAY' -> 'USA Today'; mixed case is left alone."""
    if not name.isupper() or len(name.replace(" ", "")) <= 4:
        return name
    return " ".join(w if len(w) <= 3 else w.capitalize() for w in name.split())


def _address_like(name: str, url: str | None) -> bool:
    hosts = {squash(h) for h in host_names(url)}
    return bool(_ADDRESS_LIKE.match(name)) or (" " not in name and squash(name) in hosts)


def outlet_name(
    candidates: Iterable[str | None],
    title_segments: Iterable[str],
    url: str | None,
    avoid: Iterable[str] = (),
    page_phrases: Callable[[], Iterable[str]] = tuple,
) -> str | None:
    """The outlet's name from its candidates (best first), the end segments of the page's
    <title> and its address; ``avoid`` are the page's headlines, never an outlet;
    ``page_phrases`` gives short texts of the page (its images' alt texts), read only where the
    name found is an address, for the same name written as words ("The Guardian logo" for
    theguardian.com on an aggregator's copy)."""
    avoided = {_fold(a) for a in avoid if a}
    names = []
    for candidate in candidates:
        name = " ".join((candidate or "").split()).strip(" |-–—·•@")
        if re.match(r"^(?:https?://|www\.)", name, re.I):
            # an address: the outlet's own is its name, a social profile's is not
            address = name if "://" in name else "https://" + name
            own = host_names(address) & host_names(url)
            name = max(own, key=len).removeprefix("www.") if own and "/" not in name[9:-1] else ""
        if not name or name.casefold() in _GENERIC or _fold(name) in avoided:
            continue
        if "_" in name or "http" in name.casefold():  # a handle ("Paper_De"), not a name
            continue
        if len(name.split()) > 8:  # a sentence, not a name
            continue
        names.append(name)
    segments = [
        " ".join(s.split())
        for s in title_segments
        if s and _fold(s) not in avoided and _fold(s) not in _GENERIC
    ]
    site = _site_host(url)  # "detroitnews.com" of www.detroitnews.com, "ap.org" of hosted.ap.org
    host = site.split(".")[0]
    if not names:
        # the page's title may end with the name its address spells: "... | The Detroit News"
        matching = [s for s in segments if host and _spelled_as(s, host)]
        if matching:
            return _readable_case(matching[-1])
        # an aggregator's copy: the publisher's logo names it ("The Guardian logo")
        if host and (written := _spelled_on_page(page_phrases(), host)):
            return written
        # an agency's own address is the agency ("AP" of hosted.ap.org), else the address
        return WIRES.get(host) or site or None
    name = names[0]
    if name.isupper():
        # "PCMAG" in og:site_name, "PCMag" in application-name or the title: the page's own
        # spelling beats a guess at its case
        spelled = [o for o in [*names[1:], *segments] if squash(o) == squash(name)]
        mixed = [o for o in spelled if not o.isupper() and not o.islower()]
        if mixed:
            return mixed[0]
    if _address_like(name, url):
        label = name.split(".")[0]
        for other in [*names[1:], *segments]:
            if " " in other and _spelled_as(other, label):
                return _readable_case(other)
        if written := _spelled_on_page(page_phrases(), label):
            return written
    return _readable_case(name)


def _has_letter(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _spelled_on_page(phrases: Iterable[str], label: str) -> str | None:
    """The first words of a phrase that spell the address's name ('The Guardian' of 'The
    Guardian logo' for 'theguardian')."""
    for phrase in phrases:
        words = phrase.split()[:6]
        # (words, not a separator: "RosaMag - Magazin" gives nothing new)
        words = words[: next((i for i, w in enumerate(words) if not _has_letter(w)), len(words))]
        for n in range(len(words), 1, -1):
            candidate = " ".join(words[:n])
            if candidate[:1].isupper() and _spelled_as(candidate, label):
                return _readable_case(candidate)
    return None


# Subdomains that say how a site serves a page, not whose it is.
_SERVING = {"www", "m", "mobile", "amp", "edition", "eu", "us", "uk", "beta", "web", "en"}


def _site_host(url: str | None) -> str:
    """The address's host without the subdomains that name a service ("www", "amp",
    "hosted"): what names the site's owner."""
    labels = (urlsplit(url or "").hostname or "").casefold().split(".")
    while len(labels) > 2 and (labels[0] in _SERVING or labels[0] in _GENERIC):
        labels = labels[1:]
    return ".".join(labels) if len(labels) > 1 else ""


def _spelled_as(words: str, address: str) -> bool:
    """'The Detroit News' is 'detroitnews', 'USA TODAY' is 'usatoday'."""
    squashed, target = squash(words), squash(address)
    return bool(target) and squashed in (target, "the" + target)
