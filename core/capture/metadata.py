"""Metadata a press office can trust, on top of what trafilatura finds: the headline without the
site's name, a byline of people only (wire credit kept apart), the outlet's name rather than
its domain, and the canonical address without tracking parameters."""

from __future__ import annotations

import html as html_module
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import courlan
from lxml.etree import XPath

from core.capture import authors, bodytext, dates
from core.capture.bylines import clean_byline, host_names
from core.capture.headlines import (
    Heading,
    clean_headline,
    headings,
    is_site_heading,
    segments,
    visible_headline,
)
from core.capture.language import declared, guess
from core.capture.outlets import outlet_name

__all__ = ["canonical", "clean_byline", "clean_headline", "enrich", "json_ld", "PageFacts"]

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
    for script in _LD(tree):
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


_METAS = XPath("//meta[@content]")
_LD = XPath('//script[@type="application/ld+json"]/text()')
# compiled once: tree.xpath() compiles its expression at every call
_ALTS = XPath("//img/@alt")
_CANONICAL = XPath('//link[@rel="canonical"]/@href')
_OG_URL = XPath('//meta[@property="og:url"]/@content')
_TITLE_TEXT = XPath("//head/title//text()")
_LANG = XPath("/html/@lang")


def _metas(tree: Any, elements: list[Any] | None = None) -> dict[str, str]:
    """The page's meta tags by property or name, the first of each, read in one pass."""
    found: dict[str, str] = {}
    for meta in _METAS(tree) if elements is None else elements:
        value = " ".join((meta.get("content") or "").split())
        for key in (meta.get("property"), meta.get("name")):
            if key and value and key not in found:
                found[key] = value
    return found


def _meta(tree: Any, *names: str, metas: dict[str, str] | None = None) -> str | None:
    metas = _metas(tree) if metas is None else metas
    return next((metas[n] for n in names if metas.get(n)), None)


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
    """What the page itself says, read before trafilatura runs (trafilatura 2 leaves the
    tree as it was; the printed-byline search reads it afterwards, and only if needed)."""

    url: str | None
    record: dict[str, Any]
    site_names: list[str]  # og:site_name and application-name
    headings: list[Heading]
    titles: list[str]  # og:title, twitter:title and <title>, as the page has them
    canonical_link: str | None
    language: str | None
    # raw bylines from the markup and the meta tags, read before trafilatura runs
    marked_bylines: list[str]
    meta_bylines: list[str]
    # the days the structured data and meta tags give as published and as last changed
    published_days: list[str]
    modified_days: list[str]
    # the page, for a printed "By ..." line, looked for only where nothing else names anyone
    tree: Any = field(repr=False, default=None)

    def stated_published(self) -> str | None:
        return self.published_days[0] if self.published_days else None

    def _image_texts(self) -> list[str]:
        """The page's images' alt texts (a logo's "The Guardian logo"), the first 200."""
        if self.tree is None:
            return []
        return [str(alt) for alt in _ALTS(self.tree)[:200] if 2 < len(alt) < 80]

    def finish(self, found: dict[str, Any]) -> dict[str, Any]:
        """Better headline, byline, outlet and canonical address for what trafilatura found."""
        publisher = self.record.get("publisher")
        publisher_name = publisher.get("name") if isinstance(publisher, dict) else None
        page_url = self.url or found.get("url")
        structured = self.record.get("headline")
        title_tag = self.titles[-1] if self.titles else ""
        outlet = outlet_name(
            [*self.site_names, publisher_name, found["outlet"]],
            segments(title_tag)[1:] if len(segments(title_tag)) > 1 else [],
            page_url,
            avoid=[structured if isinstance(structured, str) else "", *self.titles],
            page_phrases=self._image_texts,
        )
        found["title"] = self._headline(found["title"] or "", outlet, page_url)
        found["text"] = bodytext.clean_text(found["text"], found["title"])
        found["byline"], found["wire"] = self._byline(found.get("byline"), outlet, page_url)
        found["outlet"] = outlet
        found["published"] = dates.prefer_published(
            found.get("published"), self.published_days, self.modified_days
        )
        found["canonical_url"] = canonical(self.canonical_link or page_url)
        found["language"] = (
            self.language
            or declared(found.get("language"))
            or guess(found["title"] + "\n" + found["text"])
        )
        return found

    def _byline(
        self, found: str | None, outlet: str | None, url: str | None
    ) -> tuple[str | None, str | None]:
        """The article record's author, then the author markup beside the headline, the meta
        tags, trafilatura's pick, and a printed 'By ...' line: the first that names someone."""
        candidates = [
            *authors.record_bylines(self.record),
            *self.marked_bylines[:1],
            *self.meta_bylines[:1],
            found,
            *self.marked_bylines[1:],
        ]
        chosen = authors.choose_byline(candidates, outlet, host_names(url))
        if chosen[0] is None and self.tree is not None:
            # the dearest search, and the last resort
            printed = authors.text_bylines(self.tree)
            chosen = authors.choose_byline([*candidates, *printed], outlet, host_names(url))
        return chosen

    def _headline(self, found: str, outlet: str | None, url: str | None) -> str:
        """The article's visible <h1>, else trafilatura's title: both without the site's name.
        trafilatura prefers og:title, often a social-media variant of the headline."""
        structured = self.record.get("headline")
        structured = html_module.unescape(structured) if isinstance(structured, str) else ""
        names = [h.text for h in self.headings if h.site_furniture]
        titles = [clean_headline(t, outlet, url, names) for t in (structured, *self.titles) if t]
        visible = visible_headline(self.headings, titles or [found], outlet, url)
        if visible:
            return visible
        if found and is_site_heading(found, self.headings, outlet):
            # trafilatura took an <h1> that is the site's name: the page's titles say more
            others = [t for t in titles if t.casefold() != found.casefold()]
            return others[0] if others else found
        return clean_headline(found, outlet, url) or found


def enrich(tree: Any, url: str | None) -> PageFacts:
    links = _CANONICAL(tree) or _OG_URL(tree)
    record = json_ld(tree)
    elements = _METAS(tree)  # found once for the three readers of meta tags
    metas = _metas(tree, elements)
    published, modified = dates.stated_dates(tree, record, elements)
    marked, meta = authors.markup_bylines(tree), authors.meta_bylines(tree, elements)
    return PageFacts(
        url=url,
        record=record,
        site_names=[n for n in (metas.get("og:site_name"), metas.get("application-name")) if n],
        headings=headings(tree),
        titles=[
            t
            for t in (
                _meta(tree, "og:title", metas=metas),
                _meta(tree, "twitter:title", metas=metas),
                " ".join(" ".join(_TITLE_TEXT(tree)).split()),
            )
            if t
        ],
        canonical_link=links[0].strip() if links else None,
        marked_bylines=marked,
        meta_bylines=meta,
        tree=tree,
        published_days=published,
        modified_days=modified,
        language=declared((_LANG(tree) or [None])[0])
        or declared(_meta(tree, "og:locale", "content-language", metas=metas)),
    )
