import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * Presents one PGlite instance as the `pg.Pool` shape Kysely's PostgresDialect expects.
 * PGlite has a single connection, so a connection is a lease on a mutex: a transaction
 * holds it from BEGIN to COMMIT and no other query can interleave.
 */
export function pglitePool(db: PGlite) {
  let tail: Promise<void> = Promise.resolve();

  function lease(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => next);
    return ready;
  }

  return {
    async connect() {
      const release = await lease();
      return {
        async query(sql: string, parameters: readonly unknown[]) {
          // Without parameters, use the simple protocol so a migration script with many
          // statements runs as one call (as `pg` does); the last statement gives the result.
          const result =
            parameters.length === 0
              ? lastOf(await db.exec(sql))
              : await db.query<Record<string, unknown>>(sql, parameters as unknown[]);
          return {
            rows: result.rows,
            rowCount: result.affectedRows ?? result.rows.length,
            command: commandOf(sql),
          };
        },
        release,
      };
    },
    async end() {
      await db.close();
    },
  };
}

function lastOf(results: Results<Record<string, unknown>>[]): Results<Record<string, unknown>> {
  return results.at(-1) ?? { rows: [], fields: [] };
}

/** Kysely reads `command` to report affected rows of INSERT/UPDATE/DELETE/MERGE. */
function commandOf(sql: string): string {
  return (/^\s*(\w+)/.exec(sql)?.[1] ?? 'SELECT').toUpperCase();
}
