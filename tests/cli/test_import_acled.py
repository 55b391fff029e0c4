"""`import acled` on the command line: tables, review files, exit codes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.core.ingest.acled.factionmap import read_faction_map
from tests.support.paths import BUNDLED, ROOT

ACLED_DATA = ROOT / "tests" / "data" / "acled"
SAMPLE = ACLED_DATA / "sample.csv"
OLD = ACLED_DATA / "old_format.csv"
LIBYA = read_faction_map(BUNDLED / "acled" / "factions.csv")
"""The bundled dataset's actor map (named by data/dataset.toml)."""


# --- CLI ----------------------------------------------------------------------------------------


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_acled_writes_table_and_review(capsys, tmp_path):
    out = tmp_path / "acled.csv"
    code, stdout, _ = run(capsys, "import", "acled", SAMPLE, "-o", out)
    assert code == 0
    assert "read 23 rows (4 duplicate rows of monadic events merged)" in stdout
    assert "11 events: 8 control changes, 3 context events" in stdout
    assert "9 rows for review" in stdout
    review = pd.read_csv(tmp_path / "acled.review.csv", dtype=str, keep_default_na=False)
    assert len(review) == 9 and review.columns[-1] == "reason"
    assert len(pd.read_csv(out)) == 11
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_import_acled_with_a_bad_map_exits_2_naming_the_line(capsys, tmp_path):
    code, _, err = run(
        capsys,
        "import",
        "acled",
        SAMPLE,
        "--factions",
        ACLED_DATA / "bad_factions.csv",
        "-o",
        tmp_path / "o.csv",
    )
    assert code == 2
    assert f"{ACLED_DATA / 'bad_factions.csv'}:3: invalid regular expression" in err
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (OLD, d / "missing" / "o.csv"), "output folder not found"),
        (lambda d: (d / "nope.csv", d / "o.csv"), "cannot read file"),
        (lambda d: (BUNDLED / "events" / "factions.csv", d / "o.csv"), "missing ACLED column(s)"),
    ],
)
def test_cli_import_acled_bad_input_exits_2(capsys, tmp_path, make, message):
    source, out = make(tmp_path)
    code, _, err = run(capsys, "import", "acled", source, "-o", out)
    assert code == 2 and message in err


def test_cli_import_when_nothing_converts_writes_only_the_review(capsys, tmp_path):
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    bad = rows[rows["event_id_cnty"] == "LBY1010"]
    source = tmp_path / "bad.csv"
    bad.to_csv(source, index=False)
    code, _, err = run(capsys, "import", "acled", source, "-o", tmp_path / "o.csv")
    assert code == 2 and "no row could be imported; 1 rows for review" in err
    assert (tmp_path / "o.review.csv").exists() and not (tmp_path / "o.csv").exists()
