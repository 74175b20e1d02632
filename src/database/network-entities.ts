import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The link graph (src/networks), persisted. Link values are stored only as an HMAC-SHA256 (keyed per
 * installation, network_meta 'hmac_secret' or CHIPGUARD_NETWORK_SECRET) with a masked hint.
 */

/** A party (or account) of the graph. */
@Entity('network_node')
export class NetworkNodeRow {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** the name as first given */
  @Column({ type: 'varchar', length: 512 })
  name: string;

  /** transaction | cloud: where the node was first seen */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ type: 'boolean', default: false })
  listed: boolean;

  @Column({ type: 'boolean', default: false })
  denied: boolean;

  /** JSON array of the latest decision ids */
  @Column({ type: 'text' })
  decisionIds: string;

  @Column({ type: 'varchar', length: 32 })
  updatedAt: string;
}

/** One value held by one node: the links are the values two nodes share. */
@Entity('network_member')
@Index(['nodeId'])
export class NetworkMemberRow {
  /** HMAC-SHA256 (hex) of type + normalised value */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  valueHash: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  nodeId: string;

  @Column({ type: 'varchar', length: 24 })
  type: string;

  /** masked form for people (last 4 of a bank account …) */
  @Column({ type: 'varchar', length: 80 })
  hint: string;
}

/** A stored decision a node took part in, with the facts the window flags read. */
@Entity('network_order')
@Index(['nodeId'])
export class NetworkOrderRow {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  decisionId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  nodeId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  role: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'integer' })
  accelerators: number;

  @Column({ type: 'double precision' })
  kw: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  siteHash: string | null;

  @Column({ type: 'double precision', nullable: true })
  sitePowerKw: number | null;

  @Column({ type: 'varchar', length: 8 })
  decision: string;
}

/** Key/value settings of the graph: the HMAC secret, the last decision seq ingested. */
@Entity('network_meta')
export class NetworkMetaRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}

export const NETWORK_ENTITIES = [NetworkNodeRow, NetworkMemberRow, NetworkOrderRow, NetworkMetaRow];
