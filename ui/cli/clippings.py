"""Commands on clippings themselves: add them, show one, move them to the Trash and back."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.errors import CuttingsError
from core.library import Library
from ui.cli.base import command, emit, json_option, progress, say


def register(commands: argparse._SubParsersAction) -> None:
    add = command(
        commands,
        "add",
        cmd_add,
        "add clippings from web addresses, files, folders or - (standard input)",
    )
    add.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="http(s) address, file, folder or -"
    )
    add.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    add.add_argument(
        "--topic", action="append", default=[], metavar="T", help="give every added clipping T"
    )
    json_option(add)

    show = command(commands, "show", cmd_show, "show one clipping in full", writes=False)
    show.add_argument("id", type=int, metavar="ID", help="the clipping's number")
    json_option(show)

    for name, handler, help in (
        ("rm", cmd_trash, "move clippings to the Trash"),
        ("restore", cmd_restore, "bring clippings back from the Trash"),
    ):
        parser = command(commands, name, handler, help)
        parser.add_argument("ids", nargs="+", type=int, metavar="ID", help="clipping numbers")


def cmd_add(library: Library, args: argparse.Namespace) -> int:
    from core import tags
    from core.capture.sources import add_sources

    with progress("clippings", quiet=args.json) as step:
        batch = add_sources(
            library,
            args.sources,
            jobs=args.jobs,
            progress=lambda n, total, outcome: step(n, total, outcome.status),
        )
    added = [o.clipping_id for o in batch.outcomes if o.status == "added"]
    if args.topic and added and not batch.stopped:
        try:
            tags.TOPICS.add(library, [i for i in added if i is not None], args.topic)
        except CuttingsError as error:
            batch.stopped = f"the topics were not added: {error}"
    if args.json:
        emit([o.__dict__ for o in batch.outcomes])
    else:
        for o in batch.outcomes:
            if o.status == "added":
                story = f" (joins story {o.story_id}: a wire copy)" if o.story_id else ""
                say(f"added     {o.clipping_id:>6}  {o.source}{story}")
            elif o.status == "duplicate":
                say(f"duplicate {o.clipping_id:>6}  {o.source}: {o.reason}")
            else:
                say(f"failed            {o.source}: {o.reason or ''}")
        print(batch.summary())
    if batch.interrupted:
        print("cuttings: stopped; every clipping saved so far is kept", file=sys.stderr)
        return 130
    if batch.stopped:
        print(f"cuttings: the import stopped: {batch.stopped}", file=sys.stderr)
        return 1
    failed_all = batch.outcomes and batch.count("failed") == len(batch.outcomes)
    return 1 if failed_all else 0


def shown(library: Library, clipping_id: int) -> dict[str, Any]:
    row = library.get(clipping_id)
    return {
        "id": row["id"],
        "title": row["title"],
        "outlet": row["outlet"],
        "published": row["published"],
        "url": row["url"],
        "canonical_url": row["canonical_url"],
        "byline": row["byline"],
        "captured": row["captured"],
        "language": row["language"],
        "topics": row["topics"],
        "speakers": row["speakers"],
        "notes": row["notes"],
        "why": row["why"],
        "snippet": (row["lead"] or " ".join(row["text"].split()[:24])),
        "score": None,
        "trashed": row["deleted_at"] is not None,
        "text": row["text"],
    }


def cmd_show(library: Library, args: argparse.Namespace) -> int:
    data = shown(library, args.id)
    if args.json:
        emit(data)
        return 0
    lines = [data["title"]]
    meta = [data["outlet"], data["byline"], data["published"], data["url"]]
    lines.append(" · ".join(str(x) for x in meta if x))
    if data["topics"]:
        lines.append("Topics:   " + ", ".join(data["topics"]))
    if data["speakers"]:
        lines.append("Speakers: " + ", ".join(data["speakers"]))
    if data["why"]:
        lines.append("Why it matters: " + data["why"])
    if data["trashed"]:
        lines.append("(in the Trash)")
    lines += ["", data["text"]]
    if data["notes"]:
        lines.append("\nNotes: " + data["notes"])
    say("\n".join(lines))
    return 0


def cmd_trash(library: Library, args: argparse.Namespace) -> int:
    moved = library.trash(args.ids)
    print(f"{len(moved)} clipping(s) moved to the Trash")
    return 0


def cmd_restore(library: Library, args: argparse.Namespace) -> int:
    moved = library.restore(args.ids)
    print(f"{len(moved)} clipping(s) restored")
    return 0
