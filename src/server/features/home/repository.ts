import type { TenantId } from '../../../domain/ids.ts';
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
