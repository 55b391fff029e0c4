"""The colour rules: CIEDE2000, which colours can be read on the map, the colour table."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from dashboard.core import colors
from dashboard.core.colors import (
    MAP_COLORS,
    MIN_DELTA_E,
    automatic_colors,
    collisions,
    color_warnings,
    delta_e,
    delta_e2000,
    faction_table,
    normalise_color,
)
from dashboard.core.schema import NEUTRAL_COLOR, PALETTE, UNKNOWN_COLOR
from dashboard.ui.map import offline


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # pairs of Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula"
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
        ((50, 2.5, 0), (50, 0, -2.5), 4.3065),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
    ],
)
def test_ciede2000_matches_the_published_test_pairs(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_srgb_to_lab_of_known_colours():
    assert colors._lab("#FFFFFF") == pytest.approx((100, 0, 0), abs=0.01)
    assert colors._lab("#F00") == pytest.approx((53.24, 80.09, 67.20), abs=0.01)
    assert delta_e("#0072b2", "#0072B2") == 0


def test_colour_forms():
    assert normalise_color(" #0af ") == "#00AAFF"
    assert normalise_color("#D55e00") == "#D55E00"
    for bad in ("blue", "#12", "#1234", "0072B2", "#GGGGGG", "", None, 7):
        assert normalise_color(bad) is None, bad


def test_the_map_uses_the_colours_the_rule_checks_against():
    assert (offline.SEA, offline.LAND, offline.FOCUS_LAND) == (
        colors.SEA,
        colors.LAND,
        colors.FOCUS_LAND,
    )
    assert colors.SEA in offline.MAP_CSS
    assert {UNKNOWN_COLOR, NEUTRAL_COLOR} <= set(MAP_COLORS.values())


def test_no_palette_colour_collides_with_the_map_or_another_palette_colour():
    for color in PALETTE:
        assert collisions(color) == [], color
        assert all(delta_e(color, ref) >= MIN_DELTA_E for ref in MAP_COLORS.values())
    for a, b in itertools.combinations(PALETTE, 2):
        assert delta_e(a, b) >= MIN_DELTA_E, (a, b)


@pytest.mark.parametrize(
    ("color", "named"),
    [
        ("#DDE3E9", "the sea"),
        ("#EDE6D7", "the land"),
        ("#BABABA", "the Unknown grey"),
        ("#9A9A9A", "the Neutral grey"),
        ("#FEFEFE", "a place with no record (white)"),
    ],
)
def test_a_colour_close_to_the_map_collides(color, named):
    assert any(c.startswith(named) for c in collisions(color)), collisions(color)


def test_neutral_may_be_the_neutral_grey_but_no_other_faction_may():
    assert collisions(NEUTRAL_COLOR, "neutral") == []
    assert collisions(NEUTRAL_COLOR, "North") == [f"the Neutral grey ({NEUTRAL_COLOR})"]


def test_automatic_colours_avoid_the_files_colours_and_stay_readable():
    # the file takes a blue close to the palette's #0072B2 and a near-copy of its orange
    got = automatic_colors(["A", "B", "neutral", "C"], taken=["#0070B0", "#E6A000"])
    assert got["neutral"] == NEUTRAL_COLOR
    assert "#0072B2" not in got.values() and "#E69F00" not in got.values()
    assert len({got["A"], got["B"], got["C"]}) == 3
    assert all(collisions(c) == [] for f, c in got.items() if f != "neutral")


def test_more_factions_than_palette_colours_reuse_only_readable_ones():
    many = automatic_colors([f"F{i}" for i in range(20)], taken=list(PALETTE))
    assert all(collisions(c) == [] for c in many.values())
    assert set(many.values()) <= set(PALETTE)


def file_rows(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"faction": f, "label": lab, "color": c, "description": ""} for f, lab, c in rows]
    )


def test_colour_table_layers_file_then_automatic_then_chosen():
    listed = file_rows(("North", "Northern Alliance", "#0072B2"), ("Ghost", "Ghost", "#123456"))
    used = ["South", "North", "West", "unknown", ""]
    table = faction_table(listed, used, keep_unused=False)
    assert list(table["faction"]) == ["North", "South", "West"]  # file order, then by name
    assert list(table["origin"]) == ["file", "automatic", "automatic"]
    assert table.loc[0, ["label", "color"]].tolist() == ["Northern Alliance", "#0072B2"]
    assert table.loc[1, "label"] == "South"
    auto = dict(zip(table["faction"], table["color"], strict=True))
    chosen = faction_table(listed, used, {"South": "#abc", "Nobody": "#111111"}, keep_unused=False)
    got = dict(zip(chosen["faction"], chosen["color"], strict=True))
    assert got == {**auto, "South": "#AABBCC"}  # choosing one colour changes no other
    assert chosen.loc[chosen["faction"] == "South", "origin"].item() == "chosen"
    assert "Ghost" in set(faction_table(listed, used)["faction"])  # kept by default


def test_a_listed_faction_without_colour_gets_an_automatic_one_not_grey():
    table = faction_table(file_rows(("North", "", "")), ["North"])
    assert table.loc[0, "origin"] == "automatic"
    assert table.loc[0, "color"] in PALETTE and table.loc[0, "label"] == "North"


def test_chosen_colour_must_be_a_colour():
    with pytest.raises(ValueError, match="North"):
        faction_table(None, ["North"], {"North": "javascript:alert(1)"})


def test_warnings_name_the_hard_to_read_colours():
    listed = file_rows(("North", "Northern", "#DDE3E9"), ("South", "Southern", "#0072B2"))
    table = faction_table(listed, ["North", "South", "East"], {"East": "#0073B3"})
    lines = color_warnings(table)
    assert lines[0].startswith("the colour of 'Northern' (#DDE3E9) is hard to tell from the sea")
    assert lines[1] == "the colour of 'Southern' (#0072B2) is hard to tell from 'East' (#0073B3)"
    assert len(lines) == 2
    fine = faction_table(file_rows(("GNA", "G", "#0072B2"), ("neutral", "N", "#999999")), ["LNA"])
    assert color_warnings(fine) == []
