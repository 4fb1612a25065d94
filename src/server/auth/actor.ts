import type { Grant } from '../../domain/policy.ts';
import type { TenantId, UserId } from '../../domain/ids.ts';
import type { Role } from '../../domain/roles.ts';

/** The signed-in user a request acts for; every service method receives it first. */
export interface Actor {
  userId: UserId;
  tenantId: TenantId;
  grants: Grant[];
  /** The person the account belongs to (null: none), when the session lookup read it. */
  personId?: string | null;
  /**
   * The tenant's data version as the request began (read with the session): what cached
   * figures are checked against, without another round trip.
   */
  dataVersion?: number;
}

/** How a route may be reached; checked before the body is even parsed. */
export type AccessPolicy =
  { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: readonly Role[] };

export const publicAccess: AccessPolicy = { kind: 'public' };
export const signedIn: AccessPolicy = { kind: 'signed_in' };
export const anyRole = (...roles: Role[]): AccessPolicy => ({ kind: 'roles', roles });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Hash of the session token, for logout; never logged. */
    sessionTokenHash: string | null;
  }
}
