import type { TenantId } from '../../../domain/ids.ts';
import {
  mayActForPerson,
  mayManageSession,
  type PersonFacts,
  type SessionFacts,
  type Subject,
} from '../../../domain/policy.ts';
import {
  decideBooking,
  isOpenTo,
  trainerStatus,
  type TrainerStatus,
} from '../../../domain/sessions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { notFound } from '../../http/errors.ts';
import {
  personFacts,
  programmeFactsFor,
  servedUnits,
  subjectOf,
} from '../../policies/authorize.ts';
import * as programmes from '../programmes/public.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;

/**
 * The caller and a session as the rules of src/domain/policy.ts see them: its programme, its
 * trainers and the units the caller serves as a trainer of that programme.
 */
export async function sessionAccess(
  q: Q,
  actor: Actor,
  row: Pick<repo.SessionRow, 'id' | 'programme_id'>,
): Promise<{ subject: Subject; facts: SessionFacts }> {
  const [subject, trainers, programme] = await Promise.all([
    subjectOf(q, actor),
    repo.trainersOfSessions(q, actor.tenantId, [row.id]),
    programmeFactsFor(q, actor, row.programme_id),
  ]);
  const trainerIds = trainers.map((t) => t.person_id);
  const { personId } = subject;
  return {
    subject,
    facts: {
      // A session's programme always exists (foreign key); "ended" grants nothing extra.
      programme: programme ?? { status: 'ended', listedOwner: false },
      trainerIds,
      servedUnits:
        personId && trainerIds.includes(personId)
          ? await servedUnits(q, actor, row.programme_id, personId)
          : [],
    },
  };
}

/**
 * A session with the caller's facts of it, when the caller may see it: any signed-in user,
 * unless its programme is a draft (then only who manages it); otherwise not found.
 */
export async function visibleSession(q: Q, actor: Actor, id: string) {
  const row = await repo.findSession(q, actor.tenantId, id);
  if (!row) throw notFound('session');
  const access = await sessionAccess(q, actor, row);
  if (row.programme_status === 'draft' && !mayManageSession(access.subject, access.facts))
    throw notFound('session');
  return { row, ...access };
}

/**
 * The booking rule's answer for one person on a session, from what is in the database now
 * (assigned, open to their unit, already booked, overlapping): what booking does and what the
 * session page offers.
 */
export async function bookingDecision(
  q: Q,
  actor: Actor,
  row: repo.SessionRow,
  access: { subject: Subject; facts: SessionFacts },
  person: PersonFacts,
  now: Date,
) {
  const [assigned, openTo, live] = await Promise.all([
    programmes.assignedProgrammeIds(q, actor.tenantId, person.id),
    repo.unitsOfSessions(q, actor.tenantId, [row.id]),
    repo.liveBookingsOfPerson(q, actor.tenantId, person.id),
  ]);
  return decideBooking({
    now,
    session: {
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      status: row.status,
      capacity: row.capacity,
    },
    booked: Number(row.booked ?? 0),
    // The trainer course is for the people its owners pick, not the audience.
    assigned: row.for_trainers
      ? mayActForPerson(access.subject, access.facts.programme, person)
      : assigned.includes(row.programme_id),
    openToPerson: isOpenTo(
      openTo.map((u) => u.unit_id),
      person.unitPaths,
    ),
    byOrganiser: mayManageSession(access.subject, access.facts),
    alreadyBooked: live.some((b) => b.session_id === row.id),
    otherBookings: live
      .filter((b) => b.session_id !== row.id)
      .map((b) => ({ startsAt: b.starts_at, endsAt: b.ends_at })),
  });
}

export interface TrainerRecord {
  personId: string;
  status: TrainerStatus;
  unitIds: string[];
}

/**
 * Everyone who is, was or is meant to be a trainer of the programmes: registered, serving
 * units or having done a trainer course, with their status on `today` (pure rule in
 * src/domain/sessions.ts).
 */
export async function trainersOf(
  q: Q,
  tenantId: TenantId,
  programmeIds: string[],
  today: string,
): Promise<Map<string, Map<string, TrainerRecord>>> {
  const courses = (
    await Promise.all(programmeIds.map((id) => programmes.coursesOf(q, tenantId, id)))
  )
    .flat()
    .filter((course) => course.forTrainers);
  const [registrations, units, completions] = await Promise.all([
    repo.openRegistrations(q, tenantId, programmeIds),
    repo.trainerUnits(q, tenantId, programmeIds),
    repo.trainerCourseCompletions(
      q,
      tenantId,
      courses.map((c) => c.id),
    ),
  ]);
  const result = new Map<string, Map<string, TrainerRecord>>();
  for (const programmeId of programmeIds) {
    const trainerCourses = courses
      .filter((c) => c.programmeId === programmeId)
      .map((c) => ({ id: c.id, validForMonths: c.validForMonths }));
    const courseIds = new Set(trainerCourses.map((c) => c.id));
    const people = new Set([
      ...registrations.filter((r) => r.programme_id === programmeId).map((r) => r.person_id),
      ...units.filter((u) => u.programme_id === programmeId).map((u) => u.person_id),
      ...completions.filter((c) => courseIds.has(c.course_id)).map((c) => c.person_id),
    ]);
    const records = new Map<string, TrainerRecord>();
    for (const personId of people) {
      const registration = registrations.find(
        (r) => r.programme_id === programmeId && r.person_id === personId,
      );
      records.set(personId, {
        personId,
        status: trainerStatus({
          today,
          registration: registration ? { validUntil: registration.valid_until } : null,
          trainerCourses,
          completions: completions
            .filter((c) => c.person_id === personId && courseIds.has(c.course_id))
            .map((c) => ({ courseId: c.course_id, completedOn: c.completed_on })),
        }),
        unitIds: units
          .filter((u) => u.programme_id === programmeId && u.person_id === personId)
          .map((u) => u.unit_id),
      });
    }
    result.set(programmeId, records);
  }
  return result;
}

export async function isQualifiedTrainer(
  q: Q,
  tenantId: TenantId,
  programmeId: string,
  personId: string,
  today: string,
) {
  const record = (await trainersOf(q, tenantId, [programmeId], today))
    .get(programmeId)
    ?.get(personId);
  return record?.status.qualified === true ? record : null;
}

interface FoundPerson {
  id: string;
  first_name: string;
  last_name: string;
  employee_number?: string | null;
}

/** People with the names of the units they work in on `date`. */
export async function describePeople(
  q: Q,
  actor: Actor,
  found: readonly FoundPerson[],
  date: string,
) {
  const ids = found.map((p) => p.id);
  return describeWithFacts(q, actor, found, await personFacts(q, actor.tenantId, ids, date));
}

/** The same, from facts already read (one query of unit names). */
export async function describeWithFacts(
  q: Q,
  actor: Actor,
  found: readonly FoundPerson[],
  facts: ReadonlyMap<string, PersonFacts>,
) {
  const paths = (id: string) => facts.get(id)?.unitPaths ?? [];
  const names = new Map(
    (
      await repo.unitsByIds(q, actor.tenantId, [
        ...new Set(found.flatMap((p) => paths(p.id).map((path) => path[0] ?? ''))),
      ])
    ).map((u) => [u.id, u.name]),
  );
  return found.map((p) => ({
    id: p.id,
    name: `${p.first_name} ${p.last_name}`,
    employeeNumber: p.employee_number ?? null,
    units: paths(p.id).map((path) => names.get(path[0] ?? '') ?? ''),
  }));
}
