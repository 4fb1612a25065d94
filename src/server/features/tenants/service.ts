import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';

export const TENANT_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

export interface Tenant {
  id: TenantId;
  code: string;
  name: string;
}

/** Creates an empty municipality: the tenant and the root of its organisation tree. */
export async function createTenant(db: Db | Tx, code: string, name: string): Promise<Tenant> {
  if (!TENANT_CODE.test(code)) {
    throw invalid('code', 'tenant_code', { value: code });
  }
  if (!name.trim()) throw invalid('name', 'required');
  const existing = await db
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (existing) throw new AppError('tenant_exists', { code });
  const row = await db
    .insertInto('tenants')
    .values({ code, name: name.trim() })
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('org_units')
    .values({
      tenant_id: row.id,
      code: 'KOMMUN',
      name: name.trim(),
      kind: 'municipality',
      parent_id: null,
    })
    .execute();
  return { id: row.id as TenantId, code: row.code, name: row.name };
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  const rows = await db
    .selectFrom('tenants')
    .select(['id', 'code', 'name'])
    .orderBy('code')
    .execute();
  return rows.map((row) => ({ id: row.id as TenantId, code: row.code, name: row.name }));
}

/** The tenant named by `code`, or the only tenant when `code` is omitted and there is one. */
export async function resolveTenant(db: Db, code: string | undefined): Promise<Tenant> {
  const tenants = await listTenants(db);
  if (code) {
    const tenant = tenants.find((t) => t.code === code);
    if (!tenant) throw notFound('municipality');
    return tenant;
  }
  if (tenants.length === 1 && tenants[0]) return tenants[0];
  if (tenants.length === 0) throw new AppError('no_tenants');
  throw new AppError('choose_tenant', { codes: tenants.map((t) => t.code).join(', ') });
}
