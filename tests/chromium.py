"""Debian's Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
no port, no WebSocket library), with an unpacked extension loaded, for tests that need a
real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]


def binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserGone(Exception):
    pass


class Chromium:
    """One browser process with a fresh profile. ``call`` sends a DevTools command (to the
    browser, or to an attached target's session) and waits for its answer."""

    def __init__(self, profile: Path, extension: Path | None = None) -> None:
        exe = binary()
        if exe is None:
            raise FileNotFoundError("chromium")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [exe, *FLAGS, f"--user-data-dir={profile}"]
        if extension is not None:
            args += [f"--load-extension={extension}", f"--disable-extensions-except={extension}"]
        args.append("about:blank")

        def pipes() -> None:  # the browser reads fd 3 and writes fd 4
            high_r, high_w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        profile.mkdir(parents=True, exist_ok=True)
        self.log = profile / "chromium.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                pass_fds=(3, 4),
                preexec_fn=pipes,  # only the pipes, before exec
            )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._gone = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._from_browser, "rb", buffering=0) as stream:
            while True:
                chunk = stream.read(1 << 16)
                if not chunk:
                    break
                buffer += chunk
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    message = json.loads(raw)
                    with self._changed:
                        if "id" in message:
                            self._answers[message["id"]] = message
                        else:
                            self.events.append(message)
                        self._changed.notify_all()
        with self._changed:
            self._gone = True
            self._changed.notify_all()

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None
    ) -> int:
        """Send a command; its number, to wait for its answer with ``answer``."""
        with self._changed:
            self._next += 1
            number = self._next
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return number

    def answer(self, number: int, method: str) -> dict[str, Any]:
        # A live browser answers every command; one that dies says so through the pipe's end,
        # so the wait needs no clock.
        with self._changed:
            while number not in self._answers:
                if self._gone:
                    raise BrowserGone(self.log.read_text(errors="replace")[-2000:])
                self._changed.wait()
            answer = self._answers.pop(number)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None
    ) -> dict[str, Any]:
        return self.answer(self.send(method, params, session=session), method)

    def wait_for(self, found: Any, attempts: int = 600) -> Any:
        """Ask ``found()`` until it returns something, a few times a second, at most
        ``attempts`` times (a count, not a clock: a busy machine only makes each one slower);
        LookupError when it never does."""
        for _ in range(attempts):
            value = found()
            if value:
                return value
            time.sleep(0.2)
        raise LookupError("waited in vain")

    def targets(self) -> list[dict[str, Any]]:
        return self.call("Target.getTargets")["targetInfos"]

    def attach(self, target_id: str) -> str:
        return self.call("Target.attachToTarget", {"targetId": target_id, "flatten": True})[
            "sessionId"
        ]

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=session,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:2000])
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.send("Browser.close")  # not waited for: the process's end is
        except OSError:  # it may be gone already
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        try:
            os.close(self._to_browser)
        except OSError:
            pass
