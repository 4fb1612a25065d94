import type { Role } from '../../../domain/roles.ts';
import type { TenantId } from '../../../domain/ids.ts';
import type { Db } from '../../db/connection.ts';
import type { Tx } from '../../db/transaction.ts';

type Q = Db | Tx;

export function userByName(db: Q, tenantId: TenantId, username: string) {
  return db
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export function unitByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function bodyByCode(db: Q, tenantId: TenantId, code: string) {
  return db
    .selectFrom('political_bodies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function insertUser(
  db: Q,
  tenantId: TenantId,
  user: {
    username: string;
    passwordHash: string;
    displayName: string;
    personId: string | null;
    locale: 'sv' | 'en';
  },
) {
  return db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      username: user.username,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      person_id: user.personId,
      locale: user.locale,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertGrant(
  db: Q,
  tenantId: TenantId,
  userId: string,
  grant: { role: Role; scopeUnitId: string | null; scopeBodyId: string | null },
) {
  await db
    .insertInto('role_grants')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      role: grant.role,
      scope_unit_id: grant.scopeUnitId,
      scope_body_id: grant.scopeBodyId,
    })
    .execute();
}
