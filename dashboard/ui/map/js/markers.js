/* Frontline's browser map, part 2 of 10 (markers.js): one circle marker per place, its rings
   and claim marks, the area cells and front edges, and markers spread apart where they
   overlap. */
(function (FL) {
  "use strict";
  const { Timeline } = FL;
  /* the canvas's recent-change ring and claim halo (the SVG map's, as paintSvgMarks draws) */
  const CANVAS_RING = { radius: 12, color: "#000000", weight: 2.5, fill: false };
  const CANVAS_HALO = { radius: 9.5, weight: 2.5, dashArray: "2 3", fill: false };

  /* A pane with its own renderer, so repainting markers never repaints the basemap. */
  Timeline.prototype.pane = function (name, z) {
    const pane = this.map.createPane(name);
    pane.style.zIndex = z;
    return this.cfg.canvas ? L.canvas({ pane: name }) : L.svg({ pane: name });
  };

  /* One circle marker per place (drawn once; only its style changes with the day). */
  Timeline.prototype.makeMarkers = function () {
    const self = this, t = this.cfg.table;
    this.decoRenderer = this.pane("fl-marks", 440);
    this.decorations = L.featureGroup().addTo(this.map);
    this.claimGroup = L.featureGroup().addTo(this.map);
    this.map.createPane("fl-badges").style.zIndex = 460;
    this.badgeGroup = L.featureGroup().addTo(this.map);
    this.badges = new Array(this.places.length);
    if (this.cfg.canvas) { this.makeCanvasMarks(); return; }
    const renderer = this.pane("fl-places", 450);
    const group = L.featureGroup();
    for (let i = 0; i < this.places.length; i++) {
      const m = L.circleMarker([t.lat[i], t.lon[i]], { renderer: renderer, pane: "fl-places", radius: this.cfg.radius, weight: 1 });
      m.bindTooltip(function () { return self.tooltipNode(i); }, { sticky: false, direction: "top" });
      m.on("click", function () { self.report("click", self.places[i]); });
      if (this.cfg.histories) m.bindPopup(function () { return self.historyNode(i); }, { maxWidth: 460, maxHeight: 380 });
      m.addTo(group);
      this.markers[i] = m;
    }
    group.addTo(this.map);
    for (let i = 0; i < this.places.length; i++) {
      const node = this.markers[i].getElement && this.markers[i].getElement();
      if (node) { node.setAttribute("aria-label", this.places[i]); node.setAttribute("data-place", this.places[i]); }
    }
  };

  /* What place i's marker shows: its fill colour and whether it is drawn (either renderer). */
  Timeline.prototype.markOf = function (i) {
    if (this.marks) return this.marks.shows(i);
    const o = this.markers[i].options;
    return { fill: o.fillColor, shown: o.opacity !== 0 };
  };

  Timeline.prototype.markerStyle = function (i) {
    const r = this.row[i];
    const code = this.holderOf(i);
    if (!this.isShown(code)) return { opacity: 0, fillOpacity: 0, interactive: false, shown: false };
    if (r < 0 || code === this.unknownCode) {
      return { color: "#6b6b6b", weight: 2, dashArray: null, fillColor: "#ffffff", fillOpacity: 0.85, opacity: 1, shown: true };
    }
    const conf = this.confidences[this.conf[r]];
    const weak = conf === "claimed" || conf === "disputed";
    /* A thin record (only month- or year-precise sources) is washed out, never as sharp
       as a dated change; its "≈" badge is drawn by paintPlace. */
    const thin = this.isThin(i);
    return {
      color: "#1a1a1a",
      weight: weak ? 2 : 1.2,
      dashArray: conf === "claimed" ? "4 3" : conf === "disputed" ? "1 3" : null,
      fillColor: this.color(code),
      fillOpacity: (weak ? 0.55 : 0.95) * (thin ? 0.6 : 1),
      opacity: 1,
      shown: true,
    };
  };

  Timeline.prototype.paintPlace = function (i, d) {
    const style = this.markerStyle(i);
    if (this.marks) this.paintMark(i, style, d); else this.paintSvgMarks(i, d, style);
    const leader = this.leaders && this.leaders[i];
    if (leader && style.shown !== this.leaderGroup.hasLayer(leader)) {
      if (style.shown) this.leaderGroup.addLayer(leader); else this.leaderGroup.removeLayer(leader);
    }
    if (!this.marks) this.badges[i] = this.badge(this.badges[i], style.shown && this.isThin(i), i);
    this.paintCell(i);
  };

  /* Place i's area cell (when the map has areas), in its holder's colour. */
  Timeline.prototype.paintCell = function (i) {
    const cell = this.cells[i];
    if (!cell) return;
    const code = this.holderOf(i);
    const r = this.row[i];
    const conf = r < 0 ? "" : this.confidences[this.conf[r]];
    const weak = conf === "claimed" || conf === "disputed";
    const on = this.isShown(code) && code !== this.unknownCode;
    cell.setStyle(on ? { fillColor: this.color(code), fillOpacity: weak ? 0.14 : 0.32, color: this.color(code), weight: weak ? 1 : 0, dashArray: weak ? "3 4" : null } : { fillOpacity: 0, weight: 0 });
  };

  /* Place i's SVG circle, its ring and its claim halo (each a Leaflet layer). */
  Timeline.prototype.paintSvgMarks = function (i, d, style) {
    const marker = this.markers[i];
    if (marker) {
      marker.setStyle(style);
      const node = marker.getElement && marker.getElement();
      if (node) {
        node.style.pointerEvents = style.shown ? "" : "none";
        node.setAttribute("data-holder", this.holders[this.holderOf(i)]);
      }
    }
    this.rings[i] = this.decoration(this.decorations, this.rings[i], style.shown && this.isRecent(i, d),
      i, { radius: 12, color: "#000000", weight: 2.5, fill: false, interactive: false });
    const claim = this.claimOf(i);
    this.claims[i] = this.decoration(this.claimGroup, this.claims[i], style.shown && claim, i,
      { radius: 9.5, color: claim ? this.color(claim.code) : "#000", weight: 2.5, dashArray: "2 3", fill: false, interactive: false });
  };

  /* Place i's sprites for ``style`` on day d; queued for the next flush when they change. */
  Timeline.prototype.paintMark = function (i, style, d) {
    const NONE = FL.Marks.NONE;
    const m = this.marks, claim = style.shown ? this.claimOf(i) : null;
    const look = style.shown ? m.sprite(Object.assign({ radius: this.cfg.radius }, style)) : NONE;
    const ring = style.shown && this.isRecent(i, d) ? m.sprite(CANVAS_RING) : NONE;
    const halo = claim ? m.sprite(Object.assign({ color: this.color(claim.code) }, CANVAS_HALO)) : NONE;
    const thin = style.shown && this.isThin(i) ? m.badgeSprite() : NONE;
    this.rings[i] = ring === NONE ? null : true;
    this.claims[i] = halo === NONE ? null : true;
    this.badges[i] = thin === NONE ? null : true;
    if (look === m.look[i] && ring === m.ring[i] && halo === m.halo[i] && thin === m.thin[i]) return;
    /* the box to redraw: as far as the farthest of its old and new sprites reach */
    const reach = Math.max(...[m.look[i], m.ring[i], m.halo[i], m.thin[i], look, ring, halo, thin].map((k) => m.reachOf(k)));
    m.look[i] = look; m.ring[i] = ring; m.halo[i] = halo; m.thin[i] = thin;
    m.dirty.push(i, reach);
  };

  /* A ring drawn around place i only while ``on`` (created and removed on demand). */
  Timeline.prototype.decoration = function (group, layer, on, i, style) {
    if (!on) { if (layer) group.removeLayer(layer); return null; }
    if (layer) { layer.setStyle(style); return layer; }
    const made = L.circleMarker(this.pointOf(i), Object.assign({ renderer: this.decoRenderer, pane: "fl-marks" }, style)).addTo(group);
    if (made.getElement()) made.getElement().setAttribute("data-mark-of", this.places[i]);
    return made;
  };

  /* The "≈" badge beside a thin record's marker (created and removed on demand). */
  Timeline.prototype.badge = function (layer, on, i) {
    if (!on) { if (layer) this.badgeGroup.removeLayer(layer); return null; }
    if (layer) return layer;
    const icon = L.divIcon({ className: "fl-thin", html: "≈", iconSize: [12, 12], iconAnchor: [15, 15] });
    const made = L.marker(this.pointOf(i), { icon: icon, pane: "fl-badges", interactive: false, keyboard: false }).addTo(this.badgeGroup);
    made.getElement().setAttribute("data-thin-of", this.places[i]);
    return made;
  };

  Timeline.prototype.paintEdges = function () {
    for (const edge of this.edges) {
      const a = this.holderOf(edge.a), b = this.holderOf(edge.b);
      const on = a !== b && this.hostile[a] && this.hostile[b];
      if (on !== edge.on) { edge.on = on; edge.layer.setStyle({ opacity: on ? 0.9 : 0 }); }
    }
  };

  /* Markers that would overlap at this zoom are drawn a few pixels apart (offsets computed
     in Python, per zoom: core/geo/spread.py), each with a thin leader line and a dot at
     its true point; at zooms where they do not overlap every marker is on its point. */
  Timeline.prototype.makeSpread = function () {
    const names = this.cfg.names || {};
    this.spreadBy = {};
    for (const z in names.spread || {}) {
      const moved = new Map();
      for (const [i, dx, dy] of names.spread[z]) moved.set(i, [dx, dy]);
      this.spreadBy[z] = moved;
    }
    this.leaders = new Array(this.places.length);
    this.leaderGroup = L.featureGroup().addTo(this.map);
    this.spreadZoom = null;
    const self = this;
    this.map.on("zoomend", function () { self.placeMarkers(); });
    this.placeMarkers();
    /* the canvas was placed before the offsets were known; on zoom its own update follows */
    if (this.marks && this.spreadBy[this.spreadZoom]) this.marks.canvas._update();
  };

  /* The offset of place i's marker at the map's zoom ([dx, dy] pixels), or null. */
  Timeline.prototype.offsetOf = function (i) {
    const moved = this.spreadBy && this.spreadBy[this.spreadZoom];
    return moved ? moved.get(i) || null : null;
  };

  /* Where place i's marker is drawn: its point, or its spread position at this zoom. */
  Timeline.prototype.pointOf = function (i) {
    const t = this.cfg.table, at = L.latLng(t.lat[i], t.lon[i]), off = this.offsetOf(i);
    if (!off) return at;
    const z = this.spreadZoom;
    return this.map.unproject(this.map.project(at, z).add(L.point(off[0], off[1])), z);
  };

  Timeline.prototype.placeMarkers = function () {
    const before = this.spreadBy[this.spreadZoom];
    this.spreadZoom = Math.round(this.map.getZoom());
    const now = this.spreadBy[this.spreadZoom];
    const touched = new Set([...(before ? before.keys() : []), ...(now ? now.keys() : [])]);
    const t = this.cfg.table;
    for (const i of touched) {
      const at = this.pointOf(i);
      if (!this.marks) {
        if (this.markers[i]) this.markers[i].setLatLng(at);
        if (this.rings[i]) this.rings[i].setLatLng(at);
        if (this.claims[i]) this.claims[i].setLatLng(at);
        if (this.badges[i]) this.badges[i].setLatLng(at);
      }
      if (this.leaders[i]) { this.leaderGroup.removeLayer(this.leaders[i]); this.leaders[i] = null; }
      if (!this.offsetOf(i)) continue;
      const own = L.latLng(t.lat[i], t.lon[i]);
      const leader = L.featureGroup([
        L.polyline([own, at], { renderer: this.decoRenderer, pane: "fl-marks", color: "#333333", weight: 1, opacity: 0.8, interactive: false }),
        L.circleMarker(own, { renderer: this.decoRenderer, pane: "fl-marks", radius: 1.8, color: "#333333", weight: 0, fillColor: "#333333", fillOpacity: 0.9, interactive: false }),
      ]);
      this.leaders[i] = leader;
      if (this.shownKey[i] === -1 || this.markerStyle(i).shown) this.leaderGroup.addLayer(leader);
    }
    this.paintLabels();
  };

})(window.FrontlineParts);
