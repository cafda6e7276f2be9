// Acknowledgement timelines (/api/acknowledgements?subject=...): per actor, the first denial,
// the first acknowledgement and every change of position, with quotes and dates.
import { el, getJSON, query } from '../api.js';
import { recordTable } from '../views.js';
import { block, claimButton, pairs, sourceLink, wrapped } from './format.js';

const STANCE = { denies: 'framing-denied', denied: 'framing-denied', unconfirmed: 'framing-reported' };

function stance(value) {
  return el('span', { class: `framing ${STANCE[value] || 'stance-affirms'}` }, value);
}

function dated(on, quote) {
  return on ? el('span', {}, el('strong', {}, on), ' — ', el('q', {}, quote)) : '–';
}

function actorBlock(t, open) {
  const changes = el('table', { class: 'records ack-changes' });
  recordTable(changes, [['Date', (c) => c.on, 'nowrap'], ['From', (c) => stance(c.before)],
    ['To', (c) => stance(c.after)], ['Quote', (c) => el('q', {}, c.quote)],
    ['Claim', (c) => claimButton(c.claim_id, open)]], t.changes);
  const positions = el('table', { class: 'records ack-positions' });
  recordTable(positions, [['Date', (p) => p.on, 'nowrap'], ['Stance', (p) => stance(p.stance)],
    ['Quote', (p) => el('q', {}, p.quote)], ['Publisher', (p) => p.publisher || '–'],
    ['Source', (p) => sourceLink(p.source_id, p.url)], ['Claim', (p) => claimButton(p.claim_id, open)]], t.positions);
  const section = block(t.actor,
    el('p', {}, 'Now: ', stance(t.current), ' ', el('span', { class: 'ack-summary' }, t.summary)),
    pairs([['First denial', dated(t.first_denial_on, t.first_denial_quote)],
      ['First acknowledgement', dated(t.first_acknowledgement_on, t.first_acknowledgement_quote)]]),
    el('h4', {}, `Changes of position (${t.changes.length})`),
    t.changes.length ? wrapped(changes, `Changes of position: ${t.actor}`) : el('p', { class: 'muted' }, 'None: one position throughout.'),
    el('details', {}, el('summary', {}, `Every position (${t.positions.length})`), wrapped(positions, `Positions: ${t.actor}`)));
  section.dataset.actor = t.actor;
  return section;
}

export const acknowledgements = {
  id: 'acknowledgements', title: 'Acknowledgements', free: true,
  about: 'Per actor, when a fact was first denied and first acknowledged, and every change of position: \u201cdenied on D1, confirmed on D2\u201d is a change, not a lie on D1.',
  async load(node, open) {
    const input = el('input', { name: 'subject', value: 'DPRK deployment', required: true, maxlength: 200, size: 30 });
    const out = el('div', { class: 'product-detail', id: 'ack-detail' });
    const formNode = el('form', { class: 'filters product-form', role: 'search' },
      el('label', {}, 'Fact', input), el('button', { type: 'submit' }, 'Show'));
    const show = async () => {
      const rows = await getJSON(`/api/acknowledgements${query({ subject: input.value.trim() })}`);
      out.replaceChildren(el('p', { class: 'muted', role: 'status' }, `${rows.length} actor${rows.length === 1 ? '' : 's'} on \u201c${input.value.trim()}\u201d`),
        ...rows.map((t) => actorBlock(t, open)));
    };
    formNode.addEventListener('submit', (e) => { e.preventDefault(); show().catch((error) => out.replaceChildren(el('p', { class: 'note' }, String(error.message || error)))); });
    node.replaceChildren(formNode, out);
    await show();
    return node;
  },
};
