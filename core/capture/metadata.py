"""Metadata a press office can trust, on top of what trafilatura finds: the headline without the
site's name, a byline of people only (wire credit kept apart), the outlet's name rather than
its domain, and the canonical address without tracking parameters."""

from __future__ import annotations

import html as html_module
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import courlan

from core.capture.language import declared, guess

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
    "pa": "PA",
    "press association": "PA",
    "upi": "UPI",
}
# Words that sit in bylines but are not people.
_NOT_PEOPLE = re.compile(
    r"\b(?:no author|staff(?: writer| reporter)?s?|reporters?|correspondents?|editors?|"
    r"contributors?|columnist|senior|chief|political|writer|news|desk|newsroom|wires?|services?|"
    r"reports?|agency|agencies|team|online|digital|"
    r"special to|updated?|published|posted|for|the|in|at|with|from)\b",
    re.I,
)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|"
    r"\d{4}|[A-Z]{2,4}T)\b",
    re.I,
)
_PLACEHOLDERS = {
    "no author", "admin", "administrator", "unknown", "anonymous", "staff", "editor", "reporter",
    "staff writer", "staff reporter", "staff writers", "correspondent", "contributor", "web desk",
}  # fmt: skip
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:\-]{1,2}\s+")
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "webpage",
}


def json_ld(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD article record, if any (the first of an article type)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            stack.extend(item.get("@graph") or [])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower() in _ARTICLE_TYPES for k in kinds) and item.get("headline"):
                return item
    return {}


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        found = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
        if found and found[0].strip():
            return " ".join(found[0].split())
    return None


def _site_names(outlet: str | None, url: str | None) -> set[str]:
    names = {(outlet or "").casefold()}
    host = urlsplit(url or "").hostname or ""
    core = host.removeprefix("www.").split(".")[0]
    names |= {host.casefold(), host.removeprefix("www.").casefold(), core.casefold()}
    return {n for n in names if n}


def clean_headline(title: str, outlet: str | None, url: str | None) -> str:
    """Drop the site's name from either end of a <title>-style headline."""
    title = " ".join(title.split())
    sites = _site_names(outlet, url)
    parts = _TITLE_SEPARATORS.split(title)
    separators = _TITLE_SEPARATORS.findall(title)

    def is_site(part: str) -> bool:
        folded = part.casefold()
        squashed = re.sub(r"\W", "", folded)
        return any(
            s in folded or (len(squashed) > 2 and squashed in re.sub(r"\W", "", s)) for s in sites
        )

    first, last = 0, len(parts)
    while last - first > 1 and is_site(parts[last - 1]):
        last -= 1
    while last - first > 1 and is_site(parts[first]):
        first += 1
    # What is left keeps the separators it had (a dash inside a headline stays).
    return parts[first] + "".join(separators[k - 1] + parts[k] for k in range(first + 1, last))


def clean_byline(byline: str | None, outlet: str | None) -> tuple[str | None, str | None]:
    """(byline, wire): 'By Jane Roe and John Doe | Updated 3:04 PM, AP' gives
    ('Jane Roe; John Doe', 'AP'); a wire credit alone is both."""
    if not byline:
        return None, None
    # A byline is a line: a page that puts an essay in its author field gets its start read.
    text = re.sub(r"^\s*(?:by|von|par|por)\s+", "", byline.strip()[:500], flags=re.I)
    # [^\s@] and not \S: on a long word without "@" the latter retries from every letter
    text = re.sub(r"[^\s@]+@\S+|@\w+|https?://\S+", " ", text)
    for site in _site_names(outlet, None):
        if len(site) > 3:
            text = re.sub(re.escape(site), " ", text, flags=re.I)
    wires: list[str] = []
    people: list[str] = []
    for piece in re.split(r"\s*(?:;|,|\||/|\band\b|&|\bwith\b)\s*", text, flags=re.I):
        piece = _DATEISH.sub(" ", piece)
        key = " ".join(piece.casefold().replace(".", "").split())
        if key in WIRES:
            wires.append(WIRES[key])
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
        return "; ".join(people), wire
    # No person named: a short credit line ("Staff and news service reports") is still what
    # the page says; a placeholder is not.
    credit = " ".join(_DATEISH.sub(" ", text).split()).strip(" ,;|-")
    if wire or not credit or credit.casefold() in _PLACEHOLDERS or len(credit.split()) > 6:
        return wire, wire
    return credit, None


def canonical(url: str | None) -> str | None:
    """A stable address: normalised, tracking parameters and the fragment dropped."""
    if not url:
        return None
    try:
        normal = courlan.normalize_url(url)
    except Exception:  # courlan raises a variety on malformed input; keep the address as given
        return url
    parts = urlsplit(normal)
    path = parts.path
    # Print and AMP variants name the same article.
    path = re.sub(r"/(?:amp|print)/?$", "/", path)
    path = re.sub(r"^/amp/", "/", path)
    query = "&".join(
        p for p in parts.query.split("&") if p and not re.match(r"(?:output|outputType)=amp$", p)
    )
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


@dataclass
class PageFacts:
    """What the page itself says, read before trafilatura prunes the tree."""

    url: str | None
    record: dict[str, Any]
    outlet: str | None
    h1: str
    canonical_link: str | None
    language: str | None

    def finish(self, found: dict[str, Any]) -> dict[str, Any]:
        """Better headline, byline, outlet and canonical address for what trafilatura found."""
        publisher = self.record.get("publisher")
        publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
        outlet = self.outlet or publisher_name or found["outlet"]
        if outlet and "." in outlet and " " not in outlet:  # a domain, not a name
            outlet = publisher_name or outlet
        page_url = self.url or found.get("url")
        found["title"] = self._headline(found["title"] or "", outlet, page_url)
        found["byline"], found["wire"] = clean_byline(found.get("byline"), outlet)
        found["outlet"] = outlet
        found["canonical_url"] = canonical(self.canonical_link or page_url)
        found["language"] = (
            self.language
            or declared(found.get("language"))
            or guess(found["title"] + "\n" + found["text"])
        )
        return found

    def _headline(self, found: str, outlet: str | None, url: str | None) -> str:
        """trafilatura's title, cleaned, unless the article's structured data and its visible
        <h1> agree on another: trafilatura prefers og:title, often a social-media variant."""
        extracted = clean_headline(found, outlet, url)
        structured = self.record.get("headline")
        if isinstance(structured, str) and structured.strip():
            structured = clean_headline(html_module.unescape(structured), outlet, url)
            if self.h1 and _same(structured, self.h1):
                return structured
        return extracted or found


def _same(a: str, b: str) -> bool:
    def fold(text: str) -> str:
        return re.sub(r"\W+", " ", text.casefold()).strip()

    return fold(a) == fold(b)


def enrich(tree: Any, url: str | None) -> PageFacts:
    links = tree.xpath('//link[@rel="canonical"]/@href') or tree.xpath(
        '//meta[@property="og:url"]/@content'
    )
    return PageFacts(
        url=url,
        record=json_ld(tree),
        outlet=_meta(tree, "og:site_name", "application-name"),
        h1=" ".join(" ".join(tree.xpath("(//h1)[1]//text()")).split()),
        canonical_link=links[0].strip() if links else None,
        language=declared((tree.xpath("/html/@lang") or [None])[0])
        or declared(_meta(tree, "og:locale", "content-language")),
    )
