// Cloud customer vetting: a form (or pasted JSON) → POST /v1/cloud/customers/screen; the result with owners and
// the aggregate compute in H100-equivalents.
import { api } from '../api.js';
import { empty, errorBox, field, h, outcomeBadge, select, setTitle } from '../dom.js';
import { computeBox, reasonList, subjectLabel } from './decision.js';

const up = (v) => v.trim().toUpperCase();
const lines = (v) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The form's fields as the API's request body; field errors for lines that do not read. */
export function requestFromForm(f) {
  const errors = [];
  const accelerators = lines(f.accelerators)
    .map((l, i) => {
      const m = /^(.*?)[,;\s]+(\d+)$/.exec(l);
      if (!m) errors.push(`Accelerators line ${i + 1}: write "model, quantity"`);
      return m ? { model: m[1].trim(), quantity: Number(m[2]) } : null;
    })
    .filter(Boolean);
  const beneficialOwners = lines(f.owners).map((l, i) => {
    const [name, country, pct] = l.split(';').map((x) => x.trim());
    if (!name) errors.push(`Owners line ${i + 1}: write "name; country; percent"`);
    const o = { name };
    if (country) o.country = up(country);
    if (pct) o.ownershipPercent = Number(pct.replace('%', ''));
    return o;
  });
  const customer = { name: f.name.trim() };
  if (f.country.trim()) customer.country = up(f.country);
  if (f.hq.trim()) customer.headquartersCountry = up(f.hq);
  if (f.parentCountry.trim()) customer.ultimateParentCountry = up(f.parentCountry);
  if (f.parentName.trim()) customer.ultimateParentName = f.parentName.trim();
  const body = { customer, dataCenterCountry: up(f.dc), accelerators };
  if (f.reference.trim()) body.reference = f.reference.trim();
  if (beneficialOwners.length) body.beneficialOwners = beneficialOwners;
  if (f.access.trim())
    body.accessCountries = f.access
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(up);
  if (f.use) body.intendedUse = f.use;
  if (f.flop.trim()) body.trainingComputeFlop = Number(f.flop);
  return { body, errors };
}

export async function render(main) {
  setTitle('Cloud customer');
  const inp = (name, attrs = {}) => h('input', { name, type: 'text', ...attrs });
  const ta = (name, rows, attrs = {}) => h('textarea', { name, rows, ...attrs });
  const mode = h(
    'fieldset',
    { class: 'mode' },
    h('legend', {}, 'Enter the customer as'),
    h('label', {}, h('input', { type: 'radio', name: 'mode', value: 'form', checked: true }), ' a form'),
    ' ',
    h('label', {}, h('input', { type: 'radio', name: 'mode', value: 'json' }), ' JSON (the API request)'),
  );
  const formPart = h(
    'div',
    { class: 'grid2' },
    field('Customer name', inp('name', { required: true })),
    field('Country', inp('country', { placeholder: 'DE', maxlength: 2 })),
    field('Headquarters country', inp('hq', { maxlength: 2 })),
    field('Ultimate parent', inp('parentName')),
    field('Ultimate parent country', inp('parentCountry', { maxlength: 2 })),
    field('Data centre country', inp('dc', { required: true, placeholder: 'IE', maxlength: 2 })),
    field('Access countries', inp('access', { placeholder: 'DE, FR' }), 'Where logins come from, comma-separated'),
    field(
      'Intended use',
      select('use', [
        ['', '—'],
        ['training', 'training'],
        ['inference', 'inference'],
        ['hpc', 'hpc'],
        ['other', 'other'],
      ]),
    ),
    field('Accelerators', ta('accelerators', 3, { required: true, placeholder: 'H100, 64' }), 'One per line: model, quantity'),
    field('Beneficial owners', ta('owners', 3, { placeholder: 'Jane Doe; DE; 60' }), 'One per line: name; country; percent'),
    field('Largest training run (operations)', inp('flop', { inputmode: 'decimal', placeholder: '3e25' })),
    field('Reference', inp('reference')),
  );
  const json = ta('json', 12, { spellcheck: 'false', class: 'mono' });
  const jsonPart = h('div', { hidden: true }, field('Request JSON', json, 'The body of POST /v1/cloud/customers/screen'));
  const msg = h('div', { class: 'form-msg', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Vet the customer');
  const form = h('form', { class: 'card' }, mode, formPart, jsonPart, h('div', { class: 'actions' }, submit), msg);
  mode.addEventListener('change', () => {
    const isJson = form.elements.mode.value === 'json';
    formPart.hidden = isJson;
    jsonPart.hidden = !isJson;
    for (const el of formPart.querySelectorAll('[required]')) el.disabled = isJson;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let body;
    if (form.elements.mode.value === 'json') {
      try {
        body = JSON.parse(json.value);
      } catch (err) {
        msg.replaceChildren(errorBox({ message: err.message }, 'The JSON does not read'));
        return;
      }
    } else {
      const f = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
      const r = requestFromForm(f);
      if (r.errors.length) {
        msg.replaceChildren(errorBox({ message: r.errors.join('; ') }, 'Check the form'));
        return;
      }
      body = r.body;
    }
    submit.disabled = true;
    msg.replaceChildren(h('p', {}, 'Vetting…'));
    try {
      const d = await api('/v1/cloud/customers/screen', { method: 'POST', body });
      msg.replaceChildren();
      out.replaceChildren(result(d));
      out.querySelector('h2')?.focus();
    } catch (err) {
      msg.replaceChildren(errorBox(err, err.status === 400 ? 'The request was not accepted' : 'The vetting failed'));
    } finally {
      submit.disabled = false;
    }
  });
  main.replaceChildren(h('h1', {}, 'Cloud customer vetting'), form, out);
}

function result(d) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'cres-h' },
    h('div', { class: 'decision-head' }, h('h2', { id: 'cres-h', tabindex: '-1' }, 'Result'), h('div', { class: 'verdict' }, outcomeBadge(d.decision))),
    h(
      'p',
      {},
      h('a', { href: `/decisions/${encodeURIComponent(d.id)}` }, 'Open the stored decision'),
      ` · risk score ${d.riskScore ?? '—'} / 100 · rule set ${d.rulesVersion}`,
    ),
    h('h3', {}, 'Compute'),
    d.compute ? computeBox(d.compute) : empty('No compute figure.'),
    d.compute?.accelerators?.length
      ? h(
          'ul',
          {},
          d.compute.accelerators.map((a) => h('li', {}, `${a.quantity} × ${a.resolvedModel || a.model + ' (not resolved)'}${a.tpp ? `, TPP ${a.tpp}` : ''}`)),
        )
      : null,
    h('h3', {}, 'Customer and owners'),
    h(
      'ul',
      { class: 'plain' },
      (d.parties || []).map((p) =>
        h(
          'li',
          {},
          h('span', { class: `badge screen-${p.status}` }, p.status),
          ' ',
          subjectLabel(p.subject),
          ': ',
          p.name,
          p.matches?.length ? h('span', { class: 'muted' }, ` — ${p.matches[0].source} ${p.matches[0].name} (${Number(p.matches[0].score).toFixed(2)})`) : null,
        ),
      ),
    ),
    h('h3', {}, 'Reasons'),
    d.reasons.length ? reasonList(d.reasons) : empty('No reasons.'),
  );
}
