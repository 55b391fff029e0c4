"""Issue 22: signed-out viewers never see the server's paths: not in data warnings, not on
the Edit and Review tabs (the data folder, the ledger file)."""

from __future__ import annotations

import shutil

from streamlit.testing.v1 import AppTest

from dashboard.core.ledger import DB_URL_ENV
from dashboard.core.ledger.accounts import add_user
from dashboard.core.ledger.read import open_ledger
from tests.support.paths import ROOT, TINY
from tests.support.tabs import with_tab

APP = str(ROOT / "dashboard" / "app.py")
WARNED = "W9,2020-02-21,Deltaville,10.5,20.5,Zeta,,day,capture,claimed,T9,Wire,,javascript:x,\n"


def shown_text(at: AppTest) -> str:
    kinds = ("markdown", "caption", "text", "info", "warning", "error", "success", "code")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_a_signed_out_viewer_sees_no_server_path(tmp_path, monkeypatch):
    folder = tmp_path / "server" / "secret-place" / "data"
    shutil.copytree(TINY, folder)
    with (folder / "events" / "events.csv").open("a", encoding="utf-8") as table:
        table.write(WARNED)  # two data warnings, each naming its file
    add_user(open_ledger(folder), "alice", "editor", "a long passphrase")
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    at = with_tab(AppTest.from_file(APP, default_timeout=60), "Edit").run()
    text = shown_text(at)
    assert "events/events.csv:9: source_url 'javascript:x' is not an http(s) link" in text
    assert "Saves go to the data folder's team ledger (a SQLite file in it)." in text
    assert "secret-place" not in text and str(tmp_path) not in text
