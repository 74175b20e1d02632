/**
 * npm run eval:peer — screening quality on labelled data written by another team (OpenSanctions):
 * nomenklatura's name_bench pairs and yente's UN person records and synthetic negatives, development
 * half, in ../shared/data/peer (README there: provenance and the protocol followed here).
 *
 * The listed side is written out as a CSL CSV (the 29 columns of the CSL layout) and read back by the
 * project's own `csl-csv` parser, so the list goes through the same code as an import; the queries are
 * screened through the real ScreeningIndex with the configured thresholds.
 *  - name_bench: one entry per distinct (name2, schema); query name1 with the type of the schema. A pair is
 *    flagged when its own entry comes back at review level (potential or match) or at match level.
 *    Precision, recall, F1 over the pairs (as nomenklatura's contrib/name_bench/run.py counts them), and
 *    the flagged share of the no-match pairs; per case group, schema, quality and category.
 *  - UN: the untreated full names (with DOB, place of birth, nationality) are the list; each treated
 *    name (type individual, country from nationality) must find its own line; the synthetic negatives
 *    (type individual, country from the nationality name) must come back clear.
 * Options: --verbose (every miss and false positive), --dob (also send the query's date of birth),
 * --review T, --match T, --near (screen down to 0.4, so a miss shows its real score; the figures may move a little).
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'fs';
import * as path from 'path';
import { countryCodeOf } from '../../src/common/countries';
import { CSL_COLUMNS } from '../../src/lists/parsers/csl-csv';
import { parseListFile } from '../../src/lists/parse';
import { ListEntry } from '../../src/lists/list-entry';
import { DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, PartyQuery, ScreeningIndex } from '../../src/screening';
import { sharedListsDirectory } from '../../src/screening/shared-lists.testing';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}
const verbose = process.argv.includes('--verbose');
const withDob = process.argv.includes('--dob');
const near = process.argv.includes('--near');
const matchT = Number(arg('match', String(DEFAULT_MATCH_THRESHOLD)));
const reviewT = Number(arg('review', String(DEFAULT_REVIEW_THRESHOLD)));

const peerDir = path.resolve(sharedListsDirectory(), '../peer');
const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(path.join(peerDir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

const SDN_LABEL = 'Specially Designated Nationals (SDN) - Treasury Department';
const CSL_TYPE: Record<string, string> = { Person: 'Individual', Company: 'Entity', Organization: 'Entity', Vessel: 'Vessel', LegalEntity: '' };
const QUERY_TYPE: Record<string, PartyQuery['type']> = { Person: 'individual', Company: 'entity', Organization: 'entity', Vessel: 'vessel' };

interface ListRow {
  id: string;
  name: string;
  type: string;
  nationality?: string;
  dob?: string;
  pob?: string;
}

/** The rows as a CSL CSV file, read back through the csl-csv parser. */
function toEntries(rows: ListRow[]): ListEntry[] {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [CSL_COLUMNS.join(',')];
  for (const r of rows) {
    const cell: Record<string, string> = {
      _id: r.id,
      source: SDN_LABEL,
      type: r.type,
      name: r.name,
      nationalities: r.nationality ?? '',
      dates_of_birth: r.dob ?? '',
      places_of_birth: r.pob ?? '',
    };
    lines.push(CSL_COLUMNS.map((c) => q(cell[c] ?? '')).join(','));
  }
  return parseListFile('csl-csv', { data: Buffer.from(lines.join('\n')), fileName: 'peer.csv' }).entries;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

function line(label: string, t: Tally): string {
  const p = t.tp / (t.tp + t.fp);
  const r = t.tp / (t.tp + t.fn);
  const f1 = (2 * p * r) / (p + r);
  const flagged = t.fp / (t.fp + t.tn);
  const n = t.tp + t.fp + t.fn + t.tn;
  return `${label.slice(0, 34).padEnd(34)} ${String(n).padStart(4)}  ${pct(p)}  ${pct(r)}  ${pct(f1)}  ${pct(flagged)}`;
}

function nameBench(): { review: Tally; match: Tally } {
  const rows = readCsv('name_bench-dev.csv');
  const listRows: ListRow[] = [];
  const idOf = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.schema}|${row.name2}`;
    if (idOf.has(key)) continue;
    const id = `nb-${listRows.length + 1}`;
    idOf.set(key, id);
    listRows.push({ id, name: row.name2, type: CSL_TYPE[row.schema] ?? '' });
  }
  const index = ScreeningIndex.build(toEntries(listRows));
  const groups = new Map<string, { review: Tally; match: Tally }>();
  const group = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { review: tally(), match: tally() }));
    return g;
  };
  const all = group('all');
  const wrong: string[] = [];
  for (const row of rows) {
    const id = idOf.get(`${row.schema}|${row.name2}`)!;
    const floor = near ? Math.min(0.4, reviewT) : reviewT;
    const res = index.screen({ name: row.name1, type: QUERY_TYPE[row.schema] }, { reviewThreshold: floor, matchThreshold: matchT, limit: 100 });
    const m = res.matches.find((x) => x.entryId === id);
    const score = m?.score ?? 0;
    const truth = row.is_match === 'true';
    const keys = ['all', `group ${row.case_group}`, `schema ${row.schema}`, `quality ${row.quality || 'MEDIUM'}`, `category ${row.category || '(none)'}`];
    for (const [level, t] of [
      ['review', reviewT],
      ['match', matchT],
    ] as const) {
      const hit = score >= t;
      for (const k of keys) {
        const tl = group(k)[level];
        if (truth && hit) tl.tp++;
        else if (truth) tl.fn++;
        else if (hit) tl.fp++;
        else tl.tn++;
      }
    }
    if (truth !== score >= reviewT) {
      wrong.push(`  ${truth ? 'MISS' : 'FP  '} ${score.toFixed(3)} [${row.schema}] "${row.name1}" / "${row.name2}"${m ? ` — ${m.explanation}` : ''}`);
    }
  }
  const header = `${'slice'.padEnd(34)}    n  prec.  recall  F1     no-match flagged`;
  for (const level of ['review', 'match'] as const) {
    console.log(`\nname_bench at ${level} level (score >= ${level === 'review' ? reviewT : matchT})`);
    console.log(header);
    const keys = [...groups.keys()];
    const order = (k: string) => (k === 'all' ? '0' : k);
    for (const k of keys.sort((a, b) => order(a).localeCompare(order(b)))) {
      const g = groups.get(k)![level];
      if (k.startsWith('category') && g.tp + g.fp + g.fn + g.tn < 3) continue;
      console.log(line(k, g));
    }
  }
  console.log(`\nname_bench errors at review level: ${wrong.length}`);
  for (const w of wrong.slice(0, verbose ? 1000 : 30)) console.log(w);
  return { review: all.review, match: all.match };
}

function unSet(): { recall: number; negFlagged: number } {
  const untreated = readCsv('un-untreated-dev.csv');
  const treated = readCsv('un-treated-dev.csv');
  const listRows: ListRow[] = untreated.map((r, i) => ({
    id: `un-${i + 1}`,
    name: r.full_name,
    type: 'Individual',
    nationality: r.nationality ? r.nationality.toUpperCase() : undefined,
    dob: r.date_of_birth || undefined,
    pob: r.place_of_birth || undefined,
  }));
  const index = ScreeningIndex.build(toEntries(listRows));
  let found = 0;
  let foundMatch = 0;
  const misses: string[] = [];
  treated.forEach((r, i) => {
    const q: PartyQuery = { name: r.full_name, type: 'individual', country: r.nationality ? r.nationality.toUpperCase() : undefined };
    if (withDob && r.date_of_birth) (q as PartyQuery & { dateOfBirth?: string }).dateOfBirth = r.date_of_birth;
    const res = index.screen(q, { reviewThreshold: reviewT, matchThreshold: matchT, limit: 100 });
    const m = res.matches.find((x) => x.entryId === `un-${i + 1}`);
    if (m) found++;
    if (m && m.score >= matchT) foundMatch++;
    if (!m)
      misses.push(
        `  MISS line ${i + 2} "${r.full_name}" / "${untreated[i].full_name}"; top: ${res.matches[0] ? `${res.matches[0].score} ${res.matches[0].name}` : 'none'}`,
      );
  });
  const negatives = [...readCsv('negatives-global-dev.csv'), ...readCsv('negatives-us-dev.csv')];
  const fps: string[] = [];
  for (const n of negatives) {
    const q: PartyQuery = { name: n.full_name, type: 'individual', country: countryCodeOf(n.nationality) };
    if (withDob && n.date_of_birth) (q as PartyQuery & { dateOfBirth?: string }).dateOfBirth = n.date_of_birth;
    const res = index.screen(q, { reviewThreshold: reviewT, matchThreshold: matchT, limit: 1 });
    if (res.status !== 'clear')
      fps.push(`  FP ${res.matches[0].score} "${n.full_name}" [${n.nationality}] -> "${res.matches[0].name}" (${res.matches[0].explanation})`);
  }
  console.log(
    `\nUN persons: ${treated.length} treated names against ${index.size} listed; recall at review level ${(found / treated.length).toFixed(3)}` +
      `, at match level ${(foundMatch / treated.length).toFixed(3)}`,
  );
  for (const m of misses.slice(0, verbose ? 1000 : 20)) console.log(m);
  console.log(`synthetic negatives: ${fps.length} of ${negatives.length} flagged (${((100 * fps.length) / negatives.length).toFixed(1)} %)`);
  for (const f of fps.slice(0, verbose ? 1000 : 20)) console.log(f);
  return { recall: found / treated.length, negFlagged: fps.length };
}

function main(): void {
  const t0 = Date.now();
  console.log(`peer data: ${peerDir}; thresholds review ${reviewT}, match ${matchT}${withDob ? '; queries carry their date of birth' : ''}`);
  const nb = nameBench();
  const un = unSet();
  const r = nb.review;
  const p = r.tp / (r.tp + r.fp);
  const rec = r.tp / (r.tp + r.fn);
  const f1 = (2 * p * rec) / (p + rec);
  const flagged = r.fp / (r.fp + r.tn);
  console.log(
    `\nsummary: name_bench review level precision ${p.toFixed(3)}, recall ${rec.toFixed(3)}, F1 ${f1.toFixed(3)}, no-match flagged ${(100 * flagged).toFixed(1)} %;` +
      ` UN recall ${un.recall.toFixed(3)}, negatives flagged ${un.negFlagged}; ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const ok = f1 >= 0.86 && flagged <= 0.1 && un.recall >= 0.99 && un.negFlagged === 0;
  console.log(ok ? 'targets met (F1 >= 0.86, no-match flagged <= 10 %, UN recall >= 0.99, no negative flagged)' : 'TARGETS NOT MET');
  process.exitCode = ok ? 0 : 1;
}

main();
