"""A browser connector started for a test on a free port of 127.0.0.1 over a real library,
a plain HTTP client that can send any header (a foreign Host, a web Origin), and the pages
and forms a browser and SingleFile send."""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.connector import tokens
from core.connector.checks import Limits
from core.connector.server import ConnectorServer, serve
from core.connector.service import Approve, Service
from core.library import Library
from core.writer import Readers, Writer


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 120,
) -> Reply:
    """One request; ``headers`` may replace Host."""
    headers = dict(headers or {})
    data = body.encode() if isinstance(body, str) else body
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", headers.pop("Host", f"127.0.0.1:{port}"))
        for key, value in headers.items():
            connection.putheader(key, value)
        if data is not None and "Content-Length" not in headers:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        answer = connection.getresponse()
        return Reply(answer.status, dict(answer.getheaders()), answer.read())
    finally:
        connection.close()


@dataclass
class Running:
    server: ConnectorServer
    token: str
    path: Path

    @property
    def port(self) -> int:
        return self.server.server_port

    def get(self, path: str, **headers: str) -> Reply:
        return request(self.port, "GET", path, headers=headers)

    def post(self, path: str, body: bytes | str, headers: dict[str, str] | None = None) -> Reply:
        return request(self.port, "POST", path, body, headers)

    def clip(self, token: str | None = None, **fields: Any) -> Reply:
        headers = {"Content-Type": "application/json"}
        headers["Authorization"] = f"Bearer {token if token is not None else self.token}"
        return self.post("/api/clip", json.dumps(fields), headers)

    def singlefile(self, html: bytes, url: str | None, **form: str) -> Reply:
        body, kind = multipart(html, url, **form)
        headers = {"Content-Type": kind, "Authorization": f"Bearer {self.token}"}
        return self.post("/api/singlefile", body, headers)


@contextmanager
def running(
    path: Path, *, limits: Limits | None = None, approve: Approve | None = None
) -> Iterator[Running]:
    """A connector as `cuttings serve` runs one: reads on per-thread connections, saves on
    one writer."""
    with Library.open(path) as library:
        token = tokens.ensure(library)
    readers, writer = Readers(path), Writer(path)
    service = Service(readers.get, writer, approve=approve, version="test")
    server = serve(service, 0, limits)
    try:
        yield Running(server, token, path)
    finally:
        server.close()
        writer.close()
        readers.close_all()


def multipart(html: bytes, url: str | None, **form: str) -> tuple[bytes, str]:
    """A form as SingleFile's "REST form API" upload sends it: the page as a file part named
    ``file`` (or form's file_field), the address in ``url``."""
    boundary = f"----cuttings{uuid.uuid4().hex}"
    file_field = form.pop("file_field", "file")
    parts = [
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{form.pop("filename", "Page.html")}"\r\n'
            "Content-Type: text/html\r\n\r\n"
        ).encode()
        + html
        + b"\r\n"
    ]
    fields = {**({"url": url} if url is not None else {}), **form}
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


PARAGRAPHS = [
    "The council voted on Tuesday night to close two of the city's four public pools for "
    "the winter, a decision that swimming clubs said would leave hundreds of children "
    "without lessons.",
    '"We cannot heat four pools on the budget we have been given," the council\'s leader, '
    "Martin Okafor, said after the vote.",
    "The clubs said they would ask the regional government to step in before the pools "
    "close at the end of October.",
    "Parents at the meeting held up signs and several spoke against the plan during the "
    "hour set aside for the public.",
]


def news_page(title: str, paragraphs: list[str] | None = None, *, extra: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | The '
        'Evening Ledger</title><meta property="og:site_name" content="The Evening Ledger">'
        '<meta name="author" content="Ruth Adebayo">'
        '<meta property="article:published_time" content="2024-09-12T07:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/city'>City</a></nav>{extra}<article>"
        f"<h1>{title}</h1>{body}</article><footer>The Evening Ledger</footer></body></html>"
    )
