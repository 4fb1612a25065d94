/**
 * Rules for accounts and their role grants, pure: which scope each role takes, who may not be
 * locked out, and which accounts the people register yields (for SSO, from their e-mail).
 */
import type { Role } from './roles.ts';

/** Whether a role's grant names a unit (a subtree) or a political body. */
export type ScopeNeed = 'never' | 'optional' | 'required';

/**
 * The scope each role takes. A grant names at most one of a unit or a body; without one it
 * covers the whole municipality (for a security coordinator: every elected official).
 */
export const GRANT_SCOPES: Readonly<Record<Role, { unit: ScopeNeed; body: ScopeNeed }>> = {
  administrator: { unit: 'never', body: 'never' },
  programme_owner: { unit: 'optional', body: 'optional' },
  trainer: { unit: 'optional', body: 'never' },
  manager: { unit: 'required', body: 'never' },
  employee: { unit: 'never', body: 'never' },
  elected_official: { unit: 'never', body: 'required' },
  security_coordinator: { unit: 'never', body: 'optional' },
  safety_representative: { unit: 'optional', body: 'never' },
};

export type GrantProblem =
  | {
      field: 'scopeUnitId' | 'scopeBodyId';
      code: 'needs_unit' | 'needs_body' | 'scope_not_allowed';
    }
  | { field: 'scopeBodyId'; code: 'one_scope_only' };

/** What is wrong with a grant of `role` with this scope, if anything. */
export function grantProblem(
  role: Role,
  scope: { unit: boolean; body: boolean },
): GrantProblem | null {
  const need = GRANT_SCOPES[role];
  if (scope.unit && need.unit === 'never')
    return { field: 'scopeUnitId', code: 'scope_not_allowed' };
  if (scope.body && need.body === 'never')
    return { field: 'scopeBodyId', code: 'scope_not_allowed' };
  if (scope.unit && scope.body) return { field: 'scopeBodyId', code: 'one_scope_only' };
  if (need.unit === 'required' && !scope.unit) return { field: 'scopeUnitId', code: 'needs_unit' };
  if (need.body === 'required' && !scope.body) return { field: 'scopeBodyId', code: 'needs_body' };
  return null;
}

/** Account names: lower case letters, digits and . _ @ - (an e-mail address fits). */
export const USERNAME_PATTERN = /^[a-z0-9._@-]{2,200}$/;

/** An account's administrator grant, as far as the lock-out rule needs to know. */
export interface AdministratorFacts {
  /** Enabled accounts holding the administrator role, this one included if it does. */
  enabledAdministrators: number;
  /** Does the account the change is about hold the administrator role, enabled? */
  isEnabledAdministrator: boolean;
  /** Is it the caller's own account? */
  own: boolean;
}

/**
 * Whether disabling an account or withdrawing its administrator role is refused: nobody does
 * it to themselves (another administrator must), and the municipality keeps one administrator.
 */
export function lockOutRefusal(
  facts: AdministratorFacts,
): 'own_account' | 'last_administrator' | null {
  if (facts.own) return 'own_account';
  if (facts.isEnabledAdministrator && facts.enabledAdministrators <= 1) return 'last_administrator';
  return null;
}

/** A person of the register as accounts from it need them, today. */
export interface RegisterPerson {
  id: string;
  name: string;
  email: string | null;
  hasAccount: boolean;
  /** Current employments: where, and whether as the unit's manager. */
  employments: readonly { unitId: string; isManager: boolean }[];
  /** The political bodies of current seats. */
  seatBodies: readonly string[];
}

export interface PlannedGrant {
  role: Role;
  scopeUnitId: string | null;
  scopeBodyId: string | null;
}

export type SkipReason =
  'no_email' | 'username_format' | 'username_taken' | 'email_shared' | 'not_active';

export interface AccountPlan {
  create: { personId: string; name: string; username: string; grants: PlannedGrant[] }[];
  skipped: { personId: string; name: string; email: string | null; reason: SkipReason }[];
  /** People who already have an account (left as they are). */
  existing: number;
}

/**
 * Accounts for the people who have none, named by their e-mail (lower case, as SSO will
 * present it): an employee grant for a current employment, a manager grant for each unit they
 * manage, an elected official's grant for each body they sit in. No password is set. Skipped,
 * with the reason: no e-mail, an e-mail that cannot be an account name or is one already, an
 * e-mail two people share (neither gets it), nobody employed or seated today.
 */
export function planAccountsFromPeople(
  people: readonly RegisterPerson[],
  takenUsernames: ReadonlySet<string>,
): AccountPlan {
  const plan: AccountPlan = { create: [], skipped: [], existing: 0 };
  const candidates = people.filter((p) => {
    if (p.hasAccount) plan.existing += 1;
    return !p.hasAccount;
  });
  const uses = new Map<string, number>();
  for (const p of people) {
    const email = p.email?.trim().toLowerCase();
    if (email) uses.set(email, (uses.get(email) ?? 0) + 1);
  }
  for (const person of candidates) {
    const skip = (reason: SkipReason) =>
      plan.skipped.push({ personId: person.id, name: person.name, email: person.email, reason });
    const username = person.email?.trim().toLowerCase() ?? '';
    const grants = grantsOf(person);
    if (!username) skip('no_email');
    else if (!USERNAME_PATTERN.test(username)) skip('username_format');
    else if ((uses.get(username) ?? 0) > 1) skip('email_shared');
    else if (takenUsernames.has(username)) skip('username_taken');
    else if (grants.length === 0) skip('not_active');
    else plan.create.push({ personId: person.id, name: person.name, username, grants });
  }
  return plan;
}

function grantsOf(person: RegisterPerson): PlannedGrant[] {
  const grants: PlannedGrant[] = [];
  if (person.employments.length)
    grants.push({ role: 'employee', scopeUnitId: null, scopeBodyId: null });
  const managed = new Set(person.employments.filter((e) => e.isManager).map((e) => e.unitId));
  for (const unitId of managed)
    grants.push({ role: 'manager', scopeUnitId: unitId, scopeBodyId: null });
  for (const bodyId of new Set(person.seatBodies))
    grants.push({ role: 'elected_official', scopeUnitId: null, scopeBodyId: bodyId });
  return grants;
}
