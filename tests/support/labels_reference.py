"""The label placement of commit 0a07291 (a full scan of every box and marker), kept as the
reference the indexed placement must equal."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.core.geo.labels import (
    HEIGHT_PX,
    MARKER_RADIUS_PX,
    SIDES,
    Label,
    Offsets,
    Placed,
    anchor,
    pixel,
    side_box,
    text_width,
)


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def hits_marker(box, markers, own) -> bool:
    r = MARKER_RADIUS_PX
    for mx, my in markers:
        if (mx, my) == own:
            continue
        nx, ny = min(max(mx, box[0]), box[2]), min(max(my, box[1]), box[3])
        if (nx - mx) ** 2 + (ny - my) ** 2 < r * r:
            return True
    return False


def place_at_zoom(labels, markers, zoom, offsets) -> list[str]:
    moved = (offsets or {}).get(zoom, {})
    marks = []
    for k, (lat, lon) in enumerate(markers):
        mx, my = pixel(lat, lon, zoom)
        dx, dy = moved.get(k, (0.0, 0.0))
        marks.append((mx + dx, my + dy))
    boxes: list = []
    out = []
    for label in labels:
        x, y = anchor(label, zoom, offsets)
        width, height = text_width(label), HEIGHT_PX.get(label.kind, 14.0)
        chosen = "-"
        for side in SIDES:
            box = side_box(x, y, width, height, side)
            if any(overlaps(box, b) for b in boxes) or hits_marker(box, marks, (x, y)):
                continue
            boxes.append(box)
            chosen = side
            break
        out.append(chosen)
    return out


def reference_place_labels(
    labels: Sequence[Label], markers, zooms, offsets: Offsets | None = None
) -> list[Placed]:
    ordered = sorted(labels, key=lambda lb: (lb.priority, lb.en, lb.lat, lb.lon))
    levels = sorted(set(zooms))
    per_zoom = [place_at_zoom(ordered, list(markers), z, offsets) for z in levels]
    placed = []
    for k, label in enumerate(ordered):
        sides = "".join(per_zoom[j][k] for j in range(len(levels)))
        if sides.strip("-"):
            placed.append(Placed(label, levels[0], sides))
    return placed
