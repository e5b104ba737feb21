"""A briefing pack as Markdown."""

from __future__ import annotations

from core.packs.build import QUOTE_CLOSE, QUOTE_OPEN, Item, Pack, plain


def _md(text: str) -> str:
    # Kept quotes in italics; Markdown's own characters in the text stay literal.
    escaped = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    return escaped.replace(QUOTE_OPEN, "*").replace(QUOTE_CLOSE, "*")


def _meta(item: Item) -> str:
    return " · ".join(x for x in (item.outlet, item.byline, item.published) if x)


def render(pack: Pack) -> str:
    o = pack.options
    lines = [f"# {o.title}", ""]
    if o.subtitle:
        lines += [f"**{o.subtitle}**", ""]
    credit = ", ".join(x for x in (o.prepared_by, o.organisation) if x)
    lines += [f"{o.date}" + (f" — prepared by {credit}" if credit else ""), ""]
    lines += ["## Contents", ""]
    for section in pack.sections:
        if section.title:
            lines.append(f"- **{section.title}**")
        for item in section.items:
            lines.append(f"{'  ' if section.title else ''}- {plain(item.title)} ({_meta(item)})")
    lines += ["", "## Overview", "", "| Date | Outlet | Headline | Lead |", "|---|---|---|---|"]
    for item in pack.items:
        cells = [item.published or "", item.outlet or "", plain(item.title), plain(item.lead)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if pack.who:
        lines += ["", "## Who said what", ""]
        for said in pack.who:
            lines.append(f"### {said.speaker}" + (f" ({said.role})" if said.role else ""))
            for text, item in said.quotes:
                lines.append(
                    f"- {_md(text)} — {item.outlet or 'unknown outlet'}, "
                    f"{item.published or 'undated'}: {plain(item.title)}"
                )
            lines.append("")
    for section in pack.sections:
        if section.title:
            lines += ["", f"## {section.title}"]
        for item in section.items:
            lines += ["", f"### {plain(item.title)}", "", f"*{_meta(item)}*"]
            if item.url:
                lines.append(f"<{item.url}>")
            tags = item.topics + item.speakers
            if tags:
                lines.append("Topics: " + ", ".join(item.topics) if item.topics else "")
                lines.append("Speakers: " + ", ".join(item.speakers) if item.speakers else "")
            if item.also_ran_in:
                lines.append("Also ran in: " + ", ".join(item.also_ran_in))
            if item.notes:
                lines += ["", f"> Note: {item.notes}"]
            lines.append("")
            lines += [_md(p) + "\n" for p in item.paragraphs]
            if item.excerpted:
                lines.append(f"[Read the full article]({item.url})" if item.url else "(excerpt)")
    return "\n".join(line for line in lines if line is not None).rstrip() + "\n"
