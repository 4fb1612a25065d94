import type { Role } from '../../../domain/roles.ts';
import { ROLES } from '../../../domain/roles.ts';
import type { UserId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.ts';
import type { Db } from '../../db/connection.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, invalid } from '../../http/errors.ts';
import * as repo from './repository.ts';
import type { Tenant } from '../tenants/public.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeUnitCode?: string | null;
  scopeBodyCode?: string | null;
  personId?: string | null;
  locale?: 'sv' | 'en';
}

/** Roles whose access follows an organisation subtree or a political body. */
const NEEDS_UNIT_SCOPE: readonly Role[] = ['manager'];
const NEEDS_BODY_SCOPE: readonly Role[] = ['elected_official'];

/**
 * Creates a local account with one role grant. Used by the CLI and the demo seed; an
 * administrator screen will call the same function.
 */
export async function createUser(
  db: Db | Tx,
  tenant: Tenant,
  input: NewUser,
  actorUserId: UserId | null = null,
) {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._@-]{2,200}$/.test(username)) {
    throw invalid('username', 'username_format');
  }
  if (!input.displayName.trim()) throw invalid('name', 'required');
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', 'password_too_short', { minimum: MIN_PASSWORD_LENGTH });
  }
  if (!ROLES.includes(input.role)) throw invalid('role', 'invalid_value');
  if (NEEDS_UNIT_SCOPE.includes(input.role) && !input.scopeUnitCode) {
    throw invalid('scope-unit', 'role_needs_scope', { role: input.role, thing: 'unit' });
  }
  if (NEEDS_BODY_SCOPE.includes(input.role) && !input.scopeBodyCode) {
    throw invalid('scope-body', 'role_needs_scope', { role: input.role, thing: 'body' });
  }
  const passwordHash = await hashPassword(input.password);

  return withTransaction(db, async (trx) => {
    if (await repo.userByName(trx, tenant.id, username))
      throw new AppError('username_taken', { username });

    const scopeUnit = input.scopeUnitCode
      ? await repo.unitByCode(trx, tenant.id, input.scopeUnitCode)
      : null;
    if (input.scopeUnitCode && !scopeUnit)
      throw invalid('scope-unit', 'no_such_code', { thing: 'unit', code: input.scopeUnitCode });
    const scopeBody = input.scopeBodyCode
      ? await repo.bodyByCode(trx, tenant.id, input.scopeBodyCode)
      : null;
    if (input.scopeBodyCode && !scopeBody)
      throw invalid('scope-body', 'no_such_code', { thing: 'body', code: input.scopeBodyCode });

    const user = await repo.insertUser(trx, tenant.id, {
      username,
      passwordHash,
      displayName: input.displayName.trim(),
      personId: input.personId ?? null,
      locale: input.locale ?? 'sv',
    });
    await repo.insertGrant(trx, tenant.id, user.id, {
      role: input.role,
      scopeUnitId: scopeUnit?.id ?? null,
      scopeBodyId: scopeBody?.id ?? null,
    });
    await audit(trx, {
      tenantId: tenant.id,
      actorUserId,
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      details: {
        username,
        role: input.role,
        scopeUnit: input.scopeUnitCode ?? null,
        scopeBody: input.scopeBodyCode ?? null,
      },
    });
    return { id: user.id as UserId, username };
  });
}
