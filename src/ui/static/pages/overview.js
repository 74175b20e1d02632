// Overview: decisions per day by outcome and the top reason codes over a chosen period (GET /v1/decisions/stats).
import { api } from '../api.js';
import { dayBars } from '../chart.js';
import { empty, errorBox, field, fmtNum, h, loading, setTitle } from '../dom.js';

const iso = (d) => d.toISOString().slice(0, 10);

export async function render(main, ctx) {
  setTitle('Overview');
  const to = ctx.query.get('to') || iso(new Date());
  const from = ctx.query.get('from') || iso(new Date(Date.parse(to + 'T00:00:00Z') - 29 * 86400000));
  const fromIn = h('input', { type: 'date', name: 'from', value: from, required: true });
  const toIn = h('input', { type: 'date', name: 'to', value: to, required: true });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Period' },
    field('From', fromIn),
    field('To', toIn),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`/overview?from=${fromIn.value}&to=${toIn.value}`);
  });
  const body = h('div', { 'aria-live': 'polite' }, loading());
  main.replaceChildren(h('h1', {}, 'Overview'), form, body);
  let st;
  try {
    st = await api(`/v1/decisions/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  } catch (e) {
    body.replaceChildren(errorBox(e, 'The figures could not be loaded'));
    return;
  }
  const total = st.totals.allow + st.totals.review + st.totals.deny;
  const q = st.queue || {};
  body.replaceChildren(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'q-h' },
      h('h2', { id: 'q-h' }, 'Waiting now'),
      h(
        'p',
        {},
        h('a', { href: '/queue?status=open' }, `${fmtNum(q.open ?? 0)} open`),
        ' · ',
        h('a', { href: '/queue?status=reopened' }, `${fmtNum(q.reopened ?? 0)} reopened`),
        ' · ',
        h('a', { href: '/queue?status=pending_approval' }, `${fmtNum(q.pending_approval ?? 0)} pending second approval`),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'd-h' },
      h('h2', { id: 'd-h' }, `Decisions per day, ${st.from} to ${st.to}`),
      h(
        'p',
        { class: 'totals' },
        `${fmtNum(total)} decisions: `,
        h('span', { class: 'swatch allow' }),
        `${fmtNum(st.totals.allow)} allow  `,
        h('span', { class: 'swatch review' }),
        `${fmtNum(st.totals.review)} review  `,
        h('span', { class: 'swatch deny' }),
        `${fmtNum(st.totals.deny)} deny`,
      ),
      total ? dayBars(st.perDay) : empty('No decisions in this period.'),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'r-h' },
      h('h2', { id: 'r-h' }, 'Top reason codes'),
      st.topReasons.length ? reasonBars(st) : empty('No reasons in this period.'),
    ),
  );
}

function reasonBars(st) {
  const max = Math.max(...st.topReasons.map((r) => r.decisions));
  return h(
    'ol',
    { class: 'hbars' },
    st.topReasons.map((r) =>
      h(
        'li',
        {},
        h('a', { href: `/queue?status=all&reasonCode=${encodeURIComponent(r.code)}&from=${st.from}&to=${st.to}` }, h('code', {}, r.code)),
        h('span', { class: 'bar', style: { width: `${(r.decisions / max) * 100}%` }, 'aria-hidden': 'true' }),
        h('span', { class: 'n' }, fmtNum(r.decisions)),
      ),
    ),
  );
}
