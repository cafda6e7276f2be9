// Claimed against mapped control over time (/api/control/claimed-series): for each claimant,
// the km² its claims put under Russia that the tracker does not map so, and the km² the tracker
// maps so that it had not (yet) claimed; a chart and the same numbers as a table. The main map
// draws the claimed ground of the slider's date (claimed_layer.js).
import { el, getJSON, query } from '../api.js';
import { recordTable } from '../views.js';
import { km2, wrapped } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const ALL = '(all claimants)';
const SERIES = [['claimed_not_mapped_km2', 'claimed, not mapped', 'claimed-not-mapped'],
  ['mapped_not_claimed_km2', 'mapped, not yet claimed', 'mapped-not-claimed'],
  ['claimed_km2', 'claimed in all', 'claimed-total']];

function svg(tag, attrs = {}, text = '') {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// Plain SVG, as chart.js: a few lines and labels.
function chart(rows, claimant) {
  const width = 720, height = 220, pad = { left: 70, right: 12, top: 12, bottom: 24 };
  const peak = Math.max(1, ...rows.flatMap((r) => SERIES.map(([key]) => r[key])));
  const x = (i) => pad.left + (rows.length < 2 ? 0 : (i / (rows.length - 1)) * (width - pad.left - pad.right));
  const y = (v) => height - pad.bottom - (v / peak) * (height - pad.top - pad.bottom);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'claimed-chart', role: 'img',
    'aria-label': `Claimed against mapped control for ${claimant}, ${rows[0].on} to ${rows[rows.length - 1].on}; the table below gives the numbers` });
  for (const v of [0, peak / 2, peak]) {
    root.append(svg('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
    root.append(svg('text', { class: 'axis', x: pad.left - 6, y: y(v) + 3, 'text-anchor': 'end' }, km2(v)));
  }
  [0, rows.length - 1].forEach((i) => root.append(svg('text', { class: 'axis', x: x(i), y: height - 6,
    'text-anchor': i ? 'end' : 'start' }, rows[i].on)));
  for (const [key, , cls] of SERIES) {
    const d = rows.map((r, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(r[key]).toFixed(1)}`).join('');
    root.append(svg('path', { class: `series ${cls}`, d }));
  }
  return root;
}

function legend() {
  return el('p', { class: 'claimed-legend' }, ...SERIES.map(([, text, cls]) =>
    el('span', {}, el('span', { class: `swatch-line ${cls}` }), ` ${text} `)));
}

function seriesTable(rows) {
  const table = el('table', { class: 'records', id: 'claimed-series' });
  recordTable(table, [['Date', (r) => r.on, 'nowrap'], ['Map of', (r) => r.snapshot_date, 'nowrap'],
    ['Claimed', (r) => km2(r.claimed_km2), 'num'], ['Claimed, not mapped', (r) => km2(r.claimed_not_mapped_km2), 'num'],
    ['Mapped, not yet claimed', (r) => km2(r.mapped_not_claimed_km2), 'num'],
    ['Outside coverage', (r) => km2(r.claimed_outside_coverage_km2), 'num'],
    ['Places claimed', (r) => r.places.filter((p) => p.claimed).map((p) => p.name).join(', ') || '–']], rows);
  return table;
}

async function defaults() {
  const [claims, snapshots] = await Promise.all([getJSON('/api/claims?type=territorial&limit=10000'), getJSON('/api/snapshots?limit=10000')]);
  const dates = claims.map((c) => c.claim_date).filter(Boolean).sort();
  if (!dates.length || !snapshots.length) return null;
  const first = dates[0] > snapshots[0].date ? dates[0] : snapshots[0].date;
  const last = dates[dates.length - 1] < snapshots[snapshots.length - 1].date ? dates[dates.length - 1] : snapshots[snapshots.length - 1].date;
  const days = Math.max(0, (Date.parse(last) - Date.parse(first)) / 86400000);
  return { from: first, to: last < first ? first : last, step: Math.max(7, Math.ceil(days / 12)) };
}

export const claimed = {
  id: 'claimed', title: 'Claimed vs mapped', free: true,
  about: 'Ground the claims made by a date put under Russian control against the tracker\u2019s map of that date, per claimant: claimed but not mapped, mapped but not yet claimed. The Map view draws the claimed ground of the slider\u2019s date (Claimed control, in the date card).',
  async load(node) {
    const range = await defaults();
    if (!range) {
      node.replaceChildren(el('p', { class: 'muted' }, 'No dated territorial claims or no snapshots in the store.'));
      return node;
    }
    const field = (label, name, type, value, extra = {}) => el('label', {}, label, el('input', { name, type, value, required: true, ...extra }));
    const who = el('select', { name: 'claimant' }, el('option', { value: ALL }, ALL));
    const formNode = el('form', { class: 'filters product-form', id: 'claimed-form' },
      field('From', 'from', 'date', range.from), field('To', 'to', 'date', range.to),
      field('Every (days)', 'step', 'number', range.step, { min: 1, max: 366 }),
      el('label', {}, 'Claimant', who), el('button', { type: 'submit' }, 'Draw'));
    const status = el('p', { class: 'muted', role: 'status', id: 'claimed-status' });
    const out = el('div', { class: 'product-detail', id: 'claimed-detail' });
    let records = [];
    const draw = () => {
      const rows = records.filter((r) => r.claimant === who.value);
      out.replaceChildren(...(rows.length ? [chart(rows, who.value), legend(), wrapped(seriesTable(rows), `Claimed against mapped by date: ${who.value}`)]
        : [el('p', { class: 'muted' }, 'No dates.')]));
      out.dataset.claimant = who.value;
    };
    const fetchSeries = async () => {
      const data = new FormData(formNode);
      status.textContent = 'Comparing claims with the map on each date…';
      records = await getJSON(`/api/control/claimed-series${query({ from: data.get('from'), to: data.get('to'), step: data.get('step') })}`);
      const names = [...new Set(records.map((r) => r.claimant))];
      const keep = names.includes(who.value) ? who.value : ALL;
      who.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
      who.value = keep;
      const dates = new Set(records.map((r) => r.on)).size;
      status.textContent = `${dates} date${dates === 1 ? '' : 's'}, ${names.length - 1} claimant${names.length === 2 ? '' : 's'}.`;
      draw();
    };
    formNode.addEventListener('submit', (e) => { e.preventDefault(); fetchSeries().catch((error) => { status.textContent = String(error.message || error); }); });
    who.addEventListener('change', () => { if (records.length) draw(); });
    node.replaceChildren(formNode, status, out);
    await fetchSeries();
    node.dataset.series = `${records.length}`;
    return node;
  },
};
