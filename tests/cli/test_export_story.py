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


def video_args(folder, out, *extra: str) -> list[str]:
    return ["export", "--format", "gif", "-o", str(out), "--data", str(folder), *extra]


def test_a_bad_story_stops_the_video_with_one_line_and_exit_2(tmp_path, capsys):
    folder = story_folder(tmp_path, "date,title,text,place\n2020-01-10,Fall,x,Nowhere\n")
    out = tmp_path / "story.gif"
    assert main(video_args(folder, out, "--story")) == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        == f"{folder / 'events' / 'story.csv'}:2: place 'Nowhere' is not a place of the dataset"
    )
    assert not out.exists()


def test_a_missing_story_file_and_a_step_outside_the_record_are_one_line_each(tmp_path, capsys):
    folder = story_folder(tmp_path, "date,title,text\n2031-01-10,Later,x\n")
    out = tmp_path / "story.gif"
    missing = tmp_path / "none.csv"
    assert main(video_args(folder, out, "--story", str(missing))) == 2
    assert capsys.readouterr().err.strip() == f"error: {missing}: no such story file"
    assert main(video_args(folder, out, "--story")) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "story.csv: step 1 (2031-01-10) is outside" in err
    assert "\n" not in err and not out.exists()


def test_story_with_from_or_with_a_still_format_is_refused(tmp_path, capsys):
    folder = story_folder(tmp_path, "date,title,text\n2020-01-10,Fall,x\n")
    out = tmp_path / "story.gif"
    assert main(video_args(folder, out, "--story", "--from", "2020-01-01")) == 2
    assert "drop --from and --to" in capsys.readouterr().err
    still = ["export", "--format", "png", "--date", "2020-01-10", "--story", "-o", str(out)]
    assert main([*still, "--data", str(folder)]) == 2
    assert "--story makes a video" in capsys.readouterr().err
