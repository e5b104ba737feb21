"""What an address a user gives names: a feed, a news sitemap, or a site's page whose <head>
links its feeds (trafilatura's feed finder reads those links; a link among the page's anchors
when the head has none), else the news sitemaps its robots.txt lists. Each candidate is
fetched and read before it is chosen, so a source is only ever added when it can be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from core.capture.decode import decode
from core.capture.fetch import Limits
from core.capture.outlets import outlet_name
from core.errors import CaptureError
from core.watch import feeds
from core.watch.fetching import Answer, fetch_feed

MAX_CANDIDATES = 4
_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s*:\s+|\s+[»›]\s+")


@dataclass
class Found:
    url: str
    kind: str  # 'feed' or 'sitemap'
    title: str | None
    outlet: str | None
    site: str | None = None  # the page it was found on
    items: int = 0
    others: list[str] = field(default_factory=list)  # more feeds the page links


def discover(url: str, limits: Limits | None = None) -> Found:
    """The feed or news sitemap ``url`` is or leads to; raises CaptureError saying why none."""
    answer = fetch_feed(url, limits)
    if not feeds.looks_like_html(answer.data) or feeds.looks_like_sitemap(answer.data):
        feed = feeds.read(answer.data, url=answer.url, charset=answer.charset)
        return Found(
            answer.url, feed.kind, feed.title, feed_outlet(feed, answer.url), items=len(feed.items)
        )
    site_outlet, candidates = _page_links(answer)
    reasons = []
    for candidate in candidates[:MAX_CANDIDATES]:
        try:
            found = discover_direct(candidate, limits)
        except CaptureError as error:
            reasons.append(f"{candidate}: {error}")
            continue
        found.site = answer.url
        found.outlet = site_outlet or found.outlet
        found.others = [c for c in candidates if c != candidate]
        return found
    for sitemap in _robots_sitemaps(answer.url, limits):
        try:
            found = discover_direct(sitemap, limits)
        except CaptureError as error:
            reasons.append(f"{sitemap}: {error}")
            continue
        found.site = answer.url
        found.outlet = found.outlet or site_outlet
        return found
    if reasons:
        raise CaptureError("the page links feeds, but none could be read (" + reasons[0] + ")")
    raise CaptureError(
        "that is a web page with no feed: its <head> links none, and its robots.txt lists "
        "no news sitemap"
    )


def discover_direct(url: str, limits: Limits | None = None) -> Found:
    """``url`` read as a feed or a news sitemap, or CaptureError."""
    answer = fetch_feed(url, limits)
    feed = feeds.read(answer.data, url=answer.url, charset=answer.charset)
    return Found(
        answer.url, feed.kind, feed.title, feed_outlet(feed, answer.url), items=len(feed.items)
    )


def feed_outlet(feed: feeds.Feed, url: str) -> str | None:
    """The outlet a feed's title names: 'The Courier - World' is The Courier; the segment
    spelled as the site's address wins ('World news | The Guardian')."""
    if feed.kind == "sitemap":
        return feed.title
    if not feed.title:
        return None
    segments = [s.strip() for s in _SEPARATORS.split(feed.title) if s.strip()]
    named = outlet_name([], segments, feed.link or url)
    if named and named in segments:
        return named
    return segments[0] if segments else None


def _page_links(answer: Answer) -> tuple[str | None, list[str]]:
    """The site's name and the feeds a page links (its <head> first)."""
    from lxml import html
    from trafilatura.feeds import FeedParameters, determine_feed

    text = decode(answer.data, answer.charset, html=True)
    host = urlsplit(answer.url).hostname or ""
    links = determine_feed(text, FeedParameters(answer.url, host, answer.url))
    try:
        tree = html.fromstring(text)
    except (ValueError, html.etree.ParserError):
        return None, links
    names = [
        tree.xpath(f'string(//meta[@{attr}="{key}"]/@content)')
        for attr, key in (("property", "og:site_name"), ("name", "application-name"))
    ]
    title = " ".join(tree.xpath("string(//title)").split())
    segments = [s.strip() for s in _SEPARATORS.split(title) if s.strip()]
    outlet = outlet_name([n for n in names if n], segments[1:] or segments, answer.url)
    return outlet, links


def _robots_sitemaps(page_url: str, limits: Limits | None) -> list[str]:
    """The sitemaps robots.txt lists, those that say they hold news first."""
    try:
        answer = fetch_feed(urljoin(page_url, "/robots.txt"), limits)
    except CaptureError:
        return []
    lines = decode(answer.data, answer.charset).splitlines()
    found = [
        line.split(":", 1)[1].strip()
        for line in lines
        if line.lower().startswith("sitemap:") and "://" in line
    ]
    news = [s for s in found if "news" in s.lower()]
    return news[:MAX_CANDIDATES] or found[:1]
