"""Synthetic data folders and loaded models, generated once per benchmark run."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.synth import Spec, cached
from dashboard.core.model import Model


class Workspace:
    """A temporary folder of synthetic data folders, and the models loaded from them.

    Each folder is written on first use and reused by every benchmark of the run; the
    load time of each model (the real loader: CSV, validation, control index) is kept.
    """

    def __init__(self, root: Path | None = None) -> None:
        self._own = root is None
        self.root = Path(tempfile.mkdtemp(prefix="frontline-bench-")) if root is None else root
        self.root.mkdir(parents=True, exist_ok=True)
        self._models: dict[Spec, Model] = {}
        self.load_ms: dict[Spec, float] = {}

    def folder(self, spec: Spec) -> Path:
        """The data folder of ``spec`` (generated on first use)."""
        return cached(self.root, spec)

    def model(self, spec: Spec) -> Model:
        """The model loaded from the folder of ``spec`` (loaded on first use)."""
        if spec not in self._models:
            folder = self.folder(spec)
            t0 = time.perf_counter()
            self._models[spec] = Model.load(folder)
            self.load_ms[spec] = (time.perf_counter() - t0) * 1000.0
        return self._models[spec]

    def forget(self, spec: Spec) -> None:
        """Drop a loaded model (frees memory before the next large one)."""
        self._models.pop(spec, None)

    def close(self) -> None:
        """Delete the folders when the workspace made its own temporary root."""
        self._models.clear()
        if self._own:
            shutil.rmtree(self.root, ignore_errors=True)
