// Reports: the saved brief definitions (/api/reports), each to read (HTML) or download as
// Markdown or PDF, regenerated from the store of the moment; and the exchange formats of a
// claims filter (a STIX 2.1 bundle, a case zip with the raw sources and their manifest).
import { download, el, getJSON, query, signedIn } from '../api.js';
import { recordTable } from '../views.js';
import { block, wrapped } from './format.js';

// A link to a file of the API: as it is in single-user mode, fetched with the token otherwise.
function fileLink(url, name, text, label) {
  return el('a', { href: url, download: name, class: 'file-link', 'aria-label': label,
    onclick: (e) => {
      if (!signedIn()) return;
      e.preventDefault();
      download(url, name).catch((error) => e.target.replaceWith(el('span', { class: 'note' }, String(error.message || error))));
    } }, text);
}

function briefLinks(r) {
  const base = `/api/reports/${encodeURIComponent(r.name)}`;
  return el('span', { class: 'file-links' },
    el('a', { href: base, target: '_blank', rel: 'noopener', 'aria-label': `Read ${r.name} (HTML)` }, 'Read (HTML)'),
    fileLink(`${base}/brief.md`, `${r.name}.md`, 'Markdown', `Download ${r.name} as Markdown`),
    fileLink(`${base}/brief.pdf`, `${r.name}.pdf`, 'PDF', `Download ${r.name} as PDF`));
}

function exportsBlock() {
  const filter = el('input', { name: 'claims', placeholder: 'e.g. type=territorial,from=2024-10-01', size: 40 });
  const links = el('p', { class: 'file-links', id: 'export-links' });
  const update = () => {
    const q = query({ claims: filter.value.trim() });
    links.replaceChildren(
      fileLink(`/api/export/stix${q}`, 'bundle.json', 'STIX 2.1 bundle', 'Download the STIX 2.1 bundle'),
      fileLink(`/api/export/case${q}`, 'case.zip', 'Case bundle (zip)', 'Download the case bundle'));
  };
  filter.addEventListener('input', update);
  update();
  return block('Exchange formats',
    el('p', { class: 'muted' }, 'The claims of a filter (KEY=VALUE,... with type, actor, place, from, to, source, id; empty: every claim) for other tools. ',
      'The case bundle holds the cited raw files, a SHA-256 manifest, the verdicts and the audit extract; check it with frontcheck case verify.'),
    el('label', {}, 'Claims filter ', filter), links);
}

export const reports = {
  id: 'reports', title: 'Reports', free: true,
  about: 'Saved briefs: the question, matrix, figures, verdicts with their maps and a numbered source list, regenerated from the store of the moment; protected persons by pseudonym only.',
  async load(node) {
    const rows = await getJSON('/api/reports');
    const table = el('table', { class: 'records', id: 'reports-list' });
    recordTable(table, [['Name', (r) => r.name, 'nowrap'], ['Definition', (r) => el('code', {}, r.definition)],
      ['Title', (r) => r.title || '–'], ['Brief', (r) => briefLinks(r)]], rows);
    node.replaceChildren(
      rows.length ? wrapped(table, 'Saved briefs') : el('p', { class: 'muted' }, 'No saved brief yet: frontcheck report ... --save NAME.'),
      exportsBlock());
    return node;
  },
};
