// Batch audit: upload a shipments CSV (progress), see the results, download the spreadsheet-safe report, open held ones in the queue.
import { apiBlob, upload } from '../api.js';
import { downloadBlob, errorBox, field, h, outcomeBadge, setTitle } from '../dom.js';

const SHOWN_ROWS = 500;
const QUEUE_IDS = 100;

export async function render(main) {
  setTitle('Batch audit');
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const msg = h('div', { class: 'form-msg', role: 'status', 'aria-live': 'polite' });
  const out = h('div', {});
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Run the audit');
  const form = h(
    'form',
    { class: 'card' },
    h(
      'p',
      { class: 'muted' },
      'A CSV of order lines: a header line, then one line per item (columns in the README, "Batch audits"). Every order is decided and stored; a bad line gets its own error and never stops the batch.',
    ),
    field('Shipments CSV', file),
    h('div', { class: 'actions' }, submit),
    progress,
    msg,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) {
      msg.replaceChildren(h('p', { class: 'error-text' }, 'Choose a CSV file.'));
      file.focus();
      return;
    }
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    out.replaceChildren();
    msg.replaceChildren(h('p', {}, 'Uploading…'));
    try {
      const report = await upload('/v1/transactions/batch', file.files[0], {
        contentType: 'text/csv',
        onProgress: (f) => {
          if (f === null) {
            progress.removeAttribute('value');
            msg.replaceChildren(h('p', {}, 'Uploaded; deciding every order…'));
          } else progress.value = Math.round(f * 100);
        },
      });
      msg.replaceChildren(h('p', { class: 'ok-text' }, `Done: ${report.summary.rows} lines, ${report.summary.orders} orders.`));
      out.replaceChildren(results(report, file.files[0].name));
    } catch (err) {
      msg.replaceChildren(errorBox(err, err.status === 400 ? 'The file was not accepted' : 'The audit failed'));
    } finally {
      submit.disabled = false;
      progress.hidden = true;
    }
  });
  main.replaceChildren(h('h1', {}, 'Batch audit'), form, out);
}

function results(report, fileName) {
  const s = report.summary;
  const held = [...new Set(report.results.filter((r) => r.decision === 'review' && r.id).map((r) => r.id))];
  const dl = h('button', { type: 'button' }, 'Download report (CSV)');
  const dlMsg = h('span', { role: 'status', class: 'muted' });
  dl.addEventListener('click', async () => {
    dl.disabled = true;
    try {
      const blob = await apiBlob('/v1/transactions/batch/report', { results: report.results });
      downloadBlob(blob, fileName.replace(/\.csv$/i, '') + '-report.csv');
      dlMsg.textContent = '';
    } catch (err) {
      dlMsg.textContent = `The report could not be made: ${err.message}`;
    } finally {
      dl.disabled = false;
    }
  });
  const queueLink = held.length
    ? h(
        'a',
        { class: 'button', href: `/queue?status=all&ids=${held.slice(0, QUEUE_IDS).join(',')}` },
        `Open ${Math.min(held.length, QUEUE_IDS)} held orders in the queue`,
      )
    : null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'res-h' },
    h('h2', { id: 'res-h' }, 'Results'),
    h('p', { class: 'totals' }, `${s.allow} allow · ${s.review} review · ${s.deny} deny · ${s.errors} errors (lines)`),
    report.warnings?.length
      ? h(
          'ul',
          { class: 'warn-text' },
          report.warnings.map((w) => h('li', {}, w)),
        )
      : null,
    h('div', { class: 'actions' }, dl, queueLink, dlMsg),
    held.length > QUEUE_IDS
      ? h('p', { class: 'muted' }, `The queue link opens the first ${QUEUE_IDS} of ${held.length} held orders; the report lists all.`)
      : null,
    h(
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
            ['Line', 'Reference', 'Outcome', 'Reasons', 'Error'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          report.results
            .slice(0, SHOWN_ROWS)
            .map((r) =>
              h(
                'tr',
                {},
                h('td', { class: 'num' }, String(r.row ?? r.index)),
                h('td', {}, r.id ? h('a', { href: `/decisions/${encodeURIComponent(r.id)}` }, r.reference || r.id) : r.reference || '—'),
                h('td', {}, r.decision ? outcomeBadge(r.decision) : '—'),
                h('td', {}, [...new Set((r.reasons || []).filter((x) => x.severity !== 'info').map((x) => x.code))].join(', ') || '—'),
                h('td', { class: r.error ? 'error-text' : '' }, r.error || ''),
              ),
            ),
        ),
      ),
    ),
    report.results.length > SHOWN_ROWS
      ? h('p', { class: 'muted' }, `Showing the first ${SHOWN_ROWS} of ${report.results.length} lines; the report has them all.`)
      : null,
  );
}
