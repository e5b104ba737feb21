"""`cuttings serve` and `cuttings token` as a user runs them: a real process listening on
127.0.0.1, a page posted to it over HTTP, the port-taken message, and Ctrl+C."""

from __future__ import annotations

import json
import os
import pty
import signal
import socket
import subprocess
import sys
import threading

import pytest

from core.connector import tokens
from core.library import Library
from tests.conftest import ROOT
from tests.connector import news_page, request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_token_is_one_per_library_and_renew_replaces_it(cli, library_path) -> None:
    first = cli("token").stdout.decode().strip()
    assert len(first) >= 40
    assert cli("token").stdout.decode().strip() == first
    renewed = cli("token", "--renew").stdout.decode().strip()
    assert renewed != first
    with Library.open(library_path) as library:
        assert tokens.current(library) == renewed
    other = cli("--library", str(library_path.with_name("other.db")), "token")
    assert other.stdout.decode().strip() not in (first, renewed)


def serve(library_path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library_path), "serve", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1"},
    )


@pytest.mark.slow
def test_serve_takes_a_page_into_the_library_until_ctrl_c(cli, library_path) -> None:
    port = free_port()
    process = serve(library_path, "--port", str(port))
    try:
        assert process.stdout is not None
        first = process.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}" in first, process.stderr.read() if process.stderr else ""
        token = cli("token").stdout.decode().strip()
        body = json.dumps({"url": "https://ledger.example/pools", "html": news_page("Pools")})
        reply = request(
            port, "POST", "/api/clip", body, {"Authorization": f"Bearer {token}"}
        )
        assert reply.status == 201, reply.body
        clipping_id = json.loads(reply.body)["id"]
        assert "added" in process.stdout.readline().decode()
        shown = cli.json("show", str(clipping_id))
        assert shown["title"] == "Pools"
        assert "hundreds of children" in shown["text"]

        # a second server on the same port is told so, and does not move elsewhere
        taken = serve(library_path, "--port", str(port))
        _out, err = taken.communicate(timeout=120)
        assert taken.returncode == 1
        assert f"port {port}" in err.decode()
        assert "in use" in err.decode()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    assert "stopped" in out.decode()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


@pytest.mark.slow
def test_serve_refuses_a_port_below_1024(cli) -> None:
    failed = cli("serve", "--port", "80", check=2)
    assert "1024" in failed.stderr.decode()


@pytest.mark.slow
def test_serve_asks_on_its_terminal_whether_to_allow_a_browser(library_path) -> None:
    port = free_port()
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library_path), "serve",
         "--port", str(port)],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1"},
    )
    os.close(terminal)
    try:
        assert process.stdout is not None
        assert "Listening" in process.stdout.readline().decode()
        answers: list = []
        asking = threading.Thread(
            target=lambda: answers.append(
                request(port, "POST", "/api/pair", "{}", {"Origin": "moz-extension://abc"})
            )
        )
        asking.start()
        assert "asks to clip" in process.stdout.readline().decode()
        os.write(controller, b"y\n")
        asking.join(120)
        assert answers[0].status == 200
        token = json.loads(answers[0].body)["token"]
        with Library.open(library_path) as library:
            assert token == tokens.current(library)
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)
        os.close(controller)
