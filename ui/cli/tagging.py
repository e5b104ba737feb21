"""Topics and speakers as tags: put them on clippings, list them, rename, merge and delete
them; a speaker's registry entry (role, organisation, other names)."""

from __future__ import annotations

import argparse

from core import tags
from core.errors import BadInput
from core.library import Library
from ui.cli.base import command, emit, json_option, say


def register(commands: argparse._SubParsersAction) -> None:
    tag = command(commands, "tag", cmd_tag, "add (or --remove) topics and speakers on clippings")
    tag.add_argument("ids", nargs="+", type=int, metavar="ID", help="clipping numbers")
    tag.add_argument("--topic", action="append", default=[], metavar="T", help="a topic (again)")
    tag.add_argument(
        "--speaker", action="append", default=[], metavar="S", help="a speaker (again)"
    )
    tag.add_argument("--remove", action="store_true", help="take them off instead")

    topics = command(commands, "topics", cmd_list, "list topics with their counts", writes=False)
    json_option(topics)
    speakers = command(
        commands,
        "speakers",
        cmd_list,
        "list speakers with their counts",
        writes=lambda args: args.accept is not None or bool(args.reject),
    )
    json_option(speakers)
    # `speakers ID` was the review of one clipping; `review ID` says what it does.
    speakers.add_argument("id", type=int, nargs="?", help=argparse.SUPPRESS)
    speakers.add_argument("--accept", nargs="*", help=argparse.SUPPRESS)
    speakers.add_argument("--reject", nargs="+", help=argparse.SUPPRESS)

    for noun in ("topic", "speaker"):
        manage = commands.add_parser(
            noun,
            help=f"rename, merge or delete a {noun}"
            + (", and its registry entry" if noun == "speaker" else ""),
            description=f"Manage one {noun}.",
        )
        actions = manage.add_subparsers(dest="action", required=True, metavar="ACTION")
        _action(actions, noun, "rename", f"give a {noun} a new name", ("old", "new"))
        _action(actions, noun, "merge", "fold SOURCE into TARGET", ("source", "target"))
        _action(actions, noun, "delete", f"delete a {noun} from every clipping", ("name",))
        if noun == "speaker":
            _action(actions, noun, "alias", "another name for the same person", ("name", "alias"))
            _action(actions, noun, "unalias", "drop another name", ("alias",))
            show = _action(
                actions, noun, "show", "name, role, organisation and other names", ("name",)
            )
            json_option(show)
            details = _action(actions, noun, "set", 'role and organisation ("" clears)', ("name",))
            details.add_argument("--role", help="e.g. deputy head")
            details.add_argument("--organisation", help="e.g. the Ministry of Transport")


_ARG_HELP = {
    "old": "its name now",
    "new": "its new name",
    "source": "the one that goes",
    "target": "the one that stays",
    "name": "its name",
    "alias": "the other name",
}


def _action(
    actions: argparse._SubParsersAction, noun: str, name: str, help: str, positional: tuple
) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help, description=help)
    for arg in positional:
        parser.add_argument(arg, help=_ARG_HELP[arg])
    handler = cmd_show_speaker if (noun, name) == ("speaker", "show") else cmd_manage
    parser.set_defaults(handler=handler, kind=noun, writes=lambda _args, w=name != "show": w)
    return parser


def cmd_tag(library: Library, args: argparse.Namespace) -> int:
    if not args.topic and not args.speaker:
        raise BadInput("Say what to tag with: --topic NAME and/or --speaker NAME.")
    ids = library.require(args.ids)
    with library.write():
        for kind, names in ((tags.TOPICS, args.topic), (tags.SPEAKERS, args.speaker)):
            if names and args.remove:
                kind.remove(library, ids, names)
            elif names:
                kind.add(library, ids, names)
    verb = "removed from" if args.remove else "added to"
    say(f"{', '.join(args.topic + args.speaker)} {verb} {len(ids)} clipping(s)")
    return 0


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    if getattr(args, "id", None) is not None:
        from ui.cli.speakers import cmd_review

        return cmd_review(library, args)
    kind = tags.KINDS[args.command[:-1]]
    rows = kind.counts(library)
    if args.json:
        emit(rows)
        return 0
    if not rows:
        print(f"No {kind.noun}s yet.")
    for row in rows:
        extra = ""
        if kind is tags.SPEAKERS:
            bits = [row.get("role"), row.get("organisation")]
            extra = ", ".join(b for b in bits if b)
            if row["aliases"]:
                extra += (" " if extra else "") + "(also " + ", ".join(row["aliases"]) + ")"
        say(f"{row['count']:>6}  {row['name']}" + (f"  {extra}" if extra else ""))
    return 0


def cmd_manage(library: Library, args: argparse.Namespace) -> int:
    kind = tags.KINDS[args.kind]
    if args.action == "rename":
        kind.rename(library, args.old, args.new)
        say(f"renamed {args.old!r} to {args.new!r}")
    elif args.action == "merge":
        gained = kind.merge(library, args.source, args.target)
        say(f"merged {args.source!r} into {args.target!r} ({gained} clipping(s) gained it)")
    elif args.action == "delete":
        count = kind.delete(library, args.name)
        say(f"deleted {args.name!r} from {count} clipping(s)")
    elif args.action == "alias":
        tags.add_alias(library, args.name, args.alias)
        say(f"{args.alias!r} now also names {args.name!r}")
    elif args.action == "unalias":
        tags.remove_alias(library, args.alias)
        say(f"{args.alias!r} no longer names a speaker")
    elif args.action == "set":
        tags.set_speaker_details(library, args.name, role=args.role, organisation=args.organisation)
        say(f"updated {args.name!r}")
    return 0


def cmd_show_speaker(library: Library, args: argparse.Namespace) -> int:
    details = tags.speaker_details(library, args.name)
    if args.json:
        emit(details)
        return 0
    say(details["name"])
    for label in ("role", "organisation"):
        if details[label]:
            say(f"  {label}: {details[label]}")
    if details["aliases"]:
        say(f"  also: {', '.join(details['aliases'])}")
    return 0
