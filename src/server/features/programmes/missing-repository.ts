import { sql, type RawBuilder } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import { isEmbedded, type Db } from '../../db/connection.ts';

/**
 * One person with an open assignment of the programme, employed in (or seated in) one of the
 * places: `place_ord` is the place's position in the list (tree order), the first if several. `records` holds the
 * person's unvoided completions of the programme's courses as `course:status:date;…`, `booked`
 * their live bookings on upcoming sessions as `course:date;…` (Stockholm dates).
 */
export interface MissingRow {
  person_id: string;
  /** 1-based: the first of the places the person is in. */
  place_ord: number;
  first_name: string;
  last_name: string;
  employee_number: string | null;
  due_on: string | null;
  exempt_reason: string | null;
  records: string | null;
  booked: string | null;
}

const COLUMNS = [
  'person_id',
  'place_ord',
  'first_name',
  'last_name',
  'employee_number',
  'due_on',
  'exempt_reason',
  'records',
  'booked',
] as const satisfies readonly (keyof MissingRow)[];

/** Rows fetched from the cursor at a time. */
const FETCH = 2000;

interface MissingInput {
  tenantId: TenantId;
  programmeId: string;
  courseIds: readonly string[];
  via: 'units' | 'bodies';
  placeIds: readonly string[];
  asOf: string;
  now: Date;
}

function missingQuery(input: MissingInput): RawBuilder<MissingRow> {
  const { tenantId, programmeId, courseIds, via, placeIds, asOf, now } = input;
  const membership =
    via === 'units'
      ? sql`SELECT e.person_id, places.ord
          FROM employments e JOIN places ON places.id = e.unit_id
          WHERE e.tenant_id = ${tenantId} AND e.start_date <= ${asOf}::date
            AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)`
      : sql`SELECT s.person_id, places.ord
          FROM seats s JOIN places ON places.id = s.body_id
          WHERE s.tenant_id = ${tenantId} AND s.term_start <= ${asOf}::date
            AND (s.term_end IS NULL OR s.term_end >= ${asOf}::date)`;
  return sql<MissingRow>`
    WITH places AS (
      SELECT id, ord::int AS ord
      FROM unnest(string_to_array(${placeIds.join(',')}, ',')::uuid[]) WITH ORDINALITY AS t(id, ord)
    ),
    member AS (
      SELECT m.person_id, min(m.ord) AS ord FROM (${membership}) AS m(person_id, ord) GROUP BY 1
    ),
    done AS (
      SELECT c.person_id,
        string_agg(c.course_id::text || ':' || c.status || ':' || c.completed_on::text, ';') AS records
      FROM completions c JOIN member ON member.person_id = c.person_id
      WHERE c.tenant_id = ${tenantId} AND c.voided_at IS NULL
        AND c.course_id = ANY(string_to_array(${courseIds.join(',')}, ',')::uuid[])
      GROUP BY c.person_id
    ),
    booked AS (
      SELECT b.person_id, string_agg(
        s.course_id::text || ':' || to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD'),
        ';') AS booked
      FROM bookings b
      JOIN member ON member.person_id = b.person_id
      JOIN training_sessions s ON s.tenant_id = b.tenant_id AND s.id = b.session_id
      WHERE b.tenant_id = ${tenantId} AND b.status <> 'cancelled' AND s.status = 'scheduled'
        AND s.programme_id = ${programmeId} AND s.starts_at > ${now.toISOString()}::timestamptz
      GROUP BY b.person_id
    )
    SELECT member.person_id, member.ord AS place_ord,
      p.first_name, p.last_name, p.employee_number, a.due_on::text AS due_on,
      a.exempt_reason, done.records, booked.booked
    FROM member
    JOIN assignments a ON a.tenant_id = ${tenantId} AND a.programme_id = ${programmeId}
      AND a.person_id = member.person_id AND a.ended_on IS NULL
    JOIN people p ON p.tenant_id = ${tenantId} AND p.id = member.person_id
    LEFT JOIN done ON done.person_id = member.person_id
    LEFT JOIN booked ON booked.person_id = member.person_id
    ORDER BY member.ord, p.last_name, p.first_name, p.id`;
}

/**
 * The assigned people of some units (by their current employments) or bodies (by their current
 * seats), in the places' order and then by name, with what they have done and booked: one
 * statement read through a cursor a few thousand rows at a time, in a read-only transaction of
 * its own, so the whole list is never held at once. Stopping early closes the transaction.
 * On PGlite each row comes as one JSON text (it decodes every field in JavaScript; one parse
 * of a row is much cheaper than ten fields).
 */
export async function* missingInPlaces(db: Db, input: MissingInput): AsyncGenerator<MissingRow[]> {
  if (input.placeIds.length === 0) return;
  const packed = isEmbedded(db);
  const query = missingQuery(input);
  const trx = await db.startTransaction().setAccessMode('read only').execute();
  let pending: Promise<unknown[]> | null = null;
  try {
    // The whole list is sorted once: in memory, not in temporary files (the default 4 MB).
    // Compiling the statement (JIT) costs PostgreSQL more than it saves (600 of 925 ms at 56,000).
    await sql`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(
      trx,
    );
    const select = packed
      ? sql`SELECT json_build_array(${sql.join(COLUMNS.map((c) => sql.ref(`t.${c}`)))})::text AS r
          FROM (${query}) AS t`
      : query;
    await sql`DECLARE missing_list NO SCROLL CURSOR FOR ${select}`.execute(trx);
    const unpack = (rows: unknown[]): MissingRow[] =>
      packed
        ? rows.map((row) => {
            const values = JSON.parse((row as { r: string }).r) as unknown[];
            const out: Record<string, unknown> = {};
            COLUMNS.forEach((column, i) => (out[column] = values[i]));
            return out as unknown as MissingRow;
          })
        : (rows as MissingRow[]);
    const fetchNext = () =>
      sql<unknown>`FETCH FORWARD ${sql.raw(String(FETCH))} FROM missing_list`
        .execute(trx)
        .then((result) => result.rows);
    // The next rows are asked for before this batch is handed on: the database prepares them
    // while the caller turns these into lines.
    pending = fetchNext();
    for (;;) {
      const rows: unknown[] = await pending;
      pending = rows.length === FETCH ? fetchNext() : null;
      if (rows.length > 0) yield unpack(rows);
      if (!pending) break;
    }
  } finally {
    // A reader that stopped early leaves a fetch in flight: it ends before the transaction does.
    await pending?.catch(() => undefined);
    await trx.rollback().execute();
  }
}
