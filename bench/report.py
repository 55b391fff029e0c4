"""Targets of issues 6 and 11 checked against the results, and the Markdown table."""

from __future__ import annotations

from typing import Any

from bench.targets import TARGETS, Row, Target

__all__ = ["TARGETS", "Target", "check", "markdown"]


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
