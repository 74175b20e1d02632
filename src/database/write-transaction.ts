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
  const run = () => retryBusy(() => db.transaction(work));
  const result = previous.then(run, run);
  queues.set(
    db,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * Another process (a second instance, the CLI) holding the SQLite write lock makes a transaction that read
 * first and then writes fail at once with SQLITE_BUSY (the busy timeout does not apply to that upgrade). The
 * transaction was rolled back whole, so it is simply run again, with growing, jittered pauses (about 30 s in all).
 */
export async function retryBusy<T>(fn: () => Promise<T>, attempts = 12): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !/SQLITE_BUSY|database is locked/i.test((e as Error)?.message ?? '')) throw e;
      await new Promise((r) => setTimeout(r, Math.min(5000, 10 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/**
 * A read that must see everything committed so far, also by other processes (a key the CLI just created). On
 * SQLite a plain read while one of this process's transactions is open runs inside it, on that transaction's
 * snapshot: the read waits in the same queue instead. PostgreSQL reads on a connection of their own.
 */
export function readLatest<T>(db: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return db.options.type === 'sqlite' ? writeTransaction(db, work) : work(db.manager);
}
