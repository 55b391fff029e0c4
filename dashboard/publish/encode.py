"""Frames to MP4 (H.264, yuv420p, faststart) or GIF (one shared palette, only the changed
rectangle of each frame stored) with the ffmpeg binary that the imageio-ffmpeg wheel ships.

Frames arrive as PNG bytes with a repeat count and are streamed to ffmpeg's stdin as raw
RGB, so memory stays at one frame whatever the length. The file is written beside the
target under a temporary name and renamed only once ffmpeg succeeded: never half-written.
"""

from __future__ import annotations

__all__ = ["Encoder", "encode_video", "gif_palette", "probe", "rgb_frame"]

import io
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from PIL import Image

from dashboard.core import budget
from dashboard.core.errors import UsageError

K = TypeVar("K")

GIF_COLOURS = 128
GIF_DITHER = "paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle"
MP4_CRF = "24"


def ffmpeg_exe() -> str:
    """The ffmpeg binary of the imageio-ffmpeg wheel."""
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def rgb_frame(png: bytes, size: tuple[int, int]) -> bytes:
    """A PNG screenshot as raw RGB bytes of exactly ``size`` (resized if the page was not)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image.tobytes()


def _raw_input(size: tuple[int, int], fps: int) -> list[str]:
    width, height = size
    return ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"] + [
        "-r",
        str(fps),
        "-i",
        "-",
    ]


def gif_palette(frames: list[bytes], size: tuple[int, int], folder: Path) -> Path:
    """One palette (PNG) for the whole GIF, from sample frames (raw RGB)."""
    target = folder / "palette.png"
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
    command += _raw_input(size, 1)
    command += ["-vf", f"palettegen=max_colors={GIF_COLOURS}:stats_mode=full", str(target)]
    _run(command, b"".join(frames))
    return target


def _run(command: list[str], data: bytes) -> None:
    done = subprocess.run(command, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ffmpeg failed: {done.stderr.decode(errors='replace')[-400:]}")


class Encoder:
    """``with Encoder("mp4", out, size, fps) as enc: enc.write(rgb, repeat)``."""

    def __init__(
        self, fmt: str, out: Path, size: tuple[int, int], fps: int, palette: Path | None = None
    ) -> None:
        self.fmt, self.out, self.size, self.fps, self.palette = fmt, out, size, fps, palette
        self.frames = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._tmp = ""

    def command(self) -> list[str]:
        """The ffmpeg command line writing to the temporary file."""
        base = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y"]
        base += _raw_input(self.size, self.fps)
        if self.fmt == "mp4":
            return base + [
                "-c:v", "libx264", "-preset", "medium", "-crf", MP4_CRF,
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", self._tmp,
            ]  # fmt: skip
        if self.fmt == "gif" and self.palette is not None:
            return base + [
                "-i", str(self.palette), "-lavfi", f"[0:v][1:v]{GIF_DITHER}",
                "-loop", "0", "-f", "gif", self._tmp,
            ]  # fmt: skip
        raise UsageError(f"no encoder for {self.fmt!r}")

    def __enter__(self) -> Encoder:
        fd, self._tmp = tempfile.mkstemp(
            dir=self.out.parent, prefix=f".{self.out.name}.", suffix=".tmp"
        )
        os.close(fd)
        self._proc = subprocess.Popen(self.command(), stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        return self

    def write(self, rgb: bytes, repeat: int = 1) -> None:
        """Append one frame ``repeat`` times."""
        stdin: IO[bytes] | None = self._proc.stdin if self._proc else None
        if stdin is None:
            raise RuntimeError("encoder not started")
        for _ in range(repeat):
            stdin.write(rgb)
        self.frames += repeat

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.close()
            err = proc.stderr.read() if proc.stderr else b""
            code = proc.wait()
            if exc_type is None and code != 0:
                raise RuntimeError(f"ffmpeg failed: {err.decode(errors='replace')[-400:]}")
            if exc_type is None:
                os.chmod(self._tmp, 0o644)
                os.replace(self._tmp, self.out)
        finally:
            Path(self._tmp).unlink(missing_ok=True)


def encode_video(
    fmt: str,
    out: Path,
    size: tuple[int, int],
    fps: int,
    shots: Sequence[tuple[K, int]],
    render: Callable[[K], bytes],
    palette_from: Sequence[K],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Render each shot ``(key, repeat)`` (``render(key)``: raw RGB of ``size``) and encode
    it ``repeat`` times to ``out``; a GIF's palette comes from the shots ``palette_from``.
    ``progress(done, total)`` after each shot; the time budget in force (the app's) is
    checked before each. Returns the frames written."""
    with tempfile.TemporaryDirectory() as tmp:
        palette = None
        if fmt == "gif":
            palette = gif_palette([render(k) for k in palette_from], size, Path(tmp))
        with Encoder(fmt, out, size, fps, palette) as encoder:
            for done, (key, repeat) in enumerate(shots, start=1):
                budget.check("rendering the video")
                encoder.write(render(key), repeat)
                if progress is not None:
                    progress(done, len(shots))
        return encoder.frames


def probe(path: Path) -> dict[str, Any]:
    """Codec, pixel format, size and frame count of a video, read back with ffmpeg."""
    done = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path), "-map", "0:v:0", "-f", "null", "-"],
        capture_output=True,
        check=False,
    )
    text = done.stderr.decode(errors="replace")
    stream = re.search(r"Stream #0:0.*?Video: (\w+).*?, (\w+)[(,].*?(\d+)x(\d+)", text)
    frames = re.findall(r"frame=\s*(\d+)", text)
    if stream is None:
        raise RuntimeError(f"no video stream in {path}: {text[-300:]}")
    codec, pix_fmt, width, height = stream.groups()
    return {
        "codec": codec,
        "pix_fmt": pix_fmt,
        "size": (int(width), int(height)),
        "frames": int(frames[-1]) if frames else 0,
    }
