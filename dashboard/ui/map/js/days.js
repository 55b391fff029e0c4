/* Frontline's browser map, part 2 of 13 (days.js): the day index. A day step revisits
   only the places whose look can differ between the two days (the rows that start holding
   in between, and the recent-change rings that start or end), keeps the legend's count of
   places per holder as it goes, and finds the day's events from the rows of that day:
   a step costs what changed, not the number of places. */
(function (FL) {
  "use strict";
  const { Timeline, isoOf, t } = FL;

  /* Place i's state on day d, its count in the legend, and its marks if their look changed. */
  Timeline.prototype.update = function (i, d, force) {
    this.row[i] = this.rowAt(i, d);
    const code = this.holderOf(i), counted = this.isShown(code) ? code : -1;
    if (counted !== this.countedAs[i]) {
      if (this.countedAs[i] >= 0) this.countOf[this.countedAs[i]]--;
      if (counted >= 0) this.countOf[counted]++;
      this.countedAs[i] = counted;
    }
    const key = this.visualKey(i, d);
    if (!force && key === this.shownKey[i]) return;
    this.shownKey[i] = key;
    this.paintPlace(i, d);
  };

  /* The days on which a place's look can change, each with the place (CSR by day): the day
     of each of its rows (that row starts to hold) and the days a row's recent-change ring
     starts and ends. Also each row's place, and the rows by their own day. */
  Timeline.prototype.indexDays = function () {
    const n = this.places.length, rows = this.rowDay.length, none = -2147483648;
    const days = [], who = [];
    this.placeOfRow = new Int32Array(rows);
    for (let i = 0; i < n; i++) {
      for (let r = this.offsets[i]; r < this.offsets[i + 1]; r++) {
        this.placeOfRow[r] = i;
        if (this.rowDay[r] !== none) { days.push(this.rowDay[r]); who.push(i); }
        if (this.since[r] === none) continue;
        if (this.since[r] > this.rowDay[r]) { days.push(this.since[r]); who.push(i); }
        days.push(this.since[r] + this.recentDays); who.push(i);
      }
    }
    this.touches = byDay(days, who);
    const rowDays = [], rowIds = [];
    for (let r = 0; r < rows; r++) if (this.rowDay[r] !== none) { rowDays.push(this.rowDay[r]); rowIds.push(r); }
    this.rowsOn = byDay(rowDays, rowIds);
    this.seen = new Uint32Array(n); this.epoch = 0;
  };

  /* ``items`` grouped by ``days`` (a counting sort; each day's items keep their order). */
  function byDay(days, items) {
    let lo = Infinity, hi = -Infinity;
    for (const d of days) { if (d < lo) lo = d; if (d > hi) hi = d; }
    if (!days.length) { lo = 0; hi = -1; }
    const start = new Int32Array(hi - lo + 2), out = new Int32Array(items.length);
    for (const d of days) start[d - lo + 1]++;
    for (let k = 0; k < start.length - 1; k++) start[k + 1] += start[k];
    const fill = start.slice(0, -1);
    for (let k = 0; k < days.length; k++) out[fill[days[k] - lo]++] = items[k];
    return { lo: lo, hi: hi, start: start, items: out };
  }

  /* The items of ``index`` on the days after ``a`` up to ``b`` (a < b: a, b] as a range. */
  function between(index, a, b) {
    const from = Math.max(index.lo, a + 1) - index.lo, to = Math.min(index.hi, b) - index.lo;
    return from > to ? [0, 0] : [index.start[from], index.start[to + 1]];
  }

  /* Call fn once for each place whose look can differ between days a and b. */
  Timeline.prototype.touched = function (a, b, fn) {
    const [from, to] = between(this.touches, Math.min(a, b), Math.max(a, b));
    const seen = this.seen, stamp = ++this.epoch;
    for (let k = from; k < to; k++) {
      const i = this.touches.items[k];
      if (seen[i] !== stamp) { seen[i] = stamp; fn(i); }
    }
  };

  Timeline.prototype.counts = function () {
    const counts = new Map();
    this.countOf.forEach((count, code) => { if (count > 0) counts.set(code, count); });
    return counts;
  };

  /* What happened on the shown day: changes of hands, first records and re-reports. */
  Timeline.prototype.dayEvents = function (d) {
    const moved = [], firsts = [], repeated = [];
    const [from, to] = between(this.rowsOn, d - 1, d);
    for (let k = from; k < to; k++) {
      const r = this.rowsOn.items[k], i = this.placeOfRow[r];
      if (this.heldRow(i) !== r) continue;
      const now = this.label(this.holder[r]), place = this.placeName(i);
      if (this.since[r] !== d) repeated.push(t("repeat_item", { place: place, holder: now, since: isoOf(this.since[r]) }));
      else if (this.first[r]) firsts.push(t("first_item", { place: place, holder: now }));
      else moved.push(t("change_item", { place: place, from: this.label(this.holder[r - 1]), to: now }));
    }
    return { moved: moved, firsts: firsts, repeated: repeated };
  };

})(window.FrontlineParts);
