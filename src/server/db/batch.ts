import type { Insertable } from 'kysely';
import type { Database } from './schema.ts';
import type { Tx } from './transaction.ts';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
export const INSERT_BATCH = 1000;

/** Inserts many rows with a few multi-row statements instead of one statement per row. */
export async function insertInBatches<T extends keyof Database>(
  trx: Tx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
}
