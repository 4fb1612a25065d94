import { randomUUID } from 'node:crypto';
import { planAccountsFromPeople, type AccountPlan } from '../../../domain/accounts.ts';
import type { TenantId, UnitId, UserId } from '../../../domain/ids.ts';
import { audit } from '../../audit/log.ts';
import { insertInBatches } from '../../db/batch.ts';
import { lockTenantAccounts } from '../../db/locks.ts';
import type { Tx } from '../../db/transaction.ts';
import * as repo from './repository.ts';

/** Whose register entries to look at: the people of a subtree (null: all), or named people. */
export type RegisterScope = { unitId: UnitId | null } | { personIds: readonly string[] };

/**
 * Accounts for the register's people who have none, named by their e-mail, without a password
 * (ready for single sign-on), with the roles the register gives them (see
 * `planAccountsFromPeople`). With `apply`, made in the caller's transaction with an audit entry
 * each and one for the run; otherwise only planned. The administrators' screen and the people
 * and seats imports come here.
 */
export async function accountsFromRegister(
  trx: Tx,
  actor: { tenantId: TenantId; userId: UserId | null },
  scope: RegisterScope,
  date: string,
  apply: boolean,
): Promise<AccountPlan> {
  await lockTenantAccounts(trx, actor.tenantId);
  const people = await repo.registerPeople(trx, actor.tenantId, scope, date);
  const plan = planAccountsFromPeople(people, await repo.usernames(trx, actor.tenantId));
  if (apply && plan.create.length) await applyPlan(trx, actor, plan.create, scope);
  return plan;
}

/** The planned accounts, their grants and one audit entry each, in a few statements. */
async function applyPlan(
  trx: Tx,
  actor: { tenantId: TenantId; userId: UserId | null },
  accounts: ReturnType<typeof planAccountsFromPeople>['create'],
  scope: RegisterScope,
) {
  const ids = accounts.map(() => randomUUID());
  await insertInBatches(
    trx,
    'users',
    accounts.map((a, i) => ({
      id: ids[i],
      tenant_id: actor.tenantId,
      username: a.username,
      password_hash: null,
      display_name: a.name,
      person_id: a.personId,
      locale: 'sv' as const,
      disabled_at: null,
    })),
  );
  await insertInBatches(
    trx,
    'role_grants',
    accounts.flatMap((a, i) =>
      a.grants.map((g) => ({
        tenant_id: actor.tenantId,
        user_id: ids[i] as string,
        role: g.role,
        scope_unit_id: g.scopeUnitId,
        scope_body_id: g.scopeBodyId,
      })),
    ),
  );
  await insertInBatches(
    trx,
    'audit_log',
    accounts.map((a, i) => ({
      tenant_id: actor.tenantId,
      actor_user_id: actor.userId,
      action: 'user.create_from_person',
      object_type: 'user',
      object_id: ids[i] as string,
      details: JSON.stringify({
        username: a.username,
        personId: a.personId,
        personName: a.name,
        roles: a.grants.map((g) => g.role),
      }),
    })),
  );
  await audit(trx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: 'users.create_from_people',
    details: {
      count: accounts.length,
      ...('unitId' in scope ? { unitId: scope.unitId } : { people: scope.personIds.length }),
    },
  });
}
