import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { Tx } from '../../db/transaction.ts';
import * as repo from './repository.ts';

/** The writes of applying a programme file (apply.ts decides, this writes), in its transaction. */

type ProgrammeRow = {
  name: string;
  topic: string;
  description: string | null;
  decision_body_id: string;
  decision_date: string;
  decision_reference: string;
  period_start: string;
  period_end: string;
  status: 'draft' | 'active' | 'ended';
  audience: string;
  due: string;
};

/** Updates the programme of that code, or creates it; answers its id. */
export async function saveProgramme(
  trx: Tx,
  tenantId: TenantId,
  input: { existingId: string | null; code: string; row: ProgrammeRow; at: Date },
): Promise<string> {
  if (input.existingId) {
    const updated = await trx
      .updateTable('programmes')
      .set({ ...input.row, updated_at: input.at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.existingId)
      .returning('id')
      .executeTakeFirstOrThrow();
    return updated.id;
  }
  const created = await trx
    .insertInto('programmes')
    .values({ ...input.row, tenant_id: tenantId, code: input.code })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

export async function replaceOwners(
  trx: Tx,
  tenantId: TenantId,
  programmeId: string,
  userIds: readonly string[],
) {
  await trx
    .deleteFrom('programme_owners')
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .execute();
  if (userIds.length)
    await trx
      .insertInto('programme_owners')
      .values(
        userIds.map((user_id) => ({ tenant_id: tenantId, programme_id: programmeId, user_id })),
      )
      .execute();
}

/** Courses by code (ids stay stable), modules, prerequisites and targets as the file says. */
export async function writeCurriculum(
  trx: Tx,
  tenantId: TenantId,
  programmeId: string,
  file: ProgrammeFile,
  removed: readonly { id: string }[],
) {
  const oldTargets = await repo.programmeTargets(trx, tenantId, programmeId);
  if (oldTargets.length) {
    await trx
      .deleteFrom('target_courses')
      .where('tenant_id', '=', tenantId)
      .where(
        'target_id',
        'in',
        oldTargets.map((t) => t.id),
      )
      .execute();
  }
  if (removed.length)
    await trx
      .deleteFrom('courses')
      .where('tenant_id', '=', tenantId)
      .where(
        'id',
        'in',
        removed.map((c) => c.id),
      )
      .execute();

  const courseIds = new Map<string, string>();
  for (const [position, course] of file.courses.entries()) {
    const values = {
      name: course.name,
      kind: course.kind,
      provider: course.provider ?? null,
      url: course.url ?? null,
      level: course.level,
      valid_for_months: course.validForMonths ?? null,
      evidence: course.evidence,
      approval: course.approval,
      for_trainers: course.forTrainers,
      session_capacity: course.sessionCapacity ?? null,
      position,
    };
    const saved = await trx
      .insertInto('courses')
      .values({ ...values, tenant_id: tenantId, programme_id: programmeId, code: course.code })
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    courseIds.set(course.code, saved.id);
  }
  const ids = [...courseIds.values()];
  await trx
    .deleteFrom('course_modules')
    .where('tenant_id', '=', tenantId)
    .where('course_id', 'in', ids)
    .execute();
  await trx
    .deleteFrom('course_prerequisites')
    .where('tenant_id', '=', tenantId)
    .where('course_id', 'in', ids)
    .execute();
  const id = (code: string) => courseIds.get(code) ?? '';
  const modules = file.courses.flatMap((course) =>
    course.modules.map((module, position) => ({
      tenant_id: tenantId,
      course_id: id(course.code),
      code: module.code,
      name: module.name,
      position,
    })),
  );
  if (modules.length) await trx.insertInto('course_modules').values(modules).execute();
  const prerequisites = file.courses.flatMap((course) =>
    course.requires.map((required) => ({
      tenant_id: tenantId,
      course_id: id(course.code),
      requires_course_id: id(required),
    })),
  );
  if (prerequisites.length)
    await trx.insertInto('course_prerequisites').values(prerequisites).execute();

  const keep = file.targets.map((t) => t.code);
  const stale = oldTargets.filter((t) => !keep.includes(t.code));
  if (stale.length)
    await trx
      .deleteFrom('targets')
      .where('tenant_id', '=', tenantId)
      .where(
        'id',
        'in',
        stale.map((t) => t.id),
      )
      .execute();
  for (const [position, target] of file.targets.entries()) {
    const values = {
      name: target.name,
      percent: target.percent,
      by_date: target.by,
      population: target.population,
      scope_level: target.scope.kind === 'each' ? target.scope.level : null,
      position,
    };
    const saved = await trx
      .insertInto('targets')
      .values({ ...values, tenant_id: tenantId, programme_id: programmeId, code: target.code })
      .onConflict((oc) => oc.columns(['tenant_id', 'programme_id', 'code']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    const courses = target.courses.length
      ? target.courses
      : file.courses.filter((c) => !c.forTrainers).map((c) => c.code);
    await trx
      .insertInto('target_courses')
      .values(
        courses.map((code) => ({ tenant_id: tenantId, target_id: saved.id, course_id: id(code) })),
      )
      .execute();
  }
}
