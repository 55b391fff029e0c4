"""Many sessions and processes copying the Leaflet assets at first load at the same time."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from dashboard.ui.map.assets import ensure_leaflet_assets, leaflet_source_dir
from tests.support.paths import ROOT

CALLS = 80
SCRIPT = "import sys; from dashboard.ui.map.assets import ensure_leaflet_assets as e; e(__import__('pathlib').Path(sys.argv[1]))"


def complete(target) -> bool:
    source = leaflet_source_dir()
    names = [
        "leaflet.js",
        "leaflet.css",
        *(f"images/{p.name}" for p in (source / "images").iterdir()),
    ]
    return all((target / n).read_bytes() == (source / n).read_bytes() for n in names)


def test_80_concurrent_first_loads_all_succeed(tmp_path):
    target = tmp_path / "static" / "vendor" / "leaflet"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(target)], cwd=ROOT, stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    barrier = threading.Barrier(CALLS)
    with ThreadPoolExecutor(max_workers=CALLS) as pool:
        results = list(pool.map(lambda _: _try(target, barrier), range(CALLS)))
    errors = [r for r in results if r is not None]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        if proc.returncode:
            errors.append(err.decode()[-300:])
    assert errors == []
    assert complete(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["leaflet"]  # no temp left


def test_a_stale_copy_is_replaced(tmp_path):
    target = tmp_path / "leaflet"
    target.mkdir()
    (target / "leaflet.js").write_text("old")
    ensure_leaflet_assets(target)
    assert complete(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leaflet"]


def _try(target, barrier):
    barrier.wait()
    try:
        ensure_leaflet_assets(target)
        return None if complete(target) else "incomplete after return"
    except Exception as err:  # noqa: BLE001 - the test counts every failure
        return f"{type(err).__name__}: {err}"
