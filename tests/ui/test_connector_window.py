"""The window's browser connector, over real HTTP on 127.0.0.1: what came in shows in the
status line and the list (selected when the user is idle), "Allow this browser?" pairs the
extension, a taken port is said, and Preferences shows the token with Copy and Renew."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from PySide6.QtGui import QGuiApplication

from core.connector import tokens
from tests.connector import news_page, request
from ui.dialogs.preferences import PreferencesDialog
from ui.main_window import MainWindow

URL = "https://ledger.example/city/pools-to-close"
WAIT = 60_000  # a generous wait for a busy machine, not a limit on speed

pytestmark = pytest.mark.slow


@pytest.fixture
def listening(window: MainWindow):
    window.connector.start(port=0)
    assert window.connector.server is not None
    window.table.setFocus()
    yield window
    window.connector.stop()


def token(window: MainWindow) -> str:
    found = tokens.current(window.library)
    assert found
    return found


def clip(window: MainWindow, **fields) -> dict:
    port = window.connector.port
    assert port
    reply = request(
        port,
        "POST",
        "/api/clip",
        json.dumps(fields),
        {"Authorization": f"Bearer {token(window)}", "Content-Type": "application/json"},
    )
    return {"http": reply.status, **json.loads(reply.body)}


def test_a_page_from_the_browser_is_in_the_list_and_selected(qtbot, listening) -> None:
    window = listening
    answer = clip(window, url=URL, html=news_page("Pools to close"))
    assert answer["status"] == "added"
    qtbot.waitUntil(lambda: window.current_id() == answer["id"], timeout=WAIT)
    assert answer["id"] in window.model.ids
    assert "Pools to close" in window.statusBar().currentMessage()
    assert f"#{answer['id']}" in window.statusBar().currentMessage()
    assert "hundreds of children" in window.reader.toPlainText()


def test_while_the_user_types_the_selection_stays(qtbot, listening) -> None:
    window = listening
    before = window.current_id()
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is window.search, timeout=WAIT)
    assert not window.connector._idle()
    answer = clip(window, url=URL, html=news_page("Pools to close"))
    qtbot.waitUntil(lambda: answer["id"] in window.model.ids, timeout=WAIT)
    assert window.current_id() == before
    assert "Pools to close" in window.statusBar().currentMessage()


def test_a_duplicate_and_a_failure_are_said(qtbot, listening) -> None:
    window = listening
    first = clip(window, url=URL, html=news_page("Pools to close"))
    again = clip(window, url=URL, html=news_page("Pools to close"))
    assert again["status"] == "duplicate"
    qtbot.waitUntil(
        lambda: "already in the library" in window.statusBar().currentMessage(), timeout=WAIT
    )
    assert f"#{first['id']}" in window.statusBar().currentMessage()
    failed = clip(window, url=URL + "/menu", html="<html><body><nav>Home</nav></body></html>")
    assert failed["http"] == 422
    qtbot.waitUntil(lambda: window.message.isVisible(), timeout=WAIT)
    assert "no article text" in window.message.text()


def pair_in_background(window: MainWindow) -> tuple[threading.Thread, list]:
    port = window.connector.port
    answers: list = []

    def ask() -> None:
        reply = request(
            port,
            "POST",
            "/api/pair",
            json.dumps({"name": "Work laptop"}),
            {"Origin": "moz-extension://1234", "User-Agent": "Mozilla/5.0 Firefox/128.0"},
        )
        answers.append((reply.status, json.loads(reply.body)))

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, answers


@pytest.mark.parametrize("allow", [True, False])
def test_allow_this_browser_pairs_the_extension(qtbot, listening, allow) -> None:
    window = listening
    thread, answers = pair_in_background(window)
    qtbot.waitUntil(lambda: bool(window.connector.questions), timeout=WAIT)
    box = window.connector.questions[0].box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Allow this browser?"
    assert "Firefox" in box.text() and "Work laptop" in box.text()
    wanted = "Allow" if allow else "Don't allow"
    button = next(b for b in box.buttons() if b.text() == wanted)
    button.click()
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    thread.join(WAIT / 1000)
    status, body = answers[0]
    if allow:
        assert (status, body) == (200, {"status": "paired", "token": token(window)})
    else:
        assert status == 403
        assert "token" not in body


def test_a_taken_port_is_said_and_no_other_is_tried(qtbot, window: MainWindow) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        window.connector.start(port=port)
        assert window.connector.server is None
        assert window.message.isVisible()
        assert f"port {port}" in window.message.text()
        assert "in use" in window.message.text()
        assert "Preferences" in window.message.text()
    finally:
        holder.close()


def test_preferences_show_the_token_copy_and_renew(qtbot, listening) -> None:
    window = listening
    old = token(window)
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.token.text() == old
    assert f"127.0.0.1:{window.connector.port}" in dialog.status.text()
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == old
    dialog.renew.click()
    qtbot.waitUntil(lambda: dialog.token.text() != old, timeout=WAIT)
    assert dialog.token.text() == token(window)
    refused = request(
        window.connector.port, "POST", "/api/clip", "{}", {"Authorization": f"Bearer {old}"}
    )
    assert refused.status == 401


def test_preferences_move_the_connector_to_another_port(qtbot, listening) -> None:
    window = listening
    old_port = window.connector.port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        new_port = probe.getsockname()[1]
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.port.setValue(new_port)
    assert f"127.0.0.1:{new_port}/api/singlefile" in dialog.note.text()
    dialog.save()
    qtbot.waitUntil(lambda: window.connector.port == new_port, timeout=WAIT)
    assert tokens.port(window.library) == new_port
    assert request(new_port, "GET", "/ping").status == 200
    with pytest.raises(ConnectionRefusedError):
        request(old_port, "GET", "/ping")
    # turned off, it stops listening, and says so
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.enabled.setChecked(False)
    dialog.save()
    qtbot.waitUntil(lambda: window.connector.server is None, timeout=WAIT)
    assert not tokens.enabled(window.library)
    assert "turned off" in window.connector.status()


def test_preferences_is_in_the_edit_menu(window: MainWindow) -> None:
    entries = [(menu, words) for menu, words, _keys in window.actions.listed]
    assert ("Edit", "Preferences…") in entries


def test_closing_the_window_stops_listening(qtbot, listening) -> None:
    window = listening
    port = window.connector.port
    window.close()
    with pytest.raises(ConnectionRefusedError):
        request(port, "GET", "/ping")


def test_an_unanswered_question_is_a_no_when_the_window_closes(qtbot, listening) -> None:
    window = listening
    thread, answers = pair_in_background(window)
    qtbot.waitUntil(lambda: bool(window.connector.questions), timeout=WAIT)
    box = window.connector.questions[0].box
    window.connector.stop()
    thread.join(WAIT / 1000)
    assert answers[0][0] == 403
    assert box is not None and not box.isVisible()
