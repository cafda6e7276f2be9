// The Leaflet map: shipped outlines (no tiles unless a tile URL is set), town labels, the
// occupied layer (cells.js), the gains/losses overlay, and claims as markers by verdict.
import { getJSON, verdictColour, VERDICTS, el } from './api.js';
import { CellLayer } from './cells.js';

export class WorkMap {
  constructor(element, settings) {
    this.map = L.map(element, { zoomSnap: 1, minZoom: 4, maxZoom: 15, worldCopyJump: false,
      attributionControl: true });
    this.map.attributionControl.setPrefix('Leaflet');
    this.map.fitBounds([[44.3, 22.1], [52.4, 40.3]]);
    for (const [name, z] of [['basemap', 200], ['outline', 420], ['changes', 430], ['claims', 620]]) {
      this.map.createPane(name).style.zIndex = z;
    }
    this.occupied = new CellLayer(this.map, { fillColour: '#b3261e', lineColour: '#7f1710' });
    this.changes = L.geoJSON(null, { pane: 'changes', renderer: L.canvas({ pane: 'changes' }),
      interactive: false,
      style: (f) => (f.properties.kind === 'gained'
        ? { color: '#ff1f1f', weight: 1.5, fillColor: '#ff3d3d', fillOpacity: 0.75 }
        : { color: '#0a5bd6', weight: 1.5, fillColor: '#2f86ff', fillOpacity: 0.75 }) }).addTo(this.map);
    this.claims = L.layerGroup().addTo(this.map);
    this.labels = L.layerGroup().addTo(this.map);
    this.claimRenderer = L.svg({ pane: 'claims' });
    this.markers = new Map();
    this.settings = settings;
    this.map.on('zoomend', () => this.updateLabels());
  }

  async drawBasemap() {
    const data = await getJSON('/api/basemap');
    const tiles = Boolean(this.settings.tileUrl);
    if (tiles) {
      L.tileLayer(this.settings.tileUrl, { maxZoom: 18, attribution: 'tiles: as configured' }).addTo(this.map);
    }
    const style = {
      sea: { stroke: false, fillColor: '#a9c6dd', fillOpacity: tiles ? 0 : 1 },
      neighbour: { color: '#b9c0c7', weight: 0.8, fillColor: '#e4e2dc', fillOpacity: tiles ? 0 : 1 },
      oblast: { color: '#a7adb3', weight: 0.7, fillColor: '#fbfaf6', fillOpacity: tiles ? 0 : 1 },
      border: { color: '#39424c', weight: 1.8, fill: false },
    };
    const order = ['sea', 'neighbour', 'oblast'];
    const base = (kinds, pane) => L.geoJSON(
      { type: 'FeatureCollection', features: data.features.filter((f) => kinds.includes(f.properties.kind)) },
      { pane, interactive: false, style: (f) => style[f.properties.kind] });
    base(order, 'basemap').addTo(this.map);
    base(['border'], 'outline').addTo(this.map);
  }

  async drawLabels() {
    this.towns = await getJSON('/api/places?min_population=20000&limit=600');
    this.updateLabels();
  }

  updateLabels() {
    if (!this.towns) return;
    this.labels.clearLayers();
    if (!this.settings.showLabels) return;
    const zoom = this.map.getZoom();
    const floor = zoom <= 5 ? 700000 : zoom === 6 ? 200000 : zoom === 7 ? 80000 : zoom === 8 ? 40000 : 20000;
    const placed = [];   // largest first; a town too close on screen to a larger one is skipped
    for (const town of this.towns) {
      if ((town.population || 0) < floor) continue;
      const p = this.map.latLngToContainerPoint([town.lat, town.lon]);
      if (placed.some((q) => Math.abs(q.x - p.x) < 80 && Math.abs(q.y - p.y) < 18)) continue;
      placed.push(p);
      L.circleMarker([town.lat, town.lon], { radius: 2.5, color: '#263238', weight: 1, fillColor: '#fff',
        fillOpacity: 1, interactive: false, pane: 'outline' })
        .bindTooltip(town.name, { permanent: true, direction: 'right', className: 'town-label', offset: [4, 0] })
        .addTo(this.labels);
    }
  }

  async showChanges(url) {
    this.changes.clearLayers();
    if (!url) return null;
    const data = await getJSON(url);
    this.changes.addData(data.features.filter((f) => f.geometry));
    return data;
  }

  setClaims(claims, onClick) {
    this.claims.clearLayers();
    this.markers.clear();
    if (!this.settings.showClaims) return;
    const seen = new Map();   // claims about one place are set around it, not on top of each other
    for (const claim of claims) {
      const place = claim.place;
      if (!place || place.lat === null || place.lon === null) continue;
      const kind = claim.verdict ? claim.verdict.verdict : 'pending';
      const n = seen.get(place.id) || 0;
      seen.set(place.id, n + 1);
      const angle = n * 2.4, offset = n ? 0.012 * Math.sqrt(n) : 0;
      const marker = L.circleMarker([place.lat + offset * Math.sin(angle), place.lon + offset * 1.5 * Math.cos(angle)], {
        renderer: this.claimRenderer, pane: 'claims', radius: 8, weight: 2, color: '#ffffff',
        fillColor: verdictColour(kind), fillOpacity: 0.95,
        className: `claim-marker claim-${claim.id} verdict-${kind}`,
      });
      marker.bindTooltip(`${claim.id} · ${place.name || place.mention} · ${kind.replace('_', ' ')}`);
      marker.on('click', () => onClick(claim));
      marker.addTo(this.claims);
      this.markers.set(claim.id, marker);
    }
  }

  flyTo(lat, lon, zoom = 11) { this.map.flyTo([lat, lon], zoom, { duration: 0.8 }); }
}

export function drawLegend(container) {
  container.replaceChildren(
    el('div', {}, el('span', { class: 'swatch', style: 'background:rgba(179,38,30,.45)' }), 'occupied'),
    el('div', {}, el('span', { class: 'swatch', style: 'background:#ff3d3d' }), 'gained (Russia)'),
    el('div', {}, el('span', { class: 'swatch', style: 'background:#2f86ff' }), 'lost (Russia)'),
    ...VERDICTS.slice(0, 6).map((kind) => el('div', {},
      el('span', { class: 'dot', style: `background:${verdictColour(kind)}` }), kind.replace('_', ' '))),
  );
}
