import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';
import { AppError } from '../../http/errors.ts';

export const TENANT_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

export interface Tenant {
  id: TenantId;
  code: string;
  name: string;
}

/** Creates an empty municipality: the tenant and the root of its organisation tree. */
export async function createTenant(db: Db | Tx, code: string, name: string): Promise<Tenant> {
  if (!TENANT_CODE.test(code)) {
    throw new AppError(
      'validation_failed',
      400,
      `Tenant code "${code}" must be 2-40 characters: a-z, 0-9 and -, starting with a letter or digit.`,
    );
  }
  if (!name.trim())
    throw new AppError('validation_failed', 400, 'The tenant name must not be empty.');
  const existing = await db
    .selectFrom('tenants')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  if (existing) throw new AppError('conflict', 409, `A tenant with code "${code}" already exists.`);
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
    if (!tenant) throw new AppError('not_found', 404, `No tenant with code "${code}".`);
    return tenant;
  }
  if (tenants.length === 1 && tenants[0]) return tenants[0];
  if (tenants.length === 0)
    throw new AppError(
      'not_found',
      404,
      'There is no tenant yet; create one with `tryggve tenant create` or `tryggve seed demo`.',
    );
  throw new AppError(
    'tenant_required',
    400,
    `Several tenants exist (${tenants.map((t) => t.code).join(', ')}); choose one with --tenant CODE.`,
  );
}
