"""The extension in real browsers: Debian's Chromium, headless, with
resources/browser-extension loaded, reads a subscriber's article that only a logged-in
browser sees (the text comes from a script that needs the session cookie) and clips it
through the extension's own code into the library; Firefox ESR, with the same source as a
temporary add-on, does the same. (Neither can click a toolbar button headless: the tests call
the background's clipTab, which the button and the menu call.)"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.library import Library
from tests import firefox
from tests.chromium import BrowserGone, Chromium, binary
from tests.conftest import ROOT
from tests.connector import running

EXTENSION = ROOT / "resources" / "browser-extension"
COOKIE = "ledger_session=subscriber-4711"
# The article's body: three paragraphs only a subscriber's browser receives.
STORY = [
    "The harbour board approved a twelve-year lease for the northern quay on Thursday, "
    "ending a dispute with the ferry operator that had run since the spring.",
    "Under the lease the operator will pay for new mooring posts and a covered waiting "
    "area, the board's chair, Ingrid Solberg, told members.",
    '"Passengers have waited in the rain for long enough," Ms Solberg said.',
]
SHELL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Quay lease approved | The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">
<meta property="article:published_time" content="2024-03-14T06:30:00Z"></head>
<body><header><a href="/">The Harbour Courier</a></header>
<article><h1>Quay lease approved after months of talks</h1>
<p class="teaser">Subscribe to read the whole story.</p><div id="body"></div></article>
<script>
fetch("/api/story", {credentials: "same-origin"})
  .then((r) => r.ok ? r.json() : {paragraphs: []})
  .then((story) => {
    const body = document.getElementById("body");
    for (const text of story.paragraphs) {
      const p = document.createElement("p");
      p.textContent = text;
      body.appendChild(p);
    }
    if (story.paragraphs.length) document.querySelector(".teaser").remove();
    document.body.dataset.ready = story.paragraphs.length ? "full" : "teaser";
  });
</script></body></html>"""


class Paywall(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, kind: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        subscriber = COOKIE in (self.headers.get("Cookie") or "")
        if self.path == "/login":
            self._send(302, "text/plain", b"", Location="/news/quay-lease",
                       Set_Cookie=f"{COOKIE}; Path=/; HttpOnly")
        elif self.path == "/news/quay-lease":
            self._send(200, "text/html; charset=utf-8", SHELL.encode())
        elif self.path == "/api/story" and subscriber:
            self._send(200, "application/json", json.dumps({"paragraphs": STORY}).encode())
        elif self.path == "/api/story":
            self._send(403, "application/json", b'{"error": "subscribers only"}')
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture
def paywall():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Paywall)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser(tmp_path: Path):
    if binary() is None:
        pytest.skip("Debian's chromium is not installed here (make test installs it)")
    try:
        chromium = Chromium(tmp_path / "profile", EXTENSION)
        chromium.call("Browser.getVersion")
    except (OSError, BrowserGone) as error:
        pytest.skip(f"Chromium cannot start here: {str(error)[-300:]}")
    yield chromium
    chromium.close()


def worker_session(chromium: Chromium) -> str:
    """The extension's background service worker, attached."""
    try:
        workers = chromium.wait_for(
            lambda: [
                t
                for t in chromium.targets()
                if t["type"] == "service_worker" and t["url"].startswith("chrome-extension://")
            ],
            attempts=300,
        )
    except LookupError:
        pytest.skip("this Chromium does not load unpacked extensions headless")
    return chromium.attach(workers[0]["targetId"])


def open_page(chromium: Chromium, url: str) -> str:
    target = chromium.call("Target.createTarget", {"url": url})["targetId"]
    session = chromium.attach(target)
    chromium.wait_for(
        lambda: chromium.evaluate(session, "document.body && document.body.dataset.ready")
    )
    return session


@pytest.mark.slow
def test_the_extension_clips_the_logged_in_article_whole(
    browser: Chromium, paywall, library_path: Path
) -> None:
    asked = []
    with running(library_path, approve=lambda asker: asked.append(asker) or True) as connector:
        worker = worker_session(browser)
        # the worker's target shows before its script has run
        browser.wait_for(lambda: browser.evaluate(worker, "typeof clipTab") == "function")
        browser.evaluate(worker, f"chrome.storage.local.set({{port: {connector.port}}})")
        base = f"http://127.0.0.1:{paywall.server_port}"
        page = open_page(browser, f"{base}/login")  # logs in, lands on the article
        assert browser.evaluate(page, "document.body.dataset.ready") == "full"
        answer = browser.evaluate(
            worker,
            f"""(async () => {{
                const [tab] = await chrome.tabs.query({{url: "{base}/*"}});
                return await clipTab(tab, "auto");
            }})()""",
        )
        assert answer["status"] == "added", answer
        # the extension had no token: it paired (the user allowed it) and kept the token
        assert [a.browser for a in asked] == ["Chrome"]
        assert asked[0].origin.startswith("chrome-extension://")
        kept = browser.evaluate(worker, "chrome.storage.local.get('token').then((s) => s.token)")
        assert kept == connector.token
        # the note in the page's corner tells the reader
        shown = browser.evaluate(page, "!!document.getElementById('cuttings-clip-toast')")
        assert shown
        # a second click: already in
        again = browser.evaluate(
            worker,
            f"""(async () => {{
                const [tab] = await chrome.tabs.query({{url: "{base}/*"}});
                return await clipTab(tab, "page");
            }})()""",
        )
        assert again["status"] == "duplicate"
        assert again["id"] == answer["id"]
        # a selected passage, as the context menu's "Clip selection to Cuttings" sends it
        browser.evaluate(
            page,
            "getSelection().selectAllChildren(document.querySelectorAll('#body p')[1]); true",
        )
        passage = browser.evaluate(
            worker,
            f"""(async () => {{
                const [tab] = await chrome.tabs.query({{url: "{base}/*"}});
                return await clipTab(tab, "selection");
            }})()""",
        )
        assert passage["status"] == "added", passage
    with Library.open(library_path) as library:
        clipping = library.get(answer["id"])
        for paragraph in STORY:
            assert paragraph in clipping["text"]
        assert "Subscribe to read" not in clipping["text"]
        assert clipping["title"] == "Quay lease approved after months of talks"
        assert clipping["url"] == f"{base}/news/quay-lease"
        original = library.original(answer["id"]).decode()
        assert STORY[0] in original  # the page as the browser showed it, not as served
        selected = library.get(passage["id"])
        assert selected["text"] == STORY[1]
        assert selected["title"] == clipping["title"]


@pytest.fixture
def gecko(tmp_path: Path):
    if firefox.binary() is None:
        pytest.skip("Debian's firefox-esr is not installed here (make test installs it)")
    try:
        browser = firefox.Firefox(tmp_path / "firefox-profile")
    except (OSError, ConnectionError) as error:
        pytest.skip(f"Firefox cannot start here: {str(error)[-300:]}")
    yield browser
    browser.close()


@pytest.mark.slow
def test_the_same_extension_clips_the_article_in_firefox(
    gecko: firefox.Firefox, paywall, library_path: Path
) -> None:
    """One source for both browsers: installed in Firefox as a temporary add-on, the
    extension's background clips the logged-in article the same way."""
    assert gecko.install(EXTENSION) == firefox.ADDON_ID
    base = f"http://127.0.0.1:{paywall.server_port}"
    with running(library_path, approve=lambda asker: True) as connector:
        gecko.call("WebDriver:Navigate", {"url": f"{base}/login"})
        assert gecko.run(
            """const done = arguments[arguments.length - 1];
            const wait = () => document.body.dataset.ready ? done(document.body.dataset.ready)
                : setTimeout(wait, 100);
            wait();"""
        ) == "full"
        gecko.open_extension_page("options.html")
        answer = gecko.run(
            """const [port, done] = arguments;
            (async () => {
                await browser.storage.local.set({port});
                const background = await browser.runtime.getBackgroundPage();
                const here = await browser.tabs.getCurrent();
                const [tab] = (await browser.tabs.query({})).filter((t) => t.id !== here.id);
                return background.clipTab(tab, "auto");
            })().then(done, (error) => done({status: "error", reason: String(error)}));""",
            connector.port,
        )
        assert answer["status"] == "added", answer
    with Library.open(library_path) as library:
        clipping = library.get(answer["id"])
        for paragraph in STORY:
            assert paragraph in clipping["text"]
        assert "Subscribe to read" not in clipping["text"]
