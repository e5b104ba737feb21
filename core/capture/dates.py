"""A clipping's date: the day the article was first published, not the day it was last changed.

trafilatura's fast date search reads the page's markup; where it finds nothing, htmldate's
extensive search reads the text too. That search may start dateparser, whose first use in a
process loads every language's data (a second or more), so it runs only when the fast search
found nothing, and the import happens in the process that captures, never at the window's
start.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml.etree import XPath

_METAS = XPath("//meta[@content]")
_PUBDATE = XPath("//time[@pubdate]/@datetime")
_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datePublished", "date.published", "dc.date.issued", "DC.date.issued", "dcterms.issued",
    "publish-date", "publish_date", "pubdate", "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "dateModified",
    "last-modified", "dcterms.modified", "date.modified", "revised",
)  # fmt: skip


def day(value: Any) -> str | None:
    """'2024-05-02T08:00:00Z' -> '2024-05-02'; None for what does not start with a date."""
    match = _DAY.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        year, month, day = (int(part) for part in match.groups()[:3])
        return datetime(year, month, day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _meta_days(metas: list[Any], names: tuple[str, ...]) -> list[str]:
    wanted = set(names)
    days = []
    for meta in metas:
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key in wanted and (found := day(meta.get("content"))):
            days.append(found)
    return days


def stated_dates(
    tree: Any, record: dict[str, Any], metas: list[Any] | None = None
) -> tuple[list[str], list[str]]:
    """(published, modified): the days the page's structured data and meta tags give for
    each, in the order they stand. ``metas``: the page's meta elements with content, if the
    caller has them already."""
    metas = _METAS(tree) if metas is None else metas
    published = [d for d in (day(record.get("datePublished")), day(record.get("dateCreated"))) if d]
    published += _meta_days(metas, _PUBLISHED_META)
    published += [d for d in map(day, _PUBDATE(tree)) if d]
    modified = [d for d in (day(record.get("dateModified")),) if d]
    modified += _meta_days(metas, _MODIFIED_META)
    return list(dict.fromkeys(published)), list(dict.fromkeys(modified))


def prefer_published(found: str | None, published: list[str], modified: list[str]) -> str | None:
    """The page's own published date where the date found is only its last change, made
    days later. A day apart is left alone: it is as often a time zone (a date given in UTC)
    as a change."""
    if found and published and found in modified and found not in published:
        gap = datetime.fromisoformat(found) - datetime.fromisoformat(published[0])
        if gap.days >= 2:
            return published[0]
    return found or (published[0] if published else None)


def extensive_date(html: str, url: str | None, params: dict[str, Any]) -> str | None:
    """htmldate's extensive search over the page as it came (trafilatura prunes its tree)."""
    import htmldate  # already loaded with trafilatura; dateparser loads only if needed

    settings = {k: v for k, v in params.items() if k in ("min_date", "max_date", "original_date")}
    try:
        return htmldate.find_date(html, url=url, extensive_search=True, **settings)
    except (ValueError, TypeError):  # a page htmldate cannot read has no date it can find
        return None
