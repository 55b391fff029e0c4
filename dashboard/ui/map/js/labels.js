/* Frontline's browser map, part 4 of 10 (labels.js): town names (placed in Python per zoom) and
   their language switch. */
(function (FL) {
  "use strict";
  const { Timeline, el, t } = FL;

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

  /* English, Arabic or both for the town names. */
  Timeline.prototype.buildLangSwitch = function () {
    const self = this;
    const Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        const sel = self.directed(el("select", "fl-lang leaflet-bar"));
        sel.title = t("names_lang_title");
        sel.setAttribute("aria-label", t("names_lang_title"));
        [["en", t("names_en")], ["ar", t("names_ar")], ["both", t("names_both")]].forEach(function (o) {
          const opt = el("option", null, o[1]); opt.value = o[0]; if (o[0] === self.lang) opt.selected = true; sel.appendChild(opt);
        });
        L.DomEvent.disableClickPropagation(sel);
        sel.addEventListener("change", function () { self.setLang(sel.value); self.report("lang", sel.value); });
        return sel;
      },
    });
    new Ctl().addTo(this.map);
  };

})(window.FrontlineParts);
