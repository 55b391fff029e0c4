"""The CLI, run in-process: exit codes and output together."""

import json
import subprocess
import sys

import pytest

from dashboard.cli import main
from tests.support.builders import write_events
from tests.support.paths import ROOT


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys, tiny_dir):
    code, out, _ = run(capsys, "validate", "--data", str(tiny_dir))
    assert code == 0 and out.startswith("ok: 7 events")


def test_validate_bad_data_exits_2_with_one_line_per_problem(capsys, tmp_path):
    folder = write_events(
        tmp_path,
        "event_id,date,place,lat,lon,source_title\nE1,2020-02-30,X,1,1,S\nE1,2020-01-01,X,1,1,S\n",
    )
    code, _, err = run(capsys, "validate", "--data", str(folder))
    lines = err.strip().splitlines()
    assert code == 2
    assert lines == [
        f"{folder}/events/events.csv:2: impossible date '2020-02-30' (no such day)",
        f"{folder}/events/events.csv:3: duplicate event_id 'E1'",
    ]


def test_state_json(capsys, tiny_dir):
    code, out, _ = run(capsys, "state", "--date", "2020-01-10", "--data", str(tiny_dir), "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["place"] for r in rows] == ["Alphaville", "Betatown", "Gammaburg"]
    assert rows[1] == {
        "place": "Betatown",
        "controller": "North",
        "since": "2020-01-10",
        "lat": 10.0,
        "lon": 21.0,
        "confidence": "confirmed",
        "claims": [],
    }
    assert rows[2]["controller"] == "unknown" and rows[2]["since"] is None
    assert rows[2]["confidence"] is None and rows[2]["claims"] == []


def test_state_faction_filter(capsys, tiny_dir):
    code, out, _ = run(
        capsys,
        "state",
        "--date",
        "2020-03-01",
        "--faction",
        "South",
        "--data",
        str(tiny_dir),
        "--json",
    )
    assert code == 0 and [r["place"] for r in json.loads(out)] == ["Alphaville", "Gammaburg"]


def test_state_unknown_faction_exits_2(capsys, tiny_dir):
    code, _, err = run(
        capsys, "state", "--date", "2020-03-01", "--faction", "East", "--data", str(tiny_dir)
    )
    assert code == 2 and "unknown faction(s): East" in err


def test_distance_matches_case_insensitively(capsys, tiny_dir):
    code, out, _ = run(
        capsys, "distance", "ALPHAVILLE", "gammaburg", "--data", str(tiny_dir), "--json"
    )
    assert code == 0
    assert json.loads(out) == {
        "from": "Alphaville",
        "to": "Gammaburg",
        "km": pytest.approx(110.6, abs=0.2),
    }


def test_distance_unknown_place_names_candidates(capsys, tiny_dir):
    code, _, err = run(capsys, "distance", "Alfaville", "Betatown", "--data", str(tiny_dir))
    assert code == 2 and "unknown place 'Alfaville'; closest: Alphaville" in err


def test_changes_in_half_open_span(capsys, tiny_dir):
    code, out, _ = run(
        capsys,
        "changes",
        "--from",
        "2020-01-01",
        "--to",
        "2020-02-01",
        "--data",
        str(tiny_dir),
        "--json",
    )
    rows = json.loads(out)
    assert code == 0
    # Gammaburg's first record (unknown -> South, a claim) is not a change of hands
    assert [(r["date"], r["place"], r["from"], r["to"]) for r in rows] == [
        ("2020-01-10", "Betatown", "South", "North"),
    ]


CLAIMS = (
    "event_id,date,place,lat,lon,controller,confidence,source_title,notes\n"
    "A,2019-04-04,X,1,1,GNA,confirmed,Reuters,\n"
    "B,2019-05-03,X,1,1,LNA,claimed,LNA spokesman,\n"
    "C,2019-05-04,X,1,1,LNA,claimed,Pro-LNA TV,\n"
    "D,2019-06-01,X,1,1,GNA,confirmed,AFP,\n"
    "E,2019-04-10,Y,2,2,LNA,disputed,AP,\n"
    "F,2019-04-12,Y,2,2,LNA,confirmed,Reuters,\n"
)


def test_state_json_carries_the_claim_in_force_and_the_assessed_since(capsys, tmp_path):
    folder = str(write_events(tmp_path, CLAIMS))
    code, out, _ = run(capsys, "state", "--date", "2019-05-20", "--data", folder, "--json")
    rows = {r["place"]: r for r in json.loads(out)}
    assert code == 0
    assert (rows["X"]["controller"], rows["X"]["since"], rows["X"]["confidence"]) == (
        "GNA",
        "2019-04-04",
        "confirmed",
    )
    assert rows["X"]["claims"] == [{"faction": "LNA", "since": "2019-05-03", "sources": ["B", "C"]}]
    # since = the earliest confirmed report, not the earlier disputed one
    assert (rows["Y"]["since"], rows["Y"]["claims"]) == ("2019-04-12", [])


def test_changes_claims_lists_the_claims_in_force(capsys, tmp_path):
    folder = str(write_events(tmp_path, CLAIMS))
    args = ["changes", "--from", "2019-01-01", "--to", "2019-12-31", "--data", folder]
    code, out, _ = run(capsys, *args, "--json")
    assert code == 0 and json.loads(out) == []  # a claim never changed hands; Y is a first record
    code, out, _ = run(capsys, *args, "--claims", "--json")
    assert code == 0 and json.loads(out) == [
        {"since": "2019-05-03", "place": "X", "faction": "LNA", "against": "GNA",
         "until": "2019-06-01", "sources": ["B", "C"]}
    ]  # fmt: skip
    code, out, _ = run(capsys, *args, "--claims")
    assert "LNA" in out and "2019-06-01" in out


@pytest.mark.parametrize(
    "args",
    [
        ["state", "--date", "2020-13-01"],
        ["state", "--date", "yesterday"],
        ["changes", "--from", "2020-02-01", "--to", "2020-01-01"],
        ["validate", "--data", "/nonexistent/folder"],
        ["nosuchcommand"],
    ],
)
def test_bad_input_exits_2_without_traceback(args, tiny_dir):
    if "--data" not in args and args[0] != "nosuchcommand":
        args = [*args, "--data", str(tiny_dir)]
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_env_var_selects_the_data_folder(tiny_dir):
    env = {"FRONTLINE_DATA_DIR": str(tiny_dir), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0 and "7 events" in proc.stdout
