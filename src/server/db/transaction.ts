import type { Transaction } from 'kysely';
import type { Db } from './connection.ts';
import type { Database } from './schema.ts';

export type Tx = Transaction<Database>;

/**
 * Runs `work` in a transaction; joins the caller's transaction when already inside one,
 * so a service can compose repository calls without knowing who opened it.
 */
export function withTransaction<T>(db: Db | Tx, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute(work);
}
