import { sql, type ExpressionBuilder } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { isAnyOf } from '../../db/packed.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

/** Sessions with their course and programme and live seat counts. */
function sessionQuery(db: Q, tenantId: TenantId) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('courses as c', (join) =>
      join.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'),
    )
    .innerJoin('programmes as p', (join) =>
      join.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.programme_id'),
    )
    .leftJoin('course_modules as m', (join) =>
      join
        .onRef('m.tenant_id', '=', 's.tenant_id')
        .onRef('m.course_id', '=', 's.course_id')
        .onRef('m.code', '=', 's.module_code'),
    )
    .select((eb) => [
      's.id',
      's.programme_id',
      's.course_id',
      's.module_code',
      's.starts_at',
      's.ends_at',
      's.place',
      's.online_url',
      's.capacity',
      's.cancel_cutoff_hours',
      's.note',
      's.status',
      's.cancel_reason',
      's.updated_at',
      'c.code as course_code',
      'c.name as course_name',
      'c.kind as course_kind',
      'c.for_trainers',
      'p.code as programme_code',
      'p.name as programme_name',
      'p.status as programme_status',
      'm.name as module_name',
      eb
        .selectFrom('bookings as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.tenant_id', '=', 's.tenant_id')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'booked')
        .as('booked'),
      eb
        .selectFrom('bookings as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.tenant_id', '=', 's.tenant_id')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'waiting')
        .as('waiting'),
      eb
        .selectFrom('bookings as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.tenant_id', '=', 's.tenant_id')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'booked')
        .where('b.attendance', 'is', null)
        .as('unmarked'),
    ])
    .where('s.tenant_id', '=', tenantId);
}

export type SessionRow = Awaited<ReturnType<typeof findSession>> & {};

export function findSession(db: Q, tenantId: TenantId, id: string) {
  return sessionQuery(db, tenantId).where('s.id', '=', id).executeTakeFirst();
}

export function sessionsOfProgramme(db: Q, tenantId: TenantId, programmeId: string) {
  return sessionQuery(db, tenantId)
    .where('s.programme_id', '=', programmeId)
    .orderBy('s.starts_at')
    .execute();
}

/** Scheduled sessions from `from` on, of these courses (of active programmes). */
export function upcomingSessionsOfCourses(
  db: Q,
  tenantId: TenantId,
  courseIds: string[],
  from: Date,
) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return sessionQuery(db, tenantId)
    .where('s.course_id', 'in', courseIds)
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', from)
    .orderBy('s.starts_at')
    .execute();
}

/**
 * Sessions a person trains, or is booked on (seat or queue), ending after `from`; a trainer's
 * also when held earlier with someone booked whose attendance is not yet marked.
 */
export function sessionsOfPerson(
  db: Q,
  tenantId: TenantId,
  personId: string,
  role: 'trainer' | 'participant',
  from: Date,
) {
  let query = sessionQuery(db, tenantId);
  query =
    role === 'trainer'
      ? query
          .where((eb) => eb.exists(trainedBy(eb, personId)))
          .where((eb) =>
            eb.or([
              eb('s.ends_at', '>', from),
              eb.and([eb('s.status', '=', 'scheduled'), eb.exists(unmarkedBooking(eb))]),
            ]),
          )
      : query
          .where('s.ends_at', '>', from)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('bookings as b')
                .select('b.id')
                .whereRef('b.tenant_id', '=', 's.tenant_id')
                .whereRef('b.session_id', '=', 's.id')
                .where('b.person_id', '=', personId)
                .where('b.status', '<>', 'cancelled'),
            ),
          );
  return query.orderBy('s.starts_at').execute();
}

type SessionEb = ExpressionBuilder<Database & { s: Database['training_sessions'] }, 's'>;

const trainedBy = (eb: SessionEb, personId: string) =>
  eb
    .selectFrom('session_trainers as t')
    .select('t.person_id')
    .whereRef('t.tenant_id', '=', 's.tenant_id')
    .whereRef('t.session_id', '=', 's.id')
    .where('t.person_id', '=', personId);

const unmarkedBooking = (eb: SessionEb) =>
  eb
    .selectFrom('bookings as b')
    .select('b.id')
    .whereRef('b.tenant_id', '=', 's.tenant_id')
    .whereRef('b.session_id', '=', 's.id')
    .where('b.status', '=', 'booked')
    .where('b.attendance', 'is', null);

/** How many sessions a person trains that were held before `now` and still lack attendance. */
export async function unmarkedSessionsOfTrainer(
  db: Q,
  tenantId: TenantId,
  personId: string,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('training_sessions as s')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.tenant_id', '=', tenantId)
    .where('s.status', '=', 'scheduled')
    .where('s.ends_at', '<=', now)
    .where((eb) => eb.and([eb.exists(trainedBy(eb, personId)), eb.exists(unmarkedBooking(eb))]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function trainersOfSessions(db: Q, tenantId: TenantId, sessionIds: string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('session_trainers as t')
    .innerJoin('people as p', (join) =>
      join.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.person_id'),
    )
    .select(['t.session_id', 't.person_id', 'p.first_name', 'p.last_name'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.session_id', 'in', sessionIds)
    .orderBy('p.last_name')
    .execute();
}

export function unitsOfSessions(db: Q, tenantId: TenantId, sessionIds: string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('session_units as su')
    .innerJoin('org_units as u', (join) =>
      join.onRef('u.tenant_id', '=', 'su.tenant_id').onRef('u.id', '=', 'su.unit_id'),
    )
    .select(['su.session_id', 'su.unit_id', 'u.name'])
    .where('su.tenant_id', '=', tenantId)
    .where('su.session_id', 'in', sessionIds)
    .orderBy('u.name')
    .execute();
}

/** The caller's live bookings of these sessions. */
export function bookingsOfPersonIn(
  db: Q,
  tenantId: TenantId,
  personId: string,
  sessionIds: string[],
) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bookings')
    .select(['id', 'session_id', 'status', 'booked_at'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('session_id', 'in', sessionIds)
    .where('status', '<>', 'cancelled')
    .execute();
}

/** The person's place in each session's queue (1 = next), for the sessions they queue on. */
export async function queuePositions(
  db: Q,
  tenantId: TenantId,
  personId: string,
  sessionIds: string[],
): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await sql<{ session_id: string; position: number }>`
    SELECT session_id, position FROM (
      SELECT session_id, person_id,
        row_number() OVER (PARTITION BY session_id ORDER BY booked_at, id)::int AS position
      FROM bookings
      WHERE tenant_id = ${tenantId} AND ${isAnyOf('session_id', sessionIds)} AND status = 'waiting'
    ) queue WHERE person_id = ${personId}`.execute(db);
  return new Map(rows.rows.map((row) => [row.session_id, Number(row.position)]));
}

/** Every live and past booking of a session, with names, in queue order. */
export function bookingsOfSession(db: Q, tenantId: TenantId, sessionId: string) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('people as p', (join) =>
      join.onRef('p.tenant_id', '=', 'b.tenant_id').onRef('p.id', '=', 'b.person_id'),
    )
    .select([
      'b.id',
      'b.person_id',
      'b.status',
      'b.walk_in',
      'b.booked_at',
      'b.booked_by_label',
      'b.attendance',
      'b.completion_id',
      'p.first_name',
      'p.last_name',
    ])
    .where('b.tenant_id', '=', tenantId)
    .where('b.session_id', '=', sessionId)
    .orderBy('b.booked_at')
    .orderBy('b.id')
    .execute();
}

/** A person's seats and queue places in scheduled sessions, with their times. */
export function liveBookingsOfPerson(db: Q, tenantId: TenantId, personId: string) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('training_sessions as s', (join) =>
      join.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'),
    )
    .select(['b.id', 'b.session_id', 'b.status', 's.starts_at', 's.ends_at', 's.course_id'])
    .where('b.tenant_id', '=', tenantId)
    .where('b.person_id', '=', personId)
    .where('b.status', '<>', 'cancelled')
    .where('s.status', '=', 'scheduled')
    .execute();
}

/**
 * Locks a session's row until the transaction ends: bookings of one session queue behind each
 * other, so two requests for the last seat can never both get it.
 */
export async function lockSession(trx: Tx, tenantId: TenantId, id: string) {
  const row = await trx
    .selectFrom('training_sessions')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Locks a person's row: one person's bookings of overlapping sessions queue behind each other. */
export async function lockPerson(trx: Tx, tenantId: TenantId, id: string) {
  const row = await trx
    .selectFrom('people')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSession(
  trx: Tx,
  values: {
    tenantId: TenantId;
    programmeId: string;
    courseId: string;
    moduleCode: string | null;
    startsAt: Date;
    endsAt: Date;
    place: string | null;
    onlineUrl: string | null;
    capacity: number;
    cancelCutoffHours: number;
    note: string | null;
    createdBy: string;
    trainerPersonIds: string[];
    openUnitIds: string[];
  },
) {
  const row = await trx
    .insertInto('training_sessions')
    .values({
      tenant_id: values.tenantId,
      programme_id: values.programmeId,
      course_id: values.courseId,
      module_code: values.moduleCode,
      starts_at: values.startsAt,
      ends_at: values.endsAt,
      place: values.place,
      online_url: values.onlineUrl,
      capacity: values.capacity,
      cancel_cutoff_hours: values.cancelCutoffHours,
      note: values.note,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('session_trainers')
    .values(
      values.trainerPersonIds.map((personId) => ({
        tenant_id: values.tenantId,
        session_id: row.id,
        person_id: personId,
      })),
    )
    .execute();
  if (values.openUnitIds.length)
    await trx
      .insertInto('session_units')
      .values(
        values.openUnitIds.map((unitId) => ({
          tenant_id: values.tenantId,
          session_id: row.id,
          unit_id: unitId,
        })),
      )
      .execute();
  return row.id;
}

export function updateSession(
  trx: Tx,
  tenantId: TenantId,
  id: string,
  values: {
    starts_at?: Date;
    ends_at?: Date;
    place?: string | null;
    online_url?: string | null;
    capacity?: number;
    note?: string | null;
    status?: 'cancelled';
    cancel_reason?: string;
  },
  at: Date,
) {
  return trx
    .updateTable('training_sessions')
    .set({ ...values, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function insertBooking(
  trx: Tx,
  values: {
    tenantId: TenantId;
    sessionId: string;
    personId: string;
    status: 'booked' | 'waiting';
    walkIn: boolean;
    bookedBy: string;
    bookedByLabel: string;
  },
) {
  const row = await trx
    .insertInto('bookings')
    .values({
      tenant_id: values.tenantId,
      session_id: values.sessionId,
      person_id: values.personId,
      status: values.status,
      walk_in: values.walkIn,
      booked_by: values.bookedBy,
      booked_by_label: values.bookedByLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findBooking(db: Q, tenantId: TenantId, sessionId: string, id: string) {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function liveBookingOf(db: Q, tenantId: TenantId, sessionId: string, personId: string) {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
}

export function cancelBooking(trx: Tx, tenantId: TenantId, id: string, byLabel: string, at: Date) {
  return trx
    .updateTable('bookings')
    .set({ status: 'cancelled', cancelled_at: at, cancelled_by_label: byLabel })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function promoteBookings(trx: Tx, tenantId: TenantId, ids: string[], at: Date) {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .updateTable('bookings')
    .set({ status: 'booked', promoted_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export function setAttendance(
  trx: Tx,
  tenantId: TenantId,
  id: string,
  values: {
    attendance: 'present' | 'absent';
    byLabel: string;
    completionId: string | null;
    status?: 'booked';
    walkIn?: boolean;
    at: Date;
  },
) {
  return trx
    .updateTable('bookings')
    .set({
      attendance: values.attendance,
      attendance_by_label: values.byLabel,
      attendance_at: values.at,
      completion_id: values.completionId,
      ...(values.status ? { status: values.status } : {}),
      ...(values.walkIn ? { walk_in: true } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Where a person attended sessions of a course (for courses completed module by module). */
export function attendedSessions(db: Q, tenantId: TenantId, personId: string, courseId: string) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('training_sessions as s', (join) =>
      join.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'),
    )
    .select(['s.id', 's.module_code', 's.starts_at', 'b.completion_id'])
    .where('b.tenant_id', '=', tenantId)
    .where('b.person_id', '=', personId)
    .where('s.course_id', '=', courseId)
    .where('b.attendance', '=', 'present')
    .where('s.status', '=', 'scheduled')
    .execute();
}

export function peopleByIds(db: Q, tenantId: TenantId, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export function unitsByIds(db: Q, tenantId: TenantId, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'kind', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

/* ---- Trainers ---- */

export function openRegistrations(db: Q, tenantId: TenantId, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('trainer_registrations')
    .select(['id', 'programme_id', 'person_id', 'valid_until', 'registered_on'])
    .where('tenant_id', '=', tenantId)
    .where('programme_id', 'in', programmeIds)
    .where('revoked_at', 'is', null)
    .execute();
}

export function trainerUnits(db: Q, tenantId: TenantId, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('trainer_units as tu')
    .innerJoin('org_units as u', (join) =>
      join.onRef('u.tenant_id', '=', 'tu.tenant_id').onRef('u.id', '=', 'tu.unit_id'),
    )
    .select(['tu.programme_id', 'tu.person_id', 'tu.unit_id', 'u.name'])
    .where('tu.tenant_id', '=', tenantId)
    .where('tu.programme_id', 'in', programmeIds)
    .orderBy('u.name')
    .execute();
}

/** Accepted, not voided completions of trainer courses, by course and person. */
export function trainerCourseCompletions(db: Q, tenantId: TenantId, courseIds: string[]) {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('completions')
    .select(['person_id', 'course_id', 'completed_on'])
    .where('tenant_id', '=', tenantId)
    .where('course_id', 'in', courseIds)
    .where('status', '=', 'accepted')
    .where('voided_at', 'is', null)
    .execute();
}

/** Programmes where a person is registered, serves units or has done a trainer course. */
export async function programmesTrainedBy(db: Q, tenantId: TenantId, personId: string) {
  const rows = await sql<{ programme_id: string }>`
    SELECT programme_id FROM trainer_registrations
      WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND revoked_at IS NULL
    UNION
    SELECT programme_id FROM trainer_units WHERE tenant_id = ${tenantId} AND person_id = ${personId}
    UNION
    SELECT co.programme_id FROM completions c
      JOIN courses co ON co.tenant_id = c.tenant_id AND co.id = c.course_id
      WHERE c.tenant_id = ${tenantId} AND c.person_id = ${personId} AND co.for_trainers
        AND c.status = 'accepted' AND c.voided_at IS NULL
  `.execute(db);
  return rows.rows.map((row) => row.programme_id);
}

export async function saveTrainer(
  trx: Tx,
  values: {
    tenantId: TenantId;
    programmeId: string;
    personId: string;
    unitIds: string[];
    registration: { on: string; validUntil: string | null; note: string | null } | null;
    byUserId: string;
    byLabel: string;
    at: Date;
  },
) {
  const { tenantId, programmeId, personId } = values;
  await trx
    .deleteFrom('trainer_units')
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .execute();
  if (values.unitIds.length)
    await trx
      .insertInto('trainer_units')
      .values(
        values.unitIds.map((unitId) => ({
          tenant_id: tenantId,
          programme_id: programmeId,
          person_id: personId,
          unit_id: unitId,
        })),
      )
      .execute();
  if (values.registration) {
    await revokeRegistration(trx, tenantId, programmeId, personId, values.at);
    await trx
      .insertInto('trainer_registrations')
      .values({
        tenant_id: tenantId,
        programme_id: programmeId,
        person_id: personId,
        registered_on: values.registration.on,
        valid_until: values.registration.validUntil,
        note: values.registration.note,
        registered_by: values.byUserId,
        registered_by_label: values.byLabel,
      })
      .execute();
  }
}

export function revokeRegistration(
  trx: Tx,
  tenantId: TenantId,
  programmeId: string,
  personId: string,
  at: Date,
) {
  return trx
    .updateTable('trainer_registrations')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
}

/* ---- Planning ---- */

/**
 * Upcoming scheduled sessions of a programme's audience courses: seats, bookings and the units
 * they are open to. Few rows (sessions), so the roll-up per node happens in memory.
 */
export function upcomingSeats(db: Q, tenantId: TenantId, programmeId: string, from: Date) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('courses as c', (join) =>
      join.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'),
    )
    .select((eb) => [
      's.id',
      's.course_id',
      's.capacity',
      eb
        .selectFrom('bookings as b')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('b.tenant_id', '=', 's.tenant_id')
        .whereRef('b.session_id', '=', 's.id')
        .where('b.status', '=', 'booked')
        .as('booked'),
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.programme_id', '=', programmeId)
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', from)
    .where('c.for_trainers', '=', false)
    .execute();
}

/** The units (current employments) of everyone holding a seat in an upcoming session. */
export function unitsOfBookedPeople(
  db: Q,
  tenantId: TenantId,
  programmeId: string,
  from: Date,
  date: string,
) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('training_sessions as s', (join) =>
      join.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'),
    )
    .innerJoin('employments as e', (join) =>
      join.onRef('e.tenant_id', '=', 'b.tenant_id').onRef('e.person_id', '=', 'b.person_id'),
    )
    .select(['b.person_id', 'e.unit_id', 's.course_id'])
    .where('b.tenant_id', '=', tenantId)
    .where('s.programme_id', '=', programmeId)
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', from)
    .where('b.status', '=', 'booked')
    .where('e.start_date', '<=', date)
    .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', date)]))
    .execute();
}

/* ---- Calendar feeds ---- */

export function activeFeed(db: Q, tenantId: TenantId, personId: string) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export function revokeFeeds(trx: Q, tenantId: TenantId, personId: string, at: Date) {
  return trx
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function insertFeed(
  trx: Tx,
  feed: { tenantId: TenantId; personId: string; userId: string; tokenHash: string },
) {
  return trx
    .insertInto('calendar_feeds')
    .values({
      tenant_id: feed.tenantId,
      person_id: feed.personId,
      user_id: feed.userId,
      token_hash: feed.tokenHash,
    })
    .execute();
}

/**
 * The feed a token opens, across municipalities (the token alone names its owner), while the
 * account that made it is enabled and still the person's.
 */
export function feedByTokenHash(db: Q, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', (join) =>
      join
        .onRef('u.tenant_id', '=', 'f.tenant_id')
        .onRef('u.id', '=', 'f.user_id')
        .onRef('u.person_id', '=', 'f.person_id'),
    )
    .select(['f.tenant_id', 'f.person_id'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The listed owners of the programmes, by the names their accounts show. */
export function ownerNamesOf(db: Q, tenantId: TenantId, programmeIds: readonly string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('programme_owners as o')
    .innerJoin('users as u', (j) =>
      j.onRef('u.id', '=', 'o.user_id').onRef('u.tenant_id', '=', 'o.tenant_id'),
    )
    .select(['o.programme_id', 'u.display_name'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.programme_id', 'in', programmeIds)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

/** The seats booked on scheduled sessions starting in [from, to), with their course. */
export function bookedBetween(db: Q, tenantId: TenantId, from: Date, to: Date) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('training_sessions as s', (join) =>
      join.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'),
    )
    .innerJoin('courses as c', (join) =>
      join.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.course_id'),
    )
    .select(['b.id', 'b.person_id', 's.id as session_id', 's.starts_at', 'c.name as course_name'])
    .where('b.tenant_id', '=', tenantId)
    .where('b.status', '=', 'booked')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to)
    .orderBy('s.starts_at')
    .execute();
}

/**
 * Each trainer's scheduled sessions starting in [from, to), and their held sessions that still
 * have a booked participant without attendance.
 */
export async function trainerWeeks(db: Q, tenantId: TenantId, from: Date, to: Date, now: Date) {
  const result = await sql<{ person_id: string; week: number; unmarked: number }>`
    SELECT t.person_id,
      count(*) FILTER (WHERE s.starts_at >= ${from} AND s.starts_at < ${to})::int AS week,
      count(*) FILTER (WHERE s.ends_at <= ${now} AND EXISTS (
        SELECT 1 FROM bookings b WHERE b.tenant_id = s.tenant_id AND b.session_id = s.id
          AND b.status = 'booked' AND b.attendance IS NULL))::int AS unmarked
    FROM session_trainers t
    JOIN training_sessions s ON s.tenant_id = t.tenant_id AND s.id = t.session_id
    WHERE t.tenant_id = ${tenantId} AND s.status = 'scheduled'
    GROUP BY t.person_id`.execute(db);
  return result.rows;
}
