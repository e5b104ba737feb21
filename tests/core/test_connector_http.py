"""The browser connector over real HTTP on 127.0.0.1: who may write (token, Host, Origin),
what is refused and why (size, broken bodies), and what a page sent by the extension or by
SingleFile becomes in the library."""

from __future__ import annotations

import base64
import json
import socket
import threading

import pytest

from core.connector.checks import Limits
from core.connector.server import ConnectorServer, PortTaken
from core.connector.service import Service
from core.library import Library
from core.writer import Direct, Writer
from tests.connector import PARAGRAPHS, multipart, news_page, request, running
from tests.integrity import assert_library_whole

URL = "https://ledger.example/city/pools-to-close"

pytestmark = pytest.mark.slow  # each test starts a server and an extraction process


def count(path) -> int:
    with Library.open(path) as library:
        return library.count()


def test_ping_says_who_listens_without_a_token(library_path) -> None:
    with running(library_path) as connector:
        reply = connector.get("/ping")
        assert reply.status == 200
        assert reply.json()["name"] == "Cuttings"
        assert reply.json()["token_required"] is True
        assert reply.json()["authorized"] is False
        assert connector.get("/ping", Authorization=f"Bearer {connector.token}").json()[
            "authorized"
        ]


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_a_write_without_the_token_is_401_and_saves_nothing(library_path, token) -> None:
    with running(library_path) as connector:
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps({"url": URL, "html": news_page("Pools to close")})
        reply = connector.post("/api/clip", body, headers)
        assert reply.status == 401
        assert reply.json()["status"] == "failed"
        assert "token" in reply.json()["reason"]
        assert reply.header("WWW-Authenticate", ) == 'Bearer realm="Cuttings"'
        body, kind = multipart(news_page("Pools to close").encode(), URL)
        singlefile = connector.post("/api/singlefile", body, {**headers, "Content-Type": kind})
        assert singlefile.status == 401
        # the token of another library is no better
        other = connector.clip(token=connector.token[::-1], url=URL, html=news_page("x"))
        assert other.status == 401
    assert count(library_path) == 0


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "127.0.0.2:{port}", ""]
)
def test_a_foreign_host_header_is_403(library_path, host) -> None:
    with running(library_path) as connector:
        headers = {"Host": host.format(port=connector.port)}
        assert connector.get("/ping", **headers).status == 403
        reply = connector.clip(url=URL, html=news_page("Pools to close"))  # the real Host
        assert reply.status == 201
        faked = request(
            connector.port,
            "POST",
            "/api/clip",
            json.dumps({"url": URL + "-2", "html": news_page("Other")}),
            {**headers, "Authorization": f"Bearer {connector.token}"},
        )
        assert faked.status == 403
    assert count(library_path) == 1


def test_the_loopback_names_are_accepted(library_path) -> None:
    with running(library_path) as connector:
        for host in ("127.0.0.1", f"localhost:{connector.port}", f"[::1]:{connector.port}"):
            assert connector.get("/ping", Host=host).status == 200


@pytest.mark.parametrize("origin", ["https://news.example", "http://127.0.0.1:8000", "null"])
def test_a_web_origin_is_refused_and_never_named_in_cors(library_path, origin) -> None:
    with running(library_path) as connector:
        headers = {
            "Origin": origin,
            "Authorization": f"Bearer {connector.token}",
            "Content-Type": "application/json",
        }
        body = json.dumps({"url": URL, "html": news_page("x")})
        reply = connector.post("/api/clip", body, headers)
        assert reply.status == 403
        assert reply.header("Access-Control-Allow-Origin") is None
        preflight = request(
            connector.port,
            "OPTIONS",
            "/api/clip",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status == 403
        assert not any(k.lower().startswith("access-control-") for k in preflight.headers)
        assert connector.get("/ping", Origin=origin).status == 403
    assert count(library_path) == 0


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefgh", "moz-extension://1234-5678"])
def test_the_extensions_own_origin_is_answered_as_itself(library_path, origin) -> None:
    with running(library_path) as connector:
        preflight = request(
            connector.port, "OPTIONS", "/api/clip", headers={"Origin": origin}
        )
        assert preflight.status == 204
        assert preflight.header("Access-Control-Allow-Origin") == origin
        headers = {"Origin": origin, "Authorization": f"Bearer {connector.token}"}
        body = json.dumps({"url": URL, "html": news_page("Pools to close")})
        reply = connector.post("/api/clip", body, headers)
        assert reply.status == 201
        assert reply.header("Access-Control-Allow-Origin") == origin


def test_a_body_over_30_mb_is_413_before_it_is_read(library_path) -> None:
    with running(library_path) as connector:
        page = news_page("Pools", extra="<div>" + "x" * (31 * 1024 * 1024) + "</div>")
        reply = connector.clip(url=URL, html=page)
        assert reply.status == 413
        assert "30 MB" in reply.json()["reason"]
        # a length that only claims it, without the bytes, is refused the same
        claimed = request(
            connector.port,
            "POST",
            "/api/clip",
            b"{}",
            {"Authorization": f"Bearer {connector.token}", "Content-Length": str(40 << 20)},
        )
        assert claimed.status == 413
        assert connector.get("/ping").status == 200  # and the server goes on
    assert count(library_path) == 0


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not JSON"),
        (b"{", "not JSON"),
        (b"\xff\xfe{}", "JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"url": URL}).encode(), "html is missing"),
        (json.dumps({"url": URL, "html": 7}).encode(), "html is missing"),
        (json.dumps({"html": "<p>x</p>"}).encode(), "url is missing"),
        (json.dumps({"url": "javascript:alert(1)", "html": "<p>x</p>"}).encode(), "http"),
        (json.dumps({"url": URL, "html": "<p>x</p>", "selection": 3}).encode(), "selection"),
    ],
)
def test_broken_json_is_400_with_the_reason(library_path, body, reason) -> None:
    with running(library_path) as connector:
        headers = {"Authorization": f"Bearer {connector.token}", "Content-Type": "application/json"}
        reply = connector.post("/api/clip", body, headers)
        assert reply.status == 400
        assert reason in reply.json()["reason"]
    assert count(library_path) == 0


def test_broken_multipart_is_400_with_the_reason(library_path) -> None:
    page = news_page("Pools to close").encode()
    whole, kind = multipart(page, URL)
    cases = [
        (whole, "multipart/form-data", "boundary"),
        (whole[: len(whole) // 2], kind, "closing boundary"),
        (b"garbage without any boundary", kind, "multipart"),
        (multipart(page, None)[0].replace(b"Page saved", b""), None, "url"),
        (multipart(b"", URL)[0], None, "no page"),
    ]
    with running(library_path) as connector:
        for body, content_type, reason in cases:
            if content_type is None:
                boundary = body.split(b"\r\n", 1)[0][2:].decode()
                content_type = f"multipart/form-data; boundary={boundary}"
            headers = {"Authorization": f"Bearer {connector.token}", "Content-Type": content_type}
            reply = connector.post("/api/singlefile", body, headers)
            assert reply.status == 400, (reason, reply.body)
            assert reason in reply.json()["reason"], reply.json()
    assert count(library_path) == 0


def test_a_singlefile_upload_becomes_a_clipping_with_the_page_as_sent(library_path) -> None:
    image = base64.b64encode(b"\x89PNG" + bytes(range(256)) * 400).decode()
    page = (
        f"<!--\n Page saved with SingleFile \n url: {URL} \n saved date: today\n-->"
        + news_page("Pools to close", extra=f'<img src="data:image/png;base64,{image}">')
    ).encode()
    with running(library_path) as connector:
        reply = connector.singlefile(page, URL)
        assert reply.status == 201, reply.body
        answer = reply.json()
        assert answer["status"] == "added"
        assert answer["title"] == "Pools to close"
    with Library.open(library_path) as library:
        clipping = library.get(answer["id"])
        assert clipping["url"] == URL
        assert clipping["outlet"] == "The Evening Ledger"
        assert clipping["published"] == "2024-09-12"
        assert "hundreds of children" in clipping["text"]
        assert library.original(answer["id"]) == page  # images and all
    assert_library_whole(library_path)


def test_singlefile_without_a_url_field_uses_the_address_it_wrote_in_the_page(
    library_path,
) -> None:
    page = (f"<!--\n Page saved with SingleFile \n url: {URL} \n-->" + news_page("Pools")).encode()
    with running(library_path) as connector:
        body, kind = multipart(page, None, file_field="data")
        reply = connector.post(
            "/api/clip", body, {"Content-Type": kind, "Authorization": f"Bearer {connector.token}"}
        )
        assert reply.status == 201, reply.body
    with Library.open(library_path) as library:
        assert library.get(reply.json()["id"])["url"] == URL


def test_a_duplicate_is_answered_as_one_with_its_id(library_path) -> None:
    page = news_page("Pools to close")
    with running(library_path) as connector:
        first = connector.clip(url=URL, html=page, title="Pools to close | The Evening Ledger")
        assert first.status == 201
        again = connector.clip(url=URL + "?utm_source=newsletter", html=page)
        assert again.status == 200
        assert again.json()["status"] == "duplicate"
        assert again.json()["id"] == first.json()["id"]
        assert f"#{first.json()['id']}" in again.json()["reason"]
        # the same article at another address is the same article
        moved = connector.singlefile(page.encode(), "https://mirror.example/pools")
        assert moved.json()["status"] == "duplicate"
        assert moved.json()["id"] == first.json()["id"]
    assert count(library_path) == 1


def test_a_selection_is_the_text_and_the_page_gives_the_rest(library_path) -> None:
    with running(library_path) as connector:
        whole = connector.clip(url=URL, html=news_page("Pools to close"))
        passage = PARAGRAPHS[1]
        reply = connector.clip(url=URL, html=news_page("Pools to close"), selection=passage)
        assert reply.status == 201  # a passage is its own clipping, even with the article in
        assert reply.json()["id"] != whole.json()["id"]
        assert connector.clip(url=URL, html=news_page("x"), selection=passage).json()[
            "status"
        ] == "duplicate"
    with Library.open(library_path) as library:
        clipping = library.get(reply.json()["id"])
        assert clipping["text"] == passage
        assert clipping["title"] == "Pools to close"
        assert clipping["outlet"] == "The Evening Ledger"
        assert clipping["url"] == URL


def test_a_page_without_an_article_fails_with_the_reason(library_path) -> None:
    with running(library_path) as connector:
        reply = connector.clip(url=URL, html="<html><body><nav>Home</nav></body></html>")
        assert reply.status == 422
        assert reply.json() == {"status": "failed", "reason": "the page has no article text"}
    assert count(library_path) == 0


def test_a_5_mb_page_becomes_a_clipping(library_path) -> None:
    """A heavy page as news sites serve them: hydration data, inline images, a long menu."""
    state = json.dumps({"items": [{"id": i, "teaser": "word " * 40} for i in range(14_000)]})
    image = base64.b64encode(bytes(range(256)) * 6000).decode()
    menu = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(6000))
    extra = (
        f"<script>window.__STATE__ = {state};</script><ul>{menu}</ul>"
        f'<img src="data:image/jpeg;base64,{image}">'
    )
    page = news_page("Pools to close", PARAGRAPHS * 20, extra=extra)
    assert len(page.encode()) > 5 * 1024 * 1024
    with running(library_path) as connector:
        reply = connector.clip(url=URL, html=page)
        assert reply.status == 201, reply.body
    with Library.open(library_path) as library:
        assert "hundreds of children" in library.get(reply.json()["id"])["text"]


def test_unknown_paths_methods_and_chunked_bodies_are_said_so(library_path) -> None:
    with running(library_path) as connector:
        assert connector.get("/api/nothing").status == 404
        assert connector.get("/api/clip").status == 405
        chunked = request(
            connector.port,
            "POST",
            "/api/clip",
            None,
            {"Transfer-Encoding": "chunked", "Authorization": f"Bearer {connector.token}"},
        )
        assert chunked.status == 411


def test_a_busy_library_is_503_and_nothing_is_half_saved(library_path) -> None:
    with running(library_path) as connector:
        service = connector.server.service
        patient, service.writer = service.writer, Writer(library_path, busy_timeout=0)
        holder = Library.open(library_path)
        with holder.write():  # another program holds the write lock past the busy time-out
            reply = connector.clip(url=URL, html=news_page("Pools to close"))
        holder.close()
        service.writer.close()
        service.writer = patient
        assert reply.status == 503
        assert "busy" in reply.json()["reason"]
        assert count(library_path) == 0
        again = connector.clip(url=URL, html=news_page("Pools to close"))
        assert again.status == 201
    assert_library_whole(library_path)


def test_a_full_house_answers_503_at_once(library_path) -> None:
    limits = Limits(connections=2, idle_seconds=60, request_seconds=60)
    with running(library_path, limits=limits) as connector:
        idle = [socket.create_connection(("127.0.0.1", connector.port)) for _ in range(2)]
        for s in idle:
            s.sendall(b"POST /api/clip HTTP/1.1\r\n")  # and never the rest
        crowded = connector.get("/ping")
        assert crowded.status == 503
        assert "busy" in crowded.json()["reason"]
        for s in idle:
            s.close()  # their slots come back
        for _ in range(600):
            if connector.get("/ping").status == 200:
                break
        else:
            raise AssertionError("the slots never came back")


def test_a_trickling_client_is_hung_up_at_the_request_deadline(library_path) -> None:
    limits = Limits(idle_seconds=60, request_seconds=1.0)
    with running(library_path, limits=limits) as connector:
        s = socket.create_connection(("127.0.0.1", connector.port))
        s.sendall(b"POST /api/clip HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        s.settimeout(0.2)
        closed = False
        for _ in range(3000):  # a header byte every 0.2 s keeps the per-read time-out happy
            try:
                s.sendall(b"X")
                if s.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except OSError:  # reset or broken pipe: hung up too
                closed = True
                break
        s.close()
        assert closed
        assert connector.get("/ping").status == 200


def test_the_port_taken_is_said_never_moved_from(library_path) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    with Library.open(library_path) as library:
        service = Service(lambda: library, Direct(library))
        with pytest.raises(PortTaken) as taken:
            ConnectorServer(service, port)
        service.close()
    assert f"port {port}" in str(taken.value)
    assert "in use" in str(taken.value)
    holder.close()


def test_pairing_gives_the_token_only_when_the_user_allows(library_path) -> None:
    asked = []

    def approve(asker) -> bool:
        asked.append(asker)
        return asker.name == "Work laptop"

    with running(library_path, approve=approve) as connector:
        headers = {"Origin": "chrome-extension://abc", "User-Agent": "Mozilla/5.0 Chrome/156.0"}
        yes = connector.post("/api/pair", json.dumps({"name": "Work laptop"}), headers)
        assert yes.status == 200
        assert yes.json() == {"status": "paired", "token": connector.token}
        no = connector.post("/api/pair", json.dumps({"name": "Someone else"}), headers)
        assert no.status == 403
        assert "token" not in no.json()
        web = connector.post("/api/pair", "{}", {"Origin": "https://evil.example"})
        assert web.status == 403
    assert [a.browser for a in asked] == ["Chrome", "Chrome"]
    assert asked[0].origin == "chrome-extension://abc"


def test_one_pairing_question_at_a_time(library_path) -> None:
    release = threading.Event()
    entered = threading.Event()

    def approve(_asker) -> bool:
        entered.set()
        release.wait(60)
        return False

    with running(library_path, approve=approve) as connector:
        first: list = []
        thread = threading.Thread(target=lambda: first.append(connector.post("/api/pair", "{}")))
        thread.start()
        assert entered.wait(60)
        second = connector.post("/api/pair", "{}")
        release.set()
        thread.join(60)
        assert second.status == 409
        assert first[0].status == 403


def test_without_a_window_pairing_says_how_to_paste_the_token(library_path) -> None:
    with running(library_path) as connector:
        reply = connector.post("/api/pair", "{}")
        assert reply.status == 403
        assert "cuttings token" in reply.json()["reason"]


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\xff\xfe garbage \x01\r\n\r\n",
        b"GET /ping HTTP/9.9\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
        b"BREW /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ],
)
def test_a_garbage_request_is_answered_in_json_and_the_server_goes_on(library_path, raw) -> None:
    with running(library_path) as connector:
        with socket.create_connection(("127.0.0.1", connector.port), timeout=60) as s:
            s.sendall(raw)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        assert 400 <= status < 600
        assert json.loads(body)["status"] == "failed"
        assert connector.get("/ping").status == 200


def test_the_page_is_read_as_the_browser_decoded_it(library_path) -> None:
    """The DOM arrives as text: a <meta charset> of the page as served must not re-decode it."""
    paragraphs = [
        "Городской совет во вторник решил закрыть два бассейна на зиму, сообщили в мэрии.",
        "Спортивные клубы заявили, что сотни детей останутся без занятий по плаванию.",
    ]
    page = news_page("Бассейны закроют", paragraphs).replace(
        '<meta charset="utf-8">', '<meta charset="windows-1251">'
    )
    with running(library_path) as connector:
        reply = connector.clip(url=URL, html=page)
        assert reply.status == 201, reply.body
    with Library.open(library_path) as library:
        clipping = library.get(reply.json()["id"])
        assert clipping["title"] == "Бассейны закроют"
        assert paragraphs[1] in clipping["text"]


def test_a_teaser_already_in_takes_the_whole_article_from_the_browser(library_path) -> None:
    """Clipped before logging in (or fetched without the reader's cookies), the paywall's
    teaser is in; the browser's whole page at the same address completes that clipping."""
    from core.search import search

    teaser = news_page(
        "Pools to close",
        [PARAGRAPHS[0], "Subscribe to read the whole story, from less than a coffee a week."],
    )
    whole = news_page("Pools to close")
    with running(library_path) as connector:
        first = connector.clip(url=URL, html=teaser)
        assert first.json()["status"] == "added"
        clipping_id = first.json()["id"]
        with Library.open(library_path) as library:
            library.update(clipping_id, notes="Ask the council for the budget figures")
        completed = connector.clip(url=URL, html=whole)
        assert completed.status == 200
        assert completed.json()["status"] == "duplicate"
        assert completed.json()["id"] == clipping_id
        assert completed.json()["completed"] is True
        assert "whole article" in completed.json()["reason"]
        # the teaser once more changes nothing
        again = connector.clip(url=URL, html=teaser)
        assert again.json()["completed"] is False
    with Library.open(library_path) as library:
        clipping = library.get(clipping_id)
        for paragraph in PARAGRAPHS:
            assert paragraph.split(",")[0] in clipping["text"]
        assert "Subscribe" not in clipping["text"]
        assert clipping["notes"] == "Ask the council for the budget figures"
        assert clipping["word_count"] == len(clipping["text"].split())
        assert library.original(clipping_id) == whole.encode()
        assert [h.id for h in search(library, "regional government").hits] == [clipping_id]
        assert library.count() == 1
    assert_library_whole(library_path)


def test_a_teaser_whose_quotes_were_reviewed_keeps_its_text(library_path) -> None:
    teaser = news_page("Pools to close", [PARAGRAPHS[1], "Subscribe to read the whole story."])
    with running(library_path) as connector:
        clipping_id = connector.clip(url=URL, html=teaser).json()["id"]
        with Library.open(library_path) as library, library.write() as db:
            db.conn.execute(
                "INSERT INTO quotes (clipping_id, text, start, \"end\", kind, status, reviewed) "
                "VALUES (?, 'We cannot heat four pools', 1, 26, 'direct', 'accepted', 1)",
                [clipping_id],
            )
        reply = connector.clip(url=URL, html=news_page("Pools to close"))
        assert reply.json()["status"] == "duplicate"
        assert reply.json()["completed"] is False
    with Library.open(library_path) as library:
        assert "Subscribe" in library.get(clipping_id)["text"]
