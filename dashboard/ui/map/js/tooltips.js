/* Frontline's browser map, part 7 of 13 (tooltips.js): a place's tooltip and (in the offline
   export) its sourced history popup, as text nodes; on the canvas map, the tooltip and click
   of the place under the pointer. */
(function (FL) {
  "use strict";
  const { Timeline, isoOf, preciseDay, dayOf, el, t } = FL;

  const WEAK = new Set(["claimed", "disputed"]);

  /* Tooltip lines, the same rule as dashboard/core/timeline.py tooltip_lines. A place
     with rows but no holder yet (heldRow -1) has "no record yet", as in the core. */
  Timeline.prototype.tooltipLines = function (i) {
    const r = this.heldRow(i);
    const code = this.holderOf(i);
    const conf = r < 0 ? "" : this.confidences[this.conf[r]];
    const label = this.label(code);
    const held = WEAK.has(conf) ? t("holder_conf", { holder: label, conf: t("conf_" + conf) }) : label;
    let since = t("no_record_yet");
    if (r >= 0) {
      const sc = this.confidences[this.sinceConf[r]];
      since = preciseDay(this.since[r], this.precisions[this.sincePrec[r]]);
      if (WEAK.has(sc)) since = t("since_conf", { since: since, conf: t("conf_" + sc) });
    }
    const lines = [this.placeName(i), t("held_by", { holder: held }), t("since", { since: since })];
    if (this.isThin(i)) lines.push(t("thin_note"));
    const claim = this.claimOf(i);
    if (claim) lines.push(t("claim_line", { holder: this.label(claim.code), since: isoOf(claim.since) }));
    return lines;
  };

  Timeline.prototype.tooltipNode = function (i) {
    const box = this.directed(el("div", "fl-tip"));
    this.tooltipLines(i).forEach(function (line, k) { box.appendChild(el(k === 0 ? "b" : "div", null, line)); });
    return box;
  };

  /* A place's sourced history as text (the exported page has no panel: a popup). */
  Timeline.prototype.historyNode = function (i) {
    const box = this.directed(el("div", "fl-history"));
    box.appendChild(el("b", null, t("history_title", { place: this.placeName(i) })));
    const list = el("ul");
    for (const row of this.cfg.histories[i]) {
      const [date, holder, type, conf, prec, publisher, title, sdate, url, notes] = row;
      const item = el("li");
      if (dayOf(date) > this.day) { item.className = "fl-later"; item.appendChild(el("i", null, t("history_later") + " ")); }
      item.appendChild(el("b", null, date + " "));
      const said = [type, conf ? t("conf_" + conf) : "", prec ? t("history_precision", { precision: t("precision_" + prec) }) : ""];
      item.appendChild(document.createTextNode((holder ? (this.cfg.labels[holder] || holder) : t("history_no_change")) +
        " (" + said.filter(Boolean).join(", ") + ")"));
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

  /* The shown place under a container point (the topmost, as drawn), or -1. */
  FL.Marks.prototype.hit = function (point) {
    if (!this.cellItems || !this.min) return -1;
    const lp = this.t.map.containerPointToLayerPoint(point), dpr = this.dpr, g = this.g;
    const x = (lp.x - this.min.x) * dpr, y = (lp.y - this.min.y) * dpr;
    const c = Math.floor(x / g), r = Math.floor(y / g);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return -1;
    const k = r * this.cols + c, reach = (this.t.cfg.radius + 2) * dpr;
    for (let j = this.cellStart[k + 1] - 1; j >= this.cellStart[k]; j--) {
      const i = this.cellItems[j];
      if (this.look[i] !== FL.Marks.NONE && (this.x[i] - x) ** 2 + (this.y[i] - y) ** 2 <= reach * reach) return i;
    }
    return -1;
  };

  /* The canvas markers, their rings' switch, and the tooltip and click of the place under
     the pointer (the canvas itself takes no pointer events unless a place is under it). */
  Timeline.prototype.makeCanvasMarks = function () {
    const self = this, map = this.map;
    const pane = map.createPane("fl-places");
    pane.style.zIndex = 450;
    this.marks = new FL.Marks(this);
    this.marks.canvas.addTo(map);
    this.decorations.on("add remove", function () { self.marks.showRings = map.hasLayer(self.decorations); self.marks.drawAll(); });
    let hovered = -1, tip = null;
    const over = function (i) {
      if (i === hovered) return;
      hovered = i;
      self.marks.canvas._container.style.pointerEvents = i < 0 ? "none" : "auto";
      self.marks.canvas._container.style.cursor = i < 0 ? "" : "pointer";
      if (tip) { map.removeLayer(tip); tip = null; }
      if (i < 0) return;
      tip = L.tooltip({ direction: "top", offset: [0, -self.cfg.radius] }).setLatLng(self.pointOf(i)).setContent(self.tooltipNode(i)).addTo(map);
    };
    map.on("mousemove", function (e) { over(self.marks.hit(e.containerPoint)); });
    map.on("mouseout zoomstart movestart", function () { over(-1); });
    map.on("click", function (e) {
      const i = self.marks.hit(e.containerPoint);
      if (i < 0) return;
      self.report("click", self.places[i]);
      if (self.cfg.histories) L.popup({ maxWidth: 460, maxHeight: 380 }).setLatLng(self.pointOf(i)).setContent(self.historyNode(i)).openOn(map);
    });
  };

})(window.FrontlineParts);
