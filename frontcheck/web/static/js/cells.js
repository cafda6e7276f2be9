// The occupied layer as grid cells (see frontcheck/web/cells.py). The first request for a zoom
// level fetches every cell; each later date fetches only the cells that differ from the date
// drawn (?base=), and the layers of those cells alone are replaced on the map.
import { getJSON, isCached } from './api.js';

const RAW_ZOOM = 13;
const MIN_ZOOM = 3;

export function zoomLevel(zoom) {
  if (zoom >= RAW_ZOOM) return null;
  return Math.max(Math.round(zoom), MIN_ZOOM);
}

// The one place a cells URL is built: the step and the prefetch must ask the same URL, or the
// prefetched answer (cached by URL) is never used. Parameters in a fixed order.
export function cellsUrl(date, level, base) {
  const params = new URLSearchParams();
  if (base) params.set('base', base);
  if (level !== null && level !== undefined) params.set('zoom', level);
  const text = params.toString();
  return `/api/snapshots/${date}/cells${text ? `?${text}` : ''}`;
}

export class CellLayer {
  constructor(map, { fillColour, lineColour }) {
    this.map = map;
    map.createPane('occupied').style.zIndex = 410;
    map.getPane('occupied').style.opacity = '0.42';   // opaque fills in a translucent pane: no seams
    map.createPane('front').style.zIndex = 415;
    this.fillRenderer = L.canvas({ pane: 'occupied', padding: 0.3 });
    this.lineRenderer = L.canvas({ pane: 'front', padding: 0.3 });
    this.fillStyle = { stroke: false, fill: true, fillColor: fillColour, fillOpacity: 1,
      renderer: this.fillRenderer, interactive: false };
    this.lineStyle = { color: lineColour, weight: 1.6, opacity: 0.9, renderer: this.lineRenderer,
      interactive: false };
    this.cells = new Map();    // cell key -> {layers: [...], state}
    this.date = null;
    this.level = undefined;
    this.wanted = null;
    this.busy = false;
    this.steps = 0;            // requests the slider made, and how many the prefetch had answered
    this.hits = 0;
    this.listeners = [];
  }

  onDrawn(listener) { this.listeners.push(listener); }

  // Ask for a date; requests are made one at a time, always from the date drawn to the latest
  // date asked for, so dragging the slider never queues up stale steps.
  show(date) {
    this.wanted = date;
    if (!this.busy) this.run();
  }

  async run() {
    this.busy = true;
    try {
      while (this.wanted && (this.wanted !== this.date || zoomLevel(this.map.getZoom()) !== this.level)) {
        const date = this.wanted;
        const level = zoomLevel(this.map.getZoom());
        const fresh = level !== this.level || !this.date;
        const url = cellsUrl(date, level, fresh ? null : this.date);
        this.steps += 1;
        if (isCached(url)) this.hits += 1;
        const data = await getJSON(url);
        if (fresh) this.clear();
        this.apply(data);
        this.date = date;
        this.level = level;
        this.listeners.forEach((f) => f(date));
      }
    } finally {
      this.busy = false;
    }
  }

  prefetch(date) {
    if (!this.date || date === this.date) return;
    getJSON(cellsUrl(date, this.level, this.date)).catch(() => {});
  }

  clear() {
    for (const cell of this.cells.values()) cell.layers.forEach((l) => l.remove());
    this.cells.clear();
  }

  apply(collection) {
    const grid = collection.grid;
    for (const feature of collection.features) {
      const old = this.cells.get(feature.id);
      if (old) old.layers.forEach((l) => l.remove());
      this.cells.delete(feature.id);
      const state = feature.properties.state;
      if (state === 'empty') continue;
      const layers = state === 'full' ? [this.rectangle(feature.id, grid)]
        : this.piece(feature.id, feature.geometry, grid, collection.decimals);
      layers.forEach((l) => l.addTo(this.map));
      this.cells.set(feature.id, { layers, state });
    }
  }

  rectangle(key, grid) {
    const [i, j] = key.split(':').map(Number);
    const m = grid.margin;
    return L.rectangle([[j * grid.dlat - m, i * grid.dlon - m],
      [(j + 1) * grid.dlat + m, (i + 1) * grid.dlon + m]], this.fillStyle);
  }

  piece(key, geometry, grid, decimals) {
    const layers = [L.geoJSON(geometry, this.fillStyle)];
    const lines = frontLines(geometry, cellBounds(key, grid), grid.margin, decimals);
    if (lines.length) layers.push(L.polyline(lines, this.lineStyle));
    return layers;
  }

  // A number that changes whenever the drawn geometry does (for tests and the status line).
  signature() {
    let total = 0;
    for (const [key, cell] of this.cells) {
      total += cell.state === 'full' ? key.length : 0;
      for (const layer of cell.layers) {
        layer.eachLayer?.((l) => {
          const b = l.getBounds?.();
          if (b) total += b.getNorth() + b.getEast() * 3 + b.getSouth() * 7 + b.getWest() * 11;
        });
      }
    }
    return Math.round(total * 1e4) / 1e4;
  }
}

function cellBounds(key, grid) {
  const [i, j] = key.split(':').map(Number);
  return [i * grid.dlon, j * grid.dlat, (i + 1) * grid.dlon, (j + 1) * grid.dlat];
}

// The front line of a cell: its piece's outline without the edges the server's cut made (those
// on the rectangle enlarged by the margin), clipped to the cell itself, as [lat, lon] lines.
export function frontLines(geometry, [x0, y0, x1, y1], margin, decimals) {
  const eps = 0.6 * 10 ** -decimals;   // coordinates come rounded to `decimals` places
  const near = (a, b) => Math.abs(a - b) < eps;
  const cut = [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
  const onCut = (a, b) => (near(a[0], cut[0]) && near(b[0], cut[0])) || (near(a[0], cut[2]) && near(b[0], cut[2]))
    || (near(a[1], cut[1]) && near(b[1], cut[1])) || (near(a[1], cut[3]) && near(b[1], cut[3]));
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const lines = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let current = null;
      for (let k = 0; k + 1 < ring.length; k += 1) {
        const segment = onCut(ring[k], ring[k + 1]) ? null : clipSegment(ring[k], ring[k + 1], x0, y0, x1, y1);
        if (!segment) { current = null; continue; }
        const last = current && current[current.length - 1];
        if (last && last[0] === segment[0][0] && last[1] === segment[0][1]) current.push(segment[1]);
        else { current = [segment[0], segment[1]]; lines.push(current); }
      }
    }
  }
  return lines.map((line) => line.map(([x, y]) => [y, x]));
}

// Liang–Barsky: the part of segment a–b inside the rectangle, or null.
function clipSegment(a, b, x0, y0, x1, y1) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const p = [-dx, dx, -dy, dy], q = [a[0] - x0, x1 - a[0], a[1] - y0, y1 - a[1]];
  let t0 = 0, t1 = 1;
  for (let k = 0; k < 4; k += 1) {
    if (p[k] === 0) { if (q[k] < 0) return null; continue; }
    const t = q[k] / p[k];
    if (p[k] < 0) { if (t > t1) return null; if (t > t0) t0 = t; } else { if (t < t0) return null; if (t < t1) t1 = t; }
  }
  const at = (t) => (t === 0 ? a : t === 1 ? b : [a[0] + t * dx, a[1] + t * dy]);
  return [at(t0), at(t1)];
}
