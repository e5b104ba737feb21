"""Clipping web addresses from a real HTTP server on 127.0.0.1, including servers that fail."""

from __future__ import annotations

import socket

import pytest

from core.capture.fetch import Limits, fetch
from core.capture.sources import add_sources
from core.errors import CaptureError
from core.library import Library
from tests.pages import PageServer

FAST = Limits(connect=1.0, read=0.5, total=5.0, max_bytes=5 * 1024 * 1024, redirects=5)


@pytest.fixture(scope="module")
def server():
    pages = PageServer()
    yield pages
    pages.close()


def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing-listens"


def test_a_good_page_is_clipped_with_clean_metadata(library: Library, server) -> None:
    [outcome] = add_sources(library, [server.url("/redirect")], limits=FAST).outcomes
    assert outcome.status == "added"
    row = library.get(outcome.clipping_id)
    assert {k: row[k] for k in ("title", "outlet", "byline", "published", "canonical_url")} == {
        "title": "Port strike ends",
        "outlet": "The Courier",
        "byline": "Ana Lima",
        "published": "2024-05-31",
        "canonical_url": "https://courier.example/story",
    }
    assert row["url"] == server.url("/good?utm_source=newsletter&fbclid=x")
    assert "Dockers returned to work" in row["text"] and "Copyright" not in row["text"]
    assert library.original(outcome.clipping_id).startswith(b"<html>")


def test_the_same_article_again_is_a_duplicate(library: Library, server) -> None:
    first = add_sources(library, [server.url("/good")], limits=FAST).outcomes[0]
    again = add_sources(library, [server.url("/good")], limits=FAST).outcomes[0]
    assert again.status == "duplicate" and again.clipping_id == first.clipping_id
    assert f"as {first.clipping_id}" in again.reason
    assert library.count() == 1


def test_undeclared_windows_1251_page(library: Library, server) -> None:
    [outcome] = add_sources(library, [server.url("/cp1251")], limits=FAST).outcomes
    assert outcome.status == "added"
    assert "Белла Черкесова заявила" in library.get(outcome.clipping_id)["text"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/notfound", "the server answered 404 Not Found"),
        ("/error", "the server answered 500 Internal Server Error"),
        ("/slow", "the server stopped answering for 0.5 s"),
        ("/loop0", "redirects more than 5 times"),
        ("/paper.pdf", "the file is not a readable PDF"),  # PDFs are read (tests/core/test_pdfdoc)
        ("/disguised", "the file is not a readable PDF"),
        ("/photo", "the address gives image/jpeg, not a web page"),
        ("/empty", "the server sent an empty page"),
        ("/menu-only", "the page has no article text"),
        ("/huge", "the page is too large"),
    ],
)
def test_misbehaving_servers_give_one_line_reasons(server, path: str, reason: str) -> None:
    with pytest.raises(CaptureError) as error:
        fetch_and_parse(server.url(path))
    assert reason in str(error.value) and "\n" not in str(error.value)


def fetch_and_parse(url: str) -> None:
    from core.capture.sources import parse_source

    parse_source(url, limits=FAST)


def test_refused_connection_and_bad_address() -> None:
    with pytest.raises(CaptureError, match="refused the connection"):
        fetch(refused_url(), FAST)
    with pytest.raises(CaptureError, match="not a web address"):
        fetch("ftp://example.org/file", FAST)


def test_a_batch_goes_on_past_failures(library: Library, server) -> None:
    urls = [server.url(p) for p in ("/notfound", "/good", "/slow", "/paper.pdf")]
    batch = add_sources(library, [*urls, refused_url()], limits=FAST, jobs=2)
    assert [o.status for o in batch.outcomes] == ["failed", "added", "failed", "failed", "failed"]
    assert batch.summary() == "1 added, 0 duplicates, 4 failed"
    assert library.count() == 1
