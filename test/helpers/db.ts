import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import {
  changeFeed,
  createPglite,
  openDatabase,
  type DatabaseHandle,
  type Db,
} from '../../src/server/db/connection.ts';
import { withDatabase } from '../global-setup.ts';

export type Backend = 'pglite' | 'postgres';

const postgresUrl = inject('postgresUrl');

/** PGlite always; PostgreSQL when a server is configured (required in CI by global setup). */
export const BACKENDS: Backend[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends DatabaseHandle {
  /** A second, independent connection pool to the same database (PostgreSQL only). */
  url: string | null;
}

/** A fresh, migrated, empty database for one test file. */
export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const handle = await openDatabase({ pglite: await createPglite(undefined, blob) });
    return { ...handle, url: null };
  }
  const name = `tryggve_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const url = withDatabase(postgresUrl, name);
  const handle = await openDatabase({ databaseUrl: url });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: postgresUrl });
      await cleanup.connect();
      // pg's Pool.end() resolves before its connections have closed; dropping WITH (FORCE) then
      // kills a closing connection, whose FATAL reply surfaces as an unhandled error. Wait.
      for (let i = 0; i < 100; i++) {
        const open = await cleanup.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (open.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      await cleanup.end();
    },
  };
}

/** Polls until `ready` holds, for what happens in the background (up to 10 s). */
export async function eventually(ready: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}

/** Until the database's change feed follows other instances' changes (it connects on first use). */
export const followingChanges = (db: Db) =>
  eventually(() => changeFeed(db)?.mark() !== null, 'the change feed follows');
