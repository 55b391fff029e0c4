"""Subcommands ``import acled``, ``import csv``, ``geocode`` and ``export`` (see cli.COMMANDS).

Every file is written atomically; bad input raises DataError/ValueError, which
:func:`dashboard.cli.main` turns into exit code 2 with one line per problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from dashboard.cli_ledger import queue_import_review
from dashboard.core.acled import import_acled_file, read_faction_map
from dashboard.core.atomic import atomic_write_bytes, atomic_write_text
from dashboard.core.export import (
    FORMATS,
    ExportFormat,
    events_csv_bytes,
    events_path,
    export_bytes,
    register_format,
)
from dashboard.core.geocode import Geocoder, Match
from dashboard.core.importer import ImportResult, import_csv_file, parse_mapping, review_path
from dashboard.core.io import geo_file, load_gazetteer, resolve_data_dir
from dashboard.core.model import Model
from dashboard.core.schema import PLACES_FILE

BIG_FILE_BYTES = 20 * 2**20


def queue_option(p: argparse.ArgumentParser) -> None:
    """``--queue``: also put the rows for review in the data folder's team ledger."""
    p.add_argument("--queue", action="store_true", help="queue the review rows in --data's ledger")


CANDIDATE_COLUMNS = ("name", "country", "lat", "lon", "population", "geonameid", "source", "score")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r} (expected YYYY-MM-DD)") from None


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- import -----------------------------------------------------------------------------------


def register_import(sub: Any) -> None:
    """``import acled FILE`` and ``import csv FILE --map ...``."""
    p = sub.add_parser("import", help="convert an ACLED export or any CSV sheet to an event table")
    kinds = p.add_subparsers(dest="kind", required=True)
    a = kinds.add_parser("acled", help="convert an ACLED export (writes OUT and OUT.review.csv)")
    a.add_argument("file", help="ACLED CSV export (dyadic or monadic, any ACLED column layout)")
    a.add_argument(
        "--factions", metavar="MAP.csv", help="faction,pattern rules (regex, first match wins)"
    )
    a.add_argument("-o", "--out", required=True, metavar="OUT.csv", help="event table to write")
    a.add_argument("--data", metavar="DIR", help="data folder whose geo/places.csv names places")
    queue_option(a)
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
    c.add_argument(
        "--data", metavar="DIR", help="data folder whose geo/places.csv is searched first"
    )
    queue_option(c)
    c.set_defaults(handler=cmd_import_csv)


def cmd_import_acled(args: argparse.Namespace) -> int:
    """Convert an ACLED export; print the summary."""
    _check_output(args.file, args.out)
    factions = read_faction_map(args.factions) if args.factions else None
    gazetteer = load_gazetteer(geo_file(resolve_data_dir(args.data), PLACES_FILE))
    _announce(Path(args.file))
    result = import_acled_file(args.file, factions, gazetteer, progress=_stderr)
    code = _write_import(result, Path(args.out))
    if args.queue:
        queue_import_review(args.data, result.review, f"import acled {Path(args.file).name}", None)
    return code


def cmd_import_csv(args: argparse.Namespace) -> int:
    """Convert a spreadsheet with a column mapping; print the summary."""
    _check_output(args.file, args.out)
    mapping = parse_mapping(args.map)
    geocoder = _geocoder(args.data, not args.no_geonames)
    result = import_csv_file(args.file, mapping, geocoder, args.country)
    code = _write_import(result, Path(args.out))
    if args.queue:
        queue_import_review(args.data, result.review, f"import csv {Path(args.file).name}", mapping)
    return code


def _check_output(source: str, out: str) -> None:
    target = Path(out)
    if target.exists() and Path(source).exists() and target.samefile(source):
        raise ValueError("-o must not be the input file")
    if not target.parent.is_dir():
        raise ValueError(f"output folder not found: {target.parent}")


def _announce(path: Path) -> None:
    size = path.stat().st_size if path.exists() else 0
    if size > BIG_FILE_BYTES:
        _stderr(f"reading {path} ({size / 2**20:.0f} MB)…")


def _write_import(result: ImportResult, out: Path) -> int:
    """Write the review report (always) and the event table (when any row converted)."""
    review = review_path(out)
    atomic_write_text(review, result.review_csv())
    for line in result.summary_lines():
        print(line)
    if result.events.empty:
        raise ValueError(
            f"no row could be imported; {len(result.review):,} rows for review in {review}"
        )
    atomic_write_text(out, result.events_csv())
    print(f"wrote {out} ({len(result.events):,} events)")
    print(f"wrote {review} ({len(result.review):,} rows for review)")
    if out.parent.name == "events":
        _stderr(f"note: move {review.name} out of {out.parent} before loading: every *.csv is read")
    return 0


def _geocoder(data: str | None, use_geonames: bool = True) -> Geocoder:
    return Geocoder.from_places_csv(geo_file(resolve_data_dir(data), PLACES_FILE), use_geonames)


# --- geocode ----------------------------------------------------------------------------------


def register_geocode(sub: Any) -> None:
    """``geocode NAME [--country CC] [--json]``."""
    p = sub.add_parser("geocode", help="offline candidates for a place name (exit 2 if unresolved)")
    p.add_argument("name")
    p.add_argument("--country", metavar="CC", help="ISO 3166 alpha-2 code, e.g. LY")
    p.add_argument("--limit", type=int, default=5, help="candidates to show (default 5)")
    p.add_argument(
        "--data", metavar="DIR", help="data folder whose geo/places.csv is searched first"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_geocode)


def cmd_geocode(args: argparse.Namespace) -> int:
    """Print the candidates; exit 0 when the name resolves to one place, 2 otherwise."""
    match = _geocoder(args.data).lookup(args.name, args.country, max(1, args.limit))
    if args.json:
        print(json.dumps(_match_dict(match), ensure_ascii=False, indent=1))
    else:
        print(_candidate_table(match))
    if not match.ok:
        _stderr(match.reason)
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
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in CANDIDATE_COLUMNS}
    lines = ["  ".join(k.ljust(widths[k]) for k in CANDIDATE_COLUMNS)]
    lines += ["  ".join(str(r[k]).ljust(widths[k]) for k in CANDIDATE_COLUMNS) for r in rows]
    verdict = "resolved" if match.ok else match.status
    return "\n".join([*lines, f"{verdict}: {match.query!r}"])


# --- export -----------------------------------------------------------------------------------


def _html_renderer(model: Model, day: dt.date, factions: list[str] | None) -> bytes:
    """``--format html`` via ``dashboard.ui.mapview.standalone_html(model, day, factions)``."""
    try:
        mapview = importlib.import_module("dashboard.ui.mapview")
    except ModuleNotFoundError as err:
        if err.name not in ("dashboard.ui", "dashboard.ui.mapview"):
            raise
        mapview = None
    standalone = getattr(mapview, "standalone_html", None)
    if standalone is None:
        raise ValueError(
            "--format html is not available yet: dashboard/ui/mapview.py has no standalone_html()"
        )
    return str(standalone(model, day, factions)).encode("utf-8")


register_format(ExportFormat("html", ".html", "text/html", _html_renderer))


def register_export(sub: Any) -> None:
    """``export --date D [--faction F ...] --format csv|geojson|html -o FILE [--events]``."""
    p = sub.add_parser("export", help="write the control state on a date as CSV, GeoJSON or HTML")
    p.add_argument("--date", type=_iso_date, required=True)
    p.add_argument("--faction", action="append", help="only places this faction holds (repeatable)")
    p.add_argument("--format", default="csv", choices=sorted(FORMATS), help="default: csv")
    p.add_argument("-o", "--out", required=True, metavar="FILE")
    p.add_argument(
        "--events",
        action="store_true",
        help="csv: also write the events up to the date to FILE.events.csv",
    )
    p.add_argument("--data", metavar="DIR", help="data folder (events/, geo/)")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export atomically; with ``--events`` (csv) a second events file."""
    out = Path(args.out)
    if not out.parent.is_dir():
        raise ValueError(f"output folder not found: {out.parent}")
    model = Model.load(args.data)
    data = export_bytes(model, args.date, args.format, args.faction)
    atomic_write_bytes(out, data)
    print(f"wrote {out} ({args.format}, state on {args.date})")
    if args.events:
        if args.format != "csv":
            _stderr(f"note: --events applies to csv; {args.format} already lists events per place")
        else:
            extra = events_path(out)
            atomic_write_bytes(extra, events_csv_bytes(model, args.date, args.faction))
            print(f"wrote {extra} (events up to {args.date})")
    return 0
