// The console's only way to the data: the REST API under /api, with the credentials the user
// gave, kept in sessionStorage (never localStorage, never a cookie).

const KEY = 'workflow-console.authorization';
const API = new URL('../api/', document.baseURI);

export class SignInNeeded extends Error {}
export class Refused extends Error {}

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function remember(authorization) {
  sessionStorage.setItem(KEY, authorization);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

export function authorization() {
  return sessionStorage.getItem(KEY);
}

export function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

function urlOf(path, parameters) {
  const url = new URL(path, API);
  for (const [name, value] of Object.entries(parameters)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== '') url.searchParams.append(name, one);
    }
  }
  return url;
}

/** GET /api/{path} (with query parameters), as JSON. */
export async function get(path, parameters = {}) {
  const url = urlOf(path, parameters);
  const response = await fetch(url, {
    // No cookies or HTTP authentication of the browser's: the console sends its own header, and
    // X-Requested-With tells the service not to challenge with Basic (no browser dialog).
    credentials: 'omit',
    headers: {
      Accept: 'application/json',
      Authorization: authorization() ?? '',
      'X-Requested-With': 'XMLHttpRequest',
    },
  });
  if (response.status === 401) {
    forget();
    throw new SignInNeeded(await detail(response));
  }
  if (response.status === 403) throw new Refused(await detail(response));
  if (!response.ok) throw new Error(`${response.status}: ${await detail(response)}`);
  return response.json();
}

async function detail(response) {
  try {
    const problem = await response.json();
    return problem.detail ?? problem.title ?? response.statusText;
  } catch {
    return response.statusText;
  }
}

/**
 * Follows a stream of the API (text/event-stream: /api/executions/{id}/events, /api/events) with
 * fetch, so that the credentials travel in the Authorization header as on every call: EventSource
 * cannot send headers, and a password or token never goes in a URL. After a break it reconnects
 * with Last-Event-ID (the id of the last event that had one), so nothing is missed or repeated;
 * after three breaks in a row it gives up and reports 'polling', and the view reloads on a timer.
 *
 * onEvent(name, data, id) gets each event (data parsed as JSON); onState(state) each change of
 * 'connecting', 'live', 'reconnecting', 'polling', 'ended' (the stream's final event came) or
 * 'signed-out'. Returns { close() }.
 */
export function follow(path, parameters, { onEvent, onState }) {
  const url = urlOf(path, parameters);
  let lastId = null;
  let closed = false;
  let failures = 0;
  let controller = null;
  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      onState(failures ? 'reconnecting' : 'connecting');
      let outcome = 'broken';
      try {
        const headers = {
          Accept: 'text/event-stream',
          Authorization: authorization() ?? '',
          'X-Requested-With': 'XMLHttpRequest',
        };
        if (lastId !== null) headers['Last-Event-ID'] = lastId;
        const response = await fetch(url, {
          credentials: 'omit', cache: 'no-store', headers, signal: controller.signal,
        });
        if (response.status === 401) {
          forget();
          onState('signed-out');
          return;
        }
        if (!response.ok) throw new Error(`${response.status}: ${await detail(response)}`);
        outcome = await read(response.body, (name, data, id) => {
          if (id !== null) lastId = id;
          onEvent(name, data, id);
        }, () => {
          failures = 0;
          onState('live');
        });
      } catch (e) {
        if (closed) return;
      }
      if (closed) return;
      if (outcome === 'end') {
        onState('ended');
        return;
      }
      if (outcome !== 'resync') {
        failures++;
        if (failures >= 3) {
          onState('polling');
          return;
        }
        await new Promise((resolve) => { setTimeout(resolve, 1000 * failures); });
      }
    }
  };
  run();
  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
}

/**
 * Reads server-sent events from a body until it ends, as the HTML standard's parser does (event,
 * id and data fields, comment lines, an empty line ending an event); comment lines (the opening
 * one, heartbeats) call alive(). Answers 'end' or 'resync' if that was the last event, else
 * 'broken'.
 */
async function read(body, deliver, alive) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = null;
  let id = null;
  let data = null;
  let last = 'broken';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return last;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data !== null) {
          const event = name ?? 'message';
          last = event === 'end' || event === 'resync' ? event : 'broken';
          deliver(event, JSON.parse(data), id);
        }
        name = null;
        id = null;
        data = null;
      } else if (line.startsWith(':')) {
        alive();
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = text;
        else if (field === 'id') id = text;
        else if (field === 'data') data = data === null ? text : `${data}\n${text}`;
      }
    }
  }
}
