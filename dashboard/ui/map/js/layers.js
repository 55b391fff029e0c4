/* Frontline's browser map, part 5 of 10 (layers.js): the layer control, the basemap's groups
   (districts, cells, edges, roads) and the relief. */
(function (FL) {
  "use strict";
  const { Timeline, el } = FL;

  /* The GeoJSON groups by kind: those on the map (the basemap's) and the area layers made
     off it (cells, borders, roads: shown only when switched on), then each cell and border. */
  Timeline.prototype.collectLayers = function () {
    const self = this;
    this.groups = {};
    const found = (this.cfg.area_layers || []).map((name) => window[name]);
    this.map.eachLayer(function (layer) { found.push(layer); });
    for (const layer of found) {
      if (!(layer instanceof L.GeoJSON)) continue;
      const first = layer.getLayers()[0];
      const kind = first && first.feature && first.feature.properties && first.feature.properties.fl;
      if (kind) self.groups[kind] = layer;
    }
    /* layers whose features come after the first frame (plain.LaterGeoJson): known now */
    for (const later of window.FrontlineLater || []) self.groups[later.kind] = later.layer;
    this.indexAreas();
  };

  /* Each place's cell and each shared border, from the area layers' features so far. */
  Timeline.prototype.indexAreas = function () {
    const self = this;
    this.edges = [];
    for (const kind of ["cell", "edge"]) {
      if (!this.groups[kind]) continue;
      this.groups[kind].eachLayer(function (layer) {
        const p = layer.feature.properties;
        if (p.fl === "cell") self.cells[p.i] = layer;
        else self.edges.push({ layer: layer, a: p.a, b: p.b, on: null });
      });
    }
  };

  /* The features of the layers no one sees at first (the districts' hover shapes, and
     the areas, borders and roads, off when the map opens), added once the first frame is
     drawn: the page shows its map sooner. */
  Timeline.prototype.addLaterSoon = function () {
    const self = this;
    if (!(window.FrontlineLater || []).length) { this.laterAdded = true; return; }
    requestAnimationFrame(function () { setTimeout(function () { self.addLater(); }, 0); });
    setTimeout(function () { self.addLater(); }, 1000);  /* no frames in a hidden page */
  };

  Timeline.prototype.addLater = function () {
    if (this.laterAdded) return;
    this.laterAdded = true;
    for (const later of window.FrontlineLater || []) later.add();
    this.nameDistricts();
    this.indexAreas();  /* the cells and borders, painted for the day shown */
    for (let i = 0; i < this.places.length; i++) this.paintCell(i);
    this.paintEdges();
  };

  /* District names on hover (text, never HTML). */
  Timeline.prototype.nameDistricts = function () {
    const districts = this.groups.district;
    if (!districts) return;
    districts.eachLayer(function (layer) {
      const name = layer.feature && layer.feature.properties.name;  /* not the lines' group */
      if (name && !layer.getTooltip()) layer.bindTooltip(function () { return el("span", "fl-district", name); }, { sticky: true, direction: "right", opacity: 0.85 });
    });
  };

  /* District lines drawn with their (hover) shapes, and the sources named in the credits. */
  Timeline.prototype.decorateBasemap = function () {
    const districts = this.groups.district;
    if (districts) {
      this.nameDistricts();
      const lines = this.groups["district-line"];
      if (lines) lines.addTo(districts);
    }
    const attribution = this.map.attributionControl;
    if (attribution) (this.cfg.credits || []).forEach(function (c) { attribution.addAttribution(c.replace(/[<>&]/g, "")); });
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
    this.layerControl = L.control.layers(null, overlays, { collapsed: this.cfg.collapse_layers, position: "topright" }).addTo(this.map);
    this.directed(this.layerControl.getContainer());
    this.map.on("overlayadd overlayremove", function () {
      self.paintLegend();
      self.report("layers", self.shownLayers());
    });
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

})(window.FrontlineParts);
