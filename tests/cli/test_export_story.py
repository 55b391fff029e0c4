"""``export --format html`` carries the folder's story, and refuses a bad one (exit 2)."""

from __future__ import annotations

import shutil

from dashboard.cli import main
from tests.support.map_payload import payload
from tests.support.paths import TINY


def story_folder(tmp_path, text: str):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "events" / "story.csv").write_text(text, encoding="utf-8")
    return folder


def test_the_html_export_carries_the_story(tmp_path, capsys):
    folder = story_folder(
        tmp_path, "date,title,text,place,zoom\n2020-01-10,Fall,</script>,Betatown,9\n"
    )
    out = tmp_path / "map.html"
    args = [
        "export",
        "--date",
        "2020-01-10",
        "--format",
        "html",
        "-o",
        str(out),
        "--data",
        str(folder),
    ]
    assert main(args) == 0
    capsys.readouterr()
    html = out.read_text(encoding="utf-8")
    assert payload(html)["story"] == [
        {"date": "2020-01-10", "title": "Fall", "text": "</script>", "place": "Betatown", "zoom": 9}
    ]
    assert "</script>," not in html


def test_a_bad_story_stops_the_export_with_one_line_per_problem(tmp_path, capsys):
    folder = story_folder(tmp_path, "date,title,text\n2020-01-10,,x\n")
    out = tmp_path / "map.html"
    args = [
        "export",
        "--date",
        "2020-01-10",
        "--format",
        "html",
        "-o",
        str(out),
        "--data",
        str(folder),
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("events/story.csv:2: title must have 1 to 120 characters")
    assert "Traceback" not in err and not out.exists()
