"""``frontline health`` and ``frontline run`` without a server: readiness says whether the
data loaded, and ``run`` refuses a bad data folder on one line before starting Streamlit."""

from __future__ import annotations

import json
import os

from dashboard.cli import main
from tests.support.server import free_port


def test_health_reports_the_loaded_data(tiny_dir, capsys):
    assert main(["health", "--data", str(tiny_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["data"] == "loaded" and report["places"] == 3


def test_health_of_a_bad_folder_is_exit_2(tmp_path, capsys):
    assert main(["health", "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no events/ folder" in err and "Traceback" not in err


def test_health_of_a_server_that_is_not_there(tiny_dir, capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["health", "--data", str(tiny_dir), "--url", url]) == 2
    assert "server not ready at" in capsys.readouterr().err


def test_health_url_must_be_http(tiny_dir, capsys):
    assert main(["health", "--data", str(tiny_dir), "--url", "file:///etc/passwd"]) == 2
    assert "must be an http(s) URL" in capsys.readouterr().err


def test_run_checks_the_data_before_starting(tmp_path, capsys, monkeypatch):
    started = []
    monkeypatch.setattr("dashboard.launch.serve", lambda *a, **k: started.append(a) or 0)
    assert main(["run", "--data", str(tmp_path), "--port", str(free_port())]) == 2
    assert "no events/ folder" in capsys.readouterr().err and not started
    assert os.environ.get("FRONTLINE_DATA_DIR") != str(tmp_path)  # restored after the check
