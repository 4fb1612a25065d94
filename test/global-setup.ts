import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDatabase } from '../src/server/db/connection.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { postgresUrl, requireAll } from './helpers/env.ts';

export const PG_TEMPLATE = 'tryggve_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
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

  if (requireAll && !postgresUrl) {
    throw new Error(
      'TRYGGVE_TEST_REQUIRE_ALL=1 but TRYGGVE_TEST_DATABASE_URL is not set: the PostgreSQL suites must run.',
    );
  }
  if (!postgresUrl) {
    console.warn('PostgreSQL suites skipped: set TRYGGVE_TEST_DATABASE_URL (bash .ci/run does).');
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

  return () => rmSync(file, { force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
