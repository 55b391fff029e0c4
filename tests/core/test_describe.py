"""Words for claims in force and other report dates, and the claims list of a state row."""

from types import SimpleNamespace

import pandas as pd

from dashboard.core.describe import claim_text, claims_list, other_dates_text


def test_claim_text():
    assert (
        claim_text("LNA", pd.Timestamp("2019-05-03"))
        == "LNA claims it since 3 May 2019, unconfirmed"
    )
    assert claim_text("", pd.Timestamp("2019-05-03")) == ""


def test_other_dates_text_drops_the_year_of_the_holding():
    assert other_dates_text("2019-04-02", pd.Timestamp("2019-04-04")) == "other reports: 2 April"
    assert other_dates_text("2016-03-30, 2019-01-02", pd.Timestamp("2019-04-04")) == (
        "other reports: 30 March 2016, 2 January"
    )
    assert other_dates_text("", pd.Timestamp("2019-04-04")) == ""


def test_claims_list():
    row = SimpleNamespace(claim_faction="GNA", claim_since=pd.Timestamp("2020-06-05"),
                          claim_sources="LY-E46c; LY-E47a")  # fmt: skip
    assert claims_list(row) == [
        {"faction": "GNA", "since": "2020-06-05", "sources": ["LY-E46c", "LY-E47a"]}
    ]
    assert (
        claims_list(SimpleNamespace(claim_faction="", claim_since=pd.NaT, claim_sources="")) == []
    )
