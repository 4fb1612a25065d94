import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  eventually,
  followingChanges,
  freshDatabase,
  type TestDatabase,
} from '../../../test/helpers/db.ts';
import { changeFeed, openDatabase, type DatabaseHandle } from './connection.ts';
import { untilChangeCache } from './until-change-cache.ts';

describe.each(BACKENDS)('untilChangeCache on %s', (backend) => {
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
    await followingChanges(database.db);
  });
  afterAll(() => database.close());

  it('reads once while nothing is written, again after any write this process makes', async () => {
    const cached = untilChangeCache<string>(database.db, 10);
    reads = 0;
    expect(await cached.get('names', tenantNames)).toBe('First');
    expect(await cached.get('names', tenantNames)).toBe('First');
    await sql`SELECT 1`.execute(database.db);
    expect(await cached.get('names', tenantNames)).toBe('First');
    expect(reads).toBe(1);
    // The jobs' writes to what no kept read depends on (the schedules' runs, the outbox) leave it.
    await database.db
      .transaction()
      .execute((trx) =>
        trx
          .insertInto('schedule_runs')
          .values({ schedule: 'test', occurrence: new Date() })
          .execute(),
      );
    await sql`UPDATE mail_messages SET attempts = attempts WHERE false`.execute(database.db);
    expect(await cached.get('names', tenantNames)).toBe('First');
    expect(reads).toBe(1);

    await database.db.insertInto('tenants').values({ code: 'second', name: 'Second' }).execute();
    expect(await cached.get('names', tenantNames)).toBe('First,Second');
    await database.db
      .transaction()
      .execute((trx) =>
        trx.updateTable('tenants').set({ name: 'Andra' }).where('code', '=', 'second').execute(),
      );
    expect(await cached.get('names', tenantNames)).toBe('Andra,First');
    expect(reads).toBe(3);
    cached.forget('names');
    await cached.get('names', tenantNames);
    expect(reads).toBe(4);
  });

  it('does not keep what was read while a write went on', async () => {
    const cached = untilChangeCache<string>(database.db, 10);
    reads = 0;
    const [during] = await Promise.all([
      cached.get('names', tenantNames),
      database.db
        .updateTable('tenants')
        .set({ name: 'Tredje' })
        .where('code', '=', 'second')
        .execute(),
    ]);
    expect(['Andra,First', 'First,Tredje']).toContain(during);
    expect(await cached.get('names', tenantNames)).toBe('First,Tredje');
    expect(reads).toBe(2);
  });

  it('does not count a transaction that only read as a change', async () => {
    const cached = untilChangeCache<string>(database.db, 10);
    reads = 0;
    await cached.get('names', tenantNames);
    await database.db
      .transaction()
      .execute((trx) => trx.selectFrom('tenants').select('id').execute());
    await cached.get('names', tenantNames);
    expect(reads).toBe(1);
  });
});

describe.each(BACKENDS.filter((b) => b === 'postgres'))(
  'untilChangeCache across instances on %s',
  (backend) => {
    let database: TestDatabase;
    let other: DatabaseHandle;
    const tenants: Record<'first' | 'second', string> = { first: '', second: '' };
    let reads = 0;
    const versionOf = (tenantId: string) => async () => {
      reads += 1;
      const row = await database.db
        .selectFrom('data_versions')
        .select(['tenant_id', 'version'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return row && { tenantId: row.tenant_id, version: Number(row.version) };
    };
    /** Another instance bumps a tenant's data version, as its triggers do on any change. */
    const bumpElsewhere = (tenantId: string) =>
      other.db
        .updateTable('data_versions')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('tenant_id', '=', tenantId)
        .execute();

    beforeAll(async () => {
      database = await freshDatabase(backend);
      other = await openDatabase({ databaseUrl: database.url ?? '' });
      for (const code of ['first', 'second'] as const) {
        const { id } = await database.db
          .insertInto('tenants')
          .values({ code, name: code })
          .returning('id')
          .executeTakeFirstOrThrow();
        tenants[code] = id;
        await database.db
          .insertInto('data_versions')
          .values({ tenant_id: id, version: 1 })
          .execute();
      }
      await followingChanges(database.db);
    });
    afterAll(async () => {
      await other.close();
      await database.close();
    });

    it("forgets a tenant's entries once another instance's change to it has arrived, and only that tenant's", async () => {
      const cached = untilChangeCache<{ tenantId: string; version: number }>(
        database.db,
        10,
        (entry) => entry.tenantId,
      );
      const feed = changeFeed(database.db);
      reads = 0;
      expect(await cached.get('first', versionOf(tenants.first))).toMatchObject({ version: 1 });
      expect(await cached.get('second', versionOf(tenants.second))).toMatchObject({ version: 1 });
      await bumpElsewhere(tenants.first);
      await feed?.settled();
      expect(await cached.get('first', versionOf(tenants.first))).toMatchObject({ version: 2 });
      expect(await cached.get('second', versionOf(tenants.second))).toMatchObject({ version: 1 });
      expect(reads).toBe(3);
    });

    it("forgets entries that name no tenant on any tenant's change", async () => {
      const cached = untilChangeCache<{ tenantId: string; version: number }>(database.db, 10);
      reads = 0;
      await cached.get('first', versionOf(tenants.first));
      await cached.get('first', versionOf(tenants.first));
      await bumpElsewhere(tenants.second);
      await changeFeed(database.db)?.settled();
      await cached.get('first', versionOf(tenants.first));
      expect(reads).toBe(2);
    });

    it('reads the database while the follower is lost, and follows again once it reconnects', async () => {
      const cached = untilChangeCache<{ tenantId: string; version: number }>(
        database.db,
        10,
        (entry) => entry.tenantId,
      );
      reads = 0;
      await cached.get('first', versionOf(tenants.first));
      const terminated = await sql<{ done: boolean }>`
        SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'LISTEN tryggve_changes'
      `.execute(other.db);
      expect(terminated.rows).toEqual([{ done: true }]);
      await eventually(() => changeFeed(database.db)?.mark() === null, 'the follower is lost');
      // A change while nobody listens must still be seen.
      await bumpElsewhere(tenants.first);
      expect(await cached.get('first', versionOf(tenants.first))).toMatchObject({ version: 3 });
      await followingChanges(database.db);
      await cached.get('first', versionOf(tenants.first));
      await cached.get('first', versionOf(tenants.first));
      expect(reads).toBe(3);
    });
  },
);
