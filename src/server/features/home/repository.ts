import type { TenantId, UnitId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import { isAnyOf } from '../../db/packed.ts';

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
