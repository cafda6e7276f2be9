// Orientation when zoomed in (issue 15): the shipped rivers beneath the occupied layer, and the
// gazetteer's settlements in view as small labelled dots (cities from zoom 8, towns from 9,
// villages from 10, as /api/basemap/places gives them), both toggled in the layer control.
import { getJSON } from './api.js';

export const RIVER_ZOOM = 7;
export const PLACE_ZOOM = 8;
const PLACE_LIMIT = 400;
const LAYERS_KEY = 'frontcheck.layers';
const MAX_SPAN_DEG = 24;    // the API takes boxes up to 25 degrees a side

// The view's box snapped outward to the zoom's tile size, so that a small pan asks the same
// URL again (answered from the page's cache, or by the server's ETag).
function snappedBox(map) {
  const b = map.getBounds();
  const step = 360 / 2 ** Math.round(map.getZoom());
  const out = (v, f) => Number((f(v / step) * step).toFixed(5));
  const c = b.getCenter();
  const half = (lo, hi, mid) => [Math.max(lo, mid - MAX_SPAN_DEG / 2), Math.min(hi, mid + MAX_SPAN_DEG / 2)];
  const [west, east] = half(Math.max(b.getWest(), -180), Math.min(b.getEast(), 180), c.lng);
  const [south, north] = half(Math.max(b.getSouth(), -85), Math.min(b.getNorth(), 85), c.lat);
  return [out(west, Math.floor), out(south, Math.floor), out(east, Math.ceil), out(north, Math.ceil)];
}

// Label widths measured in the labels' own font (app.css: .village-label), not guessed.
const measure = document.createElement('canvas').getContext('2d');
function textWidth(text, town) {
  measure.font = `${town ? '11px' : '10.5px'} "DejaVu Sans", "Liberation Sans", system-ui, sans-serif`;
  return measure.measureText(text).width;
}

function overlaps(a, boxes) {
  return boxes.some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h);
}

export class OrientationLayers {
  // `taken()` gives the screen boxes and ids of the town labels already drawn (map.js), which
  // the villages keep clear of.
  constructor(map, taken) {
    this.map = map;
    this.taken = taken;
    map.createPane('rivers').style.zIndex = 300;      // above the outlines, beneath the occupied layer (410)
    map.createPane('villages').style.zIndex = 424;    // dots above the occupied layer and the border
    this.rivers = L.geoJSON(null, {
      pane: 'rivers', interactive: false, attribution: 'Rivers: WDB II via GSHHG (LGPL-3)',
      style: { color: '#4a86b8', weight: 1.4, opacity: 0.9, className: 'river-line' },
    });
    this.villages = L.layerGroup();
    this.request = 0;
    const saved = JSON.parse(localStorage.getItem(LAYERS_KEY) || '{}');
    this.control = L.control.layers(null, { Rivers: this.rivers, 'Villages and towns': this.villages },
      { position: 'topleft', collapsed: true }).addTo(map);
    if (saved.rivers !== false) this.rivers.addTo(map);
    if (saved.villages !== false) this.villages.addTo(map);
    map.on('overlayadd overlayremove', () => {
      localStorage.setItem(LAYERS_KEY, JSON.stringify({ rivers: map.hasLayer(this.rivers),
        villages: map.hasLayer(this.villages) }));
      this.update();
    });
    let timer = null;
    map.on('moveend', () => { clearTimeout(timer); timer = setTimeout(() => this.update(), 120); });
    // labels placed apart at one zoom crowd at the next: gone until the new zoom's are placed
    map.on('zoomstart', () => { this.request += 1; this.villages.clearLayers(); });
  }

  async drawRivers() {
    this.rivers.addData(await getJSON('/api/basemap/rivers'));
    this.update();
  }

  // A move cut short (a fly interrupted by a resize or a pan) ends at a fractional zoom; labels
  // are placed, and the API asked, for whole zoom levels only.
  update() {
    const zoom = Math.round(this.map.getZoom());
    this.map.getPane('rivers').style.display = zoom >= RIVER_ZOOM ? '' : 'none';
    this.updateVillages(zoom).catch((error) => console.warn(error));
  }

  // Fetched for the snapped box; an answer that arrives after a newer request is dropped
  // rather than the request aborted (an aborted fetch is a failed request in the log).
  async updateVillages(zoom) {
    const request = ++this.request;
    if (!this.map.hasLayer(this.villages) || zoom < PLACE_ZOOM) {
      this.villages.clearLayers();
      document.body.dataset.villages = 0;
      return;
    }
    const box = snappedBox(this.map);
    const places = await getJSON(`/api/basemap/places?bbox=${box.join(',')}&zoom=${zoom}&limit=${PLACE_LIMIT}`);
    if (request !== this.request) return;
    this.draw(places);
  }

  // Most prominent first (the API's order); a label that would overlap one already placed,
  // or a town label, is left out, so the map never turns into a carpet of names.
  draw(places) {
    this.villages.clearLayers();
    const { boxes, ids } = this.taken();
    const placed = boxes.slice();
    const size = this.map.getSize();
    let count = 0;
    for (const place of places) {
      if (ids.has(place.id)) continue;
      const p = this.map.latLngToContainerPoint([place.lat, place.lon]);
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
      const town = place.feature_class === 'city' || place.feature_class === 'settlement';
      const label = { x: p.x - 4, y: p.y - 8, w: 12 + textWidth(place.name, town), h: 16 };
      if (overlaps(label, placed)) continue;
      placed.push(label);
      count += 1;
      L.circleMarker([place.lat, place.lon], { pane: 'villages', interactive: false, radius: town ? 2.6 : 2,
        color: '#37474f', weight: 1, fillColor: town ? '#fff' : '#cfd8dc', fillOpacity: 1,
        className: `village-dot place-${place.feature_class}` })
        .bindTooltip(place.name, { permanent: true, direction: 'right', offset: [3, 0],
          className: `village-label${town ? ' town' : ''}` })
        .addTo(this.villages);
    }
    document.body.dataset.villages = count;
    document.body.dataset.villagesZoom = Math.round(this.map.getZoom());
  }
}
