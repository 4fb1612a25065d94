import { sql } from 'kysely';
import type { BodyId, TenantId, UnitId } from '../../../domain/ids.ts';
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
