import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { LOCAL_PRINCIPAL, Principal } from '../auth/roles';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Writable } from 'stream';
import { EntityTarget, In, ObjectLiteral } from 'typeorm';
import { DecisionStore, DispositionConflict } from '../database/decision-store';
import { AllowListRow, ApiKeyRow, ChainEventRow, ChainHeadRow, DecisionRow, DispositionRow, ListVersionRow } from '../database/entities';
import { partyKey } from '../screening';
import { ScreeningService } from '../screening/screening.service';
import { ChainEvent, ChainReport, ChainSource, verifyChain } from './chain-verify';
import { checkRecords, RecordProblem } from './chain-records';
import { GENESIS_HASH } from '../database/hash-chain';
import { DispositionDto } from './decisions.dto';
import { needsTwoReviewers, statusAfter } from './four-eyes';
import { dispositionJson, EXPORT_CSV_HEADER, exportCsvRow, exportJson } from './export-format';
import { DecisionFilter, encodeCursor, filterSql, ListQuery, nextDay, parseFilter, parseListQuery } from './queue';
import { csvLine, UTF8_BOM } from './report-csv';
import { targetsOf } from './rescreen';
import { findingIdsOf } from './reopen';
import { parseStatsQuery, perDay, topReasons } from './stats';

interface StoredResponse {
  reasons?: { code: string; severity: string; message: string; subject?: string }[];
  parties?: { subject: string; name: string; status: string; matches?: { source: string; entryId: string; name: string; score: number }[] }[];
  riskScore?: number;
}

/**
 * Reads stored decisions and appends dispositions: the review queue, the audit export, chain verification.
 * Dispositions go through the hash-chained DecisionStore; they are appended, never overwritten.
 */
@Injectable()
export class DecisionsService {
  /** per decision id: the disposition in progress (one at a time per decision) */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: DecisionStore,
    private readonly screening: ScreeningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(id: string) {
    const row = await this.store.db.getRepository(DecisionRow).findOne({ where: { id } });
    if (!row) throw new NotFoundException(`no decision ${id}`);
    const dispositions = await this.store.db.getRepository(DispositionRow).find({ where: { decisionId: id }, order: { seq: 'ASC' } });
    const reopenedBy = findingIdsOf(dispositions);
    return {
      ...JSON.parse(row.response),
      status: row.status,
      ...(reopenedBy.length ? { reopenedBy } : {}),
      request: JSON.parse(row.request),
      listVersionIds: JSON.parse(row.listVersions).ids,
      dispositions: dispositions.map((d) => ({
        action: d.action,
        note: d.note,
        by: d.by,
        createdAt: d.createdAt,
        ...(d.fourEyes ? { fourEyes: true } : {}),
        ...(d.suppressions ? { suppressions: JSON.parse(d.suppressions) } : {}),
      })),
      seq: row.seq,
      hash: row.hash,
      prevHash: row.prevHash,
    };
  }

  /** GET /v1/decisions: the review queue and the decision log, newest first, cursor-paged. */
  async list(rawQuery: Record<string, unknown>) {
    const { query, errors } = parseListQuery(rawQuery);
    if (errors.length) throw new BadRequestException(errors);
    const rows = await this.page(query);
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = await this.lastDispositions(items.filter((r) => r.decision === 'review' || r.status !== 'closed').map((r) => r.id));
    return {
      items: items.map((r) => {
        const response = JSON.parse(r.response) as StoredResponse;
        const d = last.get(r.id);
        return {
          id: r.id,
          seq: r.seq,
          kind: r.kind,
          reference: r.reference,
          decision: r.decision,
          status: r.status,
          orderDate: r.orderDate,
          createdAt: r.createdAt,
          riskScore: response.riskScore ?? null,
          reasonCodes: splitBars(r.reasonCodes),
          matchedSources: splitBars(r.matchedSources),
          parties: (response.parties ?? []).map((p) => ({ subject: p.subject, name: p.name, status: p.status })),
          reasons: (response.reasons ?? []).map((x) => ({ code: x.code, severity: x.severity, subject: x.subject, message: x.message })),
          lastDisposition: d ? { action: d.action, by: d.by, note: d.note, createdAt: d.createdAt } : null,
        };
      }),
      limit: query.limit,
      nextCursor: more ? encodeCursor(items[items.length - 1].seq) : null,
    };
  }

  /**
   * GET /v1/decisions/stats: decisions per day by outcome and the top reason codes over a period, and the review
   * queue's size per status. Grouped in the database (GROUP BY), never by loading the decisions.
   */
  async stats(rawQuery: Record<string, unknown>) {
    const { query, errors } = parseStatsQuery(rawQuery, new Date().toISOString().slice(0, 10));
    if (!query) throw new BadRequestException(errors);
    const repo = this.store.db.getRepository(DecisionRow);
    const period = (alias: string) =>
      repo.createQueryBuilder(alias).where(`${alias}.createdAt >= :from AND ${alias}.createdAt < :to`, { from: query.from, to: nextDay(query.to) });
    const [days, reasons, queue] = await Promise.all([
      period('d')
        .select('SUBSTR(d.createdAt, 1, 10)', 'day')
        .addSelect('d.decision', 'decision')
        .addSelect('COUNT(*)', 'n')
        .groupBy('SUBSTR(d.createdAt, 1, 10)')
        .addGroupBy('d.decision')
        .getRawMany<{ day: string; decision: string; n: number }>(),
      period('d').select('d.reasonCodes', 'codes').addSelect('COUNT(*)', 'n').groupBy('d.reasonCodes').getRawMany<{ codes: string; n: number }>(),
      repo
        .createQueryBuilder('d')
        .select('d.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .where("d.decision = 'review'")
        .groupBy('d.status')
        .getRawMany<{ status: string; n: number }>(),
    ]);
    const perDayCounts = perDay(days, query.from, query.to);
    const totals = perDayCounts.reduce((t, d) => ({ allow: t.allow + d.allow, review: t.review + d.review, deny: t.deny + d.deny }), {
      allow: 0,
      review: 0,
      deny: 0,
    });
    return {
      from: query.from,
      to: query.to,
      totals,
      perDay: perDayCounts,
      topReasons: topReasons(reasons),
      queue: Object.fromEntries(queue.map((q) => [q.status, Number(q.n)])),
    };
  }

  private page(query: ListQuery): Promise<DecisionRow[]> {
    const { where, params } = filterSql(query.filter, 'd');
    const qb = this.store.db.getRepository(DecisionRow).createQueryBuilder('d');
    where.forEach((w, i) => (i === 0 ? qb.where(w, params) : qb.andWhere(w, params)));
    const newest = query.order === 'newest';
    if (query.cursorSeq !== undefined) qb.andWhere(newest ? 'd.seq < :cursorSeq' : 'd.seq > :cursorSeq', { cursorSeq: query.cursorSeq });
    return qb
      .orderBy('d.seq', newest ? 'DESC' : 'ASC')
      .take(query.limit + 1)
      .getMany();
  }

  private async lastDispositions(ids: string[]): Promise<Map<string, DispositionRow>> {
    const out = new Map<string, DispositionRow>();
    if (!ids.length) return out;
    const rows = await this.store.db.getRepository(DispositionRow).find({ where: { decisionId: In(ids) }, order: { seq: 'ASC' } });
    for (const r of rows) out.set(r.decisionId, r);
    return out;
  }

  /**
   * POST /v1/decisions/:id/disposition. Only a `review` decision can be disposed. `by` is the caller's key name.
   * Four eyes: a release of a decision with a restricted-list match or a deny-severity reason leaves it
   * `pending_approval`; a release by a second, different reviewer completes it (the same one again: 409), a
   * block by anyone ends it blocked. The same action by the same person again returns the existing
   * disposition (`alreadyDisposed`, an idempotent retry); anything else on a disposed decision is a 409.
   */
  async dispose(id: string, dto: DispositionDto, principal: Principal = LOCAL_PRINCIPAL) {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.disposeLocked(id, dto, principal));
    const tail = run.catch(() => undefined);
    this.locks.set(id, tail);
    void tail.then(() => {
      if (this.locks.get(id) === tail) this.locks.delete(id);
    });
    return run;
  }

  private async disposeLocked(id: string, dto: DispositionDto, principal: Principal) {
    const db = this.store.db;
    const by = actorName(principal, dto.by);
    const row = await db.getRepository(DecisionRow).findOne({ where: { id }, select: ['id', 'decision', 'status', 'request', 'response'] });
    if (!row) throw new NotFoundException(`no decision ${id}`);
    if (row.decision !== 'review') {
      throw new ConflictException(`decision ${id} is "${row.decision}", not "review": only decisions held for review can be released or blocked`);
    }
    if (row.status === 'reopened') {
      const reopens = await db.getRepository(DispositionRow).find({ where: { decisionId: id, action: 'reopen' }, order: { seq: 'ASC' } });
      const findings = findingIdsOf(reopens);
      throw new ConflictException(
        `decision ${id} was reopened by re-screen finding ${findings.join(', ') || '(unknown)'}: a list update made it stricter; dispose of the finding, not of this decision`,
      );
    }
    const falsePositives = dto.falsePositives ?? [];
    if (falsePositives.length && dto.action !== 'release') {
      throw new BadRequestException(['falsePositives can only be recorded with action "release"']);
    }
    const [last] = row.status === 'open' ? [] : await db.getRepository(DispositionRow).find({ where: { decisionId: id }, order: { seq: 'DESC' }, take: 1 });
    if (row.status === 'pending_approval' && last) return this.secondReviewer(row, dto, by, last);
    if (row.status !== 'open') {
      if (last && last.by === by && statusAfter({ action: dto.action }) === row.status) {
        return { ...(await this.get(id)), disposition: dispositionJson(last), alreadyDisposed: true };
      }
      throw new ConflictException(
        `decision ${id} was already ${row.status}${last ? ` by ${last.by} at ${last.createdAt}` : ''}; a conflicting disposition ("${dto.action}" by ${by}) is refused`,
      );
    }
    const suppressions = this.suppressionsFor(row, falsePositives);
    const fourEyes = dto.action === 'release' && this.config.fourEyes && needsTwoReviewers(JSON.parse(row.response));
    const disposition = {
      decisionId: id,
      action: dto.action,
      note: dto.note ?? null,
      by,
      createdAt: new Date().toISOString(),
      suppressions: suppressions.length ? JSON.stringify(suppressions) : null,
      ...(fourEyes ? { fourEyes: true } : {}),
    };
    const written = await this.write(disposition, 'open');
    // a pending release suppresses nothing yet: its false positives take effect when a second reviewer approves
    if (!fourEyes) await this.applySuppressions(id, suppressions, by, dto.note ?? null);
    return { ...(await this.get(id)), disposition: dispositionJson(written) };
  }

  /** A decision pending approval: a different reviewer approves (release) or refuses (block). */
  private async secondReviewer(row: DecisionRow, dto: DispositionDto, by: string, pending: DispositionRow) {
    if (dto.action === 'release' && pending.by === by) {
      throw new ConflictException(
        `decision ${row.id} needs a second reviewer: ${pending.by} released it at ${pending.createdAt}; another reviewer must approve (four eyes)`,
      );
    }
    if (dto.falsePositives?.length) {
      throw new BadRequestException(['falsePositives: the false positives of a four-eyes release are those of the first release; approve or block it']);
    }
    const action = dto.action === 'release' ? 'approve' : 'block';
    const written = await this.write(
      { decisionId: row.id, action, note: dto.note ?? null, by, createdAt: new Date().toISOString(), suppressions: null },
      'pending_approval',
    );
    if (action === 'approve' && pending.suppressions) {
      await this.applySuppressions(row.id, JSON.parse(pending.suppressions), pending.by, pending.note, by);
    }
    return { ...(await this.get(row.id)), disposition: dispositionJson(written) };
  }

  private write(d: Omit<DispositionRow, 'id' | 'seq' | 'prevHash' | 'hash'>, fromStatus: string) {
    return this.store.writeDisposition(d, statusAfter(d), fromStatus).catch((e) => {
      if (e instanceof DispositionConflict) throw new ConflictException(`${e.message}; a conflicting disposition ("${d.action}" by ${d.by}) is refused`);
      throw e;
    });
  }

  private async applySuppressions(
    decisionId: string,
    suppressions: { partyKey: string; source: string; entryId: string }[],
    by: string,
    note: string | null,
    approvedBy?: string,
  ) {
    for (const s of suppressions) {
      await this.screening.suppress({
        partyKey: s.partyKey,
        source: s.source,
        entryId: s.entryId,
        by: approvedBy ? `${by} (approved by ${approvedBy})` : by,
        note,
        decisionId,
      });
    }
  }

  /** Each reviewed false positive -> the allow-list rows for the party (or parties) that matched that entry. */
  private suppressionsFor(row: DecisionRow, fps: { subject?: string; source: string; entryId: string }[]) {
    if (!fps.length) return [];
    const response = JSON.parse(row.response) as StoredResponse;
    const targets = targetsOf(JSON.parse(row.request), () => (response.parties ?? []).map((p) => ({ subject: p.subject, name: p.name })));
    const errors: string[] = [];
    const out: { subject: string; party: string; partyKey: string; source: string; entryId: string }[] = [];
    fps.forEach((fp, i) => {
      const matched = (response.parties ?? []).filter(
        (p) => (!fp.subject || p.subject === fp.subject) && (p.matches ?? []).some((m) => m.source === fp.source && m.entryId === fp.entryId),
      );
      if (!matched.length) {
        errors.push(
          `falsePositives[${i}]: ${fp.source} entry ${fp.entryId} is not a match of ${fp.subject ? `subject ${fp.subject}` : 'any party'} in this decision`,
        );
        return;
      }
      for (const p of matched) {
        const target = targets.find((t) => t.subject === p.subject);
        const query = target?.query ?? { name: p.name };
        const key = partyKey(query.name, query.country);
        if (!out.some((o) => o.partyKey === key && o.source === fp.source && o.entryId === fp.entryId)) {
          out.push({ subject: p.subject, party: query.name, partyKey: key, source: fp.source, entryId: fp.entryId });
        }
      }
    });
    if (errors.length) throw new BadRequestException(errors);
    return out;
  }

  /** Validates the export's filters (same as the queue's, no paging). */
  exportFilter(rawQuery: Record<string, unknown>): { filter: DecisionFilter; format: 'csv' | 'json' } {
    const { format, ...rest } = rawQuery;
    const { filter, errors } = parseFilter(rest);
    const f = format === undefined || format === '' ? 'json' : String(format).toLowerCase();
    if (f !== 'csv' && f !== 'json') errors.push('format must be csv or json');
    if (errors.length) throw new BadRequestException(errors);
    return { filter, format: f as 'csv' | 'json' };
  }

  /**
   * Streams the export: pages through the decisions by seq (a cursor, never the whole table in memory) and
   * writes each page as it is read, waiting for the client when the socket's buffer is full.
   */
  async exportTo(out: Writable, filter: DecisionFilter, format: 'csv' | 'json', pageSize = 500): Promise<number> {
    const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
    const { where, params } = filterSql(filter, 'd');
    let after = 0;
    let count = 0;
    if (format === 'csv') await write(UTF8_BOM + csvLine(EXPORT_CSV_HEADER));
    else await write(`{"exportedAt":${JSON.stringify(new Date().toISOString())},"filter":${JSON.stringify(filter)},"decisions":[`);
    for (;;) {
      const qb = this.store.db.getRepository(DecisionRow).createQueryBuilder('d').where('d.seq > :after', { after });
      for (const w of where) qb.andWhere(w, params);
      const rows = await qb.orderBy('d.seq', 'ASC').take(pageSize).getMany();
      if (!rows.length) break;
      const dispositions = await this.store.db
        .getRepository(DispositionRow)
        .find({ where: { decisionId: In(rows.filter((r) => r.decision === 'review' || r.status !== 'closed').map((r) => r.id)) }, order: { seq: 'ASC' } });
      const byDecision = new Map<string, DispositionRow[]>();
      for (const d of dispositions) byDecision.set(d.decisionId, [...(byDecision.get(d.decisionId) ?? []), d]);
      let chunk = '';
      for (const r of rows) {
        const ds = byDecision.get(r.id) ?? [];
        if (format === 'csv') chunk += csvLine(exportCsvRow(r, ds));
        else chunk += (count ? ',' : '') + JSON.stringify(exportJson(r, ds));
        count++;
      }
      await write(chunk);
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].seq;
    }
    if (format === 'json') await write(`],"count":${count}}`);
    return count;
  }

  /**
   * Walk the whole hash chain (decisions, dispositions and chained events by seq), report the first broken
   * record, check the rows the events recorded (allow-list, keys, list versions), and compare the end of the
   * chain with the stored head (seq = record count, hash, time) and with a head kept elsewhere (`expectHead`).
   */
  async verifyChain(opts: { onProgress?: (records: number) => void; expectHead?: string } = {}): Promise<VerifyReport> {
    const db = this.store.db;
    const page =
      <T extends ObjectLiteral>(entity: EntityTarget<T>) =>
      (after: number, limit: number) =>
        db.getRepository(entity).createQueryBuilder('r').where('r.seq > :after', { after }).orderBy('r.seq', 'ASC').take(limit).getMany();
    const source: ChainSource = { decisions: page(DecisionRow), dispositions: page(DispositionRow), events: page(ChainEventRow) };
    const events: ChainEvent[] = [];
    const chain = await verifyChain(source, { onProgress: opts.onProgress, onEvent: (e) => events.push(e), expectHead: opts.expectHead });
    const records = checkRecords(events, {
      allow: await db.getRepository(AllowListRow).find({ order: { id: 'ASC' } }),
      keys: await db.getRepository(ApiKeyRow).find({ order: { id: 'ASC' } }),
      lists: await db.getRepository(ListVersionRow).find({ order: { id: 'ASC' } }),
    });
    const stored = await db.getRepository(ChainHeadRow).findOne({ where: { id: 1 } });
    const storedHead = stored ? { seq: stored.seq, hash: stored.hash, at: stored.updatedAt ?? null } : null;
    const end = chain.head ?? { seq: 0, hash: GENESIS_HASH };
    const headProblem = !storedHead
      ? 'the chain head row is missing'
      : storedHead.seq > end.seq
        ? `the stored head records ${storedHead.seq} record(s) but the chain ends at seq ${end.seq}: the newest record(s) were deleted`
        : storedHead.seq !== end.seq || storedHead.hash !== end.hash
          ? `the stored head (seq ${storedHead.seq}, ${storedHead.hash.slice(0, 12)}…) does not match the end of the chain (seq ${end.seq}, ${end.hash.slice(0, 12)}…)`
          : null;
    return {
      ...chain,
      ok: chain.ok && !records.problems.length && !headProblem,
      storedHead,
      headProblem,
      recordProblems: records.problems,
      legacyUnchained: records.legacy,
    };
  }
}

export interface VerifyReport extends ChainReport {
  storedHead: { seq: number; hash: string; at: string | null } | null;
  headProblem: string | null;
  recordProblems: RecordProblem[];
  /** rows from before v1.1, when allow-list entries and list imports were not chained yet */
  legacyUnchained: { allow: number; lists: number };
}

function splitBars(s: string): string[] {
  return s.split('|').filter(Boolean);
}

/**
 * Who disposes: the key's name. A `by` in the body must agree (400 otherwise): nobody releases under another
 * officer's name. In local mode there is no key: `by` names the person at the console.
 */
export function actorName(principal: Principal, by: string | undefined): string {
  if (principal.via === 'local') return by?.trim() || principal.name;
  if (by !== undefined && by.trim() !== principal.name) {
    throw new BadRequestException([`by: must be the authenticated key's name ("${principal.name}") or left out; it is "${by}"`]);
  }
  return principal.name;
}
