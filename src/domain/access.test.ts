import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canDecideCompletion,
  canSeePeopleOfUnit,
  canSeePerson,
  canSeeSeatsOfBody,
  managesPersonAt,
  type Grant,
} from './access.ts';
import type { BodyId, UnitId } from './ids.ts';
import { ROLES } from './roles.ts';

const unit = (id: string) => id as UnitId;
const body = (id: string) => id as BodyId;
const grant = (
  role: Grant['role'],
  scopeUnitId: string | null = null,
  scopeBodyId: string | null = null,
): Grant => ({
  role,
  scopeUnitId: scopeUnitId === null ? null : unit(scopeUnitId),
  scopeBodyId: scopeBodyId === null ? null : body(scopeBodyId),
});

describe('canSeePeopleOfUnit', () => {
  const path = [unit('library'), unit('libraries'), unit('culture'), unit('root')];

  it('lets a manager see their own unit and what lies under it', () => {
    expect(canSeePeopleOfUnit([grant('manager', 'library')], path)).toBe(true);
    expect(canSeePeopleOfUnit([grant('manager', 'culture')], path)).toBe(true);
  });

  it("denies a manager another unit's people", () => {
    expect(canSeePeopleOfUnit([grant('manager', 'pool')], path)).toBe(false);
  });

  it('denies a manager without a scope, and roles that do not list people', () => {
    expect(canSeePeopleOfUnit([grant('manager')], path)).toBe(false);
    for (const role of [
      'employee',
      'trainer',
      'elected_official',
      'security_coordinator',
      'safety_representative',
    ] as const) {
      expect(canSeePeopleOfUnit([grant(role)], path)).toBe(false);
    }
  });

  it('lets administrators see all and programme owners their scope', () => {
    expect(canSeePeopleOfUnit([grant('administrator', 'elsewhere')], path)).toBe(true);
    expect(canSeePeopleOfUnit([grant('programme_owner')], path)).toBe(true);
    expect(canSeePeopleOfUnit([grant('programme_owner', 'culture')], path)).toBe(true);
    expect(canSeePeopleOfUnit([grant('programme_owner', 'social')], path)).toBe(false);
  });

  it('property: a manager sees a unit exactly when the scope is on its path', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(fc.uniqueArray(ids, { minLength: 1, maxLength: 6 }), ids, (chain, scope) => {
        const unitPath = chain.map(unit);
        expect(canSeePeopleOfUnit([grant('manager', scope)], unitPath)).toBe(chain.includes(scope));
      }),
    );
  });

  it('property: adding grants never takes access away', () => {
    const arbitraryGrant = fc.record({
      role: fc.constantFrom(...ROLES),
      scopeUnitId: fc.option(fc.constantFrom('a', 'b', 'c').map(unit), { nil: null }),
      scopeBodyId: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(arbitraryGrant), fc.array(arbitraryGrant), (some, more) => {
        const unitPath = [unit('a'), unit('b')];
        if (canSeePeopleOfUnit(some, unitPath))
          expect(canSeePeopleOfUnit([...some, ...more], unitPath)).toBe(true);
      }),
    );
  });
});

describe('canSeeSeatsOfBody', () => {
  it('lets an elected official see only their own body', () => {
    expect(canSeeSeatsOfBody([grant('elected_official', null, 'kfn')], body('kfn'))).toBe(true);
    expect(canSeeSeatsOfBody([grant('elected_official', null, 'kfn')], body('sn'))).toBe(false);
    expect(canSeeSeatsOfBody([grant('elected_official')], body('sn'))).toBe(false);
  });

  it('lets security coordinators and programme owners see every body unless scoped', () => {
    expect(canSeeSeatsOfBody([grant('security_coordinator')], body('sn'))).toBe(true);
    expect(canSeeSeatsOfBody([grant('programme_owner', null, 'kfn')], body('sn'))).toBe(false);
    expect(canSeeSeatsOfBody([grant('employee'), grant('manager', 'x')], body('sn'))).toBe(false);
  });
});

describe('canSeePerson', () => {
  const library = [unit('library'), unit('culture'), unit('root')];
  const pool = [unit('pool'), unit('culture'), unit('root')];

  it("lets a manager open the people of their units and nobody else's", () => {
    expect(canSeePerson([grant('manager', 'library')], [library], [])).toBe(true);
    expect(canSeePerson([grant('manager', 'library')], [pool], [])).toBe(false);
    expect(canSeePerson([grant('manager', 'library')], [pool, library], [])).toBe(true);
  });

  it('lets security coordinators open elected officials, not employees', () => {
    expect(canSeePerson([grant('security_coordinator')], [], [body('ks')])).toBe(true);
    expect(canSeePerson([grant('security_coordinator')], [library], [])).toBe(false);
    expect(canSeePerson([grant('elected_official', null, 'ks')], [], [body('ks')])).toBe(false);
  });
});

describe('managesPersonAt', () => {
  const library = ['LIB', 'CULTURE', 'ROOT'] as UnitId[];
  const school = ['SCHOOL', 'EDU', 'ROOT'] as UnitId[];
  it('is true for a manager of one of the units above the person, and only then', () => {
    expect(managesPersonAt([grant('manager', 'CULTURE')], [school, library])).toBe(true);
    expect(managesPersonAt([grant('manager', 'CULTURE')], [school])).toBe(false);
    expect(managesPersonAt([grant('manager')], [library])).toBe(false);
    expect(managesPersonAt([grant('administrator')], [library])).toBe(false);
  });
});

describe('canDecideCompletion', () => {
  const paths = [[unit('library'), unit('culture'), unit('root')]];

  it('lets the approver the course names decide, within their scope', () => {
    expect(canDecideCompletion([grant('manager', 'library')], 'manager', paths, false)).toBe(true);
    expect(canDecideCompletion([grant('manager', 'pool')], 'manager', paths, false)).toBe(false);
    expect(canDecideCompletion([grant('trainer', 'culture')], 'trainer', paths, false)).toBe(true);
    expect(canDecideCompletion([grant('trainer', 'social')], 'trainer', paths, false)).toBe(false);
    expect(canDecideCompletion([grant('manager', 'library')], 'trainer', paths, false)).toBe(false);
  });

  it('always lets administrators and the programme owners decide', () => {
    expect(canDecideCompletion([grant('administrator')], 'manager', paths, false)).toBe(true);
    expect(canDecideCompletion([grant('employee')], 'programme_owner', paths, true)).toBe(true);
    expect(canDecideCompletion([grant('employee')], 'programme_owner', paths, false)).toBe(false);
  });

  it('property: nobody outside the course approver, owners and administrators decides', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom<('manager' | 'trainer' | 'programme_owner')[]>(
          'manager',
          'trainer',
          'programme_owner',
        ),
        (role, approval) => {
          const allowed = canDecideCompletion([grant(role, 'library')], approval, paths, false);
          if (allowed) expect(role === 'administrator' || role === approval).toBe(true);
        },
      ),
    );
  });
});
