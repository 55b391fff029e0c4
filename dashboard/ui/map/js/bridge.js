/* Frontline's browser map, part 10 of 10 (bridge.js): the bridge to Python: reports to the
   page's host, pushes from it, and FrontlineTimeline.init. */
(function (FL) {
  "use strict";
  const { Timeline, isoOf, dayOf } = FL;

  /* Show the range's day now if its repaint is still waiting for a frame (frames come
     late on a busy machine): what is reported is always what the range says. */
  Timeline.prototype.flushInput = function () {
    if (!this.inputFrame) return;
    cancelAnimationFrame(this.inputFrame);
    this.inputFrame = null;
    if (this.wanted !== this.day) this.show(this.wanted);
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
    if (state.filter) this.setFilter(state.filter);
    if (state.layers) this.setLayers(state.layers);
    if (state.view) this.setView(state.view);
    if (state.day) { this.stop(false); this.show(dayOf(state.day)); }
    if (state.overlay !== undefined) this.setOverlay(state.overlay, !state.view);
  };

  /* The faction filter chosen in Python: the holders shown and whether places of no known
     holder are; every place repainted and recounted when it changed (one page serves
     every filter: no rebuild, no reload). */
  Timeline.prototype.setFilter = function (filter) {
    const visible = new Set((filter.visible || []).map((h) => this.holders.indexOf(h)).filter((c) => c >= 0));
    const unknown = !!filter.show_unknown;
    const same = unknown === this.showUnknown && visible.size === this.visible.size && [...visible].every((c) => this.visible.has(c));
    if (same) return;
    this.visible = visible;
    this.showUnknown = unknown;
    if (this.day !== null) this.show(this.day, true);
    this.paintLegend();
  };

  window.FrontlineTimeline = {
    init: function (map, cfg) {
      /* The opening view, fitted without animation: an animated fit would still be
         running when the first pushed view or user zoom arrives, and end by undoing it. */
      if (cfg.bounds) map.fitBounds(cfg.bounds, { padding: [20, 20], animate: false });
      const timeline = new Timeline(map, cfg);
      window.frontline = timeline;
      timeline.show(dayOf(cfg.open_on), true);
      if (cfg.follow_link) timeline.followLink();
      timeline.addLaterSoon();
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

})(window.FrontlineParts);
