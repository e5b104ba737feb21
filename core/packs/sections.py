"""How a pack is divided: by topic, outlet or day (each clipping once), or by speaker (a
section for every accepted speaker, the clipping's text in the section of the one it quotes
most, the other sections pointing to it)."""

from __future__ import annotations

from typing import Any

from core.packs.model import OTHER, GroupBy, Item, Said, Section, count, details, shown_date


def group(items: list[Item], group_by: GroupBy) -> list[Section]:
    if group_by == "none":
        return [Section(None, items, {i.id for i in items})]
    groups: dict[str, list[Item]] = {}
    for item in items:
        if group_by == "topic":
            key = sorted(item.topics, key=str.casefold)[0] if item.topics else OTHER
        elif group_by == "outlet":
            key = item.outlet or OTHER
        else:
            key = item.published or OTHER
        groups.setdefault(key, []).append(item)
    named = [k for k in groups if k != OTHER]
    if group_by == "day":
        order = sorted(named, reverse=True)
    else:
        order = sorted(named, key=str.casefold)
    order += [OTHER] if OTHER in groups else []
    return [
        Section(shown_date(k) if group_by == "day" else k, groups[k], {i.id for i in groups[k]})
        for k in order
    ]


def by_speaker(
    items: list[Item], quotes: dict[int, list[dict[str, Any]]], who: list[Said]
) -> list[Section]:
    """A section for every accepted speaker with every clipping that quotes them (or that the
    user tagged with them), most quoted first. A clipping's text goes in the section of the
    speaker it quotes most, the other sections point to it."""
    total = {said.speaker: len(said.quotes) for said in who}
    of_item: dict[int, dict[str, int]] = {}
    for item in items:
        counts = of_item.setdefault(item.id, {})
        for q in quotes.get(item.id, []):
            counts[q["name"]] = counts.get(q["name"], 0) + 1
        for name in item.speakers:
            counts.setdefault(name, 0)
    names = sorted(
        {n for counts in of_item.values() for n in counts},
        key=lambda n: (-total.get(n, 0), n.casefold()),
    )
    rank = {name: i for i, name in enumerate(names)}
    sections = {name: Section(name, []) for name in names}
    others = Section(OTHER, [])
    for item in items:
        counts = of_item[item.id]
        if not counts:
            others.entries.append(item)
            others.home.add(item.id)
            continue
        for name in counts:
            sections[name].entries.append(item)
        home = min(counts, key=lambda n: (-counts[n], rank[n]))
        sections[home].home.add(item.id)
    said = {s.speaker: s for s in who}
    for name, section in sections.items():
        clippings = count(len(section.entries), "clipping")
        quoted = f"{count(len(said[name].quotes), 'quote')} in {clippings}" if name in said else ""
        section.about = details(said[name].role if name in said else None, quoted or clippings)
    result = [sections[name] for name in names]
    return result + ([others] if others.entries else [])
