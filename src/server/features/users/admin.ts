import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type {
  AccountDetail,
  AccountList,
  AccountListQuery,
  CreateAccountRequest,
  FromPeoplePlan,
  FromPeopleRequest,
  GrantRequest,
  PasswordRequest,
  UpdateAccountRequest,
} from '../../../contracts/users.ts';
import { lockOutRefusal } from '../../../domain/accounts.ts';
import { stockholmDate } from '../../../domain/dates.ts';
import type { UnitId } from '../../../domain/ids.ts';
import { mayAdminister } from '../../../domain/policy.ts';
import { audit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Db } from '../../db/connection.ts';
import { lockTenantAccounts } from '../../db/locks.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { presentAccount, presentEvent, presentPlan } from './presenter.ts';
import { accountsFromRegister } from './register.ts';
import * as repo from './repository.ts';
import { checkGrant, checkPassword, checkPerson, createAccount } from './service.ts';

/** Accounts listed at most; narrow the search for more. */
const LIST_LIMIT = 200;
const HISTORY_LIMIT = 100;
/** Made passwords: no letters that look alike, four groups of four (about 79 bits). */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function makePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(
      '',
    ),
  );
  return groups.join('-');
}

/**
 * The administrators' account screen: list, create, disable and enable, set a password, grant
 * and withdraw roles, link an account to its person, and accounts for the people register (for
 * single sign-on). Every change is one transaction under the tenant's accounts lock with its
 * audit entry; ending an account's sessions reaches every instance through the change feed.
 */
export function createAccountService(db: Db, clock: () => Date = () => new Date()) {
  /** Every method's first line: accounts are an administrator's to manage. */
  function requireAdministrator(actor: Actor) {
    if (!mayAdminister({ grants: actor.grants, personId: null })) throw forbidden();
  }

  async function load(q: Db | Tx, actor: Actor, id: string) {
    const account = await repo.findAccount(q, actor.tenantId, id);
    if (!account) throw notFound('account');
    return account;
  }

  const log = (
    trx: Tx,
    actor: Actor,
    action: string,
    accountId: string,
    details: Record<string, unknown> = {},
  ) =>
    audit(trx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action,
      objectType: 'user',
      objectId: accountId,
      details,
    });

  const isEnabledAdministrator = (account: repo.AccountRow) =>
    account.disabled_at === null && account.grants.some((g) => g.role === 'administrator');

  async function refusal(q: Db | Tx, actor: Actor, account: repo.AccountRow) {
    return lockOutRefusal({
      own: account.id === actor.userId,
      isEnabledAdministrator: isEnabledAdministrator(account),
      enabledAdministrators: await repo.enabledAdministrators(q, actor.tenantId),
    });
  }

  return {
    async list(actor: Actor, query: z.infer<typeof AccountListQuery>): Promise<AccountList> {
      requireAdministrator(actor);
      const rows = await repo.listAccounts(db, actor.tenantId, query, LIST_LIMIT + 1);
      return {
        accounts: rows.slice(0, LIST_LIMIT).map(presentAccount),
        more: rows.length > LIST_LIMIT,
      };
    },

    async detail(actor: Actor, id: string): Promise<AccountDetail> {
      requireAdministrator(actor);
      const account = await load(db, actor, id);
      const [refused, lastSignIn, sessions, events] = await Promise.all([
        refusal(db, actor, account),
        repo.lastSignIn(db, actor.tenantId, id),
        repo.activeSessions(db, actor.tenantId, id, clock()),
        repo.history(db, actor.tenantId, id, HISTORY_LIMIT),
      ]);
      return {
        ...presentAccount(account),
        locale: account.locale,
        createdAt: account.created_at.toISOString(),
        lastSignIn: lastSignIn?.toISOString() ?? null,
        activeSessions: sessions,
        history: events.map(presentEvent),
        can: { disable: refused === null, refusal: refused },
      };
    },

    async create(actor: Actor, input: CreateAccountRequest) {
      requireAdministrator(actor);
      const created = await createAccount(db, actor.tenantId, input, actor.userId);
      return { id: created.id };
    },

    update: (actor: Actor, id: string, input: z.infer<typeof UpdateAccountRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        const account = await load(trx, actor, id);
        const name = input.displayName?.trim();
        if (name !== undefined && name !== account.display_name) {
          await repo.updateAccount(trx, actor.tenantId, id, { display_name: name });
          await log(trx, actor, 'user.rename', id, { before: account.display_name, after: name });
        }
        if (input.locale !== undefined && input.locale !== account.locale) {
          await repo.updateAccount(trx, actor.tenantId, id, { locale: input.locale });
          await log(trx, actor, 'user.locale', id, { before: account.locale, after: input.locale });
        }
        if (input.personId !== undefined && input.personId !== account.person_id) {
          const linked = input.personId
            ? await checkPerson(trx, actor.tenantId, input.personId, 'body.personId', id)
            : null;
          await repo.updateAccount(trx, actor.tenantId, id, { person_id: input.personId });
          // Another person's account must not keep reading the former person's records.
          const ended = await repo.endSessions(trx, actor.tenantId, id);
          await log(trx, actor, input.personId ? 'user.link_person' : 'user.unlink_person', id, {
            before: account.person_id,
            after: input.personId,
            personName:
              linked ?? (account.first_name ? `${account.first_name} ${account.last_name}` : null),
            sessionsEnded: ended,
          });
        }
        return { id };
      }),

    disable: (actor: Actor, id: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        const account = await load(trx, actor, id);
        if (account.disabled_at !== null) return { id };
        const refused = await refusal(trx, actor, account);
        if (refused) throw new AppError(refused);
        await repo.setDisabled(trx, actor.tenantId, id, clock());
        const ended = await repo.endSessions(trx, actor.tenantId, id);
        await log(trx, actor, 'user.disable', id, { sessionsEnded: ended });
        return { id };
      }),

    enable: (actor: Actor, id: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        const account = await load(trx, actor, id);
        if (account.disabled_at === null) return { id };
        await repo.setDisabled(trx, actor.tenantId, id, null);
        await log(trx, actor, 'user.enable', id);
        return { id };
      }),

    async resetPassword(actor: Actor, id: string, input: z.infer<typeof PasswordRequest>) {
      requireAdministrator(actor);
      const made = input.password === undefined ? makePassword() : null;
      const password = input.password ?? (made as string);
      checkPassword(password, 'body.password');
      const hash = await hashPassword(password);
      return withTransaction(db, async (trx) => {
        await lockTenantAccounts(trx, actor.tenantId);
        await load(trx, actor, id);
        await repo.setPassword(trx, actor.tenantId, id, hash);
        // Whoever knew the old password is signed out everywhere.
        const ended = await repo.endSessions(trx, actor.tenantId, id);
        await log(trx, actor, 'user.password_reset', id, {
          made: made !== null,
          sessionsEnded: ended,
        });
        return { password: made, sessionsEnded: ended };
      });
    },

    grant: (actor: Actor, id: string, input: z.infer<typeof GrantRequest>) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        const account = await load(trx, actor, id);
        const scopeName = await checkGrant(trx, actor.tenantId, input, {
          scopeUnitId: 'body.scopeUnitId',
          scopeBodyId: 'body.scopeBodyId',
        });
        if (
          account.grants.some(
            (g) =>
              g.role === input.role &&
              g.unit_id === input.scopeUnitId &&
              g.body_id === input.scopeBodyId,
          )
        )
          throw invalid('body.role', 'grant_exists');
        const row = await repo.insertGrant(trx, actor.tenantId, id, input);
        await log(trx, actor, 'user.grant', id, {
          grantId: row.id,
          role: input.role,
          scopeUnitId: input.scopeUnitId,
          scopeBodyId: input.scopeBodyId,
          scopeName,
        });
        return { id: row.id };
      }),

    withdraw: (actor: Actor, id: string, grantId: string) =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        const account = await load(trx, actor, id);
        const grant = account.grants.find((g) => g.id === grantId);
        if (!grant) throw notFound('grant');
        if (grant.role === 'administrator') {
          const refused = await refusal(trx, actor, account);
          if (refused) throw new AppError(refused);
        }
        await repo.deleteGrant(trx, actor.tenantId, id, grantId);
        await log(trx, actor, 'user.revoke', id, {
          grantId,
          role: grant.role,
          scopeUnitId: grant.unit_id,
          scopeBodyId: grant.body_id,
          scopeName: grant.unit_name ?? grant.body_name,
        });
        return { id: grantId };
      }),

    fromPeople: (
      actor: Actor,
      input: z.infer<typeof FromPeopleRequest>,
      apply: boolean,
    ): Promise<FromPeoplePlan> =>
      withTransaction(db, async (trx) => {
        requireAdministrator(actor);
        await lockTenantAccounts(trx, actor.tenantId);
        if (input.unitId && !(await repo.openUnit(trx, actor.tenantId, input.unitId)))
          throw invalid('body.unitId', 'closed_or_missing', { thing: 'unit' });
        const plan = await accountsFromRegister(
          trx,
          actor,
          { unitId: input.unitId as UnitId | null },
          stockholmDate(clock()),
          apply,
        );
        return presentPlan(plan, apply);
      }),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
