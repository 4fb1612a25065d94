import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockholmInstant, stockholmLocal } from './dates.ts';
import {
  DEFAULT_CHOICES,
  afterQuietHours,
  dedupKey,
  deliveryTime,
  fillTemplate,
  inQuietHours,
  isoWeek,
  planSend,
  unknownPlaceholders,
  type NotificationChoices,
  type PendingItem,
} from './notifications.ts';

const local = (s: string) => stockholmInstant(s);
const choices = (over: Partial<NotificationChoices> = {}): NotificationChoices => ({
  ...DEFAULT_CHOICES,
  ...over,
});

describe('dedup keys', () => {
  it('are the same for the same recipient, event, subject and period, and differ otherwise', () => {
    const base = {
      recipient: 'p1',
      event: 'due_soon' as const,
      subject: 'a1',
      period: '2027-01-31',
    };
    expect(dedupKey(base)).toBe(dedupKey({ ...base }));
    expect(dedupKey(base)).not.toBe(dedupKey({ ...base, period: '2027-02-28' }));
    expect(dedupKey(base)).not.toBe(dedupKey({ ...base, subject: 'a2' }));
    expect(dedupKey(base)).not.toBe(dedupKey({ ...base, event: 'overdue' }));
  });

  it('refuse a part that is empty or could run into the next', () => {
    expect(() =>
      dedupKey({ recipient: '', event: 'assigned', subject: 's', period: 'p' }),
    ).toThrow();
    expect(() =>
      dedupKey({ recipient: 'a|b', event: 'assigned', subject: 's', period: 'p' }),
    ).toThrow();
  });

  it('name a week by its Thursday (ISO 8601), across a new year', () => {
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('quiet hours', () => {
  const quiet = { from: '20:00', to: '07:00' };

  it('span midnight: quiet from the evening to the morning, in Stockholm time', () => {
    expect(inQuietHours(quiet, local('2026-12-04T19:59'))).toBe(false);
    expect(inQuietHours(quiet, local('2026-12-04T20:00'))).toBe(true);
    expect(inQuietHours(quiet, local('2026-12-05T03:00'))).toBe(true);
    expect(inQuietHours(quiet, local('2026-12-05T07:00'))).toBe(false);
    expect(inQuietHours(null, local('2026-12-05T03:00'))).toBe(false);
  });

  it('move a message to their end, the next morning when it is evening', () => {
    expect(stockholmLocal(afterQuietHours(quiet, local('2026-12-04T22:15')))).toBe(
      '2026-12-05T07:00',
    );
    expect(stockholmLocal(afterQuietHours(quiet, local('2026-12-05T05:00')))).toBe(
      '2026-12-05T07:00',
    );
    const noon = local('2026-12-05T12:00');
    expect(afterQuietHours(quiet, noon)).toEqual(noon);
  });

  it('within a day (a lunch break) and over the change to summer time', () => {
    const lunch = { from: '12:00', to: '13:00' };
    expect(inQuietHours(lunch, local('2026-12-04T12:30'))).toBe(true);
    expect(inQuietHours(lunch, local('2026-12-04T13:30'))).toBe(false);
    // The night the clocks go forward (29 March 2026): the morning is still 07:00 local.
    expect(stockholmLocal(afterQuietHours(quiet, local('2026-03-28T23:00')))).toBe(
      '2026-03-29T07:00',
    );
  });

  it('never leave a message inside them (property)', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        hhmm,
        hhmm,
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-01-01'), noInvalidDate: true }),
        (from, to, when) => {
          const window = { from, to };
          const out = afterQuietHours(window, when);
          expect(out.getTime()).toBeGreaterThanOrEqual(when.getTime());
          expect(inQuietHours(window, out)).toBe(false);
          expect(out.getTime() - when.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
        },
      ),
    );
  });
});

describe('when a notification goes out', () => {
  it('a mandatory notice at once, whatever the choices', () => {
    const night = local('2026-12-04T23:30');
    expect(deliveryTime('authority_notice', choices({ cadence: 'weekly' }), night)).toEqual(night);
  });

  it('an immediate one at once, or when the quiet hours end', () => {
    const noon = local('2026-12-04T12:00');
    expect(deliveryTime('booking_confirmed', choices({ cadence: 'immediate' }), noon)).toEqual(
      noon,
    );
    expect(
      stockholmLocal(
        deliveryTime(
          'booking_confirmed',
          choices({ cadence: 'immediate' }),
          local('2026-12-04T21:00'),
        ),
      ),
    ).toBe('2026-12-05T07:00');
  });

  it("a daily digest at the person's hour: today's if still ahead, else tomorrow's", () => {
    const daily = choices({ cadence: 'daily', digestHour: 8 });
    expect(stockholmLocal(deliveryTime('assigned', daily, local('2026-12-04T06:10')))).toBe(
      '2026-12-04T08:00',
    );
    expect(stockholmLocal(deliveryTime('assigned', daily, local('2026-12-04T08:01')))).toBe(
      '2026-12-05T08:00',
    );
  });

  it('a weekly digest on the chosen weekday, and never inside quiet hours', () => {
    // 2026-12-04 is a Friday; Monday is the 7th.
    const weekly = choices({ cadence: 'weekly', digestWeekday: 1, digestHour: 9 });
    expect(stockholmLocal(deliveryTime('manager_rollup', weekly, local('2026-12-04T10:00')))).toBe(
      '2026-12-07T09:00',
    );
    const early = choices({
      cadence: 'daily',
      digestHour: 6,
      quiet: { from: '22:00', to: '07:00' },
    });
    expect(stockholmLocal(deliveryTime('due_soon', early, local('2026-12-04T05:00')))).toBe(
      '2026-12-04T07:00',
    );
  });
});

describe('the daily cap', () => {
  const item = (id: string, event: PendingItem['event'], due: string): PendingItem => ({
    id,
    event,
    due: local(due),
  });
  const now = local('2026-12-04T10:00');

  it('sends everything due as one message while under the cap; what is not yet due waits', () => {
    const items = [
      item('a', 'assigned', '2026-12-04T07:00'),
      item('b', 'due_soon', '2026-12-04T07:00'),
      item('c', 'overdue', '2026-12-05T07:00'),
    ];
    const plan = planSend({ items, choices: choices(), sentToday: 0, now });
    expect(plan.now.map((i) => i.id)).toEqual(['a', 'b']);
    expect(plan.later).toBeNull();
  });

  it('holds back all but mandatory notices at the cap, until the next morning', () => {
    const items = [
      item('a', 'assigned', '2026-12-04T07:00'),
      item('law', 'authority_notice', '2026-12-04T09:59'),
    ];
    const plan = planSend({ items, choices: choices({ dailyCap: 2 }), sentToday: 2, now });
    expect(plan.now.map((i) => i.id)).toEqual(['law']);
    expect(plan.later?.items.map((i) => i.id)).toEqual(['a']);
    expect(stockholmLocal(plan.later?.at ?? new Date(0))).toBe('2026-12-05T07:00');
  });

  it('never sends more messages a day than the cap, mandatory ones aside (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
        (cap, rounds) => {
          let sent = 0;
          for (const mandatory of rounds) {
            const items = [
              item('x', 'assigned', '2026-12-04T07:00'),
              ...(mandatory ? [item('m', 'authority_notice', '2026-12-04T07:00')] : []),
            ];
            const plan = planSend({
              items,
              choices: choices({ dailyCap: cap }),
              sentToday: sent,
              now,
            });
            if (plan.now.some((i) => i.event !== 'authority_notice')) sent += 1;
            expect(plan.now.some((i) => i.event === 'authority_notice')).toBe(mandatory);
          }
          expect(sent).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });
});

describe('templates', () => {
  it('name the placeholders an event does not offer', () => {
    expect(unknownPlaceholders('Hej {name}, {programme} {oops}', ['name', 'programme'])).toEqual([
      'oops',
    ]);
    expect(unknownPlaceholders('Hej {name}', ['name'])).toEqual([]);
  });

  it('fill every placeholder, and refuse to send one without a value', () => {
    expect(fillTemplate('{name}: {n} kvar', { name: 'Ida', n: '2' })).toBe('Ida: 2 kvar');
    expect(() => fillTemplate('{name} {link}', { name: 'Ida' })).toThrow('link');
  });
});
