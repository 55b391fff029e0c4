"""The one launch command: settings as flags, loopback by default, config.toml in step."""

from __future__ import annotations

import argparse
import sys
import tomllib

from dashboard import launch
from tests.support.paths import ROOT


def flags(cmd: list[str]) -> dict[str, str]:
    args = cmd[cmd.index("run") + 2 :]
    return {args[i].removeprefix("--"): args[i + 1] for i in range(0, len(args), 2)}


def test_loopback_by_default_with_no_outside_call_and_no_tracebacks(monkeypatch):
    monkeypatch.delenv(launch.HOST_ENV, raising=False)
    got = flags(launch.streamlit_command(port=8123))
    assert got["server.address"] == "127.0.0.1"
    assert got["browser.serverAddress"] == "localhost"
    assert got["browser.gatherUsageStats"] == "false"
    assert got["client.showErrorDetails"] == "none"
    assert got["server.enableStaticServing"] == "true"
    assert got["server.port"] == "8123"


def test_frontline_host_opens_it_up(monkeypatch):
    monkeypatch.setenv(launch.HOST_ENV, "0.0.0.0")
    got = flags(launch.streamlit_command(port=8123))
    assert got["server.address"] == "0.0.0.0"
    assert got["browser.serverAddress"] == "localhost"  # still no external-IP lookup
    monkeypatch.setenv(launch.HOST_ENV, "10.1.2.3")
    assert flags(launch.streamlit_command())["browser.serverAddress"] == "10.1.2.3"


def test_the_script_path_is_absolute_so_any_folder_works():
    cmd = launch.streamlit_command("bench/naive_app.py")
    assert cmd[cmd.index("run") + 1] == str(ROOT / "bench" / "naive_app.py")


def test_the_app_starts_through_warm_and_other_scripts_through_streamlit(tmp_path):
    """Frontline's page is imported while the frontend loads (dashboard.warm); a baseline
    or naive script, which has no such module on its path, runs on plain Streamlit."""
    assert launch.streamlit_command()[1:4] == ["-m", "dashboard.warm", "run"]
    entry = launch.write_app_script(tmp_path)  # what make run and the tests start
    assert launch.streamlit_command(entry)[1:4] == ["-m", "dashboard.warm", "run"]
    assert launch.streamlit_command("bench/naive_app.py")[1:4] == ["-m", "streamlit", "run"]


def test_warm_imports_the_core_and_hands_its_arguments_to_streamlit(monkeypatch):
    from streamlit.web import cli

    from dashboard import warm

    seen = {}
    monkeypatch.setattr(cli, "main", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["warm.py", "run", "app.py", "--server.port", "1"])
    warm.main()
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "1"]
    warm.warm()
    assert set(warm.WARM_MODULES) <= set(sys.modules)
    assert not any(name.startswith("dashboard.ui") for name in warm.WARM_MODULES)


def test_config_toml_says_the_same_as_the_flags():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    flat = {
        f"{section}.{key}": value for section, keys in config.items() for key, value in keys.items()
    }
    as_text = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in flat.items()}
    expected = {
        **launch.SETTINGS,
        "server.address": "127.0.0.1",
        "browser.serverAddress": "localhost",
    }
    assert as_text == expected


def test_make_run_uses_the_launcher():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(BIN)/python -m dashboard.launch --port $(PORT)" in makefile


def test_secrets_are_ignored_by_git():
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text().splitlines()


def test_every_setting_is_a_flag_that_sets_its_environment_variable(monkeypatch):
    monkeypatch.delenv(launch.UPLOAD_ENV, raising=False)
    parser = argparse.ArgumentParser()
    launch.add_server_options(parser)
    args = parser.parse_args(
        ["--data", "/d", "--db-url", "postgresql://h/db", "--state-dir", "/s"]
        + ["--state-max-mb", "9", "--max-upload-mb", "7", "--port", "9000"]
    )
    env = launch.server_env(args, base={"PYTHONPATH": "/x"})
    assert env["FRONTLINE_DATA_DIR"] == "/d"
    assert env["FRONTLINE_DB_URL"] == "postgresql://h/db"
    assert env["FRONTLINE_STATE_DIR"] == "/s" and env["FRONTLINE_STATE_MAX_MB"] == "9"
    assert env["PYTHONPATH"] == f"{ROOT}:/x"
    got = flags(launch.streamlit_command(port=args.port, upload_mb=args.max_upload_mb))
    assert got["server.maxUploadSize"] == "7" and got["server.port"] == "9000"


def test_upload_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv(launch.UPLOAD_ENV, "12")
    assert flags(launch.streamlit_command())["server.maxUploadSize"] == "12"


def test_the_state_folder_app_script_serves_a_writable_static_folder(tmp_path, monkeypatch):
    from dashboard.core.paths import served_static_dir

    monkeypatch.setenv("FRONTLINE_STATE_DIR", str(tmp_path))
    script = launch.prepare_state(tmp_path)
    assert script.parent / "static" == served_static_dir()
    assert (served_static_dir() / "vendor" / "leaflet" / "leaflet.js").is_file()
    text = script.read_text()
    assert "render(static=" in text and str(ROOT) not in text  # no checkout's path in it
    mtime = script.stat().st_mtime_ns
    assert launch.write_app_script(tmp_path) == script and script.stat().st_mtime_ns == mtime
    compile(text, str(script), "exec")


def test_warm_knows_when_the_first_page_will_take_a_published_map_page(tmp_path):
    """The warm thread imports folium only when the first page must build its map page:
    it looks for the page recorded under the key the app gives the folder's model."""
    from types import SimpleNamespace

    from dashboard import warm
    from dashboard.ui import data
    from dashboard.ui.map import built
    from dashboard.ui.map.assets import publish_page
    from tests.support.paths import TINY

    script = launch.write_app_script(tmp_path)
    model = SimpleNamespace(factions=["Alpha", "Beta"])
    assert not warm._page_published(str(script), TINY, model)
    static, html = script.with_name("static"), "<html>the map</html>"
    publish_page(html, static / "maps")
    key = (str(TINY), data.signature(TINY))  # as the page's get_model keys the model
    built.record(static, built.build_key(key, False, "en"), html)
    assert warm._page_published(str(script), TINY, model)
    assert not warm._page_published(str(ROOT / "dashboard" / "app.py"), TINY, model)
