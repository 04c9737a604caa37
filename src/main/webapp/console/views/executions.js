// The list of executions, its filters and its pages, kept current by the listing's stream.
import * as api from '../api.js';
import {
  el, show, status, time, duration, link, executionLink, stopRefresh, refreshEvery, keepStream,
  liveState,
} from '../ui.js';

const STATUSES = ['Pending', 'Running', 'Paused', 'Complete', 'Failed', 'Cancelled'];
const FILTERS = ['workflow_name', 'status', 'success', 'created_after', 'created_before', 'label',
  'error_contains', 'archived'];

// ------------------------------------------------------------------------------ executions

export async function executions(query) {
  stopRefresh();
  const parameters = {};
  for (const name of FILTERS) {
    const values = query.getAll(name).filter((v) => v !== '');
    if (values.length) parameters[name] = name === 'label' ? values : values[0];
  }
  const [page, counts] = await Promise.all([
    api.get('executions', { ...parameters, limit: 50, cursor: query.get('cursor') }),
    api.get('executions/count', { ...parameters, group_by: 'status' })]);
  const form = filterForm(query);
  const state = liveState();
  const body = el('tbody', {}, page.items.length ? page.items.map((e) => row(e))
    : el('tr', { class: 'empty' }, el('td', { colspan: 7 }, 'No execution matches.')));
  const next = page.next_cursor
    ? el('a', { href: hashWith(query, { cursor: page.next_cursor }), class: 'next' }, 'Next page →')
    : el('span', { class: 'hint' }, 'Last page');
  show(
    el('h1', {}, 'Executions', state),
    form,
    countStrip(query, counts),
    el('table', { id: 'executions' },
      el('thead', {}, el('tr', {}, ['id', 'workflow', 'status', 'created', 'duration', 'success',
        'labels'].map((h) => el('th', { scope: 'col' }, h)))),
      body),
    el('div', { class: 'pager' }, query.get('cursor') ? link(hashWith(query, { cursor: null }), '← First page') : '', next));
  // Live: the runs this filter selects, as they change; new ones on top of the first page.
  const first = !query.get('cursor');
  keepStream(api.follow('events', parameters, {
    onState: (s) => {
      state.set(s);
      if (s === 'polling') refreshEvery(() => executions(query).catch(() => {}), 5000);
    },
    onEvent: (name, data) => {
      if (name === 'resync') {
        executions(query).catch(() => {});
        return;
      }
      const id = name === 'removed' ? data.id : data.execution.id;
      const shown = [...body.rows].find((r) => r.dataset.id === id);
      if (name === 'removed') {
        shown?.remove();
      } else if (shown) {
        shown.replaceWith(row(data.execution));
      } else if (data.change === 'created' && first) {
        body.querySelector('tr.empty')?.remove();
        body.prepend(row(data.execution, true));
      }
    },
  }));
  performance.mark('console:list-rendered');
}

/** How many runs the filter selects, and how many in each status, each a link to just those. */
function countStrip(query, counts) {
  return el('p', { id: 'counts', class: 'counts' },
    el('strong', {}, `${counts.total.toLocaleString('en')} ${counts.total === 1 ? 'run matches' : 'runs match'}`),
    counts.groups.length ? ': ' : '',
    counts.groups.flatMap((g, i) => [i ? ' · ' : '',
      el('a', { href: hashWith(query, { status: g.key, cursor: null }), 'data-status': g.key },
        status(g.key), ` ${g.count.toLocaleString('en')}`)]));
}

function row(e, fresh = false) {
  return el('tr', { class: fresh ? 'execution fresh' : 'execution', 'data-id': e.id },
    el('td', { class: 'mono' }, executionLink(e.id),
      e.archived_at ? el('span', { class: 'badge archived', title: `archived ${e.archived_at}` }, 'archived') : ''),
    el('td', {}, link(`#/workflows/${encodeURIComponent(e.workflow_name)}`, e.workflow_name)),
    el('td', {}, status(e.status)),
    el('td', {}, time(e.created_at)),
    el('td', {}, duration(e.created_at, e.completed_at)),
    el('td', {}, e.success === null ? '—' : e.success ? 'yes' : 'no'),
    el('td', {}, Object.entries(e.labels ?? {}).map(([k, v]) => el('code', {}, `${k}=${v} `))));
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
  const archived = el('div', {}, el('label', { for: 'f-archived' }, 'Archived'),
    el('select', { id: 'f-archived', name: 'archived' },
      [['', 'included'], ['exclude', 'left out'], ['only', 'only']].map(([v, text]) =>
        el('option', { value: v, selected: (query.get('archived') ?? '') === v }, text))));
  const form = el('form', { class: 'filters card', id: 'filters' },
    field('workflow_name', 'Workflow'),
    statusBox,
    success,
    field('created_after', 'Created from (UTC)', { placeholder: '2026-01-01T00:00:00Z' }),
    field('created_before', 'Created before (UTC)', { placeholder: '2026-12-31T00:00:00Z' }),
    field('label', 'Label (key:value or key)', { placeholder: 'env:prod' }),
    field('error_contains', 'Error text', { placeholder: 'connection reset' }),
    archived,
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
