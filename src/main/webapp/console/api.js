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

/** GET /api/{path} (with query parameters), as JSON. */
export async function get(path, parameters = {}) {
  const url = new URL(path, API);
  for (const [name, value] of Object.entries(parameters)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== '') url.searchParams.append(name, one);
    }
  }
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
