"""An upload of many places timed in the browser, as a person lives it, beside a baseline
tree in the same run.

``python -m bench.uploadbrowser [--places 2000 20000] [--baseline 053ed9b] [--repeat 1]``

Each side is the product's entry (the state folder's script, as ``make run``) of its tree
on the bundled data, in its own server process and a fresh browser context: the app is
opened, *Load your own data* → *Frontline CSV* chosen (untimed), then a generated valid
file (:func:`bench.uploadrun.write_upload`) is given to the uploader. Timed from
``set_input_files`` to the map drawn with the upload's places: the map page's timeline
holds exactly that many places and an animation frame has passed since (the canvas has
been drawn), polled every 50 ms; then to the script idle (the panel and tabs below the
map). The server's CPU seconds over the same span are read from ``/proc`` (user + system
of the server process and its waited-for children). Then a faction filter change (one
faction unticked) is timed the same way, to the map showing only the other's places.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import ROOT, load_average, machine
from bench.uploadpage import (
    DRAWN_JS,
    TIMEOUT_S,
    app_page,
    map_frame,
    server_cpu_s,
    until,
    upload_field,
)

BASELINE = "053ed9b"
"""Main when the upload was first timed in the browser (issue 24, session 14)."""
SIDES = ("ours", "baseline")
SHOWN_JS = """() => {
  const t = window.frontline;
  if (!t || !t.places) return -1;
  let k = 0;
  for (let i = 0; i < t.places.length; i++) if (t.markOf(i).shown) k++;
  return k;
}"""


def browser_cpu_s(server: int) -> float:
    """CPU seconds of this benchmark's other descendants (Playwright's driver, Chromium's
    processes): every process below this one except the server ``server`` and its own."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended
            continue
        parent[int(stat.parent.name)] = int(fields[1])

    def below(pid: int, top: int) -> bool:
        while pid > 1 and pid != top:
            pid = parent.get(pid, 0)
        return pid == top

    total = 0.0
    for pid in parent:
        if pid != os.getpid() and below(pid, os.getpid()) and not below(pid, server):
            try:
                total += server_cpu_s(pid)
            except OSError:
                pass
    return total


def _idle(page: Any, t0: float) -> float:
    from tests.support.mapdom import IDLE

    page.wait_for_selector(IDLE, timeout=int(TIMEOUT_S * 1000))
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=int(TIMEOUT_S * 1000))
    return time.perf_counter() - t0 - 0.3


def one_upload(browser: Any, root: Path, upload: Path, places: int) -> dict[str, Any]:
    """Start the app of ``root``, upload ``upload`` (``places`` places) and time it."""
    with app_page(browser, root) as (app, page, out):
        field = upload_field(page, app, "Frontline CSV")
        pid = app.proc.pid
        cpu0, browser0, t0 = server_cpu_s(pid), browser_cpu_s(pid), time.perf_counter()
        field.set_input_files(str(upload))
        out["drawn_s"] = until(page, lambda f: f.evaluate(DRAWN_JS, places), "map", t0)
        out["drawn_cpu_s"] = server_cpu_s(pid) - cpu0
        out["browser_cpu_s"] = browser_cpu_s(pid) - browser0
        out["idle_s"] = _idle(page, t0)
        out["idle_cpu_s"] = server_cpu_s(pid) - cpu0
        out["notes"] = _notes(page)
        out["filter"] = _filter_change(page, pid)
    return out


def _notes(page: Any) -> list[str]:
    """The warnings shown beside the map (what the page left out to fit the budget)."""
    texts = page.locator("[data-testid='stAlertContentWarning']").all_inner_texts()
    return [t.strip()[:160] for t in texts]


def _filter_change(page: Any, pid: int) -> dict[str, Any]:
    """Untick the second faction in the sidebar's filter: seconds and server CPU until the
    map shows only the other faction's places."""
    frame = map_frame(page)
    before = frame.evaluate(SHOWN_JS) if frame is not None else -1
    tag = page.get_by_role("button", name="Remove LNA")
    cpu0, browser0, t0 = server_cpu_s(pid), browser_cpu_s(pid), time.perf_counter()
    tag.click()
    seconds = until(page, lambda f: 0 <= f.evaluate(SHOWN_JS) < before, "filtered map", t0)
    return {"s": seconds, "cpu_s": server_cpu_s(pid) - cpu0, "shown_before": before,
            "browser_cpu_s": browser_cpu_s(pid) - browser0}  # fmt: skip


def run(
    places: list[int], baseline: str, repeat: int, folder: Path, sides: tuple[str, ...] = SIDES
) -> dict[str, Any]:
    """Ours and ``baseline`` alternating, ``repeat`` times per size, in one browser."""
    from bench.baseline import checkout
    from bench.browser import chromium
    from bench.uploadrun import write_upload

    trees = {name: ROOT if name == "ours" else checkout(baseline) for name in sides}
    rows: list[dict[str, Any]] = []
    with chromium() as browser:
        for n in places:
            upload = write_upload(folder / f"upload-{n}.csv", n)
            row: dict[str, Any] = {"places": n, "kb": round(upload.stat().st_size / 1024)}
            for name in [side for _ in range(repeat) for side in trees]:
                load = load_average()
                print(f"[upload] {n:,} places, {name} (load {load}) …", file=sys.stderr, flush=True)
                got = {**one_upload(browser, trees[name], upload, n), "load": load}
                row.setdefault(name, []).append(got)
                print(json.dumps(got), file=sys.stderr, flush=True)
            rows.append(row)
    return {"machine": {**machine(), "load_avg_at_start": load_average()}, "baseline": baseline,
            "rows": rows}  # fmt: skip


def upload_browser(root: Path, places: tuple[int, ...], repeat: int = 1) -> list[dict[str, Any]]:
    """Result rows (``upload_browser``) for ``python -m bench``: median seconds to the map
    drawn, ours beside :data:`BASELINE`, with server CPU in params."""
    from bench.timing import result

    doc = run(list(places), BASELINE, repeat, root)
    out = []
    for row in doc["rows"]:
        ours, base = row.get("ours", []), row.get("baseline", [])
        params = {
            "events": row["places"],
            "places": row["places"],
            "upload_kb": row["kb"],
            "baseline": BASELINE,
            **_side_params("", ours),
            **_side_params("baseline_", base),
        }
        out.append(
            result(
                "upload_browser",
                params,
                [r["drawn_s"] * 1000 for r in ours if "drawn_s" in r],
                [r["drawn_s"] * 1000 for r in base if "drawn_s" in r],
            )
        )
    return out


def steps(
    root: Path, quick: bool, only: set[str], rows: list[dict[str, Any]]
) -> list[tuple[str, Callable[[], Any]]]:
    """The upload benchmarks ``only`` names, as (label, step) for ``python -m bench``:
    the server path alone (:mod:`bench.uploadrun`) and the browser (2,000 and 20,000
    places; 300 in a quick run)."""
    from bench import uploadrun

    out: list[tuple[str, Callable[[], Any]]] = []
    if "upload_budget" in only:
        size = 300 if quick else 20_000
        out.append(("upload_budget", lambda: rows.append(uploadrun.upload_budget(root, size))))
    if "upload_browser" in only:
        sizes = (300,) if quick else (2_000, 20_000)
        out.append(("upload_browser", lambda: rows.extend(upload_browser(root, sizes))))
    return out


def _side_params(prefix: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    def mid(key: str) -> float | None:
        values = sorted(r[key] for r in runs if r.get(key) is not None)
        return round(values[len(values) // 2], 1) if values else None

    filt = [r["filter"] for r in runs if r.get("filter")]
    return {
        f"{prefix}cpu_s": mid("drawn_cpu_s"),
        f"{prefix}browser_cpu_s": mid("browser_cpu_s"),
        f"{prefix}idle_s": mid("idle_s"),
        f"{prefix}filter_s": round(filt[0]["s"], 1) if filt else None,
        f"{prefix}error": next((r["error"] for r in runs if r.get("error")), None),
        f"{prefix}notes": runs[0].get("notes") if runs else None,
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: run, write bench/results/upload_browser.json, print one line a run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--sides", nargs="+", default=list(SIDES), choices=SIDES)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "upload_browser.json"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        doc = run(args.places, args.baseline, args.repeat, Path(tmp), tuple(args.sides))
    args.out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    for row in doc["rows"]:
        for name in ("baseline", "ours"):
            for r in row.get(name, []):
                print(f"{row['places']:>6,} {name:8} drawn {r.get('drawn_s', 0):6.1f} s "
                      f"server cpu {r.get('drawn_cpu_s', 0):5.1f} s "
                      f"browser cpu {r.get('browser_cpu_s', 0):5.1f} s idle {r.get('idle_s', 0):6.1f} s "
                      f"load {r['load']} {r.get('error') or ''}")  # fmt: skip


if __name__ == "__main__":
    main()
