import { planAssignments, type OpenAssignment } from '../../../domain/assignment.ts';
import type { TenantId } from '../../../domain/ids.ts';
import { insertInBatches, INSERT_BATCH } from '../../db/batch.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantOrganisation } from '../../db/locks.ts';
import { refreshStatistics } from '../../db/statistics.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { notify } from '../notifications/public.ts';
import * as repo from './repository.ts';

export interface SyncCounts {
  programmeCode: string;
  assigned: number;
  ended: number;
}

/**
 * Brings the assignments of active programmes in line with their audience rules on `asOf`:
 * one pass over the municipality's people in memory, then a few set-wise statements. Runs in the
 * caller's transaction (an import, a hand edit, a programme change), so the organisation and
 * the assignments never disagree. Each new assignment is a notice in the outbox (`assigned`),
 * which reaches the person in their digest with whatever else is due then — activating a
 * programme for thousands of people sends each of them one message, never one per programme.
 *
 * `only.programmeIds` limits it to those programmes (one just applied); `only.personIds` to those
 * people: audience rules judge each person by their own employments and seats, so after an
 * import only the people it changed can have moved in or out (everyone else follows the
 * calendar, which the daily run covers). Without a list, all of them.
 */
export async function syncAssignments(
  trx: Tx,
  tenantId: TenantId,
  asOf: string,
  only: { programmeIds?: readonly string[]; personIds?: readonly string[] | undefined } = {},
): Promise<SyncCounts[]> {
  const { programmeIds, personIds } = only;
  if (personIds?.length === 0) return [];
  const programmes = await repo.programmesToSync(trx, tenantId, asOf, programmeIds);
  if (programmes.length === 0) return [];
  const [people, open] = await Promise.all([
    repo.peopleFacts(trx, tenantId, asOf, personIds),
    repo.openAssignments(
      trx,
      tenantId,
      programmes.map((p) => p.id),
      personIds,
    ),
  ]);
  const counts: SyncCounts[] = [];
  for (const programme of programmes) {
    const plan = planAssignments({
      audience: programme.audience,
      due: programme.due,
      periodStart: programme.period_start,
      asOf,
      people: people.values(),
      open: open.get(programme.id) ?? new Map<string, OpenAssignment>(),
    });
    await insertInBatches(
      trx,
      'assignments',
      plan.create.map((a) => ({
        tenant_id: tenantId,
        programme_id: programme.id,
        person_id: a.personId,
        assigned_on: a.assignedOn,
        due_on: a.dueOn,
        reason: JSON.stringify(a.reason),
      })),
    );
    await notify(
      trx,
      tenantId,
      plan.create.map((a) => ({
        personId: a.personId,
        event: 'assigned',
        subject: programme.id,
        period: a.assignedOn,
        link: '/utbildning',
        payload: { programme: programme.name, dueOn: a.dueOn ?? '–' },
      })),
      new Date(),
    );
    for (let i = 0; i < plan.end.length; i += INSERT_BATCH) {
      await repo.endAssignments(
        trx,
        tenantId,
        plan.end.slice(i, i + INSERT_BATCH).map((a) => a.id),
        asOf,
      );
    }
    counts.push({
      programmeCode: programme.code,
      assigned: plan.create.length,
      ended: plan.end.length,
    });
  }
  return counts;
}

/**
 * Removes every assignment of people who are about to be removed (an import of new people
 * being undone): they never existed, so neither did their assignments. Completions are kept,
 * and a person who has any cannot be removed.
 */
export async function forgetAssignmentsOf(
  trx: Tx,
  tenantId: TenantId,
  personIds: readonly string[],
) {
  for (let i = 0; i < personIds.length; i += INSERT_BATCH)
    await repo.deleteAssignmentsOf(trx, tenantId, personIds.slice(i, i + INSERT_BATCH));
}

/**
 * The daily run: audiences change with the calendar too (an employment ends, "new hires within
 * 90 days" moves on, a programme's period begins), not only with imports. One transaction per
 * municipality, under the same lock as imports.
 */
export async function syncAllTenants(db: Db, asOf: string): Promise<SyncCounts[]> {
  const tenants = await repo.tenantIds(db);
  const counts: SyncCounts[] = [];
  for (const tenant of tenants) {
    const tenantId = tenant.id as TenantId;
    counts.push(
      ...(await withTransaction(db, async (trx) => {
        await lockTenantOrganisation(trx, tenantId);
        return syncAssignments(trx, tenantId, asOf);
      })),
    );
  }
  await refreshStatistics(db, { assignments: assignmentChanges(counts) });
  return counts;
}

/** How many assignments a sync created or ended (for the planner's statistics). */
export function assignmentChanges(counts: readonly SyncCounts[]): number {
  return counts.reduce((sum, c) => sum + c.assigned + c.ended, 0);
}
