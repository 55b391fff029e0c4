/* Frontline's browser map, part 7 of 12 (controls.js): the date range, Prev/Next, Play and its
   speed, the period switch and the day's changes line, in a bar under the map with the legend. */
(function (FL) {
  "use strict";
  const { Timeline, isoOf, longDate, el, t } = FL;

  /* The date control and the legend live in a bar under the map, outside the area where
     places are drawn: no control ever hides a place. Its height is fixed in map.css, so
     the map's size is known before the first view is fitted. */
  Timeline.prototype.buildControls = function () {
    const self = this;
    const bar = this.directed(el("div", "fl-bar"));
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", t("bar_label"));
    this.map.getContainer().insertAdjacentElement("afterend", bar);
    this.bar = bar;
    this.symbolsOpen = false;  /* the legend's symbols open on demand, above the bar */
    const box = el("div", "fl-timeline");
    self.controlBox = box;
    const top = el("div", "fl-row");
    self.dateLabel = el("output", "fl-date");
    self.dateLabel.setAttribute("aria-live", "polite");
    self.prevBtn = el("button", "fl-btn", t("prev"));
    self.prevBtn.title = t("prev_title");
    self.playBtn = el("button", "fl-btn fl-play", t("play"));
    self.playBtn.title = t("play_title");
    self.nextBtn = el("button", "fl-btn", t("next"));
    self.nextBtn.title = t("next_title");
    self.speedSel = el("select", "fl-speed");
    self.speedSel.title = t("speed_title");
    [[7, t("speed_week")], [30, t("speed_month")], [91, t("speed_quarter")], [365, t("speed_year")]].forEach(function (o) {
      const opt = el("option", null, o[1]); opt.value = o[0]; if (o[0] === self.speed) opt.selected = true; self.speedSel.appendChild(opt);
    });
    self.status = el("span", "fl-status");
    self.spanBtn = el("button", "fl-btn fl-span");
    self.range = el("input", "fl-range");
    self.range.type = "range";
    self.range.step = 1;
    self.range.setAttribute("aria-label", t("date_label"));
    [self.prevBtn, self.playBtn, self.nextBtn, self.speedSel, self.dateLabel, self.range, self.status].forEach(function (n) { top.appendChild(n); });
    if (self.period && (self.period[0] > self.firstDay || self.period[1] < self.lastDay)) top.appendChild(self.spanBtn);
    self.changesLine = el("div", "fl-changes");
    const second = el("div", "fl-row fl-row2");
    self.scaleSlot = el("div", "fl-scale-slot");
    second.appendChild(self.changesLine); second.appendChild(self.scaleSlot);
    box.appendChild(top); box.appendChild(second);
    bar.appendChild(box);
    self.foot = el("div", "fl-foot");
    bar.appendChild(self.foot);
    if (self.cfg.story && self.cfg.story.length) self.buildStory();
    self.wire();
  };

  /* The legend, the scale and the credits (built as map controls) join the bar the first
     time the day is painted: nothing but the zoom, language and layer buttons on the map. */
  Timeline.prototype.dockLegend = function () {
    const box = this.legendBox;
    if (!box || box.parentNode === this.foot) return;
    box.classList.remove("leaflet-bar", "leaflet-control");
    this.foot.appendChild(box);
    const credits = this.map.attributionControl && this.map.attributionControl.getContainer();
    if (credits) this.foot.appendChild(credits);
    const scale = this.map.getContainer().querySelector(".leaflet-control-scale");
    if (scale) this.scaleSlot.appendChild(scale);
  };

  Timeline.prototype.wire = function () {
    const self = this;
    this.range.addEventListener("input", function () {
      self.stop(false);
      self.wanted = +self.range.value;
      /* the first input of a frame is shown at once (a key press is drawn in the next
         frame, not the one after); later ones wait for the frame, which shows the last */
      if (self.inputFrame) return;
      self.show(self.wanted);
      self.inputFrame = requestAnimationFrame(function () { self.inputFrame = null; if (self.wanted !== self.day) self.show(self.wanted); });
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
    this.spanBtn.textContent = whole ? t("span_period") : t("span_whole");
    this.spanBtn.title = whole ? t("span_period_title") :
      t("span_whole_title", { first: isoOf(this.firstDay).slice(0, 4), last: isoOf(this.lastDay).slice(0, 4) });
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
    this.playBtn.textContent = t("pause");
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
    this.playBtn.textContent = t("play");
    if (report) this.reportSoon(0);
  };

  Timeline.prototype.paintControls = function () {
    this.dockLegend();
    if (this.storyText) this.paintStory();
    this.range.value = this.day;
    this.dateLabel.textContent = longDate(this.day);
    this.range.setAttribute("aria-valuetext", longDate(this.day));
  };

  Timeline.prototype.paintChanges = function () {
    const ev = this.dayEvents(this.day);
    const parts = [], sep = t("list_sep");
    if (ev.moved.length) parts.push(t("changed_hands", { list: ev.moved.join(sep) }));
    if (ev.firsts.length) parts.push(t("first_record", { list: ev.firsts.join(sep) }));
    if (ev.repeated.length) parts.push(t("re_reported", { list: ev.repeated.join(sep) }));
    this.changesLine.textContent = parts.length ? parts.join(" · ") : t("no_change_today");
    this.changesLine.title = this.changesLine.textContent;
  };

})(window.FrontlineParts);
