import { sql } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import { selectPacked } from '../../db/packed.ts';

/**
 * One person with an open assignment of the programme, employed in (or seated in) one of a
 * chunk's places: `place_ord` is the place's position in the chunk (tree order). `records`
 * holds the person's unvoided completions of the programme's courses as
 * `course:status:date;…`, `booked` their live bookings on upcoming sessions as `course:date;…` (Stockholm dates).
 */
export interface MissingRow extends Record<string, unknown> {
  person_id: string;
  place_ord: number;
  place_id: string;
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
  'place_id',
  'first_name',
  'last_name',
  'employee_number',
  'due_on',
  'exempt_reason',
  'records',
  'booked',
] as const;

/**
 * The assigned people of some units (by their current employments) or bodies (by their current
 * seats), in the places' order and then by name, with what they have done and booked: one
 * statement per chunk of places, each a few thousand people at most.
 */
export function missingInPlaces(
  db: Db,
  input: {
    tenantId: TenantId;
    programmeId: string;
    courseIds: readonly string[];
    via: 'units' | 'bodies';
    placeIds: readonly string[];
    asOf: string;
    now: Date;
  },
): Promise<MissingRow[]> {
  const { tenantId, programmeId, courseIds, via, placeIds, asOf, now } = input;
  const membership =
    via === 'units'
      ? sql`SELECT e.person_id, places.ord, places.id
          FROM employments e JOIN places ON places.id = e.unit_id
          WHERE e.tenant_id = ${tenantId} AND e.start_date <= ${asOf}::date
            AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)`
      : sql`SELECT s.person_id, places.ord, places.id
          FROM seats s JOIN places ON places.id = s.body_id
          WHERE s.tenant_id = ${tenantId} AND s.term_start <= ${asOf}::date
            AND (s.term_end IS NULL OR s.term_end >= ${asOf}::date)`;
  const query = sql<MissingRow>`
    WITH places AS (
      SELECT id, ord::int AS ord
      FROM unnest(string_to_array(${placeIds.join(',')}, ',')::uuid[]) WITH ORDINALITY AS t(id, ord)
    ),
    member AS (
      SELECT DISTINCT ON (m.person_id) m.person_id, m.ord, m.id AS place_id
      FROM (${membership}) AS m(person_id, ord, id)
      ORDER BY m.person_id, m.ord
    ),
    assigned AS (
      SELECT member.person_id, member.ord, member.place_id, a.due_on, a.exempt_reason
      FROM member JOIN assignments a ON a.tenant_id = ${tenantId} AND a.programme_id = ${programmeId}
        AND a.person_id = member.person_id AND a.ended_on IS NULL
    ),
    done AS (
      SELECT c.person_id,
        string_agg(c.course_id::text || ':' || c.status || ':' || c.completed_on::text, ';') AS records
      FROM completions c JOIN assigned ON assigned.person_id = c.person_id
      WHERE c.tenant_id = ${tenantId} AND c.voided_at IS NULL
        AND c.course_id = ANY(string_to_array(${courseIds.join(',')}, ',')::uuid[])
      GROUP BY c.person_id
    ),
    booked AS (
      SELECT b.person_id, string_agg(
        s.course_id::text || ':' || to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD'),
        ';') AS booked
      FROM bookings b
      JOIN assigned ON assigned.person_id = b.person_id
      JOIN training_sessions s ON s.tenant_id = b.tenant_id AND s.id = b.session_id
      WHERE b.tenant_id = ${tenantId} AND b.status <> 'cancelled' AND s.status = 'scheduled'
        AND s.programme_id = ${programmeId} AND s.starts_at > ${now.toISOString()}::timestamptz
      GROUP BY b.person_id
    )
    SELECT assigned.person_id, assigned.ord AS place_ord, assigned.place_id,
      p.first_name, p.last_name, p.employee_number, assigned.due_on::text AS due_on,
      assigned.exempt_reason, done.records, booked.booked
    FROM assigned
    JOIN people p ON p.tenant_id = ${tenantId} AND p.id = assigned.person_id
    LEFT JOIN done ON done.person_id = assigned.person_id
    LEFT JOIN booked ON booked.person_id = assigned.person_id
    ORDER BY assigned.ord, p.last_name, p.first_name, p.id`;
  return selectPacked(db, query, COLUMNS);
}
