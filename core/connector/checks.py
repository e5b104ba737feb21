"""The connector's checks on who is asking: the loopback Host only (DNS rebinding), no web
origin (only a browser extension's own), the bearer token, and the limits on every
connection."""

from __future__ import annotations

from dataclasses import dataclass

HOST = "127.0.0.1"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "safari-web-extension://")


@dataclass(frozen=True)
class Limits:
    max_body: int = 30 * 1024 * 1024
    connections: int = 8
    idle_seconds: float = 10.0
    request_seconds: float = 60.0


def host_allowed(host: str | None, port: int) -> bool:
    """Whether a Host header names this connector on the loopback address."""
    if not host:
        return False
    host = host.strip().lower()
    if ":" in host and not host.endswith("]"):
        name, given = host.rsplit(":", 1)
    else:
        name, given = host, ""
    return name in LOOPBACK_NAMES and given in ("", str(port))


def is_extension(origin: str | None) -> bool:
    return bool(origin) and origin.lower().startswith(EXTENSION_SCHEMES)  # type: ignore[union-attr]


def origin_allowed(origin: str | None) -> bool:
    """No Origin (a program, not a web page) or a browser extension's own."""
    return origin is None or is_extension(origin)


def bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None
