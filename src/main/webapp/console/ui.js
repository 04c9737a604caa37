// Small helpers shared by the views: elements, times, statuses, JSON.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function show(...nodes) {
  const view = document.getElementById('view');
  view.replaceChildren(...nodes);
}

/** Status as colour and text (never colour alone). */
export function status(name) {
  return el('span', { class: `status s-${name}` }, name ?? '—');
}

export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso }, date.toISOString().replace('T', ' ').slice(0, 19));
}

export function duration(from, to) {
  if (!from || !to) return '—';
  return human(new Date(to) - new Date(from));
}

export function human(ms) {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function link(href, text) {
  return el('a', { href }, text);
}

export function executionLink(id) {
  return link(`#/executions/${encodeURIComponent(id)}`, id);
}

/** JSON as a collapsible tree: objects and arrays are <details>, open to the given depth. */
export function jsonTree(value, openDepth = 2, depth = 0) {
  if (value === null || typeof value !== 'object') {
    const kind = typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : '';
    return el('span', { class: kind }, JSON.stringify(value));
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const open = Array.isArray(value) ? '[' : '{';
  const close = Array.isArray(value) ? ']' : '}';
  const details = el('details', { open: depth < openDepth },
    el('summary', {}, `${open} ${entries.length} ${Array.isArray(value) ? 'items' : 'keys'} ${close}`));
  for (const [key, child] of entries) {
    details.append(el('div', {}, el('span', { class: 'k' }, JSON.stringify(key)), ': ',
      jsonTree(child, openDepth, depth + 1)));
  }
  return details;
}

/** The value at an RFC 6901 pointer, or undefined. */
export function pointer(document, path) {
  if (path === '') return document;
  let node = document;
  for (const raw of path.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** An RFC 6902 patch from `before` to the after-document, for people: path, before → after. */
export function patchTable(patch, before) {
  if (patch.length === 0) return el('p', {}, 'The two definitions are the same.');
  const words = { add: 'added', remove: 'removed', replace: 'changed', move: 'moved', copy: 'copied' };
  const shown = (v) => (v === undefined ? '' : el('code', {}, JSON.stringify(v)));
  return el('table', { class: 'diff' },
    el('thead', {}, el('tr', {}, el('th', {}, 'change'), el('th', {}, 'path'),
      el('th', {}, 'before'), el('th', {}, 'after'))),
    el('tbody', {}, patch.map((op) => el('tr', { class: 'change' },
      el('td', { class: `op op-${op.op}` }, words[op.op] ?? op.op),
      el('td', {}, el('code', {}, op.path)),
      el('td', {}, op.op === 'add' ? '' : shown(pointer(before, op.from ?? op.path))),
      el('td', {}, op.op === 'remove' ? '' : shown(op.value ?? pointer(before, op.from)))))));
}

// A view follows a stream (or, when the stream cannot be had, reloads on a timer); every view
// stops both when it is shown.
let refreshTimer = null;
let stream = null;

export function refreshEvery(task, millis) {
  clearInterval(refreshTimer);
  refreshTimer = setInterval(task, millis);
}

export function stopRefresh() {
  clearInterval(refreshTimer);
  refreshTimer = null;
  stream?.close();
  stream = null;
}

/** The view's stream (see api.follow), closed when another view is shown. */
export function keepStream(handle) {
  stream?.close();
  stream = handle;
}

const STATES = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  polling: 'stream unavailable: reloading every 5 s',
  ended: 'finished: nothing more will change',
  'signed-out': 'signed out',
};

/** The connection's state, shown as text (never colour alone): live, reconnecting, polling, … */
export function liveState() {
  const node = el('span', { id: 'live-state', class: 'live', role: 'status' });
  node.set = (state) => {
    node.className = `live live-${state}`;
    node.dataset.state = state;
    node.textContent = STATES[state] ?? state;
  };
  return node;
}
