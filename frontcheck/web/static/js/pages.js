// The analysis pages: one entry of PAGES per page (title, what it shows, how it loads), listed
// in the Analysis view's navigation. The analyst's product (issue 13) has a module per page in
// pages/; a page with `free: true` fills a plain block rather than one table.
import { badge, el, getJSON } from './api.js';
import { recordTable } from './views.js';
import { acknowledgements } from './pages/acknowledgements.js';
import { claimed } from './pages/claimed.js';
import { figures } from './pages/figures.js';
import { hypotheses } from './pages/hypotheses.js';
import { reports } from './pages/reports.js';

const short = (value) => {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length ? value.map(short).join('; ') : '–';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${short(v)}`).join(', ');
  return String(value);
};

export const PAGES = [
  {
    id: 'contradictions', title: 'Contradictions',
    about: 'Pairs of claims from different sources that conflict: numbers, dates, who acted, a denial, a value.',
    async load(node, open) {
      const rows = await getJSON('/api/contradictions?limit=10000');
      return recordTable(node, [['Type', (r) => r.type], ['Subject', (r) => r.subject],
        ['Claim A', (r) => `${r.claim_a} · ${r.claimant_a || r.publisher_a}`],
        ['Claim B', (r) => `${r.claim_b} · ${r.claimant_b || r.publisher_b}`],
        ['Grades', (r) => `${r.grade_a} / ${r.grade_b}`], ['Why', (r) => short(r.explanation ?? r.detail)]],
      rows, (r) => open(r.claim_a));
    },
  },
  {
    id: 'corroboration', title: 'Corroboration',
    about: 'Each claim with the independent sources for and against it (repeats of one source count once).',
    async load(node, open) {
      const rows = await getJSON('/api/corroboration?limit=10000');
      return recordTable(node, [['Claim', (r) => r.claim_id, 'nowrap'], ['Date', (r) => r.claim_date || '–', 'nowrap'],
        ['Statement', (r) => r.statement], ['Publisher', (r) => r.publisher],
        ['For', (r) => r.independent_for, 'num'], ['Against', (r) => r.independent_against, 'num'],
        ['Repeats', (r) => r.repeats, 'num']], rows, (r) => open(r.claim_id));
    },
  },
  {
    id: 'witnesses', title: 'Witness consistency',
    about: 'One speaker\u2019s claims across his statements in time order: consistent, changed or new. Protected persons appear by pseudonym only.',
    async load(node) {
      const persons = (await getJSON('/api/persons?limit=10000')).filter((p) => p.roles.includes('speaker') || p.sources > 1);
      const list = persons.length ? persons : await getJSON('/api/persons?limit=10000');
      const select = el('select', { 'aria-label': 'Witness' }, ...list.map((p) => el('option', { value: p.id }, p.name)));
      const out = el('div', { class: 'table-wrap' });
      const show = async () => {
        const data = await getJSON(`/api/witnesses/${encodeURIComponent(select.value)}`);
        const table = el('table', { class: 'records' });
        recordTable(table, [['Date', (r) => short(r.date ?? r.claim_date), 'nowrap'], ['Topic', (r) => short(r.topic ?? r.type)],
          ['Status', (r) => short(r.status ?? r.consistency)], ['Says', (r) => short(r.statement ?? r.quote)],
          ['Source', (r) => short(r.source_id ?? r.source)]], data.items);
        out.replaceChildren(el('h3', {}, short(data.person.name ?? data.person)), table);
      };
      select.addEventListener('change', () => show().catch((e) => out.replaceChildren(String(e.message))));
      node.replaceChildren(el('label', {}, 'Witness ', select), out);
      if (list.length) await show();
      return node;
    },
  },
  {
    id: 'persons', title: 'Persons',
    about: 'Persons the sources name, with their roles; a protected person only by pseudonym.',
    async load(node) {
      const rows = await getJSON('/api/persons?limit=10000');
      return recordTable(node, [['Id', (r) => r.id, 'num'], ['Name', (r) => r.name],
        ['Protected', (r) => (r.protected ? el('span', { class: 'framing framing-denied' }, r.reason || 'protected') : '–')],
        ['Roles', (r) => r.roles], ['Sources', (r) => r.sources, 'num']], rows);
    },
  },
  hypotheses, figures, acknowledgements, claimed, reports,
  {
    id: 'audit', title: 'Audit log',
    about: 'Who saw what unredacted, and why; exports; merges of speakers. Admins only.',
    async load(node) {
      const rows = await getJSON('/api/audit?limit=10000');
      return recordTable(node, [['#', (r) => r.seq, 'num'], ['When', (r) => r.at.slice(0, 19).replace('T', ' '), 'nowrap'],
        ['Who', (r) => r.actor], ['What', (r) => badge(r.action)], ['Item', (r) => r.target],
        ['Reason', (r) => r.reason || '–']], rows.reverse());
    },
  },
];

export class AnalysisView {
  constructor(nav, body, open) {
    this.nav = nav; this.body = body; this.open = open;
    nav.replaceChildren(...PAGES.map((page) => el('li', {}, el('a', {
      href: `#page=${page.id}`, 'data-page': page.id,
      onclick: (e) => { e.preventDefault(); this.show(page.id); } }, page.title))));
  }

  async show(id) {
    const page = PAGES.find((p) => p.id === id) || PAGES[0];
    this.nav.querySelectorAll('a').forEach((a) => {
      if (a.dataset.page === page.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    const table = el('table', { class: 'records', id: `page-${page.id}` });
    const free = page.id === 'witnesses' || page.free;
    const holder = free ? el('div', { class: 'page-free' }) : el('div', { class: 'table-wrap' }, table);
    const heading = el('h2', { tabindex: '-1' }, page.title);
    this.current = page.id;                  // a slower page asked before does not mark itself loaded
    // the address links to the page (a page may add its own parameters: hypotheses' analysis)
    if (new URLSearchParams(location.hash.slice(1)).get('page') !== page.id) history.replaceState(null, '', `#page=${page.id}`);
    this.body.replaceChildren(heading, el('p', { class: 'muted' }, page.about), holder);
    heading.focus();
    try {
      await page.load(free ? holder : table, this.open);
    } catch (error) {
      holder.replaceChildren(el('p', { class: 'note' }, String(error.message || error)));
    }
    if (this.current === page.id) this.body.dataset.loaded = page.id;
  }
}
