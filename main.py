"""Cuttings: the command line, and the entry point that opens the window.

    python main.py [--library PATH] COMMAND ...
    python main.py                      opens the library in the user's data folder

Errors are one line on stderr; exit status 2 for bad input, 1 for a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from core import paths
from core.errors import BadInput, CuttingsError, LibraryReadOnly
from core.inputs import printable


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput(message)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="cuttings", description="Clip, tag, search and pack news articles.")
    parser.add_argument(
        "--library", type=Path, help="library file (default: $CUTTINGS_LIBRARY or the data folder)"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="render the window offscreen at 1400x900 with a clipping open, save it, and exit",
    )
    commands = parser.add_subparsers(dest="command", parser_class=Parser)

    add = commands.add_parser(
        "add", help="add clippings from web addresses, files, folders or - (stdin)"
    )
    add.add_argument("sources", nargs="+", metavar="SOURCE")
    add.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    add.add_argument("--topic", action="append", default=[], help="tag every added clipping")
    add.add_argument("--json", action="store_true")

    search = commands.add_parser("search", help="search the library")
    search.add_argument("query", nargs="*", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--sort", choices=("relevance", "date"), default=None)
    search.add_argument("--saved", metavar="NAME", help="run a saved search")
    search.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="show one clipping")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    tag = commands.add_parser("tag", help="add (or --remove) topics and speakers on clippings")
    tag.add_argument("ids", nargs="+", type=int, metavar="ID")
    tag.add_argument("--topic", action="append", default=[])
    tag.add_argument("--speaker", action="append", default=[])
    tag.add_argument("--remove", action="store_true")

    for noun in ("topic", "speaker"):
        listing = commands.add_parser(
            noun + "s",
            help=f"list {noun}s with their counts"
            + (" (with ID: the speakers found in that clipping)" if noun == "speaker" else ""),
        )
        listing.add_argument("--json", action="store_true")
        if noun == "speaker":
            listing.add_argument("id", type=int, nargs="?", metavar="ID")
            listing.add_argument(
                "--accept",
                nargs="*",
                metavar="NAME",
                help="accept the suggestions (all, or these names)",
            )
            listing.add_argument("--reject", nargs="+", metavar="NAME")
        manage = commands.add_parser(noun, help=f"rename, merge or delete a {noun}")
        actions = manage.add_subparsers(dest="action", required=True, parser_class=Parser)
        rename = actions.add_parser("rename")
        rename.add_argument("old")
        rename.add_argument("new")
        merge = actions.add_parser("merge", help="fold SOURCE into TARGET")
        merge.add_argument("source")
        merge.add_argument("target")
        delete = actions.add_parser("delete")
        delete.add_argument("name")
        if noun == "speaker":
            alias = actions.add_parser("alias", help="another name for the same person")
            alias.add_argument("name")
            alias.add_argument("alias")
            unalias = actions.add_parser("unalias", help="drop another name")
            unalias.add_argument("alias")
            show = actions.add_parser("show", help="name, role, organisation and other names")
            show.add_argument("name")
            show.add_argument("--json", action="store_true")
            details = actions.add_parser("set", help='role and organisation ("" clears)')
            details.add_argument("name")
            details.add_argument("--role")
            details.add_argument("--organisation")

    quotes = commands.add_parser("quotes", help="who said what: every quote of a speaker")
    quotes.add_argument("speaker")
    quotes.add_argument("--topic")
    quotes.add_argument("--from", dest="date_from")
    quotes.add_argument("--to", dest="date_to")
    quotes.add_argument("--words", help='only quotes holding these words ("a phrase", pre*)')
    quotes.add_argument("--json", action="store_true")
    export = commands.add_parser(
        "export", help="a briefing pack of the clippings a search (or --ids) finds"
    )
    export.add_argument("query", nargs="*", metavar="QUERY")
    export.add_argument("--format", choices=("pdf", "docx", "html", "md"), required=True)
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--ids", help="comma-separated clipping ids, in this order")
    export.add_argument("--saved", metavar="NAME", help="the clippings of a saved search")
    export.add_argument("--title", default="Briefing pack")
    export.add_argument("--subtitle", default="")
    export.add_argument("--prepared-by", default="")
    export.add_argument("--organisation", default="")
    export.add_argument("--logo", type=Path)
    export.add_argument(
        "--group-by", choices=("none", "topic", "speaker", "outlet", "day"), default="none"
    )
    export.add_argument("--order", choices=("date", "outlet", "manual"), default=None)
    export.add_argument("--excerpt", action="store_true", help="first paragraphs and the link")
    export.add_argument("--notes", action="store_true", help="include my notes (internal)")
    export.add_argument("--no-notes", action="store_true", help=argparse.SUPPRESS)  # the default
    export.add_argument("--no-who", action="store_true", help='leave out "Who said what"')
    export.add_argument(
        "--all-quotes", action="store_true", help="every quote in an excerpt pack's Who said what"
    )
    export.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    export.add_argument(
        "--force",
        action="store_true",
        help="replace --out even when it is an SQLite database (never the library itself)",
    )

    config = commands.add_parser("config", help="library settings: speakers.auto_accept 1|0")
    config.add_argument("key")
    config.add_argument("value", nargs="?")

    rm = commands.add_parser("rm", help="move clippings to the Trash")
    rm.add_argument("ids", nargs="+", type=int, metavar="ID")
    restore = commands.add_parser("restore", help="bring clippings back from the Trash")
    restore.add_argument("ids", nargs="+", type=int, metavar="ID")

    commands.add_parser("reindex", help="rebuild the full-text index (after editing by hand)")
    commands.add_parser("empty-trash", help="delete the clippings in the Trash for good")
    rescan = commands.add_parser(
        "rescan-speakers",
        help="find speakers again (all clippings, or these ids); decided ones stay decided",
    )
    rescan.add_argument("ids", nargs="*", type=int)

    save = commands.add_parser("save-search", help="keep a search under a name")
    save.add_argument("name")
    save.add_argument("query")
    save.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    searches = commands.add_parser("searches", help="list saved searches")
    searches.add_argument("--json", action="store_true")
    return parser


def emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=None))


def open_library(args: argparse.Namespace) -> Any:
    from core.library import Library

    # CUTTINGS_BUSY_TIMEOUT: seconds to wait for another program's write (default 5).
    timeout = float(os.environ.get("CUTTINGS_BUSY_TIMEOUT", "5"))
    return Library.open(args.library or paths.default_library(), busy_timeout=timeout)


def cmd_add(library: Any, args: argparse.Namespace) -> int:
    from core import tags
    from core.capture.sources import add_sources

    bar = sys.stderr.isatty() and not args.json

    def progress(number: int, total: int, outcome: Any) -> None:
        if bar:
            filled = int(30 * number / max(total, 1))
            line = f"\r[{'#' * filled}{'.' * (30 - filled)}] {number}/{total} {outcome.status:9}"
            print(line, end="", file=sys.stderr, flush=True)

    batch = add_sources(library, args.sources, jobs=args.jobs, progress=progress)
    if bar:
        print(file=sys.stderr)
    added = [o.clipping_id for o in batch.outcomes if o.status == "added"]
    if args.topic and added and not batch.stopped:
        try:
            tags.TOPICS.add(library, added, args.topic)
        except CuttingsError as error:
            batch.stopped = f"the topics were not added: {error}"
    if args.json:
        emit([o.__dict__ for o in batch.outcomes])
    else:
        for o in batch.outcomes:
            source = printable(o.source)
            if o.status == "added":
                story = f" (joins story {o.story_id}: a wire copy)" if o.story_id else ""
                print(f"added     {o.clipping_id:>6}  {source}{story}")
            elif o.status == "duplicate":
                print(f"duplicate {o.clipping_id:>6}  {source}: {o.reason}")
            else:
                print(f"failed            {source}: {printable(o.reason or '')}")
        print(batch.summary())
    if batch.interrupted:
        print("cuttings: stopped; every clipping saved so far is kept", file=sys.stderr)
        return 130
    if batch.stopped:
        print(f"cuttings: the import stopped: {batch.stopped}", file=sys.stderr)
        return 1
    failed_all = batch.outcomes and batch.count("failed") == len(batch.outcomes)
    return 1 if failed_all else 0


def cmd_search(library: Any, args: argparse.Namespace) -> int:
    from core import saved
    from core.search import search

    text = " ".join(args.query)
    sort = args.sort
    if args.saved:
        entry = saved.get(library, args.saved)
        text = (entry["query"] + " " + text).strip()
        sort = sort or entry["sort"]
    results = search(library, text, limit=args.limit, offset=args.offset, sort=sort or "relevance")
    if args.json:
        emit([hit.as_json() for hit in results.hits])
        if results.message:
            print(results.message, file=sys.stderr)
        return 0
    if results.message:
        print(results.message)
    elif not results.hits:
        print("No clippings match.")
    for hit in results.hits:
        meta = "  ".join(x for x in (hit.published or "----------", hit.outlet or "") if x)
        print(printable(f"{hit.id:>6}  {meta}  {hit.title}"))
        print(printable(f"        {hit.snippet_plain()}"))
    return 0


def _show_json(library: Any, clipping_id: int) -> dict[str, Any]:
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
        "snippet": (row["lead"] or " ".join(row["text"].split()[:24])),
        "score": None,
        "trashed": row["deleted_at"] is not None,
        "text": row["text"],
    }


def cmd_show(library: Any, args: argparse.Namespace) -> int:
    data = _show_json(library, args.id)
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
    if data["trashed"]:
        lines.append("(in the Trash)")
    lines += ["", data["text"]]
    if data["notes"]:
        lines.append("\nNotes: " + data["notes"])
    print(printable("\n".join(lines)))
    return 0


def cmd_tag(library: Any, args: argparse.Namespace) -> int:
    from core import tags

    if not args.topic and not args.speaker:
        raise BadInput("Say what to tag with: --topic NAME and/or --speaker NAME.")
    ids = library.require(args.ids)
    with library.write():
        for kind, names in ((tags.TOPICS, args.topic), (tags.SPEAKERS, args.speaker)):
            if args.remove:
                kind.remove(library, ids, names)
            else:
                kind.add(library, ids, names)
    verb = "removed from" if args.remove else "added to"
    print(f"{', '.join(args.topic + args.speaker)} {verb} {len(ids)} clipping(s)")
    return 0


def cmd_list_tags(library: Any, args: argparse.Namespace) -> int:
    from core import tags

    if getattr(args, "id", None) is not None:
        return cmd_clipping_speakers(library, args)
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
        print(f"{row['count']:>6}  {row['name']}" + (f"  {extra}" if extra else ""))
    return 0


def cmd_clipping_speakers(library: Any, args: argparse.Namespace) -> int:
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
        pending = registry.suggestions(library, args.id)
    rows = [
        r for r in registry.suggestions(library, args.id, status=None) if r["status"] != "rejected"
    ]
    speakers = [
        {
            "name": r["name"],
            "role": r["role"],
            "organisation": r["organisation"],
            "status": r["status"],
            "quotes": r["quotes"],
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
        print(f"{speaker['name']}" + (f" ({role})" if role else "") + f"  [{speaker['status']}]")
        for quote in speaker["quotes"]:
            mark = "“”" if quote["kind"] == "direct" else "~ "
            print(f"    {mark[0]}{quote['text']}{mark[1] if quote['kind'] == 'direct' else ''}")
    sources = [r["name"] for r in rows if r["kind"] == "source"]
    if sources:
        print("Cites: " + ", ".join(sources))
    return 0


def cmd_quotes(library: Any, args: argparse.Namespace) -> int:
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
        print(f"No quotes of {args.speaker} kept yet.")
    for row in rows:
        where = "  ".join(x for x in (row["published"] or "----------", row["outlet"] or "") if x)
        print(f"{where}  {row['title']}  [#{row['clipping_id']}]")
        print(f"    {'“' + row['text'] + '”' if row['kind'] == 'direct' else row['text']}")
    return 0


def cmd_export(library: Any, args: argparse.Namespace) -> int:
    from core import listing, saved
    from core.packs.build import PackOptions
    from core.packs.export import export

    if args.ids:
        try:
            ids = [int(i) for i in args.ids.split(",") if i.strip()]
        except ValueError as error:
            raise BadInput(f"--ids takes numbers separated by commas, not {args.ids!r}.") from error
    else:
        text = " ".join(args.query)
        if args.saved:
            text = (saved.get(library, args.saved)["query"] + " " + text).strip()
        found = listing.list_ids(library, listing.View(text=text, sort="date"))
        if found.message:
            raise BadInput(found.message)
        ids = found.ids
    options = PackOptions(
        title=args.title,
        subtitle=args.subtitle,
        prepared_by=args.prepared_by,
        organisation=args.organisation,
        logo=args.logo,
        group_by=args.group_by,
        order=args.order or ("manual" if args.ids else "date"),
        excerpt=args.excerpt,
        notes=args.notes,
        who_said_what=not args.no_who,
        all_quotes=args.all_quotes,
        paper=args.paper,
    )
    result = export(library, ids, options, args.format, args.out, replace_database=args.force)
    pages = f", {result.pages} pages" if result.pages else ""
    print(f"wrote {result.path} ({result.clippings} clippings{pages})")
    return 0


def cmd_config(library: Any, args: argparse.Namespace) -> int:
    from core.speakers import registry

    if args.key != registry.AUTO_ACCEPT:
        raise BadInput(f"Unknown setting {args.key!r}; the one there is: {registry.AUTO_ACCEPT}.")
    if args.value is None:
        print(registry.setting(library, args.key, "0"))
    elif args.value in ("0", "1"):
        registry.set_setting(library, args.key, args.value)
    else:
        raise BadInput(f"{args.key} takes 1 or 0, not {args.value!r}.")
    return 0


def cmd_manage_tag(library: Any, args: argparse.Namespace) -> int:
    from core import tags

    kind = tags.KINDS[args.command]
    if args.action == "rename":
        kind.rename(library, args.old, args.new)
        print(f"renamed {args.old!r} to {args.new!r}")
    elif args.action == "merge":
        gained = kind.merge(library, args.source, args.target)
        print(f"merged {args.source!r} into {args.target!r} ({gained} clipping(s) gained it)")
    elif args.action == "delete":
        count = kind.delete(library, args.name)
        print(f"deleted {args.name!r} from {count} clipping(s)")
    elif args.action == "alias":
        tags.add_alias(library, args.name, args.alias)
        print(f"{args.alias!r} now also names {args.name!r}")
    elif args.action == "unalias":
        tags.remove_alias(library, args.alias)
        print(f"{args.alias!r} no longer names a speaker")
    elif args.action == "show":
        details = tags.speaker_details(library, args.name)
        if args.json:
            emit(details)
        else:
            print(details["name"])
            for label in ("role", "organisation"):
                if details[label]:
                    print(f"  {label}: {details[label]}")
            if details["aliases"]:
                print(f"  also: {', '.join(details['aliases'])}")
    elif args.action == "set":
        tags.set_speaker_details(library, args.name, role=args.role, organisation=args.organisation)
        print(f"updated {args.name!r}")
    return 0


def cmd_trash(library: Any, args: argparse.Namespace) -> int:
    if args.command == "rm":
        moved = library.trash(args.ids)
        print(f"{len(moved)} clipping(s) moved to the Trash")
    else:
        moved = library.restore(args.ids)
        print(f"{len(moved)} clipping(s) restored")
    return 0


def cmd_saved(library: Any, args: argparse.Namespace) -> int:
    from core import saved

    if args.command == "save-search":
        saved.save(library, args.name, args.query, args.sort)
        print(f"saved search {args.name!r}")
        return 0
    rows = saved.all_saved(library)
    if args.json:
        emit(rows)
    for row in [] if args.json else rows:
        print(f"{row['name']}: {row['query']} ({row['sort']})")
    return 0


def cmd_rescan(library: Any, args: argparse.Namespace) -> int:
    from core.speakers import registry

    bar = sys.stderr.isatty()

    def progress(number: int, total: int) -> None:
        if bar and (number % 50 == 0 or number == total):
            print(f"\r{number}/{total} clippings", end="", file=sys.stderr, flush=True)

    try:
        done, waiting = registry.rescan(library, args.ids or None, progress=progress)
    finally:
        if bar:
            print(file=sys.stderr)
    print(f"{done} clipping(s) looked at; {waiting} speaker suggestion(s) wait for review")
    return 0


def cmd_maintenance(library: Any, args: argparse.Namespace) -> int:
    if args.command == "reindex":
        print(f"{library.reindex()} clippings indexed")
    else:
        print(f"{library.empty_trash()} clipping(s) deleted for good")
    return 0


COMMANDS = {
    "add": cmd_add,
    "search": cmd_search,
    "show": cmd_show,
    "tag": cmd_tag,
    "topics": cmd_list_tags,
    "speakers": cmd_list_tags,
    "topic": cmd_manage_tag,
    "speaker": cmd_manage_tag,
    "rm": cmd_trash,
    "restore": cmd_trash,
    "save-search": cmd_saved,
    "searches": cmd_saved,
    "reindex": cmd_maintenance,
    "quotes": cmd_quotes,
    "config": cmd_config,
    "export": cmd_export,
    "empty-trash": cmd_maintenance,
    "rescan-speakers": cmd_rescan,
}


def writes(args: argparse.Namespace) -> bool:
    """Whether a command changes the library (refused at once on a read-only one)."""
    if args.command in ("search", "show", "topics", "quotes", "export", "searches"):
        return False
    if args.command == "speakers":
        return args.accept is not None or bool(args.reject)
    if args.command == "speaker":
        return args.action != "show"
    if args.command == "config":
        return args.value is not None
    return True


def first_start(library: Any) -> None:
    """A new library gets the sample clipping, so the first screen is not empty."""
    from core.capture.sources import add_sources

    add_sources(library, [str(p) for p in paths.sample_files()], jobs=1)


def run_app(args: argparse.Namespace) -> int:
    path = args.library or paths.default_library()
    is_new = not path.exists()
    library = open_library(args)
    try:
        if is_new:
            first_start(library)
        if os.environ.get("CUTTINGS_NO_WINDOW"):
            return overview(library)
        if args.screenshot:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui import app  # Qt loads only when a window is wanted

        if args.screenshot:
            from core.library import refuse_library_file

            refuse_library_file(args.screenshot, "the file of a screenshot")
            app.screenshot(library, args.screenshot)
            print(f"saved {args.screenshot}")
            return 0
        return app.run(library)
    finally:
        library.close()


def overview(library: Any) -> int:
    from core.search import search

    print(f"Cuttings library: {library.path}")
    print(f"{library.count()} clippings ({library.count(trashed=True)} in the Trash)")
    for hit in search(library, "", limit=10, sort="date").hits:
        print(f"{hit.id:>6}  {hit.published or '----------'}  {hit.title[:90]}")
    print("\nTry: python main.py search WORDS, python main.py add FILE_OR_FOLDER, --help")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from core import logs

    # A title that is not UTF-8-clean must not end the listing half-way.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return run_app(args)
        library = open_library(args)
        try:
            if library.read_only and writes(args):
                raise LibraryReadOnly(library.read_only)
            return COMMANDS[args.command](library, args)
        finally:
            library.close()
    except KeyboardInterrupt:
        print("cuttings: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the one place every failure becomes words
        known = logs.known(error)
        message = str(known) if known is not None else logs.bug(error, "command line")
        print(f"cuttings: {printable(message)}", file=sys.stderr)
        return known.exit_code if known is not None else 1


def gui() -> int:
    """``cuttings-gui``, the desktop entry's command: the window, as ``cuttings`` with no command
    opens it; a GUI script rather than a console one, so Windows opens no console beside it."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
