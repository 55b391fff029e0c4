"""Seeded synthetic conflict data, written as a Frontline data folder.

Places are random points inside the Libya outline (``data/geo/libya.geojson``); each
faction starts with the places nearest to its "capital". Control changes come in
*offensives*: an attacker takes places around a centre in a burst of days (most changes
early in the offensive, fewer later), and about a third of the offensives are answered by
a counter-offensive that retakes the same area (reversals). Context events (clashes,
strikes) cluster around the same offensives. A tenth of the changes are reported twice
(a second source on the same day, same controller). Every row has a ``source_title``;
control rows have a ``confidence``.

    .venv/bin/python -m bench.synth OUT_DIR --places 2000 --events 100000 [--seed 1]

Examples
--------
>>> import tempfile, pathlib
>>> from dashboard.core.io.load import load_dataset
>>> folder = generate(pathlib.Path(tempfile.mkdtemp()), places=20, events=300, seed=1)
>>> data = load_dataset(folder)
>>> len(data.events), len(data.places)
(300, 20)
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bench.synth_points import NEIGHBOURS, libya_points, nearest_places
from dashboard.core.schema import EVENT_COLUMNS, FACTIONS_FILE

ROOT = Path(__file__).resolve().parents[1]
START = dt.date(2019, 1, 1)
ROWS_PER_FILE = 250_000
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
PREFIXES = ("Bir", "Wadi", "Qasr", "Ain", "Suq", "Hisn", "Zawit", "Ras", "Jabal", "Khirbat")
CONTEXT_TYPES = ("clash", "airstrike", "shelling", "report")
CONFIDENCE = (("confirmed", 0.7), ("claimed", 0.2), ("disputed", 0.1))
PRECISION = (("day", 0.9), ("week", 0.07), ("month", 0.03))


@dataclass(frozen=True)
class Spec:
    """Size of a synthetic data folder (also its cache key)."""

    places: int
    events: int
    factions: int = 4
    days: int = 730
    seed: int = 0
    control_share: float = 0.3

    @property
    def name(self) -> str:
        """Folder name that encodes every parameter."""
        return (
            f"p{self.places}-e{self.events}-f{self.factions}-d{self.days}"
            f"-s{self.seed}-c{int(self.control_share * 100)}"
        )


def place_names(n: int) -> np.ndarray:
    """Unique readable place names (``Bir 00001``, ``Wadi 00002``…)."""
    return np.array([f"{PREFIXES[i % len(PREFIXES)]} {i:05d}" for i in range(n)], dtype=object)


def initial_holders(
    lat: np.ndarray, lon: np.ndarray, factions: int, rng: np.random.Generator
) -> np.ndarray:
    """Faction index of each place before the war: the faction of the nearest capital."""
    capitals = rng.choice(len(lat), size=min(factions, len(lat)), replace=False)
    d2 = (lat[:, None] - lat[None, capitals]) ** 2 + (lon[:, None] - lon[None, capitals]) ** 2
    return np.argmin(d2, axis=1)


def offensives(
    spec: Spec, changes: int, holder: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Offensives (centre place, attacker, start day, length, reach) with counter-offensives."""
    count = max(2, changes // 40)
    centre = rng.integers(0, spec.places, count)
    attacker = (holder[centre] + rng.integers(1, max(2, spec.factions), count)) % spec.factions
    start = rng.integers(1, max(2, spec.days - 30), count)
    length = rng.integers(3, 31, count)
    reach = rng.integers(4, NEIGHBOURS + 1, count)
    base = pd.DataFrame(
        {"centre": centre, "attacker": attacker, "start": start, "length": length, "reach": reach}
    )
    counter = base.sample(frac=1 / 3, random_state=int(rng.integers(0, 2**31))).copy()
    counter["attacker"] = holder[counter["centre"]]
    counter["start"] = counter["start"] + counter["length"] + rng.integers(5, 60, len(counter))
    both = pd.concat([base, counter], ignore_index=True)
    both["start"] = both["start"].clip(upper=spec.days - 1)
    return both


def _burst_days(
    ops: pd.DataFrame, which: np.ndarray, spec: Spec, rng: np.random.Generator
) -> np.ndarray:
    """Days within each chosen offensive: most early on (exponential), capped at its end."""
    offset = np.minimum(
        rng.exponential(ops["length"].to_numpy()[which] / 3), ops["length"].to_numpy()[which]
    )
    return np.minimum(ops["start"].to_numpy()[which] + offset.astype(np.int64), spec.days - 1)


def _in_area(
    ops: pd.DataFrame, which: np.ndarray, near: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A place near each chosen offensive's centre (nearer places more often)."""
    reach = np.minimum(ops["reach"].to_numpy()[which], near.shape[1])
    rank = np.minimum((rng.random(len(which)) ** 2 * reach).astype(np.int64), reach - 1)
    return near[ops["centre"].to_numpy()[which], rank]


def event_frame(
    spec: Spec, lat: np.ndarray, lon: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Integer-coded events: day, place, controller (-1 = context event), kind."""
    holder = initial_holders(lat, lon, spec.factions, rng)
    seeded = min(spec.places, spec.events // 2)
    initial = pd.DataFrame(
        {"day": rng.integers(0, 3, seeded), "place": rng.permutation(spec.places)[:seeded]}
    ).assign(controller=lambda f: holder[f["place"]], kind="status")
    rest = spec.events - seeded
    changes = int(rest * spec.control_share)
    ops = offensives(spec, changes, holder, rng)
    near = nearest_places(lat, lon)
    which = rng.integers(0, len(ops), changes)
    control = pd.DataFrame(
        {
            "day": _burst_days(ops, which, spec, rng),
            "place": _in_area(ops, which, near, rng),
            "controller": ops["attacker"].to_numpy()[which],
            "kind": "capture",
        }
    )
    context = _context(spec, rest - changes, ops, near, rng)
    frame = pd.concat([initial, control, context], ignore_index=True)
    return _one_controller_per_day(frame, rng)


def _context(
    spec: Spec, n: int, ops: pd.DataFrame, near: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Context events: 80 % around offensives, the rest anywhere, any day."""
    which = rng.integers(0, len(ops), n)
    anywhere = rng.random(n) < 0.2
    day = np.where(anywhere, rng.integers(0, spec.days, n), _burst_days(ops, which, spec, rng))
    place = np.where(anywhere, rng.integers(0, spec.places, n), _in_area(ops, which, near, rng))
    kind = np.asarray(CONTEXT_TYPES, dtype=object)[rng.integers(0, len(CONTEXT_TYPES), n)]
    return pd.DataFrame({"day": day, "place": place, "controller": -1, "kind": kind})


def _one_controller_per_day(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Same place and day: one controller (the others become clashes); a tenth of the
    changes get a second source (it replaces a context row, so the row count holds)."""
    ctrl = frame["controller"].to_numpy() >= 0
    first = frame[ctrl].drop_duplicates(["place", "day"])
    clash = frame.index[ctrl & ~frame.index.isin(first.index)]
    frame.loc[clash, "controller"] = -1
    frame.loc[clash, "kind"] = "clash"
    context = frame.index[frame["controller"].to_numpy() < 0]
    copies = min(len(first) // 10, len(context))
    source = (
        first.iloc[rng.choice(len(first), size=copies, replace=False)] if copies else first.iloc[:0]
    )
    target = rng.choice(context, size=copies, replace=False)
    frame.loc[target, ["day", "place", "controller"]] = source[
        ["day", "place", "controller"]
    ].to_numpy()
    frame.loc[target, "kind"] = "report"
    return frame.sort_values(["day", "place"], kind="stable").reset_index(drop=True)


def _pick(options: tuple[tuple[str, float], ...], n: int, rng: np.random.Generator) -> np.ndarray:
    names = np.array([o[0] for o in options], dtype=object)
    return names[rng.choice(len(options), size=n, p=[o[1] for o in options])]


def event_table(spec: Spec, rng: np.random.Generator) -> tuple[pd.DataFrame, list[str]]:
    """The event table in the canonical columns (strings) and the faction names."""
    lat, lon = libya_points(spec.places, rng)
    names = place_names(spec.places)
    factions = [f"F{i + 1}" for i in range(spec.factions)]
    codes = event_frame(spec, lat, lon, rng)
    n = len(codes)
    control = codes["controller"].to_numpy() >= 0
    controller = np.where(
        control, np.asarray(factions, dtype=object)[np.maximum(codes["controller"], 0)], ""
    )
    place = names[codes["place"]]
    dates = pd.to_datetime(START) + pd.to_timedelta(codes["day"], unit="D")
    iso = dates.dt.strftime("%Y-%m-%d").to_numpy()
    ids = np.char.add("E", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    previous = (
        pd.Series(np.where(control, controller, None))
        .groupby(codes["place"].where(control))
        .shift(1)
    )
    table = pd.DataFrame(
        {
            "event_id": ids,
            "date": iso,
            "place": place,
            "lat": lat[codes["place"]],
            "lon": lon[codes["place"]],
            "controller": controller,
            "previous_controller": previous.fillna("").where(control, "").to_numpy(),
            "date_precision": _pick(PRECISION, n, rng),
            "event_type": codes["kind"].to_numpy(),
            "confidence": np.where(control, _pick(CONFIDENCE, n, rng), ""),
            "source_title": np.char.add("Synthetic report ", ids.astype(str)),
            "source_publisher": np.asarray(
                ["Synthetic Wire", "Field Notes", "Radio Synth"], dtype=object
            )[codes["place"] % 3],
            "source_date": iso,
            "source_url": np.where(
                np.arange(n) % 4 == 0, np.char.add("https://example.org/r/", ids.astype(str)), ""
            ),
            "source_kind": "wire",
            "notes": "",
        }
    )
    return table[list(EVENT_COLUMNS)], factions


def write_folder(folder: Path, table: pd.DataFrame, factions: list[str]) -> Path:
    """Write ``events/events-NNN.csv`` (at most ROWS_PER_FILE rows each) and factions.csv."""
    events = folder / "events"
    events.mkdir(parents=True, exist_ok=True)
    for number, start in enumerate(range(0, len(table), ROWS_PER_FILE), 1):
        part = table.iloc[start : start + ROWS_PER_FILE]
        part.to_csv(events / f"events-{number:03d}.csv", index=False, float_format="%.5f")
    rows = [
        {
            "faction": f,
            "label": f"Faction {f}",
            "color": COLORS[i % len(COLORS)],
            "description": "synthetic",
        }
        for i, f in enumerate(factions)
    ]
    pd.DataFrame(rows).to_csv(events / FACTIONS_FILE, index=False)
    return folder


def generate(
    folder: Path, places: int, events: int, factions: int = 4, days: int = 730, seed: int = 0
) -> Path:
    """Write a synthetic data folder with exactly ``events`` rows at ``places`` places."""
    spec = Spec(places, events, factions, days, seed)
    table, names = event_table(spec, np.random.default_rng(seed))
    return write_folder(Path(folder), table, names)


def cached(root: Path, spec: Spec) -> Path:
    """The data folder of ``spec`` under ``root``, generated on first use."""
    folder = root / spec.name
    if not (folder / "events" / FACTIONS_FILE).exists():
        tmp = root / (spec.name + ".tmp")
        generate(tmp, spec.places, spec.events, spec.factions, spec.days, spec.seed)
        tmp.rename(folder)
    return folder


def main(argv: list[str] | None = None) -> None:
    """CLI: write a synthetic data folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--factions", type=int, default=4)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    generate(args.out, args.places, args.events, args.factions, args.days, args.seed)
    print(f"wrote {args.events:,} events at {args.places:,} places to {args.out}")


if __name__ == "__main__":
    main()
