// Who the page is signed in as (/api/session), the sign-in and sign-out buttons, and the
// request for an unredacted item with a reason (analysts and admins; the server logs it).
import { askToken, el, fetchJSON, getJSON, signedIn, signOut } from './api.js';

export const session = { name: '', role: 'viewer', may_unredact: false };

export async function loadSession() {
  Object.assign(session, await getJSON('/api/session'));
  showSession();
  return session;
}

export function showSession() {
  const user = document.getElementById('session-user');
  user.textContent = session.name && session.via !== 'single-user' ? `${session.name} · ${session.role}` : '';
  document.getElementById('sign-out-button').hidden = !signedIn();
  document.getElementById('sign-in-button').hidden = signedIn() || session.via === 'single-user';
}

export function wireSessionButtons() {
  // a Cancel that is not a submit button, so that Enter in a field submits the form
  document.querySelectorAll('dialog button[data-close]').forEach((button) => button.addEventListener(
    'click', () => button.closest('dialog').close('cancel')));
  document.getElementById('sign-in-button').addEventListener('click', async () => {
    if (await askToken()) location.reload();
  });
  document.getElementById('sign-out-button').addEventListener('click', () => {
    signOut();
    location.reload();
  });
}

// The reason dialog; resolves the reason, or null on cancel.
function askReason() {
  const dialog = document.getElementById('reason');
  const text = document.getElementById('reason-text');
  text.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ask' && text.value.trim() ? text.value.trim() : null), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    text.focus();
  });
}

// A button that asks for `url` unredacted with a reason and hands the answer to `show`;
// null for a role that may not (a viewer never sees the offer).
export function unredactButton(url, show) {
  if (!session.may_unredact) return null;
  return el('button', { type: 'button', class: 'unredact', onclick: async (event) => {
    const reason = await askReason();
    if (!reason) return;
    const button = event.target;
    try {
      const sep = url.includes('?') ? '&' : '?';
      show(await fetchJSON(`${url}${sep}unredacted=1`, { 'X-Frontcheck-Reason': reason }));
    } catch (error) {
      button.replaceWith(el('p', { class: 'note' }, String(error.message || error)));
    }
  } }, 'Show unredacted…');
}
