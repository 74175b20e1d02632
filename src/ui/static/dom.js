// Small DOM helpers: elements are built with textContent (never innerHTML with data).

/** h('a', {href, class}, child, …): children are nodes, strings or arrays; null/false are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat(Infinity))
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export const OUTCOME_LABEL = { allow: 'Allow', review: 'Review', deny: 'Deny' };
export const STATUS_LABEL = {
  open: 'open',
  reopened: 'reopened',
  pending_approval: 'pending second approval',
  released: 'released',
  blocked: 'blocked',
  closed: 'closed',
};

export function outcomeBadge(decision) {
  return h('span', { class: `badge outcome-${decision}` }, OUTCOME_LABEL[decision] ?? decision);
}
export function statusBadge(status) {
  return h('span', { class: `badge status status-${status}` }, STATUS_LABEL[status] ?? status);
}
export function severityBadge(sev) {
  return h('span', { class: `badge sev-${sev}` }, sev);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'state loading', role: 'status' }, text);
}
export function empty(text) {
  return h('p', { class: 'state empty' }, text);
}
export function errorBox(err, title = 'Something went wrong') {
  const status = err && err.status ? ` (HTTP ${err.status})` : '';
  return h('div', { class: 'state error', role: 'alert' }, h('strong', {}, title + status), h('p', {}, err && err.message ? err.message : String(err)));
}

export function fmtDate(iso) {
  if (!iso) return '—';
  return String(iso).replace('T', ' ').slice(0, 16);
}
export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A labelled field: label + control, ids wired. */
let fieldSeq = 0;
export function field(label, control, hint) {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

export function select(name, options, value) {
  return h(
    'select',
    { name },
    options.map(([v, label]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, label)),
  );
}

export function downloadBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function setTitle(t) {
  document.title = t ? `${t} · chipguard` : 'chipguard';
}
