/* Frontline's browser map, part 6 of 10 (tooltips.js): a place's tooltip and (in the offline
   export) its sourced history popup, as text nodes. */
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

})(window.FrontlineParts);
