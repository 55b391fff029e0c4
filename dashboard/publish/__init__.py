"""Publishing the map: time-lapse videos, GIFs and stills rendered from the live map page
in headless Chromium (Playwright), encoded by the ffmpeg that imageio-ffmpeg ships.

The pure parts (which days, for how long, the captions) are in :mod:`dashboard.core.publish`.
"""

__all__: list[str] = []
