import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { refreshStatistics, statisticsStale } from './statistics.ts';

describe('statisticsStale (autovacuum: 50 rows + 10 %)', () => {
  it('is stale once more than 50 rows and a tenth of the table changed', () => {
    expect(statisticsStale(5_050, 50_000)).toBe(false);
    expect(statisticsStale(5_051, 50_000)).toBe(true);
    expect(statisticsStale(50, 0)).toBe(false);
    expect(statisticsStale(51, 0)).toBe(true);
  });

  it('is stale after any change to a table never analysed, and never without a change', () => {
    expect(statisticsStale(1, -1)).toBe(true);
    expect(statisticsStale(0, -1)).toBe(false);
    expect(statisticsStale(0, 10)).toBe(false);
  });
});

describe.each(BACKENDS)('refreshStatistics on %s', (backend) => {
  let database: TestDatabase;
  let tenantId: string;
  const plannerRows = async () => {
    const result = await sql<{ rows: number }>`
      SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'people'::regclass
    `.execute(database.db);
    return result.rows[0]?.rows;
  };
  const addPeople = (count: number, from: number) =>
    database.db
      .insertInto('people')
      .values(
        Array.from({ length: count }, (_, i) => ({
          tenant_id: tenantId,
          employee_number: `E${from + i}`,
          first_name: 'Test',
          last_name: `Person ${from + i}`,
        })),
      )
      .execute();

  beforeAll(async () => {
    database = await freshDatabase(backend);
    const tenant = await database.db
      .insertInto('tenants')
      .values({ code: 'stats', name: 'Statistics' })
      .returning('id')
      .executeTakeFirstOrThrow();
    tenantId = tenant.id;
    await addPeople(1_000, 0);
    await refreshStatistics(database.db);
  });
  afterAll(() => database.close());

  it('analyses every bulk table when asked without a change list', async () => {
    expect(await plannerRows()).toBe(1_000);
  });

  it('leaves the statistics alone after a change of a few per cent', async () => {
    await addPeople(60, 1_000);
    await refreshStatistics(database.db, { people: 60, employments: 0 });
    expect(await plannerRows()).toBe(1_000);
  });

  it('analyses a table that one change made stale', async () => {
    await addPeople(200, 1_060);
    await refreshStatistics(database.db, { people: 200 });
    expect(await plannerRows()).toBe(1_260);
  });
});
