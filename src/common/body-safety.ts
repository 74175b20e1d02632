/**
 * Request-body checks that run before validation (plain functions): nesting depth, prototype-named keys,
 * and the content types a state-changing request may use.
 */

/** Keys that name Object.prototype members: refused anywhere in a body (as unknown fields). */
export const PROTOTYPE_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export const MAX_JSON_DEPTH = 32;

/** Problems of a parsed JSON body: nesting deeper than maxDepth, prototype-named keys (first 20). Iterative: no recursion to blow. */
export function bodyProblems(body: unknown, maxDepth = MAX_JSON_DEPTH): string[] {
  const problems: string[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length && problems.length < 20) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      problems.push(`${path || 'body'}: nested deeper than ${maxDepth} levels`);
      return problems;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      const p = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) problems.push(`property ${p} should not exist`);
      else stack.push({ value: (value as Record<string, unknown>)[key], path: p, depth: depth + 1 });
    }
  }
  return problems;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A state-changing request with a body must be JSON or multipart (CSV too where the route takes it). A browser
 * sends text/plain or urlencoded cross-site without asking (no CORS preflight): those never reach a handler.
 */
export function contentTypeProblem(method: string, contentType: string | undefined, hasBody: boolean, path: string): string | null {
  if (!STATE_CHANGING.has(method.toUpperCase()) || !hasBody) return null;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type === 'multipart/form-data') return null;
  const csv = type === 'text/csv' || type === 'application/csv';
  if (csv && path === '/v1/transactions/batch') return null;
  // bulk accounts are streamed as NDJSON or CSV (POST /v1/cloud/accounts/screen)
  if ((csv || /ndjson|jsonl|json-seq/.test(type)) && path === '/v1/cloud/accounts/screen') return null;
  const extra = path === '/v1/transactions/batch' ? ', text/csv' : path === '/v1/cloud/accounts/screen' ? ', application/x-ndjson, text/csv' : '';
  return `Content-Type ${type || '(none)'} is not accepted: send application/json${extra} or multipart/form-data`;
}
