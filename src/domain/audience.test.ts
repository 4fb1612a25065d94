import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateAudience,
  type AudienceDefinition,
  type AudienceRule,
  type PersonFacts,
} from './audience.ts';

const DAY = '2026-11-23';
const socialWorker: PersonFacts = {
  personId: 'anna',
  employments: [
    {
      unitId: 'hemtjanst',
      unitPath: ['hemtjanst', 'aldre', 'soc', 'kommun'],
      title: 'Undersköterska',
      isManager: false,
      startDate: '2015-03-01',
      endDate: null,
    },
  ],
  seats: [],
};
const newManager: PersonFacts = {
  personId: 'bo',
  employments: [
    {
      unitId: 'bibl',
      unitPath: ['bibl', 'kfk', 'kommun'],
      title: 'Bibliotekschef',
      isManager: true,
      startDate: '2026-10-01',
      endDate: null,
    },
  ],
  seats: [],
};
const teacherOnCommittee: PersonFacts = {
  personId: 'cia',
  employments: [
    {
      unitId: 'skola',
      unitPath: ['skola', 'buk', 'kommun'],
      title: 'Lärare',
      isManager: false,
      startDate: '2010-08-15',
      endDate: null,
    },
  ],
  seats: [{ bodyId: 'kfn', role: 'substitute', termStart: '2023-01-01', termEnd: '2026-12-31' }],
};
const leaver: PersonFacts = {
  personId: 'dan',
  employments: [
    {
      unitId: 'skola',
      unitPath: ['skola', 'buk', 'kommun'],
      title: 'Lärare',
      isManager: false,
      startDate: '2010-08-15',
      endDate: '2026-06-30',
    },
  ],
  seats: [],
};

describe('evaluateAudience', () => {
  it('includes everyone employed in a subtree and explains why', () => {
    const verdict = evaluateAudience(
      { include: [{ roles: ['employee'], unitSubtrees: ['soc'] }] },
      socialWorker,
      DAY,
    );
    expect(verdict).toEqual({
      member: true,
      includedBy: {
        rule: 0,
        match: {
          via: 'employment',
          unitId: 'hemtjanst',
          title: 'Undersköterska',
          isManager: false,
          since: socialWorker.employments[0]!.startDate,
        },
      },
      excludedBy: null,
    });
    expect(
      evaluateAudience(
        { include: [{ roles: ['employee'], unitSubtrees: ['soc'] }] },
        teacherOnCommittee,
        DAY,
      ).member,
    ).toBe(false);
  });

  it('finds new managers within N days, not old ones', () => {
    const rule: AudienceRule = { roles: ['manager'], startedWithinDays: 90 };
    expect(evaluateAudience({ include: [rule] }, newManager, DAY).member).toBe(true);
    expect(
      evaluateAudience(
        { include: [rule] },
        {
          ...newManager,
          employments: [{ ...newManager.employments[0]!, startDate: '2020-01-01' }],
        },
        DAY,
      ).member,
    ).toBe(false);
    expect(evaluateAudience({ include: [rule] }, socialWorker, DAY).member).toBe(false);
  });

  it('reaches elected officials through their seats, members and substitutes apart', () => {
    const substitutes = {
      include: [{ roles: ['elected_substitute'], bodies: ['kfn'] }],
    } satisfies AudienceDefinition;
    expect(evaluateAudience(substitutes, teacherOnCommittee, DAY).includedBy?.match).toEqual({
      via: 'seat',
      bodyId: 'kfn',
      role: 'substitute',
      since: teacherOnCommittee.seats[0]!.termStart,
    });
    expect(
      evaluateAudience({ include: [{ roles: ['elected_member'] }] }, teacherOnCommittee, DAY)
        .member,
    ).toBe(false);
    expect(evaluateAudience(substitutes, teacherOnCommittee, '2027-01-01').member).toBe(false);
  });

  it('dates the match from the seat or employment begun first, whatever order the facts come in', () => {
    const councillor: PersonFacts = {
      personId: 'eva',
      employments: [],
      seats: [
        { bodyId: 'kf', role: 'member', termStart: '2022-10-15', termEnd: '2026-10-14' },
        { bodyId: 'kfn', role: 'member', termStart: '2019-01-01', termEnd: '2026-12-31' },
        { bodyId: 'sn', role: 'member', termStart: '2023-01-01', termEnd: '2026-12-31' },
      ],
    };
    const members = { include: [{ roles: ['elected_member'] }] } satisfies AudienceDefinition;
    for (const seats of [councillor.seats, [...councillor.seats].reverse()])
      expect(evaluateAudience(members, { ...councillor, seats }, DAY).includedBy?.match).toEqual({
        via: 'seat',
        bodyId: 'kfn',
        role: 'member',
        since: '2019-01-01',
      });
    const twoJobs: PersonFacts = {
      ...socialWorker,
      employments: [
        { ...socialWorker.employments[0]!, unitId: 'natt', startDate: '2020-01-01' },
        socialWorker.employments[0]!,
      ],
    };
    expect(
      evaluateAudience({ include: [{ roles: ['employee'], unitSubtrees: ['soc'] }] }, twoJobs, DAY)
        .includedBy?.match,
    ).toMatchObject({ via: 'employment', unitId: 'hemtjanst', since: '2015-03-01' });
  });

  it('drops leavers after their end date and lets an exclusion win', () => {
    const everyone: AudienceDefinition = { include: [{ roles: ['employee'] }] };
    expect(evaluateAudience(everyone, leaver, '2026-06-30').member).toBe(true);
    expect(evaluateAudience(everyone, leaver, '2026-07-01').member).toBe(false);
    const verdict = evaluateAudience(
      {
        include: [{ roles: ['employee'] }],
        exclude: [{ roles: ['employee'], titles: ['lärare'] }],
      },
      teacherOnCommittee,
      DAY,
    );
    expect(verdict.member).toBe(false);
    expect(verdict.excludedBy?.rule).toBe(0);
  });

  const arbitraryRule = fc.record({
    roles: fc.subarray(['employee', 'manager', 'elected_member', 'elected_substitute'] as const, {
      minLength: 1,
    }),
    unitSubtrees: fc.option(fc.subarray(['soc', 'kfk', 'buk', 'kommun']), { nil: undefined }),
    bodies: fc.option(fc.subarray(['kfn', 'sn']), { nil: undefined }),
  });
  const people = [socialWorker, newManager, teacherOnCommittee, leaver];

  it('property: adding an include rule never removes anyone; adding an exclude rule never adds anyone', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryRule, { maxLength: 3 }),
        fc.array(arbitraryRule, { maxLength: 2 }),
        arbitraryRule,
        (include, exclude, extra) => {
          for (const person of people) {
            const base = evaluateAudience({ include, exclude }, person, DAY).member;
            if (base)
              expect(
                evaluateAudience({ include: [...include, extra], exclude }, person, DAY).member,
              ).toBe(true);
            if (!base)
              expect(
                evaluateAudience({ include, exclude: [...exclude, extra] }, person, DAY).member,
              ).toBe(false);
          }
        },
      ),
    );
  });
});
