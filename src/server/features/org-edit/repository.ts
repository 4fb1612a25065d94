import { sql } from 'kysely';
import type { BodyId, PersonId, TenantId, UnitId } from '../../../domain/ids.ts';
import type { Tx } from '../../db/transaction.ts';

export function findUnit(trx: Tx, tenantId: TenantId, id: UnitId) {
  return trx
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'valid_to'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function unitByCode(trx: Tx, tenantId: TenantId, code: string) {
  return trx
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Ids from `id` up to the root. */
export async function ancestorIds(trx: Tx, tenantId: TenantId, id: UnitId): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, 0 AS depth FROM org_units WHERE tenant_id = ${tenantId} AND id = ${id}
      UNION ALL
      SELECT u.id, u.parent_id, chain.depth + 1 FROM org_units u JOIN chain ON u.id = chain.parent_id
       WHERE u.tenant_id = ${tenantId} AND chain.depth < 64
    )
    SELECT id FROM chain`.execute(trx);
  return result.rows.map((row) => row.id);
}

export async function openDependants(trx: Tx, tenantId: TenantId, id: UnitId, date: string) {
  const row = await trx
    .selectFrom('org_units as u')
    .select([
      sql<number>`(SELECT count(*) FROM employments e WHERE e.tenant_id = u.tenant_id AND e.unit_id = u.id
        AND (e.end_date IS NULL OR e.end_date > ${date}))::int`.as('staff'),
      sql<number>`(SELECT count(*) FROM org_units c WHERE c.tenant_id = u.tenant_id AND c.parent_id = u.id
        AND (c.valid_to IS NULL OR c.valid_to > ${date}))::int`.as('children'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

export function findPerson(trx: Tx, tenantId: TenantId, id: PersonId) {
  return trx
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findBody(trx: Tx, tenantId: TenantId, id: BodyId) {
  return trx
    .selectFrom('political_bodies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findEmployment(trx: Tx, tenantId: TenantId, id: string) {
  return trx
    .selectFrom('employments')
    .select(['id', 'person_id', 'start_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSeat(trx: Tx, tenantId: TenantId, id: string) {
  return trx
    .selectFrom('seats')
    .select(['id', 'person_id', 'term_start', 'term_end'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
