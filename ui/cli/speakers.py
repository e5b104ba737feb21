"""Who is quoted: review what the finder suggested for a clipping, every kept quote of a
speaker, and running the finder again over old clippings."""

from __future__ import annotations

import argparse

from core.errors import BadInput
from core.library import Library
from ui.cli.base import command, emit, json_option, progress, say


def _review_writes(args: argparse.Namespace) -> bool:
    return (
        args.accept is not None
        or bool(args.reject)
        or bool(getattr(args, "accept_quote", None) or getattr(args, "reject_quote", None))
    )


def register(commands: argparse._SubParsersAction) -> None:
    review = command(
        commands,
        "review",
        cmd_review,
        "the speakers the finder suggests for a clipping: list, accept or reject them",
        writes=_review_writes,
    )
    review.add_argument("id", type=int, metavar="ID", help="the clipping's number")
    review.add_argument(
        "--accept", nargs="*", metavar="NAME", help="accept the suggestions (all, or these names)"
    )
    review.add_argument("--reject", nargs="+", metavar="NAME", help="reject these suggestions")
    for verb in ("accept", "reject"):
        review.add_argument(
            f"--{verb}-quote",
            nargs="+",
            type=int,
            default=[],
            metavar="N",
            help=f"{verb} the quotes numbered N (#N in the listing)",
        )
    json_option(review)

    quotes = command(
        commands, "quotes", cmd_quotes, "who said what: every kept quote of a speaker", writes=False
    )
    quotes.add_argument("speaker", help="the speaker's name or another name of theirs")
    quotes.add_argument("--topic", help="only clippings with this topic")
    quotes.add_argument("--from", dest="date_from", metavar="DATE", help="published from DATE")
    quotes.add_argument("--to", dest="date_to", metavar="DATE", help="published up to DATE")
    quotes.add_argument("--words", help='only quotes holding these words ("a phrase", pre*)')
    json_option(quotes)

    rescan = command(
        commands,
        "rescan-speakers",
        cmd_rescan,
        "find speakers again (all clippings, or these ids); decided ones stay decided",
    )
    rescan.add_argument("ids", nargs="*", type=int, metavar="ID", help="clipping numbers")


def cmd_review(library: Library, args: argparse.Namespace) -> int:
    from core.speakers import registry

    library.get(args.id)
    pending = registry.suggestions(library, args.id)
    if args.accept is not None or args.reject:
        wanted = {n.casefold() for n in (args.accept or [])}
        rejected = {n.casefold() for n in (args.reject or [])}
        for row in pending:
            if row["kind"] != "speaker":
                continue
            if row["name"].casefold() in rejected:
                registry.reject(library, row["id"])
            elif args.accept is not None and (not wanted or row["name"].casefold() in wanted):
                registry.accept(library, row["id"])
    accept_quotes = getattr(args, "accept_quote", None) or []
    reject_quotes = getattr(args, "reject_quote", None) or []
    if accept_quotes or reject_quotes:
        every = registry.suggestions(library, args.id, status=None)
        numbers = {q["id"] for r in every for q in r["quotes"]}
        for number in accept_quotes + reject_quotes:
            if number not in numbers:
                raise BadInput(f"Clipping {args.id} has no quote #{number}.")
        for number in accept_quotes:
            registry.accept_quote(library, number)
        for number in reject_quotes:
            registry.reject_quote(library, number)
    rows = [
        r for r in registry.suggestions(library, args.id, status=None) if r["status"] != "rejected"
    ]
    speakers = [
        {
            "name": r["name"],
            "role": r["role"],
            "organisation": r["organisation"],
            "status": r["status"],
            "offered_as": (r.get("offered_as") or {}).get("name"),
            "quotes": [
                {k: q[k] for k in ("id", "text", "start", "end", "kind", "status")}
                for q in r["quotes"]
            ],
        }
        for r in rows
        if r["kind"] == "speaker"
    ]
    if args.json:
        emit(speakers)
        return 0
    if not speakers:
        print("No speakers found in this clipping.")
    for speaker in speakers:
        role = ", ".join(x for x in (speaker["role"], speaker["organisation"]) if x)
        say(f"{speaker['name']}" + (f" ({role})" if role else "") + f"  [{speaker['status']}]")
        if speaker["offered_as"]:
            say(f"    probably {speaker['offered_as']}, already a speaker")
        for quote in speaker["quotes"]:
            # reported speech is the writer's words: never shown inside quotation marks
            text = f"“{quote['text']}”" if quote["kind"] == "direct" else quote["text"]
            say(f"    #{quote['id']} {quote['kind']:<8} {quote['status']:<9} {text}")
    sources = [r["name"] for r in rows if r["kind"] == "source"]
    if sources:
        say("Cites: " + ", ".join(sources))
    return 0


def cmd_quotes(library: Library, args: argparse.Namespace) -> int:
    from core.speakers import registry

    rows = registry.who_said_what(
        library,
        args.speaker,
        topic=args.topic,
        date_from=args.date_from,
        date_to=args.date_to,
        words=args.words,
    )
    if args.json:
        emit(rows)
        return 0
    if not rows:
        say(f"No quotes of {args.speaker} kept yet.")
    for row in rows:
        where = "  ".join(x for x in (row["published"] or "----------", row["outlet"] or "") if x)
        say(f"{where}  {row['title']}  [#{row['clipping_id']}]")
        said = f"“{row['text']}”" if row["kind"] == "direct" else f"(reported) {row['text']}"
        say(f"    {said}")
    return 0


def cmd_rescan(library: Library, args: argparse.Namespace) -> int:
    from core.speakers import registry

    with progress("clippings") as step:
        done, waiting = registry.rescan(
            library, args.ids or None, progress=lambda n, total: step(n, total, "")
        )
    print(f"{done} clipping(s) looked at; {waiting} speaker suggestion(s) wait for review")
    return 0
