import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { untilWriteCache } from './until-write-cache.ts';

describe.each(BACKENDS)('untilWriteCache on %s', (backend) => {
  let database: TestDatabase;
  let reads = 0;
  const tenantNames = () => {
    reads += 1;
    return database.db
      .selectFrom('tenants')
      .select('name')
      .orderBy('name')
      .execute()
      .then((rows) => rows.map((r) => r.name).join(','));
  };
  beforeAll(async () => {
    database = await freshDatabase(backend);
    await database.db.insertInto('tenants').values({ code: 'first', name: 'First' }).execute();
  });
  afterAll(() => database.close());

  it(
    backend === 'pglite'
      ? 'reads once while nothing is written, again after any write'
      : 'reads the database every time (other instances write too)',
    async () => {
      const cached = untilWriteCache<string>(database.db, 10);
      reads = 0;
      expect(await cached('names', tenantNames)).toBe('First');
      expect(await cached('names', tenantNames)).toBe('First');
      await sql`SELECT 1`.execute(database.db);
      expect(await cached('names', tenantNames)).toBe('First');
      expect(reads).toBe(backend === 'pglite' ? 1 : 3);

      await database.db.insertInto('tenants').values({ code: 'second', name: 'Second' }).execute();
      expect(await cached('names', tenantNames)).toBe('First,Second');
      await database.db
        .updateTable('tenants')
        .set({ name: 'Andra' })
        .where('code', '=', 'second')
        .execute();
      expect(await cached('names', tenantNames)).toBe('Andra,First');
      expect(reads).toBe(backend === 'pglite' ? 3 : 5);
    },
  );

  it('does not keep what was read while a write went on', async () => {
    const cached = untilWriteCache<string>(database.db, 10);
    reads = 0;
    const [during] = await Promise.all([
      cached('names', tenantNames),
      database.db
        .updateTable('tenants')
        .set({ name: 'Tredje' })
        .where('code', '=', 'second')
        .execute(),
    ]);
    expect(during).toBe('Andra,First');
    expect(await cached('names', tenantNames)).toBe('First,Tredje');
    expect(reads).toBe(2);
  });
});
