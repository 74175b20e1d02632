import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only the sha256 of the key is stored. Revoked keys stay (who had access when). */
@Entity('api_key')
@Index(['name'])
export class ApiKeyRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** screener | reviewer | list_admin | auditor | admin */
  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedAt: string | null;
}

/** A browser session: the cookie's token and the CSRF token, both stored hashed, with an expiry. */
@Entity('auth_session')
@Index(['tokenHash'], { unique: true })
export class SessionRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 64 })
  csrfHash: string;

  @Column({ type: 'integer' })
  keyId: number;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  @Column({ type: 'varchar', length: 32 })
  expiresAt: string;
}

/**
 * A chained record of something that changes outcomes besides decisions and dispositions: an allow-list
 * entry added or revoked, a list import (with its sha256, forced or not), a key created or revoked.
 * Shares the hash chain (and its seq) with decisions and dispositions.
 */
@Entity('chain_event')
@Index(['seq'], { unique: true })
export class ChainEventRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  /** allowlist.add | allowlist.revoke | list.import | key.create | key.revoke */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** what it is about: "allowlist 12", "list EL", "key Dana Reviewer" */
  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'varchar', length: 200 })
  by: string;

  @Column({ type: 'varchar', length: 32 })
  createdAt: string;

  /** the event's facts as JSON */
  @Column({ type: 'text' })
  data: string;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
