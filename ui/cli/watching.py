"""Watching feeds from the command line: the sources, the rules, the Inbox, and a polling
round for cron or a systemd timer (`watch --once`)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from core.library import Library
from ui.cli.base import command, emit, json_option, progress, say


def register(commands: argparse._SubParsersAction) -> None:
    listing = command(
        commands,
        "sources",
        cmd_sources,
        "the feeds and news sitemaps watched, each with its last result",
        writes=lambda args: args.action is not None,
    )
    json_option(listing)
    actions = listing.add_subparsers(dest="action", metavar="ACTION")
    add = _sub(actions, "add", cmd_source_add, "watch a feed, a news sitemap, or a site's feed")
    add.add_argument("url", metavar="URL", help="a feed, a news sitemap, or a page linking a feed")
    add.add_argument("--name", metavar="N", help="what to call it (default: the feed's title)")
    add.add_argument(
        "--interval", type=int, metavar="MIN", help="minutes between checks (default 30)"
    )
    add.add_argument("--outlet", metavar="O", help="the outlet its items are from")
    remove = _sub(actions, "remove", cmd_source_remove, "stop watching a source")
    remove.add_argument("name", metavar="NAME", help="the source's name (or address)")

    watch = command(
        commands, "watch", cmd_watch, "check the sources that are due and propose what matches"
    )
    watch.add_argument(
        "--once", action="store_true", help="one round, then exit (for cron or a systemd timer)"
    )
    watch.add_argument("--all", action="store_true", help="check every source, due or not")
    json_option(watch)

    rules_list = command(commands, "rules", cmd_rules, "the rules, what each does", writes=False)
    json_option(rules_list)
    rule = commands.add_parser("rule", help="add, preview, apply or remove a rule")
    rule_actions = rule.add_subparsers(dest="action", required=True, metavar="ACTION")
    add_rule = _sub(rule_actions, "add", cmd_rule_add, "keep a rule (replacing one so named)")
    add_rule.add_argument("name", metavar="NAME", help="the rule's name")
    add_rule.add_argument("query", metavar="QUERY", help="a search in the query language")
    add_rule.add_argument(
        "--propose", action="store_true", help="propose matching feed items to the Inbox"
    )
    add_rule.add_argument(
        "--topic", action="append", default=[], metavar="T", help="give matching clippings T"
    )
    preview = _sub(
        rule_actions, "preview", cmd_rule_preview, "the clippings the rule would tag", False
    )
    preview.add_argument("name", metavar="NAME", help="the rule's name")
    preview.add_argument("--limit", type=int, default=50, help="list at most this many")
    json_option(preview)
    apply = _sub(rule_actions, "apply", cmd_rule_apply, "tag the clippings its preview lists")
    apply.add_argument("name", metavar="NAME", help="the rule's name")
    json_option(apply)
    drop = _sub(rule_actions, "remove", cmd_rule_remove, "delete a rule")
    drop.add_argument("name", metavar="NAME", help="the rule's name")
    unmute = _sub(rule_actions, "unmute", cmd_rule_unmute, "propose from an outlet again")
    unmute.add_argument("name", metavar="NAME", help="the rule's name")
    unmute.add_argument("outlet", metavar="OUTLET", help="the muted outlet")

    box = command(
        commands,
        "inbox",
        cmd_inbox,
        "what rules proposed from the feeds, newest first",
        writes=lambda args: args.action is not None,
    )
    box.add_argument("--rule", metavar="NAME", help="only what this rule proposed")
    json_option(box)
    box_actions = box.add_subparsers(dest="action", metavar="ACTION")
    accept = _sub(box_actions, "accept", cmd_accept, "clip them in full, as by their address")
    accept.add_argument("ids", nargs="+", type=int, metavar="ID", help="Inbox numbers")
    accept.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    json_option(accept)
    for name, handler, help in (
        ("dismiss", cmd_dismiss, "never propose them again"),
        ("keep", cmd_keep, "keep them past 14 days"),
    ):
        parser = _sub(box_actions, name, handler, help)
        parser.add_argument("ids", nargs="+", type=int, metavar="ID", help="Inbox numbers")
    mute = _sub(box_actions, "mute", cmd_mute, "propose nothing more from its outlet")
    mute.add_argument("id", type=int, metavar="ID", help="an Inbox number")
    mute.add_argument("--rule", metavar="NAME", help="for this rule only (default: its rules)")


def _sub(
    actions: argparse._SubParsersAction, name: str, handler: Any, help: str, writes: bool = True
) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler, writes=lambda _args, w=writes: w)
    return parser


# -- sources --------------------------------------------------------------------------------


def cmd_sources(library: Library, args: argparse.Namespace) -> int:
    from core.watch import sources

    rows = sources.all_sources(library)
    if args.json:
        emit([{**r, "result": sources.describe(r)} for r in rows])
        return 0
    if not rows:
        print("No sources yet: cuttings sources add URL (a feed, or a site's page).")
    for row in rows:
        checked = (row["last_checked"] or "never")[:16].replace("T", " ")
        say(f"{row['name']}  ({row['outlet'] or 'no outlet'}, every {row['interval_minutes']} min)")
        say(f"    {row['url']}")
        say(f"    last checked {checked}: {sources.describe(row)}")
    return 0


def cmd_source_add(library: Library, args: argparse.Namespace) -> int:
    from core.watch import sources

    row = sources.add(library, args.url, name=args.name, interval=args.interval, outlet=args.outlet)
    kind = "news sitemap" if row["kind"] == "sitemap" else "feed"
    say(
        f"watching {row['name']!r}: a {kind} of {row['items']} item(s) from "
        f"{row['outlet'] or 'an unnamed outlet'}, every {row['interval_minutes']} min"
    )
    if row["site"] and row["site"] != row["url"]:
        say(f"    found on {row['site']}: {row['url']}")
    for other in row["others"][:5]:
        say(f"    the page also links {other}")
    return 0


def cmd_source_remove(library: Library, args: argparse.Namespace) -> int:
    from core.watch import sources

    row = sources.remove(library, args.name)
    say(f"no longer watching {row['name']!r}")
    return 0


def cmd_watch(library: Library, args: argparse.Namespace) -> int:
    from core.watch import polling

    while True:
        with progress("sources", quiet=args.json) as step:
            result = polling.poll(library, every=args.all, progress=step)
        _report_round(library, result, args.json)
        if args.once:
            return 1 if result.checked and len(result.failed) == result.checked else 0
        time.sleep(60)  # until Ctrl+C; each source still waits for its own interval


def _report_round(library: Library, result: Any, as_json: bool) -> None:
    from core.watch import inbox

    shown = {r["id"]: r for r in inbox.proposals(library)}
    if as_json:
        emit({**result.as_json(), "items": [shown[i] for i in result.proposed if i in shown]})
        return
    say(result.summary())
    for name, reason in result.failed:
        say(f"    {name}: {reason}")
    for item_id in result.proposed:
        if item_id in shown:
            row = shown[item_id]
            say(f"{item_id:>6}  {row['outlet'] or ''}  {row['title']}  [{row['rules']}]")


# -- rules -----------------------------------------------------------------------------------


def cmd_rules(library: Library, args: argparse.Namespace) -> int:
    from core.watch import rules

    found = rules.all_rules(library)
    if args.json:
        emit([r.as_json() for r in found])
        return 0
    if not found:
        print('No rules yet: cuttings rule add NAME "QUERY" --propose --topic T')
    for rule in found:
        say(f"{rule.name}: {rule.query}  ({rule.does()})")
        if rule.muted:
            say(f"    muted: {', '.join(rule.muted)}")
    return 0


def cmd_rule_add(library: Library, args: argparse.Namespace) -> int:
    from core.watch import inbox, rules

    rule = rules.add(library, args.name, args.query, propose=args.propose, topics=args.topic)
    say(f"rule {rule.name!r} {rule.does()}")
    recent = inbox.propose_recent(library, rule.name)
    if recent:
        say(f"    {len(recent)} item(s) the feeds showed lately match it: now in the Inbox")
    if rule.topics:
        shown = rules.preview(library, rule.name)
        if shown.to_tag:
            say(
                f"    {len(shown.to_tag)} clipping(s) already in the library match and lack its "
                f"topics: cuttings rule preview {rule.name!r}, then rule apply"
            )
    return 0


def cmd_rule_preview(library: Library, args: argparse.Namespace) -> int:
    from core.watch import rules

    shown = rules.preview(library, args.name)
    if args.json:
        emit(shown.as_json())
        return 0
    _list_preview(shown, args.limit, "would get")
    return 0


def _list_preview(shown: Any, limit: int, verb: str) -> None:
    topics = ", ".join(shown.rule.topics) or "no topics"
    say(
        f"{shown.rule.name!r} matches {shown.matched} clipping(s); {len(shown.to_tag)} {verb} "
        f"{topics}"
    )
    for row in shown.to_tag[: max(0, limit)]:
        date = (row["published"] or "----------")[:10]
        say(f"{row['id']:>6}  {date}  {row['outlet'] or ''}  {row['title']}")
    if len(shown.to_tag) > limit:
        say(f"    ... and {len(shown.to_tag) - limit} more")


def cmd_rule_apply(library: Library, args: argparse.Namespace) -> int:
    from core.watch import rules

    shown = rules.apply(library, args.name)
    if args.json:
        emit(shown.as_json())
        return 0
    _list_preview(shown, 20, "got")
    return 0


def cmd_rule_remove(library: Library, args: argparse.Namespace) -> int:
    from core.watch import rules

    rule = rules.remove(library, args.name)
    say(f"deleted the rule {rule.name!r}")
    return 0


def cmd_rule_unmute(library: Library, args: argparse.Namespace) -> int:
    from core.watch import rules

    rules.unmute(library, args.name, args.outlet)
    say(f"{args.name!r} proposes items from {args.outlet!r} again")
    return 0


# -- the Inbox -------------------------------------------------------------------------------


def cmd_inbox(library: Library, args: argparse.Namespace) -> int:
    from core.watch import inbox

    rows = inbox.proposals(library, rule=args.rule)
    if args.json:
        emit(rows)
        return 0
    if not rows:
        print("The Inbox is empty.")
    for row in rows:
        date = (row["published"] or row["first_seen"] or "")[:16].replace("T", " ")
        kept = "  (kept)" if row["kept"] else ""
        say(f"{row['id']:>6}  {date}  {row['outlet'] or ''}  {row['title']}{kept}")
        say(f"        [{row['rules'] or 'no rule'}] {row['summary'][:160]}")
        if row["reason"]:
            say(f"        last try: {row['reason']}")
    return 0


def cmd_accept(library: Library, args: argparse.Namespace) -> int:
    from core.watch import accepting

    with progress("articles", quiet=args.json) as step:
        report = accepting.accept(library, args.ids, jobs=args.jobs, progress=step)
    if args.json:
        emit(
            {
                "clipped": [{"item": i, "clipping": c, "status": s} for i, c, s in report.clipped],
                "failed": [{"item": i, "reason": r} for i, r in report.failed],
                "stopped": report.stopped,
            }
        )
    else:
        for item_id, clipping_id, status in report.clipped:
            word = "clipped as" if status == "added" else "already in the library as"
            say(f"{item_id:>6}  {word} {clipping_id}")
        for item_id, reason in report.failed:
            say(f"{item_id:>6}  not clipped: {reason}")
        say(report.summary())
    return 1 if report.failed and not report.clipped else 0


def cmd_dismiss(library: Library, args: argparse.Namespace) -> int:
    from core.watch import inbox

    done = inbox.dismiss(library, args.ids)
    say(f"dismissed {len(done)} item(s)")
    return 0


def cmd_keep(library: Library, args: argparse.Namespace) -> int:
    from core.watch import inbox

    done = inbox.keep(library, args.ids)
    say(f"keeping {len(done)} item(s) past {inbox.KEEP_DAYS} days")
    return 0


def cmd_mute(library: Library, args: argparse.Namespace) -> int:
    from core.watch import inbox

    for rule, outlet in inbox.mute(library, args.id, args.rule):
        say(f"{rule!r} proposes nothing more from {outlet!r}")
    return 0
