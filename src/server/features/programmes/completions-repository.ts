import type { Grant, Reach } from '../../../domain/policy.ts';
import type { Role } from '../../../domain/roles.ts';
import { inReach } from '../../policies/repository.ts';
import type { BodyId, TenantId, UnitId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

export function personOfUser(db: Q, tenantId: TenantId, userId: string) {
  return db
    .selectFrom('users')
    .select(['person_id', 'display_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function openAssignmentsOf(db: Q, tenantId: TenantId, personId: string) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('programmes as p', 'p.id', 'a.programme_id')
    .select([
      'a.id',
      'a.programme_id',
      'a.assigned_on',
      'a.due_on',
      'a.reason',
      'a.exempt_reason',
      'p.code',
      'p.name',
      'p.description',
      'p.status',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.person_id', '=', personId)
    .where('a.ended_on', 'is', null)
    .where('p.status', '=', 'active')
    .orderBy('a.due_on')
    .execute();
}

export function coursesOfProgrammes(db: Q, tenantId: TenantId, programmeIds: string[]) {
  if (programmeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('courses')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('programme_id', 'in', programmeIds)
    .orderBy('position')
    .execute();
}

export async function curriculumDetails(db: Q, tenantId: TenantId, courseIds: string[]) {
  if (courseIds.length === 0) return { modules: [], prerequisites: [] };
  const [modules, prerequisites] = await Promise.all([
    db
      .selectFrom('course_modules')
      .select(['course_id', 'code', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('course_id', 'in', courseIds)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('course_prerequisites as cp')
      .innerJoin('courses as c', 'c.id', 'cp.requires_course_id')
      .select(['cp.course_id', 'cp.requires_course_id', 'c.code'])
      .where('cp.tenant_id', '=', tenantId)
      .where('cp.course_id', 'in', courseIds)
      .execute(),
  ]);
  return { modules, prerequisites };
}

const completionColumns = [
  'c.id',
  'c.person_id',
  'c.course_id',
  'c.completed_on',
  'c.source',
  'c.source_detail',
  'c.status',
  'c.evidence_file_id',
  'c.note',
  'c.recorded_by_label',
  'c.recorded_at',
  'c.decided_by',
  'c.decision_note',
  'c.voided_at',
  'c.void_reason',
  'co.code as course_code',
  'co.name as course_name',
  'co.programme_id',
  'co.approval',
  'co.valid_for_months',
] as const;

export type CompletionRow = Awaited<ReturnType<typeof completionsOfPerson>>[number];

export function completionsOfPerson(db: Q, tenantId: TenantId, personId: string) {
  return db
    .selectFrom('completions as c')
    .innerJoin('courses as co', 'co.id', 'c.course_id')
    .select(completionColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.person_id', '=', personId)
    .orderBy('c.completed_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .execute();
}

export function findCompletion(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('completions as c')
    .innerJoin('courses as co', 'co.id', 'c.course_id')
    .select(completionColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function findCourse(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('courses as c')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.kind',
      'c.evidence',
      'c.approval',
      'c.valid_for_months',
      'c.programme_id',
      'c.for_trainers',
      'c.session_capacity',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function findCourseByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('courses')
    .select(['id', 'code', 'name', 'programme_id'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Unit ancestry chains (the unit first) of the employments in force on `date`, for several
 * people at once: one recursive query over just their units' ancestors, not the whole tree
 * (a booking or an approval reads a handful of rows, not 2,400 units).
 */

/**
 * Pending completions of the people within `reach` (never the caller's own), for the approval
 * queue: the scope is part of the query, so an approver reads only their own candidates.
 */
export function pendingCompletions(
  db: Q,
  tenantId: TenantId,
  reach: Reach,
  date: string,
  exceptPersonId: string | null,
) {
  return db
    .selectFrom('completions as c')
    .innerJoin('courses as co', (j) =>
      j.onRef('co.tenant_id', '=', 'c.tenant_id').onRef('co.id', '=', 'c.course_id'),
    )
    .innerJoin('programmes as p', (j) =>
      j.onRef('p.tenant_id', '=', 'co.tenant_id').onRef('p.id', '=', 'co.programme_id'),
    )
    .innerJoin('people as pe', (j) =>
      j.onRef('pe.tenant_id', '=', 'c.tenant_id').onRef('pe.id', '=', 'c.person_id'),
    )
    .select([
      'c.id',
      'c.person_id',
      'c.completed_on',
      'c.recorded_at',
      'c.evidence_file_id',
      'c.note',
      'co.code as course_code',
      'co.name as course_name',
      'co.approval',
      'p.id as programme_id',
      'p.status as programme_status',
      'p.code as programme_code',
      'p.name as programme_name',
      'pe.first_name',
      'pe.last_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.status', '=', 'pending')
    .where('c.voided_at', 'is', null)
    .where(inReach('c.person_id', tenantId, reach, date))
    .$if(exceptPersonId !== null, (q) => q.where('c.person_id', '!=', exceptPersonId ?? ''))
    .orderBy('c.recorded_at')
    .execute();
}

export function findEvidence(db: Q, tenantId: TenantId, id: string) {
  return db
    .selectFrom('evidence_files')
    .select(['id', 'person_id', 'file_name', 'content_type', 'content'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function completionsWithEvidence(db: Q, tenantId: TenantId, evidenceId: string) {
  return db
    .selectFrom('completions as c')
    .innerJoin('courses as co', 'co.id', 'c.course_id')
    .select(completionColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.evidence_file_id', '=', evidenceId)
    .execute();
}

/** Names of these units and political bodies by id (for "why you are in the audience"). */
export async function placeNames(db: Q, tenantId: TenantId, ids: readonly string[]) {
  const wanted = [...new Set(ids)].filter(Boolean);
  if (wanted.length === 0) return new Map<string, string>();
  const [units, bodies] = await Promise.all([
    db
      .selectFrom('org_units')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', wanted)
      .execute(),
    db
      .selectFrom('political_bodies')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', wanted)
      .execute(),
  ]);
  return new Map([...units, ...bodies].map((row) => [row.id, row.name]));
}

export async function insertCompletion(
  trx: Tx,
  tenantId: TenantId,
  values: {
    personId: string;
    courseId: string;
    completedOn: string;
    source: 'self_report' | 'manual' | 'session';
    sourceDetail?: string;
    status: 'pending' | 'accepted';
    evidenceId: string | null;
    note: string | null;
    correctsId?: string;
    recordedBy: string;
    recordedByLabel: string;
  },
) {
  const row = await trx
    .insertInto('completions')
    .values({
      tenant_id: tenantId,
      person_id: values.personId,
      course_id: values.courseId,
      completed_on: values.completedOn,
      source: values.source,
      source_detail: values.sourceDetail ?? null,
      status: values.status,
      evidence_file_id: values.evidenceId,
      note: values.note,
      recorded_by: values.recordedBy,
      recorded_by_label: values.recordedByLabel,
      corrects_id: values.correctsId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function voidCompletion(
  trx: Tx,
  tenantId: TenantId,
  id: string,
  change: { by: string; at: Date; reason: string },
) {
  await trx
    .updateTable('completions')
    .set({ voided_at: change.at, voided_by: change.by, void_reason: change.reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
}

export async function decideCompletion(
  trx: Tx,
  tenantId: TenantId,
  id: string,
  decision: { status: 'accepted' | 'rejected'; by: string; at: Date; note: string | null },
) {
  await trx
    .updateTable('completions')
    .set({
      status: decision.status,
      decided_by: decision.by,
      decided_at: decision.at,
      decision_note: decision.note,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function insertEvidence(
  trx: Tx,
  tenantId: TenantId,
  file: {
    personId: string;
    fileName: string;
    contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
    content: Buffer;
    sha256: string;
    uploadedBy: string;
    uploadedByLabel: string;
  },
) {
  const row = await trx
    .insertInto('evidence_files')
    .values({
      tenant_id: tenantId,
      person_id: file.personId,
      file_name: file.fileName,
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: file.sha256,
      content: file.content,
      uploaded_by: file.uploadedBy,
      uploaded_by_label: file.uploadedByLabel,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Everyone's numbers and e-mail, for matching a provider's list. */
/**
 * Everyone's numbers and e-mail to match a file's rows by; with a reach, only the people it
 * covers on `date` (a scoped owner's rows for anyone else match nobody).
 */
export function peopleNumbers(db: Q, tenantId: TenantId, within?: { reach: Reach; date: string }) {
  let query = db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'employee_number', 'official_number', 'email'])
    .where('tenant_id', '=', tenantId);
  if (within) query = query.where(inReach('people.id', tenantId, within.reach, within.date));
  return query.execute();
}

export function acceptedCompletionsOf(db: Q, tenantId: TenantId, courseId: string) {
  return db
    .selectFrom('completions')
    .select(['person_id', 'completed_on'])
    .where('tenant_id', '=', tenantId)
    .where('course_id', '=', courseId)
    .where('status', '=', 'accepted')
    .where('voided_at', 'is', null)
    .execute();
}

/** Enabled accounts linked to a person with a grant of one of `roles`, and all their grants. */
export async function accountsWithRoles(db: Q, tenantId: TenantId, roles: readonly Role[]) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', (join) =>
      join.onRef('g.tenant_id', '=', 'u.tenant_id').onRef('g.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.person_id', 'g.role', 'g.scope_unit_id', 'g.scope_body_id'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.disabled_at', 'is', null)
    .where('u.person_id', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as r')
          .select('r.id')
          .whereRef('r.tenant_id', '=', 'u.tenant_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', [...roles]),
      ),
    )
    .orderBy('u.id')
    .execute();
  const accounts = new Map<string, { userId: string; personId: string; grants: Grant[] }>();
  for (const row of rows) {
    const account = accounts.get(row.id) ?? {
      userId: row.id,
      personId: row.person_id ?? '',
      grants: [],
    };
    account.grants.push({
      role: row.role,
      scopeUnitId: row.scope_unit_id as UnitId | null,
      scopeBodyId: row.scope_body_id as BodyId | null,
    });
    accounts.set(row.id, account);
  }
  return [...accounts.values()];
}
