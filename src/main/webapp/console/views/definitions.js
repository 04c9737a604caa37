// Definitions: a run's definition diff, any two snapshots, the workflows and their versions, two runs compared.
import * as api from '../api.js';
import {
  el, show, status, time, duration, human, link, executionLink, patchTable, stopRefresh,
} from '../ui.js';

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
  stopRefresh();
  const all = await api.get('workflows');
  show(el('h1', {}, 'Workflows'),
    el('table', { id: 'workflows' },
      el('thead', {}, el('tr', {}, ['workflow', 'runs', 'last run', 'definitions'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, all.map((w) => el('tr', {},
        el('td', {}, link(`#/workflows/${encodeURIComponent(w.workflow_name)}`, w.workflow_name)),
        el('td', {}, String(w.run_count)), el('td', {}, time(w.last_run_at)), el('td', {}, String(w.definitions)))))));
}

// ------------------------------------------------------------------------------ compare two runs

export async function compare(query) {
  stopRefresh();
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
