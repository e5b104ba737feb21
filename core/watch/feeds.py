"""Reading a feed or a news sitemap into items: headline, address, summary, date, the
feed's categories. feedparser reads RSS 0.9x to 2.0, RSS 1.0 and Atom and forgives what real
feeds get wrong; lxml reads news sitemaps. What cannot be read is a FeedError with a reason;
what could be read despite a fault comes with a note.
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from core.errors import CaptureError
from core.inputs import clean_line

#: a feed longer than this is an archive: its first (newest) items are read, the rest left
MAX_ITEMS = 1000
SUMMARY_CHARS = 600
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.I)
_ROOTS = ((rb"<rss[\s>]", b"</channel></rss>"), (rb"<(?:\w+:)?rdf[\s>]", b"</rdf:RDF>"))
_TAGS = re.compile(r"<[^>]*>")
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class FeedError(CaptureError):
    """The answer is not a feed that can be read."""


@dataclass
class Item:
    guid: str
    url: str | None
    title: str
    summary: str = ""
    published: str | None = None  # ISO 8601, UTC
    categories: list[str] = field(default_factory=list)
    outlet: str | None = None  # a news sitemap names each item's publication


@dataclass
class Feed:
    kind: str  # 'feed' or 'sitemap'
    title: str | None
    link: str | None
    items: list[Item]
    note: str | None = None  # read despite a fault: what the fault was


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:4096]
    return b"<urlset" in head or b"<sitemapindex" in head


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head[:2048]


def read(data: bytes, *, url: str | None = None, charset: str | None = None) -> Feed:
    """The items of a feed or a news sitemap, newest as the feed orders them."""
    if looks_like_sitemap(data):
        return read_sitemap(data)
    return read_feed(data, url=url, charset=charset)


def read_feed(data: bytes, *, url: str | None = None, charset: str | None = None) -> Feed:
    import feedparser

    notes = []
    data, total = _cut(data)
    if total:
        notes.append(f"the feed holds about {total:,} items; the first {MAX_ITEMS:,} were read")
    headers = {"content-type": f"application/xml; charset={charset}"} if charset else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    entries = parsed.get("entries") or []
    fault = parsed.get("bozo_exception")
    items = [item for entry in entries[:MAX_ITEMS] if (item := _item(entry, url))]
    if not items:
        if not parsed.get("version") and looks_like_html(data):
            raise FeedError("the address gives a web page, not a feed")
        if fault is not None and not _only_encoding(fault):
            raise FeedError(f"the feed cannot be read: {_fault(fault)}")
        if not parsed.get("version"):
            raise FeedError("the answer is not a feed (no RSS or Atom in it)")
    elif fault is not None and not total:
        notes.append(_fault(fault))
    feed = parsed.get("feed") or {}
    return Feed(
        "feed",
        clean_line(feed.get("title")) or None,
        feed.get("link"),
        items,
        "; ".join(notes) or None,
    )


def _cut(data: bytes) -> tuple[bytes, int]:
    """A feed of more than MAX_ITEMS items cut after the last one read, its root closed."""
    ends = _ITEM_END.finditer(data)
    cut_at = None
    for number, match in enumerate(ends, 1):
        if number == MAX_ITEMS:
            cut_at = match.end()
            break
    if cut_at is None:
        return data, 0
    total = MAX_ITEMS + sum(1 for _ in _ITEM_END.finditer(data, cut_at))
    if total == MAX_ITEMS:
        return data, 0
    head = data[:2048]
    closing = b"</feed>"
    for root, close in _ROOTS:
        if re.search(root, head, re.I):
            closing = close
    return data[:cut_at] + closing, total


def _only_encoding(fault: BaseException) -> bool:
    return type(fault).__name__ in ("CharacterEncodingOverride", "NonXMLContentType")


def _fault(fault: BaseException) -> str:
    name = type(fault).__name__
    text = str(fault)
    if name == "CharacterEncodingOverride":
        declared = re.search(r"declared as ([^,]+)", text)
        used = re.search(r"parsed as (\S+)", text)
        name = declared.group(1) if declared else "?"
        return (
            f"it declares an encoding Cuttings does not know ({name}); "
            f"read as {used.group(1) if used else 'UTF-8'}"
        )
    if name == "CharacterEncodingUnknown":
        return "its encoding is unknown and no guess could read it"
    if name == "NonXMLContentType":
        return "it is not served as XML"
    if name == "SAXParseException":
        where = re.search(r":(\d+):(\d+):", text)
        place = f" (line {where.group(1)})" if where else ""
        return f"it is not well-formed XML{place}: {text.rsplit(': ', 1)[-1]}"
    return text[:200] or name


def _item(entry: Any, feed_url: str | None) -> Item | None:
    title = clean_line(_text(entry.get("title"))) or ""
    url = entry.get("link") or None
    if url and not re.match(r"^https?://", url, re.I):
        url = None
    guid = clean_line(entry.get("id")) or url or (title and f"title:{title}")
    if not guid or not (title or url):
        return None
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value") or ""
    published = _stamp(entry)
    categories = [
        clean_line(tag.get("term") or tag.get("label") or "") for tag in entry.get("tags") or ()
    ]
    return Item(
        guid=guid[:2000],
        url=url,
        title=title[:500],
        summary=_plain(summary),
        published=published,
        categories=[c for c in categories if c][:20],
    )


def _stamp(entry: Any) -> str | None:
    """The item's date (published, else updated) in UTC, when it is a real one."""
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if not stamp:
            continue
        try:
            moment = datetime.fromtimestamp(calendar.timegm(stamp), UTC)
        except (OverflowError, ValueError, OSError):
            continue
        if 1800 <= moment.year <= 2100:
            return moment.replace(tzinfo=None).isoformat() + "Z"
    return None


def _text(value: Any) -> str:
    return _plain(value, limit=500) if value else ""


def _plain(value: str, limit: int = SUMMARY_CHARS) -> str:
    """HTML of a summary as one line of text, cut at a word near ``limit`` characters."""
    text = html.unescape(_TAGS.sub(" ", value or ""))
    text = clean_line(text) or ""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


# -- news sitemaps ----------------------------------------------------------------------------


def read_sitemap(data: bytes) -> Feed:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"the sitemap is not well-formed XML: {error}") from error
    if root is None:
        raise FeedError("the sitemap is not well-formed XML")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        children = [
            loc.text.strip()
            for loc in root.iter(f"{{{_SITEMAP_NS}}}loc", "loc")
            if loc.text and loc.text.strip()
        ]
        news = [c for c in children if "news" in c.lower()]
        shown = ", ".join((news or children)[:3])
        raise FeedError(
            "this is an index of sitemaps, not one with news in it; add one of its sitemaps"
            + (f" ({shown})" if shown else "")
        )
    if tag != "urlset":
        raise FeedError("the answer is not a feed or a news sitemap")
    items: list[Item] = []
    plain = 0
    total = 0
    for url in root.iter(f"{{{_SITEMAP_NS}}}url", "url"):
        total += 1
        if len(items) >= MAX_ITEMS:
            continue
        loc = _child_text(url, "loc")
        news = url.find(f"{{{_NEWS_NS}}}news")
        if not loc or news is None:
            plain += 1
            continue
        title = clean_line(_child_text(news, "title", _NEWS_NS)) or ""
        published = _child_text(news, "publication_date", _NEWS_NS)
        publication = news.find(f"{{{_NEWS_NS}}}publication")
        outlet = None
        if publication is not None:
            outlet = clean_line(_child_text(publication, "name", _NEWS_NS))
        keywords = _child_text(news, "keywords", _NEWS_NS) or ""
        items.append(
            Item(
                guid=loc,
                url=loc,
                title=title[:500],
                published=_iso(published),
                categories=[k.strip() for k in keywords.split(",") if k.strip()][:20],
                outlet=outlet,
            )
        )
    if not items:
        raise FeedError(
            "the sitemap lists pages but no news (no news:news entries)"
            if plain
            else "the sitemap lists nothing"
        )
    note = None
    if total > MAX_ITEMS:
        note = f"the sitemap holds {total:,} addresses; the first {MAX_ITEMS:,} were read"
    return Feed("sitemap", items[0].outlet, None, items, note)


def _child_text(element: Any, name: str, namespace: str = _SITEMAP_NS) -> str | None:
    child = element.find(f"{{{namespace}}}{name}")
    if child is None:
        child = element.find(name)
    return child.text.strip() if child is not None and child.text else None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    if not 1800 <= stamp.year <= 2100:
        return None
    return stamp.isoformat() + "Z"
