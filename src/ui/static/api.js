// The JSON API client: same-origin fetch with the session cookie, the CSRF header on every state-changing
// call, a redirect to /login on 401, and errors carrying the server's message.

export class ApiError extends Error {
  constructor(status, body) {
    const msg = body && body.message !== undefined ? (Array.isArray(body.message) ? body.message.join('; ') : String(body.message)) : `HTTP ${status}`;
    super(msg);
    this.status = status;
    this.body = body;
  }
}

export function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function stateHeaders(extra = {}) {
  const h = { ...extra };
  const csrf = cookie('cg_csrf');
  if (csrf) h['X-CSRF-Token'] = csrf;
  return h;
}

export function toLogin() {
  const next = location.pathname + location.search;
  location.assign('/login?next=' + encodeURIComponent(next));
}

async function readBody(res) {
  const type = res.headers.get('content-type') || '';
  if (type.includes('application/json')) return res.json().catch(() => null);
  const text = await res.text();
  return text ? { message: text } : null;
}

/** fetch JSON; `body` is sent as JSON (state-changing methods carry the CSRF header). */
export async function api(path, { method = 'GET', body, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, credentials: 'same-origin', headers };
  if (method !== 'GET' && method !== 'HEAD') {
    Object.assign(headers, stateHeaders({ 'Content-Type': 'application/json' }));
    init.body = JSON.stringify(body ?? {});
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { message: 'The service could not be reached: check your connection and try again.' });
  }
  const data = await readBody(res);
  if (res.status === 401 && auth) {
    toLogin();
    throw new ApiError(401, data);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** POST a JSON body and receive a file (e.g. a CSV report); returns a Blob. */
export async function apiBlob(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: stateHeaders({ 'Content-Type': 'application/json', Accept: 'text/csv' }),
    body: JSON.stringify(body),
  });
  if (res.status === 401) {
    toLogin();
    throw new ApiError(401, null);
  }
  if (!res.ok) throw new ApiError(res.status, await readBody(res));
  return res.blob();
}

/**
 * Upload with progress (XMLHttpRequest: fetch has no upload progress). `body` is FormData (multipart) or a
 * File/Blob sent with `contentType`. onProgress(fraction 0..1 | null) — null once the upload is sent and the server works.
 */
export function upload(path, body, { contentType, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [k, v] of Object.entries(stateHeaders(contentType ? { 'Content-Type': contentType } : {}))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress && e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.upload.onload = () => onProgress && onProgress(null);
    xhr.onerror = () => reject(new ApiError(0, { message: 'The upload failed: the service could not be reached.' }));
    xhr.onload = () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = { message: xhr.responseText };
      }
      if (xhr.status === 401) {
        toLogin();
        return reject(new ApiError(401, data));
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(new ApiError(xhr.status, data));
      resolve(data);
    };
    xhr.send(body);
  });
}

let sessionPromise;
/**
 * The signed-in user: GET /v1/session → {name, role, local}. A server without sessions (404) is local mode:
 * the local admin. 401 → the login page.
 */
export function session() {
  sessionPromise ??= (async () => {
    const res = await fetch('/v1/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 404) return { name: 'local admin', role: 'admin', local: true };
    if (res.status === 401) {
      toLogin();
      throw new ApiError(401, null);
    }
    if (!res.ok) throw new ApiError(res.status, await readBody(res));
    return res.json();
  })();
  return sessionPromise;
}

export const DISPOSING_ROLES = ['reviewer', 'admin'];
export const canDispose = (s) => !!s && DISPOSING_ROLES.includes(s.role);

export async function logout() {
  await fetch('/v1/session', { method: 'DELETE', credentials: 'same-origin', headers: stateHeaders({ 'Content-Type': 'application/json' }) }).catch(
    () => undefined,
  );
  location.assign('/login');
}
