import { Command } from 'commander';
import { once } from 'events';
import { createWriteStream, readFileSync, WriteStream } from 'fs';
import { basename, dirname, extname, join } from 'path';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-exit';
import type { BatchReport, BatchSink } from './batch.service';

/** `chipguard audit <file> --out <report.csv>`, `chipguard verify`, `chipguard rescreen`. */
export function registerDecisionsCommands(program: Command, cli: CliContext): void {
  program
    .command('audit')
    .description('batch audit: decide every order of a CSV of order lines (or a {"transactions": [...]} JSON file), store the decisions and write a CSV report')
    .argument('<file>', 'CSV of order lines (columns: README "Batch audits") or JSON')
    .option('-o, --out <report.csv>', 'where to write the report (default: <file>-report.csv beside the input)')
    .action(async (file: string, opts: { out?: string }) => {
      const out = opts.out ?? join(dirname(file), `${basename(file, extname(file))}-report.csv`);
      const data = readFileSync(file, 'utf8');
      const isJson = extname(file).toLowerCase() === '.json' || /^\s*[{[]/.test(data.replace(/^\ufeff/, '').slice(0, 10));
      await cli.app(async (app) => {
        const [{ Presets, SingleBar }, { AUDIT_REPORT_HEADER, auditReportRow, BatchService }, { csvLine, UTF8_BOM }] = await Promise.all([
          import('cli-progress'),
          import('./batch.service'),
          import('./report-csv'),
        ]);
        const batch = app.get(BatchService);
        const bar = new SingleBar(
          { format: ' audit [{bar}] {percentage}% | {value}/{total} orders | {eta}s left', hideCursor: true, stream: process.stderr },
          Presets.shades_classic,
        );
        let started = false;
        const progress = (done: number, total: number) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        };
        const t0 = Date.now();
        try {
          // the report streams to the file row by row (a large audit is never held in memory)
          let file: WriteStream | undefined; // opened once the batch is accepted: a refused batch writes no report
          let written: Promise<void> = Promise.resolve();
          let summary: BatchReport['summary'] | undefined;
          let warnings: string[] = [];
          const sink: BatchSink = {
            begin: () => {
              const f = (file = createWriteStream(out));
              written = new Promise<void>((resolve, reject) => f.on('finish', resolve).on('error', reject));
              f.write(UTF8_BOM + csvLine(AUDIT_REPORT_HEADER));
            },
            result: async (r) => {
              if (!file!.write(csvLine(auditReportRow(r)))) await once(file!, 'drain');
            },
            end: (s, w) => {
              summary = s;
              warnings = w;
              file!.end();
            },
          };
          try {
            await (isJson ? batch.jsonTo(parseJson(data), sink, progress) : batch.csvTo(data, sink, progress));
          } finally {
            if (file && !file.writableEnded) file.end();
          }
          await written;
          if (started) bar.stop();
          const s = summary!;
          process.stdout.write(
            `${s.rows} row(s), ${s.orders} order(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${s.allow} allow, ${s.review} review, ${s.deny} deny, ${s.errors} error(s) -> ${out}\n`,
          );
          for (const w of warnings) process.stdout.write(`warning: ${w}\n`);
          process.exitCode = s.errors ? EXIT.error : s.deny ? EXIT.deny : s.review ? EXIT.review : EXIT.ok;
        } catch (e) {
          if (started) bar.stop();
          throw httpMessage(e);
        }
      });
    });

  program
    .command('verify')
    .description(
      'check the hash chain (decisions, dispositions, allow-list, list imports, key changes) and the stored head; exit code 1 naming the first problem',
    )
    .option('--expect-head <hash>', 'a head printed by an earlier verify and kept elsewhere: it must still be in the chain (detects deleted newest records)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean; expectHead?: string }) => {
      if (opts.expectHead !== undefined && !/^[0-9a-f]{64}$/.test(opts.expectHead))
        throw new Error('--expect-head takes the 64-hex-digit head hash that verify printed');
      await cli.app(async (app) => {
        const { DecisionsService } = await import('./decisions.service');
        const report = await app.get(DecisionsService).verifyChain({ expectHead: opts.expectHead });
        if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else {
          const lines: string[] = [];
          if (report.firstBroken) {
            const b = report.firstBroken;
            lines.push(`chain BROKEN at record seq ${b.seq} (${b.kind} ${b.id}): ${b.problem}`);
          }
          if (report.headProblem) lines.push(`chain head: ${report.headProblem}`);
          if (report.expectedHead && !report.expectedHead.found) {
            lines.push(`expected head ${report.expectedHead.hash} is not in the chain: records were deleted or rewritten since it was kept`);
          }
          for (const p of report.recordProblems.slice(0, 20)) lines.push(`record ${p.table} ${p.id}: ${p.problem}`);
          if (report.statusMismatches.length) {
            const m = report.statusMismatches[0];
            lines.push(
              `${report.statusMismatches.length} decision status(es) disagree with their dispositions; first: seq ${m.seq} (${m.id}) is "${m.status}", expected "${m.expected}"`,
            );
          }
          if (report.ok) {
            lines.push(
              `chain ok: ${report.records} record(s) (${report.decisions} decisions, ${report.dispositions} dispositions, ${report.events} events)` +
                (report.expectedHead ? `; expected head found at seq ${report.expectedHead.seq}` : ''),
            );
          }
          const h = report.storedHead;
          if (h)
            lines.push(`head: seq ${h.seq} hash ${h.hash}${h.at ? ` at ${h.at}` : ''} (keep it elsewhere; later: chipguard verify --expect-head ${h.hash})`);
          process.stdout.write(lines.join('\n') + '\n');
        }
        if (!report.ok) process.exitCode = EXIT.error;
      });
    });

  program
    .command('rescreen')
    .description('re-screen stored decisions against the active lists; lists those whose outcome would now be stricter (exit 2 when any)')
    .option('--from <date>', 'decisions stored on or after YYYY-MM-DD (default: RESCREEN_WINDOW_DAYS ago)')
    .option('--to <date>', 'decisions stored on or before YYYY-MM-DD')
    .option('--possible', 'also report new possible matches')
    .option('--json', 'print the whole report as JSON')
    .action(async (opts: { from?: string; to?: string; possible?: boolean; json?: boolean }) => {
      for (const d of [opts.from, opts.to]) if (d && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date YYYY-MM-DD: ${d}`);
      await cli.app(async (app) => {
        const { RescreenService } = await import('./rescreen.service');
        const r = await app.get(RescreenService).run({ trigger: 'manual', from: opts.from, to: opts.to, includePossible: !!opts.possible });
        if (r.changed) process.exitCode = EXIT.review;
        if (opts.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `re-screened ${r.scanned} decision(s) in ${r.durationMs} ms (${r.upToDate} already on the active lists): ${r.changed} would now be stricter\n`,
        );
        for (const c of r.decisions.slice(0, 200)) {
          const m = c.matches[0];
          process.stdout.write(
            `  ${c.id} ${c.reference ?? ''} ${c.decision}/${c.status} -> ${c.wouldBe}: ${m ? `${m.subject} "${m.party}" ~ ${m.source} ${m.entryId} '${m.entryName}' ${m.score.toFixed(2)}` : ''}\n`,
          );
        }
      });
    });
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new Error(`the JSON file does not parse: ${(e as Error).message}`);
  }
}

/** A Nest HTTP exception (400/503) as a plain CLI error message. */
function httpMessage(e: unknown): Error {
  const r = (e as { getResponse?: () => unknown }).getResponse?.();
  if (r && typeof r === 'object' && 'message' in r) {
    const m = (r as { message: unknown }).message;
    return new Error(Array.isArray(m) ? m.join('; ') : String(m));
  }
  return e instanceof Error ? e : new Error(String(e));
}
