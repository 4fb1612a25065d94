import type { PGlite, Results } from '@electric-sql/pglite';
import { mayWrite } from './change-feed.ts';

/**
 * Presents one PGlite instance as the `pg.Pool` shape Kysely's PostgresDialect expects.
 * PGlite has a single connection, so a connection is a lease on a mutex: a transaction
 * holds it from BEGIN to COMMIT and no other query can interleave. Every statement that may
 * change data is reported to `wrote` before it runs: every query of the process goes through
 * this one connection, so a read is still current while none has been reported.
 */
export function pglitePool(db: PGlite, wrote: () => void) {
  let tail: Promise<void> = Promise.resolve();
  let turnStarted = performance.now();

  /**
   * PGlite runs on this thread and each hand-over of the connection is a resolved promise, so
   * queued queries would run back to back in one turn of the event loop while nothing else
   * runs — not even accepting new connections (under 200 clients, connections waited seconds to
   * be accepted, past the clients' time-outs). Once YIELD_AFTER_MS have passed since the last
   * time it did, a hand-over waits for the loop's next turn.
   */
  function handOver(resolve: () => void) {
    if (performance.now() - turnStarted < YIELD_AFTER_MS) return resolve();
    setImmediate(() => {
      turnStarted = performance.now();
      resolve();
    });
  }

  function lease(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = () => handOver(resolve)));
    const ready = tail.then(() => release);
    tail = tail.then(() => next);
    return ready;
  }

  return {
    async connect() {
      const release = await lease();
      return {
        async query(sql: string, parameters: readonly unknown[]) {
          if (mayWrite(sql)) wrote();
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

const YIELD_AFTER_MS = 2;

function lastOf(results: Results<Record<string, unknown>>[]): Results<Record<string, unknown>> {
  return results.at(-1) ?? { rows: [], fields: [] };
}

/** Kysely reads `command` to report affected rows of INSERT/UPDATE/DELETE/MERGE. */
function commandOf(sql: string): string {
  return (/^\s*(\w+)/.exec(sql)?.[1] ?? 'SELECT').toUpperCase();
}
