"""Subcommands of the team ledger: ``add``, ``history``, ``ledger export|bind``, ``review``,
``user``.

The CLI is for trusted local operators: ``--by NAME`` records the author without a login,
but it must name an enabled account whose role may do the action (editor for ``add``,
reviewer for ``review approve|reject``).
Every save is validated exactly as the loader validates (exit 2 with one line per problem,
nothing written); see :mod:`dashboard.core.ledger`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from dashboard.cli.options import data_option, json_option, output_folder, stderr, write_output
from dashboard.cli.terminal import field
from dashboard.core.errors import DataError, Problem
from dashboard.core.io.load import load_dataset, resolve_data_dir
from dashboard.core.ledger import chain
from dashboard.core.ledger.accounts import (
    add_user,
    check_account,
    disable_user,
    remove_user,
    unlock_user,
)
from dashboard.core.ledger.base import bind_tables
from dashboard.core.ledger.export import export_team_events
from dashboard.core.ledger.queue import approve, queue_items, reject
from dashboard.core.ledger.read import LedgerDB, history_entries, open_ledger
from dashboard.core.ledger.tables import ROLES
from dashboard.core.ledger.writes import add_event
from dashboard.core.schema import CONFIDENCES


def _ledger(args: argparse.Namespace) -> LedgerDB:
    return open_ledger(resolve_data_dir(args.data))


def _data(p: argparse.ArgumentParser) -> None:
    data_option(p, "data folder (events/, geo/, its team ledger)")


def register_add(sub: Any) -> None:
    """``add --date D --place P --controller F --confidence C --source-title T … --by NAME``."""
    p = sub.add_parser("add", help="add a sourced event to the team ledger (validated)")
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--place", required=True, help="place name (case and spelling tolerant)")
    p.add_argument("--controller", required=True, help="faction holding it from this date")
    p.add_argument("--confidence", required=True, help=", ".join(CONFIDENCES))
    p.add_argument("--source-title", required=True)
    p.add_argument("--source-url", default="")
    p.add_argument("--lat", default="", help="WGS84 degrees (with --lon; else the gazetteer)")
    p.add_argument("--lon", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--by", required=True, metavar="NAME", help="author recorded in the history")
    _data(p)
    p.set_defaults(handler=cmd_add)


def cmd_add(args: argparse.Namespace) -> int:
    db = _ledger(args)
    check_account(db, args.by, "edit")
    known = load_dataset(db.data_dir).gazetteer.resolve(args.place.strip())
    row = {
        "date": args.date, "place": known or args.place, "lat": args.lat, "lon": args.lon,
        "controller": args.controller, "confidence": args.confidence,
        "source_title": args.source_title, "source_url": args.source_url, "notes": args.notes,
    }  # fmt: skip
    entry = add_event(db, row, args.by)
    print(
        f"saved {entry['event_id']} ({row['place']}, {args.date}, {args.controller}) in {db.label}"
    )
    return 0


def register_history(sub: Any) -> None:
    """``history [--json]``."""
    p = sub.add_parser("history", help="every change in the team ledger, oldest first")
    json_option(p)
    p.add_argument(
        "--verify", action="store_true", help="check the history's hash chain (exit 2 if broken)"
    )
    _data(p)
    p.set_defaults(handler=cmd_history)


def cmd_history(args: argparse.Namespace) -> int:
    if args.verify:
        return _verify_history(_ledger(args))
    return _print_rows(
        history_entries(_ledger(args)),
        args.json,
        lambda e: "  ".join(
            field(e[k]) for k in ("at", "by", "action", "event_id", "reason")
        ).rstrip(),
        "(no changes yet)",
    )


def _verify_history(db: LedgerDB) -> int:
    verdict = chain.verify(db)
    if verdict.problems:
        raise DataError([Problem(db.label, 0, p) for p in verdict.problems])
    before = f", {verdict.unchained} older entries before the chain" if verdict.unchained else ""
    print(f"history chain ok: {verdict.checked} entries{before}; head {verdict.head}")
    return 0


def _print_rows(rows: list[dict[str, Any]], as_json: bool, line: Any, empty: str) -> int:
    """Print rows as JSON, or one ``line(row)`` each (``empty`` when there are none)."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        print(line(row))
    if not rows:
        print(empty)
    return 0


def register_ledger(sub: Any) -> None:
    """``ledger export -o FILE``, ``ledger bind --by NAME``."""
    p = sub.add_parser("ledger", help="the team ledger as a Frontline CSV; its base tables")
    kinds = p.add_subparsers(dest="ledger_command", required=True)
    e = kinds.add_parser("export", help="write the team's events as an event table")
    e.add_argument("-o", "--out", required=True, metavar="FILE")
    _data(e)
    e.set_defaults(handler=cmd_ledger_export)
    b = kinds.add_parser(
        "bind", help="record this data folder's CSV tables as the ones saves validate against"
    )
    b.add_argument("--by", required=True, metavar="NAME", help="operator recorded with it")
    _data(b)
    b.set_defaults(handler=cmd_ledger_bind)


def cmd_ledger_bind(args: argparse.Namespace) -> int:
    db = _ledger(args)
    changed = bind_tables(db, args.by.strip() or "operator")
    what = "; ".join(changed) if changed else "no table changed"
    print(f"dataset {db.dataset!r} bound to this folder's tables in {db.label} ({what})")
    return 0


def cmd_ledger_export(args: argparse.Namespace) -> int:
    out = output_folder(args.out)
    result = export_team_events(_ledger(args))
    write_output(out, result.data)
    print(f"wrote {out} ({result.rows} events)")
    for label, ids in (("replace", result.replaces), ("were retracted", result.retracts)):
        if ids:
            stderr(f"note: these CSV rows {label} in the ledger; delete them from the CSV "
                   f"tables when committing {out.name}: {', '.join(ids)}")  # fmt: skip
    return 0


def register_review(sub: Any) -> None:
    """``review list|approve ID|reject ID [--why W] --by NAME``."""
    p = sub.add_parser("review", help="the queue of imported rows that need a reviewer")
    kinds = p.add_subparsers(dest="review_command", required=True)
    ls = kinds.add_parser("list", help="open rows, oldest first")
    json_option(ls)
    _data(ls)
    ls.set_defaults(handler=cmd_review_list)
    for name, handler in (("approve", cmd_review_approve), ("reject", cmd_review_reject)):
        q = kinds.add_parser(name, help=f"{name} a queued row")
        q.add_argument("id", type=int)
        q.add_argument("--why", default="", help="reason (required to reject)")
        q.add_argument("--by", required=True, metavar="NAME")
        if name == "approve":
            for field in ("controller", "confidence", "place", "date", "lat", "lon", "notes"):
                q.add_argument(f"--{field}", help=f"set the event's {field}")
        _data(q)
        q.set_defaults(handler=handler)


def cmd_review_list(args: argparse.Namespace) -> int:
    return _print_rows(
        queue_items(_ledger(args)),
        args.json,
        lambda i: (
            f"{i['id']}  {field(i['candidate'].get('date', ''))}  "
            f"{field(i['candidate'].get('place', ''))}  {field(i['reason'])}  ({field(i['origin'])})"
        ),
        "(the review queue is empty)",
    )


def cmd_review_approve(args: argparse.Namespace) -> int:
    fields = ("controller", "confidence", "place", "date", "lat", "lon", "notes")
    changes = {f: getattr(args, f) for f in fields if getattr(args, f) is not None}
    db = _ledger(args)
    check_account(db, args.by, "review")
    entry = approve(db, args.id, args.by, changes, args.why)
    print(f"approved {args.id}: saved {entry['event_id']}")
    return 0


def cmd_review_reject(args: argparse.Namespace) -> int:
    db = _ledger(args)
    check_account(db, args.by, "review")
    reject(db, args.id, args.by, args.why)
    print(f"rejected {args.id}")
    return 0


def register_user(sub: Any) -> None:
    """``user add NAME --role editor|reviewer`` (password from stdin), ``user unlock|disable|
    remove NAME``."""
    p = sub.add_parser("user", help="editor and reviewer accounts")
    kinds = p.add_subparsers(dest="user_command", required=True)
    a = kinds.add_parser("add", help="create an account (or reset it); password from stdin")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=ROLES)
    _data(a)
    a.set_defaults(handler=cmd_user_add)
    for name, helps in USER_ACTIONS.items():
        u = kinds.add_parser(name, help=helps[0])
        u.add_argument("name")
        _data(u)
        u.set_defaults(handler=cmd_user_change)


USER_ACTIONS = {
    "unlock": ("clear an account's failed sign-ins and lockout", unlock_user, "unlocked"),
    "disable": ("refuse an account's sign-ins; its sessions are signed out", disable_user,
                "disabled (user add re-enables it)"),
    "remove": ("delete an account (its name stays in the history)", remove_user, "removed"),
}  # fmt: skip


def cmd_user_change(args: argparse.Namespace) -> int:
    _, change, done = USER_ACTIONS[args.user_command]
    db = _ledger(args)
    change(db, args.name)
    print(f"user {args.name.strip()} {done} in {db.label}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    db = _ledger(args)
    add_user(db, args.name, args.role, password)
    print(f"user {args.name.strip()} ({args.role}) saved in {db.label}")
    return 0
