import type { BodyId, UnitId } from './ids.ts';
import type { Role } from './roles.ts';

/** One role of a signed-in user, limited to an organisation subtree or a political body. */
export interface Grant {
  role: Role;
  scopeUnitId: UnitId | null;
  scopeBodyId: BodyId | null;
}

/** Roles that see people across the organisation (within their scope, when they have one). */
const ORGANISATION_WIDE: readonly Role[] = ['administrator', 'programme_owner'];
/** Roles that see the seats of political bodies (within their body, when scoped). */
const BODY_WIDE: readonly Role[] = ['administrator', 'programme_owner', 'security_coordinator'];

/**
 * May the holder of `grants` see the people of a unit whose ancestor chain (the unit itself
 * first, then its parent, … up to the root) is `unitPath`?
 * Administrators see everything; programme owners see their scope (or everything when
 * unscoped); managers see only their own subtree, never the whole municipality.
 */
export function canSeePeopleOfUnit(grants: readonly Grant[], unitPath: readonly UnitId[]): boolean {
  return grants.some((grant) => {
    if (grant.role === 'administrator') return true;
    if (ORGANISATION_WIDE.includes(grant.role)) {
      return grant.scopeUnitId === null || unitPath.includes(grant.scopeUnitId);
    }
    if (grant.role === 'manager') {
      return grant.scopeUnitId !== null && unitPath.includes(grant.scopeUnitId);
    }
    return false;
  });
}

/** May the holder of `grants` see who sits in a political body? */
export function canSeeSeatsOfBody(grants: readonly Grant[], bodyId: BodyId): boolean {
  return grants.some((grant) => {
    if (grant.role === 'administrator') return true;
    if (BODY_WIDE.includes(grant.role) || grant.role === 'elected_official') {
      return grant.scopeBodyId === null
        ? grant.role !== 'elected_official'
        : grant.scopeBodyId === bodyId;
    }
    return false;
  });
}

export function hasAnyRole(grants: readonly Grant[], roles: readonly Role[]): boolean {
  return grants.some((grant) => roles.includes(grant.role));
}

/**
 * May the holder of `grants` open a person's page? When they may see the people of one of
 * the units the person works in (`unitPaths`: each unit's ancestor chain), or, for the roles
 * that follow political bodies, when the person sits in one of theirs.
 */
export function canSeePerson(
  grants: readonly Grant[],
  unitPaths: readonly (readonly UnitId[])[],
  seatBodies: readonly BodyId[],
): boolean {
  if (unitPaths.some((path) => canSeePeopleOfUnit(grants, path))) return true;
  return seatBodies.some((body) =>
    grants.some(
      (grant) =>
        grant.role !== 'elected_official' &&
        BODY_WIDE.includes(grant.role) &&
        canSeeSeatsOfBody([grant], body),
    ),
  );
}

/**
 * Does the holder of `grants` manage one of the units a person works in (`unitPaths`: each
 * unit's ancestor chain)? What lets a manager approve their staff's reports and book them.
 */
export function managesPersonAt(
  grants: readonly Grant[],
  unitPaths: readonly (readonly UnitId[])[],
): boolean {
  return grants.some(
    (g) =>
      g.role === 'manager' &&
      g.scopeUnitId !== null &&
      unitPaths.some((path) => path.includes(g.scopeUnitId as UnitId)),
  );
}

/** Who approves a self-reported completion, as the course asks for it. */
export type ApprovalBy = 'none' | 'manager' | 'trainer' | 'programme_owner';

/**
 * May the holder of `grants` accept or reject a completion of a person working in the units
 * `unitPaths`? Administrators and the programme's owners always may; otherwise the approver the
 * course names, within their scope: a manager of one of the person's units, a trainer serving
 * it. Nobody decides on their own completion (checked by the caller, who knows the person).
 */
export function canDecideCompletion(
  grants: readonly Grant[],
  approval: ApprovalBy,
  unitPaths: readonly (readonly UnitId[])[],
  ownsProgramme: boolean,
): boolean {
  if (ownsProgramme || hasAnyRole(grants, ['administrator'])) return true;
  const serves = (scope: UnitId | null) =>
    scope !== null && unitPaths.some((path) => path.includes(scope));
  if (approval === 'manager') return managesPersonAt(grants, unitPaths);
  if (approval === 'trainer')
    return grants.some(
      (g) => g.role === 'trainer' && (g.scopeUnitId === null || serves(g.scopeUnitId)),
    );
  return false;
}
