import { sql } from 'kysely';
import type { TenantId } from '../../../domain/ids.ts';
import type { Reach } from '../../../domain/policy.ts';
import { DEFAULT_REMINDER_RULE, type ReminderRule } from '../../../domain/reminders.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf } from '../../db/packed.ts';
import type { Tx } from '../../db/transaction.ts';
import { inReach } from '../../policies/repository.ts';
import { countsOn } from './repository.ts';

type Q = Db | Tx;

/**
 * People in reach with an open, not exempt assignment of an active programme that is due by
 * `until` and not complete on `asOf` (fewer valid completions than the programme's courses).
 * One statement for every programme; `except` is the caller (their own training is theirs).
 */
export async function dueInReach(
  db: Q,
  input: {
    tenantId: TenantId;
    reach: Reach;
    asOf: string;
    until: string;
    except: string | null;
    /** Only this programme's assignments (the reminder rule's dry run). */
    programmeId?: string;
  },
) {
  const { tenantId, reach, asOf, until, except, programmeId } = input;
  const result = await sql<{
    person_id: string;
    first_name: string;
    last_name: string;
    unit_name: string;
    programme_id: string;
    programme_name: string;
    due_on: string;
    courses_left: number;
  }>`
    WITH needed AS (
      SELECT co.programme_id, count(*)::int AS n
      FROM courses co JOIN programmes pr ON pr.tenant_id = co.tenant_id AND pr.id = co.programme_id
      WHERE co.tenant_id = ${tenantId} AND NOT co.for_trainers AND pr.status = 'active'
        ${programmeId ? sql`AND co.programme_id = ${programmeId}::uuid` : sql``}
      GROUP BY co.programme_id
    ),
    due AS (
      SELECT a.person_id, a.programme_id, a.due_on::text AS due_on, needed.n
      FROM assignments a JOIN needed ON needed.programme_id = a.programme_id
      WHERE a.tenant_id = ${tenantId} AND a.ended_on IS NULL AND a.exempt_reason IS NULL
        AND a.due_on IS NOT NULL AND a.due_on <= ${until}::date
        AND ${inReach('a.person_id', tenantId, reach, asOf)}
        ${except ? sql`AND a.person_id <> ${except}::uuid` : sql``}
    ),
    valid AS (
      SELECT c.person_id, co.programme_id, count(DISTINCT c.course_id)::int AS n
      FROM completions c
      JOIN courses co ON co.tenant_id = c.tenant_id AND co.id = c.course_id
      JOIN due ON due.person_id = c.person_id AND due.programme_id = co.programme_id
      WHERE c.tenant_id = ${tenantId} AND NOT co.for_trainers
        AND ${countsOn('c', 'co.valid_for_months', asOf)}
      GROUP BY c.person_id, co.programme_id
    )
    SELECT due.person_id, p.first_name, p.last_name,
      (SELECT ou.name FROM employments e
        JOIN org_units ou ON ou.tenant_id = e.tenant_id AND ou.id = e.unit_id
        WHERE e.tenant_id = ${tenantId} AND e.person_id = due.person_id
          AND e.start_date <= ${asOf}::date AND (e.end_date IS NULL OR e.end_date >= ${asOf}::date)
        ORDER BY ou.name LIMIT 1) AS unit_name,
      due.programme_id, pr.name AS programme_name, due.due_on,
      due.n - coalesce(valid.n, 0) AS courses_left
    FROM due
    JOIN people p ON p.tenant_id = ${tenantId} AND p.id = due.person_id
    JOIN programmes pr ON pr.tenant_id = ${tenantId} AND pr.id = due.programme_id
    LEFT JOIN valid ON valid.person_id = due.person_id AND valid.programme_id = due.programme_id
    WHERE coalesce(valid.n, 0) < due.n
    ORDER BY due.due_on, p.last_name, p.first_name`.execute(db);
  return result.rows.map((row) => ({
    ...row,
    unit_name: row.unit_name ?? '',
    courses_left: Number(row.courses_left),
  }));
}

/** Each programme's reminder rule where its owners set one (the others: the defaults). */
export async function reminderRules(db: Q, tenantId: TenantId) {
  const rows = await db
    .selectFrom('reminder_rules')
    .select(['programme_id', 'due_soon_days', 'overdue_every_days'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map<string, ReminderRule>(
    rows.map((row) => [
      row.programme_id,
      { dueSoonDays: row.due_soon_days, overdueEveryDays: row.overdue_every_days },
    ]),
  );
}

export async function reminderRuleOf(db: Q, tenantId: TenantId, programmeId: string) {
  return (await reminderRules(db, tenantId)).get(programmeId) ?? DEFAULT_REMINDER_RULE;
}

export async function saveReminderRule(
  db: Q,
  tenantId: TenantId,
  programmeId: string,
  rule: ReminderRule,
  by: string,
  at: Date,
) {
  const values = {
    due_soon_days: rule.dueSoonDays,
    overdue_every_days: rule.overdueEveryDays,
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('reminder_rules')
    .values({ tenant_id: tenantId, programme_id: programmeId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'programme_id']).doUpdateSet(values))
    .execute();
}

/** Which of some people have an enabled account (only they receive notices). */
export async function withAccounts(db: Q, tenantId: TenantId, personIds: readonly string[]) {
  if (personIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('users')
    .select('person_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('disabled_at', 'is', null)
    .where(isAnyOf('person_id', personIds))
    .execute();
  return new Set(rows.map((row) => row.person_id ?? ''));
}
