// The occupied layer as grid cells (see frontcheck/web/cells.py). The first request for a zoom
// level fetches every cell; each later date fetches only the cells that differ from the date
// drawn (?base=), and the layers of those cells alone are replaced on the map.
import { getJSON } from './api.js';

const RAW_ZOOM = 13;
const MIN_ZOOM = 3;

export function zoomLevel(zoom) {
  if (zoom >= RAW_ZOOM) return null;
  return Math.max(Math.round(zoom), MIN_ZOOM);
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
    this.bytes = 0;
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
        const params = new URLSearchParams();
        if (level !== null) params.set('zoom', level);
        if (!fresh) params.set('base', this.date);
        const data = await getJSON(`/api/snapshots/${date}/cells?${params}`);
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
    const params = new URLSearchParams({ base: this.date });
    if (this.level !== null) params.set('zoom', this.level);
    getJSON(`/api/snapshots/${date}/cells?${params}`).catch(() => {});
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
      const layers = state === 'full' ? [this.rectangle(feature.id, grid)] : this.piece(feature.geometry);
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

  piece(geometry) {
    const layers = [];
    for (const part of geometry.geometries) {
      const style = part.type.endsWith('Polygon') ? this.fillStyle : this.lineStyle;
      layers.push(L.geoJSON(part, style));
    }
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
