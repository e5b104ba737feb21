"""Briefing packs from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.errors import BadInput
from core.library import Library
from core.words import plural
from ui.cli.base import command, say


def register(commands: argparse._SubParsersAction) -> None:
    export = command(
        commands,
        "export",
        cmd_export,
        "a briefing pack of the clippings a search (or --ids) finds",
        writes=False,
    )
    export.add_argument(
        "query", nargs="*", metavar="QUERY", help="the search whose clippings go in"
    )
    export.add_argument(
        "--format", choices=("pdf", "docx", "html", "md"), required=True, help="the file's kind"
    )
    export.add_argument("--out", type=Path, required=True, help="the file to write")
    export.add_argument("--ids", help="comma-separated clipping ids, in this order")
    export.add_argument("--saved", metavar="NAME", help="the clippings of a saved search")
    export.add_argument("--title", default="Briefing pack", help="on the cover")
    export.add_argument("--subtitle", default="", help="under the title")
    export.add_argument("--prepared-by", default="", help="who prepared it")
    export.add_argument("--organisation", default="", help="for whom")
    export.add_argument("--logo", type=Path, help="a PNG, JPEG or GIF for the cover")
    export.add_argument(
        "--group-by",
        choices=("none", "topic", "speaker", "outlet", "day"),
        default="none",
        help="sections",
    )
    export.add_argument(
        "--order", choices=("date", "outlet", "manual"), default=None, help="order within them"
    )
    export.add_argument("--excerpt", action="store_true", help="first paragraphs and the link")
    export.add_argument("--notes", action="store_true", help="include my notes (internal)")
    export.add_argument(
        "--no-highlights", action="store_true", help="leave my highlights and comments out"
    )
    export.add_argument(
        "--highlights-only", action="store_true", help="an excerpt of the highlighted passages"
    )
    export.add_argument("--no-notes", action="store_true", help=argparse.SUPPRESS)  # the default
    export.add_argument("--no-who", action="store_true", help='leave out "Who said what"')
    export.add_argument(
        "--all-quotes", action="store_true", help="every quote in an excerpt pack's Who said what"
    )
    export.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size")
    export.add_argument(
        "--coverage", action="store_true", help='a "Coverage" section: charts with their numbers'
    )
    export.add_argument(
        "--coverage-by",
        choices=("auto", "day", "week", "month"),
        default="auto",
        help="the period of its chart over time (default: chosen from the dates)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace --out even when it is an SQLite database (never the library itself)",
    )


def cmd_export(library: Library, args: argparse.Namespace) -> int:
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
        excerpt=args.excerpt or args.highlights_only,
        notes=args.notes,
        highlights=not args.no_highlights,
        highlights_only=args.highlights_only and not args.no_highlights,
        who_said_what=not args.no_who,
        all_quotes=args.all_quotes,
        paper=args.paper,
        coverage=args.coverage,
        coverage_by=args.coverage_by,
    )
    result = export(library, ids, options, args.format, args.out, replace_database=args.force)
    pages = f", {result.pages} pages" if result.pages else ""
    say(f"wrote {result.path} ({plural(result.clippings, 'clipping')}{pages})")
    for image in result.images:
        say(f"wrote {image} (a chart of its Coverage section)")
    return 0
