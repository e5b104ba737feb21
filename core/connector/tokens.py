"""The connector's settings, kept in the library's settings table: the token a browser must
present to write (one per library) and the port the connector listens on."""

from __future__ import annotations

from core.errors import BadInput
from core.library import Library

TOKEN = "connector.token"
PORT = "connector.port"
ENABLED = "connector.enabled"
#: Zotero's connector uses 23119 and Joplin's clipper 41184; this one is free of both.
DEFAULT_PORT = 23190


def _get(library: Library, key: str) -> str | None:
    rows = library.execute("SELECT value FROM settings WHERE key = ?", [key])
    return rows[0]["value"] if rows else None


def _set(library: Library, key: str, value: str) -> None:
    with library.write() as db:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def new_token() -> str:
    # 32 random bytes, URL-safe: it travels in a header and is pasted into forms.
    import secrets  # here, as hmac below: the command line parses its options with this module

    return secrets.token_urlsafe(32)


def current(library: Library) -> str | None:
    """The library's token, or None before one was made."""
    return _get(library, TOKEN) or None


def ensure(library: Library) -> str:
    """The library's token, made (a write) the first time it is asked for."""
    token = current(library)
    if token:
        return token
    with library.write():
        token = current(library)  # another program may have made it meanwhile
        if not token:
            token = new_token()
            _set(library, TOKEN, token)
    return token


def renew(library: Library) -> str:
    """A new token: browsers holding the old one must pair again."""
    token = new_token()
    _set(library, TOKEN, token)
    return token


def matches(expected: str | None, presented: str | None) -> bool:
    """Whether the presented token is the library's, compared in constant time."""
    if not expected or not presented:
        return False
    import hmac

    return hmac.compare_digest(expected.encode(), presented.encode())


def check_port(value: int | str) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError) as error:
        raise BadInput(f"A port is a number from 1024 to 65535, not {value!r}.") from error
    if not 1024 <= port <= 65535:
        raise BadInput(f"A port is a number from 1024 to 65535, not {port}.")
    return port


def port(library: Library) -> int:
    stored = _get(library, PORT)
    try:
        return check_port(stored) if stored else DEFAULT_PORT
    except BadInput:
        return DEFAULT_PORT


def set_port(library: Library, value: int) -> None:
    _set(library, PORT, str(check_port(value)))


def enabled(library: Library) -> bool:
    """Whether the window listens for the browser (on unless the user turned it off)."""
    return _get(library, ENABLED) != "0"


def set_enabled(library: Library, on: bool) -> None:
    _set(library, ENABLED, "1" if on else "0")
