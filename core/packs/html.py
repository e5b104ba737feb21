"""A briefing pack as one self-contained HTML file with inline styles: tables for layout, no
style sheet and no external image, so it survives being pasted into an e-mail."""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from core import paths
from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, plain
from core.packs.images import image_type


@cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.RESOURCES / "templates"), autoescape=True
    )
    return env.get_template("pack_email.html")


def _para(text: str) -> Markup:
    html = str(escape(text))
    return Markup(
        html.replace(QUOTE_OPEN, '<span style="color:#6a1b9a;">').replace(QUOTE_CLOSE, "</span>")
    )


def _meta(item: Item) -> str:
    return " · ".join(x for x in (item.outlet, item.byline, item.published) if x)


def render(pack: Pack) -> str:
    o = pack.options
    logo = None
    if o.logo:
        data = o.logo.read_bytes()
        logo = f"data:image/{image_type(data, o.logo)};base64,{base64.b64encode(data).decode()}"
    return _template().render(
        o=o,
        pack=pack,
        logo=logo,
        credit=", ".join(x for x in (o.prepared_by, o.organisation) if x),
        plain=plain,
        para=_para,
        meta=_meta,
    )
