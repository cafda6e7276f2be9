// What the product pages share: numbers as the page prints them (tests/web/test_product_pages.py
// reads them back the same way), a titled block, a definition list, and a link to a claim's card.
import { el } from '../api.js';

// Whole numbers from 1,000 up; below that at most three decimals ("0.525", "12").
export function num(value) {
  if (value === null || value === undefined) return '–';
  const digits = Math.abs(value) >= 1000 ? 0 : 3;
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export const km2 = (value) => `${num(value)} km²`;

export function block(title, ...children) {
  return el('section', { class: 'product-block' }, el('h3', {}, title), ...children);
}

export function pairs(rows) {
  return el('dl', { class: 'kv' }, ...rows.filter(Boolean).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

// A table wrapped so that a wide one scrolls on a narrow screen instead of the page; the box is
// a named region the keyboard can reach and scroll (a table of text has nothing else to focus).
export function wrapped(table, label) {
  return el('div', { class: 'table-wrap product-table', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

// A button that opens the claim's evidence card on the map (main.js's claim opening).
export function claimButton(id, open) {
  if (!id) return '–';
  return el('button', { type: 'button', class: 'link-button', 'data-claim': id,
    onclick: (e) => { e.stopPropagation(); open(id); } }, id);
}

// The source a record cites: its URL (a new tab) and id.
export function sourceLink(sourceId, url, label) {
  const text = label || (sourceId ? `source ${sourceId}` : 'source');
  if (url && /^https?:\/\//.test(url)) return el('a', { href: url, target: '_blank', rel: 'noreferrer noopener' }, text);
  return sourceId ? text : '–';
}
