"""The review queue: an ACLED import's unsettled rows, approved or rejected by a reviewer."""

from __future__ import annotations

import shutil

import pytest

from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.io.load import load_dataset
from dashboard.core.ledger.accounts import add_user
from dashboard.core.ledger.queue import queue_items
from dashboard.core.ledger.read import history_entries, open_ledger
from tests.support.builders import own_dataset_id
from tests.support.paths import BUNDLED, ROOT

SAMPLE = ROOT / "tests" / "data" / "acled" / "sample.csv"


@pytest.fixture
def libya(tmp_path, backend):
    target = tmp_path / "libya"
    shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns("ledger.sqlite*"))
    own_dataset_id(target)  # copies sharing the PostgreSQL server keep separate ledgers
    return target


def test_a_reviewer_clears_an_acled_imports_queue(libya, tmp_path, capsys):
    out = tmp_path / "acled.csv"
    assert (
        main(["import", "acled", str(SAMPLE), "-o", str(out), "--data", str(libya), "--queue"]) == 0
    )
    db = open_ledger(libya)
    add_user(db, "rita", "reviewer", "a long passphrase")
    add_user(db, "eddie", "editor", "a long passphrase")
    items = queue_items(db)
    assert len(items) == 9 and all(
        i["reason"] and i["origin"] == "import acled sample.csv" for i in items
    )
    surman = next(i for i in items if "matches no faction" in i["reason"])
    assert (
        surman["candidate"]["event_id"] == "LBY1008" and surman["candidate"]["date"] == "2020-04-13"
    )

    approve_it = ["review", "approve", str(surman["id"]), "--controller", "GNA", "--confidence",
                  "claimed", "--by"]  # fmt: skip
    for who, why in (("nobody", "no account named 'nobody'"), ("eddie", "may not review")):
        capsys.readouterr()
        assert main([*approve_it, who, "--data", str(libya)]) == 2  # --by must be a reviewer
        assert why in capsys.readouterr().err
    assert main([*approve_it, "rita", "--data", str(libya)]) == 0
    events = load_dataset(libya).events.set_index("event_id")
    assert (
        events.at["LBY1008", "controller"] == "GNA" and events.at["LBY1008", "edited_by"] == "rita"
    )
    entry = history_entries(db)[-1]
    assert (entry["action"], entry["by"], entry["review_id"]) == ("approve", "rita", surman["id"])

    rest = [i for i in queue_items(db)]
    for item in rest:
        code = main(["review", "reject", str(item["id"]), "--why", "not a change of control",
                     "--by", "rita", "--data", str(libya)])  # fmt: skip
        assert code == 0
    assert queue_items(db) == []
    assert [e["action"] for e in history_entries(db)] == ["approve"] + ["reject"] * len(rest)
    assert all(e["reason"] == "not a change of control" for e in history_entries(db)[1:])
    capsys.readouterr()
    assert (
        main(
            [
                "review",
                "reject",
                str(surman["id"]),
                "--why",
                "x",
                "--by",
                "rita",
                "--data",
                str(libya),
            ]
        )
        == 2
    )
    assert "is already approved by rita" in capsys.readouterr().err


def test_an_approval_that_would_break_the_dataset_is_refused_and_stays_open(libya, tmp_path):
    out = tmp_path / "acled.csv"
    assert (
        main(["import", "acled", str(SAMPLE), "-o", str(out), "--data", str(libya), "--queue"]) == 0
    )
    db = open_ledger(libya)
    no_coords = next(i for i in queue_items(db) if "latitude/longitude" in i["reason"])
    from dashboard.core.ledger.queue import approve, reject

    with pytest.raises(DataError, match="confidence"):
        approve(db, no_coords["id"], "rita", {"controller": "GNA", "confidence": "maybe"})
    assert no_coords["id"] in [i["id"] for i in queue_items(db)] and history_entries(db) == []
    with pytest.raises(DataError, match="needs a reason"):
        reject(db, no_coords["id"], "rita", "")
