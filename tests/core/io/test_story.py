"""events/story.csv: steps read in order, every bad row named by file and line, text kept
as data, and the file never mistaken for an event table."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard.core.errors import DataError
from dashboard.core.io.load import load_dataset
from dashboard.core.io.story import STORY_FILE, StoryStep, parse_story, read_story
from tests.support.paths import TINY

PLACES = {"Alphaville", "Betatown"}
HOSTILE = '<img src=x onerror="alert(1)"> {{7*7}} =cmd'


def story_dir(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "events" / STORY_FILE).write_text(text, encoding="utf-8")
    return folder


def test_three_steps_are_read_in_file_order(tmp_path):
    folder = story_dir(
        tmp_path,
        "date,title,text,place,zoom\n"
        "2020-01-10,Betatown falls,The South loses it.,betatown,9\n"
        "2020-01-01,The start,Both sides hold their towns.,,\n"
        f'2020-01-05,Quiet,"{HOSTILE.replace(chr(34), chr(34) * 2)}",Alphaville,\n',
    )
    steps = read_story(folder, PLACES, lambda n: {"betatown": "Betatown"}.get(n, n))
    assert [s.day for s in steps] == [
        dt.date(2020, 1, 10),
        dt.date(2020, 1, 1),
        dt.date(2020, 1, 5),
    ]
    assert steps[0] == StoryStep(
        dt.date(2020, 1, 10), "Betatown falls", "The South loses it.", "Betatown", 9
    )
    assert steps[2].text == HOSTILE and steps[2].place == "Alphaville" and steps[2].zoom is None


def test_a_folder_without_a_story_has_none_and_the_story_is_no_event_table(tmp_path):
    assert read_story(TINY, PLACES) == ()
    folder = story_dir(tmp_path, "date,title,text\n2020-01-01,Start,Text\n")
    data = load_dataset(folder, ledger=False)
    assert len(data.events) == len(load_dataset(TINY, ledger=False).events)


def test_every_bad_row_is_named_by_file_and_line():
    text = (
        "date,title,text,place,zoom\n"
        "2020-02-30,Bad day,x,,\n"
        "2020-01-01,,no title,,\n"
        "2020-01-02,Nowhere,x,Atlantis,\n"
        "2020-01-03,Zoom,x,Alphaville,40\n"
        "2020-01-04,Zoom alone,x,,8\n"
        "2020-01-05,Fine,x,Alphaville,8\n"
    )
    with pytest.raises(DataError) as caught:
        parse_story(text, "events/story.csv", PLACES, None)
    assert [str(p) for p in caught.value.problems] == [
        "events/story.csv:2: date '2020-02-30' is not a day (expected YYYY-MM-DD)",
        "events/story.csv:3: title must have 1 to 120 characters",
        "events/story.csv:4: place 'Atlantis' is not a place of the dataset",
        "events/story.csv:5: zoom '40' must be a whole number from 1 to 18",
        "events/story.csv:6: zoom needs a place to centre on",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,title\n2020-01-01,x\n", "s.csv:1: missing column(s) text"),
        ("date,title,text,url\n2020-01-01,x,y,z\n", "s.csv:1: unknown column(s) url"),
        ("date,title,text\n", "s.csv: no steps (expected one row per step)"),
    ],
)
def test_a_bad_header_or_an_empty_story_is_one_clear_line(text, message):
    with pytest.raises(DataError) as caught:
        parse_story(text, "s.csv", PLACES, None)
    assert str(caught.value).startswith(message)
