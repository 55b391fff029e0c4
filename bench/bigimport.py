"""Benchmark: ``import acled`` of large synthetic exports, streamed vs today's in-memory import.

Each size is a fresh file of synthetic ACLED rows (``tests/support/acled_fake.py``, written
in pieces of 250,000 rows with distinct event ids; never committed). Both designs run in a
fresh process each, on the same file, in the same run: *ours* is the CLI's streamed import
(:func:`dashboard.core.ingest.acled.stream.stream_acled_file`), *today* the in-memory
import the CLI used before (``read_csv_file`` → ``import_acled_frame`` → one CSV write),
which refuses files over 200 MB: its refusal is reported as such. Peak RSS is ``VmHWM``.

    .venv/bin/python -m bench.bigimport --rows 300000 3000000 [--dir /tmp/big]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.memory import PEAK_KB
from bench.timing import ROOT, result

PIECE = 250_000
RESULTS = ROOT / "bench" / "results" / "import_big.json"
OURS = (
    PEAK_KB
    + """
import json, sys, time
t0 = time.perf_counter()
from dashboard.core.ingest.acled.factionmap import read_faction_map
from dashboard.core.ingest.acled.stream import stream_acled_file
rules = read_faction_map("data/acled/factions.csv")
done = stream_acled_file(sys.argv[1], sys.argv[2], rules)
print(json.dumps({"kb": peak_kb(), "s": time.perf_counter() - t0, "counts": done.counts}))
"""
)
TODAY = (
    PEAK_KB
    + """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from dashboard.core.errors import DataError
from dashboard.core.ingest.acled.convert import import_acled_file
from dashboard.core.ingest.acled.factionmap import read_faction_map
rules = read_faction_map("data/acled/factions.csv")
try:
    done = import_acled_file(sys.argv[1], rules)
except DataError as err:
    print(json.dumps({"kb": peak_kb(), "s": time.perf_counter() - t0, "refused": str(err)}))
    raise SystemExit(0)
Path(sys.argv[2]).write_bytes(done.events_bytes())
Path(sys.argv[2] + ".review.csv").write_bytes(done.review_bytes())
print(json.dumps({"kb": peak_kb(), "s": time.perf_counter() - t0, "counts": done.counts}))
"""
)


def write_export(path: Path, rows: int) -> Path:
    """``rows`` synthetic ACLED rows (5% control changes, mixed date styles) at ``path``."""
    from tests.support.acled_fake import fake_acled

    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        for start in range(0, rows, PIECE):
            piece = fake_acled(
                min(PIECE, rows - start), seed=start // PIECE + 1, date_style="mixed"
            )
            piece["event_id_cnty"] = [f"LBY{start + i + 1}" for i in range(len(piece))]
            piece.to_csv(handle, index=False, header=start == 0, lineterminator="\n")
    tmp.replace(path)
    return path


def _run(script: str, source: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(source), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": tail[:300]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def big_import(root: Path, rows: int) -> dict[str, Any]:
    """One size: both designs on the same file; MB of peak RSS, seconds, rows/s."""
    source = write_export(root / f"acled-{rows}.csv", rows)
    ours = _run(OURS, source, root / "ours.csv")
    today = _run(TODAY, source, root / "today.csv")
    params: dict[str, Any] = {
        "events": rows,
        "places": 12,
        "file_mb": round(source.stat().st_size / 2**20, 1),
        "ours_peak_mb": _mb(ours),
        "ours_s": _s(ours),
        "rows_per_s": round(rows / ours["s"]) if "s" in ours else None,
        "today_peak_mb": _mb(today),
        "today_s": _s(today),
        "today_rows_per_s": round(rows / today["s"]) if "counts" in today else None,
        "today_refused": today.get("refused"),
        "same_counts": ours.get("counts") == today.get("counts") if "counts" in today else None,
        "error": ours.get("error") or today.get("error"),
        "unit": "peak RSS (VmHWM) of a fresh process; s = wall clock",
    }
    ours_ms = [ours["s"] * 1000.0] if "s" in ours else []
    today_ms = [today["s"] * 1000.0] if "counts" in today else []
    for name in ("ours.csv", "ours.review.csv", "today.csv", "today.csv.review.csv"):
        (root / name).unlink(missing_ok=True)
    return result("import_big", params, ours_ms, today_ms, source.stat().st_size)


def steps(
    root: Path, sizes: tuple[int, ...], rows: list[dict[str, Any]]
) -> list[tuple[str, Callable[[], None]]]:
    """One step of ``python -m bench`` per size, appending its row to ``rows``."""
    return [(f"import_big {n:,} rows", lambda n=n: rows.append(big_import(root, n))) for n in sizes]


def _mb(run: dict[str, Any]) -> float | None:
    return round(run["kb"] / 1024.0, 1) if "kb" in run else None


def _s(run: dict[str, Any]) -> float | None:
    return round(run["s"], 1) if "s" in run else None


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    """CLI: run the sizes, write bench/results/import_big.json, print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[300_000, 3_000_000])
    parser.add_argument("--dir", type=Path, help="keep the generated exports here")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    root = args.dir or Path(tempfile.mkdtemp(prefix="frontline-bigimport-"))
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.rows:
        t0 = time.perf_counter()
        rows.append(big_import(root, size))
        print(f"{size:,} rows ({time.perf_counter() - t0:.0f} s): {rows[-1]['params']}", flush=True)
    args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
