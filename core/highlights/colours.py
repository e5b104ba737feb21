"""The four highlight colours and the names the user gives them ("key", "risk", "for the
minister"). A highlight keeps the colour's key, so renaming a colour renames it on every
highlight at once; the names live in the library's settings, so every program that opens the
library shows the same ones. The colours are the four that Word's highlighter also has, so a
Word pack marks each passage in the colour the reader chose."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import BadInput
from core.inputs import clean_line
from core.library import Library

SETTING = "highlights.name.{}"
MAX_NAME = 40


@dataclass(frozen=True)
class Colour:
    key: str
    default_name: str
    light: str  # the reader and packs on white
    dark: str  # the reader in a dark theme
    word: str  # the name of Word's highlight (w:highlight/@w:val)


COLOURS = (
    Colour("yellow", "Key", "#fff176", "#6b5d00", "yellow"),
    Colour("pink", "Risk", "#f8bbd0", "#7a2946", "magenta"),
    Colour("green", "For the minister", "#c5e1a5", "#2e5a1c", "green"),
    Colour("blue", "Background", "#b3e5fc", "#1d4f6b", "cyan"),
)
BY_KEY = {c.key: c for c in COLOURS}
DEFAULT = COLOURS[0].key


def names(library: Library) -> dict[str, str]:
    """Every colour's key with the name it goes by in this library, in the palette's order."""
    rows = library.execute("SELECT key, value FROM settings WHERE key LIKE 'highlights.name.%'")
    stored = {r["key"].rsplit(".", 1)[1]: r["value"] for r in rows}
    return {c.key: stored.get(c.key) or c.default_name for c in COLOURS}


def resolve(library: Library, name: str | None) -> str:
    """A colour's key from its key or its name, any case ("pink", "Risk", "risk")."""
    if name is None or not name.strip():
        return DEFAULT
    wanted = " ".join(name.split()).casefold()
    for key, shown in names(library).items():
        if wanted in (key, shown.casefold()):
            return key
    choices = ", ".join(f"{shown} ({key})" for key, shown in names(library).items())
    raise BadInput(f"There is no highlight colour {name!r}; use one of {choices}.")


def rename(library: Library, colour: str, name: str) -> str:
    """Give a colour (its key or current name) a new name; returns the colour's key."""
    key = resolve(library, colour)
    shown = clean_line(name) or ""
    if not shown:
        raise BadInput("A colour needs a name; give it a word or two.")
    if len(shown) > MAX_NAME:
        raise BadInput(f"A colour's name has at most {MAX_NAME} characters.")
    taken = {v.casefold(): k for k, v in names(library).items() if k != key}
    if shown.casefold() in taken or shown.casefold() in BY_KEY and shown.casefold() != key:
        raise BadInput(f"{shown!r} already names another colour.")
    with library.write() as db:
        db.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [SETTING.format(key), shown],
        )
    return key
