"""Debian's Firefox ESR driven over Marionette (its own protocol on a local port, no driver
program), with the extension installed as a temporary add-on, for tests that need Firefox.

The extension's own pages cannot be opened by Marionette's navigation, so a tab with its
options page is opened from the browser's chrome; there the extension's APIs and its
background page (``browser.runtime.getBackgroundPage()``) are at hand."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

ADDON_ID = "clip-to-cuttings@cuttings.invalid"
#: the extension's moz-extension:// host, fixed in the profile so its pages can be named
ADDON_UUID = "0e5f2a44-4b1c-4c59-9d7a-6c2d7f0b1a11"


def binary() -> str | None:
    return shutil.which("firefox-esr") or shutil.which("firefox")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    def __init__(self, profile: Path) -> None:
        exe = binary()
        if exe is None:
            raise FileNotFoundError("firefox-esr")
        profile.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        uuids = json.dumps({ADDON_ID: ADDON_UUID}).replace('"', '\\"')
        (profile / "user.js").write_text(
            f'user_pref("marionette.port", {port});\n'
            f'user_pref("extensions.webextensions.uuids", "{uuids}");\n'
            'user_pref("browser.shell.checkDefaultBrowser", false);\n'
            'user_pref("datareporting.policy.dataSubmissionEnabled", false);\n'
            'user_pref("app.update.enabled", false);\n'
        )
        self.log = profile / "firefox.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [exe, "--headless", "--marionette", "--no-remote",
                 "-remote-allow-system-access", "--profile", str(profile)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._buffer = b""
        self._number = 0
        # Marionette listens once Firefox has started: a bound on attempts, not on the clock
        for attempt in range(400):
            try:
                self._socket = socket.create_connection(("127.0.0.1", port), timeout=120)
                break
            except OSError:
                if self.process.poll() is not None or attempt == 399:
                    raise
                time.sleep(0.3)
        self._read()  # the greeting
        self.call("WebDriver:NewSession", {"capabilities": {}})

    def _read(self) -> Any:
        while b":" not in self._buffer:
            self._buffer += self._receive()
        size, rest = self._buffer.split(b":", 1)
        length = int(size)
        while len(rest) < length:
            rest += self._receive()
        self._buffer = rest[length:]
        return json.loads(rest[:length])

    def _receive(self) -> bytes:
        chunk = self._socket.recv(1 << 16)
        if not chunk:
            raise ConnectionError(self.log.read_text(errors="replace")[-2000:])
        return chunk

    def call(self, name: str, params: dict[str, Any] | None = None) -> Any:
        self._number += 1
        data = json.dumps([0, self._number, name, params or {}]).encode()
        self._socket.sendall(str(len(data)).encode() + b":" + data)
        while True:
            message = self._read()
            if message[0] == 1 and message[1] == self._number:
                if message[2]:
                    raise RuntimeError(f"{name}: {message[2]}")
                return message[3]

    def value(self, name: str, params: dict[str, Any]) -> Any:
        return self.call(name, params).get("value")

    def install(self, extension: Path) -> str:
        return self.value("Addon:Install", {"path": str(extension), "temporary": True})

    def run(self, script: str, *args: Any) -> Any:
        """A script in the current tab, awaited: it ends by calling ``arguments[n]``."""
        return self.value("WebDriver:ExecuteAsyncScript", {"script": script, "args": list(args)})

    def open_extension_page(self, page: str) -> None:
        """A new tab on moz-extension://ADDON_UUID/page, made current."""
        self.call("Marionette:SetContext", {"value": "chrome"})
        self.value(
            "WebDriver:ExecuteScript",
            {
                "script": (
                    "const win = Services.wm.getMostRecentWindow('navigator:browser');"
                    "win.gBrowser.selectedTab = win.gBrowser.addTab(arguments[0], "
                    "{triggeringPrincipal: Services.scriptSecurityManager"
                    ".getSystemPrincipal()});"
                ),
                "args": [f"moz-extension://{ADDON_UUID}/{page}"],
            },
        )
        self.call("Marionette:SetContext", {"value": "content"})
        wanted = f"moz-extension://{ADDON_UUID}/{page}"
        for _ in range(400):
            for handle in self.call("WebDriver:GetWindowHandles"):
                self.call("WebDriver:SwitchToWindow", {"handle": handle})
                if self.value("WebDriver:GetCurrentURL", {}) == wanted:
                    return
            time.sleep(0.3)
        raise TimeoutError(f"{page} did not open")

    def close(self) -> None:
        try:
            self.call("Marionette:Quit")
        except Exception:  # noqa: BLE001 - it may be gone already
            pass
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(20)
        self._socket.close()
