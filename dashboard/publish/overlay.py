"""What the exporter adds to the map page: CSS that hides the interactive controls and
sizes the legend, and a DOM overlay (date, title, changes, credits) filled with
textContent only, so data text is never parsed as markup."""

from __future__ import annotations

__all__ = ["OVERLAY_JS", "SHOW_JS", "MARKERS_JS", "overlay_css"]

# Controls a viewer clicks make no sense in a picture; the exporter's own credit line
# replaces Leaflet's attribution (it names the same basemap sources).
HIDDEN = (
    ".leaflet-control-zoom",
    ".leaflet-control-layers",
    ".leaflet-control-scale",
    ".leaflet-control-attribution",
    ".fl-lang",
    ".fl-timeline",
    ".fl-story",
    ".fl-fit-all",
)
FONT = "'Noto Sans Arabic', sans-serif"  # the bundled font (data/geo/fonts), Latin included


def overlay_css(width: int, height: int) -> str:
    """The injected style sheet; text sizes follow the frame's shorter side."""
    zoom = round(min(width, height) / 720, 3)
    hidden = ", ".join(HIDDEN)
    return f"""
{hidden}, .fl-legend details {{ display: none !important; }}
*, *::before, *::after {{ transition: none !important; animation: none !important;
  caret-color: transparent !important; }}
body, .leaflet-container, .fl-legend, .fl-label {{ font-family: {FONT} !important; }}
.leaflet-top.leaflet-right {{ zoom: {zoom}; }}
#fl-publish {{ position: fixed; inset: 0; pointer-events: none; z-index: 5000;
  font-family: {FONT}; color: #111; }}
.fl-pub-head {{ position: absolute; left: 2vmin; top: 2vmin; max-width: 52vw;
  background: rgba(255,255,255,.93); padding: 1vmin 2vmin 1.2vmin; border-radius: .8vmin;
  box-shadow: 0 0 0 1px #bbb; }}
.fl-pub-title {{ font-size: 2.5vmin; font-weight: 700; color: #333; }}
.fl-pub-date {{ font-size: 6.4vmin; font-weight: 700; line-height: 1.15; }}
.fl-pub-foot {{ position: absolute; left: 0; right: 0; bottom: 0;
  background: rgba(255,255,255,.93); padding: 1vmin 2vmin; box-shadow: 0 -1px 0 #bbb; }}
.fl-pub-heading {{ font-size: 1.8vmin; font-weight: 700; text-transform: uppercase;
  letter-spacing: .05em; color: #8a1c00; }}
.fl-pub-change {{ font-size: 2.4vmin; font-weight: 700; line-height: 1.3; }}
.fl-pub-credit {{ font-size: 1.5vmin; color: #333; margin-top: .4vmin; }}
#fl-publish[dir="rtl"] .fl-pub-head {{ left: auto; right: 2vmin; }}
#fl-publish[dir="rtl"] .fl-pub-heading, #fl-publish[dir="rtl"] .fl-pub-step {{
  letter-spacing: 0; }}
{LEGEND_CSS}"""


# The page's legend (in the bar under the map since the map-first layout) becomes a box
# over the map's top right corner in a frame, and the map takes the whole frame.
LEGEND_CSS = """
:root { --fl-bar-h: 0px !important; }
.fl-bar { top: 2vmin; right: 2vmin; left: auto; bottom: auto; height: auto !important;
  max-width: 50vw; padding: 1vmin 1.6vmin; border: 0; border-radius: .8vmin;
  background: rgba(255,255,255,.93); box-shadow: 0 0 0 1px #bbb; }
.fl-bar .fl-foot { border: 0; }
.fl-bar .fl-legend { font-size: 2.1vmin; line-height: 1.45; overflow: visible; }
.fl-bar .fl-legend-head { display: block; margin: 0 0 .3vmin; }
.fl-bar .fl-legend .fl-legend-row { display: flex; gap: .8vmin; margin: 0; white-space: nowrap; }
.fl-bar .fl-legend .fl-legend-total { display: block; margin: .3vmin 0 0; }
.fl-bar .fl-sw { width: 1.7vmin; height: 1.7vmin; }
.fl-bar[dir="rtl"] { right: auto; left: 2vmin; }
"""


OVERLAY_JS = """
(() => {
  const el = (tag, cls) => { const n = document.createElement(tag); n.className = cls; return n; };
  const root = el("div", "fl-pub"); root.id = "fl-publish";
  const head = el("div", "fl-pub-head"), title = el("div", "fl-pub-title"), date = el("div", "fl-pub-date");
  const foot = el("div", "fl-pub-foot"), heading = el("div", "fl-pub-heading");
  const changes = el("div", "fl-pub-changes"), credit = el("div", "fl-pub-credit");
  head.append(title, date); foot.append(heading, changes, credit); root.append(head, foot);
  document.body.appendChild(root);
  document.querySelectorAll(".fl-legend details").forEach((d) => { d.open = false; });
  window.frontline.map.invalidateSize({ animate: false });  /* the bar left the map's edge */
  const paint = (c) => {
    root.dir = c.dir || "ltr"; root.lang = c.lang || "en";
    title.textContent = c.title; date.textContent = c.date; heading.textContent = c.heading;
    changes.replaceChildren(...c.changes.map((line) => { const n = el("div", "fl-pub-change"); n.textContent = line; return n; }));
    credit.textContent = c.credit;
  };
  /* Rings and claim halos are created when needed, so their stacking order would depend on
     the days shown before: put them back in place order, as a fresh page draws them. */
  const stack = (t) => t.places.forEach((_, i) => {
    if (t.rings[i]) t.rings[i].bringToFront();
    if (t.claims[i]) t.claims[i].bringToFront();
  });
  const repainted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.flPublish = {
    show: async (iso, c) => {
      paint(c);
      const t = window.frontline;
      t.show(window.FrontlineTimeline.dayOf(iso));
      stack(t);
      await document.fonts.ready;
      /* Raster it anew: a partial repaint anti-aliases edges a little differently from a
         full one, which would make a day's frame depend on the days shown before it. */
      const box = t.map.getContainer();
      box.style.visibility = "hidden";
      await repainted();
      box.style.visibility = "";
      await repainted();
      return window.FrontlineTimeline.isoOf(t.day);
    },
  };
})();
"""

SHOW_JS = "([iso, caption]) => window.flPublish.show(iso, caption)"

# Each marker's place and centre on the page (CSS pixels), from the page's own markers.
MARKERS_JS = """
() => {
  const t = window.frontline, box = t.map.getContainer().getBoundingClientRect();
  return t.markers.map((m, i) => {
    const p = t.map.latLngToContainerPoint(m.getLatLng());
    return {place: t.places[i], x: box.left + p.x, y: box.top + p.y,
            shown: m.options.opacity !== 0, fill: m.options.fillColor,
            radius: m.options.radius || 0};
  });
}
"""
