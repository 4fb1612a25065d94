import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { DEMO_USERNAMES, existingDemoLogins, seedDemo } from './seed.ts';

describe('the seeded demo municipality', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });
  afterAll(() => database.close());

  /** Seeds a municipality and lists its history by people's own numbers (ids are random). */
  async function history(code: string) {
    await seedDemo(database.db, {
      employees: 200,
      seed: 11,
      referenceDate: '2026-11-23',
      tenant: { code, name: code },
    });
    const { id: tenantId } = await database.db
      .selectFrom('tenants')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const completions = await sql<{ row: string }>`
      SELECT concat_ws(' ', coalesce(p.employee_number, p.official_number), c.code,
        x.completed_on, x.status, x.source) AS row
      FROM completions x
      JOIN people p ON p.id = x.person_id
      JOIN courses c ON c.id = x.course_id
      WHERE x.tenant_id = ${tenantId}
      ORDER BY 1`.execute(database.db);
    const trainers = await sql<{ row: string }>`
      SELECT concat_ws(' ', p.employee_number, u.code) AS row
      FROM trainer_units t
      JOIN people p ON p.id = t.person_id
      JOIN org_units u ON u.id = t.unit_id
      WHERE t.tenant_id = ${tenantId}
      ORDER BY 1`.execute(database.db);
    return { completions: completions.rows, trainers: trainers.rows };
  }

  it('has the same history and trainers from the same seed', async () => {
    const first = await history('first');
    const second = await history('second');
    expect(first.completions.length).toBeGreaterThan(50);
    expect(first.trainers.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('finds the demo logins again on a later start', async () => {
    expect(await existingDemoLogins(database.db)).toBeNull();
    await seedDemo(database.db, {
      employees: 150,
      seed: 3,
      tenant: { code: 'demo', name: 'Älvsala kommun' },
    });
    const again = await existingDemoLogins(database.db);
    expect(again?.logins.map((l) => l.username)).toEqual([...DEMO_USERNAMES]);
    expect(again?.logins.find((l) => l.username === 'chef')?.role).toBe('manager');
  });
});
