// Lists: each list code's version, entries, publish date and age as a freshness strip; import a file with progress.
import { api, upload } from '../api.js';
import { empty, errorBox, field, fmtDate, fmtNum, h, select, setTitle } from '../dom.js';

const FORMATS = [
  ['csl-csv', 'Consolidated Screening List CSV (trade.gov, .csv or .csv.gz)'],
  ['csl-json', 'Consolidated Screening List JSON'],
  ['ofac-csv', 'OFAC CSV set (sdn.csv + add, alt, comments)'],
  ['ofac-sdn-xml', 'OFAC SDN / consolidated XML'],
  ['ofac-advanced-xml', 'OFAC advanced XML'],
  ['ofac-enhanced-xml', 'OFAC enhanced XML'],
  ['bis-dpl-txt', 'BIS Denied Persons (txt)'],
  ['un-xml', 'UN consolidated XML'],
  ['eu-xml', 'EU financial sanctions XML'],
  ['uk-xml', 'UK sanctions list XML'],
];

export function ageDays(asOf, now = new Date()) {
  return Math.floor((now.getTime() - Date.parse(asOf.slice(0, 10) + 'T00:00:00Z')) / 86400000);
}

export async function render(main) {
  setTitle('Lists');
  const strip = h(
    'section',
    { class: 'card', 'aria-labelledby': 'fresh-h' },
    h('h2', { id: 'fresh-h' }, 'Freshness'),
    h('p', { class: 'state loading' }, 'Loading…'),
  );
  main.replaceChildren(
    h('h1', {}, 'Restricted-party lists'),
    strip,
    importForm(() => refresh(strip)),
  );
  await refresh(strip);
}

async function refresh(strip) {
  try {
    const data = await api('/v1/lists');
    strip.replaceChildren(h('h2', { id: 'fresh-h' }, 'Freshness'), freshness(data));
  } catch (e) {
    strip.replaceChildren(h('h2', { id: 'fresh-h' }, 'Freshness'), errorBox(e, 'The lists could not be loaded'));
  }
}

function freshness(data) {
  if (!data.lists.length) return empty('No list is loaded: every screening is refused until one is imported below.');
  const max = data.maxAgeDays;
  const staleCount = data.lists.filter((l) => l.stale).length;
  return h(
    'div',
    {},
    h(
      'p',
      { class: staleCount ? 'warn-text' : 'muted' },
      data.sampleOnly ? 'Only the bundled sample is loaded: every decision is held for review. ' : '',
      staleCount
        ? `${staleCount} of ${data.lists.length} lists are older than ${max} days (LIST_MAX_AGE_DAYS): decisions carry LISTS_STALE.`
        : `Every list is at most ${max ?? '?'} days old.`,
    ),
    h(
      'ul',
      { class: 'strip', 'aria-label': 'List versions' },
      data.lists.map((l) => {
        const asOf = l.publishDate || l.loadedAt;
        const age = ageDays(asOf);
        return h(
          'li',
          { class: `tile${l.stale ? ' stale' : ''}${l.sample ? ' sample' : ''}`, dataset: { code: l.code } },
          h(
            'div',
            { class: 'tile-head' },
            h('strong', {}, l.code),
            l.stale ? h('span', { class: 'badge stale-badge' }, 'stale') : h('span', { class: 'badge fresh-badge' }, 'fresh'),
          ),
          h('div', { class: 'tile-name' }, l.name),
          h(
            'dl',
            { class: 'kv small' },
            h('dt', {}, 'Published'),
            h('dd', {}, l.publishDate || '—'),
            h('dt', {}, 'Age'),
            h('dd', {}, `${age} days`),
            h('dt', {}, 'Entries'),
            h('dd', {}, fmtNum(l.entryCount)),
            h('dt', {}, 'Loaded'),
            h('dd', {}, fmtDate(l.loadedAt)),
            h('dt', {}, 'File'),
            h('dd', { class: 'file', title: l.fileName }, l.fileName),
          ),
          h('div', { class: 'age-bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${Math.min(100, (age / Math.max(1, max)) * 100)}%` } })),
        );
      }),
    ),
  );
}

function importForm(onDone) {
  const format = select('format', FORMATS);
  const file = h('input', { type: 'file', name: 'file', required: true });
  const extra = ['add', 'alt', 'comments'].map((role) => field(`OFAC ${role}.csv (optional)`, h('input', { type: 'file', name: role })));
  const extras = h('div', { class: 'extras', hidden: true }, extra);
  format.addEventListener('change', () => {
    extras.hidden = format.value !== 'ofac-csv';
  });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const msg = h('div', { class: 'form-msg', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Import');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'import-h' },
    h('h2', { id: 'import-h' }, 'Import a list file'),
    h(
      'p',
      { class: 'muted' },
      'A file replaces the active version of exactly the list codes it holds. A file that does not parse is refused and the active version stays.',
    ),
    h('div', { class: 'grid2' }, field('Format', format), field('File', file)),
    extras,
    h('div', { class: 'actions' }, submit),
    progress,
    msg,
  );
  /** Uploads the chosen files; `force` = { reason } replaces the active version despite LIST_SHRINK / LIST_OLDER. */
  async function send(force) {
    const body = new FormData(form);
    for (const [k, v] of [...body.entries()]) if (v instanceof File && !v.name) body.delete(k);
    body.delete('forceReason');
    if (force) {
      body.set('force', 'true');
      body.set('reason', force.reason);
    }
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    msg.replaceChildren(h('p', {}, 'Uploading…'));
    try {
      const res = await upload('/v1/lists/import', body, {
        onProgress: (f) => {
          if (f === null) {
            progress.removeAttribute('value');
            msg.replaceChildren(h('p', {}, 'Uploaded; checking and importing the file…'));
          } else progress.value = Math.round(f * 100);
        },
      });
      msg.replaceChildren(h('p', { class: 'ok-text' }, res.message || 'Imported.'));
      form.reset();
      extras.hidden = true;
      await onDone();
    } catch (err) {
      msg.replaceChildren(refusal(err), err.status === 409 ? forceForm(send) : null);
    } finally {
      submit.disabled = false;
      progress.hidden = true;
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!file.files.length) {
      msg.replaceChildren(h('p', { class: 'error-text' }, 'Choose a file.'));
      file.focus();
      return;
    }
    void send(null);
  });
  return form;
}

/** After a 409 (the file would shrink or roll back a list): replace anyway, with a reason that is recorded with your name. */
function forceForm(send) {
  const reason = h('input', { type: 'text', name: 'forceReason', maxlength: 500, required: true });
  const go = h('button', { type: 'button', class: 'danger' }, 'Replace anyway');
  go.addEventListener('click', () => {
    if (!reason.value.trim()) {
      reason.focus();
      return;
    }
    void send({ reason: reason.value.trim() });
  });
  return h(
    'div',
    { class: 'card force' },
    h(
      'p',
      {},
      'If you have checked that this file is right (for example a list that really got shorter), you can replace the active version anyway. Who and why are recorded.',
    ),
    field('Reason for replacing the active version', reason),
    h('div', { class: 'actions' }, go),
  );
}

function refusal(err) {
  const b = err.body || {};
  if (err.status === 422) return errorBox(err, 'The file was refused: it does not parse. The active version stays.');
  if (err.status === 409) return errorBox(err, `The import was refused${b.code ? ` (${b.code})` : ''}: nothing changed.`);
  if (err.status === 400) return errorBox(err, 'The import request is incomplete');
  if (err.status === 403) return errorBox(err, 'Your role cannot import lists');
  return errorBox(err, 'The import failed');
}
