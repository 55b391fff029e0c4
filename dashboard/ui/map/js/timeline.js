/* Frontline's browser-side timeline: the map holds every place's control runs and
   recolours itself on each input of the date range, with no server round trip.

   The run table comes from dashboard/core/timeline.py (run_table): per place a slice of
   rows sorted by day; the state on day D is the last row with day <= D (one binary
   search per place, the rule of ControlIndex.positions). Every text from data is put
   into the page with textContent, never parsed as HTML. */
(function () {
  "use strict";
  window.__errors = [];
  window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });

  function decode(b64, Type) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Type(bytes.buffer);
  }

  /* A day number as ISO text; "" for "no day" (the table's sentinel for a missing date). */
  function isoOf(day) {
    if (!Number.isFinite(day) || day <= -1e8) return "";
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  function longDate(day) {
    if (!Number.isFinite(day) || day <= -1e8) return "";
    const d = new Date(day * 86400000);
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  function dayOf(iso) {
    return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000);
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Timeline(map, cfg) {
    const t = cfg.table;
    this.map = map;
    this.cfg = cfg;
    this.places = t.places;
    this.holders = t.holders;
    this.hostile = t.hostile;
    const DayType = t.day_type === "u2" ? Uint16Array : Int32Array;
    const CodeType = t.code_type === "u1" ? Uint8Array : Uint16Array;
    const days = (b64) => { const raw = decode(b64, DayType); const out = new Int32Array(raw.length);
      const none = t.day_type === "u2" ? 0xffff : -1;
      for (let k = 0; k < raw.length; k++) out[k] = raw[k] === none ? -2147483648 : raw[k] + t.day0;
      return out; };
    this.offsets = decode(t.offsets, Int32Array);
    this.rowDay = days(t.day);
    this.since = days(t.since);
    this.noneCode = t.code_type === "u1" ? 0xff : 0xffff;
    this.holder = decode(t.holder, CodeType);
    this.claim = t.claim ? decode(t.claim, CodeType) : null;
    this.claimSince = t.claim ? days(t.claim_since) : null;
    this.conf = decode(t.conf, Uint8Array);
    this.sinceConf = decode(t.since_conf, Uint8Array);
    this.first = decode(t.first, Uint8Array);
    this.confidences = t.confidences;
    this.recentDays = t.recent_days;
    this.unknownCode = this.holders.indexOf("unknown");
    this.visible = new Set(cfg.visible.map((h) => this.holders.indexOf(h)));
    this.showUnknown = cfg.show_unknown;
    const n = this.places.length;
    this.row = new Int32Array(n).fill(-2);
    this.shownKey = new Array(n).fill(null);
    this.markers = new Array(n);
    this.rings = new Array(n);
    this.claims = new Array(n);
    this.cells = new Array(n);
    this.edges = [];
    this.changeDays = this.computeChangeDays();
    this.firstDay = dayOf(cfg.start);
    this.lastDay = dayOf(cfg.end);
    this.period = cfg.period ? [dayOf(cfg.period[0]), dayOf(cfg.period[1])] : null;
    this.start = this.period ? this.period[0] : this.firstDay;
    this.end = this.period ? this.period[1] : this.lastDay;
    this.day = null;
    this.playing = false;
    this.speed = cfg.speed || 30;
    this.collectLayers();
    this.decorateBasemap();
    this.makeRelief();
    this.makeMarkers();
    this.makeLabels();
    this.makeSpread();
    this.buildLayerControl();
    this.buildControls();
    this.buildLegend();
  }

  Timeline.prototype.computeChangeDays = function () {
    const days = new Set();
    for (let i = 0; i < this.places.length; i++) {
      for (let r = this.offsets[i]; r < this.offsets[i + 1]; r++) {
        if (this.since[r] === this.rowDay[r]) days.add(this.rowDay[r]);
      }
    }
    return Array.from(days).sort((a, b) => a - b);
  };

  /* Shaded relief under the data: an image already warped to Web Mercator in Python. */
  Timeline.prototype.makeRelief = function () {
    const relief = this.cfg.relief;
    if (!relief) return;
    const pane = this.map.createPane("fl-relief");
    pane.style.zIndex = 405;  /* over the land fill, under every data pane; multiplied in */
    pane.style.mixBlendMode = "multiply";
    pane.style.pointerEvents = "none";
    this.reliefLayer = L.imageOverlay(relief.url, relief.bounds, { pane: "fl-relief", opacity: relief.opacity || 0.55, interactive: false });
  };

  /* Town names as text: which label shows at which zoom, and on which side of its point,
     was decided in Python (collision-free per zoom); here they are only shown. */
  Timeline.prototype.makeLabels = function () {
    const labels = this.cfg.names;
    if (!labels || !labels.items || !labels.items.length) return;
    const self = this;
    const pane = this.map.createPane("fl-labels");
    pane.style.zIndex = 460;
    pane.style.pointerEvents = "none";
    this.labelLayer = L.layerGroup();
    this.lang = labels.lang || "en";
    this.labelMarkers = labels.items.map(function (item) {
      const icon = L.divIcon({ className: "fl-label", html: "", iconSize: null });
      const m = L.marker([item.lat, item.lon], { icon: icon, pane: "fl-labels", interactive: false, keyboard: false });
      m.item = item;
      return m;
    });
    /* repainted on zoom by placeMarkers, once markers have moved for the new zoom */
    this.labelLayer.on("add", function () { self.paintLabels(); });
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
      if (this.markers[i]) this.markers[i].setLatLng(at);
      if (this.rings[i]) this.rings[i].setLatLng(at);
      if (this.claims[i]) this.claims[i].setLatLng(at);
      if (this.leaders[i]) { this.leaderGroup.removeLayer(this.leaders[i]); this.leaders[i] = null; }
      if (!this.offsetOf(i)) continue;
      const own = L.latLng(t.lat[i], t.lon[i]);
      const leader = L.featureGroup([
        L.polyline([own, at], { renderer: this.decoRenderer, pane: "fl-marks", color: "#333333", weight: 1, opacity: 0.8, interactive: false }),
        L.circleMarker(own, { renderer: this.decoRenderer, pane: "fl-marks", radius: 1.8, color: "#333333", weight: 0, fillColor: "#333333", fillOpacity: 0.9, interactive: false }),
      ]);
      this.leaders[i] = leader;
      if (this.shownKey[i] === null || this.markerStyle(i).shown) this.leaderGroup.addLayer(leader);
    }
    this.paintLabels();
  };

  Timeline.prototype.labelText = function (item) {
    if (this.lang === "ar") return item.ar || item.en;
    if (this.lang === "both" && item.ar) return item.en + " · " + item.ar;
    return item.en;
  };

  Timeline.prototype.paintLabels = function () {
    if (!this.labelLayer || !this.map.hasLayer(this.labelLayer)) return;
    const cfg = this.cfg.names, zoom = Math.round(this.map.getZoom());
    const z = Math.max(cfg.zmin, Math.min(cfg.zmax, zoom));
    for (const m of this.labelMarkers) {
      const item = m.item, side = item.sides ? item.sides.charAt(z - cfg.zmin) : "-";
      const show = side && side !== "-" && zoom >= cfg.zmin;
      if (!show) { if (this.labelLayer.hasLayer(m)) this.labelLayer.removeLayer(m); continue; }
      if (!this.labelLayer.hasLayer(m)) this.labelLayer.addLayer(m);
      if (item.marker >= 0) m.setLatLng(this.pointOf(item.marker));
      const node = m.getElement();
      if (!node) continue;
      node.textContent = this.labelText(item);
      node.className = "leaflet-marker-icon fl-label fl-label-" + side + (item.kind === "town" ? " fl-town" : " fl-place");
      node.setAttribute("dir", "auto");
      node.setAttribute("data-label", item.en);
    }
  };

  Timeline.prototype.setLang = function (lang) {
    this.lang = lang;
    this.paintLabels();
  };

  /* A pane with its own renderer, so repainting markers never repaints the basemap. */
  Timeline.prototype.pane = function (name, z) {
    const pane = this.map.createPane(name);
    pane.style.zIndex = z;
    return this.cfg.canvas ? L.canvas({ pane: name }) : L.svg({ pane: name });
  };

  /* One circle marker per place (drawn once; only its style changes with the day). */
  Timeline.prototype.makeMarkers = function () {
    const self = this, t = this.cfg.table;
    const decoRenderer = this.pane("fl-marks", 440);
    const renderer = this.pane("fl-places", 450);
    this.decorations = L.featureGroup().addTo(this.map);
    this.claimGroup = L.featureGroup().addTo(this.map);
    this.decoRenderer = decoRenderer;
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

  /* The map's own layer control: drawn layers toggle here; Python-drawn ones (distances,
     supply) and the rings are switches whose state the page hears. */
  Timeline.prototype.buildLayerControl = function () {
    const self = this, names = this.cfg.layer_labels || {};
    this.switches = {};
    const overlays = {};
    const add = (key, layer) => { if (!layer || !names[key]) return; this.switches[key] = layer; overlays[names[key]] = layer; };
    add("labels", this.labelLayer);
    add("relief", this.reliefLayer);
    add("districts", this.groups.district);
    add("recent", this.decorations);
    add("areas", this.groups.cell);
    add("front", this.groups.edge);
    add("roads", this.groups.road);
    this.pythonLayers = {};
    for (const key of ["distances", "supply"]) {
      if (!names[key]) continue;
      const stub = L.layerGroup();
      this.pythonLayers[key] = stub;
      add(key, stub);
    }
    const lang = this.cfg.names && this.cfg.names.items && this.cfg.names.items.some((x) => x.ar);
    if (lang) this.buildLangSwitch();
    if (this.cfg.online && this.cfg.online.url) {
      /* Created here, added only when switched on: no request to another host before. */
      add("online", L.tileLayer(this.cfg.online.url, { attribution: this.cfg.online.attribution, opacity: 0.7 }));
    }
    for (const key of Object.keys(this.switches)) {
      const want = this.cfg.layers.indexOf(key) >= 0;
      if (want) this.switches[key].addTo(this.map); else this.map.removeLayer(this.switches[key]);
    }
    this.layerControl = L.control.layers(null, overlays, { collapsed: this.cfg.collapse_layers, position: "topleft" }).addTo(this.map);
    this.map.on("overlayadd overlayremove", function () {
      self.paintLegend();
      self.report("layers", self.shownLayers());
    });
  };

  /* English, Arabic or both for the town names. */
  Timeline.prototype.buildLangSwitch = function () {
    const self = this;
    const Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        const sel = el("select", "fl-lang leaflet-bar");
        sel.title = "Language of the town names";
        sel.setAttribute("aria-label", "Language of the town names");
        [["en", "English"], ["ar", "العربية"], ["both", "Both"]].forEach(function (o) {
          const opt = el("option", null, o[1]); opt.value = o[0]; if (o[0] === self.lang) opt.selected = true; sel.appendChild(opt);
        });
        L.DomEvent.disableClickPropagation(sel);
        sel.addEventListener("change", function () { self.setLang(sel.value); self.report("lang", sel.value); });
        return sel;
      },
    });
    new Ctl().addTo(this.map);
  };

  Timeline.prototype.shownLayers = function () {
    return Object.keys(this.switches).filter((k) => this.map.hasLayer(this.switches[k]));
  };

  Timeline.prototype.layerOn = function (key) {
    const layer = this.switches && this.switches[key];
    return !!layer && this.map.hasLayer(layer);
  };

  /* Layers chosen in Python (a shared link): switch them without rebuilding. */
  Timeline.prototype.setLayers = function (keys) {
    for (const key of Object.keys(this.switches)) {
      const layer = this.switches[key], want = keys.indexOf(key) >= 0;
      if (want && !this.map.hasLayer(layer)) layer.addTo(this.map);
      if (!want && this.map.hasLayer(layer)) this.map.removeLayer(layer);
    }
    this.paintLegend();
  };

  /* District names on hover (text, never HTML), and the sources named in the credits. */
  Timeline.prototype.decorateBasemap = function () {
    const districts = this.groups.district;
    if (districts) {
      districts.eachLayer(function (layer) {
        const name = layer.feature.properties.name;
        if (name) layer.bindTooltip(function () { return el("span", "fl-district", name); }, { sticky: true, direction: "right", opacity: 0.85 });
      });
      const lines = this.groups["district-line"];
      if (lines) lines.addTo(districts);
    }
    const attribution = this.map.attributionControl;
    if (attribution) (this.cfg.credits || []).forEach(function (c) { attribution.addAttribution(c.replace(/[<>&]/g, "")); });
  };

  Timeline.prototype.collectLayers = function () {
    const self = this;
    this.groups = {};
    this.map.eachLayer(function (layer) {
      if (!(layer instanceof L.GeoJSON)) return;
      const first = layer.getLayers()[0];
      const kind = first && first.feature && first.feature.properties && first.feature.properties.fl;
      if (kind) self.groups[kind] = layer;
    });
    this.map.eachLayer(function (layer) {
      const f = layer.feature;
      if (!f || !f.properties || f.properties.fl === undefined) return;
      const p = f.properties;
      if (p.fl === "cell") {
        self.cells[p.i] = layer;
      } else if (p.fl === "edge") {
        self.edges.push({ layer: layer, a: p.a, b: p.b, on: null });
      }
    });
  };

  /* The state of place i on day d: the index of its last row with day <= d, or -1. */
  Timeline.prototype.rowAt = function (i, d) {
    let lo = this.offsets[i], hi = this.offsets[i + 1] - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.rowDay[mid] <= d) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Timeline.prototype.holderOf = function (i) {
    const r = this.row[i];
    return r < 0 ? this.unknownCode : this.holder[r];
  };

  Timeline.prototype.isShown = function (code) {
    return code === this.unknownCode ? this.showUnknown : this.visible.has(code);
  };

  Timeline.prototype.label = function (code) {
    const name = this.holders[code];
    return this.cfg.labels[name] || name;
  };

  Timeline.prototype.color = function (code) {
    const name = this.holders[code];
    return this.cfg.colors[name] || this.cfg.colors.unknown;
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
    return {
      color: "#1a1a1a",
      /* On canvas (thousands of places) a confirmed holding has no outline: stroking
         20,000 circles is most of a repaint; claimed and disputed keep theirs. */
      weight: weak ? 2 : this.cfg.canvas ? 0 : 1.2,
      dashArray: conf === "claimed" ? "4 3" : conf === "disputed" ? "1 3" : null,
      fillColor: this.color(code),
      fillOpacity: weak ? 0.55 : 0.95,
      opacity: 1,
      shown: true,
    };
  };

  Timeline.prototype.isRecent = function (i, d) {
    const r = this.row[i];
    if (r < 0 || this.first[r]) return false;
    const age = d - this.since[r];
    return age >= 0 && age < this.recentDays;
  };

  Timeline.prototype.claimOf = function (i) {
    const r = this.row[i];
    if (r < 0 || !this.claim || this.claim[r] === this.noneCode) return null;
    return { code: this.claim[r], since: this.claimSince[r] };
  };

  /* Tooltip lines, the same rule as dashboard/core/timeline.py tooltip_lines. */
  Timeline.prototype.tooltipLines = function (i) {
    const r = this.row[i];
    const code = this.holderOf(i);
    const conf = r < 0 ? "" : this.confidences[this.conf[r]];
    const label = this.label(code);
    const held = conf === "claimed" || conf === "disputed" ? label + " (" + conf + ")" : label;
    let since = "no record yet";
    if (r >= 0) {
      const sc = this.confidences[this.sinceConf[r]];
      since = isoOf(this.since[r]) + (sc === "claimed" || sc === "disputed" ? " (start date " + sc + ")" : "");
    }
    const lines = [this.places[i], "Held by: " + held, "Since: " + since];
    const claim = this.claimOf(i);
    if (claim) lines.push("Claim: " + this.label(claim.code) + " claims it since " + isoOf(claim.since) + ", unconfirmed");
    return lines;
  };

  /* A place's sourced history as text (the exported page has no panel: a popup). */
  Timeline.prototype.historyNode = function (i) {
    const box = el("div", "fl-history");
    box.appendChild(el("b", null, "Control history of " + this.places[i]));
    const list = el("ul");
    for (const row of this.cfg.histories[i]) {
      const [date, holder, type, conf, prec, publisher, title, sdate, url, notes] = row;
      const item = el("li");
      if (dayOf(date) > this.day) { item.className = "fl-later"; item.appendChild(el("i", null, "later ")); }
      item.appendChild(el("b", null, date + " "));
      item.appendChild(document.createTextNode((holder ? (this.cfg.labels[holder] || holder) : "no change") +
        " (" + [type, conf, prec ? "date ±" + prec : ""].filter(Boolean).join(", ") + ")"));
      const src = el("div", "fl-src");
      if (publisher) src.appendChild(document.createTextNode(publisher + ", "));
      if (/^https?:\/\//i.test(url)) {
        const a = el("a", null, title || url); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; src.appendChild(a);
      } else src.appendChild(document.createTextNode(title));
      if (sdate) src.appendChild(document.createTextNode(" (" + sdate + ")"));
      item.appendChild(src);
      if (notes) item.appendChild(el("div", "fl-note", notes));
      list.appendChild(item);
    }
    box.appendChild(list);
    return box;
  };

  Timeline.prototype.tooltipNode = function (i) {
    const box = el("div", "fl-tip");
    this.tooltipLines(i).forEach(function (line, k) { box.appendChild(el(k === 0 ? "b" : "div", null, line)); });
    return box;
  };

  /* Show day d: recolour only what changed since the last shown day. */
  Timeline.prototype.show = function (d, force) {
    if ((d < this.start || d > this.end) && d >= this.firstDay && d <= this.lastDay && this.spanBtn) {
      this.start = this.firstDay; this.end = this.lastDay; this.paintSpan();
    }
    d = Math.max(this.start, Math.min(this.end, d));
    const n = this.places.length;
    for (let i = 0; i < n; i++) {
      this.row[i] = this.rowAt(i, d);
      const key = this.visualKey(i, d);
      if (!force && key === this.shownKey[i]) continue;
      this.shownKey[i] = key;
      this.paintPlace(i, d);
    }
    this.day = d;
    this.paintEdges();
    this.paintControls();
    this.paintLegend();
    this.paintChanges();
    this.paintOverlayState();
  };

  /* Everything a place's marks look like on day d, as one string: equal keys, no repaint. */
  Timeline.prototype.visualKey = function (i, d) {
    const r = this.row[i];
    const claim = this.claimOf(i);
    return this.holderOf(i) + "|" + (r < 0 ? "" : this.conf[r]) + "|" + (this.isRecent(i, d) ? 1 : 0) +
      "|" + (claim ? claim.code : "");
  };

  Timeline.prototype.paintPlace = function (i, d) {
    const style = this.markerStyle(i);
    const marker = this.markers[i];
    if (marker) {
      marker.setStyle(style);
      const node = marker.getElement && marker.getElement();
      if (node) {
        node.style.pointerEvents = style.shown ? "" : "none";
        node.setAttribute("data-holder", this.holders[this.holderOf(i)]);
      }
    }
    const leader = this.leaders && this.leaders[i];
    if (leader && style.shown !== this.leaderGroup.hasLayer(leader)) {
      if (style.shown) this.leaderGroup.addLayer(leader); else this.leaderGroup.removeLayer(leader);
    }
    this.rings[i] = this.decoration(this.decorations, this.rings[i], style.shown && this.isRecent(i, d),
      i, { radius: 12, color: "#000000", weight: 2.5, fill: false, interactive: false });
    const claim = this.claimOf(i);
    this.claims[i] = this.decoration(this.claimGroup, this.claims[i], style.shown && claim, i,
      { radius: 9.5, color: claim ? this.color(claim.code) : "#000", weight: 2.5, dashArray: "2 3", fill: false, interactive: false });
    const cell = this.cells[i];
    if (cell) {
      const code = this.holderOf(i);
      const r = this.row[i];
      const conf = r < 0 ? "" : this.confidences[this.conf[r]];
      const weak = conf === "claimed" || conf === "disputed";
      const on = this.isShown(code) && code !== this.unknownCode;
      cell.setStyle(on ? { fillColor: this.color(code), fillOpacity: weak ? 0.14 : 0.32, color: this.color(code), weight: weak ? 1 : 0, dashArray: weak ? "3 4" : null } : { fillOpacity: 0, weight: 0 });
    }
  };

  /* A ring drawn around place i only while ``on`` (created and removed on demand). */
  Timeline.prototype.decoration = function (group, layer, on, i, style) {
    if (!on) { if (layer) group.removeLayer(layer); return null; }
    if (layer) { layer.setStyle(style); return layer; }
    const made = L.circleMarker(this.pointOf(i), Object.assign({ renderer: this.decoRenderer, pane: "fl-marks" }, style)).addTo(group);
    if (made.getElement()) made.getElement().setAttribute("data-mark-of", this.places[i]);
    return made;
  };

  Timeline.prototype.paintEdges = function () {
    for (const edge of this.edges) {
      const a = this.holderOf(edge.a), b = this.holderOf(edge.b);
      const on = a !== b && this.hostile[a] && this.hostile[b];
      if (on !== edge.on) { edge.on = on; edge.layer.setStyle({ opacity: on ? 0.9 : 0 }); }
    }
  };

  Timeline.prototype.counts = function () {
    const counts = new Map();
    for (let i = 0; i < this.places.length; i++) {
      const code = this.holderOf(i);
      if (!this.isShown(code)) continue;
      counts.set(code, (counts.get(code) || 0) + 1);
    }
    return counts;
  };

  /* What happened on the shown day: changes of hands, first records and re-reports. */
  Timeline.prototype.dayEvents = function (d) {
    const moved = [], firsts = [], repeated = [];
    for (let i = 0; i < this.places.length; i++) {
      const r = this.row[i];
      if (r < 0 || this.rowDay[r] !== d) continue;
      const now = this.label(this.holder[r]);
      if (this.since[r] !== d) repeated.push(this.places[i] + " (" + now + " since " + isoOf(this.since[r]) + ")");
      else if (this.first[r]) firsts.push(this.places[i] + ": " + now);
      else moved.push(this.places[i] + ": " + this.label(this.holder[r - 1]) + " → " + now);
    }
    return { moved: moved, firsts: firsts, repeated: repeated };
  };

  Timeline.prototype.buildControls = function () {
    const self = this;
    const Ctl = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        const box = el("div", "fl-timeline leaflet-bar");
        self.controlBox = box;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        const top = el("div", "fl-row");
        self.dateLabel = el("output", "fl-date");
        self.dateLabel.setAttribute("aria-live", "polite");
        self.prevBtn = el("button", "fl-btn", "◀ Prev");
        self.prevBtn.title = "Previous change of hands (Page Up)";
        self.playBtn = el("button", "fl-btn fl-play", "Play");
        self.playBtn.title = "Play / pause";
        self.nextBtn = el("button", "fl-btn", "Next ▶");
        self.nextBtn.title = "Next change of hands (Page Down)";
        self.speedSel = el("select", "fl-speed");
        self.speedSel.title = "Play speed";
        [[7, "1 week/s"], [30, "1 month/s"], [91, "3 months/s"], [365, "1 year/s"]].forEach(function (o) {
          const opt = el("option", null, o[1]); opt.value = o[0]; if (o[0] === self.speed) opt.selected = true; self.speedSel.appendChild(opt);
        });
        self.status = el("span", "fl-status");
        self.spanBtn = el("button", "fl-btn fl-span");
        [self.prevBtn, self.playBtn, self.nextBtn, self.speedSel, self.dateLabel, self.status].forEach(function (n) { top.appendChild(n); });
        if (self.period && (self.period[0] > self.firstDay || self.period[1] < self.lastDay)) top.appendChild(self.spanBtn);
        self.range = el("input", "fl-range");
        self.range.type = "range";
        self.range.step = 1;
        self.range.setAttribute("aria-label", "Date");
        self.changesLine = el("div", "fl-changes");
        box.appendChild(top); box.appendChild(self.range); box.appendChild(self.changesLine);
        self.wire();
        return box;
      },
    });
    new Ctl().addTo(this.map);
  };

  Timeline.prototype.wire = function () {
    const self = this;
    this.range.addEventListener("input", function () {
      self.stop(false);
      self.wanted = +self.range.value;
      if (self.inputFrame) return;
      self.inputFrame = requestAnimationFrame(function () { self.inputFrame = null; self.show(self.wanted); });
    });
    this.range.addEventListener("change", function () { self.flushInput(); self.reportSoon(); });
    this.range.addEventListener("keydown", function (e) {
      if (e.key === "PageUp" || e.key === "PageDown") {
        e.preventDefault();
        self.jump(e.key === "PageDown" ? 1 : -1);
      }
    });
    this.prevBtn.addEventListener("click", function () { self.jump(-1); });
    this.nextBtn.addEventListener("click", function () { self.jump(1); });
    this.playBtn.addEventListener("click", function () { self.playing ? self.stop(true) : self.play(); });
    this.speedSel.addEventListener("change", function () { self.speed = +self.speedSel.value; });
    this.spanBtn.addEventListener("click", function () { self.setSpan(self.start === self.firstDay && self.end === self.lastDay); });
    this.paintSpan();
  };

  /* The range covers the dataset's period of interest, or (toggle) the whole record. */
  Timeline.prototype.setSpan = function (periodOnly) {
    this.start = periodOnly ? this.period[0] : this.firstDay;
    this.end = periodOnly ? this.period[1] : this.lastDay;
    this.paintSpan();
    this.show(this.day);
    this.reportSoon(0);
  };

  Timeline.prototype.paintSpan = function () {
    this.range.min = this.start; this.range.max = this.end;
    const whole = this.start === this.firstDay && this.end === this.lastDay;
    this.spanBtn.textContent = whole ? "Campaign only" : "Whole record";
    this.spanBtn.title = whole ? "Limit the range to the period of interest" :
      "Extend the range to every record (" + isoOf(this.firstDay).slice(0, 4) + "–" + isoOf(this.lastDay).slice(0, 4) + ")";
  };

  Timeline.prototype.jump = function (direction) {
    this.stop(false);
    const days = this.changeDays;
    let target = null;
    if (direction > 0) target = days.find((x) => x > this.day);
    else for (let k = days.length - 1; k >= 0; k--) if (days[k] < this.day) { target = days[k]; break; }
    if (target === undefined || target === null) return;
    this.show(target);
    this.reportSoon(0);
  };

  Timeline.prototype.play = function () {
    const self = this;
    if (this.day >= this.end) this.show(this.start);
    this.playing = true;
    this.playBtn.textContent = "Pause";
    let last = null, carry = 0;
    function frame(now) {
      if (!self.playing) return;
      if (last !== null) {
        carry += ((now - last) / 1000) * self.speed;
        const step = Math.floor(carry);
        if (step > 0) { carry -= step; self.show(self.day + step); }
      }
      last = now;
      self.frames = (self.frames || 0) + 1;
      if (self.day >= self.end) { self.stop(true); return; }
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  };

  Timeline.prototype.stop = function (report) {
    if (!this.playing) return;
    this.playing = false;
    this.playBtn.textContent = "Play";
    if (report) this.reportSoon(0);
  };

  Timeline.prototype.paintControls = function () {
    this.range.value = this.day;
    this.dateLabel.textContent = longDate(this.day);
    this.range.setAttribute("aria-valuetext", longDate(this.day));
  };

  Timeline.prototype.paintChanges = function () {
    const ev = this.dayEvents(this.day);
    const parts = [];
    if (ev.moved.length) parts.push("Changed hands: " + ev.moved.join("; "));
    if (ev.firsts.length) parts.push("First record: " + ev.firsts.join("; "));
    if (ev.repeated.length) parts.push("Re-reported: " + ev.repeated.join("; "));
    this.changesLine.textContent = parts.length ? parts.join(" · ") : "No change of hands on this day.";
    this.changesLine.title = this.changesLine.textContent;
  };

  Timeline.prototype.buildLegend = function () {
    const self = this;
    const Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        const box = el("div", "fl-legend leaflet-bar");
        L.DomEvent.disableClickPropagation(box);
        self.legendBox = box;
        return box;
      },
    });
    new Ctl().addTo(this.map);
  };

  Timeline.prototype.paintLegend = function () {
    const box = this.legendBox;
    const counts = this.counts();
    box.textContent = "";
    const head = el("div", "fl-legend-head", "Control · " + longDate(this.day));
    box.appendChild(head);
    let shown = 0;
    const order = this.cfg.legend_order.map((h) => this.holders.indexOf(h)).filter((c) => c >= 0);
    for (const code of order) {
      if (!this.isShown(code)) continue;
      const count = counts.get(code) || 0;
      shown += count;
      const row = el("div", "fl-legend-row");
      row.setAttribute("data-holder", this.holders[code]);
      const swatch = el("span", code === this.unknownCode ? "fl-sw fl-sw-unknown" : "fl-sw");
      if (code !== this.unknownCode) swatch.style.background = this.color(code);
      row.appendChild(swatch);
      row.appendChild(el("span", "fl-legend-label", (code === this.unknownCode ? "No record" : this.label(code)) + " "));
      row.appendChild(el("b", "fl-count", String(count)));
      box.appendChild(row);
    }
    const total = el("div", "fl-legend-total", shown + " of " + this.places.length + " places");
    box.appendChild(total);
    const self = this;
    const details = el("details", "fl-legend-symbols");
    if (this.symbolsOpen === undefined) this.symbolsOpen = this.map.getSize().x >= 900;
    details.open = this.symbolsOpen;
    details.addEventListener("toggle", function () { self.symbolsOpen = details.open; });
    details.appendChild(el("summary", null, "Symbols"));
    (this.cfg.legend_notes || []).forEach(function (note) {
      if (note.layer && !self.layerOn(note.layer)) return;
      const row = el("div", "fl-legend-note");
      const mark = el("span", "fl-mark fl-mark-" + note.kind);
      row.appendChild(mark);
      row.appendChild(el("span", null, note.text));
      details.appendChild(row);
    });
    box.appendChild(details);
  };

  /* Layers that Python draws for one day (distance lines, cut-off marks): shown as
     "updating" while the map shows another day, until Python catches up. */
  Timeline.prototype.setOverlay = function (overlay) {
    if (this.overlayLayer) { this.map.removeLayer(this.overlayLayer); this.overlayLayer = null; }
    this.overlay = overlay || null;
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
    const pts = this.markers.map((m) => map.latLngToContainerPoint(m.getLatLng()));
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
    this.status.textContent = stale ? "updating distances and supply…" : "";
    this.status.setAttribute("data-stale", stale ? "1" : "0");
    this.status.className = stale ? "fl-status fl-stale" : "fl-status";
    const pane = this.map.getPane("fl-overlay");
    if (pane) pane.style.opacity = stale ? 0.3 : 1;
    if (this.overlayLayer) this.overlayLayer.eachLayer(function (layer) {
      const n = layer.getElement && layer.getElement();
      if (n && !layer.setStyle) n.style.opacity = stale ? 0.3 : 1;
    });
  };

  /* Show the range's day now if its repaint is still waiting for a frame (frames come
     late on a busy machine): what is reported is always what the range says. */
  Timeline.prototype.flushInput = function () {
    if (!this.inputFrame) return;
    cancelAnimationFrame(this.inputFrame);
    this.inputFrame = null;
    this.show(this.wanted);
  };

  /* Tell the page (if any) the day, once the user lets go. */
  Timeline.prototype.reportSoon = function (delay) {
    const self = this;
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(function () { self.flushInput(); self.report("day", isoOf(self.day)); }, delay === undefined ? 150 : delay);
  };

  Timeline.prototype.report = function (kind, value) {
    const host = window.frontlineHost;
    if (kind === "day") { this.reported = value; clearTimeout(this.reportTimer); this.reportTimer = null; }
    if (host && host[kind]) host[kind](value);
  };

  /* The page finished a run for ``iso``. If the map reported another day, is not moving
     and has no report pending, that report was lost: send it once more (once per day, so
     a page that cannot take the day never loops). */
  Timeline.prototype.pageShows = function (iso) {
    const mine = isoOf(this.day);
    if (!iso || iso === mine || this.playing || this.reportTimer || this.reported !== mine) return;
    if (this.rereported === mine) return;
    this.rereported = mine;
    this.report("day", mine);
  };

  /* A view chosen in Python (a link). A map without a size yet (its frame still hidden)
     gets it once it has one: Leaflet cannot fit a view into an empty box. */
  Timeline.prototype.setView = function (view) {
    const map = this.map;
    const apply = function () {
      if (map.getSize().x === 0 || map.getZoom() === view.zoom) return;
      map.setView([view.lat, view.lon], view.zoom, { animate: false });
    };
    /* Pushed while the frame loads, Leaflet can still be settling its first view: apply
       now, and again on the next frames until it holds. */
    apply();
    let tries = 0;
    const again = function () { apply(); if (map.getZoom() !== view.zoom && ++tries < 30) requestAnimationFrame(again); };
    requestAnimationFrame(again);
  };

  /* Called by the page: a day chosen in Python (a link, the panel, Compare). */
  Timeline.prototype.push = function (state) {
    if (state.layers) this.setLayers(state.layers);
    if (state.view) this.setView(state.view);
    if (state.day) { this.stop(false); this.show(dayOf(state.day)); }
    if (state.overlay !== undefined) this.setOverlay(state.overlay);
  };

  window.FrontlineTimeline = {
    init: function (map, cfg) {
      /* The opening view, fitted without animation: an animated fit would still be
         running when the first pushed view or user zoom arrives, and end by undoing it. */
      if (cfg.bounds) map.fitBounds(cfg.bounds, { padding: [20, 20], animate: false });
      const timeline = new Timeline(map, cfg);
      window.frontline = timeline;
      timeline.show(dayOf(cfg.open_on), true);
      map.on("zoomend", function () { timeline.placeKmLabels(); });
      /* Only a view the user chose is reported: a pointer or key on the map, not a push. */
      ["mousedown", "wheel", "touchstart", "keydown", "dblclick"].forEach(function (name) {
        map.getContainer().addEventListener(name, function (e) {
          if (!timeline.controlBox || !timeline.controlBox.contains(e.target)) timeline.moved = true;
        }, { passive: true, capture: true });
      });
      map.on("moveend", function () {
        if (!timeline.moved) return;  /* only views the user chose, not the opening one */
        clearTimeout(timeline.viewTimer);
        timeline.viewTimer = setTimeout(function () {
          const c = map.getCenter();
          timeline.report("view", { lat: +c.lat.toFixed(4), lon: +c.lng.toFixed(4), zoom: map.getZoom() });
        }, 300);
      });
      return timeline;
    },
    dayOf: dayOf,
    isoOf: isoOf,
  };
})();
