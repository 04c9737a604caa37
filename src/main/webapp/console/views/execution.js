// One execution: its record, task timeline, errors, audit trail, logs and definition.
import * as api from '../api.js';
import {
  el, show, status, time, duration, human, link, jsonTree, stopRefresh,
} from '../ui.js';

const LOG_PAGE = 500;

// ------------------------------------------------------------------------------ one execution

export async function execution(id) {
  stopRefresh();
  const e = await api.get(`executions/${encodeURIComponent(id)}`);
  const logTask = Object.keys(e.per_task_logs)[0];
  show(
    el('h1', {}, 'Execution ', el('span', { class: 'mono' }, e.id),
      e.archived_at ? el('span', { class: 'badge archived' }, 'archived') : ''),
    el('section', { class: 'card' },
      el('dl', { class: 'grid' },
        el('dt', {}, 'Workflow'), el('dd', {}, link(`#/workflows/${encodeURIComponent(e.workflow_name)}`, e.workflow_name)),
        el('dt', {}, 'Status'), el('dd', {}, status(e.status)),
        el('dt', {}, 'Created'), el('dd', {}, time(e.created_at)),
        el('dt', {}, 'Completed'), el('dd', {}, time(e.completed_at)),
        el('dt', {}, 'Duration'), el('dd', {}, duration(e.created_at, e.completed_at)),
        el('dt', {}, 'Success'), el('dd', {}, e.success === null ? '—' : String(e.success)),
        el('dt', {}, 'Labels'), el('dd', {}, Object.entries(e.labels).map(([k, v]) => el('code', {}, `${k}=${v} `))),
        el('dt', {}, 'Version'), el('dd', {}, String(e.version)),
        el('dt', {}, 'Definition'), el('dd', { class: 'mono' }, e.snapshot_hash),
        ...(e.archived_at ? [el('dt', {}, 'Archived'), el('dd', {}, time(e.archived_at),
          ' — read from the archive; restoring it (POST …/restore, role admin) lets it change again')] : [])),
      el('p', {},
        link(`#/executions/${encodeURIComponent(e.id)}/diff`, 'What changed since the previous run'), ' · ',
        link(`#/compare?a=${encodeURIComponent(e.id)}`, 'Compare with another run'))),
    el('section', { class: 'card timeline' }, el('h2', {}, 'Tasks'), timeline(e), taskTable(e)),
    el('section', { class: 'card' }, el('h2', {}, 'Errors'), errorList(e)),
    el('section', { class: 'card' }, el('h2', {}, 'Logs'), logViewer(e, logTask)),
    el('section', { class: 'card' }, el('h2', {}, 'Audit trail'), auditTable(e)),
    el('section', { class: 'card json' }, el('h2', {}, 'Definition that ran'),
      el('button', {
        type: 'button', class: 'plain', id: 'copy-definition',
        onclick: async (event) => {
          await navigator.clipboard.writeText(JSON.stringify(e.workflow_snapshot, null, 2))
            .then(() => { event.target.textContent = 'Copied'; }, () => { event.target.textContent = 'Copy failed'; });
        },
      }, 'Copy JSON'),
      jsonTree(e.workflow_snapshot)));
  performance.mark('console:detail-rendered');
}

/** A bar per task from started_at to completed_at, coloured by status and labelled with it. */
function timeline(e) {
  const tasks = e.tasks.filter((t) => t.started_at);
  if (!tasks.length) return el('p', { class: 'hint' }, 'No task has started.');
  const start = Math.min(...tasks.map((t) => Date.parse(t.started_at)));
  const end = Math.max(...tasks.map((t) => Date.parse(t.completed_at ?? e.completed_at ?? t.started_at)), start + 1);
  const width = 1000;
  const row = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${tasks.length * row + 4}`);
  svg.setAttribute('role', 'list');
  svg.setAttribute('aria-label', 'Task timeline');
  tasks.forEach((t, i) => {
    const from = Date.parse(t.started_at);
    const to = Date.parse(t.completed_at ?? e.completed_at ?? t.started_at);
    const x = ((from - start) / (end - start)) * (width - 260);
    const w = Math.max(((to - from) / (end - start)) * (width - 260), 3);
    const text = `${t.task_id}: ${t.status}, ${t.started_at} → ${t.completed_at ?? 'not completed'} (${human(to - from)})`;
    const g = document.createElementNS(svg.namespaceURI, 'g');
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'listitem');
    g.setAttribute('aria-label', text);
    g.setAttribute('class', 'task-bar');
    const rect = document.createElementNS(svg.namespaceURI, 'rect');
    Object.entries({ x, y: i * row + 4, width: w, height: row - 8, rx: 3 }).forEach(([k, v]) => rect.setAttribute(k, v));
    rect.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue(
      { Complete: '--ok', Failed: '--fail', Running: '--run', Cancelled: '--stop' }[t.status] ?? '--wait'));
    const title = document.createElementNS(svg.namespaceURI, 'title');
    title.textContent = text;
    const label = document.createElementNS(svg.namespaceURI, 'text');
    Object.entries({ x: width - 250, y: i * row + 17, class: 'bar-label' }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = `${t.task_id} · ${t.status} · ${human(to - from)}`;
    g.append(title, rect, label);
    svg.append(g);
  });
  return svg;
}

function taskTable(e) {
  return el('table', {},
    el('thead', {}, el('tr', {}, ['task', 'name', 'status', 'started', 'completed', 'duration', 'attempt', 'error']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, e.tasks.map((t) => el('tr', { id: `task-${t.task_id}` },
      el('td', { class: 'mono' }, t.task_id), el('td', {}, t.name ?? ''), el('td', {}, status(t.status)),
      el('td', {}, time(t.started_at)), el('td', {}, time(t.completed_at)),
      el('td', {}, duration(t.started_at, t.completed_at)), el('td', {}, String(t.attempt)),
      el('td', {}, t.error ?? '')))));
}

function errorList(e) {
  if (!e.errors.length) return el('p', { class: 'hint' }, 'No error was recorded.');
  return el('ul', { id: 'errors' }, e.errors.map((x) => el('li', {},
    time(x.occurred_at), ' ',
    x.task_id ? el('a', { href: `#/executions/${encodeURIComponent(e.id)}`, onclick: (ev) => {
      ev.preventDefault();
      document.getElementById(`task-${x.task_id}`)?.scrollIntoView();
    } }, `task ${x.task_id}`) : 'execution', ': ',
    el('span', { class: 'error-message' }, x.message))));
}

function auditTable(e) {
  if (!e.audit_trail.length) return el('p', { class: 'hint' }, 'No audit entry.');
  return el('table', {},
    el('thead', {}, el('tr', {}, ['time', 'actor', 'action', 'details'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, e.audit_trail.map((a) => el('tr', {},
      el('td', {}, time(a.timestamp)), el('td', {}, a.actor ?? ''), el('td', {}, a.action),
      el('td', { class: 'mono' }, a.details ? JSON.stringify(a.details) : '')))));
}

/**
 * One task's log with line numbers, a page of lines at a time (so that 100,000 lines stay
 * responsive), and find: every match is counted, and Next goes to the page of the next one.
 */
function logViewer(e, first) {
  const tasks = Object.keys(e.per_task_logs);
  if (!tasks.length) return el('p', { class: 'hint' }, 'No log line.');
  let task = first;
  let lines = e.per_task_logs[task];
  let page = 0;
  let hits = [];
  let hit = -1;
  const list = el('ol', { id: 'log-lines' });
  const box = el('div', { class: 'log', tabindex: '0', 'aria-label': 'Log lines' }, list);
  const where = el('span', { class: 'hint', id: 'log-where' });
  const found = el('span', { id: 'log-found', role: 'status' });
  const render = () => {
    const from = page * LOG_PAGE;
    list.setAttribute('start', from + 1);
    const marked = new Set(hits);
    list.replaceChildren(...lines.slice(from, from + LOG_PAGE).map((line, i) =>
      el('li', { class: marked.has(from + i) ? 'hit' : null, id: `log-line-${from + i + 1}` }, line)));
    where.textContent = `lines ${from + 1}–${Math.min(from + LOG_PAGE, lines.length)} of ${lines.length}`;
  };
  const goTo = (index) => {
    page = Math.floor(index / LOG_PAGE);
    render();
    document.getElementById(`log-line-${index + 1}`)?.scrollIntoView({ block: 'center' });
  };
  const taskSelect = el('select', { id: 'log-task', 'aria-label': 'Task' },
    tasks.map((t) => el('option', { value: t, selected: t === task }, `${t} (${e.per_task_logs[t].length} lines)`)));
  taskSelect.addEventListener('change', () => {
    task = taskSelect.value; lines = e.per_task_logs[task]; page = 0; hits = []; hit = -1; found.textContent = ''; render();
  });
  const search = el('input', { id: 'log-find', type: 'search', placeholder: 'find in log', 'aria-label': 'Find in log' });
  const find = (event) => {
    event.preventDefault();
    const text = search.value.toLowerCase();
    hits = [];
    if (text) lines.forEach((line, i) => { if (line.toLowerCase().includes(text)) hits.push(i); });
    hit = hits.length ? 0 : -1;
    found.textContent = text ? `${hits.length} matching line${hits.length === 1 ? '' : 's'}` : '';
    if (hit >= 0) goTo(hits[hit]); else render();
  };
  const tools = el('form', { class: 'log-tools', onsubmit: find },
    taskSelect, search, el('button', { type: 'submit' }, 'Find'),
    el('button', { type: 'button', class: 'plain', onclick: () => { if (hits.length) { hit = (hit + 1) % hits.length; goTo(hits[hit]); } } }, 'Next match'),
    found,
    el('button', { type: 'button', class: 'plain', onclick: () => { if (page > 0) { page--; render(); } } }, '← Earlier'),
    el('button', { type: 'button', class: 'plain', onclick: () => { if ((page + 1) * LOG_PAGE < lines.length) { page++; render(); } } }, 'Later →'),
    where);
  render();
  return el('div', {}, tools, box);
}
