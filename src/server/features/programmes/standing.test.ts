import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, BACKENDS, type TestDatabase } from '../../../../test/helpers/db.ts';
import { seedDemo } from '../demo/seed.ts';
import type { Db } from '../../db/connection.ts';

interface StandingRow {
  programme_id: string;
  place_id: string;
  in_force_from: string;
  in_force_to: string | null;
  last_name: string;
  first_name: string;
  person_id: string;
  employee_number: string | null;
  due_on: string | null;
  exempt_reason: string | null;
  records: string | null;
  booked: string | null;
}

/** A row as comparable text: the lists' items in a fixed order (the database aggregates in any). */
const asText = (row: StandingRow) =>
  JSON.stringify({
    ...row,
    records: row.records?.split(';').sort().join(';') ?? null,
    booked: row.booked?.split(';').sort().join(';') ?? null,
  });

const COLUMNS = sql`programme_id, place_id, in_force_from::text AS in_force_from,
  in_force_to::text AS in_force_to, last_name, first_name, person_id, employee_number,
  due_on::text AS due_on, exempt_reason, records, booked`;

/** What the maintained rows hold. */
async function kept(db: Db): Promise<string[]> {
  const result = await sql<StandingRow>`SELECT ${COLUMNS} FROM assignment_standing`.execute(db);
  return result.rows.map(asText).sort();
}

/** What they should hold, computed from the tables another way (one subquery per row). */
async function fromTables(db: Db): Promise<string[]> {
  const result = await sql<StandingRow>`
    SELECT ${COLUMNS} FROM (
      SELECT a.programme_id, pl.place_id, pl.in_force_from, pl.in_force_to, p.last_name,
        p.first_name, a.person_id, p.employee_number, a.due_on, a.exempt_reason,
        (SELECT string_agg(c.course_id || ':' || c.status || ':' || c.completed_on, ';')
          FROM completions c
          WHERE c.person_id = a.person_id AND c.voided_at IS NULL
            AND c.course_id IN (SELECT id FROM courses WHERE programme_id = a.programme_id)) AS records,
        (SELECT string_agg(ts.course_id || ':'
            || to_char(ts.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ';')
          FROM bookings b JOIN training_sessions ts ON ts.id = b.session_id
          WHERE b.person_id = a.person_id AND b.status <> 'cancelled'
            AND ts.status = 'scheduled' AND ts.programme_id = a.programme_id) AS booked
      FROM assignments a
      JOIN people p ON p.id = a.person_id
      JOIN (SELECT person_id, unit_id, start_date, end_date FROM employments
        UNION ALL SELECT person_id, body_id, term_start, term_end FROM seats)
        AS pl (person_id, place_id, in_force_from, in_force_to) ON pl.person_id = a.person_id
      WHERE a.ended_on IS NULL
    ) AS expected`.execute(db);
  return result.rows.map(asText).sort();
}

/** Someone assigned the violence programme with an employment (the n-th), and a course of it. */
async function assignedPerson(db: Db, n: number) {
  const row = await sql<{ id: string; tenant: string; programme: string; course: string }>`
    SELECT a.person_id AS id, a.tenant_id AS tenant, a.programme_id AS programme, k.id AS course
    FROM assignments a JOIN programmes pr ON pr.id = a.programme_id AND pr.code = 'VNR-2025'
    JOIN courses k ON k.programme_id = a.programme_id AND NOT k.for_trainers AND k.code = (
      SELECT min(code) FROM courses WHERE programme_id = a.programme_id AND NOT for_trainers)
    JOIN people p ON p.id = a.person_id
    WHERE a.ended_on IS NULL AND EXISTS (SELECT 1 FROM employments e WHERE e.person_id = a.person_id)
    ORDER BY p.employee_number, a.person_id OFFSET ${n} LIMIT 1`.execute(db);
  const found = row.rows[0];
  if (!found) throw new Error('no assigned person in the demo');
  return found;
}

describe.each(BACKENDS)('the maintained standing on %s', (backend) => {
  let database: TestDatabase;
  let db: Db;
  let person = { id: '', tenant: '', programme: '', course: '' };

  beforeAll(async () => {
    database = await freshDatabase(backend);
    db = database.db;
    await seedDemo(db, { employees: 150, seed: 7 });
    person = await assignedPerson(db, 0);
  });
  afterAll(async () => {
    await database.close();
  });

  it('holds every open assignment in every place after the seed', async () => {
    const rows = await kept(db);
    expect(rows.length).toBeGreaterThan(150);
    expect(rows).toEqual(await fromTables(db));
  });

  it('follows every kind of write, each in its own transaction and several in one', async () => {
    const session = await db
      .selectFrom('training_sessions')
      .select(['id', 'starts_at', 'ends_at'])
      .where('programme_id', '=', person.programme)
      .where('status', '=', 'scheduled')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('bookings')
              .select('bookings.id')
              .whereRef('bookings.session_id', '=', 'training_sessions.id')
              .where('bookings.person_id', '=', person.id),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const otherUnit = await db
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', person.tenant)
      .where('id', 'not in', (eb) =>
        eb.selectFrom('employments').select('unit_id').where('person_id', '=', person.id),
      )
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const body = await db
      .selectFrom('political_bodies')
      .select('id')
      .where('tenant_id', '=', person.tenant)
      .executeTakeFirstOrThrow();
    const completion = { tenant_id: person.tenant, person_id: person.id, course_id: person.course };
    const writes: [string, () => Promise<unknown>][] = [
      [
        'a completion recorded',
        () =>
          db
            .insertInto('completions')
            .values({
              ...completion,
              completed_on: '2026-01-15',
              source: 'manual',
              status: 'pending',
              recorded_by_label: 'test',
            })
            .execute(),
      ],
      [
        'the completion accepted',
        () =>
          db
            .updateTable('completions')
            .set({ status: 'accepted' })
            .where('person_id', '=', person.id)
            .where('completed_on', '=', '2026-01-15')
            .execute(),
      ],
      [
        'the completion voided',
        () =>
          db
            .updateTable('completions')
            .set({ voided_at: new Date(), void_reason: 'wrong person' })
            .where('person_id', '=', person.id)
            .where('completed_on', '=', '2026-01-15')
            .execute(),
      ],
      [
        'a booking',
        () =>
          db
            .insertInto('bookings')
            .values({
              tenant_id: person.tenant,
              session_id: session.id,
              person_id: person.id,
              status: 'booked',
              booked_by_label: 'test',
            })
            .execute(),
      ],
      [
        'the session moved',
        () =>
          db
            .updateTable('training_sessions')
            .set({
              starts_at: sql`starts_at + interval '1 day'`,
              ends_at: sql`ends_at + interval '1 day'`,
            })
            .where('id', '=', session.id)
            .execute(),
      ],
      [
        'the booking cancelled',
        () =>
          db
            .updateTable('bookings')
            .set({ status: 'cancelled', cancelled_at: new Date(), cancelled_by_label: 'test' })
            .where('person_id', '=', person.id)
            .where('session_id', '=', session.id)
            .execute(),
      ],
      [
        'the session cancelled',
        () =>
          db
            .updateTable('training_sessions')
            .set({ status: 'cancelled' })
            .where('id', '=', session.id)
            .execute(),
      ],
      [
        'a new name and employee number',
        () =>
          db
            .updateTable('people')
            .set({ last_name: 'Åberg-Nyström', employee_number: 'T-1' })
            .where('id', '=', person.id)
            .execute(),
      ],
      [
        'a move to another unit',
        () =>
          db
            .updateTable('employments')
            .set({ unit_id: otherUnit.id })
            .where('person_id', '=', person.id)
            .execute(),
      ],
      [
        'a seat on a body',
        () =>
          db
            .insertInto('seats')
            .values({
              tenant_id: person.tenant,
              person_id: person.id,
              body_id: body.id,
              role: 'member',
              term_start: '2023-01-01',
            })
            .execute(),
      ],
      [
        'an exemption',
        () =>
          db
            .updateTable('assignments')
            .set({ exempt_reason: 'has the training from before', exempted_at: new Date() })
            .where('person_id', '=', person.id)
            .where('programme_id', '=', person.programme)
            .where('ended_on', 'is', null)
            .execute(),
      ],
      [
        'an employment ended and the assignment with it, in one transaction',
        () =>
          db.transaction().execute(async (trx) => {
            await trx
              .updateTable('employments')
              // Not before it began (the demo's hire dates vary by person).
              .set({ end_date: sql<string>`greatest(start_date, '2026-02-01'::date)` })
              .where('person_id', '=', person.id)
              .execute();
            await trx
              .updateTable('assignments')
              .set({ ended_on: '2026-02-02', end_reason: 'left' })
              .where('person_id', '=', person.id)
              .where('programme_id', '=', person.programme)
              .where('ended_on', 'is', null)
              .execute();
            await trx
              .updateTable('people')
              .set({ first_name: 'Ny' })
              .where('id', '=', person.id)
              .execute();
          }),
      ],
      [
        'the seat removed',
        () => db.deleteFrom('seats').where('person_id', '=', person.id).execute(),
      ],
    ];
    for (const [what, write] of writes) {
      const before = await kept(db);
      await write();
      const after = await kept(db);
      expect(after, what).not.toEqual(before);
      expect(after, what).toEqual(await fromTables(db));
    }
    // Nothing left noted once the transactions committed.
    const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM standing_stale`.execute(
      db,
    );
    expect(stale.rows[0]?.n).toBe(0);
  });

  it('leaves what a rolled-back transaction wrote as it was', async () => {
    const before = await kept(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('people').set({ last_name: 'Rollback' }).execute();
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(await kept(db)).toEqual(before);
  });
});

describe.each(BACKENDS.filter((b) => b === 'postgres'))(
  'the standing under concurrency on %s',
  (backend) => {
    let database: TestDatabase;
    afterAll(async () => {
      await database.close();
    });

    it('keeps one set of rows when two transactions change the same person at once', async () => {
      database = await freshDatabase(backend);
      const { db } = database;
      await seedDemo(db, { employees: 150, seed: 7 });
      const person = await assignedPerson(db, 1);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let renamed = () => {};
      const hasRenamed = new Promise<void>((resolve) => (renamed = resolve));
      const first = db.transaction().execute(async (trx) => {
        // An assignment's change is noted for its programme, the completion's for every one:
        // nothing but the person's lock keeps the two recomputations apart.
        await trx
          .updateTable('assignments')
          .set({ exempt_reason: 'Först', exempted_at: new Date() })
          .where('person_id', '=', person.id)
          .where('programme_id', '=', person.programme)
          .where('ended_on', 'is', null)
          .execute();
        // Its rows are recomputed now (not at its commit), so both recomputations overlap.
        await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
        renamed();
        await held;
      });
      await hasRenamed;
      const second = db.transaction().execute(async (trx) => {
        await trx
          .insertInto('completions')
          .values({
            tenant_id: person.tenant,
            person_id: person.id,
            course_id: person.course,
            completed_on: '2026-03-01',
            source: 'manual',
            status: 'accepted',
            recorded_by_label: 'test',
          })
          .execute();
      });
      // The second reaches its commit while the first still holds the person.
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await Promise.all([first, second]);
      const rows = await kept(db);
      expect(
        rows.filter((row) => row.includes(person.id) && row.includes('Först')).length,
      ).toBeGreaterThan(0);
      expect(rows).toEqual(await fromTables(db));
    });
  },
);
