// One stored decision: outcome, reasons, items on the 3A090 chart, parties beside the query, red flags, versions,
// history, and release / block. Viewing uses GET only; the decision changes only through the disposition form.
import { api, canDispose } from '../api.js';
import { thresholdChart } from '../chart.js';
import { empty, errorBox, field, fmtDate, fmtNum, h, outcomeBadge, setTitle, severityBadge, statusBadge } from '../dom.js';

let redFlagCodes;
const loadRedFlags = () =>
  (redFlagCodes ??= api('/v1/risk/red-flags')
    .then((r) => new Set(r.redFlags.map((f) => f.code)))
    .catch(() => new Set()));

export async function render(main, ctx) {
  const id = ctx.params[0];
  const [d, flags] = await Promise.all([api(`/v1/decisions/${encodeURIComponent(id)}`), loadRedFlags()]);
  if (!ctx.isCurrent()) return;
  setTitle(`Decision ${d.reference || d.id}`);
  const thresholds = api(`/v1/rules/thresholds?version=${encodeURIComponent(d.rulesVersion)}`).catch(() => null);
  const chartSlot = h('div', { class: 'chart-slot' });
  const redFlags = d.reasons.filter((r) => flags.has(r.code));
  const other = d.reasons.filter((r) => !flags.has(r.code));
  main.replaceChildren(
    h('p', { class: 'crumbs' }, h('a', { href: '/queue' }, '← Queue')),
    header(d),
    disposeForm(d, ctx),
    section('Reasons', other.length ? reasonList(other) : empty('No reasons beyond the red flags below.')),
    section('Items', itemsTable(d.items || []), chartSlot, d.compute ? computeBox(d.compute) : null),
    section('Parties', parties(d)),
    section(`Red flags · risk score ${d.riskScore ?? '—'} / 100`, redFlags.length ? reasonList(redFlags, true) : empty('No red flag was raised.')),
    section('Versions', versions(d)),
    section('History', history(d)),
  );
  const t = await thresholds;
  if (t && ctx.isCurrent()) {
    const chart = thresholdChart(d.items || [], t);
    chartSlot.replaceChildren(chart ?? empty('No item has a TPP to plot.'));
  }
}

function section(title, ...content) {
  const id = 'sec-' + title.toLowerCase().replace(/[^a-z]+/g, '-');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

function header(d) {
  return h(
    'div',
    { class: 'decision-head' },
    h(
      'div',
      {},
      h('h1', {}, d.reference || 'Decision', ' ', h('small', { class: 'muted mono' }, d.id)),
      h(
        'p',
        { class: 'muted' },
        `${d.kind === 'cloud' ? 'Cloud customer' : 'Order'} · stored ${fmtDate(d.createdAt)}${d.request?.date ? ` · order date ${d.request.date}` : ''}`,
      ),
    ),
    h('div', { class: 'verdict' }, outcomeBadge(d.decision), d.decision === 'review' ? statusBadge(d.status) : null),
  );
}

export function reasonList(reasons, withEvidence = true) {
  return h(
    'ol',
    { class: 'reasons-list' },
    reasons.map((r) =>
      h(
        'li',
        { class: `reason sev-border-${r.severity}` },
        h(
          'div',
          { class: 'reason-head' },
          severityBadge(r.severity),
          h('code', {}, r.code),
          r.subject ? h('span', { class: 'muted' }, subjectLabel(r.subject)) : null,
        ),
        h('p', {}, r.message),
        r.citation ? h('p', { class: 'citation' }, h('span', { class: 'sr-only' }, 'Citation: '), r.citation) : null,
        withEvidence && r.evidence && Object.keys(r.evidence).length ? evidence(r.evidence) : null,
      ),
    ),
  );
}

function evidence(ev) {
  return h(
    'details',
    { class: 'evidence' },
    h('summary', {}, 'Evidence'),
    h(
      'dl',
      { class: 'kv' },
      Object.entries(ev).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]),
    ),
  );
}

export function subjectLabel(subject) {
  const m = /^(\w+)\[(\d+)\]$/.exec(subject);
  const names = {
    buyer: 'Buyer',
    endUser: 'End user',
    shipTo: 'Ship to',
    billTo: 'Bill to',
    intermediaries: 'Intermediary',
    items: 'Item',
    payment: 'Payment',
    order: 'Order',
    customer: 'Customer',
    beneficialOwners: 'Beneficial owner',
    resellerFor: 'Resold-to party',
    accelerators: 'Accelerator',
  };
  if (m) return `${names[m[1]] ?? m[1]} ${Number(m[2]) + 1}`;
  return names[subject] ?? subject;
}

function itemsTable(items) {
  if (!items.length) return empty('No items.');
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['#', 'Model', 'ECCN', 'TPP', 'Perf. density', 'Licence', 'Basis'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((i) =>
          h(
            'tr',
            {},
            h('td', { 'data-label': '#' }, String(i.index + 1)),
            h(
              'td',
              { 'data-label': 'Model' },
              i.resolvedModel || '(not resolved)',
              i.acceleratorCount ? h('div', { class: 'muted' }, `${fmtNum(i.acceleratorCount)} accelerators`) : null,
            ),
            h('td', { 'data-label': 'ECCN' }, h('code', {}, i.eccn)),
            h('td', { 'data-label': 'TPP', class: 'num' }, fmtNum(i.tpp)),
            h('td', { 'data-label': 'Perf. density', class: 'num' }, fmtNum(i.performanceDensity, 2)),
            h(
              'td',
              { 'data-label': 'Licence' },
              i.licenseRequired ? 'required' : 'not required',
              i.licenseExceptions?.length ? h('div', { class: 'muted' }, `exceptions: ${i.licenseExceptions.join(', ')}`) : null,
            ),
            h('td', { 'data-label': 'Basis', class: 'basis' }, i.basis || '—'),
          ),
        ),
      ),
    ),
  );
}

export function computeBox(c) {
  return h(
    'dl',
    { class: 'kv compute' },
    h('dt', {}, 'H100-equivalents'),
    h('dd', { class: 'big', dataset: { test: 'h100e' } }, fmtNum(c.h100Equivalents, 1)),
    h('dt', {}, 'Total TPP'),
    h('dd', {}, fmtNum(c.totalTpp)),
    h('dt', {}, 'Accelerators'),
    h('dd', {}, fmtNum(c.acceleratorCount)),
    c.trainingComputeFlop ? [h('dt', {}, 'Planned training compute'), h('dd', {}, `${Number(c.trainingComputeFlop).toExponential(2)} operations`)] : null,
  );
}

/** The request's party for a subject ("buyer", "intermediaries[1]", "beneficialOwners[0]" …). */
function queryFor(request, subject) {
  const m = /^(\w+)\[(\d+)\]$/.exec(subject);
  const v = m ? request?.[m[1]]?.[Number(m[2])] : request?.[subject];
  return v && typeof v === 'object' ? v : null;
}

function parties(d) {
  const list = d.parties || [];
  if (!list.length) return empty('No parties were screened.');
  return h(
    'div',
    { class: 'parties' },
    list.map((p) => {
      const q = queryFor(d.request, p.subject) || { name: p.name };
      return h(
        'article',
        { class: `party party-${p.status}` },
        h('h3', {}, subjectLabel(p.subject), ' ', h('span', { class: `badge screen-${p.status}` }, p.status)),
        h(
          'div',
          { class: 'side-by-side' },
          h('div', { class: 'query' }, h('h4', {}, 'Screened as'), partyFacts(q)),
          h(
            'div',
            { class: 'matches' },
            h('h4', {}, p.matches?.length ? `List ${p.matches.length === 1 ? 'entry' : 'entries'}` : 'Lists'),
            p.matches?.length ? p.matches.map(matchCard) : h('p', { class: 'muted' }, 'No list entry came close.'),
          ),
        ),
        p.suppressed?.length
          ? h('p', { class: 'muted' }, `Allow-listed after an earlier review: ${p.suppressed.map((x) => `${x.source} ${x.name}`).join('; ')}`)
          : null,
      );
    }),
  );
}

function partyFacts(q) {
  const rows = [
    ['Name', q.name],
    ['Country', q.country],
    ['Address', q.address],
    ['Type', q.type],
    ['Kind', q.kind],
    ['Share', q.ownershipPercent !== undefined ? `${q.ownershipPercent} %` : undefined],
    ['Headquarters', q.headquartersCountry],
    ['Ultimate parent', [q.ultimateParentName, q.ultimateParentCountry].filter(Boolean).join(', ')],
  ];
  return h(
    'dl',
    { class: 'kv' },
    rows.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]),
  );
}

function matchCard(m) {
  const notice = m.federalRegisterNotice || m.listingNotice || m.notice || (m.programs?.length ? m.programs.join(', ') : null);
  const listed = m.listedOn || m.startDate || m.listingDate || null;
  return h(
    'div',
    { class: 'match' },
    h(
      'p',
      { class: 'match-name' },
      h('span', { class: 'badge list' }, m.source),
      ' ',
      m.name,
      h('span', { class: 'score' }, ` score ${Number(m.score).toFixed(2)}`),
    ),
    h(
      'dl',
      { class: 'kv' },
      m.matchedName && m.matchedName !== m.name
        ? [h('dt', {}, `Matched ${m.matchedOn}`), h('dd', {}, m.matchedName)]
        : [h('dt', {}, 'Matched on'), h('dd', {}, m.matchedOn)],
      h('dt', {}, 'Why'),
      h('dd', {}, m.explanation),
      m.countries?.length ? [h('dt', {}, 'Countries'), h('dd', {}, m.countries.join(', '))] : null,
      m.addresses?.length ? [h('dt', {}, 'Address'), h('dd', {}, m.addresses.slice(0, 2).join(' · '))] : null,
      notice ? [h('dt', {}, 'Listing'), h('dd', {}, notice)] : null,
      listed ? [h('dt', {}, 'Listed on'), h('dd', {}, listed)] : null,
      m.licenseRequirement ? [h('dt', {}, 'Licence requirement'), h('dd', {}, m.licenseRequirement)] : null,
      h('dt', {}, 'Entry id'),
      h('dd', { class: 'mono' }, m.entryId),
    ),
  );
}

function versions(d) {
  const lists = Object.entries(d.listVersions || {});
  return h(
    'dl',
    { class: 'kv' },
    h('dt', {}, 'Rule set'),
    h('dd', {}, d.rulesVersion),
    h('dt', {}, 'Lists'),
    h('dd', {}, lists.length ? lists.map(([k, v]) => `${k} ${v}`).join(' · ') : '—'),
    h('dt', {}, 'Chain'),
    h('dd', { class: 'mono' }, `#${d.seq} ${String(d.hash || '').slice(0, 16)}…`),
  );
}

function history(d) {
  const events = [
    { at: d.createdAt, what: `Screened: ${d.decision}`, by: null, note: null },
    ...(d.dispositions || []).map((x) => ({ at: x.createdAt, what: ACTION_LABELS[x.action] || x.action, by: x.by, note: x.note })),
    ...(d.rescreens || d.reopenings || []).map((x) => ({
      at: x.createdAt || x.at,
      what: `Re-screened${x.decision ? `: ${x.decision}` : ''}${x.trigger ? ` (${x.trigger})` : ''}`,
      by: null,
      note: x.message || x.reason || null,
    })),
  ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return h(
    'ol',
    { class: 'timeline' },
    events.map((e) =>
      h('li', {}, h('time', {}, fmtDate(e.at)), ' ', h('strong', {}, e.what), e.by ? ` by ${e.by}` : '', e.note ? h('p', { class: 'note' }, e.note) : null),
    ),
  );
}

const ACTION_LABELS = {
  release: 'Released',
  block: 'Blocked',
  approve: 'Release approved (second reviewer)',
  reopen: 'Reopened by a re-screen after a list update',
};

/** A reopened decision is disposed through its re-screen finding (the API refuses a release of the original). */
const DISPOSABLE = ['open', 'pending_approval'];

function findingLinks(ids) {
  return ids.map((id, i) => [i ? ', ' : '', h('a', { href: `/decisions/${encodeURIComponent(id)}` }, id)]);
}

function disposeForm(d, ctx) {
  if (d.status === 'reopened') {
    return h('p', { class: 'state warn' }, 'A list update made this decision stricter. Review the re-screen finding: ', findingLinks(d.reopenedBy || []), '.');
  }
  if (d.decision !== 'review') return null;
  if (!DISPOSABLE.includes(d.status)) return h('p', { class: 'state done' }, `This decision was ${d.status.replace('_', ' ')}.`);
  if (!canDispose(ctx.session)) return h('p', { class: 'state' }, `Held for review. Your role (${ctx.session?.role}) cannot release or block.`);
  const pending = d.status === 'pending_approval';
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000, required: true });
  const msg = h('div', { class: 'form-msg', role: 'status', 'aria-live': 'polite' });
  const release = h('button', { type: 'submit', class: 'primary', value: 'release' }, pending ? 'Approve release' : 'Release');
  const block = h('button', { type: 'submit', class: 'danger', value: 'block' }, 'Block');
  const fpChoices = pending
    ? []
    : (d.parties || []).flatMap((p) => (p.matches || []).map((m) => ({ subject: p.subject, source: m.source, entryId: m.entryId, name: m.name })));
  const fpBoxes = fpChoices.map((c) =>
    h('input', { type: 'checkbox', name: 'falsePositive', value: JSON.stringify({ subject: c.subject, source: c.source, entryId: c.entryId }) }),
  );
  const fpField = fpChoices.length
    ? h(
        'fieldset',
        { class: 'fp' },
        h('legend', {}, 'On release, record as a reviewed false positive (not screened as a match for this party again)'),
        fpChoices.map((c, i) => h('label', {}, fpBoxes[i], `${subjectLabel(c.subject)}: ${c.source} ${c.name}`)),
      )
    : null;
  const form = h(
    'form',
    { class: 'card dispose', 'aria-label': 'Release or block' },
    h('h2', {}, pending ? 'Second approval' : 'Release or block'),
    pending ? h('p', {}, 'A first reviewer released this order. A second reviewer must approve the release (four eyes), or block it.') : null,
    field('Note (why)', note, "Kept in the decision's history and the audit export."),
    fpField,
    h('div', { class: 'actions' }, release, block),
    msg,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const action = e.submitter?.value;
    if (!note.value.trim()) {
      msg.replaceChildren(h('p', { class: 'error-text' }, 'Write a note: it goes into the audit trail.'));
      note.focus();
      return;
    }
    release.disabled = block.disabled = true;
    msg.replaceChildren(h('p', {}, 'Saving…'));
    try {
      const falsePositives = action === 'release' ? fpBoxes.filter((b) => b.checked).map((b) => JSON.parse(b.value)) : [];
      const body = { action, note: note.value.trim(), by: ctx.session?.name || 'local admin', ...(falsePositives.length ? { falsePositives } : {}) };
      const res = await api(`/v1/decisions/${encodeURIComponent(d.id)}/disposition`, { method: 'POST', body });
      msg.replaceChildren(
        h('p', { class: 'ok-text' }, res.status === 'pending_approval' ? 'Release recorded: it waits for a second reviewer.' : `Saved: ${res.status}.`),
      );
      ctx.navigate(location.pathname, { replace: true });
    } catch (err) {
      release.disabled = block.disabled = false;
      msg.replaceChildren(errorBox(err, 'Not saved'));
    }
  });
  return form;
}
