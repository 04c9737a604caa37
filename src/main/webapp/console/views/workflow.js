// One workflow: how it is trending (runs by status, success rate, durations, top errors, drawn with
// uPlot), the grid of its last runs by task, and its definition versions.
import * as api from '../api.js';
import { el, show, status, time, human, link, executionLink, stopRefresh } from '../ui.js';

const STATUSES = ['Complete', 'Failed', 'Cancelled', 'Running', 'Paused', 'Pending'];
// The status colours of console.css, for the charts' series.
const COLOURS = { Complete: '#1b7f3b', Failed: '#b3261e', Cancelled: '#5b6571', Running: '#1f5fbf',
  Paused: '#8a6d00', Pending: '#c9a227' };
const BUCKETS = ['hour', 'day', 'week'];
const UPLOT = '../webjars/uplot/1.6.30/dist';

export async function workflow(name, query) {
  stopRefresh();
  const bucket = BUCKETS.includes(query.get('bucket')) ? query.get('bucket') : 'day';
  const count = Math.min(Math.max(Number(query.get('runs')) || 25, 1), 100);
  const encoded = encodeURIComponent(name);
  const versions = await api.get(`workflows/${encoded}/snapshots`);
  // The range ends with the workflow's last run, so that one that ran long ago still shows its days.
  const last = versions.reduce((max, v) => (v.last_used_at > max ? v.last_used_at : max), '');
  const to = query.get('to') ?? new Date(Date.parse(last) + 1).toISOString();
  const [stats, recent] = await Promise.all([
    api.get(`workflows/${encoded}/stats`, { bucket, to, from: query.get('from') }),
    api.get(`workflows/${encoded}/grid`, { runs: count })]);
  const numbers = Object.fromEntries(versions.map((v) => [v.hash, v.number]));
  const charts = el('div', { class: 'charts', id: 'charts' });
  show(el('h1', {}, name),
    el('p', {}, link(`#/executions?workflow_name=${encoded}`, 'All runs of this workflow'), ' · ',
      'per ', BUCKETS.flatMap((b, i) => [i ? ' | ' : '', b === bucket ? el('strong', {}, b)
        : link(`#/workflows/${encoded}?bucket=${b}`, b)])),
    el('section', { class: 'card', id: 'trends' },
      el('h2', {}, `Trends per ${bucket}, ${stats.from.slice(0, 10)} to ${stats.to.slice(0, 10)} (UTC)`),
      summary(stats), charts),
    el('section', { class: 'card', id: 'top-errors' }, el('h2', {}, 'Most frequent errors'), errors(stats, encoded)),
    el('section', { class: 'card', id: 'grid-card' },
      el('h2', {}, `The last ${recent.runs.length} runs by task`),
      el('p', { class: 'hint' }, 'Oldest on the left. A cell is the task\'s status in that run; point at it for its duration, open it to see the run at that task. ',
        'A column marked v2, v3… is the first run of a new definition version.'),
      grid(recent.runs.reverse(), recent.task_ids, numbers)),
    versionsCard(name, versions));
  await drawCharts(charts, stats);
  performance.mark('console:workflow-rendered');
}

function summary(stats) {
  const total = (s) => stats.buckets.reduce((n, b) => n + b.statuses[s], 0);
  const runs = stats.buckets.reduce((n, b) => n + b.runs, 0);
  return el('p', { id: 'trend-summary' }, el('strong', {}, `${runs.toLocaleString('en')} runs`), ': ',
    STATUSES.filter((s) => total(s) > 0).flatMap((s, i) => [i ? ' · ' : '', status(s), ` ${total(s).toLocaleString('en')}`]));
}

function errors(stats, encoded) {
  if (!stats.top_errors.length) return el('p', { class: 'hint' }, 'No error was recorded in this range.');
  return el('table', { id: 'error-table' },
    el('thead', {}, el('tr', {}, ['message (numbers and ids as #)', 'errors', 'runs', 'last run']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, stats.top_errors.map((x) => el('tr', {},
      el('td', {}, el('code', {}, x.message)), el('td', {}, String(x.count)),
      el('td', {}, matching(encoded, x)),
      el('td', {}, executionLink(x.last_execution_id))))));
}

/** The runs count, linked to the list of the runs whose errors hold the message's longest part. */
function matching(encoded, x) {
  const part = x.message.split('#').map((p) => p.trim()).sort((a, b) => b.length - a.length)[0];
  return part.length < 3 ? String(x.executions)
    : link(`#/executions?workflow_name=${encoded}&error_contains=${encodeURIComponent(part)}`, String(x.executions));
}

/** Runs (oldest first) × tasks, each cell the task's status, linked to the run at that task. */
function grid(runs, tasks, numbers) {
  if (!runs.length) return el('p', { class: 'hint' }, 'No run yet.');
  const changed = (i) => i > 0 && runs[i].snapshot_hash !== runs[i - 1].snapshot_hash;
  const head = el('tr', {}, el('th', { scope: 'col' }, 'task'), runs.map((run, i) => el('th', {
    scope: 'col', class: changed(i) ? 'version-change' : null,
    title: `${run.id} · ${run.status} · ${run.created_at} · definition version ${numbers[run.snapshot_hash] ?? '?'}`,
  }, changed(i) ? el('span', { class: 'version' }, `v${numbers[run.snapshot_hash] ?? '?'}`) : '',
  run.archived ? el('span', { class: 'version', title: 'archived: its task records are in the archive' }, 'A') : '',
  el('a', { href: `#/executions/${encodeURIComponent(run.id)}`, class: `cell s-${run.status}`, 'aria-label': `run ${run.id}: ${run.status}` }))));
  const rows = tasks.map((id) => el('tr', {}, el('th', { scope: 'row', class: 'mono' }, id), runs.map((run, i) => {
    const t = run.tasks.find((x) => x.task_id === id);
    const cls = changed(i) ? 'version-change' : null;
    if (!t) return el('td', { class: cls });
    const ms = t.started_at && t.completed_at ? Date.parse(t.completed_at) - Date.parse(t.started_at) : null;
    const text = `${id} in ${run.id}: ${t.status}${ms === null ? '' : `, ${human(ms)}`}`;
    return el('td', { class: cls }, el('a', {
      class: `cell s-${t.status}`, title: text, 'aria-label': text, 'data-run': run.id, 'data-task': id,
      href: `#/executions/${encodeURIComponent(run.id)}?task=${encodeURIComponent(id)}`,
    }));
  })));
  return el('div', { class: 'scroll' }, el('table', { id: 'grid', class: 'run-grid' }, el('thead', {}, head), el('tbody', {}, rows)));
}

function versionsCard(name, versions) {
  return el('section', { class: 'card' }, el('h2', {}, 'Definition versions'),
    el('table', { id: 'versions' },
      el('thead', {}, el('tr', {}, ['version', 'hash', 'first used', 'last used', 'runs', 'change'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, versions.map((v, i) => el('tr', {},
        el('td', {}, String(v.number)), el('td', { class: 'mono' }, `${v.hash.slice(0, 12)}…`),
        el('td', {}, time(v.first_used_at)), el('td', {}, time(v.last_used_at)), el('td', {}, String(v.run_count)),
        el('td', {}, i === 0 ? '—' : link(`#/snapshots?from=${versions[i - 1].hash}&to=${v.hash}&workflow=${encodeURIComponent(name)}`,
          `diff from version ${versions[i - 1].number}`)))))));
}

// ------------------------------------------------------------------------------ charts

let loading = null;

/** uPlot, from its WebJar, loaded once and only by this view. */
function uPlotLibrary() {
  loading ??= new Promise((resolve, reject) => {
    document.head.append(el('link', { rel: 'stylesheet', href: `${UPLOT}/uPlot.min.css` }));
    const script = el('script', { src: `${UPLOT}/uPlot.iife.min.js` });
    script.addEventListener('load', () => resolve(window.uPlot));
    script.addEventListener('error', () => { loading = null; reject(new Error('the charting library did not load')); });
    document.head.append(script);
  });
  return loading;
}

async function drawCharts(node, stats) {
  const uPlot = await uPlotLibrary();
  const x = stats.buckets.map((b) => Date.parse(b.start) / 1000);
  const width = Math.max(320, Math.min(node.clientWidth || 900, 1100));
  const size = { width, height: 220 };
  // Half a bucket of room on each side, so that the first and last bars are whole.
  const half = (x.length > 1 ? x[1] - x[0] : 86400) / 2;
  const time = { time: true, range: () => [x[0] - half, x[x.length - 1] + half] };
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  // Runs by status, stacked: each series is drawn at the sum of itself and those after it, from the
  // tallest down, so each status shows as its own band of the bar; the legend shows its own count.
  const shown = STATUSES.filter((s) => stats.buckets.some((b) => b.statuses[s] > 0));
  const stacked = shown.map((s, i) => stats.buckets.map((b) => shown.slice(i).reduce((n, t) => n + b.statuses[t], 0)));
  const own = shown.map((s) => stats.buckets.map((b) => b.statuses[s]));
  const runs = el('figure', { id: 'chart-runs' }, el('figcaption', {}, 'Runs by status'));
  const rate = el('figure', { id: 'chart-success' }, el('figcaption', {}, 'Success rate of finished runs'));
  const durations = el('figure', { id: 'chart-durations' }, el('figcaption', {}, 'Duration p50 / p95: the run and its slowest tasks'));
  node.replaceChildren(runs, rate, durations);
  new uPlot({
    ...size, scales: { x: time },
    series: [{}, ...shown.map((s, i) => ({
      label: s, fill: COLOURS[s], stroke: COLOURS[s], paths: bars, points: { show: false },
      value: (u, v, si, idx) => (idx === null ? '—' : own[i][idx]),
    }))],
    axes: [{}, { label: 'runs' }],
  }, [x, ...stacked], runs);
  new uPlot({
    ...size, scales: { x: time, y: { range: [0, 100] } },
    series: [{}, { label: 'success %', stroke: '#1b7f3b', width: 2, spanGaps: false,
      value: (u, v) => (v === null ? '—' : `${v.toFixed(1)} %`) }],
    axes: [{}, { label: '%' }],
  }, [x, stats.buckets.map((b) => (b.success_rate === null ? null : b.success_rate * 100))], rate);
  const seconds = (v) => (v === null ? null : v / 1000);
  const lines = [
    ['run p50', '#1f5fbf', [], stats.buckets.map((b) => seconds(b.duration.p50_ms))],
    ['run p95', '#1f5fbf', [6, 4], stats.buckets.map((b) => seconds(b.duration.p95_ms))],
    ...stats.tasks.slice(0, 3).flatMap((t, i) => {
      const colour = ['#b3261e', '#8a6d00', '#6a3fb5'][i];
      const of = (key) => stats.buckets.map((b) => seconds(b.tasks.find((x) => x.task_id === t.task_id)?.duration[key] ?? null));
      return [[`${t.task_id} p50`, colour, [], of('p50_ms')], [`${t.task_id} p95`, colour, [6, 4], of('p95_ms')]];
    })];
  new uPlot({
    ...size, scales: { x: time },
    series: [{}, ...lines.map(([label, stroke, dash]) => ({ label, stroke, dash, width: 2,
      value: (u, v) => (v === null ? '—' : human(Math.round(v * 1000))) }))],
    axes: [{}, { label: 'seconds' }],
  }, [x, ...lines.map((l) => l[3])], durations);
}
