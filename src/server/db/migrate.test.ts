import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { openDatabase } from './connection.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { withTransaction } from './transaction.ts';

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.close());

  it('has applied every migration once, and a second run does nothing', async () => {
    const rows = await database.db
      .selectFrom('schema_migrations')
      .select('name')
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((m) => m.name));
    expect(await migrate(database.db)).toEqual([]);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first, ...rest] = loadMigrations();
    if (!first) throw new Error('no migrations');
    const edited = [{ ...first, checksum: 'changed' }, ...rest];
    await expect(migrate(database.db, edited)).rejects.toThrow(/0001_init was changed/);
  });

  it('applies a new migration exactly once when instances start together', async () => {
    const next = {
      version: 9999,
      name: '9999_test_only',
      sql: 'CREATE TABLE test_only (id int);',
      checksum: 'x',
    };
    const migrations = [...loadMigrations(), next];
    const second = database.url ? await openDatabase({ databaseUrl: database.url }) : database;
    try {
      const results = await Promise.all([
        migrate(database.db, migrations),
        migrate(second.db, migrations),
      ]);
      expect(results.flat()).toEqual(['9999_test_only']);
    } finally {
      if (second !== database) await second.close();
    }
  });

  it('rolls back every statement of a failed transaction', async () => {
    await expect(
      withTransaction(database.db, async (trx) => {
        await trx.insertInto('tenants').values({ code: 'rollback', name: 'Rollback' }).execute();
        await sql`SELECT 1 / 0`.execute(trx);
      }),
    ).rejects.toThrow();
    const found = await database.db
      .selectFrom('tenants')
      .select('id')
      .where('code', '=', 'rollback')
      .execute();
    expect(found).toEqual([]);
  });

  it('reads dates as calendar text and keeps tenants apart in foreign keys', async () => {
    const a = await database.db
      .insertInto('tenants')
      .values({ code: 'tenant-a', name: 'A' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = await database.db
      .insertInto('tenants')
      .values({ code: 'tenant-b', name: 'B' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unitA = await database.db
      .insertInto('org_units')
      .values({ tenant_id: a.id, code: 'U', name: 'U', kind: 'unit', valid_from: '2024-02-29' })
      .returning(['id', 'valid_from'])
      .executeTakeFirstOrThrow();
    expect(unitA.valid_from).toBe('2024-02-29');
    // A unit in tenant B may not hang under tenant A's unit.
    await expect(
      database.db
        .insertInto('org_units')
        .values({ tenant_id: b.id, parent_id: unitA.id, code: 'X', name: 'X', kind: 'unit' })
        .execute(),
    ).rejects.toThrow(/foreign key/);
  });
});
