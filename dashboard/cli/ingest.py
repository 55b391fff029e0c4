"""``import acled``, ``import csv`` and ``geocode``: other tables into event tables, offline.

Every file is written atomically; bad input raises a FrontlineError, which
:func:`dashboard.cli.main` turns into exit code 2 with one line per problem.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.cli.options import (
    data_option,
    json_option,
    output_folder,
    stderr,
    text_table,
    write_output,
)
from dashboard.core.dataset import read_info
from dashboard.core.errors import UsageError
from dashboard.core.ingest.acled.factionmap import faction_map_for, read_faction_map
from dashboard.core.ingest.acled.stream import stream_acled_file
from dashboard.core.ingest.geocode import Geocoder, Match
from dashboard.core.ingest.review import ImportResult, review_path, summary_lines
from dashboard.core.ingest.sheet import import_csv_file, parse_mapping
from dashboard.core.io.gazetteer import load_gazetteer
from dashboard.core.io.load import geo_file, resolve_data_dir
from dashboard.core.ledger.queue import ACLED_COLUMNS, enqueue
from dashboard.core.ledger.read import open_ledger
from dashboard.core.schema import PLACES_FILE

BIG_FILE_BYTES = 20 * 2**20
CANDIDATE_COLUMNS = ("name", "country", "lat", "lon", "population", "geonameid", "source", "score")


# --- import -----------------------------------------------------------------------------------


def register_import(sub: Any) -> None:
    """``import acled FILE`` and ``import csv FILE --map ...``."""
    p = sub.add_parser("import", help="convert an ACLED export or any CSV sheet to an event table")
    kinds = p.add_subparsers(dest="kind", required=True)
    a = kinds.add_parser("acled", help="convert an ACLED export (writes OUT and OUT.review.csv)")
    a.add_argument("file", help="ACLED CSV export (dyadic or monadic, any ACLED column layout)")
    a.add_argument(
        "--factions",
        metavar="MAP.csv",
        help="faction,pattern rules (regex, first match wins)",
    )
    a.add_argument("-o", "--out", required=True, metavar="OUT.csv", help="event table to write")
    data_option(a, "data folder whose geo/places.csv names places")
    _queue_option(a)
    a.set_defaults(handler=cmd_import_acled)
    c = kinds.add_parser("csv", help="map a sheet's columns to the event table; geocode offline")
    c.add_argument("file", help="CSV file with a header line")
    c.add_argument(
        "--map",
        action="append",
        required=True,
        metavar="TARGET=SOURCE,...",
        help="e.g. date=Date,place=Town,controller=Side,source_title=Source (repeatable)",
    )
    c.add_argument("--country", metavar="CC", help="ISO country code for geocoding, e.g. LY")
    c.add_argument("--no-geonames", action="store_true", help="geocode with places.csv only")
    c.add_argument("-o", "--out", required=True, metavar="OUT.csv", help="event table to write")
    data_option(c, "data folder whose geo/places.csv is searched first")
    _queue_option(c)
    c.set_defaults(handler=cmd_import_csv)


def cmd_import_acled(args: argparse.Namespace) -> int:
    """Convert an ACLED export; print the summary."""
    _check_output(args.file, args.out)
    folder = resolve_data_dir(args.data)
    factions = (
        read_faction_map(args.factions) if args.factions else faction_map_for(read_info(folder))
    )
    gazetteer = load_gazetteer(geo_file(folder, PLACES_FILE))
    _announce(Path(args.file))
    result = stream_acled_file(
        args.file, args.out, factions, gazetteer, progress=stderr, keep_review=args.queue
    )
    for line in summary_lines(result.counts):
        print(line)
    rows = result.counts["review_rows"]
    if result.events_path is None:
        raise UsageError(
            f"no row could be imported; {rows:,} rows for review in {result.review_path}"
        )
    print(f"wrote {args.out} ({result.counts['events']:,} events)")
    print(f"wrote {result.review_path} ({rows:,} rows for review)")
    _note_review_beside(Path(args.out))
    if result.review is not None:
        _queue(args, ImportResult(pd.DataFrame(), result.review, result.counts), "acled", None)
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    """Convert a spreadsheet with a column mapping; print the summary."""
    _check_output(args.file, args.out)
    mapping = parse_mapping(args.map)
    geocoder = _geocoder(args.data, not args.no_geonames)
    result = import_csv_file(args.file, mapping, geocoder, args.country)
    code = _write_import(result, Path(args.out))
    _queue(args, result, "csv", mapping)
    return code


def _queue_option(p: argparse.ArgumentParser) -> None:
    """``--queue``: also put the rows for review in the data folder's team ledger."""
    p.add_argument("--queue", action="store_true", help="queue the review rows in --data's ledger")


def _queue(
    args: argparse.Namespace, result: ImportResult, kind: str, mapping: dict[str, str] | None
) -> None:
    """With ``--queue``: the import's review rows go to the data folder's review queue."""
    if not args.queue:
        return
    db = open_ledger(resolve_data_dir(args.data))
    origin = f"import {kind} {Path(args.file).name}"
    count = enqueue(db, result.review, origin, mapping or ACLED_COLUMNS)
    print(f"queued {count} rows for review in {db.label}")


def _check_output(source: str, out: str) -> None:
    target = Path(out)
    if target.exists() and Path(source).exists() and target.samefile(source):
        raise UsageError("-o must not be the input file")
    output_folder(target)


def _announce(path: Path) -> None:
    size = path.stat().st_size if path.exists() else 0
    if size > BIG_FILE_BYTES:
        stderr(f"reading {path} ({size / 2**20:.0f} MB)…")


def _write_import(result: ImportResult, out: Path) -> int:
    """Write the review report (always) and the event table (when any row converted)."""
    review = review_path(out)
    write_output(review, result.review_bytes())
    for line in result.summary_lines():
        print(line)
    if result.events.empty:
        raise UsageError(
            f"no row could be imported; {len(result.review):,} rows for review in {review}"
        )
    write_output(out, result.events_bytes())
    print(f"wrote {out} ({len(result.events):,} events)")
    print(f"wrote {review} ({len(result.review):,} rows for review)")
    _note_review_beside(out)
    return 0


def _note_review_beside(out: Path) -> None:
    if out.parent.name == "events":
        review = review_path(out)
        stderr(f"note: move {review.name} out of {out.parent} before loading: every *.csv is read")


def _geocoder(data: str | None, use_geonames: bool = True) -> Geocoder:
    return Geocoder.from_places_csv(geo_file(resolve_data_dir(data), PLACES_FILE), use_geonames)


# --- geocode ----------------------------------------------------------------------------------


def register_geocode(sub: Any) -> None:
    """``geocode NAME [--country CC] [--json]``."""
    p = sub.add_parser("geocode", help="offline candidates for a place name (exit 2 if unresolved)")
    p.add_argument("name")
    p.add_argument("--country", metavar="CC", help="ISO 3166 alpha-2 code, e.g. LY")
    p.add_argument("--limit", type=int, default=5, help="candidates to show (default 5)")
    data_option(p, "data folder whose geo/places.csv is searched first")
    json_option(p)
    p.set_defaults(handler=cmd_geocode)


def cmd_geocode(args: argparse.Namespace) -> int:
    """Print the candidates; exit 0 when the name resolves to one place, 2 otherwise."""
    match = _geocoder(args.data).lookup(args.name, args.country, max(1, args.limit))
    if args.json:
        print(json.dumps(_match_dict(match), ensure_ascii=False, indent=1))
    else:
        print(_candidate_table(match))
    if not match.ok:
        stderr(match.reason)
        return 2
    return 0


def _match_dict(match: Match) -> dict[str, Any]:
    return {
        "query": match.query,
        "country": match.country,
        "status": match.status,
        "reason": match.reason or None,
        "spread_km": round(match.spread_km, 1),
        "candidates": [c.as_dict() for c in match.candidates],
    }


def _candidate_table(match: Match) -> str:
    rows = [
        {
            **c.as_dict(),
            "lat": f"{c.lat:.5f}",
            "lon": f"{c.lon:.5f}",
            "population": c.population or "-",
        }
        for c in match.candidates
    ]
    if not rows:
        return "(no candidates)"
    lines = [text_table(rows, CANDIDATE_COLUMNS)]
    verdict = "resolved" if match.ok else match.status
    return "\n".join([*lines, f"{verdict}: {match.query!r}"])
