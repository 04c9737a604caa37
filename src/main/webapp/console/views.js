// The console's views, one module each (views/); each reads what it shows from the REST API and
// renders it. app.js routes to them through this index.
export { executions } from './views/executions.js';
export { execution } from './views/execution.js';
export { diff, snapshotDiff, workflows, compare } from './views/definitions.js';
export { workflow } from './views/workflow.js';
