"""Issue 22: terminal escape sequences in data are refused by the validator, and any that
reach the CLI's output (ledger authors, reasons, queued import rows) are shown, not obeyed."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from dashboard.cli import main
from dashboard.core.errors import DataError
from dashboard.core.ledger import store
from dashboard.core.ledger.accounts import add_user
from dashboard.core.ledger.read import open_ledger
from dashboard.core.ledger.tables import OPEN, review_queue
from dashboard.core.ledger.writes import add_event
from tests.support.builders import EVENT_HEADER, write_events

CLEAR = "\x1b[2J\x1b]0;pwned\x07"  # clear the screen, set the window title
CSI = "\x9b31m"  # C1 CSI: red text on terminals that take 8-bit controls
RAW = ("\x1b", "\x9b", "\x07", "\r", "\u202e")
NEW = {"date": "2020-03-01", "place": "Gammaburg", "controller": "North",
       "confidence": "claimed", "source_title": "Field report"}  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_history_and_review_list_show_control_characters_visibly(folder, capsys):
    db = open_ledger(folder)
    add_event(db, NEW, f"eve{CLEAR}", "why\rfake line\u202eevil")  # only the CLI sets --by
    with store.write_transaction(db.engine, db.dataset) as conn:
        conn.execute(insert(review_queue).values(
            dataset=db.dataset, origin=f"import{CLEAR}", reason=f"r{CSI}", raw={},
            candidate={"date": "2020-03-02", "place": f"Zawiya{CLEAR}\nfake row"},
            status=OPEN, added_at=store.utc_now()))  # fmt: skip
    for command in (["history"], ["review", "list"], ["history", "--json"]):
        capsys.readouterr()
        assert main([*command, "--data", str(folder)]) == 0
        out = capsys.readouterr().out
        assert not [c for c in RAW if c in out], command
        assert "\\u001b[2J" in out or "\\u001b" in out
    assert json.loads(out)[0]["by"] == f"eve{CLEAR}"  # JSON keeps the exact text
    capsys.readouterr()
    main(["review", "list", "--data", str(folder)])
    assert len(capsys.readouterr().out.strip().splitlines()) == 1  # "\n" did not add a row


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_names_and_reasons_with_control_characters_are_refused(folder):
    db = open_ledger(folder)
    with pytest.raises(DataError, match="no control characters"):
        add_user(db, f"eve{CLEAR}", "editor", "a long passphrase")
    with pytest.raises(DataError, match="control character"):
        add_event(db, NEW, "eve", f"why{CSI}")
    with pytest.raises(DataError, match="control character U\\+001B"):
        add_event(db, {**NEW, "source_title": f"T{CLEAR}"}, "eve")


def test_the_validator_refuses_control_characters_with_file_line_and_field(tmp_path, capsys):
    row = f"E1,2020-01-01,Gharyan,32.1,13.0,GNA,,day,capture,confirmed,T,W,,,note{CLEAR}"
    folder = write_events(tmp_path / "d", f"{EVENT_HEADER}\n{row}\n")
    assert main(["validate", "--data", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(
        "events.csv:2: field notes: control character U+001B at character 5 "
        "(terminal escapes and other control characters are refused)"
    )
    assert "\x1b" not in err[0]
