"""Searching, and the searches kept under a name."""

from __future__ import annotations

import argparse
import sys

from core.library import Library
from ui.cli.base import command, emit, json_option, say


def register(commands: argparse._SubParsersAction) -> None:
    search = command(commands, "search", cmd_search, "search the library", writes=False)
    search.add_argument(
        "query", nargs="*", metavar="QUERY", help='words, "phrases", pre*, -not, topic:, ...'
    )
    search.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    search.add_argument("--offset", type=int, default=0, help="skip this many first")
    search.add_argument(
        "--sort", choices=("relevance", "date"), default=None, help="relevance (words) or date"
    )
    search.add_argument("--saved", metavar="NAME", help="run a saved search (QUERY narrows it)")
    json_option(search)

    save = command(commands, "save-search", cmd_save, "keep a search under a name")
    save.add_argument("name", help="the name it is kept under")
    save.add_argument("query", help="the search, in the query language")
    save.add_argument(
        "--sort", choices=("relevance", "date"), default="relevance", help="its order"
    )

    searches = command(commands, "searches", cmd_searches, "list saved searches", writes=False)
    json_option(searches)

    forget = command(commands, "forget-search", cmd_forget, "delete a saved search")
    forget.add_argument("name", help="the saved search's name")


def cmd_search(library: Library, args: argparse.Namespace) -> int:
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
        say(f"{hit.id:>6}  {meta}  {hit.title}")
        if hit.why:
            say(f"        Why it matters: {hit.why}")
        say(f"        {hit.snippet_plain()}")
    return 0


def cmd_save(library: Library, args: argparse.Namespace) -> int:
    from core import saved

    saved.save(library, args.name, args.query, args.sort)
    say(f"saved search {args.name!r}")
    return 0


def cmd_searches(library: Library, args: argparse.Namespace) -> int:
    from core import saved

    rows = saved.all_saved(library)
    if args.json:
        emit(rows)
        return 0
    if not rows:
        print("No saved searches yet.")
    for row in rows:
        say(f"{row['name']}: {row['query']} ({row['sort']})")
    return 0


def cmd_forget(library: Library, args: argparse.Namespace) -> int:
    from core import saved

    saved.delete(library, args.name)
    say(f"deleted the saved search {args.name!r}")
    return 0
