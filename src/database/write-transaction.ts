import { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's SQLite driver runs every query of the process on one connection and turns a transaction
 * started while another is open into a SAVEPOINT inside it: two concurrent writers (a decision and a
 * list import, say) would then commit or roll back each other's work. Every write goes through here:
 * on SQLite one transaction at a time (a promise chain per data source); PostgreSQL has real
 * connections per transaction and needs no queue.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function writeTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type !== 'sqlite') return db.transaction(work);
  const previous = queues.get(db) ?? Promise.resolve();
  const result = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  queues.set(db, result.catch(() => undefined));
  return result;
}
