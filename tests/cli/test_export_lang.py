"""``export --lang``: checked before any work, one line per refusal, exit 2."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from tests.support.map_payload import payload


@pytest.mark.parametrize("fmt", ["html", "png", "mp4"])
def test_an_unknown_language_exits_2_with_one_line(fmt, tmp_path, capsys):
    out = tmp_path / f"x.{fmt}"
    code = main(["export", "--date", "2020-06-01", "--format", fmt, "--lang", "xx", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == ["error: unknown language 'xx' (expected en or ar)"]
    assert not out.exists()


def test_a_table_format_refuses_arabic(tmp_path, capsys):
    code = main(
        [
            "export",
            "--date",
            "2020-06-01",
            "--format",
            "csv",
            "--lang",
            "ar",
            "-o",
            str(tmp_path / "x.csv"),
        ]
    )
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --lang ar applies to html, png, pdf, mp4 and gif"
    ]


def test_the_html_export_is_built_in_the_language_asked(tmp_path, capsys):
    out = tmp_path / "ar.html"
    assert (
        main(["export", "--date", "2020-06-01", "--format", "html", "--lang", "ar", "-o", str(out)])
        == 0
    )
    assert "(html, state on 2020-06-01, ar)" in capsys.readouterr().out
    cfg = payload(out.read_text(encoding="utf-8"))
    assert (cfg["lang"], cfg["dir"], cfg["open_on"]) == ("ar", "rtl", "2020-06-01")
