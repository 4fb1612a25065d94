import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { DEFAULT_REMINDER_RULE, reminderFor } from './reminders.ts';

describe('reminderFor', () => {
  const due = '2026-12-20';
  it('tells of a due date within the rule’s days, once per due date', () => {
    expect(reminderFor(DEFAULT_REMINDER_RULE, due, '2026-12-05')).toBeNull();
    expect(reminderFor(DEFAULT_REMINDER_RULE, due, '2026-12-06')).toEqual({
      event: 'due_soon',
      period: due,
    });
    expect(reminderFor(DEFAULT_REMINDER_RULE, due, due)).toEqual({
      event: 'due_soon',
      period: due,
    });
  });

  it('reminds of a late one from the day after, once per period of lateness', () => {
    const periods = [1, 7, 8, 14, 15].map(
      (late) => reminderFor(DEFAULT_REMINDER_RULE, due, addDays(due, late))?.period,
    );
    expect(periods).toEqual(['late-0', 'late-0', 'late-1', 'late-1', 'late-2']);
  });

  it('sends nothing the rule turns off', () => {
    const off = { dueSoonDays: null, overdueEveryDays: null };
    expect(reminderFor(off, due, '2026-12-19')).toBeNull();
    expect(reminderFor(off, due, '2026-12-21')).toBeNull();
  });

  it('gives at most one new reminder per period, however many days it runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 400 }),
        (every, days) => {
          const rule = { dueSoonDays: 14, overdueEveryDays: every };
          const periods = new Set<string>();
          for (let late = 1; late <= days; late++)
            periods.add(reminderFor(rule, due, addDays(due, late))?.period ?? '');
          expect(periods.size).toBe(Math.ceil(days / every));
        },
      ),
    );
  });
});
