"""Road table validation, the road graph, supply lines and road distances."""

import csv
import json
from collections import deque

import networkx as nx
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.geo.distance import distance_km
from dashboard.core.geo.roads import (
    GEOMETRY_SOURCES,
    ROAD_KINDS,
    default_base,
    load_road_graph,
    read_roads,
    road_graph,
    road_km,
    road_lines,
    roads_path,
    supply,
)
from dashboard.core.io.gazetteer import Gazetteer, load_gazetteer
from dashboard.core.io.load import load_dataset
from dashboard.core.model import Model
from tests.support.builders import write_events
from tests.support.paths import BUNDLED

HEADER = "road_id,name,from_place,to_place,kind,geometry_source,notes\n"


@pytest.fixture
def line_gazetteer():
    """Four places 1° apart along the equator: A (lon 0), B, C, D (lon 3)."""
    gazetteer = Gazetteer()
    for i, name in enumerate("ABCD"):
        gazetteer.add(name, 0.0, float(i), [f"{name}-ville"])
    return gazetteer


@pytest.fixture
def line_graph(line_gazetteer, tmp_path):
    """Roads A–B–C–D in a line (read from a roads.csv)."""
    path = tmp_path / "roads.csv"
    rows = "R1,,A,B,road,schematic,\nR2,,B,C,road,schematic,\nR3,,C,D,road,schematic,\n"
    path.write_text(HEADER + rows, encoding="utf-8")
    return road_graph(read_roads(path, line_gazetteer), line_gazetteer)


def state_of(held):
    """A control state from {place: controller}."""
    return pd.DataFrame({"place": list(held), "controller": list(held.values())})


def test_edges_weigh_geodesic_km(line_graph):
    assert line_graph["A"]["B"]["weight"] == pytest.approx(111.319, abs=0.001)
    assert road_km(line_graph, "A", "D") == pytest.approx(3 * 111.319, abs=0.01)
    assert road_km(line_graph, "B", "B") == 0


def test_road_km_is_none_without_a_road(line_graph):
    line_graph.add_node("Island")
    assert road_km(line_graph, "A", "Island") is None
    assert road_km(line_graph, "A", "Nowhere") is None


def test_a_place_behind_an_enemy_town_is_cut_off(line_graph):
    state = state_of({"A": "X", "B": "X", "C": "Y", "D": "X"})
    assert supply(state, line_graph, "X", "A") == {"connected": ["A", "B"], "cut_off": ["D"]}
    assert supply(state, line_graph, "Y", "C") == {"connected": ["C"], "cut_off": []}


def test_a_second_road_round_the_enemy_reconnects(line_graph):
    line_graph.add_edge("A", "D", weight=333.0)
    state = state_of({"A": "X", "B": "X", "C": "Y", "D": "X"})
    assert supply(state, line_graph, "X", "A") == {"connected": ["A", "B", "D"], "cut_off": []}


def test_base_not_held_cuts_everything_off(line_graph):
    state = state_of({"A": "Y", "B": "X", "C": "X", "D": "X"})
    assert supply(state, line_graph, "X", "A") == {"connected": [], "cut_off": ["B", "C", "D"]}


@pytest.mark.parametrize("blocker", ["unknown", "neutral"])
def test_unknown_and_neutral_towns_block_unless_passable(line_graph, blocker):
    state = state_of({"A": "X", "B": blocker, "C": "X", "D": "X"})
    assert supply(state, line_graph, "X", "A")["cut_off"] == ["C", "D"]
    opened = supply(state, line_graph, "X", "A", passable={blocker})
    assert opened == {"connected": ["A", "C", "D"], "cut_off": []}  # B is not listed


def test_default_base_is_the_place_with_most_road_links(line_graph):
    state = state_of({"A": "X", "B": "X", "C": "Y", "D": "Y"})
    assert default_base(state, line_graph, "X") == "B"  # B has 2 links, A has 1
    assert default_base(state, line_graph, "Y") == "C"  # C has 2 links, D has 1
    assert default_base(state_of({"A": "Z"}), nx.Graph(), "Z") is None


def test_default_base_table_and_fallback():
    graph = nx.Graph([("Jufra", "Sirte"), ("Sirte", "Misrata"), ("Misrata", "Tripoli")])
    state = state_of({"Jufra": "LNA", "Sirte": "LNA", "Misrata": "GNA", "Tripoli": "LNA"})
    bases = load_dataset(BUNDLED).info.rear_bases  # from data/dataset.toml
    assert default_base(state, graph, "LNA", bases["LNA"]) == "Jufra"
    assert default_base(state, graph, "GNA", bases["GNA"]) == "Misrata"  # Tripoli not held
    assert default_base(state, graph, "GNA") == "Misrata"  # no bases given: most road links
    state = state_of({"Jufra": "GNA", "Sirte": "LNA"})
    assert default_base(state, graph, "LNA", bases["LNA"]) == "Sirte"


def test_road_names_resolve_to_canonical_places(line_gazetteer, tmp_path):
    path = tmp_path / "roads.csv"
    path.write_text(HEADER + "R1,Main road,a-ville,  B ,highway,schematic,note\n", encoding="utf-8")
    roads = read_roads(path, line_gazetteer)
    assert roads[["from_place", "to_place", "kind"]].values.tolist() == [["A", "B", "highway"]]


def test_every_bad_row_is_reported_with_its_line(line_gazetteer, tmp_path):
    path = tmp_path / "roads.csv"
    rows = [
        "R1,,A,Bee,road,schematic,",
        "R2,,A,A,road,schematic,",
        "R3,,A,B,motorway,traced,",
        "R1,,C,D,road,schematic,",
        ",,C,D,road,schematic,",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_roads(path, line_gazetteer)
    assert [str(p) for p in err.value.problems] == [
        f"{path}:2: to_place: unknown place 'Bee' (closest: B)",
        f"{path}:3: a road must join two different places",
        f"{path}:4: geometry_source 'traced' not one of schematic",
        f"{path}:4: kind 'motorway' not one of coastal, highway, road",
        f"{path}:5: duplicate road_id 'R1'",
        f"{path}:6: empty road_id",
    ]


def test_missing_column_is_an_error(line_gazetteer, tmp_path):
    path = tmp_path / "roads.csv"
    path.write_text("road_id,from_place,to_place\nR1,A,B\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"roads.csv:1: missing column\(s\): name, kind"):
        read_roads(path, line_gazetteer)


def test_bundled_roads_are_valid_schematic_and_reach_every_place():
    gazetteer = load_gazetteer(BUNDLED / "geo" / "places.csv")
    roads = read_roads(BUNDLED / "geo" / "roads.csv", gazetteer)
    graph = road_graph(roads, gazetteer)
    assert set(roads["kind"]) <= set(ROAD_KINDS)
    assert set(roads["geometry_source"]) == set(GEOMETRY_SOURCES)
    assert set(graph.nodes) == set(gazetteer.coords)  # no place without a road
    assert nx.is_connected(graph)
    assert len(roads) == graph.number_of_edges()  # no pair of places listed twice


def test_bundled_road_km_is_never_shorter_than_straight_line(bundled_dir):
    data = load_dataset(bundled_dir)
    graph = load_road_graph(data)
    tripoli, gharyan = data.gazetteer.coords["Tripoli"], data.gazetteer.coords["Gharyan"]
    via_aziziya = road_km(graph, "Tripoli", "Gharyan")
    assert via_aziziya >= distance_km(*tripoli, *gharyan)
    assert via_aziziya == pytest.approx(
        graph["Tripoli"]["Aziziya"]["weight"] + graph["Aziziya"]["Gharyan"]["weight"]
    )


def test_road_lines_are_lon_lat_segments(bundled_dir):
    lines = road_lines(load_road_graph(load_dataset(bundled_dir)))
    first = lines.set_index("road_id").loc["R01"]
    assert list(first.geometry.coords) == [(13.18733, 32.88743), (12.72764, 32.7571)]
    assert lines.crs.to_epsg() == 4326 and road_lines(nx.Graph()).empty


def test_roads_path_rules(tiny_dir, tmp_path):
    assert roads_path(load_dataset(tiny_dir)) == BUNDLED / "geo" / "roads.csv"
    own = write_events(tmp_path, (tiny_dir / "events" / "events.csv").read_text())
    (own / "geo").mkdir()
    (own / "geo" / "places.csv").write_text("place,lat,lon\nAlphaville,10,20\n", encoding="utf-8")
    assert roads_path(load_dataset(own)) is None  # own gazetteer, no own roads: none
    assert load_road_graph(load_dataset(own)).number_of_nodes() == 0
    (own / "geo" / "roads.csv").write_text(HEADER + "R1,,Alphaville,Betatown,road,schematic,\n")
    assert set(load_road_graph(load_dataset(own)).nodes) == {"Alphaville", "Betatown"}


def naive_supply(state, faction, base):
    """Reference: breadth-first search over roads.csv rows, through held places only."""
    held = {p for p, c in zip(state["place"], state["controller"], strict=True) if c == faction}
    with open(BUNDLED / "geo" / "roads.csv", encoding="utf-8") as handle:
        links = [(r["from_place"], r["to_place"]) for r in csv.DictReader(handle)]
    seen, queue = ({base}, deque([base])) if base in held else (set(), deque())
    while queue:
        here = queue.popleft()
        for a, b in links:
            for x, y in ((a, b), (b, a)):
                if x == here and y in held and y not in seen:
                    seen.add(y)
                    queue.append(y)
    return {"connected": sorted(seen), "cut_off": sorted(held - seen)}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("day", "faction", "base"),
    [
        ("2019-05-01", "LNA", "Jufra"),
        ("2020-06-06", "GNA", "Tripoli"),
        ("2020-01-15", "LNA", "Jufra"),
    ],
)
def test_cli_supply_matches_a_naive_search_on_bundled_data(capsys, bundled_dir, day, faction, base):
    args = ["supply", "--date", day, "--faction", faction, "--data", str(bundled_dir), "--json"]
    code, out, _ = run(capsys, *args)
    result = json.loads(out)
    assert code == 0 and list(result) == ["connected", "cut_off"]
    assert result == naive_supply(Model.load(bundled_dir).state(day), faction, base)


def test_cli_supply_gharyan_is_lna_and_listed_once_on_2019_05_01(capsys, bundled_dir):
    args = ["supply", "--date", "2019-05-01", "--faction", "LNA", "--data", str(bundled_dir)]
    code, out, _ = run(capsys, *args, "--json")
    result = json.loads(out)
    assert code == 0
    assert (("Gharyan" in result["connected"]) + ("Gharyan" in result["cut_off"])) == 1
    assert "Tripoli" not in result["connected"] + result["cut_off"]  # GNA-held


def test_cli_supply_text_says_when_the_base_is_not_held(capsys, bundled_dir):
    args = ["supply", "--date", "2019-05-01", "--faction", "LNA", "--base", "tripoli"]
    code, out, _ = run(capsys, *args, "--data", str(bundled_dir))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "LNA on 2019-05-01, rear base Tripoli — not held by LNA, so every place it holds is cut off"
    )
    assert lines[1] == "connected (0): -" and lines[2].startswith("cut off (")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--faction", "ISIS"], "error: unknown faction 'ISIS' (known: GNA, LNA"),
        (["--faction", "LNA", "--base", "Atlantis"], "error: unknown place 'Atlantis'"),
    ],
)
def test_cli_supply_bad_input_exits_2_with_one_line(capsys, bundled_dir, extra, message):
    code, out, err = run(
        capsys, "supply", "--date", "2020-01-01", *extra, "--data", str(bundled_dir)
    )
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(message)
