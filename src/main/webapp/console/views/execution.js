// One execution: its record, task timeline, errors, audit trail, logs and definition.
import * as api from '../api.js';
import {
  el, show, status, time, duration, human, link, jsonTree, stopRefresh, refreshEvery, keepStream,
  liveState,
} from '../ui.js';

const LOG_PAGE = 500;
const TERMINAL = new Set(['Complete', 'Failed', 'Cancelled']);

// ------------------------------------------------------------------------------ one execution

export async function execution(id, query = new URLSearchParams()) {
  stopRefresh();
  const e = await api.get(`executions/${encodeURIComponent(id)}`);
  const finished = TERMINAL.has(e.status) || e.archived_at;
  const state = liveState();
  const record = el('dl', { class: 'grid', id: 'record' });
  const tasks = el('section', { class: 'card timeline', id: 'tasks' });
  const errors = el('section', { class: 'card', id: 'errors-card' });
  const audit = el('section', { class: 'card', id: 'audit-card' });
  const logs = el('section', { class: 'card', id: 'logs-card' });
  let viewer = null;
  const renderRecord = () => record.replaceChildren(
    el('dt', {}, 'Workflow'), el('dd', {}, link(`#/workflows/${encodeURIComponent(e.workflow_name)}`, e.workflow_name)),
    el('dt', {}, 'Status'), el('dd', { id: 'record-status' }, status(e.status)),
    el('dt', {}, 'Created'), el('dd', {}, time(e.created_at)),
    el('dt', {}, 'Completed'), el('dd', {}, time(e.completed_at)),
    el('dt', {}, 'Duration'), el('dd', {}, duration(e.created_at, e.completed_at)),
    el('dt', {}, 'Success'), el('dd', {}, e.success === null ? '—' : String(e.success)),
    el('dt', {}, 'Labels'), el('dd', { id: 'record-labels' }, Object.entries(e.labels).map(([k, v]) => el('code', {}, `${k}=${v} `))),
    el('dt', {}, 'Version'), el('dd', {}, String(e.version)),
    el('dt', {}, 'Definition'), el('dd', { class: 'mono' }, e.snapshot_hash),
    ...(e.archived_at ? [el('dt', {}, 'Archived'), el('dd', {}, time(e.archived_at),
      ' — read from the archive; restoring it (POST …/restore, role admin) lets it change again')] : []));
  const renderTasks = () => tasks.replaceChildren(el('h2', {}, 'Tasks'), timeline(e), taskTable(e));
  const renderErrors = () => errors.replaceChildren(el('h2', {}, 'Errors'), errorList(e));
  const renderAudit = () => audit.replaceChildren(el('h2', {}, 'Audit trail'), auditTable(e));
  const renderLogs = () => {
    const asked = query.get('task');
    const first = asked && asked in e.per_task_logs ? asked : Object.keys(e.per_task_logs)[0];
    viewer = logViewer(e, viewer?.task() ?? first, !finished);
    logs.replaceChildren(el('h2', {}, 'Logs'), viewer.node);
  };
  renderRecord();
  renderTasks();
  renderErrors();
  renderAudit();
  renderLogs();
  show(
    el('h1', {}, 'Execution ', el('span', { class: 'mono' }, e.id),
      e.archived_at ? el('span', { class: 'badge archived' }, 'archived') : '', finished ? '' : state),
    el('section', { class: 'card' }, record,
      el('p', {},
        link(`#/executions/${encodeURIComponent(e.id)}/diff`, 'What changed since the previous run'), ' · ',
        link(`#/compare?a=${encodeURIComponent(e.id)}`, 'Compare with another run'))),
    tasks, errors, logs, audit,
    el('section', { class: 'card json' }, el('h2', {}, 'Definition that ran'),
      el('button', {
        type: 'button', class: 'plain', id: 'copy-definition',
        onclick: async (event) => {
          await navigator.clipboard.writeText(JSON.stringify(e.workflow_snapshot, null, 2))
            .then(() => { event.target.textContent = 'Copied'; }, () => { event.target.textContent = 'Copy failed'; });
        },
      }, 'Copy JSON'),
      jsonTree(e.workflow_snapshot)));
  // Opened at a task (#/executions/{id}?task=…, from a workflow's grid): its row, shown and marked.
  const focused = query.get('task') ? document.getElementById(`task-${query.get('task')}`) : null;
  if (focused) {
    focused.classList.add('focused');
    focused.scrollIntoView({ block: 'center' });
  }
  performance.mark('console:detail-rendered');
  if (finished) return;

  // Live: the run's stream from its first link; what the page shows already (counted by kind,
  // and by task for log lines: each kind comes in chain order) is skipped, the rest applied.
  const seen = {
    status: e.status_history.length,
    audit: e.audit_trail.length,
    error: e.errors.length,
    log: Object.fromEntries(Object.entries(e.per_task_logs).map(([t, lines]) => [t, lines.length])),
  };
  const fresh = (kind, task) => {
    if (kind === 'log') {
      if ((seen.log[task] ?? 0) > 0) { seen.log[task]--; return false; }
      return true;
    }
    if (seen[kind] > 0) { seen[kind]--; return false; }
    return true;
  };
  keepStream(api.follow(`executions/${encodeURIComponent(e.id)}/events`, {}, {
    onState: (s) => {
      state.set(s);
      if (s === 'polling') refreshEvery(() => execution(id).catch(() => {}), 5000);
    },
    onEvent: (name, data) => {
      if (name === 'task') {
        const at = e.tasks.findIndex((t) => t.task_id === data.task_id);
        if (at >= 0) e.tasks[at] = data; else e.tasks.push(data);
        renderTasks();
      } else if (name === 'labels') {
        e.labels = data.labels;
        renderRecord();
      } else if (name === 'status' && fresh('status')) {
        Object.assign(e, { status: data.status, success: data.success, completed_at: data.completed_at });
        e.status_history.push(data);
        renderRecord();
      } else if (name === 'audit' && fresh('audit')) {
        e.audit_trail.push(data);
        renderAudit();
      } else if (name === 'error' && fresh('error')) {
        e.errors.push(data);
        renderErrors();
      } else if (name === 'log' && fresh('log', data.task_id)) {
        const known = data.task_id in e.per_task_logs;
        (e.per_task_logs[data.task_id] ??= []).push(data.line);
        if (!known || !viewer.appended(data.task_id)) renderLogs();
      }
    },
  }));
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
 * responsive), and find: every match is counted, and Next goes to the page of the next one. On a
 * live run, Follow keeps the last page in view as lines are appended (as tail -f does).
 * Returns { node, task(), appended(task) }: appended re-renders after lines were added to
 * e.per_task_logs[task] (false if the viewer cannot show them and must be made again).
 */
function logViewer(e, first, live) {
  const tasks = Object.keys(e.per_task_logs);
  if (!tasks.length) {
    return { node: el('p', { class: 'hint' }, 'No log line.'), task: () => null, appended: () => false };
  }
  let task = tasks.includes(first) ? first : tasks[0];
  let lines = e.per_task_logs[task];
  let page = 0;
  let hits = [];
  let hit = -1;
  const list = el('ol', { id: 'log-lines' });
  const box = el('div', { class: 'log', tabindex: '0', 'aria-label': 'Log lines' }, list);
  const where = el('span', { class: 'hint', id: 'log-where' });
  const found = el('span', { id: 'log-found', role: 'status' });
  const follow = el('input', { type: 'checkbox', id: 'log-follow', checked: live });
  const lastPage = () => Math.max(0, Math.ceil(lines.length / LOG_PAGE) - 1);
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
  const tail = () => {
    page = lastPage();
    render();
    box.scrollTop = box.scrollHeight;
  };
  const taskSelect = el('select', { id: 'log-task', 'aria-label': 'Task' },
    tasks.map((t) => el('option', { value: t, selected: t === task }, `${t} (${e.per_task_logs[t].length} lines)`)));
  taskSelect.addEventListener('change', () => {
    task = taskSelect.value; lines = e.per_task_logs[task]; page = 0; hits = []; hit = -1; found.textContent = '';
    if (follow.checked) tail(); else render();
  });
  follow.addEventListener('change', () => { if (follow.checked) tail(); });
  const search = el('input', { id: 'log-find', type: 'search', placeholder: 'find in log', 'aria-label': 'Find in log' });
  const find = (event) => {
    event.preventDefault();
    const text = search.value.toLowerCase();
    hits = [];
    if (text) lines.forEach((line, i) => { if (line.toLowerCase().includes(text)) hits.push(i); });
    hit = hits.length ? 0 : -1;
    found.textContent = text ? `${hits.length} matching line${hits.length === 1 ? '' : 's'}` : '';
    if (hit >= 0) { follow.checked = false; goTo(hits[hit]); } else render();
  };
  const tools = el('form', { class: 'log-tools', onsubmit: find },
    taskSelect, search, el('button', { type: 'submit' }, 'Find'),
    el('button', { type: 'button', class: 'plain', onclick: () => { if (hits.length) { follow.checked = false; hit = (hit + 1) % hits.length; goTo(hits[hit]); } } }, 'Next match'),
    found,
    el('button', { type: 'button', class: 'plain', onclick: () => { if (page > 0) { follow.checked = false; page--; render(); } } }, '← Earlier'),
    el('button', { type: 'button', class: 'plain', onclick: () => { if ((page + 1) * LOG_PAGE < lines.length) { page++; render(); } } }, 'Later →'),
    where,
    live ? el('label', { class: 'follow', for: 'log-follow' }, follow, ' Follow (tail -f)') : '');
  if (live && follow.checked) tail(); else render();
  return {
    node: el('div', {}, tools, box),
    task: () => task,
    appended: (changed) => {
      const option = [...taskSelect.options].find((o) => o.value === changed);
      if (!option) return false;
      option.textContent = `${changed} (${e.per_task_logs[changed].length} lines)`;
      if (changed !== task) return true;
      if (follow.checked) tail();
      else where.textContent = `lines ${page * LOG_PAGE + 1}–${Math.min((page + 1) * LOG_PAGE, lines.length)} of ${lines.length}`;
      return true;
    },
  };
}
