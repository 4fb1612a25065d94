import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

export function tenantByCode(db: Q, code: string) {
  return db.selectFrom('tenants').select('id').where('code', '=', code).executeTakeFirst();
}

/** A municipality with the root of its organisation tree (named as the municipality). */
export async function insertTenant(db: Q, code: string, name: string) {
  const row = await db
    .insertInto('tenants')
    .values({ code, name })
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('org_units')
    .values({ tenant_id: row.id, code: 'KOMMUN', name, kind: 'municipality', parent_id: null })
    .execute();
  return row;
}

export function listTenants(db: Q) {
  return db.selectFrom('tenants').select(['id', 'code', 'name']).orderBy('code').execute();
}
