import { grantProblem, USERNAME_PATTERN } from '../../../domain/accounts.ts';
import type { Role } from '../../../domain/roles.ts';
import { ROLES } from '../../../domain/roles.ts';
import type { TenantId, UserId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantAccounts } from '../../db/locks.ts';
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

export interface NewAccount {
  username: string;
  displayName: string;
  /** Null: no local password (single sign-on, or one set later). */
  password: string | null;
  role: Role;
  scopeUnitId: string | null;
  scopeBodyId: string | null;
  personId: string | null;
  locale: 'sv' | 'en';
}

/** Where each field of an account is named in the caller's terms (request body or CLI flags). */
export interface FieldNames {
  username: string;
  displayName: string;
  password: string;
  role: string;
  scopeUnitId: string;
  scopeBodyId: string;
  personId: string;
}

export const BODY_FIELDS: FieldNames = {
  username: 'body.username',
  displayName: 'body.displayName',
  password: 'body.password',
  role: 'body.role',
  scopeUnitId: 'body.scopeUnitId',
  scopeBodyId: 'body.scopeBodyId',
  personId: 'body.personId',
};

const CLI_FIELDS: FieldNames = {
  username: 'username',
  displayName: 'name',
  password: 'password',
  role: 'role',
  scopeUnitId: 'scope-unit',
  scopeBodyId: 'scope-body',
  personId: 'person',
};

export function checkPassword(password: string, path: string) {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid(path, 'password_too_short', { minimum: MIN_PASSWORD_LENGTH });
}

/**
 * Refuses a grant whose scope does not fit its role, or that names a closed or missing object;
 * answers the scope's name (null: the whole municipality).
 */
export async function checkGrant(
  trx: Tx,
  tenantId: TenantId,
  grant: { role: Role; scopeUnitId: string | null; scopeBodyId: string | null },
  fields: Pick<FieldNames, 'scopeUnitId' | 'scopeBodyId'>,
) {
  const wrong = grantProblem(grant.role, {
    unit: grant.scopeUnitId !== null,
    body: grant.scopeBodyId !== null,
  });
  if (wrong) throw invalid(fields[wrong.field], wrong.code);
  if (grant.scopeUnitId) {
    const unit = await repo.openUnit(trx, tenantId, grant.scopeUnitId);
    if (!unit) throw invalid(fields.scopeUnitId, 'closed_or_missing', { thing: 'unit' });
    return unit.name;
  }
  if (grant.scopeBodyId) {
    const body = await repo.body(trx, tenantId, grant.scopeBodyId);
    if (!body) throw invalid(fields.scopeBodyId, 'closed_or_missing', { thing: 'body' });
    return body.name;
  }
  return null;
}

/** Refuses linking a person who is missing or already has another account; answers the name. */
export async function checkPerson(
  trx: Tx,
  tenantId: TenantId,
  personId: string,
  path: string,
  accountId: string | null = null,
) {
  const person = await repo.person(trx, tenantId, personId);
  if (!person) throw invalid(path, 'closed_or_missing', { thing: 'person' });
  const other = await repo.accountOfPerson(trx, tenantId, personId);
  if (other && other.id !== accountId)
    throw invalid(path, 'person_has_account', { username: other.username });
  return `${person.first_name} ${person.last_name}`;
}

/**
 * Creates an account with one role grant, audited, in one transaction under the tenant's
 * accounts lock: the administrators' screen, the CLI and the demo seed all come here.
 */
export async function createAccount(
  db: Db | Tx,
  tenantId: TenantId,
  input: NewAccount,
  actorUserId: UserId | null,
  fields: FieldNames = BODY_FIELDS,
) {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) throw invalid(fields.username, 'username_format');
  if (!input.displayName.trim()) throw invalid(fields.displayName, 'required');
  if (input.password !== null) checkPassword(input.password, fields.password);
  if (!ROLES.includes(input.role)) throw invalid(fields.role, 'invalid_value');
  const passwordHash = input.password === null ? null : await hashPassword(input.password);

  return withTransaction(db, async (trx) => {
    await lockTenantAccounts(trx, tenantId);
    if (await repo.userByName(trx, tenantId, username))
      throw new AppError('username_taken', { username });
    const scopeName = await checkGrant(trx, tenantId, input, fields);
    const personName = input.personId
      ? await checkPerson(trx, tenantId, input.personId, fields.personId)
      : null;
    const user = await repo.insertUser(trx, tenantId, {
      username,
      passwordHash,
      displayName: input.displayName.trim(),
      personId: input.personId,
      locale: input.locale,
    });
    await repo.insertGrant(trx, tenantId, user.id, input);
    await audit(trx, {
      tenantId,
      actorUserId,
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      details: {
        username,
        role: input.role,
        scopeUnitId: input.scopeUnitId,
        scopeBodyId: input.scopeBodyId,
        scopeName,
        personId: input.personId,
        personName,
        localPassword: input.password !== null,
      },
    });
    return { id: user.id as UserId, username };
  });
}

/**
 * Creates a local account with one role grant, its scope named by unit or body code. Used by
 * the CLI and the demo seed.
 */
export async function createUser(
  db: Db | Tx,
  tenant: Tenant,
  input: NewUser,
  actorUserId: UserId | null = null,
) {
  checkPassword(input.password, CLI_FIELDS.password);
  return withTransaction(db, async (trx) => {
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
    return createAccount(
      trx,
      tenant.id,
      {
        username: input.username,
        displayName: input.displayName,
        password: input.password,
        role: input.role,
        scopeUnitId: scopeUnit?.id ?? null,
        scopeBodyId: scopeBody?.id ?? null,
        personId: input.personId ?? null,
        locale: input.locale ?? 'sv',
      },
      actorUserId,
      CLI_FIELDS,
    );
  });
}
