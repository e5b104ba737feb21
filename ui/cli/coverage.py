"""Coverage from the command line: the counts behind each chart of the Analysis view, as a
table, CSV or JSON, over a search, a saved search or chosen clippings."""

from __future__ import annotations

import argparse
import sys

from core.errors import BadInput
from core.library import Library
from ui.cli.base import command, emit, say

CHARTS = ("time", "voice", "outlets", "quotes", "stories", "all")


def register(commands: argparse._SubParsersAction) -> None:
    coverage = command(
        commands,
        "coverage",
        cmd_coverage,
        "how much coverage, when, where and who: the counts behind the Analysis charts",
        writes=False,
    )
    coverage.add_argument(
        "query", nargs="*", metavar="QUERY", help="the search whose clippings are counted"
    )
    coverage.add_argument(
        "--chart",
        choices=CHARTS,
        default="time",
        help="clippings over time (default), share of voice, top outlets, quotes per "
        "speaker, copies per story, or all of them",
    )
    coverage.add_argument(
        "--by",
        choices=("day", "week", "month"),
        help="the period over time (default: chosen from the dates, days for a month)",
    )
    coverage.add_argument(
        "--split", choices=("topic", "speaker", "outlet"), help="one series for each"
    )
    coverage.add_argument(
        "--among",
        choices=("speaker", "topic"),
        default="speaker",
        help="share of voice among speakers (default) or topics",
    )
    coverage.add_argument(
        "--name",
        action="append",
        metavar="NAME",
        help="a speaker or topic for the share of voice (again for more; default: the most named)",
    )
    coverage.add_argument("--top", type=int, help="how many outlets, speakers, series or stories")
    coverage.add_argument("--saved", metavar="NAME", help="the clippings of a saved search")
    coverage.add_argument("--ids", help="comma-separated clipping ids instead of a search")
    coverage.add_argument(
        "--every-copy",
        action="store_true",
        help="count each wire copy, not only the original the list shows",
    )
    out = coverage.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON instead of a table")
    out.add_argument("--csv", action="store_true", help="print the table as CSV")


def cmd_coverage(library: Library, args: argparse.Namespace) -> int:
    from core.coverage import counts

    if args.top is not None and args.top < 1:
        raise BadInput("--top needs at least 1.")
    if args.csv and args.chart == "all":
        raise BadInput("--csv prints one table: choose a --chart.")
    if args.ids:
        try:
            ids = [int(i) for i in args.ids.split(",") if i.strip()]
        except ValueError as error:
            raise BadInput(f"--ids takes numbers separated by commas, not {args.ids!r}.") from error
        ids = library.require(ids)
    else:
        ids = counts.listed(
            library, " ".join(args.query), saved_search=args.saved, every_copy=args.every_copy
        )
    kinds = [k for k in CHARTS if k != "all"] if args.chart == "all" else [args.chart]
    charts = [
        counts.chart(
            library,
            ids,
            kind,
            by=args.by or "auto",
            split=args.split or "none",
            among=args.among,
            names=args.name,
            top=args.top,
        )
        for kind in kinds
    ]
    if args.json:
        emit(charts[0].as_json() if len(charts) == 1 else [c.as_json() for c in charts])
        return 0
    if args.csv:
        sys.stdout.write(charts[0].csv())
        if charts[0].note:
            print(charts[0].note, file=sys.stderr)
        return 0
    for index, chart in enumerate(charts):
        if index:
            print()
        say(f"{chart.title}: {chart.subtitle}")
        if chart.empty:
            print("Nothing to count here.")
        else:
            say(chart.text())
        if chart.note:
            say(chart.note)
    return 0
