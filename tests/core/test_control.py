"""Control state on known dates of the tiny dataset, including boundary days."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.core.model import Model


@pytest.fixture
def model(tiny_dir):
    """The tiny synthetic dataset, loaded and indexed."""
    return Model.load(tiny_dir)


def held(model, day):
    state = model.state(day)
    return dict(zip(state["place"], state["controller"], strict=True))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2019-12-31", {"Alphaville": "unknown", "Betatown": "unknown", "Gammaburg": "unknown"}),
        ("2020-01-01", {"Alphaville": "North", "Betatown": "South", "Gammaburg": "unknown"}),
        ("2020-01-09", {"Alphaville": "North", "Betatown": "South", "Gammaburg": "unknown"}),
        ("2020-01-10", {"Alphaville": "North", "Betatown": "North", "Gammaburg": "unknown"}),
        ("2020-01-15", {"Alphaville": "North", "Betatown": "North", "Gammaburg": "unknown"}),
        ("2020-02-01", {"Alphaville": "North", "Betatown": "North", "Gammaburg": "South"}),
        ("2020-02-20", {"Alphaville": "South", "Betatown": "North", "Gammaburg": "South"}),
        ("2030-01-01", {"Alphaville": "South", "Betatown": "North", "Gammaburg": "South"}),
    ],
)
def test_state_on_known_days(model, day, expected):
    assert held(model, day) == expected


def test_since_is_the_first_day_of_the_current_holder(model):
    state = model.state(dt.date(2020, 1, 20)).set_index("place")
    assert state.at["Betatown", "since"] == pd.Timestamp("2020-01-10")
    assert pd.isna(state.at["Gammaburg", "since"])


def test_two_sources_for_one_event_merge_with_the_strongest_confidence(model):
    runs = model.index.transitions(None, None)
    betatown = runs[(runs["place"] == "Betatown") & (runs["controller"] == "North")].iloc[0]
    assert list(betatown["event_ids"]) == ["T3", "T4"]
    assert betatown["confidence"] == "confirmed"


def test_faction_filter_keeps_only_that_factions_places(model):
    assert list(model.state("2020-02-20", ["North"])["place"]) == ["Betatown"]


def test_transitions_are_half_open(model):
    runs = model.index.transitions("2020-01-10", "2020-02-20")
    assert list(zip(runs["place"], runs["previous"], runs["controller"], strict=True)) == [
        ("Gammaburg", "unknown", "South"),
        ("Alphaville", "North", "South"),
    ]


def test_counts_over_time_track_holders(model):
    counts = model.index.counts_over_time()
    last = counts[counts["day"] == counts["day"].max()].set_index("faction")["places"]
    assert last.to_dict() == {"North": 1, "South": 2}


def test_timeline_of_a_place(model):
    timeline = model.index.timeline("Alphaville")
    assert list(timeline["controller"]) == ["North", "South"]
    assert timeline["end"].iloc[0] == timeline["start"].iloc[1]
    assert pd.isna(timeline["end"].iloc[1])


def test_a_weaker_later_report_does_not_weaken_a_confirmed_holding(tmp_path):
    from tests.support.builders import write_events

    folder = write_events(
        tmp_path,
        "event_id,date,place,lat,lon,controller,confidence,source_title,notes\n"
        "A,2020-01-05,X,1,1,F,disputed,AP,\n"
        "B,2020-01-06,X,1,1,F,confirmed,Reuters,\n"
        "C,2020-01-07,X,1,1,F,disputed,Greek outlet,\n",
    )
    model = Model.load(folder)
    rows = [model.state(d).iloc[0] for d in ("2020-01-05", "2020-01-06", "2020-01-08")]
    assert [r["confidence"] for r in rows] == ["", "confirmed", "confirmed"]
    # the earlier, disputed date is a minority report: since is the confirmed day
    assert rows[2]["since"] == pd.Timestamp("2020-01-06")
    assert rows[2]["other_dates"] == "2020-01-05"


def _model(tmp_path, body):
    from tests.support.builders import write_events

    head = "event_id,date,place,lat,lon,controller,confidence,source_title,notes\n"
    return Model.load(write_events(tmp_path, head + body))


def test_a_claim_against_an_assessed_holding_is_a_claim_in_force(tmp_path):
    model = _model(
        tmp_path,
        "A,2019-04-04,X,1,1,GNA,confirmed,Reuters,\n"
        "B,2019-05-03,X,1,1,LNA,claimed,LNA spokesman,\n"
        "C,2019-06-01,X,1,1,GNA,confirmed,AFP,\n",
    )
    mid = model.state("2019-05-20").iloc[0]
    assert (mid["controller"], mid["confidence"]) == ("GNA", "confirmed")
    assert mid["since"] == pd.Timestamp("2019-04-04")
    assert (mid["claim_faction"], mid["claim_sources"]) == ("LNA", "B")
    assert mid["claim_since"] == pd.Timestamp("2019-05-03")
    after = model.state("2019-06-01").iloc[0]
    assert after["claim_faction"] == "" and pd.isna(after["claim_since"])
    assert after["since"] == pd.Timestamp("2019-04-04")
    claims = model.index.claims(None, None)
    assert list(claims["faction"]) == ["LNA"]
    assert claims["until"].iloc[0] == pd.Timestamp("2019-06-01")
    assert model.index.changes_of_hands(None, None).empty


def test_a_claim_sets_the_holder_only_where_nothing_assessed_is_in_force(tmp_path):
    model = _model(
        tmp_path,
        "A,2019-04-04,X,1,1,LNA,claimed,AP,\nB,2019-05-01,X,1,1,GNA,confirmed,Reuters,\n",
    )
    early = model.state("2019-04-10").iloc[0]
    assert (early["controller"], early["confidence"], early["claim_faction"]) == (
        "LNA",
        "claimed",
        "",
    )
    runs = model.index.transitions(None, None)
    assert list(runs["first_record"]) == [True, False]
    assert list(runs["changed_hands"]) == [False, True]


def test_a_first_record_is_not_a_change_of_hands(model):
    moved = model.index.changes_of_hands(None, None)
    assert ("Gammaburg", "unknown") not in set(zip(moved["place"], moved["previous"], strict=True))
    assert set(moved["place"]) == {"Betatown", "Alphaville"}


def test_grouped_tuples_equal_pandas_agg_tuple_on_random_frames():
    import numpy as np
    import pandas as pd

    from dashboard.core.assess import grouped_tuples

    rng = np.random.default_rng(5)
    for n in (0, 1, 7, 500):
        frame = pd.DataFrame(
            {
                "place": rng.choice(["A", "B", "Cé", "d"], n),
                "day": rng.integers(0, 5, n),
                "event_id": [f"E{k}" for k in range(n)],
            }
        ).astype({"place": "string[pyarrow]"})
        for keys in (["place", "day"], "place"):
            ours = grouped_tuples(frame, keys, "event_id")
            pd.testing.assert_series_equal(ours, frame.groupby(keys)["event_id"].agg(tuple))
