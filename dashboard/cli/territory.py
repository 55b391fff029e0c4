"""``zones``, ``front`` and ``supply`` subcommands: territory and roads on a date.

Registered in :data:`dashboard.cli.COMMANDS`; the shared options come from
:mod:`dashboard.cli.options`.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from dashboard.cli.options import data_option, iso_date, json_option, text_table
from dashboard.core.errors import UsageError
from dashboard.core.geo.geojson import to_feature_collection
from dashboard.core.geo.outline import outline_for
from dashboard.core.geo.roads import default_base, held_places, load_road_graph, supply
from dashboard.core.geo.territory import control_zones, front_lines
from dashboard.core.model import Model


def _common(sub: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A subparser with ``--date``, ``--data`` and ``--json``."""
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("--date", type=iso_date, required=True)
    data_option(parser)
    json_option(parser)
    return parser


def register_zones(sub: Any) -> None:
    """``zones --date D``: one GeoJSON (Multi)Polygon per faction with its area in km²."""
    parser = _common(sub, "zones", "area held by each faction (Voronoi cells of its places)")
    parser.set_defaults(handler=cmd_zones)


def register_front(sub: Any) -> None:
    """``front --date D``: the front lines between hostile factions' zones."""
    parser = _common(sub, "front", "front lines: shared borders of hostile factions' zones")
    parser.set_defaults(handler=cmd_front)


def register_supply(sub: Any) -> None:
    """``supply --date D --faction F [--base PLACE]``: held places connected by road."""
    parser = _common(sub, "supply", "a faction's places connected by road to its rear base")
    parser.add_argument("--faction", required=True)
    parser.add_argument("--base", metavar="PLACE", help="rear base (default: per faction)")
    parser.set_defaults(handler=cmd_supply)


def _zones(model: Model, args: argparse.Namespace) -> Any:
    return control_zones(model.state(args.date), outline_for(model.data))


def cmd_zones(args: argparse.Namespace) -> int:
    """Print the zones as GeoJSON or as a faction/area table."""
    zones = _zones(Model.load(args.data), args)
    if args.json:
        print(json.dumps(to_feature_collection(zones), ensure_ascii=False))
        return 0
    rows = [{"faction": r.faction, "area_km2": f"{r.area_km2:,.0f}"} for r in zones.itertuples()]
    print(text_table(rows, ("faction", "area_km2")))
    print("(equal-area km²; cells of places with unknown control are left out)")
    return 0


def cmd_front(args: argparse.Namespace) -> int:
    """Print the front lines as GeoJSON or as a table of lengths."""
    front = front_lines(_zones(Model.load(args.data), args))
    if args.json:
        print(json.dumps(to_feature_collection(front), ensure_ascii=False))
        return 0
    rows = [
        {"factions": r.factions, "length_km": f"{r.length_km:,.1f}"} for r in front.itertuples()
    ]
    print(text_table(rows, ("factions", "length_km")))
    return 0


def cmd_supply(args: argparse.Namespace) -> int:
    """Print which of a faction's places are connected by road to its base."""
    model = Model.load(args.data)
    if args.faction not in model.factions:
        known = ", ".join(model.factions)
        raise UsageError(f"unknown faction {args.faction!r} (known: {known})")
    state, graph = model.state(args.date), load_road_graph(model.data)
    bases = model.data.info.rear_bases.get(args.faction, ())
    base = model.resolve_place(args.base) if args.base else None
    base = base or default_base(state, graph, args.faction, bases)
    result = supply(state, graph, args.faction, base)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(_supply_text(args, base, base in held_places(state, args.faction), result))
    return 0


def _supply_text(args: argparse.Namespace, base: str | None, held: bool, result: Any) -> str:
    """Readable summary of a supply result."""
    head = f"{args.faction} on {args.date}, rear base {base}"
    if base is None:
        head = f"{args.faction} on {args.date}: no rear base (it holds no place on a road)"
    elif not held:
        head += f" — not held by {args.faction}, so every place it holds is cut off"
    lines = [head]
    for key, label in (("connected", "connected"), ("cut_off", "cut off")):
        names = result[key]
        lines.append(f"{label} ({len(names)}): {', '.join(names) if names else '-'}")
    return "\n".join(lines)
