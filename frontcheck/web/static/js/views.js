// The claim browser (a filterable table) and the sources page (publishers, claimants and a
// publisher's track record, claims and sources).
import { badge, claimSummary, el, framingSign, getJSON, pct, placeLabel, query, VERDICTS } from './api.js';
import { unredactButton } from './session.js';

// A table of records; with onRow each row is a keyboard-reachable control (Tab, Enter or Space).
function table(node, columns, rows, onRow) {
  const open = (row) => (onRow ? {
    tabindex: '0', onclick: () => onRow(row),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onRow(row); } },
  } : {});
  node.replaceChildren(
    el('thead', {}, el('tr', {}, ...columns.map(([title, , cls]) => el('th', { class: cls || '', scope: 'col' }, title)))),
    el('tbody', {}, ...rows.map((row) => el('tr', { ...open(row), class: onRow ? 'openable' : null, 'data-id': row.id ?? row.name ?? row.publisher },
      ...columns.map(([, cell, cls]) => el('td', { class: cls || '' }, cell(row)))))),
  );
  return node;
}

export const recordTable = table;

const claimColumns = [
  ['Date', (c) => c.claim_date || '–', 'nowrap'],
  ['Id', (c) => c.id, 'nowrap'],
  ['Claimant', (c) => c.claimant],
  ['Claim', (c) => el('span', {}, framingSign(c), ' ', claimSummary(c))],
  ['Place', (c) => placeLabel(c.place)],
  ['Verdict', (c) => (c.verdict ? badge(c.verdict.verdict) : '–')],
  ['Lag', (c) => (c.verdict && c.verdict.lag_days !== null ? `${c.verdict.lag_days} d` : ''), 'num nowrap'],
  ['Publisher', (c) => c.publisher],
];

export class ClaimBrowser {
  constructor(form, tableNode, counter, onOpen) {
    this.form = form; this.table = tableNode; this.counter = counter; this.onOpen = onOpen;
    const verdicts = form.elements.verdict;
    VERDICTS.forEach((v) => verdicts.append(el('option', { value: v }, v.replace('_', ' '))));
    ['territorial', 'participation', 'quantity', 'attribute'].forEach((t) => form.elements.type.append(el('option', { value: t }, t)));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.load(); });
    form.addEventListener('change', () => this.load());
  }

  async fillPublishers() {
    const publishers = await getJSON('/api/publishers?limit=10000');
    const select = this.form.elements.publisher;
    publishers.forEach((p) => select.append(el('option', { value: p.publisher }, p.publisher)));
  }

  async load() {
    const params = Object.fromEntries(new FormData(this.form).entries());
    try {
      const rows = await getJSON(`/api/claims${query({ ...params, limit: 10000 })}`);
      this.counter.textContent = `${rows.length} claim${rows.length === 1 ? '' : 's'}`;
      table(this.table, claimColumns, rows, this.onOpen);
    } catch (error) {
      this.counter.textContent = error.message;
      this.table.replaceChildren();
    }
  }
}

// A record with no claim the map can test says so, rather than "0 %–100 %" or "Corroborated 0 %".
const judged = (record) => record.verifiable > 0;
const unjudged = () => el('span', { class: 'unjudged', title: 'No verifiable claims: the map cannot test any of them' }, 'cannot be judged');

function sharesBar(record) {
  const parts = [['corroborated', record.corroborated], ['stale', record.stale],
    ['premature', record.premature], ['contradicted', record.contradicted]];
  return el('div', { class: 'shares', title: parts.map(([k, v]) => `${k} ${pct(v)}`).join(', ') },
    ...parts.filter(([, v]) => v > 0).map(([k, v]) => el('span', { class: `verdict-${k}`, style: `width:${v * 100}%` })));
}

export class SourcesPage {
  constructor(publishersNode, claimantsNode, pageNode, onClaim) {
    this.publishers = publishersNode; this.claimants = claimantsNode; this.page = pageNode; this.onClaim = onClaim;
  }

  async load() {
    const [publishers, records] = await Promise.all([
      getJSON('/api/publishers?limit=10000'), getJSON('/api/track-records?group=claimant&limit=10000')]);
    table(this.publishers, [
      ['Publisher', (p) => p.publisher], ['Reliability', (p) => p.reliability],
      ['Track record', (p) => p.empirical_grade || '–'], ['Sources', (p) => p.sources, 'num'],
    ], publishers, (p) => this.open(p.publisher));
    table(this.claimants, [
      ['Claimant', (r) => r.name], ['Verifiable', (r) => r.verifiable, 'num'],
      ['Record', (r) => (judged(r) ? sharesBar(r) : unjudged())],
      ['Accurate (95 % CI)', (r) => (judged(r) ? `${pct(r.accurate_low)}–${pct(r.accurate_high)}` : unjudged())],
      ['Grade', (r) => (judged(r) ? r.empirical_grade : unjudged())],
    ], records);
  }

  async open(name) {
    const data = await getJSON(`/api/publishers/${encodeURIComponent(name)}`);
    const r = data.track_record;
    this.page.replaceChildren(
      el('h2', { class: 'publisher-name' }, data.publisher),
      el('div', {}, el('span', { class: 'grade', title: 'empirical grade from the record' }, r && judged(r) ? r.empirical_grade : '–'),
        `Admiralty reliability given: ${data.reliability}`),
      r && !judged(r) ? el('p', { class: 'unjudged-note' }, unjudged(),
        ` — ${r.claims} territorial claim${r.claims === 1 ? '' : 's'}, none the map can test (no verifiable verdict).`) : null,
      r && judged(r) ? el('div', {},
        sharesBar(r),
        el('dl', { class: 'kv' },
          el('dt', {}, 'Claims'), el('dd', {}, `${r.claims} territorial, ${r.verifiable} verifiable`),
          el('dt', {}, 'Corroborated'), el('dd', {}, pct(r.corroborated)),
          el('dt', {}, 'Stale'), el('dd', {}, pct(r.stale)),
          el('dt', {}, 'Premature'), el('dd', {}, pct(r.premature)),
          el('dt', {}, 'Contradicted'), el('dd', {}, pct(r.contradicted)),
          el('dt', {}, 'Accurate'), el('dd', {}, `${pct(r.accurate_low)} – ${pct(r.accurate_high)} (95 % CI)`),
          el('dt', {}, 'Lag median'), el('dd', {}, r.lag_median_days === null ? '–' : `${r.lag_median_days} d (IQR ${r.lag_iqr_days} d)`)))
        : r ? null : el('p', { class: 'muted' }, 'No territorial claims from this publisher yet.'),
      el('h2', {}, `Claims (${data.claims.length})`),
      el('div', { class: 'table-wrap' }, (() => { const t = el('table', { class: 'records' }); table(t, claimColumns, data.claims, this.onClaim); return t; })()),
      el('h2', {}, `Sources (${data.sources.length})`),
      data.sources.length === 0 ? el('p', { class: 'muted' }, 'No sources of this publisher in the ledger: its claims came from curated imports.') : el('div', { class: 'table-wrap' }, (() => {
        const t = el('table', { class: 'records' });
        table(t, [['Id', (s) => s.id], ['Kind', (s) => s.kind], ['Published', (s) => (s.published_at || '').slice(0, 10)],
          ['Grade', (s) => s.grade], ['Excerpt', (s) => s.excerpt]], data.sources, (s) => this.openSource(s.id));
        return t;
      })()),
      el('div', { id: 'source-detail' }),
    );
    this.publishers.querySelectorAll('tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === name));
  }

  async openSource(id) {
    this.showSource(await getJSON(`/api/sources/${id}`), false);
  }

  showSource(s, unredacted) {
    this.page.querySelector('#source-detail').replaceChildren(
      el('h2', {}, `Source ${s.id}`),
      unredacted ? el('p', { class: 'unredacted-banner' }, 'Unredacted view: logged in the audit log with your reason.')
        : unredactButton(`/api/sources/${s.id}`, (full) => this.showSource(full, true)),
      el('dl', { class: 'kv' },
        el('dt', {}, 'Publisher'), el('dd', {}, s.publisher), el('dt', {}, 'Author'), el('dd', {}, s.author || '–'),
        el('dt', {}, 'Published'), el('dd', {}, s.published_at || '–'), el('dt', {}, 'Grade'), el('dd', {}, s.grade),
        el('dt', {}, 'File'), el('dd', {}, s.original_name), el('dt', {}, 'sha256'), el('dd', { class: 'hash' }, s.blob_sha256),
        el('dt', {}, 'Item'), el('dd', {}, s.item_key),
        el('dt', {}, 'Persons'), el('dd', {}, s.persons.map((p) => `${p.name} (${p.role})`).join(', ') || '–')),
      el('div', { class: 'source-text' }, s.text),
    );
  }
}
