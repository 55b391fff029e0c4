/* Frontline's browser map, the story (story.js), joined after overlay.js: an author's
   steps (events/story.csv) with Previous / Next in a row of the bar under the map. A step
   shows its day, centres its place (at its zoom) and opens the place's history where the
   page has one. Title and text are data: text nodes only. */
(function (FL) {
  "use strict";
  const { Timeline, dayOf, longDate, el, t } = FL;

  Timeline.prototype.buildStory = function () {
    const self = this;
    const row = el("div", "fl-story");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", t("story_label"));
    this.storyPrev = el("button", "fl-btn fl-story-prev", t("story_prev"));
    this.storyPrev.title = t("story_prev_title");
    this.storyNext = el("button", "fl-btn fl-story-next", t("story_next"));
    this.storyNext.title = t("story_next_title");
    this.storyCount = el("span", "fl-story-count");
    this.storyText = el("div", "fl-story-text");
    this.storyText.setAttribute("aria-live", "polite");
    [this.storyPrev, this.storyNext, this.storyCount, this.storyText].forEach(function (n) { row.appendChild(n); });
    this.storyPrev.addEventListener("click", function () { self.showStep(self.storyStep === null ? 0 : self.storyStep - 1); });
    this.storyNext.addEventListener("click", function () { self.showStep(self.storyStep === null ? 0 : self.storyStep + 1); });
    this.storyStep = null;
    this.bar.insertBefore(row, this.bar.firstChild);
    this.paintStory();
  };

  /* Show step k (0-based) of the story: its day, place and zoom, and its words. */
  Timeline.prototype.showStep = function (k) {
    const steps = this.cfg.story || [];
    if (!Number.isInteger(k) || k < 0 || k >= steps.length) return;
    const step = steps[k];
    this.storyStep = k;
    this.stop(false);
    this.show(dayOf(step.date));
    const i = step.place ? this.places.indexOf(step.place) : -1;
    if (i >= 0 && this.markers[i] && this.markers[i].getLatLng) {
      this.map.setView(this.markers[i].getLatLng(), step.zoom || Math.max(this.map.getZoom(), 9), { animate: false });
      if (this.openPlace) this.openPlace(i, false);
    }
    this.paintStory();
    if (this.writeLinkSoon) this.writeLinkSoon();
    this.reportSoon(0);
  };

  /* The step is current only while its day is shown: scrubbing away leaves the story. */
  Timeline.prototype.currentStep = function () {
    const steps = this.cfg.story || [];
    const k = this.storyStep;
    return k !== null && k !== undefined && steps[k] && dayOf(steps[k].date) === this.day ? k : null;
  };

  Timeline.prototype.paintStory = function () {
    if (!this.storyText) return;
    const steps = this.cfg.story;
    const k = this.currentStep();
    this.storyText.textContent = "";
    if (k === null) {
      this.storyCount.textContent = t("story_count", { n: steps.length });
      this.storyText.appendChild(el("span", "fl-story-hint", t("story_hint", { date: longDate(dayOf(steps[0].date)) })));
    } else {
      this.storyCount.textContent = t("story_step", { k: k + 1, n: steps.length });
      this.storyText.appendChild(el("b", "fl-story-title", steps[k].title));
      this.storyText.appendChild(document.createTextNode(" " + steps[k].text));
      this.storyText.title = steps[k].title + " " + steps[k].text;
    }
    this.storyPrev.disabled = k === null || k === 0;
    this.storyNext.disabled = k !== null && k === steps.length - 1;
  };

})(window.FrontlineParts);
