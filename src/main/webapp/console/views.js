// The console's views. Each reads what it shows from the REST API and renders it.
import * as api from './api.js';
import {
  el, show, status, time, duration, human, link, executionLink, jsonTree, patchTable,
} from './ui.js';

const STATUSES = ['Pending', 'Running', 'Paused', 'Complete', 'Failed', 'Cancelled'];
const FILTERS = ['workflow_name', 'status', 'success', 'created_after', 'created_before', 'label',
  'error_contains'];
const LOG_PAGE = 500;
let refreshTimer = null;

// ------------------------------------------------------------------------------ executions

export async function executions(query) {
  clearInterval(refreshTimer);
  const parameters = {};
  for (const name of FILTERS) {
    const values = query.getAll(name).filter((v) => v !== '');
    if (values.length) parameters[name] = name === 'label' ? values : values[0];
  }
  const page = await api.get('executions', { ...parameters, limit: 50, cursor: query.get('cursor') });
  const form = filterForm(query);
  const rows = page.items.map((e) => el('tr', { class: 'execution' },
    el('td', { class: 'mono' }, executionLink(e.id)),
    el('td', {}, link(`#/workflows/${encodeURIComponent(e.workflow_name)}`, e.workflow_name)),
    el('td', {}, status(e.status)),
    el('td', {}, time(e.created_at)),
    el('td', {}, duration(e.created_at, e.completed_at)),
    el('td', {}, e.success === null ? '—' : e.success ? 'yes' : 'no'),
    el('td', {}, Object.entries(e.labels ?? {}).map(([k, v]) => el('code', {}, `${k}=${v} `)))));
  const next = page.next_cursor
    ? el('a', { href: hashWith(query, { cursor: page.next_cursor }), class: 'next' }, 'Next page →')
    : el('span', { class: 'hint' }, 'Last page');
  const auto = el('input', { type: 'checkbox', id: 'auto-refresh', checked: query.get('refresh') === 'on' });
  auto.addEventListener('change', () => {
    location.hash = hashWith(query, { refresh: auto.checked ? 'on' : null, cursor: null });
  });
  if (auto.checked) refreshTimer = setInterval(() => executions(query).catch(() => {}), 5000);
  show(
    el('h1', {}, 'Executions'),
    form,
    el('p', {}, auto, ' ', el('label', { for: 'auto-refresh', style: 'display:inline' },
      'Refresh every 5 s (for running executions)')),
    el('table', { id: 'executions' },
      el('thead', {}, el('tr', {}, ['id', 'workflow', 'status', 'created', 'duration', 'success',
        'labels'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 7 }, 'No execution matches.')))),
    el('div', { class: 'pager' }, query.get('cursor') ? link(hashWith(query, { cursor: null }), '← First page') : '', next));
  performance.mark('console:list-rendered');
}

function filterForm(query) {
  const field = (name, label, attributes = {}) => el('div', {},
    el('label', { for: `f-${name}` }, label),
    el('input', { id: `f-${name}`, name, value: query.get(name) ?? '', ...attributes }));
  const chosen = new Set((query.get('status') ?? '').split(',').filter(Boolean));
  const statusBox = el('fieldset', {}, el('legend', { class: 'hint' }, 'Status'),
    STATUSES.map((s) => el('label', { style: 'display:inline;margin-right:.4rem' },
      el('input', { type: 'checkbox', name: 'status', value: s, checked: chosen.has(s) }), ` ${s}`)));
  const success = el('div', {}, el('label', { for: 'f-success' }, 'Success'),
    el('select', { id: 'f-success', name: 'success' },
      ['', 'true', 'false'].map((v) => el('option', { value: v, selected: (query.get('success') ?? '') === v },
        v === '' ? 'any' : v === 'true' ? 'yes' : 'no'))));
  const form = el('form', { class: 'filters card', id: 'filters' },
    field('workflow_name', 'Workflow'),
    statusBox,
    success,
    field('created_after', 'Created from (UTC)', { placeholder: '2026-01-01T00:00:00Z' }),
    field('created_before', 'Created before (UTC)', { placeholder: '2026-12-31T00:00:00Z' }),
    field('label', 'Label (key:value or key)', { placeholder: 'env:prod' }),
    field('error_contains', 'Error text', { placeholder: 'connection reset' }),
    el('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      if (name === 'status') {
        const statuses = data.getAll('status');
        if (statuses.length) next.set('status', statuses.join(','));
      } else if (data.get(name)) {
        next.set(name, data.get(name));
      }
    }
    location.hash = `#/executions?${next}`;
  });
  return form;
}

function hashWith(query, changes) {
  const next = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  return `#/executions?${next}`;
}

// ------------------------------------------------------------------------------ one execution

export async function execution(id) {
  clearInterval(refreshTimer);
  const e = await api.get(`executions/${encodeURIComponent(id)}`);
  const logTask = Object.keys(e.per_task_logs)[0];
  show(
    el('h1', {}, 'Execution ', el('span', { class: 'mono' }, e.id)),
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
        el('dt', {}, 'Definition'), el('dd', { class: 'mono' }, e.snapshot_hash)),
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

// ------------------------------------------------------------------------------ definition diff

/** This run's definition against the previous run's, a version's (?hash=) or a run's (?against=). */
export async function diff(id, query) {
  const e = await api.get(`executions/${encodeURIComponent(id)}`);
  let beforeLabel;
  let patch;
  let before;
  if (query.get('hash')) {
    const hash = query.get('hash');
    [patch, before] = await Promise.all([
      api.get(`snapshots/${hash}/diff/${e.snapshot_hash}`), api.get(`snapshots/${hash}`)]);
    beforeLabel = `definition ${hash.slice(0, 12)}…`;
  } else {
    let other = query.get('against');
    if (!other) {
      const previous = await api.get('executions', {
        workflow_name: e.workflow_name, created_before: e.created_at, limit: 1 });
      other = previous.items[0]?.id;
    }
    if (!other) {
      show(el('h1', {}, 'Definition diff'), el('p', {}, `${id} is the first run of ${e.workflow_name}.`), choices(e, []));
      return;
    }
    [patch, before] = await Promise.all([
      api.get(`executions/${encodeURIComponent(id)}/snapshot/diff`, { against: other }),
      api.get(`executions/${encodeURIComponent(other)}/snapshot`)]);
    beforeLabel = el('span', {}, 'run ', executionLink(other));
  }
  const versions = await api.get(`workflows/${encodeURIComponent(e.workflow_name)}/snapshots`);
  show(
    el('h1', {}, 'Definition diff'),
    el('p', {}, 'From ', beforeLabel, ' to run ', executionLink(id), ` (${e.workflow_name})`),
    el('section', { class: 'card', id: 'diff' }, patchTable(patch, before)),
    choices(e, versions));
}

function choices(e, versions) {
  const id = encodeURIComponent(e.id);
  const other = el('input', { id: 'against', name: 'against', placeholder: 'execution id' });
  return el('section', { class: 'card' }, el('h2', {}, 'Compare this run\'s definition with'),
    el('ul', {},
      el('li', {}, link(`#/executions/${id}/diff`, 'the previous run of the workflow')),
      versions.map((v) => el('li', {}, link(`#/executions/${id}/diff?hash=${v.hash}`,
        `version ${v.number} (${v.hash.slice(0, 12)}…, ${v.run_count} runs)`)))),
    el('form', { onsubmit: (event) => { event.preventDefault(); location.hash = `#/executions/${id}/diff?against=${encodeURIComponent(other.value)}`; } },
      el('label', { for: 'against' }, 'another execution'), other, ' ', el('button', { type: 'submit' }, 'Diff')));
}

/** Between two stored definitions: #/snapshots?from=&to=&workflow= */
export async function snapshotDiff(query) {
  const from = query.get('from');
  const to = query.get('to');
  const [patch, before] = await Promise.all([api.get(`snapshots/${from}/diff/${to}`), api.get(`snapshots/${from}`)]);
  show(el('h1', {}, 'Definition diff'),
    el('p', {}, `From ${from.slice(0, 12)}… to ${to.slice(0, 12)}…`,
      query.get('workflow') ? ` (${query.get('workflow')})` : ''),
    el('section', { class: 'card', id: 'diff' }, patchTable(patch, before)));
}

// ------------------------------------------------------------------------------ workflows

export async function workflows() {
  clearInterval(refreshTimer);
  const all = await api.get('workflows');
  show(el('h1', {}, 'Workflows'),
    el('table', { id: 'workflows' },
      el('thead', {}, el('tr', {}, ['workflow', 'runs', 'last run', 'definitions'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, all.map((w) => el('tr', {},
        el('td', {}, link(`#/workflows/${encodeURIComponent(w.workflow_name)}`, w.workflow_name)),
        el('td', {}, String(w.run_count)), el('td', {}, time(w.last_run_at)), el('td', {}, String(w.definitions)))))));
}

export async function workflow(name) {
  clearInterval(refreshTimer);
  const [versions, runs] = await Promise.all([
    api.get(`workflows/${encodeURIComponent(name)}/snapshots`),
    api.get('executions', { workflow_name: name, limit: 20 })]);
  show(el('h1', {}, name),
    el('section', { class: 'card' }, el('h2', {}, 'Definition versions'),
      el('table', { id: 'versions' },
        el('thead', {}, el('tr', {}, ['version', 'hash', 'first used', 'last used', 'runs', 'change'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, versions.map((v, i) => el('tr', {},
          el('td', {}, String(v.number)), el('td', { class: 'mono' }, `${v.hash.slice(0, 12)}…`),
          el('td', {}, time(v.first_used_at)), el('td', {}, time(v.last_used_at)), el('td', {}, String(v.run_count)),
          el('td', {}, i === 0 ? '—' : link(`#/snapshots?from=${versions[i - 1].hash}&to=${v.hash}&workflow=${encodeURIComponent(name)}`,
            `diff from version ${versions[i - 1].number}`))))))),
    el('section', { class: 'card' }, el('h2', {}, 'Recent runs'),
      el('p', {}, link(`#/executions?workflow_name=${encodeURIComponent(name)}`, 'All runs of this workflow')),
      el('ul', {}, runs.items.map((r) => el('li', {}, executionLink(r.id), ' ', status(r.status), ' ', time(r.created_at))))));
}

// ------------------------------------------------------------------------------ compare two runs

export async function compare(query) {
  clearInterval(refreshTimer);
  const a = query.get('a') ?? '';
  const b = query.get('b') ?? '';
  const form = el('form', { class: 'filters card', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    location.hash = `#/compare?a=${encodeURIComponent(data.get('a'))}&b=${encodeURIComponent(data.get('b'))}`;
  } },
  el('div', {}, el('label', { for: 'cmp-a' }, 'Run A'), el('input', { id: 'cmp-a', name: 'a', value: a })),
  el('div', {}, el('label', { for: 'cmp-b' }, 'Run B'), el('input', { id: 'cmp-b', name: 'b', value: b })),
  el('button', { type: 'submit' }, 'Compare'));
  if (!a || !b) {
    show(el('h1', {}, 'Compare two runs'), form);
    return;
  }
  const [x, y, patch, before] = await Promise.all([
    api.get(`executions/${encodeURIComponent(a)}`), api.get(`executions/${encodeURIComponent(b)}`),
    api.get(`executions/${encodeURIComponent(b)}/snapshot/diff`, { against: a }),
    api.get(`executions/${encodeURIComponent(a)}/snapshot`)]);
  const ms = (t) => (t?.started_at && t?.completed_at ? Date.parse(t.completed_at) - Date.parse(t.started_at) : null);
  const ids = [...new Set([...x.tasks.map((t) => t.task_id), ...y.tasks.map((t) => t.task_id)])];
  const side = (e) => el('section', { class: 'card' }, el('h2', {}, executionLink(e.id)),
    el('dl', { class: 'grid' },
      el('dt', {}, 'Status'), el('dd', {}, status(e.status)),
      el('dt', {}, 'Duration'), el('dd', {}, duration(e.created_at, e.completed_at)),
      el('dt', {}, 'Created'), el('dd', {}, time(e.created_at)),
      el('dt', {}, 'Definition'), el('dd', { class: 'mono' }, `${e.snapshot_hash.slice(0, 12)}…`)),
    el('h2', {}, 'Errors'),
    e.errors.length ? el('ul', {}, e.errors.map((err) => el('li', {}, err.task_id ? `${err.task_id}: ` : '', err.message)))
      : el('p', { class: 'hint' }, 'none'));
  show(el('h1', {}, 'Compare two runs'), form,
    el('div', { class: 'cols', id: 'comparison' }, side(x), side(y)),
    el('section', { class: 'card' }, el('h2', {}, 'Tasks'),
      el('table', { id: 'task-deltas' },
        el('thead', {}, el('tr', {}, ['task', 'status A', 'status B', 'duration A', 'duration B', 'B − A'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ids.map((id) => {
          const ta = x.tasks.find((t) => t.task_id === id);
          const tb = y.tasks.find((t) => t.task_id === id);
          const da = ms(ta);
          const db = ms(tb);
          const delta = da !== null && db !== null ? db - da : null;
          return el('tr', {}, el('td', { class: 'mono' }, id),
            el('td', {}, ta ? status(ta.status) : '—'), el('td', {}, tb ? status(tb.status) : '—'),
            el('td', {}, da === null ? '—' : human(da)), el('td', {}, db === null ? '—' : human(db)),
            el('td', { class: delta > 0 ? 'delta-pos' : delta < 0 ? 'delta-neg' : null },
              delta === null ? '—' : `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${human(Math.abs(delta))}`));
        })))),
    el('section', { class: 'card' }, el('h2', {}, 'Definition: from A to B'), el('div', { id: 'diff' }, patchTable(patch, before))));
}
