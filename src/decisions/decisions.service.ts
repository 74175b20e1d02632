import { Injectable, NotFoundException } from '@nestjs/common';
import { DecisionStore } from '../database/decision-store';
import { DecisionRow, DispositionRow } from '../database/entities';

/** Reads stored decisions (the review queue, re-screen and export build on this). */
@Injectable()
export class DecisionsService {
  constructor(private readonly store: DecisionStore) {}

  async get(id: string) {
    const row = await this.store.db.getRepository(DecisionRow).findOne({ where: { id } });
    if (!row) throw new NotFoundException(`no decision ${id}`);
    const dispositions = await this.store.db.getRepository(DispositionRow).find({ where: { decisionId: id }, order: { seq: 'ASC' } });
    return {
      ...JSON.parse(row.response),
      status: row.status,
      request: JSON.parse(row.request),
      listVersionIds: JSON.parse(row.listVersions).ids,
      dispositions: dispositions.map((d) => ({
        action: d.action, note: d.note, by: d.by, createdAt: d.createdAt,
        ...(d.suppressions ? { suppressions: JSON.parse(d.suppressions) } : {}),
      })),
      hash: row.hash,
      prevHash: row.prevHash,
    };
  }
}
