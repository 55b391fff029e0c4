"""dashboard/ui/map: a small public surface, the offline export without Streamlit, and a
browser script joined from every part in js/."""

from __future__ import annotations

import subprocess
import sys

import dashboard.ui.map as ui_map
from dashboard.ui.map.elements import JS_DIR, SCRIPT_PARTS, script_text
from tests.support.paths import ROOT
from tests.test_architecture import MODULES, imported_names


def test_every_public_name_of_the_map_resolves():
    assert sorted(ui_map.__all__) == [
        "ensure_leaflet_assets",
        "history_html",
        "page_published",
        "show_map",
        "standalone_html",
        "story_of",
    ]
    assert all(callable(getattr(ui_map, name)) for name in ui_map.__all__)


def test_outside_the_map_only_its_public_surface_is_imported():
    reached = {
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if not name.startswith("dashboard.ui.map")
        for target in imported_names(path)
        if target.startswith("dashboard.ui.map.")
        and target.removeprefix("dashboard.ui.map.") not in ui_map.__all__
    }
    assert reached == set()


def test_the_offline_export_loads_no_streamlit():
    code = (
        "import sys\n"
        "from dashboard.ui.map import standalone_html\n"
        "print('streamlit' in sys.modules, callable(standalone_html))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.split() == ["False", "True"]


def test_the_script_joins_every_part_once_in_order():
    parts = {p.stem for p in JS_DIR.glob("*.js")} - {"host"}  # host.js is the host's module
    assert set(SCRIPT_PARTS) == parts and len(SCRIPT_PARTS) == len(parts)
    assert SCRIPT_PARTS[0] == "runs" and SCRIPT_PARTS[-1] == "bridge"
    text = script_text()
    starts = [text.index(f"({name}.js)") for name in SCRIPT_PARTS]
    assert starts == sorted(starts)
