"""Properties of the ACLED import and of the geocoder's name keys (Hypothesis)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.core.ingest.acled.convert import import_acled_bytes
from dashboard.core.ingest.acled.factionmap import read_faction_map
from dashboard.core.io.gazetteer import ARTICLES, normalise, normalise_many
from tests.support.acled_fake import fake_acled
from tests.support.paths import BUNDLED

pytestmark = pytest.mark.property

LIBYA = read_faction_map(BUNDLED / "acled" / "factions.csv")


@settings(max_examples=25)
@given(seed=st.integers(0, 10_000), repeat=st.sampled_from([0.0, 0.2, 0.5]))
def test_accepted_changes_always_alternate_per_place(seed, repeat):
    raw = fake_acled(400, seed=seed, control_share=0.3, repeat_share=repeat)
    result = import_acled_bytes(raw.to_csv(index=False).encode(), "fake.csv", LIBYA)
    ctrl = result.events[result.events["controller"] != ""]
    for _, rows in ctrl.groupby("place"):
        by_day = rows.sort_values("date")
        changed = by_day["controller"] != by_day["controller"].shift()
        repeats_on_later_days = ~changed & (by_day["date"] != by_day["date"].shift())
        assert not repeats_on_later_days.any()
        assert (by_day["previous_controller"].iloc[1:] != by_day["controller"].iloc[1:]).all()
    assert len(result.events) + result.review["event_id_cnty"].nunique() == 400


def reference_normalise(name: str) -> str:
    """The rule spelt out step by step (no ASCII shortcut, no precompiled classes)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\u2018\u2019\u02bb\u02bc\u02bf\u02be`'\u00b4]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text.replace(" ", "")


@given(st.text(max_size=30))
def test_normalise_equals_the_rule_spelt_out(name):
    assert normalise(name) == reference_normalise(name)


@given(
    st.lists(
        st.sampled_from(["Al-Aşābi‘ah", "ash Shatti", "TARHŪNAH", "Ṭarābulus", "x"])
        | st.text(max_size=12)
    )
)
def test_normalise_many_is_normalise_per_name(names):
    assert list(normalise_many(names)) == [normalise(n) for n in names]
