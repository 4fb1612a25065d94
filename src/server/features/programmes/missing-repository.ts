import { sql, type RawBuilder } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import { isEmbedded, type Db } from '../../db/connection.ts';

/**
 * One person with an open assignment of the programme, in force (employed or seated) in one of
 * the places on the day: `place_ord` is the place's position in the list (tree order). A
 * person in several of the places comes once for each, the first place first. `records` holds
 * the person's unvoided completions of the programme's courses as `course:status:date;…`,
 * `booked` their live bookings on its scheduled sessions as `course:starts_at;…` (UTC, past ones
 * included: the reader keeps the upcoming).
 */
export interface MissingRow {
  person_id: string;
  /** 1-based: the place's position in the list. */
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
  placeIds: readonly string[];
  asOf: string;
}

/**
 * Each place's people are one range of the maintained standing's index, already by name
 * (migration 0008): no join and no sort but the places' order.
 */
function missingQuery(input: MissingInput): RawBuilder<MissingRow> {
  const { tenantId, programmeId, placeIds, asOf } = input;
  return sql<MissingRow>`
    SELECT s.person_id, places.ord::int AS place_ord, s.first_name, s.last_name,
      s.employee_number, s.due_on::text AS due_on, s.exempt_reason, s.records, s.booked
    FROM unnest(string_to_array(${placeIds.join(',')}, ',')::uuid[]) WITH ORDINALITY
      AS places(id, ord)
    JOIN assignment_standing s ON s.tenant_id = ${tenantId} AND s.programme_id = ${programmeId}
      AND s.place_id = places.id
    WHERE s.in_force_from <= ${asOf}::date AND (s.in_force_to IS NULL OR s.in_force_to >= ${asOf}::date)
    ORDER BY places.ord, s.last_name, s.first_name, s.person_id`;
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
    // Compiling the statement (JIT) costs PostgreSQL more than it saves.
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
