import { createHash, randomBytes } from 'node:crypto';
import type { LoginOptions, LoginRequest, Me } from '../../contracts/auth.ts';
import type { Grant } from '../../domain/policy.ts';
import type { BodyId, TenantId, UnitId, UserId } from '../../domain/ids.ts';
import { audit } from '../audit/log.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { untilChangeCache } from '../db/until-change-cache.ts';
import { abilities } from '../../domain/policy.ts';
import { lockAccountName } from '../db/locks.ts';
import { ownedProgrammeIds, subjectOf } from '../policies/authorize.ts';
import { AppError, problem } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

/** Failed logins allowed per account name in the window before the account is throttled. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;
/** Sessions are marked as used at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionLookup =
  { state: 'active'; actor: Actor } | { state: 'expired' } | { state: 'none' };

type Session = NonNullable<Awaited<ReturnType<typeof repo.findSession>>>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const invalidCredentials = () => new AppError('invalid_credentials');

export function createAuthService(db: Db, settings: SessionSettings) {
  const minutes = (n: number) => n * 60_000;
  // Every request looks its session up first, and that lookup is most of a cached dashboard's
  // cost: it is kept until the database's change feed says the session, its user, grants or
  // the tenant's data version may have changed (see untilChangeCache). Expiry is checked against
  // the clock each time, and confirmed on a fresh read: another instance may have touched the
  // session since (touches are neither notified nor drop what is kept).
  const sessions = untilChangeCache<Session>(db, 10_000, (session) => session.tenant_id);
  const expired = (session: Session, now: Date) =>
    now.getTime() - session.last_seen_at.getTime() >= minutes(settings.idleMinutes) ||
    now >= session.expires_at ||
    session.disabled_at !== null;

  async function tenantFor(code: string | undefined) {
    if (code) return repo.findTenantByCode(db, code);
    const tenants = await repo.listTenants(db);
    if (tenants.length === 1) return tenants[0];
    throw new AppError('tenant_required', {}, [problem('body.tenant', 'required')]);
  }

  return {
    async loginOptions(): Promise<LoginOptions> {
      const tenants = await repo.listTenants(db);
      return {
        tenantRequired: tenants.length !== 1,
        tenants: tenants.map(({ code, name }) => ({ code, name })),
      };
    },

    /** Returns a new session token; the same error for an unknown user and a wrong password. */
    async login(
      input: LoginRequest,
      now = new Date(),
    ): Promise<{ token: string; expiresAt: Date }> {
      const tenant = await tenantFor(input.tenant);
      if (!tenant) {
        await verifyPassword(undefined, input.password);
        throw invalidCredentials();
      }
      const tenantId = tenant.id as TenantId;
      const since = new Date(now.getTime() - minutes(FAILURE_WINDOW_MINUTES));
      // The attempt is reserved as a failure before the password is checked, under a lock on
      // the account name: of a concurrent burst only MAX_FAILURES get as far as the check.
      const reserved = await withTransaction(db, async (trx) => {
        await lockAccountName(trx, tenantId, input.username);
        if ((await repo.countRecentFailures(trx, tenantId, input.username, since)) >= MAX_FAILURES)
          return false;
        await repo.recordFailure(trx, tenantId, input.username);
        return true;
      });
      if (!reserved) {
        throw new AppError('too_many_attempts', { minutes: FAILURE_WINDOW_MINUTES }, undefined, {
          'retry-after': String(FAILURE_WINDOW_MINUTES * 60),
        });
      }
      const user = await repo.findUserForLogin(db, tenantId, input.username);
      // An account without a local password (made for single sign-on) spends the same work.
      const valid = await verifyPassword(user?.password_hash ?? undefined, input.password);
      // A wrong password keeps its reserved failure.
      if (!user || !valid || user.disabled_at) throw invalidCredentials();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + minutes(settings.absoluteHours * 60));
      const userId = user.id as UserId;
      await withTransaction(db, async (trx) => {
        await repo.clearFailures(trx, tenantId, input.username);
        await repo.deleteExpiredSessions(
          trx,
          now,
          new Date(now.getTime() - minutes(settings.idleMinutes)),
        );
        await repo.insertSession(trx, { tokenHash: hashToken(token), tenantId, userId, expiresAt });
        await audit(trx, { tenantId, actorUserId: userId, action: 'auth.login' });
      });
      return { token, expiresAt };
    },

    async resolveSession(token: string, now = new Date()): Promise<SessionLookup> {
      const tokenHash = hashToken(token);
      const read = () => repo.findSession(db, tokenHash);
      let session = await sessions.get(tokenHash, read);
      if (session && expired(session, now)) {
        sessions.forget(tokenHash);
        session = await read();
      }
      if (!session) return { state: 'none' };
      if (expired(session, now)) {
        await repo.deleteSession(db, tokenHash);
        return { state: 'expired' };
      }
      if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
        await repo.touchSession(db, tokenHash, now);
        // The kept session moves with it (the touch does not drop what is kept; see UNREPORTED).
        session.last_seen_at = now;
      }
      const tenantId = session.tenant_id as TenantId;
      const userId = session.user_id as UserId;
      const grants: Grant[] = repo.toGrants(session.grants);
      return {
        state: 'active',
        actor: {
          tenantId,
          userId,
          grants,
          personId: session.person_id,
          // No row yet: nothing has changed since the tenant was created.
          dataVersion: Number(session.data_version ?? 0),
        },
      };
    },

    async logout(actor: Actor, tokenHash: string): Promise<void> {
      await withTransaction(db, async (trx) => {
        await repo.deleteSession(trx, tokenHash);
        await audit(trx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: 'auth.logout',
        });
      });
    },

    async me(actor: Actor): Promise<Me> {
      const [{ user, grants }, owned] = await Promise.all([
        repo.loadProfile(db, actor.tenantId, actor.userId),
        ownedProgrammeIds(db, actor),
      ]);
      const subject = await subjectOf(db, actor);
      return {
        can: abilities(subject, owned.size > 0),
        user: {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          locale: user.locale,
        },
        tenant: { code: user.tenant_code, name: user.tenant_name },
        grants: grants.map((grant) => ({
          role: grant.role,
          scopeUnit: grant.unit_id
            ? { id: grant.unit_id as UnitId, name: grant.unit_name ?? '' }
            : null,
          scopeBody: grant.body_id
            ? { id: grant.body_id as BodyId, name: grant.body_name ?? '' }
            : null,
        })),
      };
    },

    async setLocale(actor: Actor, locale: 'sv' | 'en'): Promise<void> {
      await repo.setLocale(db, actor.tenantId, actor.userId, locale);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
