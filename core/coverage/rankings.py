"""The ranked coverage charts: top outlets, share of voice among speakers or topics, accepted
quotes per speaker, and how far each story ran, each counted in SQL over the chosen ids from
a covering index or the tag links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from core.coverage import periods
from core.coverage.chart import KINDS, Chart, Series, plural
from core.coverage.scope import fetch, within
from core.errors import BadInput
from core.library import Library
from core.tags import SPEAKERS, TOPICS

Among = Literal["speaker", "topic"]
NO_OUTLET = "No outlet named"
OTHER_OUTLETS = "Other outlets"
TAGS = {"topic": TOPICS, "speaker": SPEAKERS}


def top_outlets(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    chosen, params = within(ids)
    rows = fetch(
        library,
        f"SELECT outlet, count(*) FROM clippings INDEXED BY clippings_outlet WHERE {chosen} "
        "GROUP BY outlet",
        params,
    )
    counted = sorted(
        ((name, int(n)) for name, n in rows if name is not None),
        key=lambda r: (-r[1], r[0].casefold()),
    )
    nameless = sum(int(n) for name, n in rows if name is None)
    total = sum(n for _, n in counted) + nameless
    shown = counted[:top]
    labels = [name for name, _ in shown]
    keys: list[Any] = [("outlet", name) for name, _ in shown]
    values = [n for _, n in shown]
    rest = counted[top:]
    if rest:
        labels.append(f"{OTHER_OUTLETS} ({len(rest)})")
        keys.append(("other_outlets", tuple(labels[: len(shown)])))
        values.append(sum(n for _, n in rest))
    if nameless:
        labels.append(NO_OUTLET)
        keys.append(("outlet", None))
        values.append(nameless)
    return Chart(
        kind="outlets",
        title=KINDS["outlets"],
        subtitle=f"{plural(total, 'clipping')} in {plural(len(counted), 'outlet')}",
        labels=labels,
        keys=keys,
        series=[Series("Clippings", values)],
        columns=["Outlet", "Clippings", "Share"],
        rows=[[name, n, _percent(n, total)] for name, n in zip(labels, values, strict=True)],
        total=total,
        extra={"outlets": len(counted)},
    )


def share_of_voice(
    library: Library,
    ids: Iterable[int],
    *,
    among: Among = "speaker",
    names: list[str] | None = None,
    top: int = 5,
) -> Chart:
    """How the clippings that name any of these speakers (or topics) share out between
    them: the ``top`` most named, or those chosen by name."""
    if among not in TAGS:
        raise BadInput(f"Share of voice is among speakers or topics, not {among!r}.")
    kind = TAGS[among]
    ids = list(dict.fromkeys(ids))
    chosen, params = within(ids, "l.clipping_id")
    wanted: list[int] = []
    if names:
        with library.read() as conn:
            wanted = list(dict.fromkeys(kind.require(conn, name) for name in names))
    only = f" AND l.{kind.fk} IN ({','.join('?' * len(wanted))})" if wanted else ""
    rows = fetch(
        library,
        f"SELECT g.k, t.name, g.n FROM (SELECT l.{kind.fk} AS k, count(*) AS n "
        f"FROM {kind.link} l WHERE {chosen}{only} GROUP BY 1) g "
        f"JOIN {kind.table} t ON t.id = g.k",
        [*params, *wanted],
    )
    counted = sorted(((k, name, int(n)) for k, name, n in rows), key=lambda r: (-r[2], r[1]))
    if not wanted:
        counted = counted[:top]
    else:  # the chosen ones that no clipping names still take their place, at nought
        found = {k for k, _, _ in counted}
        with library.read() as conn:
            for k in wanted:
                if k not in found:
                    name = conn.execute(f"SELECT name FROM {kind.table} WHERE id = ?", [k])
                    counted.append((k, name.fetchone()[0], 0))
    keys = [k for k, _, _ in counted]
    voices = sum(n for _, _, n in counted)
    none = 0
    if keys:
        marks = ",".join("?" * len(keys))
        named = fetch(
            library,
            f"SELECT count(DISTINCT l.clipping_id) FROM {kind.link} l "
            f"WHERE {chosen} AND l.{kind.fk} IN ({marks})",
            [*params, *keys],
        )[0][0]
        none = len(ids) - int(named)
    noun = kind.noun
    note = (
        f"A clipping that names two of these {noun}s counts for each." if len(counted) > 1 else ""
    )
    if none:
        note = f"{plural(none, 'clipping')} name{'s' if none == 1 else ''} none of them. {note}"
        note = note.strip()
    labels = [name for _, name, _ in counted]
    values = [n for _, _, n in counted]
    return Chart(
        kind="voice",
        title=KINDS["voice"],
        subtitle=f"{plural(voices, 'mention')} of {plural(len(keys), noun)} in "
        f"{plural(len(ids), 'clipping')}",
        labels=labels,
        keys=[(among, k) for k in keys],
        series=[Series("Clippings", values, style="slice")],
        columns=[noun.capitalize(), "Clippings", "Share of voice"],
        rows=[[name, n, _percent(n, voices)] for name, n in zip(labels, values, strict=True)],
        note=note,
        total=voices,
        extra={"among": among, "none_of_them": none},
    )


def quotes_per_speaker(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    """Accepted quotes of accepted speakers, the same ones packs show (a suggested quote has
    no speaker yet, a rejected one is never shown: core/speakers/registry.py)."""
    # '+' reads the quotes in one pass: through their clipping index SQLite fetched every
    # quote's row apart, 14 times slower at 100,000 clippings
    chosen, params = within(ids, "+q.clipping_id")
    rows = fetch(
        library,
        # the names are joined to the few groups, not to every quote
        "SELECT g.speaker, s.name, g.quotes, g.clippings FROM (SELECT q.speaker_id AS speaker, "
        "count(*) AS quotes, count(DISTINCT q.clipping_id) AS clippings FROM quotes q "
        f"WHERE {chosen} AND q.status = 'accepted' AND q.speaker_id IS NOT NULL "
        "GROUP BY q.speaker_id) g JOIN speakers s ON s.id = g.speaker",
        params,
    )
    counted = sorted(rows, key=lambda r: (-r[2], r[1].casefold()))
    quotes = sum(int(r[2]) for r in counted)
    shown = counted[:top]
    more = f"; the {top} most quoted shown" if len(counted) > top else ""
    return Chart(
        kind="quotes",
        title=KINDS["quotes"],
        subtitle=f"{plural(quotes, 'accepted quote')} from {plural(len(counted), 'speaker')}"
        + more,
        labels=[r[1] for r in shown],
        keys=[("quoted", r[0]) for r in shown],
        series=[Series("Quotes", [int(r[2]) for r in shown])],
        columns=["Speaker", "Quotes", "Clippings"],
        rows=[[r[1], int(r[2]), int(r[3])] for r in shown],
        note="Only quotes accepted in review are counted.",
        total=quotes,
        extra={"speakers": len(counted)},
    )


def copies_per_story(library: Library, ids: Iterable[int], *, top: int = 10) -> Chart:
    """How far each story among the clippings ran: every live copy the library holds, in how
    many outlets, whatever the search (a story's copies are what a wire story is)."""
    chosen, params = within(ids)
    rows = fetch(
        library,
        "WITH storied AS (SELECT DISTINCT story_id FROM clippings INDEXED BY "
        f"clippings_story WHERE story_id IS NOT NULL AND {chosen}) "
        "SELECT c.story_id, count(*), count(DISTINCT lower(trim(c.outlet))), "
        "min(substr(c.published, 1, 10)) FROM clippings c "
        "WHERE c.story_id IN storied AND c.deleted_at IS NULL "
        "GROUP BY c.story_id HAVING count(*) > 1",
        params,
    )
    counted = sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))
    shown = counted[:top]
    titles = _story_titles(library, [r[0] for r in shown])
    more = f"; the {top} that ran most shown" if len(counted) > top else ""
    return Chart(
        kind="stories",
        title=KINDS["stories"],
        subtitle=f"{plural(len(counted), 'story', 'stories')} ran more than once" + more,
        labels=[titles.get(r[0], f"Story {r[0]}") for r in shown],
        keys=[("story", r[0]) for r in shown],
        series=[Series("Copies", [int(r[1]) for r in shown])],
        columns=["Story", "Copies", "Outlets", "First ran"],
        rows=[
            [
                titles.get(r[0], f"Story {r[0]}"),
                int(r[1]),
                int(r[2]),
                periods.label("day", r[3]) if r[3] else "",
            ]
            for r in shown
        ],
        # the list picks the stories; a story's reach is all its copies, listed or not
        note="The list's clippings pick the stories; each story's copies are counted across "
        "the whole library.",
        total=sum(int(r[1]) for r in counted),
        extra={"stories": len(counted)},
    )


def _story_titles(library: Library, stories: list[int]) -> dict[int, str]:
    """Each story's headline: its original's, else its earliest live copy's."""
    if not stories:
        return {}
    marks = ",".join("?" * len(stories))
    titles: dict[int, str] = {}
    for story, title in fetch(
        library,
        f"SELECT c.story_id, c.title FROM clippings c LEFT JOIN stories s ON s.id = c.story_id "
        f"WHERE c.story_id IN ({marks}) AND c.deleted_at IS NULL "
        "ORDER BY c.story_id, c.id = s.original_id DESC, c.published, c.id",
        stories,
    ):
        titles.setdefault(story, " ".join((title or "").split()) or f"Story {story}")
    return titles


def _percent(n: int, whole: int) -> str:
    return f"{100 * n / whole:.1f}%" if whole else "0.0%"
