import { sql, type Expression, type SqlBool } from 'kysely';
import type { TenantId } from '../../domain/ids.ts';
import type { PersonFacts, Reach } from '../../domain/policy.ts';
import type { Db } from '../db/connection.ts';
import { isAnyOf } from '../db/packed.ts';
import type { Tx } from '../db/transaction.ts';

type Q = Db | Tx;

/** The person an account belongs to (null: none). */
export async function personOfUser(q: Q, tenantId: TenantId, userId: string) {
  const row = await q
    .selectFrom('users')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.person_id ?? null;
}

/**
 * Where people work and sit on `date`, for several at once, in one statement: each current
 * employment's unit with its ancestors (a recursive query over just their units' chains) and
 * each current seat's body. Unknown ids are missing from the answer.
 */
export async function personFacts(
  q: Q,
  tenantId: TenantId,
  personIds: readonly string[],
  date: string,
): Promise<Map<string, PersonFacts>> {
  const result = new Map<string, PersonFacts>();
  if (personIds.length === 0) return result;
  // Paths are unit ids joined by ",", several paths by ";"; bodies by ",".
  const rows = await sql<{ id: string; paths: string | null; bodies: string | null }>`
    WITH RECURSIVE chain AS (
      SELECT e.id AS employment_id, e.person_id, u.id, u.parent_id, 0 AS depth
      FROM employments e
      JOIN org_units u ON u.tenant_id = e.tenant_id AND u.id = e.unit_id
      WHERE e.tenant_id = ${tenantId} AND ${isAnyOf('e.person_id', personIds)}
        AND e.start_date <= ${date}::date AND (e.end_date IS NULL OR e.end_date >= ${date}::date)
      UNION ALL
      SELECT c.employment_id, c.person_id, u.id, u.parent_id, c.depth + 1
      FROM chain c JOIN org_units u ON u.tenant_id = ${tenantId} AND u.id = c.parent_id
      WHERE c.depth < 64
    ),
    employment_paths AS (
      SELECT person_id, string_agg(id::text, ',' ORDER BY depth) AS path
      FROM chain GROUP BY employment_id, person_id
    ),
    person_paths AS (
      SELECT person_id, string_agg(path, ';') AS paths FROM employment_paths GROUP BY person_id
    ),
    person_seats AS (
      SELECT person_id, string_agg(DISTINCT body_id::text, ',') AS bodies
      FROM seats
      WHERE tenant_id = ${tenantId} AND ${isAnyOf('person_id', personIds)}
        AND term_start <= ${date}::date AND (term_end IS NULL OR term_end >= ${date}::date)
      GROUP BY person_id
    )
    SELECT p.id, pp.paths, ps.bodies
    FROM people p
    LEFT JOIN person_paths pp ON pp.person_id = p.id
    LEFT JOIN person_seats ps ON ps.person_id = p.id
    WHERE p.tenant_id = ${tenantId} AND ${isAnyOf('p.id', personIds)}`.execute(q);
  for (const row of rows.rows)
    result.set(row.id, {
      id: row.id,
      unitPaths: row.paths ? row.paths.split(';').map((path) => path.split(',')) : [],
      seatBodies: row.bodies ? row.bodies.split(',') : [],
    });
  return result;
}

/** A unit and its ancestors' ids, the unit first; empty when there is no such unit. */
export async function unitPath(q: Q, tenantId: TenantId, unitId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, 0 AS depth FROM org_units WHERE tenant_id = ${tenantId} AND id = ${unitId}
      UNION ALL
      SELECT u.id, u.parent_id, chain.depth + 1 FROM org_units u
        JOIN chain ON u.id = chain.parent_id
       WHERE u.tenant_id = ${tenantId} AND chain.depth < 64
    )
    SELECT id FROM chain ORDER BY depth`.execute(q);
  return result.rows.map((row) => row.id);
}

/** Several units' ancestor chains at once (unknown units are missing). */
export async function unitPathsOf(
  q: Q,
  tenantId: TenantId,
  unitIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (unitIds.length === 0) return result;
  const rows = await sql<{ start: string; path: string }>`
    WITH RECURSIVE chain AS (
      SELECT id AS start, id, parent_id, 0 AS depth FROM org_units
       WHERE tenant_id = ${tenantId} AND ${isAnyOf('id', unitIds)}
      UNION ALL
      SELECT chain.start, u.id, u.parent_id, chain.depth + 1 FROM org_units u
        JOIN chain ON u.id = chain.parent_id
       WHERE u.tenant_id = ${tenantId} AND chain.depth < 64
    )
    SELECT start, string_agg(id::text, ',' ORDER BY depth) AS path FROM chain GROUP BY start`.execute(
    q,
  );
  for (const row of rows.rows) result.set(row.start, row.path.split(','));
  return result;
}

/** A programme's status and whether the account is among its listed owners. */
export async function programmeFacts(
  q: Q,
  tenantId: TenantId,
  programmeId: string,
  userId: string,
) {
  return q
    .selectFrom('programmes as p')
    .select((eb) => [
      'p.id',
      'p.status',
      eb
        .exists(
          eb
            .selectFrom('programme_owners as o')
            .select('o.user_id')
            .whereRef('o.tenant_id', '=', 'p.tenant_id')
            .whereRef('o.programme_id', '=', 'p.id')
            .where('o.user_id', '=', userId),
        )
        .as('listed_owner'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', programmeId)
    .executeTakeFirst();
}

/** The programmes an account is listed as owner of. */
export async function ownedProgrammeIds(q: Q, tenantId: TenantId, userId: string) {
  const rows = await q
    .selectFrom('programme_owners')
    .select('programme_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.programme_id));
}

/** The units a person is attached to as a trainer of a programme. */
export async function servedUnits(q: Q, tenantId: TenantId, programmeId: string, personId: string) {
  const rows = await q
    .selectFrom('trainer_units')
    .select('unit_id')
    .where('tenant_id', '=', tenantId)
    .where('programme_id', '=', programmeId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.unit_id);
}

/**
 * The people a reach covers on `date`, as a condition on a people id column: lists filter in
 * SQL with the same rule as single objects (employed at or below a reached unit, or seated in a
 * reached body), never by reading everyone and filtering in memory.
 */
export function inReach(
  personId: Expression<string> | string,
  tenantId: TenantId,
  reach: Reach,
  date: string,
): Expression<SqlBool> {
  if (reach.everyone) return sql<SqlBool>`true`;
  const id = typeof personId === 'string' ? sql.ref(personId) : personId;
  const parts = [];
  if (reach.units.length)
    parts.push(sql<SqlBool>`EXISTS (
      WITH RECURSIVE subtree AS (
        SELECT id FROM org_units WHERE tenant_id = ${tenantId} AND ${isAnyOf('id', reach.units)}
        UNION
        SELECT u.id FROM org_units u JOIN subtree s ON u.parent_id = s.id WHERE u.tenant_id = ${tenantId}
      )
      SELECT 1 FROM employments e JOIN subtree s ON s.id = e.unit_id
       WHERE e.tenant_id = ${tenantId} AND e.person_id = ${id}
         AND e.start_date <= ${date}::date AND (e.end_date IS NULL OR e.end_date >= ${date}::date))`);
  if (reach.allBodies || reach.bodies.length)
    parts.push(sql<SqlBool>`EXISTS (
      SELECT 1 FROM seats s WHERE s.tenant_id = ${tenantId} AND s.person_id = ${id}
        AND s.term_start <= ${date}::date AND (s.term_end IS NULL OR s.term_end >= ${date}::date)
        ${reach.allBodies ? sql`` : sql`AND ${isAnyOf('s.body_id', reach.bodies)}`})`);
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}
