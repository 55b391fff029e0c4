"""Targets of issues 6 and 11 checked against the results, and the Markdown table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Target:
    """One performance target: which row, which number, the limit and its direction."""

    text: str
    match: Callable[[Row], bool]
    value: Callable[[Row], float | None]
    limit: float
    at_most: bool  # True: value must be <= limit; False: value must be >= limit
    unit: str


def _is(name: str, **params: Any) -> Callable[[Row], bool]:
    return lambda r: r["name"] == name and all(r["params"].get(k) == v for k, v in params.items())


def _requested(name: str, events: int, places: int) -> Callable[[Row], bool]:
    return lambda r: (
        r["name"] == name and r["params"].get("requested") == {"events": events, "places": places}
    )


TARGETS: tuple[Target, ...] = (
    Target(
        "state at a date ≤ 5 ms (1M events, 5,000 places)",
        _requested("state_at_date", 1_000_000, 5_000),
        lambda r: r["ours_ms"],
        5,
        True,
        "ms",
    ),
    Target(
        "state at a date ≥ 50× faster than naive (1M events)",
        _requested("state_at_date", 1_000_000, 5_000),
        lambda r: r["ratio"],
        50,
        False,
        "×",
    ),
    Target(
        "state command cold ≤ 5× a plain pandas read (100k events, 20,000 places)",
        _is("state_cold", events=100_000, places=20_000),
        lambda r: r.get("over_naive_read"),
        5,
        True,
        "×",
    ),
    Target(
        "key step p50 ≤ 30 ms (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["ours_ms"],
        30,
        True,
        "ms",
    ),
    Target(
        "key step p95 ≤ 60 ms (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["p95_ms"],
        60,
        True,
        "ms",
    ),
    Target(
        "key step ≥ 100× faster than the naive app (2,000 places)",
        _is("key_step", places=2_000, baseline="naive"),
        lambda r: r["ratio"],
        100,
        False,
        "×",
    ),
    Target(
        "key step p50 ≤ 150 ms (20,000 places)",
        _is("key_step", places=20_000),
        lambda r: r["ours_ms"],
        150,
        True,
        "ms",
    ),
    Target(
        "mouse drag ≥ 20 repaints/s (2,000 places)",
        _is("drag", places=2_000),
        lambda r: r["params"].get("repaints_per_s"),
        20,
        False,
        "/s",
    ),
    Target(
        "Play ≥ 30 frames/s (2,000 places)",
        _is("play", places=2_000),
        lambda r: r["params"].get("fps"),
        30,
        False,
        "fps",
    ),
    Target(
        "rerun after release ≤ 150 ms (bundled data, release to page idle)",
        _is("release", data="bundled"),
        lambda r: r["ours_ms"],
        150,
        True,
        "ms",
    ),
    Target(
        "map payload ≤ 100 ms (2,000 places)",
        _is("map_payload", places=2_000),
        lambda r: r["ours_ms"],
        100,
        True,
        "ms",
    ),
    Target(
        "map build (names, spread, page) ≤ 10 s (20,000 places)",
        _is("map_build", places=20_000),
        lambda r: r["ours_ms"],
        10_000,
        True,
        "ms",
    ),
    Target(
        "map build growth ≤ 15× for 10× places (2,000 → 20,000)",
        _is("map_build", places=20_000),
        lambda r: r["params"].get("growth"),
        15,
        True,
        "×",
    ),
    Target(
        "cold start ≤ 5 s (bundled data)",
        _is("cold_start", data="bundled"),
        lambda r: r["ours_ms"],
        5_000,
        True,
        "ms",
    ),
    Target(
        "cold start ≤ 15 s (100k events, 2,000 places)",
        _is("cold_start", data="synthetic", places=2_000),
        lambda r: r["ours_ms"],
        15_000,
        True,
        "ms",
    ),
    Target(
        "1M events ≤ 1 GB peak RSS",
        _is("memory", events=1_000_000),
        lambda r: r.get("ours_mb"),
        1024,
        True,
        "MB",
    ),
    Target(
        "loaded model ≤ 310 MB per million events (retained RSS, 1M events)",
        _is("model_memory", events=1_000_000),
        lambda r: r["params"].get("retained_mb_per_million"),
        310,
        True,
        "MB",
    ),
    Target(
        "import acled of 3,000,000 rows ≤ 2 GB peak RSS",
        _is("import_big", events=3_000_000),
        lambda r: r["params"].get("ours_peak_mb"),
        2048,
        True,
        "MB",
    ),
    Target(
        "upload of 20,000 places in the browser, file chosen → map drawn ≤ 15 s",
        _is("upload_browser", places=20_000),
        lambda r: r["ours_ms"],
        15_000,
        True,
        "ms",
    ),
    Target(
        "ACLED export of 60,000 rows / 3,000 places, file chosen → map drawn ≤ 5 s",
        _is("acled_upload", events=60_000),
        lambda r: r["ours_ms"],
        5_000,
        True,
        "ms",
    ),
    Target(
        "import ≥ 10,000 rows/s (100k ACLED rows)",
        _is("import", events=100_000),
        lambda r: r["params"].get("rows_per_s"),
        10_000,
        False,
        "rows/s",
    ),
)


def check(results: list[Row]) -> list[dict[str, Any]]:
    """Each target with the measured value, met (None when not measured) and the margin."""
    out = []
    for target in TARGETS:
        rows = [r for r in results if target.match(r)]
        value = target.value(rows[0]) if rows else None
        met = None if value is None else _met(target, value)
        measured = None if value is None else round(value, 2)
        out.append(
            {"target": target.text, "measured": measured, "unit": target.unit, "met": met,
             "margin": _margin(target, value, met)}
        )  # fmt: skip
    return out


def _met(target: Target, value: float) -> bool:
    return value <= target.limit if target.at_most else value >= target.limit


def _margin(target: Target, value: float | None, met: bool | None) -> str:
    if value is None:
        return "not measured"
    factor = (target.limit / value if target.at_most else value / target.limit) if value else None
    if met:
        return f"headroom {factor:.2f}×" if factor is not None else "headroom ∞"
    return f"missed by {1 / factor:.2f}×" if factor else "missed"


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}" if abs(value) >= 1 else f"{value:.3f}"


def _size(row: Row) -> str:
    if row.get("ours_mb") is not None:
        return f"{row['ours_mb']:,.0f} MB vs {row['baseline_mb']:,.0f} MB"
    if row.get("bytes") is None:
        return "–"
    base = row.get("baseline_bytes")
    text = f"{row['bytes'] / 1024:,.0f} KB"
    return f"{text} vs {base / 1024:,.0f} KB" if base else text


PARAMS_SHOWN = ("data", "cache", "build_ms", "load_s", "rows_per_s", "steps", "to_rerun_ms",
                "scene_ms", "render_ms", "health_ms", "today_ms", "naive_answer_ms", "cpu_s",
                "baseline_cpu_s", "filter_s", "baseline_filter_s", "load")  # fmt: skip


def _params(row: Row) -> str:
    p = row["params"]
    parts = [f"{p.get('events', 0):,} ev", f"{p.get('places', 0):,} pl"]
    for key in PARAMS_SHOWN:
        if p.get(key) is not None:
            parts.append(
                f"{key}={p[key]:,}" if isinstance(p[key], int | float) else f"{key}={p[key]}"
            )
    if p.get("skipped"):
        parts.append(f"skipped: {p['skipped']}")
    return ", ".join(parts)


def markdown(results: list[Row], targets: list[dict[str, Any]]) -> str:
    """The results table and the target table, in Markdown."""
    lines = [
        "| benchmark | params | ours median ms | ours p95 ms | baseline median ms | ratio (baseline/ours) | size |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        ratio = f"{r['ratio']:.1f}×" if r.get("ratio") is not None else "–"
        lines.append(
            f"| {r['name']} | {_params(r)} | {_fmt(r['ours_ms'])} | {_fmt(r['p95_ms'])} "
            f"| {_fmt(r['baseline_ms'])} | {ratio} | {_size(r)} |"
        )
    lines += ["", "| target | measured | met | margin |", "|---|---:|:-:|---|"]
    for t in targets:
        met = {True: "✅ met", False: "❌ missed", None: "–"}[t["met"]]
        measured = "–" if t["measured"] is None else f"{_fmt(t['measured'])} {t['unit']}"
        lines.append(f"| {t['target']} | {measured} | {met} | {t['margin']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.report [FILE]``: print the tables of a results file (default latest.json)."""
    import json
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else Path(__file__).resolve().parent / "results" / "latest.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    print(markdown(doc["results"], doc["targets"]))


if __name__ == "__main__":
    main()
