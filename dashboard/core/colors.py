"""Faction colours: the one colour-table rule and the rule of which colours can be read.

The colour table of a dataset is the factions file's rows, with an automatic colour for
every faction the data uses that the file does not colour, and then the user's own
choices on top (:func:`faction_table`). Automatic colours come from the Okabe-Ito palette
(:data:`dashboard.core.schema.PALETTE`) and never collide with the map's own colours
(:data:`MAP_COLORS`: sea, land, the unknown grey and hollow marker, the neutral grey) or
with a colour the file already uses. Two colours *collide* when their CIEDE2000 colour
difference is under :data:`MIN_DELTA_E` (:func:`delta_e`); :func:`color_warnings` names
every collision of a table, so a chosen colour that is hard to read gets a warning.

Examples
--------
>>> normalise_color("#0af"), normalise_color("#D55e00"), normalise_color("blue")
('#00AAFF', '#D55E00', None)
>>> round(delta_e("#FFFFFF", "#000000"), 1)
100.0
>>> collisions("#DDE3E9")[0], collisions("#0072B2")
('the sea (#DDE3E8)', [])
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from dashboard.core.schema import FACTION_COLUMNS, NEUTRAL, NEUTRAL_COLOR, PALETTE, UNKNOWN_COLOR

__all__ = [
    "automatic_colors",
    "collisions",
    "COLOR",
    "color_warnings",
    "delta_e",
    "delta_e2000",
    "faction_table",
    "FOCUS_LAND",
    "HOLLOW",
    "LAND",
    "MAP_COLORS",
    "MIN_DELTA_E",
    "normalise_color",
    "ORIGINS",
    "SEA",
]

SEA = "#DDE3E8"
"""The map's sea (the page background under the land): a cool grey, never a faction's blue."""
LAND = "#ECE6D8"
"""Land of the countries around the dataset."""
FOCUS_LAND = "#F7F4EC"
"""Land of the dataset's own country, a shade lighter."""
HOLLOW = "#FFFFFF"
"""Fill of a place with no record yet (a hollow white circle)."""
MAP_COLORS: dict[str, str] = {
    "the sea": SEA,
    "the land": LAND,
    "the focus country's land": FOCUS_LAND,
    "a place with no record (white)": HOLLOW,
    "the Unknown grey": UNKNOWN_COLOR,
    "the Neutral grey": NEUTRAL_COLOR,
}
"""What a faction's colour must stay readable against, by the name a warning uses."""
MIN_DELTA_E = 9.0
"""Two colours closer than this (CIEDE2000) are hard to tell apart on the map. A difference
of about 2 is just noticeable side by side; the map's own colours that must be told apart
at a glance are 9.7 (sea and land) and 9.8 (the Neutral and Unknown greys) apart, and
every palette colour is at least 21 from each of them."""
COLOR = re.compile(r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
ORIGINS = ("file", "automatic", "chosen")
"""Where a faction's colour in :func:`faction_table` came from."""


def normalise_color(value: object) -> str | None:
    """``#RGB`` or ``#RRGGBB`` as upper-case ``#RRGGBB``; None for anything else."""
    if not isinstance(value, str) or not COLOR.match(value.strip()):
        return None
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _lab(color: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    hex6 = normalise_color(color)
    if hex6 is None:
        raise ValueError(f"not a colour: {color!r}")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex6[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: Sequence[float], lab2: Sequence[float]) -> float:
    """CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal, 2005)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh -= 360 if dh > 180 else 0
        dh += 360 if dh < -180 else 0
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_mean = h1p + h2p
    if c1p * c2p:
        if abs(h1p - h2p) <= 180:
            h_mean = (h1p + h2p) / 2
        else:
            h_mean = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    rt = (
        -2
        * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (big_dh / sh) ** 2 + rt * (dc / sc) * (big_dh / sh)
    )


def delta_e(color1: str, color2: str) -> float:
    """CIEDE2000 difference of two ``#RGB``/``#RRGGBB`` colours (0 = the same colour)."""
    return delta_e2000(_lab(color1), _lab(color2))


def collisions(color: str, faction: str | None = None) -> list[str]:
    """What of the map's own colours ``color`` is too close to ("the sea (#DDE3E8)").

    The faction ``neutral`` may be the Neutral grey."""
    return [
        f"{name} ({ref})"
        for name, ref in MAP_COLORS.items()
        if not (faction == NEUTRAL and ref == NEUTRAL_COLOR) and delta_e(color, ref) < MIN_DELTA_E
    ]


def automatic_colors(factions: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """A palette colour for each faction (the Neutral grey for ``neutral``): never one that
    collides with the map's colours, and none close to a colour in ``taken`` while the
    palette has such colours left. When more factions need a colour than are free, the
    free colours are reused in turn."""
    readable = [c for c in PALETTE if not collisions(c)]
    used = [c for c in (normalise_color(t) for t in taken) if c]
    free = [c for c in readable if all(delta_e(c, t) >= MIN_DELTA_E for t in used)] or readable
    out, turn = {}, 0
    for faction in factions:
        if faction == NEUTRAL:
            out[faction] = NEUTRAL_COLOR
        else:
            out[faction], turn = free[turn % len(free)], turn + 1
    return out


def faction_table(
    listed: pd.DataFrame | None,
    used: Iterable[str],
    chosen: Mapping[str, str] | None = None,
    *,
    keep_unused: bool = True,
) -> pd.DataFrame:
    """The effective colour table, the one rule: factions file, then automatic, then chosen.

    ``listed`` holds a factions file's rows (:data:`FACTION_COLUMNS`, colours ``#RRGGBB``
    or empty, see :mod:`dashboard.core.io.factions`); ``used`` the factions the data uses
    (``unknown`` and '' are skipped); ``chosen`` the user's colours by faction, which win
    (a faction the table lacks is ignored). Listed factions come first in file order, then
    the unlisted ones by name; with ``keep_unused=False`` listed factions the data does not
    use are left out. Column ``origin`` says where each colour came from (:data:`ORIGINS`).
    Automatic colours do not depend on ``chosen``: choosing one colour changes no other.
    """
    rows = pd.DataFrame(columns=list(FACTION_COLUMNS)) if listed is None else listed
    rows = rows.reindex(columns=list(FACTION_COLUMNS), fill_value="").fillna("").astype(str)
    used_set = {f for f in used if f and f != "unknown"}
    if not keep_unused:
        rows = rows[rows["faction"].isin(used_set)]
    extra = sorted(used_set - set(rows["faction"]))
    table = pd.concat(
        [
            rows,
            pd.DataFrame(
                {"faction": extra, "label": extra, "color": "", "description": "", "label_ar": ""}
            ),
        ],
        ignore_index=True,
    )
    table["label"] = table["label"].where(table["label"] != "", table["faction"])
    colored = table["color"].map(lambda c: normalise_color(c) or "")
    auto = automatic_colors(table.loc[colored == "", "faction"], colored[colored != ""])
    table["origin"] = ["file" if c else "automatic" for c in colored]
    table["color"] = [c or auto[f] for f, c in zip(table["faction"], colored, strict=True)]
    for faction, color in (chosen or {}).items():
        hex6 = normalise_color(color)
        if hex6 is None:
            raise ValueError(f"chosen colour of {faction!r} is not #RGB or #RRGGBB: {color!r}")
        at = table["faction"] == faction
        table.loc[at, ["color", "origin"]] = [hex6, "chosen"]
    return table.reset_index(drop=True)


def color_warnings(table: pd.DataFrame) -> list[str]:
    """One line per hard-to-read colour of a :func:`faction_table`: a colour close to the
    map's own colours, or two factions' colours close to each other."""
    out = []
    rows = list(zip(table["faction"], table["label"], table["color"], strict=True))
    for i, (faction, label, color) in enumerate(rows):
        near = collisions(color, faction)
        near += [f"{lab!r} ({c})" for _, lab, c in rows[i + 1 :] if delta_e(color, c) < MIN_DELTA_E]
        if near:
            out.append(f"the colour of {label!r} ({color}) is hard to tell from {', '.join(near)}")
    return out
