/* Frontline's browser map, part 1 of 10 (runs.js): the run table: decoded once, the state of
   every place on a day, the day's events, and show(day).
   The parts are joined in a fixed order into one script by dashboard/ui/map/elements.py
   (runs, markers, canvas, labels, layers, tooltips, controls, legend, overlay, bridge); each
   adds methods to the one Timeline in window.FrontlineParts.

   Frontline's browser-side timeline: the map holds every place's control runs and
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

  /* The page's words in its language (dashboard/core/strings.toml, sent by Python as
     cfg.text): t(key, {name: value}) fills "{name}" with the value as plain text, the rule
     of dashboard/core/words.py fill. A key the table lacks shows as itself. */
  let TEXT = {};
  function t(key, values) {
    const template = Object.prototype.hasOwnProperty.call(TEXT, key) ? TEXT[key] : key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, function (hole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : hole;
    });
  }

  /* "1 Jun 2020" / "1 يونيو 2020": the rule of dashboard/core/words.py short_date. */
  function longDate(day) {
    if (!Number.isFinite(day) || day <= -1e8) return "";
    const d = new Date(day * 86400000), m = d.getUTCMonth() + 1;
    return t("date_short", { day: d.getUTCDate(), mon: t("mon_" + m), month: t("month_" + m), year: d.getUTCFullYear() });
  }

  /* A day as its precision allows: the rule of dashboard/core/precision.py precise_day. */
  function preciseDay(day, precision) {
    const iso = isoOf(day);
    if (!iso) return "";
    const d = new Date(day * 86400000);
    if (precision === "month") return t("precise_month", { month: t("month_" + (d.getUTCMonth() + 1)), year: d.getUTCFullYear() });
    if (precision === "year") return t("precise_year", { year: d.getUTCFullYear() });
    if (precision === "week") return t("precise_week", { date: iso });
    return iso;
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
    TEXT = cfg.text || {};
    this.setPageLanguage(cfg.lang || "en", cfg.dir || "ltr");
    const t = cfg.table;
    this.map = map;
    this.cfg = cfg;
    this.places = t.places;
    this.names = cfg.place_names || t.places;  /* what a reader sees: in Arabic, its Arabic name */
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
    this.sincePrec = decode(t.since_prec, Uint8Array);
    this.thin = decode(t.thin, Uint8Array);
    this.precisions = t.precisions;
    this.confidences = t.confidences;
    this.recentDays = t.recent_days;
    this.unknownCode = this.holders.indexOf("unknown");
    this.visible = new Set(cfg.visible.map((h) => this.holders.indexOf(h)));
    this.showUnknown = cfg.show_unknown;
    const n = this.places.length;
    this.row = new Int32Array(n).fill(-2);
    this.shownKey = new Float64Array(n).fill(-1); /* visualKey last painted; -1: never */
    this.markers = new Array(n);
    this.rings = new Array(n);
    this.claims = new Array(n);
    this.cells = new Array(n);
    this.edges = [];
    this.changeDays = this.computeChangeDays();
    this.indexDays();
    this.countOf = new Int32Array(this.holders.length); /* shown places per holder code */
    this.countedAs = new Int32Array(n).fill(-1); /* the code place i is counted under */
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
    this.buildFitAll();  /* first in the top-right corner: the names' language and the layers below it */
    this.buildLayerControl();
    this.buildControls();
    this.buildLegend();
  }

  /* The page speaks ``lang``: its root says so (screen readers, the Arabic font rules of
     map.css), and the controls, legend and panels built later take ``dir``. */
  Timeline.prototype.setPageLanguage = function (lang, dir) {
    this.pageLang = lang;
    this.dir = dir;
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle("fl-rtl", dir === "rtl");
  };

  /* An element for the reader's text in the page's direction. */
  Timeline.prototype.directed = function (node) {
    node.setAttribute("dir", this.dir);
    return node;
  };

  Timeline.prototype.computeChangeDays = function () {
    const days = new Set();
    for (let i = 0; i < this.places.length; i++) {
      for (let r = this.offsets[i]; r < this.offsets[i + 1]; r++) {
        if (this.since[r] === this.rowDay[r]) days.add(this.rowDay[r]);
      }
    }
    return Array.from(days).sort((a, b) => a - b);
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

  /* The row of place i's holding on the shown day, or -1 when no holder is recorded yet:
     the core's rule is "the holder is unknown", not "no row" (a place's first rows can be
     minority dates of a later holding, state rows whose holder is still unknown). */
  Timeline.prototype.heldRow = function (i) {
    const r = this.row[i];
    return r >= 0 && this.holder[r] !== this.unknownCode ? r : -1;
  };

  /* Whether place i's holding rests only on month- or year-precise rows (core/precision.py). */
  Timeline.prototype.isThin = function (i) {
    const r = this.heldRow(i);
    return r >= 0 && this.thin[r] === 1;
  };

  Timeline.prototype.isShown = function (code) {
    return code === this.unknownCode ? this.showUnknown : this.visible.has(code);
  };

  Timeline.prototype.label = function (code) {
    const name = this.holders[code];
    return this.cfg.labels[name] || name;
  };

  /* Place i's name as the reader sees it (Arabic on the Arabic map, where known). */
  Timeline.prototype.placeName = function (i) {
    return this.names[i] || this.places[i];
  };

  Timeline.prototype.color = function (code) {
    const name = this.holders[code];
    return this.cfg.colors[name] || this.cfg.colors.unknown;
  };

  Timeline.prototype.isRecent = function (i, d) {
    const r = this.heldRow(i);
    if (r < 0 || this.first[r]) return false;
    const age = d - this.since[r];
    return age >= 0 && age < this.recentDays;
  };

  Timeline.prototype.claimOf = function (i) {
    const r = this.row[i];
    if (r < 0 || !this.claim || this.claim[r] === this.noneCode) return null;
    return { code: this.claim[r], since: this.claimSince[r] };
  };

  /* Show day d: recolour only what changed since the last shown day. */
  Timeline.prototype.show = function (d, force) {
    if ((d < this.start || d > this.end) && d >= this.firstDay && d <= this.lastDay && this.spanBtn) {
      this.start = this.firstDay; this.end = this.lastDay; this.paintSpan();
    }
    d = Math.max(this.start, Math.min(this.end, d));
    if (force || this.day === null) {
      for (let i = 0; i < this.places.length; i++) this.update(i, d, force);
    } else {
      this.touched(this.day, d, (i) => this.update(i, d, false));
    }
    if (this.marks) this.marks.flush();
    this.day = d;
    this.paintEdges();
    this.paintControls();
    this.paintCounts();
    this.paintChanges();
    this.paintOverlayState();
  };

  /* Everything a place's marks look like on day d, as one number (holder, confidence,
     ring, claim: 16 + 9 + 1 + 17 bits, exact in a double): equal keys, no repaint. */
  Timeline.prototype.visualKey = function (i, d) {
    const r = this.row[i];
    const claim = this.claimOf(i);
    const low = (r < 0 ? 256 : this.conf[r]) * 2 + (this.isRecent(i, d) ? 1 : 0);
    const look = (this.holderOf(i) * 1024 + low) * 131072 + (claim ? claim.code : 0x1ffff);
    return look * 2 + (this.isThin(i) ? 1 : 0);
  };

  window.FrontlineParts = { Timeline: Timeline, decode: decode, isoOf: isoOf, preciseDay: preciseDay, longDate: longDate, dayOf: dayOf, el: el, t: t };
})();
