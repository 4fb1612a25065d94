import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dueDate,
  planAssignments,
  type OpenAssignment,
  type StoredAudience,
} from './assignment.ts';
import type { PersonFacts } from './audience.ts';

const DAY = '2026-11-23';

function employee(personId: string, unitPath: string[], startDate: string, title = 'Lärare') {
  return {
    personId,
    employments: [
      { unitId: unitPath[0] ?? 'x', unitPath, title, isManager: false, startDate, endDate: null },
    ],
    seats: [],
  } satisfies PersonFacts;
}

const soc: StoredAudience = { include: [{ roles: ['employee'], unitSubtrees: ['soc'] }] };

function applyPlan(
  open: Map<string, OpenAssignment>,
  plan: ReturnType<typeof planAssignments>,
): Map<string, OpenAssignment> {
  const next = new Map(open);
  for (const ended of plan.end) next.delete(ended.personId);
  for (const created of plan.create)
    next.set(created.personId, { id: `a-${created.personId}`, personId: created.personId });
  return next;
}

describe('assignment plan', () => {
  it('assigns newcomers from the programme start or their start date, whichever is later', () => {
    const plan = planAssignments({
      audience: soc,
      due: { kind: 'after_assignment', days: 30 },
      periodStart: '2026-01-01',
      asOf: DAY,
      people: [
        employee('old', ['hemtjanst', 'soc', 'kommun'], '2015-01-01'),
        employee('new', ['hemtjanst', 'soc', 'kommun'], '2026-10-01'),
        employee('teacher', ['skola', 'buk', 'kommun'], '2015-01-01'),
      ],
      open: new Map(),
    });
    expect(plan.end).toEqual([]);
    expect(plan.create.map((a) => [a.personId, a.assignedOn, a.dueOn])).toEqual([
      ['old', '2026-01-01', '2026-01-31'],
      ['new', '2026-10-01', '2026-10-31'],
    ]);
    expect(plan.create[0]?.reason).toMatchObject({ rule: 0, match: { unitId: 'hemtjanst' } });
  });

  it('ends the assignments of leavers and of people who moved out, keeps new hires past N days', () => {
    const open = new Map([
      ['mover', { id: 'a1', personId: 'mover' }],
      ['leaver', { id: 'a2', personId: 'leaver' }],
      ['hire', { id: 'a3', personId: 'hire' }],
    ]);
    const plan = planAssignments({
      audience: {
        include: [{ roles: ['employee'], unitSubtrees: ['soc'], startedWithinDays: 90 }],
      },
      due: { kind: 'after_start', days: 90 },
      periodStart: '2026-01-01',
      asOf: DAY,
      people: [
        employee('mover', ['skola', 'buk', 'kommun'], '2015-01-01'),
        employee('hire', ['hemtjanst', 'soc', 'kommun'], '2025-01-01'),
      ],
      open,
    });
    expect(plan.create).toEqual([]);
    expect(plan.end.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
  });

  it('computes due dates that are fixed, after the start, or after the assignment', () => {
    expect(dueDate({ kind: 'fixed', date: '2028-11-30' }, DAY, '2020-01-01')).toBe('2028-11-30');
    expect(dueDate({ kind: 'after_start', days: 90 }, '2026-10-01', '2026-10-01')).toBe(
      '2026-12-30',
    );
    // Someone who started long before the programme is not overdue on the day they are assigned.
    expect(dueDate({ kind: 'after_start', days: 90 }, '2026-04-01', '2015-01-01')).toBe(
      '2026-06-30',
    );
    expect(dueDate({ kind: 'after_assignment', days: 10 }, DAY, '2020-01-01')).toBe('2026-12-03');
  });

  it('property: planning again after applying a plan plans nothing', () => {
    const units = ['hemtjanst', 'skola'] as const;
    const person = fc.record({
      unit: fc.constantFrom(...units),
      start: fc.constantFrom('2010-01-01', '2026-10-01', '2026-11-20'),
      title: fc.constantFrom('Lärare', 'Praktikant'),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 12 }), fc.boolean(), (list, newHires) => {
        const people = list.map((p, i) =>
          employee(
            `p${i}`,
            p.unit === 'hemtjanst' ? ['hemtjanst', 'soc', 'kommun'] : ['skola', 'buk', 'kommun'],
            p.start,
            p.title,
          ),
        );
        const audience: StoredAudience = {
          include: [{ roles: ['employee'], ...(newHires ? { startedWithinDays: 30 } : {}) }],
          exclude: [{ roles: ['employee'], titles: ['praktikant'] }],
        };
        const open = new Map(
          list.flatMap((p, i) => (p.open ? [[`p${i}`, { id: `x${i}`, personId: `p${i}` }]] : [])),
        ) as Map<string, OpenAssignment>;
        const input = {
          audience,
          due: { kind: 'fixed', date: '2027-01-01' } as const,
          periodStart: '2026-01-01',
          asOf: DAY,
          people,
        };
        const first = planAssignments({ ...input, open });
        const second = planAssignments({ ...input, open: applyPlan(open, first) });
        expect(second).toEqual({ create: [], end: [] });
        // Nobody excluded ever holds an assignment after a plan.
        for (const created of first.create)
          expect(list[Number(created.personId.slice(1))]?.title).not.toBe('Praktikant');
      }),
    );
  });
});
