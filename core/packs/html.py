"""A briefing pack as one self-contained HTML file with inline styles: tables for layout, no
style sheet and no external image, so it survives being pasted into an e-mail."""

from __future__ import annotations

import base64
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from core import paths
from core.highlights.marking import pack_html
from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, details, plain, shown_date
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
    html = html.replace(QUOTE_OPEN, '<span style="color:#6a1b9a;">').replace(QUOTE_CLOSE, "</span>")
    return Markup(pack_html(html))  # highlights as <mark>, their comments beside them


def _tags(item: Item) -> str:
    return details(
        "Topics: " + ", ".join(item.topics) if item.topics else None,
        "Speakers: " + ", ".join(item.speakers) if item.speakers else None,
        "Also ran in: " + ", ".join(item.also_ran_in) if item.also_ran_in else None,
    )


def render(pack: Pack) -> str:
    o = pack.options
    logo = None
    if o.logo:
        data = o.logo.read_bytes()
        logo = f"data:image/{image_type(data, o.logo)};base64,{base64.b64encode(data).decode()}"
    credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
    return _template().render(
        o=o,
        pack=pack,
        logo=logo,
        cover_line=details(shown_date(o.date), credit and f"Prepared by {credit}"),
        plain=plain,
        para=_para,
        tags=_tags,
        date=shown_date,
        coverage=_coverage(pack),
    )


def _coverage(pack: Pack) -> Markup:
    if pack.coverage is None:
        return Markup("")
    from core.packs.coverage import html

    return html(pack.coverage)
