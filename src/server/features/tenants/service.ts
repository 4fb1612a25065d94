import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import * as repo from './repository.ts';

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
  if (await repo.tenantByCode(db, code)) throw new AppError('tenant_exists', { code });
  const row = await repo.insertTenant(db, code, name.trim());
  return { id: row.id as TenantId, code: row.code, name: row.name };
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  const rows = await repo.listTenants(db);
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
