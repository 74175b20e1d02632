import { Injectable, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DecisionStore } from '../database/decision-store';
import { DecisionRow, RescreenReportRow } from '../database/entities';
import { ListsService } from '../lists/lists.service';

/** The Prometheus metrics of one app instance (its own registry, so several apps in one process do not clash). */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  readonly requestSeconds = new Histogram({
    name: 'chipguard_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly decisions = new Counter({
    name: 'chipguard_decisions_total',
    help: 'Stored decisions by kind and outcome',
    labelNames: ['kind', 'decision'],
    registers: [this.registry],
  });
  readonly screeningSeconds = new Histogram({
    name: 'chipguard_screening_duration_seconds',
    help: 'Screening of one party query against the active lists (cache misses of the decision path)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [this.registry],
  });
  readonly reasons = new Counter({
    name: 'chipguard_decision_reasons_total',
    help: 'Reason codes of stored decisions',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor(
    private readonly store: DecisionStore,
    private readonly lists: ListsService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'chipguard_' });
    const active = () => this.lists.active;
    new Gauge({
      name: 'chipguard_list_entries',
      help: 'Entries of the active version per list code',
      labelNames: ['code'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const v of active().activeVersions()) this.set({ code: v.code }, v.entryCount);
      },
    });
    new Gauge({
      name: 'chipguard_list_age_days',
      help: 'Age of the active version per list code (its publish date, else its import date)',
      labelNames: ['code', 'sample'],
      registers: [this.registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const v of active().activeVersions()) {
          const asOf = Date.parse((v.publishDate ?? v.importedAt.slice(0, 10)) + 'T00:00:00Z');
          this.set({ code: v.code, sample: String(v.sample) }, Math.floor((now - asOf) / 86_400_000));
        }
      },
    });
    const db = this.store.db;
    new Gauge({
      name: 'chipguard_review_queue_open',
      help: 'Decisions held for review and not yet disposed',
      registers: [this.registry],
      async collect() {
        this.set(await db.getRepository(DecisionRow).count({ where: { decision: 'review', status: 'open' } }));
      },
    });
  }

  private rescreenGauges(): void {
    const db = this.store.db;
    new Gauge({
      name: 'chipguard_rescreen_reports',
      help: 'Re-screen runs recorded in the database (all instances), by trigger',
      labelNames: ['trigger'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { trigger: string; n: string | number }[] = await db
          .getRepository(RescreenReportRow)
          .createQueryBuilder('r')
          .select('r.trigger', 'trigger')
          .addSelect('COUNT(*)', 'n')
          .groupBy('r.trigger')
          .getRawMany();
        for (const r of rows) this.set({ trigger: r.trigger }, Number(r.n));
      },
    });
    new Gauge({
      name: 'chipguard_rescreen_last_duration_seconds',
      help: 'Duration of the latest re-screen run',
      registers: [this.registry],
      async collect() {
        const [row] = await db.getRepository(RescreenReportRow).find({ order: { id: 'DESC' }, take: 1 });
        if (row) this.set((JSON.parse(row.report) as { durationMs?: number }).durationMs! / 1000 || 0);
      },
    });
  }

  onModuleInit(): void {
    this.rescreenGauges();
    this.store.onDecision((r) => {
      this.decisions.inc({ kind: r.kind, decision: r.decision });
      for (const code of r.reasonCodes.split('|')) if (code) this.reasons.inc({ code });
    });
  }
}
