import { sql } from 'kysely';
import type { TenantId, UnitId } from '../../../domain/ids.ts';
import type { Reach } from '../../../domain/policy.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf } from '../../db/packed.ts';
import { inReach } from '../../policies/repository.ts';
import { countsOn } from '../programmes/public.ts';

/**
 * People in reach with an open, not exempt assignment of an active programme that is due by
 * `until` and not complete on `asOf` (fewer valid completions than the programme's courses).
 * One statement for every programme; `except` is the caller (their own training is theirs).
 */
export async function dueInReach(
  db: Db,
  input: { tenantId: TenantId; reach: Reach; asOf: string; until: string; except: string | null },
) {
  const { tenantId, reach, asOf, until, except } = input;
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

export function unitNames(db: Db, tenantId: TenantId, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_units')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where(isAnyOf('id', ids))
    .orderBy('name')
    .execute();
}

/** Every active account with a manager's grant, its person and its manager grants' units. */
export async function managerAccounts(db: Db, tenantId: TenantId) {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', (join) =>
      join.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.id', '=', 'g.user_id'),
    )
    .select(['u.id', 'u.person_id', 'g.scope_unit_id'])
    .where('g.tenant_id', '=', tenantId)
    .where('g.role', '=', 'manager')
    .where('g.scope_unit_id', 'is not', null)
    .where('u.disabled_at', 'is', null)
    .where('u.person_id', 'is not', null)
    .orderBy('u.id')
    .execute();
  const accounts = new Map<string, { personId: string; units: UnitId[] }>();
  for (const row of rows) {
    const account = accounts.get(row.id) ?? { personId: row.person_id ?? '', units: [] };
    account.units.push(row.scope_unit_id as UnitId);
    accounts.set(row.id, account);
  }
  return [...accounts.values()];
}
