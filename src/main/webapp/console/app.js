// The console: sign-in, and a view per URL fragment (#/executions?…, #/executions/{id}, …), so that
// every view survives a reload and can be shared. Read-only: it changes nothing.
import * as api from './api.js';
import { show, el } from './ui.js';
import * as views from './views.js';

const routes = [
  [/^#\/executions\/([^/?]+)\/diff$/, (m, q) => views.diff(decodeURIComponent(m[1]), q)],
  [/^#\/executions\/([^/?]+)$/, (m, q) => views.execution(decodeURIComponent(m[1]), q)],
  [/^#\/executions$/, (m, q) => views.executions(q)],
  [/^#\/workflows\/([^/?]+)$/, (m, q) => views.workflow(decodeURIComponent(m[1]), q)],
  [/^#\/workflows$/, () => views.workflows()],
  [/^#\/snapshots$/, (m, q) => views.snapshotDiff(q)],
  [/^#\/compare$/, (m, q) => views.compare(q)],
];

async function route() {
  if (!api.signedIn()) {
    signInForm();
    return;
  }
  const [path, query = ''] = (location.hash || '#/executions').split('?');
  const parameters = new URLSearchParams(query);
  const match = routes.map(([pattern, view]) => [pattern.exec(path), view]).find(([m]) => m);
  try {
    if (!match) {
      location.hash = '#/executions';
      return;
    }
    await match[1](match[0], parameters);
  } catch (e) {
    if (e instanceof api.SignInNeeded) {
      signInForm(e.message);
    } else if (e instanceof api.Refused) {
      show(el('p', { class: 'message', role: 'alert' }, `Refused: ${e.message}`));
    } else {
      show(el('p', { class: 'message', role: 'alert' }, `Could not load this view: ${e.message}`));
    }
  }
}

function signInForm(message = '') {
  document.getElementById('sign-in').hidden = false;
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('view').replaceChildren();
  document.getElementById('sign-in-message').textContent = message;
  document.getElementById('user').focus();
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const token = form.token.value.trim();
  api.remember(token ? `Bearer ${token}` : api.basic(form.user.value, form.password.value));
  form.password.value = '';
  form.token.value = '';
  try {
    await enter();
  } catch (e) {
    api.forget();
    signInForm(e instanceof api.Refused
      ? `Signed in, but this user may not read executions (${e.message}).`
      : e.message || 'Those credentials were not accepted.');
  }
}

/** Who is signed in (GET /api/me); refused without the reader role. */
async function enter() {
  const me = await api.get('me');
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  const who = document.getElementById('who');
  who.hidden = false;
  who.textContent = `${me.name} (${me.roles.join(', ')})`;
  document.getElementById('sign-out').hidden = false;
  await route();
}

function signOut() {
  api.forget();
  location.hash = '#/executions';
  signInForm('Signed out.');
}

document.getElementById('sign-in-form').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
if (api.signedIn()) {
  enter().catch((e) => signInForm(e.message));
} else {
  signInForm();
}
