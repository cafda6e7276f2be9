// The Leaflet map: shipped outlines (no tiles unless a tile URL is set), town labels, the
// occupied layer (cells.js), the gains/losses overlay, and claims as markers by verdict.
import { getJSON, verdictColour, VERDICTS, el } from './api.js';
import { CellLayer } from './cells.js';
import { OrientationLayers, PLACE_ZOOM, RIVER_ZOOM } from './map_layers.js';

// A marker's icon as a keyboard button: named, and opened by Enter or Space (Leaflet 1.9
// makes it focusable but its own Enter-to-click does not reach a divIcon here).
function asButton(marker, label, open) {
  const icon = marker.getElement();
  icon.setAttribute('aria-label', label);
  icon.setAttribute('role', 'button');
  icon.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    open();
  });
}

const CLUSTER_ZOOM = 7;
const CLUSTER_PX = 44;

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
    this.markers = new Map();
    this.settings = settings;
    this.townLabels = { boxes: [], ids: new Set() };
    this.orientation = new OrientationLayers(this.map, () => this.townLabels);
    this.map.on('zoomend', () => { this.updateLabels(); this.drawClaims(); });
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
    await this.orientation.drawRivers();
  }

  async drawLabels() {
    this.towns = await getJSON('/api/places?min_population=20000&limit=600');
    this.updateLabels();
  }

  updateLabels() {
    if (!this.towns) return;
    this.labels.clearLayers();
    this.townLabels = { boxes: [], ids: new Set() };
    if (!this.settings.showLabels) return;
    const zoom = Math.round(this.map.getZoom());
    const floor = zoom <= 5 ? 700000 : zoom === 6 ? 200000 : zoom === 7 ? 80000 : zoom === 8 ? 40000 : 20000;
    const placed = [];   // largest first; a town too close on screen to a larger one is skipped
    for (const town of this.towns) {
      if ((town.population || 0) < floor) continue;
      const p = this.map.latLngToContainerPoint([town.lat, town.lon]);
      if (placed.some((q) => Math.abs(q.x - p.x) < 80 && Math.abs(q.y - p.y) < 18)) continue;
      placed.push(p);
      this.townLabels.boxes.push({ x: p.x - 4, y: p.y - 9, w: 14 + 7.2 * town.name.length, h: 18 });
      this.townLabels.ids.add(town.id);
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
    this.allClaims = claims;
    this.onClaim = onClick;
    this.drawClaims();
  }

  // Which claims the map shows: those dated within `days` of the map date (all when days is
  // null), so that a date's map is not buried under two years of markers.
  setPeriod(date, days) {
    this.period = { date, days };
    this.drawClaims();
  }

  visibleClaims() {
    const { date, days } = this.period || {};
    const placed = (this.allClaims || []).filter((c) => c.place && c.place.lat !== null && c.place.lon !== null);
    if (!date || days === null || days === undefined) return placed;
    const t = Date.parse(date), span = days * 86400000;
    return placed.filter((c) => c.claim_date && Math.abs(Date.parse(c.claim_date) - t) <= span);
  }

  // Markers: each a keyboard-reachable button (Leaflet gives a focused marker's Enter a click).
  // At country zoom (<= CLUSTER_ZOOM) markers closer on screen than CLUSTER_PX are drawn as one
  // cluster with their number; a cluster zooms to its claims. Hand-written (a screen grid, a
  // few lines) rather than vendoring Leaflet.markercluster for the few hundred markers here.
  drawClaims() {
    this.claims.clearLayers();
    this.markers.clear();
    if (!this.settings.showClaims || !this.allClaims) return;
    const shown = this.visibleClaims();
    document.body.dataset.claimsShown = shown.length;
    const counter = document.getElementById('claims-shown');
    if (counter) counter.textContent = `(${shown.length} of ${this.allClaims.length} shown)`;
    const zoom = this.map.getZoom();
    const groups = new Map();
    for (const claim of shown) {
      const point = this.map.project([claim.place.lat, claim.place.lon], zoom);
      const key = zoom <= CLUSTER_ZOOM ? `${Math.floor(point.x / CLUSTER_PX)}:${Math.floor(point.y / CLUSTER_PX)}` : claim.id;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(claim);
    }
    const seen = new Map();   // claims about one place are set around it, not on top of each other
    for (const group of groups.values()) {
      if (group.length > 1) { this.cluster(group); continue; }
      const claim = group[0];
      const place = claim.place;
      const kind = claim.verdict ? claim.verdict.verdict : 'pending';
      const n = seen.get(place.id) || 0;
      seen.set(place.id, n + 1);
      const angle = n * 2.4, offset = n ? 0.012 * Math.sqrt(n) : 0;
      const label = `Claim ${claim.id}: ${place.name || place.mention}, ${claim.claim_date || 'undated'}, ${kind.replace('_', ' ')}`;
      const marker = L.marker([place.lat + offset * Math.sin(angle), place.lon + offset * 1.5 * Math.cos(angle)], {
        pane: 'claims', keyboard: true, title: label, alt: label, riseOnHover: true,
        icon: L.divIcon({ className: `claim-marker claim-${claim.id} verdict-${kind}`, iconSize: [16, 16] }),
      });
      marker.on('click', () => this.onClaim(claim));
      marker.addTo(this.claims);
      asButton(marker, label, () => this.onClaim(claim));
      this.markers.set(claim.id, marker);
    }
  }

  cluster(group) {
    const lat = group.reduce((a, c) => a + c.place.lat, 0) / group.length;
    const lon = group.reduce((a, c) => a + c.place.lon, 0) / group.length;
    const counts = {};
    group.forEach((c) => { const k = c.verdict ? c.verdict.verdict : 'pending'; counts[k] = (counts[k] || 0) + 1; });
    const label = `${group.length} claims here (${Object.entries(counts).map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(', ')}): zoom in`;
    const marker = L.marker([lat, lon], {
      pane: 'claims', keyboard: true, title: label, alt: label,
      icon: L.divIcon({ className: 'claim-cluster', html: `<span>${group.length}</span>`, iconSize: [30, 30] }),
    });
    const open = () => {
      const bounds = L.latLngBounds(group.map((c) => [c.place.lat, c.place.lon]));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: Math.max(this.map.getZoom() + 2, CLUSTER_ZOOM + 1) });
    };
    marker.on('click', open);
    marker.addTo(this.claims);
    asButton(marker, label, open);
    marker.getElement().dataset.claims = group.map((c) => c.id).join(' ');
  }

  // The footprint a verdict rests on: the circle around the settlement whose occupied share
  // the verdict reads, drawn while its card is open.
  async showFootprint(placeId) {
    this.hideFootprint();
    if (!placeId) return;
    const f = await getJSON(`/api/places/${encodeURIComponent(placeId)}/footprint`);
    this.footprint = L.circle([f.lat, f.lon], { radius: f.radius_m, pane: 'changes', interactive: false,
      color: '#1f5f99', weight: 2, dashArray: '6 4', fill: true, fillOpacity: 0.06, className: 'verdict-footprint' })
      .addTo(this.map);
  }

  hideFootprint() {
    if (this.footprint) this.footprint.remove();
    this.footprint = null;
  }

  flyTo(lat, lon, zoom = 11) { this.map.flyTo([lat, lon], zoom, { duration: 0.8 }); }
}

export function drawLegend(container) {
  container.replaceChildren(
    el('div', {}, el('span', { class: 'swatch', style: 'background:rgba(179,38,30,.45)' }), 'occupied'),
    el('div', {}, el('span', { class: 'swatch', style: 'background:#ff3d3d' }), 'gained (Russia)'),
    el('div', {}, el('span', { class: 'swatch', style: 'background:#2f86ff' }), 'lost (Russia)'),
    el('div', {}, el('span', { class: 'swatch footprint-swatch' }), 'footprint read by the verdict'),
    el('div', {}, el('span', { class: 'swatch river-swatch' }), `river (from zoom ${RIVER_ZOOM})`),
    el('div', {}, el('span', { class: 'dot village-swatch' }), `village, town (from zoom ${PLACE_ZOOM})`),
    ...VERDICTS.map((kind) => el('div', {},
      el('span', { class: 'dot', style: `background:${verdictColour(kind)}` }), kind.replace('_', ' '))),
  );
}
