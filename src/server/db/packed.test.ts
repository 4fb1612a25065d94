import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { isEmbedded } from './connection.ts';
import { isAnyOf, selectPacked } from './packed.ts';

describe.each(BACKENDS)('packed reads on %s', (backend) => {
  let database: TestDatabase;
  const ids: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase(backend);
    const tenant = await database.db
      .insertInto('tenants')
      .values({ code: 'packed', name: 'Packad kommun' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const people = await database.db
      .insertInto('people')
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          tenant_id: tenant.id,
          employee_number: i % 2 ? `E${i}` : null,
          first_name: `Förnamn ${i}`,
          last_name: 'Test',
        })),
      )
      .returning('id')
      .execute();
    ids.push(...people.map((p) => p.id));
  });
  afterAll(async () => {
    await database.close();
  });

  it('knows which database it runs on, inside a transaction too', async () => {
    expect(isEmbedded(database.db)).toBe(backend === 'pglite');
    await database.db
      .transaction()
      .execute((trx) => Promise.resolve(expect(isEmbedded(trx)).toBe(backend === 'pglite')));
  });

  it('gives the same rows, with the same types, as the plain query', async () => {
    const query = database.db
      .selectFrom('people')
      .select(['id', 'employee_number', 'first_name'])
      .select(sql<boolean>`employee_number IS NULL`.as('unnumbered'))
      .select(sql<string>`'2026-12-02'::date`.as('day'))
      .where(isAnyOf('id', ids.slice(0, 4)))
      .orderBy('first_name');
    const packed = await selectPacked(database.db, query, [
      'id',
      'employee_number',
      'first_name',
      'unnumbered',
      'day',
    ]);
    const plain = await query.execute();
    expect(packed).toEqual(plain);
    expect(packed).toHaveLength(4);
    expect(packed[0]).toMatchObject({ employee_number: null, unnumbered: true, day: '2026-12-02' });
    expect(
      await selectPacked(database.db, query.where('first_name', '=', 'Ingen'), ['id']),
    ).toEqual([]);
  });
});
