/* Frontline's browser map, part 3 of 10 (canvas.js): thousands of places on one canvas.
   With cfg.canvas every marker, recent-change ring and claim halo is a sprite: each look
   is drawn once with the canvas API, read back as pixels, then composited by this script
   into one premultiplied pixel buffer put on the canvas with putImageData (on a software
   renderer several times faster than drawImage per place). A day step recomposites only
   the boxes its changed places' sprites reach (each box from scratch, front to back, so
   overlaps come out as in a full redraw); many changes redraw everything. The same grid
   finds the place under the pointer for its tooltip and click. */
(function (FL) {
  "use strict";
  const NONE = 0xffff; /* no sprite */
  const CELL = 16; /* grid cell, CSS pixels */
  const FULL_SHARE = 0.25; /* boxes to redraw over this share of the canvas: redraw everything */
  const REACH = 16; /* CSS pixels: at least the largest sprite's half size (the ring's) */

  /* The canvas over the view, placed and zoom-animated by Leaflet's Renderer as its own
     is, drawn by the Marks; made on first use (this script can run before Leaflet's). */
  let MarkCanvas = null;
  const markCanvas = () => MarkCanvas || (MarkCanvas = L.Renderer.extend({
    initialize: function (marks, options) {
      L.Renderer.prototype.initialize.call(this, options);
      this.marks = marks;
    },
    _initContainer: function () {
      this._container = document.createElement("canvas");
      this._container.style.pointerEvents = "none";
    },
    _destroyContainer: function () { L.DomUtil.remove(this._container); },
    _update: function () {
      if (this._map._animatingZoom && this._bounds) return;
      L.Renderer.prototype._update.call(this);
      const b = this._bounds, size = b.getSize(), c = this._container, dpr = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(c, b.min);
      c.width = Math.round(size.x * dpr); c.height = Math.round(size.y * dpr);
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      this.marks.place(b.min, dpr);
    },
  }));

  function Marks(timeline) {
    const n = timeline.places.length;
    this.t = timeline;
    this.look = new Uint16Array(n).fill(NONE); /* marker sprite of each place */
    this.ring = new Uint16Array(n).fill(NONE); /* recent-change ring sprite */
    this.halo = new Uint16Array(n).fill(NONE); /* rival-claim halo sprite */
    this.thin = new Uint16Array(n).fill(NONE); /* thin-record "≈" badge sprite */
    this.x = new Float32Array(n); this.y = new Float32Array(n); /* canvas device pixels */
    this.sprites = []; this.spriteOf = new Map();
    this.dirty = []; /* (place, reach) pairs changed since the last draw */
    this.nearBuf = new Int32Array(n); /* the places near a box (near) */
    this.dpr = window.devicePixelRatio || 1;
    this.showRings = true;
    this.canvas = new (markCanvas())(this, { pane: "fl-places" });
  }

  /* The sprite of a look (drawn on first use): its index in this.sprites. Its pixels are
     kept premultiplied (R | G << 8 | B << 16 | A << 24, as a little-endian ImageData). */
  Marks.prototype.sprite = function (style) {
    const key = [style.radius, style.fill === false ? "" : style.fillColor, style.fillOpacity, style.color, style.weight, style.dashArray].join("|");
    const half = Math.ceil(style.radius + style.weight / 2 + 1), size = Math.ceil(2 * half * this.dpr);
    return this.keep(key, size, -Math.floor(size / 2), style, function (ctx) {
      ctx.beginPath();
      ctx.arc(half, half, style.radius, 0, Math.PI * 2);
      /* a fill of 0.95 or more is drawn opaque, so a pixel is finished by the first opaque
         sprite over it (see drawPlaces); weak holdings (0.55) stay see-through */
      if (style.fill !== false) { ctx.globalAlpha = style.fillOpacity >= 0.95 ? 1 : style.fillOpacity; ctx.fillStyle = style.fillColor; ctx.fill(); }
      if (style.weight > 0) {
        ctx.globalAlpha = 1;
        ctx.setLineDash(style.dashArray ? style.dashArray.split(" ").map(Number) : []);
        ctx.lineWidth = style.weight; ctx.strokeStyle = style.color; ctx.stroke();
      }
    });
  };

  /* The "≈" badge of a thin record, as map.css draws .fl-thin (a 12-px white disc with a
     1-px border, its box's corner 15 px up and left of the place's point). */
  Marks.prototype.badgeSprite = function () {
    const dpr = this.dpr;
    return this.keep("thin", Math.ceil(14 * dpr), Math.round(-15 * dpr), {}, function (ctx) {
      ctx.beginPath(); ctx.arc(7, 7, 6.5, 0, Math.PI * 2);
      ctx.fillStyle = "#ffffff"; ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = "#1a1a1a"; ctx.stroke();
      ctx.font = "700 13px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillStyle = "#1a1a1a"; ctx.fillText("≈", 7, 7);
    });
  };

  /* The sprite ``key`` (drawn by ``draw`` in CSS pixels on first use): its index in
     this.sprites; its top-left is ``offset`` device pixels from the place's point. */
  Marks.prototype.keep = function (key, size, offset, style, draw) {
    let k = this.spriteOf.get(key);
    if (k !== undefined) return k;
    const c = document.createElement("canvas");
    c.width = c.height = size;
    const ctx = c.getContext("2d", { willReadFrequently: true });
    ctx.scale(this.dpr, this.dpr);
    draw(ctx);
    const px = new Uint32Array(ctx.getImageData(0, 0, size, size).data.buffer.slice(0));
    const span = new Int16Array(2 * size); /* per row: first and one past the last drawn column */
    for (let r = 0; r < size; r++) {
      let first = size, last = 0;
      for (let q = 0; q < size; q++) {
        const j = r * size + q;
        px[j] = premultiply(px[j]);
        if (px[j] !== 0) { first = Math.min(first, q); last = q + 1; }
      }
      span[2 * r] = first; span[2 * r + 1] = last;
    }
    k = this.sprites.length;
    this.sprites.push({ px: px, span: span, size: size, offset: offset, style: style });
    this.spriteOf.set(key, k);
    return k;
  };

  /* How far (device pixels) sprite k reaches from a place's point (0 for none). */
  Marks.prototype.reachOf = function (k) {
    const sp = this.sprites[k];
    return k === NONE ? 0 : Math.max(-sp.offset, sp.offset + sp.size) + 1;
  };

  function premultiply(v) {
    const a = v >>> 24;
    if (a === 255 || a === 0) return a === 0 ? 0 : v;
    const r = Math.round((v & 255) * a / 255), g = Math.round(((v >>> 8) & 255) * a / 255), b = Math.round(((v >>> 16) & 255) * a / 255);
    return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }

  function unpremultiply(v) {
    const a = v >>> 24;
    if (a === 255 || a === 0) return v;
    const r = Math.min(255, Math.round((v & 255) * 255 / a)), g = Math.min(255, Math.round(((v >>> 8) & 255) * 255 / a));
    const b = Math.min(255, Math.round(((v >>> 16) & 255) * 255 / a));
    return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }

  /* Where every place is drawn (its point or spread position, this zoom), the grid of
     cells each place's sprites reach, then everything drawn. */
  Marks.prototype.place = function (min, dpr) {
    const t = this.t, map = t.map, tab = t.cfg.table, n = this.x.length;
    const redo = dpr !== this.dpr; /* a new pixel ratio: every sprite drawn again */
    if (redo) { this.dpr = dpr; this.sprites = []; this.spriteOf = new Map(); this.look.fill(NONE); this.ring.fill(NONE); this.halo.fill(NONE); this.thin.fill(NONE); }
    this.min = min;
    this.g = Math.round(CELL * dpr);
    const zoom = map.getZoom(), origin = map.getPixelOrigin(), crs = map.options.crs;
    for (let i = 0; i < n; i++) {
      const p = crs.latLngToPoint(L.latLng(tab.lat[i], tab.lon[i]), zoom);
      this.x[i] = (p.x - origin.x - min.x) * dpr; this.y[i] = (p.y - origin.y - min.y) * dpr;
    }
    const moved = t.spreadBy && t.spreadBy[t.spreadZoom];
    if (moved && t.spreadZoom === Math.round(zoom)) {
      for (const [i, off] of moved) { this.x[i] += off[0] * dpr; this.y[i] += off[1] * dpr; }
    }
    const c = this.canvas._container;
    if (!this.img || this.img.width !== c.width || this.img.height !== c.height) {
      this.img = c.width && c.height ? new ImageData(c.width, c.height) : null;
      this.out = this.img ? new Uint32Array(this.img.data.buffer) : null;
      this.buf = this.img ? new Uint32Array(c.width * c.height) : null;
    }
    this.grid();
    if (redo && t.day !== null) for (let i = 0; i < n; i++) t.paintMark(i, t.markerStyle(i), t.day);
    this.drawAll();
  };

  /* Cells (CELL pixels) over the canvas, each listing the places whose sprites reach it,
     in the places' order (CSR arrays). */
  Marks.prototype.grid = function () {
    const c = this.canvas._container, g = this.g, reach = Math.ceil(REACH * this.dpr), w = c.width, h = c.height;
    this.cols = Math.max(1, Math.ceil(w / g)); this.rows = Math.max(1, Math.ceil(h / g));
    [this.cellStart, this.cellItems] = this.csr((i, fn) => this.cellsOf(i, g, reach, fn));
    /* and each place once, in the cell of its point (one just off the canvas in the edge cell) */
    [this.pointStart, this.pointItems] = this.csr((i, fn) => {
      const x = this.x[i], y = this.y[i];
      if (x <= -reach || y <= -reach || x >= w + reach || y >= h + reach) return;
      fn(Math.min(this.rows - 1, Math.max(0, Math.floor(y / g))) * this.cols + Math.min(this.cols - 1, Math.max(0, Math.floor(x / g))));
    });
  };

  /* Cell lists (CSR: start, items) of every place, each in the cells ``each`` gives it. */
  Marks.prototype.csr = function (each) {
    const n = this.x.length, cells = this.cols * this.rows, start = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) each(i, (k) => { start[k + 1]++; });
    for (let k = 0; k < cells; k++) start[k + 1] += start[k];
    const fill = start.slice(0, cells), items = new Int32Array(start[cells]);
    for (let i = 0; i < n; i++) each(i, (k) => { items[fill[k]++] = i; });
    return [start, items];
  };

  /* Call fn(cell) for every grid cell the sprites of place i reach. */
  Marks.prototype.cellsOf = function (i, g, reach, fn) {
    const x = this.x[i], y = this.y[i];
    const c0 = Math.max(0, Math.floor((x - reach) / g)), c1 = Math.min(this.cols - 1, Math.floor((x + reach) / g));
    const r0 = Math.max(0, Math.floor((y - reach) / g)), r1 = Math.min(this.rows - 1, Math.floor((y + reach) / g));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) fn(r * this.cols + c);
  };

  /* Composite the places of ``list`` (indices, ascending; or every place) into the
     buffer inside the box x0..x1, y0..y1, front to back: "≈" badges, markers (last place
     on top), then halos, then rings, each under what is already there (the SVG map's
     order: badges in a pane over the markers, rings and halos in one under them). A pixel already opaque costs one read. */
  Marks.prototype.drawPlaces = function (list, from, to, x0, y0, x1, y1) {
    const passes = this.showRings ? [this.thin, this.look, this.halo, this.ring] : [this.thin, this.look, this.halo];
    let open = (x1 - x0) * (y1 - y0); /* pixels of the (cleared) box not yet opaque */
    for (const pass of passes) {
      for (let k = to - 1; k >= from; k--) {
        const i = list ? list[k] : k, s = pass[i];
        if (s === NONE) continue;
        const sp = this.sprites[s];
        open -= this.under(sp, Math.round(this.x[i]) + sp.offset, Math.round(this.y[i]) + sp.offset, x0, y0, x1, y1);
        if (open === 0) return; /* every pixel opaque: nothing further down shows */
      }
    }
  };

  /* One sprite, its top-left at (left, top), put under the buffer's pixels, clipped; the
     number of pixels it made opaque. */
  Marks.prototype.under = function (sprite, left, top, x0, y0, x1, y1) {
    const buf = this.buf, w = this.img.width, px = sprite.px, size = sprite.size, span = sprite.span;
    const r0 = Math.max(y0, top), r1 = Math.min(y1, top + size);
    let made = 0;
    for (let y = r0; y < r1; y++) {
      const row = y - top, c0 = Math.max(x0, left + span[2 * row]), c1 = Math.min(x1, left + span[2 * row + 1]);
      let d = y * w + c0, s = row * size + (c0 - left);
      for (let x = c0; x < c1; x++, d++, s++) {
        const u = buf[d], inv = 255 - (u >>> 24);
        if (inv === 0) continue;
        const v = px[s];
        if (v === 0) continue;
        if (inv === 255) { buf[d] = v; if (v >>> 24 === 255) made++; continue; }
        /* premultiplied: out = dst + src × (1 − dst alpha), two channels per multiply */
        const rb = (((v & 0x00ff00ff) * inv + 0x00800080) >>> 8) & 0x00ff00ff;
        const ag = ((((v >>> 8) & 0x00ff00ff) * inv + 0x00800080) >>> 8) & 0x00ff00ff;
        const out = u + ((rb | (ag << 8)) >>> 0);
        buf[d] = out;
        if (out >>> 24 === 255) made++;
      }
    }
    return made;
  };

  /* The buffer's box x0..x1, y0..y1 onto the canvas (unpremultiplied, as ImageData is). */
  Marks.prototype.put = function (x0, y0, x1, y1) {
    const buf = this.buf, out = this.out, w = this.img.width;
    for (let y = y0; y < y1; y++) for (let d = y * w + x0, end = y * w + x1; d < end; d++) out[d] = unpremultiply(buf[d]);
    this.canvas._container.getContext("2d").putImageData(this.img, 0, 0, x0, y0, x1 - x0, y1 - y0);
  };

  Marks.prototype.drawAll = function () {
    this.dirty.length = 0;
    if (!this.cellItems || !this.img) return;
    const w = this.img.width, h = this.img.height;
    this.buf.fill(0);
    this.drawPlaces(null, 0, this.x.length, 0, 0, w, h);
    this.put(0, 0, w, h);
  };

  /* Redraw what changed since the last draw: around each changed place, the box its old
     and new sprites reach, composited from scratch from every place whose sprites reach
     into it (found in the grid's cells), then put on the canvas; many changes redraw all. */
  Marks.prototype.flush = function () {
    if (!this.dirty.length || !this.cellItems || !this.img) return;
    const dirty = this.dirty, w = this.img.width, h = this.img.height;
    let area = 0;
    for (let j = 1; j < dirty.length; j += 2) area += 4 * dirty[j] * dirty[j];
    if (area > FULL_SHARE * w * h) { this.drawAll(); return; }
    for (let j = 0; j < dirty.length; j += 2) {
      const i = dirty[j], reach = dirty[j + 1], x = Math.round(this.x[i]), y = Math.round(this.y[i]);
      const x0 = Math.max(0, x - reach), x1 = Math.min(w, x + reach), y0 = Math.max(0, y - reach), y1 = Math.min(h, y + reach);
      if (x0 >= x1 || y0 >= y1) continue;
      const near = this.near(x0, y0, x1, y1);
      for (let r = y0; r < y1; r++) this.buf.fill(0, r * w + x0, r * w + x1);
      this.drawPlaces(near, 0, near.length, x0, y0, x1, y1);
      this.put(x0, y0, x1, y1);
    }
    dirty.length = 0;
  };

  /* The places whose sprites can reach into the box x0..x1, y0..y1 (from the cells of
     points around it), in order (a view reused by the next call). */
  Marks.prototype.near = function (x0, y0, x1, y1) {
    const g = this.g, out = this.nearBuf, reach = Math.ceil(REACH * this.dpr) + 1;
    const c0 = Math.max(0, Math.floor((x0 - reach) / g)), c1 = Math.min(this.cols - 1, Math.floor((x1 + reach) / g));
    const r0 = Math.max(0, Math.floor((y0 - reach) / g)), r1 = Math.min(this.rows - 1, Math.floor((y1 + reach) / g));
    let n = 0;
    for (let r = r0; r <= r1; r++) {
      for (let j = this.pointStart[r * this.cols + c0], end = this.pointStart[r * this.cols + c1 + 1]; j < end; j++) {
        const i = this.pointItems[j];
        if (this.x[i] + reach >= x0 && this.x[i] - reach < x1 && this.y[i] + reach >= y0 && this.y[i] - reach < y1) out[n++] = i;
      }
    }
    return out.subarray(0, n).sort();
  };

  /* What place i's marker shows on the canvas: the fill of the sprite it was drawn with. */
  Marks.prototype.shows = function (i) {
    const k = this.look[i];
    return k === NONE ? { fill: null, shown: false } : { fill: this.sprites[k].style.fillColor, shown: true };
  };

  FL.Marks = Marks; Marks.NONE = NONE;
})(window.FrontlineParts);
