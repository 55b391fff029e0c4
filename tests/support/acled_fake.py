"""Seeded synthetic ACLED rows for tests and benchmarks.

ACLED's terms forbid redistributing its rows, so tests use invented ones with the real
column layout, value vocabularies and quirks (date styles, text or numeric actor types,
monadic duplicates, pre-2023 columns). Control changes per place alternate between the two
sides, so a clean file imports without review rows unless ``repeat_share`` adds some.

    .venv/bin/python -m tests.support.acled_fake 100000 /tmp/acled-100k.csv [--seed 1] [--monadic]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.core.ingest.acled.convert import ACLED_COLUMNS, OLD_COLUMNS

PLACES = (  # location, admin1, lat, lon (GeoNames coordinates, as in data/geo/places.csv)
    ("Gharyan", "Jabal al Gharbi", 32.17222, 13.02028),
    ("Tarhuna", "Murqub", 32.43501, 13.63320),
    ("Sabratha", "Nuqat al Khams", 32.79335, 12.48845),
    ("Surman", "Nuqat al Khams", 32.75668, 12.57159),
    ("Al Asabiaa", "Jabal al Gharbi", 32.03333, 12.86667),
    ("Aziziya", "Jafara", 32.53194, 13.01750),
    ("Qasr Bin Ghashir", "Tripoli", 32.68333, 13.18333),
    ("Zawiya", "Zawiya", 32.75710, 12.72764),
    ("Mizdah", "Jabal al Gharbi", 31.44934, 12.98530),
    ("Sirte", "Sirt", 31.20892, 16.58866),
    ("Misrata", "Misrata", 32.37535, 15.09254),
    ("Bani Walid", "Misrata", 31.74554, 13.98354),
)
ACTORS = {  # side -> (actor name, inter code)
    "GNA": (
        ("Military Forces of Libya (2016-2021) Government of National Accord", 1),
        ("Misrata Communal Militia (Libya)", 4),
        ("Pro-GNA Faction and/or Military Forces of Turkey (2016-)", 8),
        ("Tripoli Revolutionaries Brigade", 3),
    ),
    "LNA": (
        ("Military Forces of Libya (2014-) Haftar Faction", 1),
        ("Kaniyat Militia", 3),
        ("Wagner Group", 8),
        ("Pro-Haftar Faction and/or Military Forces of United Arab Emirates (2004-)", 8),
    ),
}
OTHER_ACTORS = (("Civilians (Libya)", 7), ("Unidentified Armed Group (Libya)", 3))
CONTROL_TYPES = (
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Government regains territory"),
    ("Strategic developments", "Non-violent transfer of territory"),
)
CONTEXT_TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Headquarters or base established"),
    ("Protests", "Peaceful protest"),
)
SOURCES = ("Libya Observer", "Al Wasat", "Libya Herald", "Anadolu Agency; Xinhua", "Twitter")
INTER_TEXT = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
START = np.datetime64("2019-04-04")
DAYS = 570


def fake_acled(
    n: int,
    seed: int = 0,
    *,
    control_share: float = 0.05,
    repeat_share: float = 0.0,
    date_style: str = "iso",
    text_inter: bool = False,
    old_columns: bool = False,
    monadic: bool = False,
) -> pd.DataFrame:
    """``n`` synthetic ACLED rows (strings, the 31 current columns in order).

    ``date_style``: ``iso`` (2020-05-31), ``dmy`` (31-05-2020), ``text`` (31 May 2020) or
    ``mixed`` (per row). ``repeat_share`` of control changes repeat the place's current holder
    (review material). ``monadic`` doubles every two-actor event into one row per actor.
    """
    rng = np.random.default_rng(seed)
    frame = _events(n, rng, control_share, repeat_share)
    frame = _text_columns(frame, rng, date_style, text_inter)
    if monadic:
        frame = _monadic(frame)
    out = frame[list(ACLED_COLUMNS)]
    if old_columns:
        out = out.assign(data_id=np.arange(len(out)) + 7_000_000, iso3="LBY")
        out["event_id_no_cnty"] = out["event_id_cnty"].str.removeprefix("LBY")
        out = out[["data_id", *ACLED_COLUMNS[:1], "event_id_no_cnty", *ACLED_COLUMNS[1:], "iso3"]]
        assert set(OLD_COLUMNS) <= set(out.columns)
    return out.reset_index(drop=True)


def _events(
    n: int, rng: np.random.Generator, control_share: float, repeat_share: float
) -> pd.DataFrame:
    """Day, place, control flag and side (0 GNA, 1 LNA) of each row, sorted by day.

    Per place, each control change switches side, except a ``repeat_share`` of them.
    """
    day = np.sort(rng.integers(0, DAYS, n))
    place = rng.integers(0, len(PLACES), n)
    frame = pd.DataFrame({"day": day, "place": place, "control": rng.random(n) < control_share})
    frame = _one_change_per_day(frame)
    control = frame["control"].to_numpy()
    ctrl = frame[control]
    switch = (rng.random(len(ctrl)) >= repeat_share).astype(int)
    flips = pd.Series(switch, index=ctrl.index).groupby(ctrl["place"]).cumsum()
    start = rng.integers(0, 2, len(PLACES))
    frame["side"] = rng.integers(0, 2, n)
    frame.loc[control, "side"] = (start[ctrl["place"]] + flips.to_numpy()) % 2
    return frame


def _one_change_per_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep one control change per place and day (ACLED codes only the final acquisition);
    the others become context rows."""
    ctrl = frame[frame["control"]]
    later = ctrl.groupby(["place", "day"]).cumcount() > 0
    frame.loc[ctrl.index[later.to_numpy()], "control"] = False
    return frame


def _text_columns(
    frame: pd.DataFrame, rng: np.random.Generator, date_style: str, text_inter: bool
) -> pd.DataFrame:
    n = len(frame)
    sides = np.array(["GNA", "LNA"])[frame["side"].to_numpy()]
    a1, i1 = _pick_actor(sides, rng)
    a2, i2 = _pick_actor(np.where(sides == "GNA", "LNA", "GNA"), rng)
    ctype = rng.integers(0, len(CONTROL_TYPES), n)
    xtype = rng.integers(0, len(CONTEXT_TYPES), n)
    control = frame["control"].to_numpy()
    event_type = np.where(
        control, [CONTROL_TYPES[i][0] for i in ctype], [CONTEXT_TYPES[i][0] for i in xtype]
    )
    sub = np.where(
        control, [CONTROL_TYPES[i][1] for i in ctype], [CONTEXT_TYPES[i][1] for i in xtype]
    )
    i1, i2 = _fit_inter(sub, i1, i2)
    loc = np.array([p[0] for p in PLACES])[frame["place"]]
    dates = START + frame["day"].to_numpy().astype("timedelta64[D]")
    jitter = rng.normal(0, 0.004, (n, 2)).round(4)
    lat = np.array([p[2] for p in PLACES])[frame["place"]] + jitter[:, 0]
    lon = np.array([p[3] for p in PLACES])[frame["place"]] + jitter[:, 1]
    out = pd.DataFrame(
        {
            "event_id_cnty": [f"LBY{10000 + i}" for i in range(n)],
            "event_date": _format_dates(dates, date_style, rng),
            "year": pd.DatetimeIndex(dates).year.astype(str),
            "time_precision": rng.choice(["1", "1", "1", "2", "3"], n),
            "disorder_type": np.where(
                sub == "Peaceful protest", "Demonstrations", "Political violence"
            ),
            "event_type": event_type,
            "sub_event_type": sub,
            "actor1": a1,
            "assoc_actor_1": "",
            "inter1": _inter_text(i1, text_inter),
            "actor2": a2,
            "assoc_actor_2": "",
            "inter2": _inter_text(i2, text_inter),
            "interaction": [str(10 * min(a, b) + max(a, b)) for a, b in zip(i1, i2, strict=True)],
            "civilian_targeting": "",
            "iso": "434",
            "region": "Northern Africa",
            "country": "Libya",
            "admin1": np.array([p[1] for p in PLACES])[frame["place"]],
            "admin2": "",
            "admin3": "",
            "location": loc,
            "latitude": [f"{v:.4f}" for v in lat],
            "longitude": [f"{v:.4f}" for v in lon],
            "geo_precision": rng.choice(["1", "1", "2", "3"], n),
            "source": rng.choice(SOURCES, n),
            "source_scale": rng.choice(["National", "International", "New media"], n),
            "fatalities": rng.poisson(0.7, n).astype(str),
            "tags": "",
            "timestamp": (1_600_000_000 + frame["day"].to_numpy() * 86_400).astype(str),
        }
    )
    out["notes"] = (
        "On "
        + out["event_date"]
        + ", "
        + out["actor1"]
        + " and "
        + out["actor2"]
        + " in "
        + loc
        + " (synthetic)."
    )
    return out


def _pick_actor(sides: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    k = rng.integers(0, 4, len(sides))
    names = np.array([[a[0] for a in ACTORS[s]] for s in ("GNA", "LNA")])
    codes = np.array([[a[1] for a in ACTORS[s]] for s in ("GNA", "LNA")])
    row = (sides == "LNA").astype(int)
    return names[row, k], codes[row, k]


def _fit_inter(sub: np.ndarray, i1: np.ndarray, i2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Actor types as ACLED's rule implies: the taker (actor1) is state forces when the
    government regains territory and a militia when a non-state actor overtakes it."""
    regains = sub == "Government regains territory"
    overtakes = (sub == "Non-state actor overtakes territory") | (
        sub == "Non-violent transfer of territory"
    )
    i1 = np.where(regains, 1, np.where(overtakes, 3, i1))
    i2 = np.where(regains, 3, np.where(overtakes, 1, i2))
    return i1, i2


def _inter_text(codes: np.ndarray, text: bool) -> list[str]:
    return [INTER_TEXT[int(c)] if text else str(int(c)) for c in codes]


def _format_dates(dates: np.ndarray, style: str, rng: np.random.Generator) -> pd.Series:
    index = pd.DatetimeIndex(dates)
    styles = {
        "iso": index.strftime("%Y-%m-%d"),
        "dmy": index.strftime("%d-%m-%Y"),
        "text": index.strftime("%d %B %Y"),
    }
    if style != "mixed":
        return pd.Series(styles[style])
    choice = rng.integers(0, 3, len(index))
    stacked = np.stack([np.asarray(styles[k]) for k in ("iso", "dmy", "text")])
    return pd.Series(stacked[choice, np.arange(len(index))])


def _monadic(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: the second row of an event carries actor2 as its actor1."""
    first = frame.assign(actor2="", inter2="", assoc_actor_2="")
    second = frame.assign(actor1=frame["actor2"], inter1=frame["inter2"], actor2="", inter2="")
    both = pd.concat([first, second.assign(assoc_actor_2="")]).sort_index(kind="stable")
    return both.reset_index(drop=True)


def write_fake_acled(path: str | Path, n: int, seed: int = 0, **options: object) -> Path:
    """Write :func:`fake_acled` rows to ``path`` as CSV; return the path."""
    target = Path(path)
    fake_acled(n, seed, **options).to_csv(target, index=False)  # type: ignore[arg-type]
    return target


def main() -> None:
    """CLI: write N synthetic ACLED rows to a CSV file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--monadic", action="store_true")
    parser.add_argument("--dates", default="mixed", choices=["iso", "dmy", "text", "mixed"])
    args = parser.parse_args()
    write_fake_acled(args.out, args.rows, args.seed, monadic=args.monadic, date_style=args.dates)
    print(f"wrote {args.rows:,} synthetic ACLED rows to {args.out}")


if __name__ == "__main__":
    main()


def event(result, event_id: str) -> pd.Series:
    """The one event ``event_id`` of an import result (fails if there is not exactly one)."""
    rows = result.events[result.events["event_id"] == event_id]
    assert len(rows) == 1, f"{event_id} should be one event"
    return rows.iloc[0]
