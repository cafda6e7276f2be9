// Derived figures (/api/figures): each with its expression, low/best/high, the Monte Carlo
// distribution (mean and percentiles), and each input with its claim (its evidence card) and
// source, or "constant".
import { el, getJSON } from '../api.js';
import { recordTable } from '../views.js';
import { block, claimButton, num, pairs, sourceLink, wrapped } from './format.js';

function figureBlock(figure, open) {
  const p = figure.percentiles;
  const inputs = el('table', { class: 'records figure-inputs' });
  recordTable(inputs, [['Input', (i) => i.name, 'nowrap'], ['Low', (i) => num(i.low), 'num'],
    ['Best', (i) => num(i.best), 'num'], ['High', (i) => num(i.high), 'num'],
    ['Claim', (i) => (i.claim_id ? claimButton(i.claim_id, open) : 'constant')],
    ['Statement', (i) => i.statement], ['Publisher', (i) => i.publisher || '–'],
    ['Said on', (i) => i.said_on || '–', 'nowrap'], ['Grade', (i) => i.grade || '–'],
    ['Source', (i) => sourceLink(i.source_id, i.url)]], figure.inputs);
  const section = block(figure.name,
    el('p', {}, el('code', { class: 'expression' }, figure.expression)),
    pairs([['Low', num(figure.low)], ['Best', num(figure.best)], ['High', num(figure.high)],
      ['Range', figure.range_method === 'interval' ? 'interval arithmetic (exact)' : 'corners of the inputs, widened by the draws'],
      ['Mean', num(figure.mean)],
      ['Percentiles', `5 %: ${num(p.p5)} · 25 %: ${num(p.p25)} · 50 %: ${num(p.p50)} · 75 %: ${num(p.p75)} · 95 %: ${num(p.p95)}`],
      ['Draws', `${num(figure.samples)} (seed ${figure.seed}), each input triangular`]]),
    wrapped(inputs, `Inputs of ${figure.name}`));
  section.dataset.figure = figure.name;
  return section;
}

export const figures = {
  id: 'figures', title: 'Figures', free: true,
  about: 'Derived figures: an expression over claims\u2019 quantities and constants, with the range propagated from each input\u2019s low, best and high.',
  async load(node, open) {
    const names = await getJSON('/api/figures');
    if (!names.length) {
      node.replaceChildren(el('p', { class: 'muted' }, 'No figure yet: frontcheck figure new NAME --expr ... --input ...'));
      return node;
    }
    const shown = await Promise.all(names.map((f) => getJSON(`/api/figures/${encodeURIComponent(f.name)}`)));
    node.replaceChildren(...shown.map((f) => figureBlock(f, open)));
    return node;
  },
};
