// The review queue: open / reopened / pending-second-approval items with counts, filters, sorting, cursor paging.
import { api } from '../api.js';
import { empty, errorBox, field, fmtDate, h, loading, outcomeBadge, select, setTitle, statusBadge } from '../dom.js';

export const LIST_CODES = ['SDN', 'OFAC_NONSDN', 'EL', 'DPL', 'UVL', 'MEU', 'ISN', 'DTC', 'CMIC', 'SSI', 'FSE', 'PLC', 'CAP', 'MBS', 'UN', 'EU', 'UK'];
const TABS = [
  ['open', 'Open'],
  ['reopened', 'Reopened'],
  ['pending_approval', 'Pending second approval'],
  ['all', 'All decisions'],
];
const FILTERS = ['decision', 'reasonCode', 'source', 'party', 'from', 'to', 'reference', 'order', 'ids'];
const PAGE_SIZE = 25;

export async function render(main, ctx) {
  setTitle('Queue');
  const q = ctx.query;
  const status = q.get('status') || 'open';
  const stats = api('/v1/decisions/stats').catch(() => null);
  const counts = stats.then((st) => st && st.queue);

  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Queue status' });
  const form = filterForm(q, status, ctx);
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' }, loading('Loading the queue…'));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Review queue'), exportLink(q, status)), tabs, form, results);

  // the reason codes of the last 30 days as suggestions for the reason-code filter
  stats.then((st) => {
    const list = form.querySelector('#reason-codes');
    if (st && list) list.replaceChildren(...st.topReasons.map((r) => h('option', { value: r.code })));
  });
  counts.then((c) => {
    tabs.replaceChildren(
      ...TABS.map(([value, label]) => {
        const params = new URLSearchParams(q);
        params.set('status', value);
        params.delete('cursor');
        const n = c && value !== 'all' ? (c[value] ?? 0) : null;
        return h(
          'a',
          { href: `/queue?${params}`, class: 'tab', 'aria-current': value === status ? 'page' : null, dataset: { status: value } },
          label,
          n === null ? null : h('span', { class: 'count', 'aria-label': `${n} items` }, String(n)),
        );
      }),
    );
  });

  const apiParams = new URLSearchParams();
  for (const k of FILTERS) if (q.get(k)) apiParams.set(k, q.get(k));
  if (status !== 'all') apiParams.set('status', status);
  apiParams.set('limit', String(PAGE_SIZE));
  if (q.get('cursor')) apiParams.set('cursor', q.get('cursor'));
  try {
    const page = await api(`/v1/decisions?${apiParams}`);
    if (!ctx.isCurrent()) return;
    results.replaceChildren(table(page.items, status), pager(q, page));
  } catch (e) {
    results.replaceChildren(errorBox(e, 'The queue could not be loaded'));
  }
  results.setAttribute('aria-busy', 'false');
}

function filterForm(q, status, ctx) {
  const input = (name, type = 'text', attrs = {}) => h('input', { name, type, value: q.get(name) ?? '', ...attrs });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the queue' },
    field(
      'Outcome',
      select(
        'decision',
        [
          ['', 'any'],
          ['review', 'review'],
          ['deny', 'deny'],
          ['allow', 'allow'],
        ],
        q.get('decision'),
      ),
    ),
    field(
      'Reason code',
      input('reasonCode', 'text', { placeholder: 'PARTY_LIST_MATCH', autocapitalize: 'characters', spellcheck: 'false', list: 'reason-codes' }),
    ),
    h('datalist', { id: 'reason-codes' }),
    field('List', select('source', [['', 'any'], ...LIST_CODES.map((c) => [c, c])], q.get('source'))),
    field('Party', input('party', 'search', { placeholder: 'part of a name' })),
    field('From', input('from', 'date')),
    field('To', input('to', 'date')),
    field('Reference', input('reference', 'search')),
    field(
      'Sort',
      select(
        'order',
        [
          ['newest', 'newest first'],
          ['oldest', 'oldest first'],
        ],
        q.get('order'),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply filters'),
      h('a', { href: `/queue?status=${status}`, class: 'button' }, 'Clear'),
    ),
  );
  if (q.get('ids'))
    form.append(
      h(
        'p',
        { class: 'note' },
        `Showing ${q.get('ids').split(',').length} selected decisions (from a batch audit). `,
        h('a', { href: `/queue?status=${status}` }, 'Show the whole queue'),
      ),
    );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    params.set('status', status);
    if (q.get('ids')) params.set('ids', q.get('ids'));
    for (const [k, v] of new FormData(form)) if (String(v).trim() && !(k === 'order' && v === 'newest')) params.set(k, String(v).trim());
    ctx.navigate(`/queue?${params}`);
  });
  return form;
}

function exportLink(q, status) {
  const params = new URLSearchParams({ format: 'csv' });
  for (const k of FILTERS) if (k !== 'order' && q.get(k)) params.set(k, q.get(k));
  if (status !== 'all') params.set('status', status);
  return h('a', { class: 'button', href: `/v1/decisions/export?${params}`, download: '' }, 'Export CSV');
}

function table(items, status) {
  if (!items.length) {
    return empty(status === 'open' ? 'Nothing is waiting for review. New held orders appear here.' : 'No decisions match these filters.');
  }
  return h(
    'table',
    { class: 'queue' },
    h('caption', { class: 'sr-only' }, 'Decisions, with the reasons for each'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Reference', 'Outcome', 'Parties', 'Reasons', 'Risk', 'Stored'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h('tbody', {}, items.map(row)),
  );
}

function row(d) {
  const worst = d.reasons.filter((r) => r.severity !== 'info');
  const shown = (worst.length ? worst : d.reasons).slice(0, 3);
  return h(
    'tr',
    { dataset: { id: d.id } },
    h(
      'td',
      { 'data-label': 'Reference' },
      h('a', { href: `/decisions/${encodeURIComponent(d.id)}`, class: 'ref' }, d.reference || d.id),
      h('div', { class: 'muted' }, d.kind === 'cloud' ? 'cloud customer' : 'order'),
    ),
    h('td', { 'data-label': 'Outcome' }, outcomeBadge(d.decision), ' ', d.decision === 'review' ? statusBadge(d.status) : null),
    h(
      'td',
      { 'data-label': 'Parties' },
      h(
        'ul',
        { class: 'plain' },
        uniqueParties(d.parties)
          .slice(0, 4)
          .map((p) =>
            h('li', { class: p.status !== 'clear' ? 'hit' : '' }, p.name, p.status !== 'clear' ? h('span', { class: 'muted' }, ` (${p.status})`) : null),
          ),
      ),
    ),
    h(
      'td',
      { 'data-label': 'Reasons', class: 'reasons' },
      h(
        'ul',
        { class: 'plain' },
        shown.map((r) => h('li', {}, h('code', {}, r.code), ' ', r.message)),
      ),
      d.reasons.length > shown.length ? h('div', { class: 'muted' }, `+ ${d.reasons.length - shown.length} more`) : null,
    ),
    h('td', { 'data-label': 'Risk', class: 'num' }, d.riskScore ?? '—'),
    h('td', { 'data-label': 'Stored' }, fmtDate(d.createdAt)),
  );
}

/** One line per party name (buyer, end user and ship-to are often the same company), the worst status kept. */
function uniqueParties(parties) {
  const rank = { match: 2, potential: 1, clear: 0 };
  const byName = new Map();
  for (const p of parties) {
    const seen = byName.get(p.name);
    if (!seen || rank[p.status] > rank[seen.status]) byName.set(p.name, p);
  }
  return [...byName.values()];
}

function pager(q, page) {
  const nav = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  const trail = (q.get('trail') || '').split('.').filter(Boolean);
  if (q.get('cursor')) {
    const prev = new URLSearchParams(q);
    const back = trail.pop();
    if (back && back !== '0') prev.set('cursor', back);
    else prev.delete('cursor');
    if (trail.length) prev.set('trail', trail.join('.'));
    else prev.delete('trail');
    nav.append(h('a', { class: 'button', href: `/queue?${prev}`, rel: 'prev' }, '← Previous'));
  }
  if (page.nextCursor) {
    const next = new URLSearchParams(q);
    next.set('trail', [...(q.get('trail') || '').split('.').filter(Boolean), q.get('cursor') || '0'].join('.'));
    next.set('cursor', page.nextCursor);
    nav.append(h('a', { class: 'button', href: `/queue?${next}`, rel: 'next' }, 'Next →'));
  }
  return nav;
}
