/* Frontline's browser map, the address (link.js), joined just before bridge.js: in the
   exported page the address is a link to a day. Opening "#date=2020-06-01&place=al-Asabaa"
   (optionally "&map=ZOOM/LAT/LON"; "step=N" for a step of the story) shows that day, centres the place and opens its
   history; scrubbing, playing or clicking a place rewrites the address in place
   (history.replaceState: no reload, no new history entry).

   Every value is data: parsed by strict patterns and looked up among the known places and
   days; nothing from the address is evaluated or put into the page as HTML. A value that
   does not parse is ignored, the rest of the link still applies. */
(function (FL) {
  "use strict";
  const { Timeline, isoOf, dayOf } = FL;

  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const MAP_VIEW = /^(\d{1,2})\/(-?\d{1,2}(?:\.\d{1,6})?)\/(-?\d{1,3}(?:\.\d{1,6})?)$/;
  const MAX_LINK = 2000;

  /* The link's values, each checked; anything else is left out. */
  Timeline.prototype.readLink = function (hash) {
    const text = String(hash || "").replace(/^#/, "");
    const out = {};
    if (!text || text.length > MAX_LINK) return out;
    let params;
    try { params = new URLSearchParams(text); } catch { return out; }
    const date = params.get("date");
    if (date && ISO_DAY.test(date) && isoOf(dayOf(date)) === date) {
      const d = dayOf(date);
      if (d >= this.firstDay && d <= this.lastDay) out.day = d;
    }
    const place = params.get("place");
    if (place) {
      const i = this.places.indexOf(place);
      if (i >= 0) out.place = i;
    }
    const step = params.get("step") || "";
    const steps = this.cfg.story || [];
    if (/^\d{1,3}$/.test(step) && +step >= 1 && +step <= steps.length) out.step = +step - 1;
    const view = MAP_VIEW.exec(params.get("map") || "");
    if (view) {
      const zoom = +view[1], lat = +view[2], lon = +view[3];
      if (zoom >= 1 && zoom <= 18 && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) out.view = { zoom: zoom, lat: lat, lon: lon };
    }
    return out;
  };

  /* The address for the shown day (and the place whose history is open, if any). */
  Timeline.prototype.linkText = function () {
    const params = new URLSearchParams();
    const step = this.currentStep ? this.currentStep() : null;
    if (step !== null) params.set("step", String(step + 1));
    params.set("date", isoOf(this.day));
    if (this.linkPlace !== null && this.linkPlace !== undefined) params.set("place", this.places[this.linkPlace]);
    return "#" + params.toString().replace(/\+/g, "%20");
  };

  Timeline.prototype.applyLink = function (link) {
    if (link.step !== undefined && this.storyText) { this.showStep(link.step); return; }
    if (link.day !== undefined) { this.stop(false); this.show(link.day); }
    if (link.view) this.map.setView([link.view.lat, link.view.lon], link.view.zoom, { animate: false });
    if (link.place !== undefined) this.openPlace(link.place, !link.view);
  };

  /* Bring place i into view (when ``centre``) and open its sourced history. */
  Timeline.prototype.openPlace = function (i, centre) {
    const marker = this.markers[i];
    if (!marker) return;
    this.linkPlace = i;
    if (centre && marker.getLatLng) {
      const map = this.map;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9), { animate: false });
    }
    if (marker.openPopup && marker.getPopup && marker.getPopup()) marker.openPopup();
    else if (marker.openTooltip) marker.openTooltip();
  };

  /* Rewrite the address soon after the shown day changes (one write per burst). */
  Timeline.prototype.writeLinkSoon = function () {
    const self = this;
    if (!this.linkOn || this.linkTimer) return;
    this.linkTimer = setTimeout(function () {
      self.linkTimer = null;
      const text = self.linkText();
      if (text === window.location.hash) return;
      try { window.history.replaceState(null, "", text); } catch { window.location.replace(text); }
    }, 120);
  };

  /* Follow the address from now on: apply it, then keep it in step with the map. */
  Timeline.prototype.followLink = function () {
    const self = this;
    this.linkPlace = null;
    this.applyLink(this.readLink(window.location.hash));
    this.linkOn = true;
    const show = this.show;
    this.show = function (d, force) { show.call(self, d, force); self.writeLinkSoon(); };
    this.markers.forEach(function (marker, i) {
      if (!marker || !marker.on) return;
      marker.on("popupopen", function () { self.linkPlace = i; self.writeLinkSoon(); });
      marker.on("popupclose", function () { if (self.linkPlace === i) { self.linkPlace = null; self.writeLinkSoon(); } });
    });
    window.addEventListener("hashchange", function () {
      if (window.location.hash !== self.linkText()) self.applyLink(self.readLink(window.location.hash));
    });
    this.writeLinkSoon();
  };

})(window.FrontlineParts);
