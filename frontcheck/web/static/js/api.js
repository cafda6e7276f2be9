// Fetching the API: one in-memory cache of responses by URL (the server adds ETags and
// Cache-Control, the browser revalidates), so stepping back and forth costs no request.
const cache = new Map();
const MAX_ENTRIES = 600;

// A server whose store has users wants a bearer token (`frontcheck tokens create USER`): the
// sign-in form (a password field, never window.prompt) asks for it on the first 401 and keeps it
// in this tab's sessionStorage only. A server in single-user mode never answers 401, so it is
// never asked for. Cancelling leaves the page as it is, with a "Sign in" button to try again.
const TOKEN_KEY = 'frontcheckToken';
let askingToken = null;

export class SignInNeeded extends Error {}

export const signedIn = () => Boolean(sessionStorage.getItem(TOKEN_KEY));

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// Show the sign-in dialog; resolves true once a token was entered, false on cancel.
export function askToken(message = '') {
  const dialog = document.getElementById('sign-in');
  const input = document.getElementById('sign-in-token');
  const note = document.getElementById('sign-in-message');
  note.textContent = message;
  note.hidden = !message;
  input.value = '';
  return new Promise((resolve) => {
    const done = () => {
      dialog.removeEventListener('close', done);
      const token = input.value.trim();
      input.value = '';
      if (dialog.returnValue === 'sign-in' && token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        cache.clear();
        resolve(true);
      } else {
        resolve(false);
      }
    };
    dialog.addEventListener('close', done);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  cache.clear();
}

async function authorisedFetch(url, headers = {}, init = {}) {
  let response = await fetch(url, { ...init, headers: { ...authHeaders(), ...headers } });
  while (response.status === 401) {
    const refused = signedIn() ? 'That token was refused (revoked, mistyped or expired). ' : '';
    askingToken ??= askToken(`${refused}This frontcheck server needs an API token.`)
      .finally(() => { askingToken = null; });
    if (!(await askingToken)) {
      if (refused) sessionStorage.removeItem(TOKEN_KEY);
      throw new SignInNeeded('Not signed in: this server needs an API token.');
    }
    response = await fetch(url, { ...init, headers: { ...authHeaders(), ...headers } });
  }
  return response;
}

// One request outside the cache, with extra headers (an unredacted item, with the reason).
export async function fetchJSON(url, headers = {}) {
  const response = await authorisedFetch(url, headers);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} ${url}`);
  return body;
}

// A write (an analyst's new analysis, hypothesis, evidence): the answers cached under `stale`
// (URL prefixes) are dropped, so the next read shows the change.
export async function postJSON(url, data, stale = []) {
  const response = await authorisedFetch(url, { 'Content-Type': 'application/json' },
    { method: 'POST', body: JSON.stringify(data) });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `${response.status} ${url}`);
  for (const key of [...cache.keys()]) if (stale.some((prefix) => key.startsWith(prefix))) cache.delete(key);
  return body;
}

// A file from the API (a brief, a bundle): with a token it is fetched with the header and
// handed over as a blob; without one (single-user) the link works as it is.
export async function download(url, name) {
  const response = await authorisedFetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export function isCached(url) { return cache.has(url); }

export async function getJSON(url) {
  if (cache.has(url)) {
    const hit = cache.get(url);
    cache.delete(url);
    cache.set(url, hit);           // most recently used last
    return hit;
  }
  const pending = authorisedFetch(url).then(async (response) => {
    const body = await response.json();
    if (!response.ok) {
      cache.delete(url);
      throw new Error(body.error || `${response.status} ${url}`);
    }
    return body;
  });
  cache.set(url, pending);
  pending.catch(() => cache.delete(url));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value);
  return pending;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const VERDICTS = ['corroborated', 'premature', 'stale', 'contradicted', 'no_change',
  'pending', 'outside_coverage', 'unresolved_place'];

export function verdictColour(kind) {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${kind}`).trim() || '#777';
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function badge(kind) {
  return el('span', { class: `badge verdict-${kind}` }, kind.replace('_', ' '));
}

export const km2 = (value) => `${Math.round(value).toLocaleString('en-GB')} km²`;
export const pct = (value) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`);

// How a claim was framed in its source (fields.framing): a claim read from a denial ("Ukraine
// denies losing X") or told with doubt is never shown as a plain assertion.
const FRAMING = {
  denied: ['denied', 'Read from a denial: the source says this did not happen'],
  reported: ['reported', 'Told with doubt or attributed to someone else'],
  'reported+denied': ['reported denial', 'A denial the source reports from someone else'],
};

export function framingSign(claim) {
  const framing = (claim.fields && claim.fields.framing) || (claim.negated ? 'denied' : '');
  if (!FRAMING[framing]) return null;
  const [text, title] = FRAMING[framing];
  return el('span', { class: `framing framing-${framing.replace('+', '-')}`, title }, text);
}

const number = (v) => (typeof v === 'number' ? v.toLocaleString('en-GB') : v);

// What a claim says, in a few words: the action for a territorial claim, the numbers (low–high,
// best) and what is counted for a quantity claim.
export function claimSummary(claim) {
  const f = claim.fields || {};
  if (claim.type === 'quantity' && f.best !== undefined) {
    const range = f.low !== undefined && f.high !== undefined && f.low !== f.high
      ? `${number(f.low)}–${number(f.high)} (best ${number(f.best)})` : number(f.best);
    const unit = f.unit === 'money' ? f.currency || 'money' : f.unit || '';
    return [f.side || claim.actor, f.kind, range, unit].filter(Boolean).join(' ');
  }
  if (claim.type === 'attribute' && f.predicate) return [f.subject, f.predicate, f.value].filter(Boolean).join(' ');
  const place = claim.place ? claim.place.name || claim.place.mention : '';
  return [claim.actor, claim.action, place].filter(Boolean).join(' ');
}

// A place with what tells it from its namesakes: oblast and raion.
export function placeLabel(place) {
  if (!place) return '–';
  const name = place.name || place.mention;
  const where = [place.raion, place.oblast].filter(Boolean).join(', ');
  return where ? el('span', {}, name, ' ', el('span', { class: 'muted where' }, where)) : name;
}
