import type { AccountDetail, AccountSummary, FromPeoplePlan } from '../../../contracts/users.ts';
import type { AccountPlan } from '../../../domain/accounts.ts';
import { ROLES, type Role } from '../../../domain/roles.ts';
import type { AccountRow } from './repository.ts';

const SAMPLE = 50;

export function presentAccount(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    status: row.disabled_at !== null ? 'disabled' : row.has_password ? 'active' : 'no_password',
    person:
      row.person_id === null
        ? null
        : { id: row.person_id, name: `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim() },
    grants: row.grants.map((g) => ({
      id: g.id,
      role: g.role,
      scopeUnit: g.unit_id ? { id: g.unit_id, name: g.unit_name ?? '' } : null,
      scopeBody: g.body_id ? { id: g.body_id, name: g.body_name ?? '' } : null,
    })),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** One audit entry of an account, with what it names (never a password). */
export function presentEvent(row: {
  at: Date;
  action: string;
  details: unknown;
  by_name: string | null;
}): AccountDetail['history'][number] {
  const details = (
    typeof row.details === 'string' ? JSON.parse(row.details) : (row.details ?? {})
  ) as Record<string, unknown>;
  const count = details.sessionsEnded ?? details.count;
  return {
    at: new Date(row.at).toISOString(),
    action: row.action,
    by: row.by_name,
    role: isRole(details.role) ? details.role : null,
    scope: text(details.scopeName),
    person: text(details.personName),
    name: row.action === 'user.rename' ? text(details.after) : null,
    count: typeof count === 'number' ? count : null,
  };
}

export function presentPlan(plan: AccountPlan, applied: boolean): FromPeoplePlan {
  const byRole = new Map<Role, number>();
  for (const account of plan.create)
    for (const grant of account.grants) byRole.set(grant.role, (byRole.get(grant.role) ?? 0) + 1);
  const byReason = new Map<FromPeoplePlan['skippedSample'][number]['reason'], number>();
  for (const skip of plan.skipped) byReason.set(skip.reason, (byReason.get(skip.reason) ?? 0) + 1);
  return {
    applied,
    create: plan.create.length,
    existing: plan.existing,
    byRole: [...byRole].map(([role, count]) => ({ role, count })),
    sample: plan.create.slice(0, SAMPLE).map((a) => ({
      personId: a.personId,
      name: a.name,
      username: a.username,
      roles: [...new Set(a.grants.map((g) => g.role))],
    })),
    skipped: plan.skipped.length,
    skippedByReason: [...byReason].map(([reason, count]) => ({ reason, count })),
    skippedSample: plan.skipped.slice(0, SAMPLE),
  };
}
