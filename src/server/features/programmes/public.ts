/**
 * What other features may use of programmes, in this feature's own terms (never its rows):
 * a programme and its courses as sessions need them, completions from attendance, the
 * assignment sync that follows every change of the organisation (imports, hand edits), and
 * applying a programme file (the demo). A lint rule refuses imports of anything else of this
 * folder from outside it.
 */
import type { z } from 'zod';
import type { CourseKind, ProgrammeStatus } from '../../../contracts/programmes.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import * as completionsRepo from './completions-repository.ts';
import * as repo from './repository.ts';

export { countsOn, peopleFacts, unitPaths } from './repository.ts';
export { actorLabel, recordSessionCompletion, voidCompletion } from './completions.ts';
export { applyProgrammeFile } from './apply.ts';
export { approvalDigest } from './approval-digest.ts';
export { accountsWithRoles } from './completions-repository.ts';
export { dueInReach } from './due-repository.ts';
export { personalReminders } from './reminders.ts';
export {
  assignmentChanges,
  forgetAssignmentsOf,
  syncAllTenants,
  syncAssignments,
  type SyncCounts,
} from './sync.ts';
export type { ProgrammeService } from './service.ts';

type Queryable = Db | Tx;

export interface ProgrammeRef {
  id: string;
  code: string;
  name: string;
  status: z.infer<typeof ProgrammeStatus>;
}

export interface CourseRef {
  id: string;
  programmeId: string;
  code: string;
  name: string;
  kind: z.infer<typeof CourseKind>;
  /** The course that qualifies trainers, for the people its owners pick. */
  forTrainers: boolean;
  /** Seats a session of it usually has, as the programme file says. */
  sessionCapacity: number | null;
  /** Renewed every so many months (null: done once). */
  validForMonths: number | null;
}

export interface ModuleRef {
  courseId: string;
  code: string;
  name: string;
}

const courseRef = (row: {
  id: string;
  programme_id: string;
  code: string;
  name: string;
  kind: CourseRef['kind'];
  for_trainers: boolean;
  session_capacity: number | null;
  valid_for_months: number | null;
}): CourseRef => ({
  id: row.id,
  programmeId: row.programme_id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  forTrainers: row.for_trainers,
  sessionCapacity: row.session_capacity,
  validForMonths: row.valid_for_months,
});

export async function findProgramme(
  q: Queryable,
  tenantId: TenantId,
  id: string,
): Promise<ProgrammeRef | undefined> {
  const row = await repo.findProgramme(q, tenantId, id);
  return row && { id: row.id, code: row.code, name: row.name, status: row.status };
}

/** A programme's courses in the file's order. */
export const coursesOf = async (
  q: Queryable,
  tenantId: TenantId,
  programmeId: string,
): Promise<CourseRef[]> => (await repo.programmeCourses(q, tenantId, programmeId)).map(courseRef);

export async function findCourse(
  q: Queryable,
  tenantId: TenantId,
  id: string,
): Promise<CourseRef | undefined> {
  const row = await completionsRepo.findCourse(q, tenantId, id);
  return row && courseRef(row);
}

/** The modules of some courses, each course's in the file's order. */
export const modulesOf = async (
  q: Queryable,
  tenantId: TenantId,
  courseIds: string[],
): Promise<ModuleRef[]> =>
  (await completionsRepo.curriculumDetails(q, tenantId, courseIds)).modules.map((m) => ({
    courseId: m.course_id,
    code: m.code,
    name: m.name,
  }));

/** The active programmes a person is assigned today. */
export const assignedProgrammeIds = async (
  q: Queryable,
  tenantId: TenantId,
  personId: string,
): Promise<string[]> =>
  (await completionsRepo.openAssignmentsOf(q, tenantId, personId)).map((a) => a.programme_id);
