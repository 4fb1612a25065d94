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
export async function benchDatabase(databaseUrl: string | undefined): Promise<{
  handle: DatabaseHandle;
  /** What a server process needs to open the same database. */
  serverEnv: Record<string, string>;
  /** Closes the bench's own connection (PGlite's folder belongs to one process at a time). */
  release: () => Promise<void>;
  cleanup: () => Promise<void>;
}> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'tryggve-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    await migrate(handle.db);
    const release = once(() => handle.close());
    return {
      handle,
      serverEnv: { TRYGGVE_DATA_DIR: dir },
      release,
      cleanup: async () => {
        await release();
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
  const release = once(() => handle.close());
  return {
    handle,
    serverEnv: { DATABASE_URL: url.toString() },
    release,
    cleanup: async () => {
      await release();
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

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}
