import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  grantProblem,
  lockOutRefusal,
  planAccountsFromPeople,
  type RegisterPerson,
} from './accounts.ts';
import { ROLES } from './roles.ts';

const person = (over: Partial<RegisterPerson> & { id: string }): RegisterPerson => ({
  name: `Person ${over.id}`,
  email: `${over.id}@kommun.se`,
  hasAccount: false,
  employments: [{ unitId: 'u1', isManager: false }],
  seatBodies: [],
  ...over,
});

describe('grant scopes', () => {
  it('asks for the scope each role needs and refuses what it cannot take', () => {
    expect(grantProblem('manager', { unit: false, body: false })).toEqual({
      field: 'scopeUnitId',
      code: 'needs_unit',
    });
    expect(grantProblem('manager', { unit: true, body: false })).toBeNull();
    expect(grantProblem('elected_official', { unit: false, body: false })).toEqual({
      field: 'scopeBodyId',
      code: 'needs_body',
    });
    expect(grantProblem('elected_official', { unit: true, body: true })?.code).toBe(
      'scope_not_allowed',
    );
    expect(grantProblem('administrator', { unit: true, body: false })?.code).toBe(
      'scope_not_allowed',
    );
    expect(grantProblem('programme_owner', { unit: true, body: true })).toEqual({
      field: 'scopeBodyId',
      code: 'one_scope_only',
    });
    expect(grantProblem('programme_owner', { unit: false, body: true })).toBeNull();
    expect(grantProblem('security_coordinator', { unit: false, body: false })).toBeNull();
  });

  it('never accepts both a unit and a body, for any role', () => {
    for (const role of ROLES) expect(grantProblem(role, { unit: true, body: true })).not.toBeNull();
  });
});

describe('the lock-out rule', () => {
  it('refuses one’s own account first, then the last enabled administrator', () => {
    expect(
      lockOutRefusal({ own: true, isEnabledAdministrator: true, enabledAdministrators: 5 }),
    ).toBe('own_account');
    expect(
      lockOutRefusal({ own: false, isEnabledAdministrator: true, enabledAdministrators: 1 }),
    ).toBe('last_administrator');
    expect(
      lockOutRefusal({ own: false, isEnabledAdministrator: true, enabledAdministrators: 2 }),
    ).toBeNull();
    expect(
      lockOutRefusal({ own: false, isEnabledAdministrator: false, enabledAdministrators: 1 }),
    ).toBeNull();
  });
});

describe('accounts from the people register', () => {
  it('names accounts by e-mail and grants what the register says the person is', () => {
    const plan = planAccountsFromPeople(
      [
        person({ id: 'a', email: ' Anna.Berg@Kommun.se ' }),
        person({
          id: 'b',
          employments: [
            { unitId: 'u1', isManager: true },
            { unitId: 'u2', isManager: false },
          ],
          seatBodies: ['kfn', 'kfn'],
        }),
        person({ id: 'c', employments: [], seatBodies: ['ks'] }),
      ],
      new Set(),
    );
    expect(plan.create.map((a) => [a.username, a.grants.map((g) => g.role)])).toEqual([
      ['anna.berg@kommun.se', ['employee']],
      ['b@kommun.se', ['employee', 'manager', 'elected_official']],
      ['c@kommun.se', ['elected_official']],
    ]);
    expect(plan.create[1]?.grants[1]).toEqual({
      role: 'manager',
      scopeUnitId: 'u1',
      scopeBodyId: null,
    });
  });

  it('skips, with the reason, what cannot become an account', () => {
    const plan = planAccountsFromPeople(
      [
        person({ id: 'has', hasAccount: true }),
        person({ id: 'none', email: null }),
        person({ id: 'plus', email: 'a+b@kommun.se' }),
        person({ id: 's1', email: 'delad@kommun.se' }),
        person({ id: 's2', email: 'DELAD@kommun.se' }),
        person({ id: 'taken', email: 'chef@kommun.se' }),
        person({ id: 'gone', employments: [] }),
      ],
      new Set(['chef@kommun.se']),
    );
    expect(plan.create).toEqual([]);
    expect(plan.existing).toBe(1);
    expect(plan.skipped.map((s) => [s.personId, s.reason])).toEqual([
      ['none', 'no_email'],
      ['plus', 'username_format'],
      ['s1', 'email_shared'],
      ['s2', 'email_shared'],
      ['taken', 'username_taken'],
      ['gone', 'not_active'],
    ]);
  });

  it('accounts for everyone exactly once, and never makes two accounts of one name', () => {
    const people = fc.array(
      fc.record({
        id: fc.uuid(),
        email: fc.option(fc.constantFrom('a@k.se', 'b@k.se', 'c@k.se', 'd@k.se', 'x y@k.se')),
        hasAccount: fc.boolean(),
        employed: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(people, fc.subarray(['a@k.se', 'b@k.se']), (rows, taken) => {
        const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
        const plan = planAccountsFromPeople(
          unique.map((r) =>
            person({
              id: r.id,
              email: r.email,
              hasAccount: r.hasAccount,
              employments: r.employed ? [{ unitId: 'u', isManager: false }] : [],
            }),
          ),
          new Set(taken),
        );
        expect(plan.create.length + plan.skipped.length + plan.existing).toBe(unique.length);
        const names = plan.create.map((a) => a.username);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(taken).not.toContain(name);
      }),
    );
  });
});
