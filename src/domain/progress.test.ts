import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eachTargetStatus,
  forecastAtDeadline,
  monthsBetween,
  nodeProgress,
  paceNeeded,
  percent,
  recentPace,
  rollUpPeople,
  rollUpTallies,
  targetStatus,
  monthOf,
  monthlyTrend,
  treeLevel,
  trendByMonth,
} from './progress.ts';

describe('percent', () => {
  it('rounds to one decimal and is 0 for an empty audience', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBe(0);
  });

  it('property: always between 0 and 100', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (completed, eligible) => {
        const value = percent(completed, eligible);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('trend and pace', () => {
  const dates = [
    '2026-01-15',
    '2026-08-02',
    '2026-08-20',
    '2026-09-01',
    '2026-10-10',
    '2026-11-05',
  ];

  it('counts completions per month with a running total from earlier ones', () => {
    expect(trendByMonth(dates, '2026-08-01', '2026-11-23')).toEqual([
      { month: '2026-08', completed: 2, cumulative: 3 },
      { month: '2026-09', completed: 1, cumulative: 4 },
      { month: '2026-10', completed: 1, cumulative: 5 },
      { month: '2026-11', completed: 1, cumulative: 6 },
    ]);
  });

  it('property: the trend from per-month counts equals the trend from the dates', () => {
    const day = fc
      .date({
        min: new Date('2025-01-01T12:00:00Z'),
        max: new Date('2027-12-31T12:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 40 }), day, (all, asOf) => {
        const from = `${monthOf(asOf)}-01`.replace(/^(\d{4})/, (y) => String(Number(y) - 1));
        const counts = new Map<string, number>();
        for (const d of all.filter((d) => d <= asOf))
          counts.set(monthOf(d), (counts.get(monthOf(d)) ?? 0) + 1);
        expect(monthlyTrend(counts, from, asOf)).toEqual(trendByMonth(all, from, asOf));
      }),
    );
  });

  it('measures the pace over the last three whole months, not the running one', () => {
    const trend = trendByMonth(dates, '2026-08-01', '2026-11-23');
    expect(recentPace(trend, '2026-11-23')).toBeCloseTo(4 / 3);
    expect(recentPace([], '2026-11-23')).toBe(0);
  });
});

describe('forecast, pace needed and status', () => {
  const base = { eligible: 2000, completed: 300, asOf: '2026-11-23', deadline: '2028-12-31' };

  it('projects the recent pace to the deadline (the violence programme after year one)', () => {
    const months = monthsBetween(base.asOf, base.deadline);
    expect(months).toBeCloseTo(25.3, 1);
    expect(forecastAtDeadline({ ...base, pace: 25 })).toBe(percent(300 + 25 * months, 2000));
    expect(paceNeeded({ ...base, targetPercent: 100 })).toBe(Math.ceil((1700 / months) * 10) / 10);
  });

  it('needs nothing once the target is reached, everything at once after the deadline', () => {
    expect(paceNeeded({ ...base, completed: 600, eligible: 2000, targetPercent: 30 })).toBe(0);
    expect(paceNeeded({ ...base, asOf: '2029-01-15', targetPercent: 30 })).toBe(300);
  });

  it('names the status from now and the forecast', () => {
    const status = (percentNow: number, forecast: number, asOf = '2026-11-23') =>
      targetStatus({ percentNow, forecast, targetPercent: 30, asOf, deadline: '2026-12-31' });
    expect(status(31, 31)).toBe('met');
    expect(status(20, 35)).toBe('on_track');
    expect(status(20, 25)).toBe('at_risk');
    expect(status(5, 12)).toBe('behind');
    expect(status(25, 40, '2027-01-01')).toBe('behind');
  });

  it('property: the forecast never falls when the pace rises, and stays within 0-100', () => {
    fc.assert(
      fc.property(
        fc.nat(5000),
        fc.nat(5000),
        fc.float({ min: 0, max: 500, noNaN: true }),
        fc.float({ min: 0, max: 500, noNaN: true }),
        (eligible, done, a, b) => {
          const completed = Math.min(done, eligible);
          const [slow, fast] = a <= b ? [a, b] : [b, a];
          const low = forecastAtDeadline({ ...base, eligible, completed, pace: slow });
          const high = forecastAtDeadline({ ...base, eligible, completed, pace: fast });
          expect(high).toBeGreaterThanOrEqual(low);
          expect(high).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it('property: more completions never need a higher pace', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(5000),
        fc.nat(5000),
        fc.integer({ min: 1, max: 100 }),
        (eligible, a, b, targetPercent) => {
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          const need = (completed: number) =>
            paceNeeded({ ...base, eligible, completed, targetPercent });
          expect(need(more)).toBeLessThanOrEqual(need(fewer));
        },
      ),
    );
  });

  it('combines everything for one dashboard node', () => {
    const trend = trendByMonth(
      ['2026-08-10', '2026-09-10', '2026-10-10'],
      '2026-08-01',
      '2026-11-23',
      297,
    );
    expect(
      nodeProgress({
        eligible: 1000,
        completed: 300,
        targetPercent: 30,
        trend,
        asOf: '2026-11-23',
        deadline: '2026-12-31',
      }),
    ).toMatchObject({
      percent: 30,
      status: 'met',
      paceNeeded: 0,
      pace: 1,
    });
  });
});

describe('eachTargetStatus', () => {
  const none = { met: 0, on_track: 0, at_risk: 0, behind: 0 };

  it('is the weakest node, not the average: 30 of 92 units behind is behind', () => {
    expect(eachTargetStatus('on_track', { ...none, on_track: 62, behind: 30 })).toBe('behind');
    expect(eachTargetStatus('met', { ...none, met: 10, at_risk: 1 })).toBe('at_risk');
    expect(eachTargetStatus('at_risk', { ...none, met: 4, on_track: 2 })).toBe('on_track');
  });

  it('is met only when every node is', () => {
    expect(eachTargetStatus('on_track', { ...none, met: 12 })).toBe('met');
  });

  it('is the whole own status without target nodes', () => {
    expect(eachTargetStatus('at_risk', none)).toBe('at_risk');
  });

  it('is never better than any node (property)', () => {
    const rank = { behind: 0, at_risk: 1, on_track: 2, met: 3 } as const;
    const count = fc.nat({ max: 50 });
    fc.assert(
      fc.property(
        fc.constantFrom('met', 'on_track', 'at_risk', 'behind' as const),
        fc.record({ met: count, on_track: count, at_risk: count, behind: count }),
        (whole, nodes) => {
          const status = eachTargetStatus(whole, nodes);
          for (const [node, n] of Object.entries(nodes))
            if (n > 0) expect(rank[status]).toBeLessThanOrEqual(rank[node as keyof typeof rank]);
        },
      ),
    );
  });
});

describe('rollUpPeople', () => {
  const tree = [
    { id: 'kommun', parentId: null },
    { id: 'soc', parentId: 'kommun' },
    { id: 'hemtjanst', parentId: 'soc' },
    { id: 'boende', parentId: 'soc' },
  ];

  it('counts a person with two employments once in the common parent', () => {
    const rolled = rollUpPeople(
      tree,
      new Map([
        ['hemtjanst', new Set(['anna', 'bo'])],
        ['boende', new Set(['anna', 'cia'])],
      ]),
    );
    expect(rolled.get('soc')?.size).toBe(3);
    expect(rolled.get('kommun')?.size).toBe(3);
    expect(rolled.get('hemtjanst')?.size).toBe(2);
  });

  it("property: a parent's audience is the distinct union of its own and its children's", () => {
    const people = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
    fc.assert(
      fc.property(people, people, people, (own, left, right) => {
        const rolled = rollUpPeople(
          tree,
          new Map([
            ['soc', new Set(own)],
            ['hemtjanst', new Set(left)],
            ['boende', new Set(right)],
          ]),
        );
        expect([...(rolled.get('soc') ?? [])].sort()).toEqual(
          [...new Set([...own, ...left, ...right])].sort(),
        );
      }),
    );
  });
});

describe('rollUpTallies', () => {
  const parentOf = new Map<string, string | null>([
    ['kommun', null],
    ['soc', 'kommun'],
    ['buk', 'kommun'],
    ['hemtjanst', 'soc'],
    ['boende', 'soc'],
    ['skola', 'buk'],
  ]);
  const leaves = ['hemtjanst', 'boende', 'skola', 'soc'] as const;

  it('property: counts from per-unit tallies equal distinct counts from the people', () => {
    const person = fc.record({
      units: fc.uniqueArray(fc.constantFrom(...leaves), { minLength: 1, maxLength: 3 }),
      month: fc.option(fc.constantFrom('2026-01', '2026-02', '2026-03'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 25 }), (people) => {
        const single = new Map<string, number>();
        const multi = new Map<string, { units: string[]; month: string | null }>();
        people.forEach((p, i) => {
          if (p.units.length === 1) {
            const key = `${p.units[0]}|${p.month ?? ''}`;
            single.set(key, (single.get(key) ?? 0) + 1);
          } else multi.set(`p${i}`, p);
        });
        const tallies = rollUpTallies(
          parentOf,
          [...single].map(([key, n]) => {
            const [unitId = '', month = ''] = key.split('|');
            return { unitId, month: month || null, n };
          }),
          multi,
        );
        const nodes = [...parentOf].map(([id, parentId]) => ({ id, parentId }));
        const direct = new Map<string, Set<string>>();
        const doneDirect = new Map<string, Set<string>>();
        people.forEach((p, i) => {
          for (const unit of p.units) {
            direct.set(unit, (direct.get(unit) ?? new Set()).add(`p${i}`));
            if (p.month) doneDirect.set(unit, (doneDirect.get(unit) ?? new Set()).add(`p${i}`));
          }
        });
        const all = rollUpPeople(nodes, direct);
        const done = rollUpPeople(nodes, doneDirect);
        for (const [id] of parentOf) {
          expect(tallies.get(id)?.eligible ?? 0).toBe(all.get(id)?.size ?? 0);
          expect(tallies.get(id)?.completed ?? 0).toBe(done.get(id)?.size ?? 0);
          const months = [...(tallies.get(id)?.months.values() ?? [])].reduce((a, b) => a + b, 0);
          expect(months).toBe(done.get(id)?.size ?? 0);
        }
      }),
    );
  });
});

describe('treeLevel', () => {
  const units = [
    { id: 'kfk', parentId: 'root' },
    { id: 'root', parentId: null },
    { id: 'lib', parentId: 'kfk' },
  ];
  it('opens on the top of the tree, or on a unit, with its children', () => {
    const top = treeLevel(units, undefined);
    expect(top).toMatchObject({ top: 'root', focus: 'root' });
    expect(units.filter((u) => top?.inLevel(u.id, u.parentId)).map((u) => u.id)).toEqual([
      'kfk',
      'root',
    ]);
    const culture = treeLevel(units, 'kfk');
    expect(units.filter((u) => culture?.inLevel(u.id, u.parentId)).map((u) => u.id)).toEqual([
      'kfk',
      'lib',
    ]);
    expect(treeLevel(units, 'elsewhere')).toBeNull();
  });
});
