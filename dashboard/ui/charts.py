"""Altair charts of control over time (no Streamlit import)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd


def _scale(colors: dict[str, str], labels: dict[str, str]) -> alt.Scale:
    names = list(colors)
    return alt.Scale(domain=[labels.get(n, n) for n in names], range=[colors[n] for n in names])


def _rule(day: dt.date) -> alt.Chart:
    marker = pd.DataFrame({"day": [pd.Timestamp(day)]})
    return alt.Chart(marker).mark_rule(color="black", strokeDash=[4, 3]).encode(x="day:T")


def control_gantt(
    runs: pd.DataFrame,
    end: dt.date,
    day: dt.date,
    colors: dict[str, str],
    labels: dict[str, str],
    start: dt.date | None = None,
) -> alt.Chart:
    """One row per place, a coloured bar per period of control, the chosen day marked.

    Every place's name shows in full; the x axis (from ``start``, e.g. the dataset's
    period, else the first record) is labelled with months and years; the legend sits
    under the chart, where long faction names are not cut off."""
    data = runs.copy()
    data["end"] = (
        data.groupby("place")["start"].shift(-1).fillna(pd.Timestamp(end) + pd.Timedelta(days=1))
    )
    data["holder"] = data["controller"].map(lambda c: labels.get(c, c))
    bars = (
        alt.Chart(data)
        .mark_bar(clip=True)
        .encode(
            x=alt.X(
                "start:T",
                title=None,
                scale=alt.Scale(
                    domain=[pd.Timestamp(start or data["start"].min()), pd.Timestamp(end)]
                ),
                axis=alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, grid=True),
            ),
            x2="end:T",
            y=alt.Y("place:N", title=None, sort="ascending", axis=alt.Axis(labelLimit=400)),
            color=alt.Color(
                "holder:N",
                scale=_scale(colors, labels),
                title="Held by",
                legend=alt.Legend(orient="bottom", labelLimit=400, columns=2),
            ),
            opacity=alt.condition(
                alt.datum.confidence == "confirmed", alt.value(1.0), alt.value(0.5)
            ),
            tooltip=[
                "place",
                "holder",
                alt.Tooltip("start:T", title="from"),
                alt.Tooltip("end:T", title="until"),
                "confidence",
            ],
        )
    )
    return (bars + _rule(day)).properties(height=max(160, 20 * data["place"].nunique()))


def faction_counts(
    counts: pd.DataFrame, end: dt.date, day: dt.date, colors: dict[str, str], labels: dict[str, str]
) -> alt.Chart:
    """Places held per faction over time (step lines), the chosen day marked."""
    return _per_faction(counts, "places", "places held", "d", end, day, colors, labels)


def _per_faction(
    series: pd.DataFrame,
    value: str,
    title: str,
    fmt: str,
    end: dt.date,
    day: dt.date,
    colors: dict[str, str],
    labels: dict[str, str],
) -> alt.Chart:
    """Step lines of ``value`` per faction (long format day, faction, value) to ``end``."""
    data = series.copy()
    if not data.empty:
        last = data[data["day"] == data["day"].max()].assign(day=pd.Timestamp(end))
        data = pd.concat([data, last], ignore_index=True)
    data["holder"] = data["faction"].map(lambda c: labels.get(c, c))
    lines = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y(f"{value}:Q", title=title),
            color=alt.Color(
                "holder:N",
                scale=_scale(colors, labels),
                title="Faction",
                legend=alt.Legend(orient="bottom", labelLimit=400, columns=2),
            ),
            tooltip=[alt.Tooltip("day:T"), "holder", alt.Tooltip(f"{value}:Q", format=fmt)],
        )
    )
    return (lines + _rule(day)).properties(height=260)


def front_distance(series: pd.DataFrame, end: dt.date, day: dt.date, target: str) -> alt.Chart:
    """Distance from ``target`` to the nearest hostile-held place over time, in km."""
    data = series.dropna(subset=["km"]).copy()
    if not data.empty:
        data = pd.concat([data, data.tail(1).assign(day=pd.Timestamp(end))], ignore_index=True)
    line = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y("km:Q", title=f"km from {target} to nearest hostile-held place"),
            tooltip=[
                alt.Tooltip("day:T"),
                alt.Tooltip("km:Q", format=".1f"),
                "nearest",
                "controller",
            ],
        )
    )
    return (line + _rule(day)).properties(height=260)


def area_over_time(
    series: pd.DataFrame, end: dt.date, day: dt.date, colors: dict[str, str], labels: dict[str, str]
) -> alt.Chart:
    """Approximate area held per faction over time, in km², the chosen day marked."""
    return _per_faction(series, "area_km2", "km² (approximate)", ",.0f", end, day, colors, labels)
