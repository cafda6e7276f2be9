// Occupied area over time (line) and daily gains/losses (bars), linked to the slider: a cursor
// marks the chosen date, and a click or drag on the chart picks a date. Plain SVG: a chart
// library would weigh more than this file.
import { verdictColour } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs = {}) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

export class AreaChart {
  constructor(container, onPick) {
    this.container = container;
    this.onPick = onPick;
    this.tip = document.createElement('div');
    this.tip.className = 'chart-tip';
    this.tip.hidden = true;
    container.append(this.tip);
    new ResizeObserver(() => this.draw()).observe(container);
  }

  setData(snapshots, layer = 'occupied') {
    this.dates = snapshots.map((s) => s.date);
    this.area = snapshots.map((s) => (s.layers[layer] || {}).area_km2 ?? null);
    this.gained = snapshots.map((s) => (s.layers[layer] || {}).gained_km2 ?? 0);
    this.lost = snapshots.map((s) => (s.layers[layer] || {}).lost_km2 ?? 0);
    this.draw();
  }

  setClaims(claims) { this.claims = claims; this.draw(); }

  setCursor(index) { this.index = index; this.placeCursor(); }

  draw() {
    if (!this.dates || !this.dates.length) return;
    const width = this.container.clientWidth || 600;
    const height = this.container.clientHeight || 150;
    const pad = { left: 84, right: 10, top: 8, bottom: 18 };
    const n = this.dates.length;
    const x = (i) => pad.left + (n === 1 ? 0 : (i / (n - 1)) * (width - pad.left - pad.right));
    const areaTop = pad.top, areaBottom = pad.top + (height - pad.top - pad.bottom) * 0.6;
    const barMid = areaBottom + (height - pad.bottom - areaBottom) / 2 + 4;
    const barHalf = (height - pad.bottom - areaBottom) / 2 - 4;
    const values = this.area.filter((v) => v !== null);
    const lo = Math.min(...values), hi = Math.max(...values);
    const span = hi - lo || 1;
    const y = (v) => areaBottom - ((v - lo) / span) * (areaBottom - areaTop);
    const peak = Math.max(1, ...this.gained, ...this.lost);
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none' });
    for (const v of [lo, (lo + hi) / 2, hi]) {
      root.append(svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
      const label = svg('text', { class: 'axis', x: pad.left - 6, y: y(v) + 3, 'text-anchor': 'end' });
      label.textContent = `${Math.round(v).toLocaleString('en-GB')} km²`;
      root.append(label);
    }
    const gainsLabel = svg('text', { class: 'axis', x: pad.left - 6, y: barMid + 3, 'text-anchor': 'end' });
    gainsLabel.textContent = `±${Math.round(peak)} km²/d`;
    root.append(gainsLabel);
    let path = '';
    this.area.forEach((v, i) => { if (v !== null) path += `${path ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`; });
    root.append(svg('path', { class: 'area-fill', d: `${path}L${x(n - 1)},${areaBottom}L${x(0)},${areaBottom}Z` }));
    root.append(svg('path', { class: 'area-line', d: path }));
    const barWidth = Math.max(1, (width - pad.left - pad.right) / n - 0.5);
    this.gained.forEach((g, i) => {
      const hg = (g / peak) * barHalf, hl = (this.lost[i] / peak) * barHalf;
      if (hg > 0.3) root.append(svg('rect', { class: 'bar-gain', x: x(i) - barWidth / 2, y: barMid - hg, width: barWidth, height: hg }));
      if (hl > 0.3) root.append(svg('rect', { class: 'bar-loss', x: x(i) - barWidth / 2, y: barMid, width: barWidth, height: hl }));
    });
    let lastMonth = '';
    this.dates.forEach((d, i) => {
      const month = d.slice(0, 7);
      if (month !== lastMonth && (d.slice(5, 7) === '01' || d.slice(5, 7) === '07' || i === 0)) {
        const t = svg('text', { class: 'axis', x: x(i), y: height - 4, 'text-anchor': 'middle' });
        t.textContent = month;
        root.append(t);
      }
      lastMonth = month;
    });
    for (const claim of this.claims || []) {
      const i = this.indexOf(claim.claim_date);
      if (i === null || !claim.verdict) continue;
      root.append(svg('line', { class: 'claim-tick', x1: x(i), x2: x(i), y1: areaTop, y2: areaTop + 7,
        stroke: verdictColour(claim.verdict.verdict) }));
    }
    this.cursor = svg('line', { class: 'cursor', y1: areaTop, y2: height - pad.bottom });
    root.append(this.cursor);
    this.x = x;
    this.indexAt = (px) => Math.max(0, Math.min(n - 1, Math.round(((px - pad.left) / (width - pad.left - pad.right)) * (n - 1))));
    let dragging = false;
    const pick = (event) => {
      const rect = root.getBoundingClientRect();
      this.onPick(this.indexAt(((event.clientX - rect.left) / rect.width) * width));
    };
    root.addEventListener('pointerdown', (e) => { dragging = true; pick(e); });
    root.addEventListener('pointerup', () => { dragging = false; });
    root.addEventListener('pointerleave', () => { dragging = false; this.tip.hidden = true; });
    root.addEventListener('pointermove', (e) => {
      if (dragging) pick(e);
      const rect = root.getBoundingClientRect();
      const i = this.indexAt(((e.clientX - rect.left) / rect.width) * width);
      this.tip.hidden = false;
      this.tip.textContent = `${this.dates[i]} · ${Math.round(this.area[i] ?? 0).toLocaleString('en-GB')} km² · +${this.gained[i].toFixed(1)} / −${this.lost[i].toFixed(1)} km²`;
      this.tip.style.left = `${Math.min(e.clientX - rect.left + 10, rect.width - 260)}px`;
      this.tip.style.top = '4px';
    });
    this.container.querySelector('svg')?.remove();
    this.container.prepend(root);
    this.placeCursor();
  }

  indexOf(date) {
    if (!date || !this.dates) return null;
    let lo = 0, hi = this.dates.length - 1;
    if (date < this.dates[0] || date > this.dates[hi]) return null;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (this.dates[mid] <= date) lo = mid; else hi = mid - 1; }
    return lo;
  }

  placeCursor() {
    if (!this.cursor || this.index === undefined) return;
    const px = this.x(this.index);
    this.cursor.setAttribute('x1', px);
    this.cursor.setAttribute('x2', px);
  }
}
