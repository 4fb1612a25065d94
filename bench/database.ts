import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/server/db/connection.ts';
import { migrate } from '../src/server/db/migrate.ts';

/**
 * A fresh, migrated database for one bench run: PGlite in a temporary folder by default, or a
 * new database on the PostgreSQL server of DATABASE_URL (created and dropped by the bench).
 */
export async function benchDatabase(
  databaseUrl: string | undefined,
): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'tryggve-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    await migrate(handle.db);
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `tryggve_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrate(handle.db);
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      const drop = new pg.Client({ connectionString: databaseUrl });
      await drop.connect();
      // The pool's connections close after close() resolves; dropping before they have would
      // terminate them mid-goodbye. Wait for them (as the test helper does).
      for (let i = 0; i < 200; i++) {
        const open = await drop.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (open.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await drop.query(`DROP DATABASE IF EXISTS ${name}`);
      await drop.end();
    },
  };
}
