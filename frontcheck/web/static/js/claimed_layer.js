// The claimed-control layer of the main map: for the slider's date, the ground the claims made
// by then put under Russian control (all claimants), the part of it the tracker does not map
// so, and the ground the tracker maps that the claimants had not yet claimed
// (/api/control/claimed?on=D). SVG paths, so each shape is an element with its kind as class.
import { el, getJSON } from './api.js';
import { km2 } from './pages/format.js';

const STYLE = {
  claimed: { color: '#e65100', weight: 1.5, dashArray: '4 3', fillColor: '#ff9800', fillOpacity: 0.12 },
  claimed_not_mapped: { color: '#e65100', weight: 2, fillColor: '#ff6d00', fillOpacity: 0.55 },
  mapped_not_claimed: { color: '#4a148c', weight: 2, fillColor: '#8e24aa', fillOpacity: 0.5 },
};

export class ClaimedLayer {
  constructor(map, figures) {
    this.map = map;
    this.figures = figures;
    this.layer = L.geoJSON(null, { pane: 'changes', interactive: false,
      style: (f) => ({ ...STYLE[f.properties.kind], className: `claimed-layer claimed-${f.properties.kind}` }) });
    this.wanted = null;
  }

  // fit: zoom to the claimed ground (when the layer is switched on: a few km² are a dot at
  // the country's zoom); the slider's steps keep the view.
  async show(date, fit = false) {
    this.wanted = date;
    const records = await getJSON(`/api/control/claimed?on=${date}`);
    if (this.wanted !== date) return;          // the slider moved on meanwhile
    const all = records[0];
    this.layer.clearLayers();
    for (const kind of Object.keys(STYLE)) {
      if (all && all[kind]) this.layer.addData({ type: 'Feature', geometry: all[kind], properties: { kind } });
    }
    this.layer.addTo(this.map);
    const bounds = this.layer.getBounds();
    if (fit && bounds.isValid()) this.map.fitBounds(bounds.pad(0.6), { maxZoom: 11 });
    this.figures.replaceChildren(...(all ? [
      el('span', { class: 'claimed-key' }, el('span', { class: 'swatch claimed-swatch' }), `claimed ${km2(all.claimed_km2)}`),
      el('span', { class: 'claimed-key' }, el('span', { class: 'swatch claimed-not-mapped-swatch' }), `not mapped ${km2(all.claimed_not_mapped_km2)}`),
      el('span', { class: 'claimed-key' }, el('span', { class: 'swatch mapped-not-claimed-swatch' }), `mapped, not yet claimed ${km2(all.mapped_not_claimed_km2)}`),
      el('span', { class: 'muted' }, `(claims by ${all.on}, map of ${all.snapshot_date})`)] : []));
    document.body.dataset.claimedDrawn = date;
  }

  hide() {
    this.wanted = null;
    this.layer.clearLayers();
    this.layer.remove();
    this.figures.replaceChildren();
    delete document.body.dataset.claimedDrawn;
  }
}
