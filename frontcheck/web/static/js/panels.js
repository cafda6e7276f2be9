// Side panels: a claim's evidence, a settlement's control timeline, and settlement search.
import { badge, claimSummary, el, framingSign, getJSON, pct, query } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
const put = (node, ...kids) => node.replaceChildren(...kids.filter((k) => k !== null && k !== undefined && k !== false));

function shortHash(hash) {
  return hash ? el('span', { class: 'hash', title: hash }, `${hash.slice(0, 12)}…`) : '–';
}

function closeButton(card) {
  return el('button', { class: 'close', title: 'Close', 'aria-label': 'Close', onclick: () => {
    card.hidden = true;
    card.dispatchEvent(new CustomEvent('card-closed'));
  } }, '×');
}

// The footprint share around the claim date (evidence.curve), the threshold and the claim date.
function shareCurve(evidence, claimDate) {
  const curve = evidence.curve || [];
  if (curve.length < 2) return null;
  const width = 340, height = 90, left = 30, bottom = 14;
  const t = (d) => Date.parse(d);
  const t0 = t(curve[0][0]), t1 = Math.max(t(curve[curve.length - 1][0]), t(claimDate || curve[0][0]));
  const x = (d) => left + ((t(d) - t0) / ((t1 - t0) || 1)) * (width - left - 6);
  const y = (v) => 6 + (1 - v) * (height - bottom - 6);
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('class', 'spark');
  let d = '';
  curve.forEach(([day, share], i) => {
    d += i === 0 ? `M${x(day)},${y(share)}` : `H${x(day)}V${y(share)}`;   // a share holds until it changes
  });
  d += `H${x(new Date(t1).toISOString().slice(0, 10))}`;
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text) node.textContent = text;
    root.append(node);
  };
  add('line', { class: 'threshold', x1: left, x2: width, y1: y(evidence.threshold), y2: y(evidence.threshold) });
  if (claimDate) add('line', { class: 'claim', x1: x(claimDate), x2: x(claimDate), y1: 4, y2: height - bottom });
  add('path', { class: 'line', d });
  add('text', { x: 2, y: y(1) + 4 }, '100%');
  add('text', { x: 8, y: y(0) }, '0%');
  add('text', { x: left, y: height - 2 }, curve[0][0]);
  add('text', { x: width - 62, y: height - 2 }, new Date(t1).toISOString().slice(0, 10));
  return root;
}

export function showEvidence(card, claim, actions) {
  const v = claim.verdict;
  const p = claim.provenance;
  const place = claim.place || {};
  // either side of the change the verdict rests on, as the verifier dated them
  const before = v ? v.evidence.share_before : null;
  const after = v ? v.evidence.share_after : null;
  const framing = framingSign(claim);
  put(card,
    el('h2', {}, `Claim ${claim.id} `, v ? badge(v.verdict) : el('span', { class: 'muted' }, '(no verdict)'),
      ' ', framing, closeButton(card)),
    framing ? el('p', { class: 'framing-note' }, `${framing.title}. The claim below is what is denied or reported, not what the source asserts.`) : null,
    el('blockquote', {}, claim.quote || '(no quote)'),
    el('dl', { class: 'kv' },
      el('dt', {}, 'Claimant'), el('dd', {}, claim.claimant || '–'),
      el('dt', {}, 'Claim'), el('dd', { class: 'claim-text' }, framing ? `${framing.textContent}: ` : '', claimSummary(claim)),
      el('dt', {}, 'Claim date'), el('dd', {}, claim.claim_date || '–'),
      el('dt', {}, 'Place'), el('dd', {}, place.id
        ? el('a', { href: '#', onclick: (e) => { e.preventDefault(); actions.openPlace(place.id); } },
          `${place.name} (${[place.raion, place.oblast].filter(Boolean).join(', ')}, ${place.id})`) : (place.mention || '–')),
      ...(v ? [
        el('dt', {}, 'Verdict'), el('dd', { class: 'verdict-text' }, v.verdict),
        el('dt', {}, 'Change date'), el('dd', {}, v.change_date || '–'),
        el('dt', {}, 'Lag'), el('dd', {}, v.lag_days === null ? '–' : `${v.lag_days > 0 ? '+' : ''}${v.lag_days} days`),
        el('dt', {}, 'Share before'), el('dd', {}, before ? `${pct(before[1])} on ${before[0]}` : '–'),
        el('dt', {}, 'Share after'), el('dd', {}, after ? `${pct(after[1])} on ${after[0]}` : '–'),
        el('dt', {}, 'Confidence'), el('dd', {}, pct(v.confidence)),
      ] : []),
    ),
    v ? el('p', { class: 'explanation' }, v.explanation) : null,
    v ? shareCurve(v.evidence, claim.claim_date) : null,
    el('h2', {}, 'Source'),
    el('dl', { class: 'kv' },
      el('dt', {}, 'Publisher'), el('dd', {}, p.publisher || claim.publisher || '–'),
      el('dt', {}, 'Kind'), el('dd', {}, p.kind || '–'),
      p.url ? el('dt', {}, 'URL') : null,
      p.url ? el('dd', {}, el('a', { href: p.url, target: '_blank', rel: 'noreferrer noopener' }, p.url)) : null,
      p.original_name ? el('dt', {}, 'File') : null, p.original_name ? el('dd', {}, p.original_name) : null,
      p.blob_sha256 ? el('dt', {}, 'sha256') : null, p.blob_sha256 ? el('dd', {}, shortHash(p.blob_sha256)) : null,
      p.item_key ? el('dt', {}, 'Item') : null, p.item_key ? el('dd', {}, p.item_key) : null,
      p.grade ? el('dt', {}, 'Grade') : null, p.grade ? el('dd', {}, p.grade) : null,
      p.notes ? el('dt', {}, 'Notes') : null, p.notes ? el('dd', {}, p.notes) : null,
    ),
    el('div', { class: 'links' },
      claim.claim_date ? el('button', { onclick: () => actions.goToDate(claim.claim_date) }, 'Map at claim date') : null,
      v && v.change_date ? el('button', { onclick: () => actions.goToDate(v.change_date) }, 'Map at change date') : null),
  );
  card.dataset.claim = claim.id;
  card.hidden = false;
  card.scrollIntoView({ block: 'nearest' });
}

function timelineStrip(runs, first, last) {
  const width = 340, height = 26;
  const t = (d) => Date.parse(d);
  const t0 = t(first), t1 = t(last);
  const x = (d) => ((t(d) - t0) / ((t1 - t0) || 1)) * width;
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('class', 'spark');
  root.style.height = '26px';
  for (const run of runs) {
    const rect = document.createElementNS(NS, 'rect');
    const x0 = x(run.date_from), x1 = x(run.date_to) + 1;
    rect.setAttribute('x', x0); rect.setAttribute('width', Math.max(1, x1 - x0));
    rect.setAttribute('y', 2); rect.setAttribute('height', 22);
    rect.setAttribute('fill', `rgba(179, 38, 30, ${0.08 + 0.9 * run.fraction_max})`);
    const title = document.createElementNS(NS, 'title');
    title.textContent = run.text;
    rect.append(title);
    root.append(rect);
  }
  return root;
}

export async function showSettlement(card, placeId, on) {
  card.hidden = false;
  card.replaceChildren(el('h2', {}, 'Loading…'));
  const place = await getJSON(`/api/places/${encodeURIComponent(placeId)}`);
  let runs = [];
  let status = null;
  try {
    runs = await getJSON(`/api/places/${encodeURIComponent(placeId)}/timeline`);
    status = on ? await getJSON(`/api/places/${encodeURIComponent(placeId)}/status${query({ on })}`) : null;
  } catch (error) {
    runs = [];
  }
  const occupied = runs.filter((r) => r.layer === 'occupied');
  const coverage = runs.filter((r) => r.layer !== 'occupied');
  put(card,
    el('h2', { class: 'settlement-name' }, place.name, closeButton(card)),
    el('div', { class: 'muted' }, [place.name_uk, place.name_ru].filter(Boolean).join(' · ')),
    el('dl', { class: 'kv' },
      el('dt', {}, 'Oblast'), el('dd', {}, place.oblast),
      el('dt', {}, 'Raion'), el('dd', {}, place.raion || '–'),
      el('dt', {}, 'Population'), el('dd', {}, place.population ? place.population.toLocaleString('en-GB') : '–'),
      el('dt', {}, 'Id'), el('dd', {}, place.id),
      status ? el('dt', {}, `On ${status.on}`) : null,
      status ? el('dd', {}, status.covered ? `${pct(status.fractions.occupied)} occupied (snapshot ${status.snapshot_date})` : 'not mapped by the tracker') : null,
    ),
    occupied.length ? timelineStrip(occupied, occupied[0].date_from, occupied[occupied.length - 1].date_to) : null,
    el('ul', { class: 'timeline-runs' }, ...[...occupied, ...coverage.filter((r) => r.band !== 'covered')].map((r) =>
      el('li', {}, el('span', { class: 'band' }, r.band), el('span', {}, `${r.date_from} … ${r.date_to}`)))),
    occupied.length ? null : el('p', { class: 'muted' }, 'No control timeline for this place.'),
  );
  card.dataset.place = place.id;
  card.scrollIntoView({ block: 'nearest' });
  return place;
}

export function searchBox(input, list, onChoose) {
  let timer = null;
  let results = [];
  let active = 0;
  const render = () => {
    list.replaceChildren(...results.map((r, i) => el('li', {
      class: i === active ? 'active' : '', 'data-id': r.id,
      onmousedown: (e) => { e.preventDefault(); choose(i); },
    }, el('span', {}, r.name, ' ', el('span', { class: 'local' }, [r.name_uk, r.name_ru].filter(Boolean).join(' / '))),
    el('span', { class: 'local' }, r.oblast))));
    list.hidden = results.length === 0;
  };
  const choose = (i) => {
    const chosen = results[i];
    if (!chosen) return;
    list.hidden = true;
    input.value = chosen.name;
    onChoose(chosen);
  };
  const run = async () => {
    const text = input.value.trim();
    if (!text) { results = []; render(); return; }
    try {
      results = (await getJSON(`/api/places/search${query({ q: text, limit: 8 })}`)).filter((r, i) => i === 0 || r.score > 0.001);
    } catch (error) {
      results = [];
    }
    active = 0;
    render();
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown') { active = Math.min(active + 1, results.length - 1); render(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { active = Math.max(active - 1, 0); render(); e.preventDefault(); }
    if (e.key === 'Enter') { clearTimeout(timer); await run(); choose(active); }
    if (e.key === 'Escape') { list.hidden = true; }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 150));
}
