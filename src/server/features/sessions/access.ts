import { hasAnyRole } from '../../../domain/access.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { trainerStatus, type TrainerStatus } from '../../../domain/sessions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../http/errors.ts';
import * as programmes from '../programmes/public.ts';
import * as repo from './repository.ts';

type Q = Db | Tx;

export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', 400, message, [{ path, message }]);

/** The person the signed-in user is (null: an account without a person) and their name. */
export async function whoIs(q: Q, actor: Actor) {
  const user = await programmes.personOfUser(q, actor.tenantId, actor.userId);
  return { personId: user?.person_id ?? null, label: user?.display_name ?? 'unknown' };
}

/** Administrators and programme owners manage every programme; a listed owner theirs. */
export async function ownsProgramme(q: Q, actor: Actor, programmeId: string) {
  return (
    hasAnyRole(actor.grants, programmes.PROGRAMME_MANAGERS) ||
    programmes.isProgrammeOwner(q, actor.tenantId, programmeId, actor.userId)
  );
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
    await Promise.all(programmeIds.map((id) => programmes.programmeCourses(q, tenantId, id)))
  )
    .flat()
    .filter((course) => course.for_trainers);
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
      .filter((c) => c.programme_id === programmeId)
      .map((c) => ({ id: c.id, validForMonths: c.valid_for_months }));
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

/** People with their current units (names) and unit paths (for scoping). */
export async function describePeople(
  q: Q,
  actor: Actor,
  found: readonly {
    id: string;
    first_name: string;
    last_name: string;
    employee_number?: string | null;
  }[],
  today: string,
) {
  const paths = await programmes.unitPathsOfPeople(
    q,
    actor.tenantId,
    found.map((p) => p.id),
    today,
  );
  const names = new Map(
    (await repo.unitsByIds(q, actor.tenantId, [...new Set([...paths.values()].flat(2))])).map(
      (u) => [u.id, u.name],
    ),
  );
  return found.map((p) => ({
    id: p.id,
    name: `${p.first_name} ${p.last_name}`,
    employeeNumber: p.employee_number ?? null,
    units: (paths.get(p.id) ?? []).map((path) => names.get(path[0] ?? '') ?? ''),
    paths: paths.get(p.id) ?? [],
  }));
}
