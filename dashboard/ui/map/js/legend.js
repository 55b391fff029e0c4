/* Frontline's browser map, part 8 of 10 (legend.js): the legend: places per holder on the day,
   and the symbols of the layers shown. */
(function (FL) {
  "use strict";
  const { Timeline, longDate, el, t } = FL;

  Timeline.prototype.buildLegend = function () {
    const self = this;
    const Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        const box = self.directed(el("div", "fl-legend leaflet-bar"));
        L.DomEvent.disableClickPropagation(box);
        self.legendBox = box;
        return box;
      },
    });
    new Ctl().addTo(this.map);
  };

  /* "Show all places": fits the map to every place (the map may open on a narrower view
     that dataset.toml names, open_view). */
  Timeline.prototype.buildFitAll = function () {
    const self = this, all = this.cfg.all_bounds;
    if (!all) return;
    const Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        const box = self.directed(el("div", "leaflet-bar fl-fit-all"));
        const btn = el("button", "fl-btn", t("show_all"));
        btn.type = "button";
        btn.title = t("show_all_title");
        btn.setAttribute("aria-label", t("show_all"));
        L.DomEvent.disableClickPropagation(box);
        btn.addEventListener("click", function () {
          self.moved = true;  /* a view the user chose: reported like a pan or zoom */
          self.map.fitBounds(all, { padding: [20, 20], animate: false });
        });
        box.appendChild(btn);
        self.fitAllBtn = btn;
        return box;
      },
    });
    new Ctl().addTo(this.map);
  };

  /* The legend's day and counts on a day step: only their texts change (the legend is
     built by paintLegend, again when the layers shown change). */
  Timeline.prototype.paintCounts = function () {
    const parts = this.legendParts;
    if (!parts) { this.paintLegend(); return; }
    const counts = this.counts();
    let shown = 0;
    parts.head.textContent = t("legend_head", { date: longDate(this.day) });
    for (const [code, node] of parts.counts) {
      const count = counts.get(code) || 0;
      shown += count;
      node.textContent = String(count);
    }
    parts.total.textContent = t("legend_total", { shown: shown, total: this.places.length });
  };

  Timeline.prototype.paintLegend = function () {
    const box = this.legendBox;
    box.textContent = "";
    const head = el("div", "fl-legend-head");
    box.appendChild(head);
    const order = this.cfg.legend_order.map((h) => this.holders.indexOf(h)).filter((c) => c >= 0);
    const countNodes = new Map();
    for (const code of order) {
      if (!this.isShown(code)) continue;
      const row = el("div", "fl-legend-row");
      row.setAttribute("data-holder", this.holders[code]);
      const swatch = el("span", code === this.unknownCode ? "fl-sw fl-sw-unknown" : "fl-sw");
      if (code !== this.unknownCode) swatch.style.background = this.color(code);
      row.appendChild(swatch);
      row.appendChild(el("span", "fl-legend-label", (code === this.unknownCode ? t("no_record") : this.label(code)) + " "));
      countNodes.set(code, row.appendChild(el("b", "fl-count")));
      box.appendChild(row);
    }
    const total = el("div", "fl-legend-total");
    box.appendChild(total);
    this.legendParts = { head: head, counts: countNodes, total: total };
    this.paintCounts();
    const self = this;
    const details = el("details", "fl-legend-symbols");
    if (this.symbolsOpen === undefined) this.symbolsOpen = this.map.getSize().x >= 900;
    details.open = this.symbolsOpen;
    details.addEventListener("toggle", function () { self.symbolsOpen = details.open; });
    details.appendChild(el("summary", null, t("symbols")));
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

})(window.FrontlineParts);
