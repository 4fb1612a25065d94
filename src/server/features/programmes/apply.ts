import type { ProgrammeFile } from '../../../contracts/programmes.ts';
import type { StoredAudience, StoredDue } from '../../../domain/assignment.ts';
import type { AudienceRule } from '../../../domain/audience.ts';
import type { TenantId, UserId } from '../../../domain/ids.ts';
import { checkProgramme, type FileProblem } from '../../../domain/programme-file.ts';
import { audit } from '../../audit/log.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import type { Thing } from '../../../contracts/error-messages.ts';
import type { ProblemCode } from '../../../contracts/errors.ts';
import { firstUnstorableText } from '../../../domain/problems.ts';
import { AppError, problem } from '../../http/errors.ts';
import * as applyRepo from './apply-repository.ts';
import * as repo from './repository.ts';
import { assignmentChanges, syncAssignments, type SyncCounts } from './sync.ts';

export interface ApplyResult {
  id: string;
  code: string;
  created: boolean;
  status: ProgrammeFile['status'];
  courses: number;
  targets: number;
  /** Assignments opened and ended by this change (an active programme only). */
  sync: SyncCounts | null;
}

type Problem = Omit<FileProblem, 'code'> & { code: ProblemCode };

export const invalidFile = (problems: readonly Problem[]) =>
  new AppError(
    'validation_failed',
    {},
    problems.map((p) => problem(p.path, p.code, p.params)),
  );

type CodeMaps = Awaited<ReturnType<typeof repo.codeMaps>>;

function resolveAudience(file: ProgrammeFile, maps: CodeMaps, problems: Problem[]): StoredAudience {
  const resolveRules = (kind: 'include' | 'exclude') =>
    file.audience[kind].map((rule, r): AudienceRule => {
      const ids = (codes: string[], map: Map<string, string>, field: string, thing: Thing) =>
        codes.flatMap((code, i) => {
          const id = map.get(code);
          if (!id)
            problems.push({
              path: `audience.${kind}.${r}.${field}.${i}`,
              code: 'no_such_code',
              params: { thing, code },
            });
          return id ? [id] : [];
        });
      return {
        roles: rule.roles,
        unitSubtrees: ids(rule.units, maps.units, 'units', 'unit'),
        titles: rule.titles,
        bodies: ids(rule.bodies, maps.bodies, 'bodies', 'body'),
        ...(rule.startedWithinDays ? { startedWithinDays: rule.startedWithinDays } : {}),
      };
    });
  return { include: resolveRules('include'), exclude: resolveRules('exclude') };
}

/**
 * Creates or updates a programme from its declarative file, by code, in one transaction: the
 * programme, its courses, modules, prerequisites, targets and owners, then (when active) its
 * assignments. Any problem applies nothing and names the path of the field.
 */
export async function applyProgrammeFile(
  db: Db | Tx,
  tenantId: TenantId,
  file: ProgrammeFile,
  by: { userId: UserId | null; label: string },
  asOf: string,
): Promise<ApplyResult> {
  const badText = firstUnstorableText(file, 'file');
  if (badText) throw invalidFile([{ path: badText.replace(/^file\.?/, ''), code: 'invalid_text' }]);
  const problems: Problem[] = checkProgramme(file);
  if (problems.length) throw invalidFile(problems);

  const result = await withTransaction(db, async (trx) => {
    await lockTenantOrganisation(trx, tenantId);
    const maps = await repo.codeMaps(trx, tenantId);
    const decisionBodyId = maps.bodies.get(file.decision.body);
    if (!decisionBodyId)
      problems.push({
        path: 'decision.body',
        code: 'no_such_code',
        params: { thing: 'body', code: file.decision.body },
      });
    const audience = resolveAudience(file, maps, problems);
    // A file names owners but grants nothing: each must already hold a role that may own
    // programmes (an administrator's act, audited where it is done).
    const ownerIds = file.owners.flatMap((username, i) => {
      const user = maps.users.get(username.toLowerCase());
      if (!user) problems.push({ path: `owners.${i}`, code: 'no_account', params: { username } });
      else if (!user.mayOwn)
        problems.push({ path: `owners.${i}`, code: 'may_not_own', params: { username } });
      return user?.mayOwn ? [user.id] : [];
    });
    const existing = await repo.findProgrammeByCode(trx, tenantId, file.code);
    const taken = await repo.coursesByCodes(
      trx,
      tenantId,
      file.courses.map((c) => c.code),
    );
    for (const course of taken) {
      if (course.programme_id !== existing?.id) {
        const index = file.courses.findIndex((c) => c.code === course.code);
        problems.push({
          path: `courses.${index}.code`,
          code: 'course_in_use',
          params: { code: course.code },
        });
      }
    }
    const current = existing ? await repo.programmeCourses(trx, tenantId, existing.id) : [];
    const removed = current.filter((c) => !file.courses.some((f) => f.code === c.code));
    const used = await repo.completionCounts(
      trx,
      tenantId,
      removed.map((c) => c.id),
    );
    for (const course of removed) {
      const n = used.get(course.id);
      if (n)
        problems.push({
          path: 'courses',
          code: 'course_has_completions',
          params: { code: course.code, count: n },
        });
    }
    if (problems.length || !decisionBodyId) throw invalidFile(problems);

    const row = {
      name: file.name,
      topic: file.topic,
      description: file.description ?? null,
      decision_body_id: decisionBodyId,
      decision_date: file.decision.date,
      decision_reference: file.decision.reference,
      period_start: file.period.start,
      period_end: file.period.end,
      status: file.status,
      audience: JSON.stringify(audience),
      due: JSON.stringify(file.due satisfies StoredDue),
    };
    const programmeId = await applyRepo.saveProgramme(trx, tenantId, {
      existingId: existing?.id ?? null,
      code: file.code,
      row,
      at: new Date(),
    });
    await applyRepo.writeCurriculum(trx, tenantId, programmeId, file, removed);
    await applyRepo.replaceOwners(trx, tenantId, programmeId, [...new Set(ownerIds)]);
    await audit(trx, {
      tenantId,
      actorUserId: by.userId,
      action: existing ? 'programme.update' : 'programme.create',
      objectType: 'programme',
      objectId: programmeId,
      details: { by: by.label, file },
    });
    const sync =
      file.status === 'active'
        ? ((await syncAssignments(trx, tenantId, asOf, { programmeIds: [programmeId] }))[0] ?? null)
        : null;
    return {
      id: programmeId,
      code: file.code,
      created: !existing,
      status: file.status,
      courses: file.courses.length,
      targets: file.targets.length,
      sync,
    };
  });
  // Inside a caller's transaction (seeding) the caller refreshes once at the end.
  if (!db.isTransaction && result.sync)
    await refreshStatistics(db, { assignments: assignmentChanges([result.sync]) });
  return result;
}
