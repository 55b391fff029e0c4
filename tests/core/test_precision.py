"""The thin-record rule (core/precision.py): which holdings rest only on coarse dates."""

from __future__ import annotations

from dashboard.core.model import Model
from dashboard.core.timeline import holding_precision
from tests.support.builders import write_events

HEAD = "event_id,date,place,lat,lon,controller,date_precision,event_type,confidence,source_title\n"
ROWS = """\
A1,2020-01-01,Alpha,10,10,North,month,status,confirmed,UN report
A2,2020-03-05,Alpha,10,10,North,day,status,confirmed,Wire
A3,2020-05-01,Alpha,10,10,South,day,capture,confirmed,Wire
A4,2020-07-01,Alpha,10,10,North,year,capture,confirmed,Yearbook
B1,2020-01-01,Beta,11,11,North,week,capture,confirmed,Wire
C1,2020-01-01,Gamma,12,12,South,day,claim,claimed,Outlet
C2,2020-02-01,Gamma,12,12,South,month,status,confirmed,Analysis
"""


def dating(tmp_path, day: str) -> dict[str, tuple[str, bool]]:
    model = Model.load(write_events(tmp_path, HEAD + ROWS))
    table = holding_precision(model.index, day)
    return {r.place: (r.precision, bool(r.thin)) for r in table.itertuples()}


def test_a_holding_known_only_from_a_month_report_is_thin(tmp_path):
    assert dating(tmp_path, "2020-02-01")["Alpha"] == ("month", True)


def test_a_later_dated_report_of_the_same_holder_makes_it_sharp(tmp_path):
    """The start stays 'about January' but the holding now rests on a dated report."""
    assert dating(tmp_path, "2020-03-05")["Alpha"] == ("month", False)


def test_a_regain_known_only_to_the_year_is_thin_again(tmp_path):
    """Earlier dated rows of the same holder belong to an earlier holding: they do not count."""
    assert dating(tmp_path, "2020-07-02")["Alpha"] == ("year", True)
    assert dating(tmp_path, "2020-06-01")["Alpha"] == ("day", False)


def test_week_is_sharp_and_a_claim_does_not_sharpen_an_assessed_holding(tmp_path):
    found = dating(tmp_path, "2020-02-02")
    assert found["Beta"] == ("week", False)
    assert found["Gamma"] == ("month", True)  # the earlier day-precise row was only a claim


def test_no_holder_is_never_thin(tmp_path):
    assert dating(tmp_path, "2019-12-31")["Alpha"] == ("", False)
