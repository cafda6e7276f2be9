// Hypotheses: the analyses of competing hypotheses (/api/ach) and one analysis's matrix — each
// hypothesis's weighted inconsistency and rank, each evidence item's ratings, weight, verdict
// and diagnosticity, and the items the ranking hangs on. Analysts and admins get the forms
// that write through the same API (POST /api/ach, .../hypotheses, .../evidence).
import { badge, el, getJSON, postJSON } from '../api.js';
import { session } from '../session.js';
import { recordTable } from '../views.js';
import { block, claimButton, num, pairs, wrapped } from './format.js';

const RATINGS = ['CC', 'C', 'N', 'I', 'II'];
const RATING_TITLES = { CC: 'very consistent', C: 'consistent', N: 'neutral', I: 'inconsistent', II: 'very inconsistent' };

function form(label, fields, submit, onSubmit) {
  const status = el('span', { class: 'muted', role: 'status' });
  const node = el('form', { class: 'filters product-form' }, el('strong', {}, label), ...fields,
    el('button', { type: 'submit' }, submit), status);
  node.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = 'Saving…';
    try { await onSubmit(new FormData(node)); status.textContent = ''; } catch (error) { status.textContent = String(error.message || error); }
  });
  return node;
}

function rating(value) {
  return el('span', { class: `rating rating-${value}`, title: RATING_TITLES[value] || '' }, value);
}

function matrixTable(record, open) {
  const labels = record.hypotheses.map((h) => h.hypothesis);
  const table = el('table', { class: 'records', id: 'ach-matrix' });
  recordTable(table, [
    ['Evidence', (e) => el('span', {}, e.ref.startsWith('claim:') ? claimButton(e.ref.slice(6), open) : e.ref, ' ', e.statement)],
    ['Claimant', (e) => e.claimant || e.publisher || '–'],
    ['Said on', (e) => e.said_on || '–', 'nowrap'],
    ['Grade', (e) => `${e.grade}${e.empirical_grade ? ` · ${e.empirical_grade}` : ''}`, 'nowrap'],
    ['Verdict', (e) => (e.verdict ? badge(e.verdict) : '–')],
    ['Weight', (e) => num(e.weight), 'num'],
    ['Diagnosticity', (e) => num(e.diagnosticity), 'num'],
    ...labels.map((h) => [h, (e) => rating(e.ratings[h] || 'N'), 'rating-cell']),
    ['Sensitive', (e) => (e.sensitive.length ? e.sensitive.join(', ') : '–')],
  ], record.evidence);
  table.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.ref = record.evidence[i].ref; });
  return table;
}

function scoresTable(record) {
  const table = el('table', { class: 'records', id: 'ach-scores' });
  recordTable(table, [['Hypothesis', (h) => h.hypothesis, 'nowrap'], ['Text', (h) => h.text],
    ['Weighted inconsistency', (h) => num(h.weighted_inconsistency), 'num'],
    ['Inconsistent items', (h) => h.inconsistent_items, 'num'], ['Rank', (h) => h.rank, 'num']],
  [...record.hypotheses].sort((a, b) => a.rank - b.rank));
  return table;
}

function writeForms(record, reload) {
  if (!session.may_unredact) return null;
  const id = record.id;
  const stale = ['/api/ach'];
  const hypothesis = form('Add a hypothesis', [el('label', {}, 'Hypothesis', el('input', { name: 'text', required: true, maxlength: 2000 }))],
    'Add', async (data) => { await postJSON(`/api/ach/${id}/hypotheses`, { text: data.get('text') }, stale); await reload(); });
  const ratings = record.hypotheses.map((h) => el('label', {}, `${h.hypothesis} rating`,
    el('select', { name: h.hypothesis }, ...RATINGS.map((r) => el('option', { value: r, selected: r === 'N' }, `${r} (${RATING_TITLES[r]})`)))));
  const evidence = record.hypotheses.length ? form('Add evidence', [
    el('label', {}, 'Claim id', el('input', { name: 'claim', placeholder: 'c-… or HO-001' })),
    el('label', {}, 'or source id', el('input', { name: 'source', type: 'number', min: 1 })), ...ratings],
  'Add', async (data) => {
    const rate = record.hypotheses.map((h) => `${h.hypothesis}=${data.get(h.hypothesis)}`).join(',');
    const body = { rate };
    if (data.get('claim')) body.claim = data.get('claim').trim();
    if (data.get('source')) body.source = Number(data.get('source'));
    await postJSON(`/api/ach/${id}/evidence`, body, stale);
    await reload();
  }) : el('p', { class: 'muted' }, 'Add a hypothesis before rating evidence against it.');
  return el('div', { class: 'product-forms' }, hypothesis, evidence);
}

async function showAnalysis(out, id, open) {
  const record = await getJSON(`/api/ach/${id}`);
  const reload = () => showAnalysis(out, id, open);
  const ranking = record.ranking.map((h) => `${h} (${num(record.hypotheses.find((x) => x.hypothesis === h).weighted_inconsistency)})`);
  out.replaceChildren(
    el('h3', { tabindex: '-1', id: 'ach-question' }, `Analysis ${record.id}: ${record.question}`),
    el('p', { id: 'ach-ranking' }, 'Ranking, least inconsistent first: ', ranking.join(' › ') || '–', '. ',
      el('a', { href: `/api/report?ach=${record.id}`, target: '_blank', rel: 'noopener' }, 'Brief of this analysis (HTML)')),
    block('Hypotheses', wrapped(scoresTable(record), 'Hypotheses and their scores')),
    block('Matrix', record.evidence.length ? wrapped(matrixTable(record, open), 'Evidence matrix')
      : el('p', { class: 'muted' }, 'No evidence yet.'),
    el('p', { class: 'muted' }, 'Ratings: CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent. ',
      'A score counts inconsistency: weight × 1 for I, × 2 for II. A claim id opens its evidence card.')),
    block('Sensitivity', el('p', { id: 'ach-sensitive' }, record.sensitive.length
      ? `The ranking changes if any of these is removed or its verdict turns: ${record.sensitive.join(', ')}.`
      : 'No single item changes the ranking when removed or when its verdict turns.')),
    ...[writeForms(record, reload)].filter(Boolean),   // none for a viewer
  );
  out.dataset.analysis = record.id;
  if (out.isConnected) history.replaceState(null, '', `#page=hypotheses&analysis=${record.id}`);
  return record;
}

export const hypotheses = {
  id: 'hypotheses', title: 'Hypotheses', free: true,
  about: 'Analyses of competing hypotheses: each hypothesis scored by the weighted inconsistency of the evidence (Heuer), each item weighted by its source\u2019s grades and its verdict against the map now.',
  async load(node, open) {
    const wanted = new URLSearchParams(location.hash.slice(1)).get('analysis');   // a link to one
    const list = el('table', { class: 'records', id: 'ach-list' });
    const out = el('div', { class: 'product-detail', id: 'ach-detail' });
    const fill = async () => {
      const rows = await getJSON('/api/ach');
      recordTable(list, [['Id', (r) => r.id, 'num'], ['Question', (r) => r.question],
        ['Hypotheses', (r) => r.hypotheses, 'num'], ['Evidence', (r) => r.evidence, 'num']], rows,
      (r) => showAnalysis(out, r.id, open).then(() => out.querySelector('h3').focus()));
      return rows;
    };
    const create = session.may_unredact ? form('New analysis', [el('label', {}, 'Question',
      el('input', { name: 'question', required: true, maxlength: 2000, size: 50 }))], 'Create', async (data) => {
      const made = await postJSON('/api/ach', { question: data.get('question') }, ['/api/ach']);
      await fill();
      await showAnalysis(out, made.id, open);
    }) : el('p', { class: 'muted' }, 'Read only: analysts and admins add analyses, hypotheses and evidence here (or with frontcheck ach).');
    node.replaceChildren(wrapped(list, 'Analyses'), create, out);
    const rows = await fill();
    const chosen = rows.find((r) => String(r.id) === wanted);
    if (wanted && !chosen && rows.length) node.insertBefore(el('p', { class: 'note', role: 'status' }, `No analysis ${wanted}: showing analysis ${rows[0].id}.`), out);
    if (rows.length) await showAnalysis(out, (chosen || rows[0]).id, open);
    else out.replaceChildren(el('p', { class: 'muted' }, 'No analysis yet: frontcheck ach new QUESTION.'));
    return node;
  },
};
