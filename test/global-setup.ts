import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../src/server/db/connection.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { requireAll } from './helpers/env.ts';

export const PG_TEMPLATE = 'tryggve_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    /** Admin URL of the test server, empty when there is none. */
    postgresUrl: string;
  }
}

/** Builds migrated templates once, so each test file gets a fresh database in well under a second. */
export default async function setup(project: TestProject) {
  const pglite = await createPglite();
  const handle = await openDatabase({ pglite });
  await migrate(handle.db);
  const dump = await pglite.dumpDataDir('none');
  await handle.close();
  const file = join(tmpdir(), `tryggve-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const local = process.env.TRYGGVE_TEST_DATABASE_URL ? null : startLocalPostgres();
  const postgresUrl = process.env.TRYGGVE_TEST_DATABASE_URL ?? local?.url ?? '';
  project.provide('postgresUrl', postgresUrl);
  if (requireAll && !postgresUrl) {
    throw new Error(
      'TRYGGVE_TEST_REQUIRE_ALL=1 but TRYGGVE_TEST_DATABASE_URL is not set: the PostgreSQL suites must run.',
    );
  }
  if (!postgresUrl) {
    console.warn(
      'PostgreSQL suites skipped: PostgreSQL is not installed and TRYGGVE_TEST_DATABASE_URL is not set.',
    );
  }
  project.provide('postgresTemplate', postgresUrl ? PG_TEMPLATE : '');
  if (postgresUrl) {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    const template = await openDatabase({ databaseUrl: withDatabase(postgresUrl, PG_TEMPLATE) });
    await migrate(template.db);
    await template.close();
  }

  return () => {
    rmSync(file, { force: true });
    if (local) spawnSync('bash', ['.ci/stop-postgres.sh', local.dir], { stdio: 'ignore' });
  };
}

/** Starts a throwaway server when PostgreSQL is installed, so `npm test` runs every suite. */
function startLocalPostgres(): { url: string; dir: string } | null {
  const root = '/usr/lib/postgresql';
  if (
    !existsSync(root) ||
    !readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`))
  )
    return null;
  const dir = mkdtempSync('/tmp/tryggve-test-pg.');
  const port = String(20_000 + Math.floor(Math.random() * 30_000));
  const started = spawnSync('bash', ['.ci/start-postgres.sh', port, dir], { encoding: 'utf8' });
  if (started.status !== 0) {
    console.warn(`Could not start PostgreSQL for the tests: ${started.stderr.trim()}`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return { url: started.stdout.trim(), dir };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
