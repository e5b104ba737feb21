"""What each request to the connector does, apart from HTTP: say who is listening, pair a
browser, and clip a sent page through the same steps as a paste (the duplicate check,
extraction, speakers, the story, one transaction), answering added, duplicate or failed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core import logs
from core.capture.sources import Outcome, already_in, save
from core.connector import tokens
from core.connector.bodies import Sent
from core.connector.completing import complete
from core.connector.pages import Extractor
from core.errors import BadInput, CaptureError, LibraryError
from core.library import Library
from core.writer import Writes

NAME = "Cuttings"


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def refusal(status: int, reason: str, **headers: str) -> Answer:
    return Answer(status, {"status": "failed", "reason": reason}, headers)


@dataclass
class Asker:
    """Who asks to pair: the extension's origin and the browser it runs in."""

    origin: str
    browser: str
    name: str = ""

    def describe(self) -> str:
        named = f"“{self.name}” " if self.name else ""
        return f"{named}{self.browser} ({self.origin or 'no origin'})"


def browser_name(user_agent: str) -> str:
    for token, name in (
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ):
        if token in user_agent:
            return name
    return "a program" if not user_agent else user_agent.split("/")[0][:40]


Approve = Callable[[Asker], bool]
#: told of each clip: its outcome, the page, and whether a teaser took the page's whole text
Arrived = Callable[[Outcome, Sent, bool], None]


class Service:
    """The connector's decisions. ``reader()`` gives the calling thread's library for reads;
    ``writer`` saves (the window's serial writer, or the command line's own); ``approve``
    asks the user whether a browser may pair (None: pairing is refused with the way to paste
    the token instead); ``arrived`` hears of every clip's outcome."""

    def __init__(
        self,
        reader: Callable[[], Library],
        writer: Writes,
        *,
        approve: Approve | None = None,
        arrived: Arrived | None = None,
        version: str = "",
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.approve = approve
        self.arrived = arrived
        self.version = version
        self.extractor = Extractor()
        self._pairing = threading.Lock()

    def close(self) -> None:
        self.extractor.close()

    # -- who may -----------------------------------------------------------------------

    def authorized(self, presented: str | None) -> bool:
        return tokens.matches(tokens.current(self.reader()), presented)

    def ping(self, presented: str | None) -> Answer:
        return Answer(
            200,
            {
                "name": NAME,
                "version": self.version,
                "token_required": True,
                "authorized": self.authorized(presented) if presented else False,
                "pairing": self.approve is not None,
            },
        )

    def pair(self, asker: Asker) -> Answer:
        if self.approve is None:
            return refusal(
                403,
                "this Cuttings has no window to ask in: copy the token that `cuttings token` "
                "prints into the extension's options",
            )
        if not self._pairing.acquire(blocking=False):
            return refusal(409, "another browser is waiting for an answer in Cuttings")
        try:
            allowed = self.approve(asker)
        finally:
            self._pairing.release()
        if not allowed:
            return refusal(403, "Cuttings did not allow this browser")
        token = self.writer.run(tokens.ensure)
        return Answer(200, {"status": "paired", "token": token})

    # -- clipping ------------------------------------------------------------------------

    def clip(self, sent: Sent) -> Answer:
        outcome, busy, completed = self._outcome(sent)
        if self.arrived is not None:
            try:
                self.arrived(outcome, sent, completed)
            except Exception as error:  # noqa: BLE001 - the clip is saved; say so anyway
                logs.bug(error, "telling the window of a clip")
        return self._answer(outcome, busy, completed)

    def _outcome(self, sent: Sent) -> tuple[Outcome, bool, bool]:
        """What became of the page; whether the library could not be written (the browser
        may try again later; nothing of the page was saved); whether a teaser already in
        under the same address took the page's whole text."""
        source = sent.url
        known = None
        try:
            # A passage is its own clipping even when the article is in (see pages.extract).
            known = None if sent.selection else already_in(self.reader(), source, self.writer)
            clipping = self.extractor.extract(sent)
            if known is not None and known.clipping_id is not None:
                found = known.clipping_id
                if self.writer.run(lambda library: complete(library, found, clipping)):
                    known.reason = (
                        f"already in the library as #{found}; it now has the whole article "
                        "as the browser showed it"
                    )
                    return known, False, True
                return known, False, False
            return self.writer.run(lambda library: save(library, clipping, source)), False, False
        except (CaptureError, BadInput) as error:
            if known is not None:
                return known, False, False  # in already: the page need not be readable
            return Outcome(source, "failed", reason=str(error)), False, False
        except LibraryError as error:
            return Outcome(source, "failed", reason=f"not saved: {error}"), True, False
        except Exception as error:  # noqa: BLE001 - a bug on one page must not end the server
            reason = logs.bug(error, f"clipping {source}")
            return Outcome(source, "failed", reason=reason), False, False

    def _answer(self, outcome: Outcome, busy: bool, completed: bool) -> Answer:
        if outcome.status == "failed":
            return refusal(503 if busy else 422, outcome.reason or "failed")
        title = ""
        try:
            title = self.reader().get(outcome.clipping_id or 0)["title"] or ""
        except Exception:  # noqa: BLE001 - the title is a courtesy; the answer stands
            pass
        body: dict[str, Any] = {
            "status": outcome.status,
            "id": outcome.clipping_id,
            "title": title,
        }
        if outcome.status == "duplicate":
            body["reason"] = (
                outcome.reason if completed else f"already in the library as #{outcome.clipping_id}"
            )
            body["completed"] = completed
        if outcome.story_id is not None:
            body["story"] = outcome.story_id
        return Answer(201 if outcome.status == "added" else 200, body)
