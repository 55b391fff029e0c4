"""The time-lapse's frame schedule and captions (pure core, no browser)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.core.errors import UsageError
from dashboard.core.model import Model
from dashboard.core.publish import frames as fr

D = dt.date


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.load()


@given(
    days=st.integers(1, 400),
    fps=st.integers(1, 60),
    dps=st.sampled_from([0.5, 1, 2.5, 7, 10, 30, 90, 365]),
    hold=st.sampled_from([0, 0.5, 1, 2.25]),
    changed=st.sets(st.integers(0, 399), max_size=8),
)
def test_schedule_keeps_time_and_change_days(days, fps, dps, hold, changed):
    start = D(2020, 1, 1)
    end = start + dt.timedelta(days=days - 1)
    change_days = {start + dt.timedelta(days=k) for k in changed if k < days}
    frames = fr.schedule(start, end, fps, dps, hold, change_days, hold_end=0)
    shown = [f.day for f in frames]
    assert shown == sorted(set(shown)) and shown[0] == start and shown[-1] == end
    assert change_days <= set(shown)  # a change of hands is never skipped
    held = sum(round(hold * fps) for f in frames if f.changed)
    plain = sum(f.repeat for f in frames) - held
    exact = days * fps / dps
    # Every day adds its exact share; only change days and the first and last days,
    # forced in when days are skipped, add one frame each.
    assert round(exact) <= plain <= round(exact) + len(change_days) + 2
    assert all(f.repeat >= 1 for f in frames)
    assert {f.day for f in frames if f.changed} == change_days


def test_one_day_a_frame_shows_every_day_once_and_holds_changes():
    changed = {D(2020, 6, 1)}
    frames = fr.schedule(D(2020, 5, 30), D(2020, 6, 2), 10, 10, 1.5, changed, hold_end=2)
    assert [(f.day.day, f.repeat) for f in frames] == [(30, 1), (31, 1), (1, 16), (2, 21)]


@pytest.mark.parametrize(
    ("start", "end", "fps", "dps", "hold"),
    [(D(2020, 2, 1), D(2020, 1, 1), 30, 10, 1), (D(2020, 1, 1), D(2020, 2, 1), 0, 10, 1),
     (D(2020, 1, 1), D(2020, 2, 1), 30, 0, 1), (D(2020, 1, 1), D(2020, 2, 1), 30, 10, -1)],
)  # fmt: skip
def test_schedule_refuses_bad_options(start, end, fps, dps, hold):
    with pytest.raises(UsageError):
        fr.schedule(start, end, fps, dps, hold, set())


@pytest.mark.parametrize(
    "text", ["1080", "1080x", "x1080", "1081x1080", "10x10", "axb", "9000x1080"]
)
def test_bad_sizes_are_refused(text):
    with pytest.raises(UsageError, match="bad size"):
        fr.parse_size(text)


def test_every_offered_size_parses_even():
    for text in fr.SIZES:
        w, h = fr.parse_size(text)
        assert w % 2 == 0 and h % 2 == 0 and f"{w}x{h}" == text


def test_change_days_are_the_control_index_changes_of_hands(model):
    start, end = D(2020, 5, 1), D(2020, 6, 30)
    days = fr.change_days(model, start, end)
    runs = model.index.changes_of_hands(start - dt.timedelta(days=1), end)
    assert days == {d.date() for d in runs["start"]}
    assert D(2020, 6, 1) in days and D(2020, 6, 2) not in days


def test_caption_names_who_took_what(model):
    cap = fr.caption(model, D(2020, 6, 1))
    assert cap.date == "1 June 2020" and cap.title == model.title
    assert cap.changes == (
        "al-Asabaa: Government of National Accord → Libyan National Army (Haftar)",
    )
    assert cap.as_dict()["heading"] == "Changed hands"
    quiet = fr.caption(model, D(2020, 6, 2)).as_dict()
    assert quiet["changes"] == [] and quiet["heading"] == ""


def test_caption_follows_the_faction_filter(model):
    assert fr.caption(model, D(2020, 6, 1), ["neutral"]).changes == ()
    assert len(fr.caption(model, D(2020, 6, 1), ["LNA"]).changes) == 1


def test_credit_counts_sources_up_to_the_day_and_names_the_basemap(model):
    early, late = fr.caption(model, D(2019, 4, 5)).credit, fr.caption(model, D(2020, 10, 1)).credit
    for text in (early, late):
        assert "© OpenStreetMap contributors" in text
        assert "Natural Earth" in text and "GeoNames" in text
    count = fr.source_count(model, D(2020, 10, 1))
    assert late.startswith(f"{count} sources") and fr.source_count(model, D(2019, 4, 5)) < count


def test_long_dates_ignore_the_locale():
    assert [fr.long_date(D(2020, m, 9)) for m in (1, 12)] == ["9 January 2020", "9 December 2020"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "svg", "--date", "2020-06-01"], "svg is not offered"),
        (["--format", "png"], "needs --date"),
        (["--format", "csv"], "needs --date"),
        (["--format", "png", "--date", "2020-06-01", "--size", "7x7"], "bad size"),
        (["--format", "mp4", "--faction", "ZZ"], "unknown faction"),
    ],
)
def test_cli_refuses_with_one_line_and_exit_2(argv, message, tmp_path, capsys):
    out = tmp_path / "out.bin"
    assert main(["export", *argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_without_chromium_says_so_and_writes_nothing(tmp_path, capsys, monkeypatch):
    from dashboard.publish import browser

    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "v.mp4"
    argv = ["export", "--format", "mp4", "--from", "2020-06-01", "--to", "2020-06-02"]
    assert main([*argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Chromium not found" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
