import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { NETWORK_ENTITIES } from './network-entities';
import { ApiKeyRow, ChainEventRow, SessionRow } from './access-entities';

export { ApiKeyRow, ChainEventRow, SessionRow };

/**
 * Persistence entities. One schema for SQLite and PostgreSQL; JSON is stored as text
 * so both drivers behave the same. The schema is created by migrations (src/database/migrations).
 */

/** One imported list file's contribution for one list code. Exactly one active row per code. */
@Entity('list_version')
@Index(['code', 'active'])
export class ListVersionRow {
  @PrimaryGeneratedColumn()
  id: number;

  /** list code (SDN, EL …) */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** one import of one file (or file set) may create versions for several codes */
  @Column({ type: 'varchar', length: 64 })
  importId: string;

  @Column({ type: 'varchar', length: 32 })
  format: string;

  @Column({ type: 'varchar', length: 512 })
  fileName: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  publishDate: string | null;

  @Column({ type: 'integer' })
  entryCount: number;

  @Column({ type: 'varchar', length: 32 })
  importedAt: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  /** the bundled sample, loaded when no official list could be had */
  @Column({ type: 'boolean', default: false })
  sample: boolean;
}

@Entity('list_entry')
@Index(['versionId'])
export class ListEntryRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  versionId: number;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'varchar', length: 200 })
  entryId: string;

  @Column({ type: 'varchar', length: 1024 })
  name: string;

  /** the whole ListEntry as JSON */
  @Column({ type: 'text' })
  data: string;
}

@Entity('decision')
@Index(['createdAt'])
@Index(['decision', 'status'])
@Index(['reference'])
@Index(['buyerKey'])
@Index(['buyerKey', 'createdAt'])
export class DecisionRow {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /** sequence number of the hash chain (decisions and dispositions share one chain) */
  @Column({ type: 'integer' })
  seq: number;

  /** transaction | cloud */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  /** allow | review | deny */
  @Column({ type: 'varchar', length: 8 })
  decision: string;

  /** open (review not yet disposed) | released | blocked | closed (allow/deny) */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** the order/ship date the rules were applied for */
  @Column({ type: 'varchar', length: 10 })
  orderDate: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  rulesVersion: string;

  @Column({ type: 'text' })
  listVersions: string;

  /** normalised buyer name, for order-history red flags */
  @Column({ type: 'varchar', length: 512, nullable: true })
  buyerKey: string | null;

  /** accelerators in the order (units x accelerators per unit), for history red flags */
  @Column({ type: 'integer', default: 0 })
  acceleratorCount: number;

  /** JSON array of keys relating this order to others (addresses, payer, ship-to …) for structuring red flags */
  @Column({ type: 'text' })
  historyKeys: string;

  /** lower-case party names joined by '|' for the queue's party filter */
  @Column({ type: 'text' })
  partyNames: string;

  /** '|CODE1|CODE2|' for the queue's reason filter */
  @Column({ type: 'text' })
  reasonCodes: string;

  /** '|EL|SDN|' lists that matched */
  @Column({ type: 'text' })
  matchedSources: string;

  @Column({ type: 'text' })
  request: string;

  @Column({ type: 'text' })
  response: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

@Entity('disposition')
@Index(['decisionId'])
export class DispositionRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  decisionId: string;

  /** release | block */
  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 200 })
  by: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  /** JSON: false positives suppressed with this release ([{partyKey, source, entryId}]) */
  @Column({ type: 'text', nullable: true })
  suppressions: string | null;

  /** a release that needs a second reviewer (four eyes): it leaves the decision pending_approval */
  @Column({ type: 'boolean', nullable: true })
  fourEyes?: boolean | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** A reviewed false positive: this party (normalised key) is not this entry. */
@Entity('screening_allow')
@Index(['partyKey'])
export class AllowListRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 512 })
  partyKey: string;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'varchar', length: 200 })
  entryId: string;

  @Column({ type: 'varchar', length: 200 })
  by: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  decisionId: string | null;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  /** no longer suppresses after this time (ALLOWLIST_DAYS after it was recorded) */
  @Column({ type: 'varchar', length: 32, nullable: true })
  expiresAt: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedAt: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  revokedBy: string | null;

  @Column({ type: 'text', nullable: true })
  revokeReason: string | null;

  /** seq of the chain event that recorded it */
  @Column({ type: 'integer', nullable: true })
  seq: number | null;
}

/** The latest re-screen reports (one row per run). */
@Entity('rescreen_report')
export class RescreenReportRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  startedAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  finishedAt: string | null;

  /** why it ran: manual | list-update */
  @Column({ type: 'varchar', length: 32 })
  trigger: string;

  @Column({ type: 'integer', default: 0 })
  scanned: number;

  @Column({ type: 'text' })
  report: string;
}

/** The head of the hash chain (a single row, id 1), advanced by compare-and-set on every write. */
@Entity('chain_head')
export class ChainHeadRow {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** when the head last moved (with seq = the number of chained records) */
  @Column({ type: 'varchar', length: 32, nullable: true })
  updatedAt?: string | null;
}

/**
 * One row per (history key, stored order): the index the structuring red flag reads ("orders of related
 * buyers in the last N days") instead of holding the history in memory. Written in the same transaction
 * as its decision. The primary key (key, createdAt, seq) is the index of that query.
 */
@Entity('decision_key')
export class DecisionKeyRow {
  @PrimaryColumn({ type: 'varchar', length: 512 })
  key: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  createdAt: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 512 })
  buyerKey: string;

  @Column({ type: 'integer' })
  acceleratorCount: number;
}

/**
 * Per buyer: what the "first order" and "large first order" red flags read (orders so far, accelerators so far,
 * the first and the newest order). Kept in the decision's own transaction, so a buyer with half a million stored
 * orders costs one key lookup instead of an aggregate over its rows.
 */
@Entity('buyer_summary')
export class BuyerSummaryRow {
  @PrimaryColumn({ type: 'varchar', length: 512 })
  buyerKey: string;

  @Column({ type: 'integer' })
  orderCount: number;

  @Column({ type: 'bigint' })
  acceleratorTotal: number;

  @Column({ type: 'varchar', length: 32 })
  firstSeen: string;

  /** the latest createdAt, with the count and accelerators of the orders created at exactly that instant */
  @Column({ type: 'varchar', length: 32 })
  newest: string;

  @Column({ type: 'integer' })
  newestCount: number;

  @Column({ type: 'bigint' })
  newestTotal: number;

  /** the highest seq counted */
  @Column({ type: 'bigint' })
  maxSeq: number;
}

export const ENTITIES = [
  ChainHeadRow,
  ListVersionRow,
  ListEntryRow,
  DecisionRow,
  DispositionRow,
  AllowListRow,
  RescreenReportRow,
  ApiKeyRow,
  SessionRow,
  ChainEventRow,
  DecisionKeyRow,
  BuyerSummaryRow,
  ...NETWORK_ENTITIES,
];
