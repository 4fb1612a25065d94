import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';

describe('the PGlite connection lease', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('pglite');
  });
  afterAll(() => database.close());

  it('lets the event loop run between queued queries (a server keeps accepting connections)', async () => {
    let finished = 0;
    const queries = Array.from({ length: 40 }, () =>
      sql`SELECT count(*) FROM generate_series(1, 20000)`.execute(database.db).then(() => {
        finished += 1;
      }),
    );
    const seenByTheLoop = new Promise<number>((resolve) => setImmediate(() => resolve(finished)));
    await Promise.all(queries);
    expect(finished).toBe(40);
    expect(await seenByTheLoop).toBeLessThan(40);
  });

  it('still runs every query in the order asked', async () => {
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sql`SELECT ${i}::int AS i`.execute(database.db).then(() => order.push(i)),
      ),
    );
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
