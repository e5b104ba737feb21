"""The browser connector: a small HTTP server on 127.0.0.1 that takes the page a browser shows
(a browser extension's POST, or SingleFile's "REST form API" upload) into the library through
the same pipeline as a paste. Only the user's browser may write: a token per library, the
loopback Host only, no web origins, a body cap, and time limits on every connection.

``tokens`` keeps the token and the port in the library; ``bodies`` reads what arrives;
``pages`` extracts a sent page in a worker process; ``service`` decides what each request
does; ``server`` is the HTTP side. Nothing here imports Qt: the window (ui/connector.py) and
``cuttings serve`` (ui/cli/serving.py) each run one.
"""
