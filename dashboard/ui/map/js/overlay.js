/* Frontline's browser map, part 9 of 10 (overlay.js): what Python draws for one day (distance
   lines, km labels, cut-off marks), greyed while stale. */
(function (FL) {
  "use strict";
  const { Timeline, dayOf, t } = FL;

  /* Layers that Python draws for one day (distance lines, cut-off marks): shown as
     "updating" while the map shows another day, until Python catches up. With ``reveal``,
     a newly chosen place the distances start from is brought into view when it lies
     outside it (never on a later day of the same place: the user's own view holds). */
  Timeline.prototype.setOverlay = function (overlay, reveal) {
    if (this.overlayLayer) { this.map.removeLayer(this.overlayLayer); this.overlayLayer = null; }
    this.overlay = overlay || null;
    const from = overlay && overlay.lines && overlay.lines.length ? overlay.lines[0].from : null;
    const origin = from ? from.join(",") : "";
    if (reveal && from && origin !== this.overlayOrigin && this.map.getSize().x > 0 &&
        !this.map.getBounds().contains(from)) {
      this.map.panTo(from, { animate: false });
    }
    this.overlayOrigin = origin;
    this.kmLabels = [];
    if (overlay) {
      const group = L.featureGroup();
      const renderer = this.overlayRenderer || (this.overlayRenderer = this.pane("fl-overlay", 430));
      for (const line of overlay.lines || []) {
        L.polyline([line.from, line.to], { renderer: renderer, pane: "fl-overlay", color: "#333", weight: line.hostile ? 2 : 1,
          dashArray: line.hostile ? null : "5 5", opacity: 0.8, interactive: false }).addTo(group);
        if (line.label) this.kmLabels.push({ line: line, marker: null });
      }
      for (const cut of overlay.cut || []) {
        const icon = L.divIcon({ className: "fl-cut-mark", html: "", iconSize: [16, 16], iconAnchor: [8, 8] });
        const m = L.marker([cut.lat, cut.lon], { icon: icon, keyboard: false, interactive: true }).addTo(group);
        m.on("add", function () { const n = m.getElement(); if (n) { n.textContent = "✕"; n.title = cut.title; n.setAttribute("aria-label", cut.title); } });
        const n = m.getElement(); if (n) { n.textContent = "✕"; n.title = cut.title; n.setAttribute("aria-label", cut.title); }
      }
      this.overlayLayer = group.addTo(this.map);
      this.placeKmLabels();
    }
    this.paintOverlayState();
  };

  /* Put each km label on its line where it covers no place marker (pixels, this zoom). */
  Timeline.prototype.placeKmLabels = function () {
    if (!this.overlayLayer) return;
    const map = this.map, r = this.cfg.radius + 3;
    const pts = this.places.map((_, i) => map.latLngToContainerPoint(this.pointOf(i)));
    const taken = [];
    const clear = (x, y, w, h) => pts.every((p) => p.x < x - r || p.x > x + w + r || p.y < y - r || p.y > y + h + r) &&
      taken.every((b) => x + w < b.x || x > b.x + b.w || y + h < b.y || y > b.y + b.h);
    for (const item of this.kmLabels) {
      if (item.marker) { this.overlayLayer.removeLayer(item.marker); item.marker = null; }
      const a = map.latLngToContainerPoint(item.line.from), b = map.latLngToContainerPoint(item.line.to);
      const text = item.line.label, w = 7 * text.length + 6, h = 16;
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
        const x = a.x + (b.x - a.x) * f - w / 2, y = a.y + (b.y - a.y) * f - h / 2;
        if (!clear(x, y, w, h)) continue;
        taken.push({ x: x, y: y, w: w, h: h });
        const icon = L.divIcon({ className: "fl-km", html: "", iconSize: [w, h], iconAnchor: [w / 2, h / 2] });
        item.marker = L.marker(map.containerPointToLatLng([x + w / 2, y + h / 2]), { icon: icon, interactive: false, keyboard: false }).addTo(this.overlayLayer);
        const n = item.marker.getElement(); if (n) n.textContent = text;
        break;
      }
    }
  };

  Timeline.prototype.paintOverlayState = function () {
    if (!this.status) return;
    const stale = this.overlay && this.overlay.day !== undefined && dayOf(this.overlay.day) !== this.day;
    this.status.textContent = stale ? t("updating") : "";
    this.status.setAttribute("data-stale", stale ? "1" : "0");
    this.status.className = stale ? "fl-status fl-stale" : "fl-status";
    const pane = this.map.getPane("fl-overlay");
    if (pane) pane.style.opacity = stale ? 0.3 : 1;
    if (this.overlayLayer) this.overlayLayer.eachLayer(function (layer) {
      const n = layer.getElement && layer.getElement();
      if (n && !layer.setStyle) n.style.opacity = stale ? 0.3 : 1;
    });
  };

})(window.FrontlineParts);
