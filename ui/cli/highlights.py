"""Highlights, comments and "why it matters" from the command line; the colours' names; W3C
Web Annotation JSON out and in; a clipping's text replaced (or extracted again from its kept
page) with its highlights placed again."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import BadInput, CuttingsError
from core.library import Library
from ui.cli.base import command, emit, json_option, say


def register(commands: argparse._SubParsersAction) -> None:
    mark = command(commands, "highlight", cmd_highlight, "highlight a passage of a clipping")
    mark.add_argument("id", type=int, help="the clipping")
    mark.add_argument(
        "--text", required=True, help="the exact words to highlight (spacing may differ)"
    )
    mark.add_argument("--comment", default="", help="a comment on the passage")
    mark.add_argument("--colour", help="the colour, by its name or key (default: the first)")
    mark.add_argument(
        "--occurrence", type=int, help="which of several places the words stand in (1 = first)"
    )

    listing = command(
        commands, "highlights", cmd_highlights, "a clipping's highlights", writes=False
    )
    listing.add_argument("id", type=int, help="the clipping")
    json_option(listing)

    edit = command(commands, "edit-highlight", cmd_edit, "change a highlight's comment or colour")
    edit.add_argument("hid", type=int, help="the highlight's number (from `highlights ID`)")
    edit.add_argument("--comment", help='the new comment ("" removes it)')
    edit.add_argument("--colour", help="the new colour, by its name or key")

    remove = command(commands, "unhighlight", cmd_unhighlight, "remove highlights")
    remove.add_argument("hids", type=int, nargs="+", metavar="HID", help="highlight numbers")

    why = command(
        commands,
        "why",
        cmd_why,
        "show or set a clipping's one line on why it matters",
        writes=lambda args: args.text is not None,
    )
    why.add_argument("id", type=int, help="the clipping")
    why.add_argument("text", nargs="?", help='the line ("" clears it); without it, show it')

    shades = command(
        commands, "colours", cmd_colours, "the highlight colours and their names", writes=False
    )
    json_option(shades)
    rename = command(commands, "colour", cmd_colour, "give a highlight colour a name")
    rename.add_argument("colour", help="the colour, by its key (yellow, pink...) or name")
    rename.add_argument("name", help='its new name, such as "for the minister"')

    out = command(
        commands,
        "export-highlights",
        cmd_export,
        "clippings' highlights as W3C Web Annotation JSON",
        writes=False,
    )
    out.add_argument("ids", type=int, nargs="+", metavar="ID", help="the clippings")
    out.add_argument("--out", type=Path, help="the file to write (default: standard output)")

    into = command(
        commands, "import-highlights", cmd_import, "highlights from W3C Web Annotation JSON"
    )
    into.add_argument("file", help="the JSON file, or - for standard input")
    into.add_argument(
        "--into", type=int, metavar="ID", help="put them on this clipping, whatever their source"
    )

    text = command(
        commands,
        "set-text",
        cmd_set_text,
        "replace a clipping's text; its highlights are placed again",
    )
    text.add_argument("id", type=int, help="the clipping")
    text.add_argument("file", help="a UTF-8 text file holding the new text, or - for stdin")

    again = command(
        commands,
        "reextract",
        cmd_reextract,
        "extract clippings again from their kept pages; their highlights are placed again",
    )
    again.add_argument("ids", type=int, nargs="+", metavar="ID", help="the clippings")


def cmd_highlight(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import store

    text = library.get(args.id)["text"]
    start, end = store.find_passage(text, args.text, args.occurrence)
    hid, _ = store.add(library, args.id, start, end, colour=args.colour, comment=args.comment)
    row = store.get(library, hid)
    say(f"highlight {hid} on clipping {args.id}: “{row['exact']}” ({row['start']}-{row['end']})")
    return 0


def cmd_highlights(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import store

    library.require([args.id])
    rows = store.of_clipping(library, args.id)
    if args.json:
        keys = ("id", "exact", "start", "end", "comment", "colour", "state")
        emit([{**{k: r[k] for k in keys}, "colour_name": r["colour_name"]} for r in rows])
        return 0
    if not rows:
        print(f"Clipping {args.id} has no highlights.")
    for row in rows:
        where = (
            "not found in the text any more"
            if row["state"] == "orphan"
            else (f"{row['start']}-{row['end']}")
        )
        say(f"{row['id']:>6}  [{row['colour_name']}]  “{row['exact']}”  ({where})")
        if row["comment"]:
            say(f"        {row['comment']}")
    return 0


def cmd_edit(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import store

    if args.comment is None and args.colour is None:
        raise BadInput("edit-highlight: give --comment or --colour (or both).")
    store.edit(library, args.hid, colour=args.colour, comment=args.comment)
    say(f"highlight {args.hid} changed")
    return 0


def cmd_unhighlight(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import store

    record = store.remove(library, args.hids)
    print(f"{len(record.rows)} highlight(s) removed")
    return 0


def cmd_why(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import store

    if args.text is None:
        line = store.why(library, args.id)
        say(line or f"Clipping {args.id} has no line on why it matters.")
        return 0
    store.set_why(library, args.id, args.text)
    line = store.why(library, args.id)
    say(f"why it matters, clipping {args.id}: {line}" if line else "cleared")
    return 0


def cmd_colours(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import colours

    names = colours.names(library)
    if args.json:
        emit([{"colour": key, "name": name} for key, name in names.items()])
        return 0
    for key, name in names.items():
        say(f"{key:<7} {name}")
    return 0


def cmd_colour(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import colours

    key = colours.rename(library, args.colour, args.name)
    say(f"{key} is now called {colours.names(library)[key]!r}")
    return 0


def cmd_export(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import w3c
    from core.packs.export import check_target

    text = w3c.dumps(w3c.export(library, args.ids))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    check_target(args.out)
    partial = args.out.with_name(f".{args.out.name}.partial")
    try:
        partial.write_text(text, "utf-8")
        partial.replace(args.out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CuttingsError(f"Could not write {args.out}: {error.strerror or error}.") from error
    count = text.count('"type": "Annotation"')
    say(f"wrote {args.out} ({count} annotations)")
    return 0


def cmd_import(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import w3c

    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as error:
            raise BadInput(f"Cannot read {args.file}: {error.strerror or error}.") from error
    result = w3c.import_annotations(library, w3c.loads(data), into=args.into)
    for reason in result["skipped"]:
        say(f"skipped {reason}")
    say(
        f"{result['added']} highlight(s) added ({result['orphans']} not found in the text, kept "
        f"as orphans), {result['why']} line(s) on why it matters, {result['already']} already "
        f"in the library, {len(result['skipped'])} skipped"
    )
    return 0


def _counts(clipping_id: int, counts: dict) -> str:
    if not counts["changed"]:
        return f"clipping {clipping_id}: the text is the same; nothing changed"
    found = f", {counts['found_again']} found again" if counts["found_again"] else ""
    return (
        f"clipping {clipping_id}: new text; highlights: {counts['kept']} in place, "
        f"{counts['moved']} moved with their words, {counts['orphaned']} not found (kept as "
        f"orphans){found}"
    )


def cmd_set_text(library: Library, args: argparse.Namespace) -> int:
    from core.capture.decode import decode
    from core.highlights import retext

    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as error:
            raise BadInput(f"Cannot read {args.file}: {error.strerror or error}.") from error
    say(_counts(args.id, retext.replace_text(library, args.id, decode(data, None))))
    return 0


def cmd_reextract(library: Library, args: argparse.Namespace) -> int:
    from core.highlights import retext

    failed = 0
    for clipping_id in args.ids:
        try:
            say(_counts(clipping_id, retext.extract_again(library, clipping_id)))
        except CuttingsError as error:
            failed += 1
            say(f"clipping {clipping_id}: {error}")
    return 1 if failed else 0
